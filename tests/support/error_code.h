// error_code.h — test helper: the error code of a Result, for checks such as CHECK(ErrorCode(Verify(…)) == "…").
//
// Contract: "" when the result holds a value, its Error's code otherwise. Pure.
#pragma once

#include <string>

#include "slotwise/result.h"

namespace slotwise::testing {

template <class T>
std::string ErrorCode(const Result<T>& result) {
  return result ? std::string() : result.error().code;
}

}  // namespace slotwise::testing
