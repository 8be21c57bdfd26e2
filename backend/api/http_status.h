// http_status.h — the one mapping from Slotwise's error vocabulary (slotwise/error_codes.h) to HTTP statuses, used by
// every route. Services below api/ answer errors as values (Error, with a code from codes::); only here do they become
// statuses.
//
// Contract: HttpStatusFor(code) is a function of the code's ErrorKind alone —
//   kMalformedRequest 400, kUnauthenticated 401, kPermissionDenied 403, kNotFound 404, kConflict 409, kGone 410,
//   kTooLarge 413, kUnsupportedMediaType 415, kInvalidArgument 422, kFailedDependency 424, kRateLimited 503 (a
//   provider throttles us; our own rate limits are not this code),
//   kInternal 500, kUpstream 502, kUnavailable 503.
// The engine's own answers keep the engine's contract: HttpStatusFor(EngineStatus) is 200 / 422 / 404 / 500.
#pragma once

#include <string_view>

#include "slotwise/engine_api.h"
#include "slotwise/error_codes.h"

namespace slotwise {

int HttpStatusFor(ErrorKind kind);
int HttpStatusFor(std::string_view code);  // HttpStatusFor(KindOf(code))
int HttpStatusFor(EngineStatus status);

}  // namespace slotwise
