// http_status.cpp — see http_status.h.
#include "api/http_status.h"

namespace slotwise {

int HttpStatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kMalformedRequest: return 400;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kPermissionDenied: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kGone: return 410;
    case ErrorKind::kTooLarge: return 413;
    case ErrorKind::kHeadersTooLarge: return 431;
    case ErrorKind::kLengthRequired: return 411;
    case ErrorKind::kRequestTimeout: return 408;
    case ErrorKind::kNotImplemented: return 501;
    case ErrorKind::kUnsupportedMediaType: return 415;
    case ErrorKind::kInvalidArgument: return 422;
    case ErrorKind::kFailedDependency: return 424;
    case ErrorKind::kRateLimited: return 503;  // a provider throttled us: the client may retry later
    case ErrorKind::kInternal: return 500;
    case ErrorKind::kUpstream: return 502;
    case ErrorKind::kUnavailable: return 503;
  }
  return 500;
}

int HttpStatusFor(std::string_view code) { return HttpStatusFor(KindOf(code)); }

int HttpStatusFor(EngineStatus status) {
  switch (status) {
    case EngineStatus::kOk: return 200;
    case EngineStatus::kInvalidInput: return 422;
    case EngineStatus::kUnknownOperation: return 404;
    case EngineStatus::kInternalError: return 500;
  }
  return 500;
}

}  // namespace slotwise
