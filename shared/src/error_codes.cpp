// error_codes.cpp — the table of error codes (see error_codes.h).
#include "slotwise/error_codes.h"

#include <array>

namespace slotwise {

namespace {

#define SLOTWISE_ERROR_CODE_ENTRY(name, code, kind, meaning) ErrorCodeInfo{code, ErrorKind::kind, meaning},
constexpr std::array kErrorCodes = {SLOTWISE_ERROR_CODES(SLOTWISE_ERROR_CODE_ENTRY)};
#undef SLOTWISE_ERROR_CODE_ENTRY

}  // namespace

std::span<const ErrorCodeInfo> AllErrorCodes() { return kErrorCodes; }

ErrorKind KindOf(std::string_view code) {
  for (const ErrorCodeInfo& info : kErrorCodes) {
    if (info.code == code) return info.kind;
  }
  return ErrorKind::kInternal;
}

bool IsServerFault(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInternal:
    case ErrorKind::kUpstream:
    case ErrorKind::kUnavailable:
    case ErrorKind::kRateLimited:
    case ErrorKind::kNotImplemented:
      return true;
    default:
      return false;
  }
}

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
    case ErrorKind::kTooManyRequests: return 429;
    case ErrorKind::kRateLimited: return 503;  // a provider throttled us: the client may retry later
    case ErrorKind::kInternal: return 500;
    case ErrorKind::kUpstream: return 502;
    case ErrorKind::kUnavailable: return 503;
  }
  return 500;
}

int HttpStatusFor(std::string_view code) { return HttpStatusFor(KindOf(code)); }

}  // namespace slotwise
