// http_status.h — HTTP statuses for every route. Services below api/ answer errors as values (Error, with a code from
// codes::); routes turn them into statuses here.
//
// Contract: HttpStatusFor(code) and HttpStatusFor(ErrorKind) are the vocabulary's own mapping (slotwise/error_codes.h:
// a function of the code's kind alone). The engine's own answers keep the engine's contract: HttpStatusFor(EngineStatus)
// is 200 / 422 / 404 / 500.
#pragma once

#include <string_view>

#include "slotwise/engine_api.h"
#include "slotwise/error_codes.h"

namespace slotwise {

int HttpStatusFor(EngineStatus status);

}  // namespace slotwise
