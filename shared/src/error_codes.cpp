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

}  // namespace slotwise
