// fuzz_support.h — what the libFuzzer targets in tests/fuzz/ share: a failed property aborts with its message
// (libFuzzer then saves the input as a crash reproducer), and the fuzz input split into the parts a target needs.
//
// Contract: FUZZ_CHECK(condition, message) prints "fuzz property failed: <message>" with the file and line to stderr
// and aborts when `condition` is false; `message` is any expression streamable to std::ostream. FuzzInput hands out
// the input's bytes front to back and never reads past its end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

#define FUZZ_CHECK(condition, message)                                                                  \
  do {                                                                                                  \
    if (!(condition)) {                                                                                 \
      std::cerr << __FILE__ << ":" << __LINE__ << ": fuzz property failed: " << message << std::endl;  \
      std::abort();                                                                                     \
    }                                                                                                   \
  } while (false)

namespace slotwise::fuzz {

class FuzzInput {
 public:
  FuzzInput(const std::uint8_t* data, std::size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}

  // The first byte (0 when none is left), consumed.
  std::uint8_t Byte() {
    if (rest_.empty()) return 0;
    const auto byte = static_cast<std::uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return byte;
  }
  // The bytes up to the next `separator` (or to the end), consumed together with the separator.
  std::string_view Until(char separator) {
    const std::size_t at = rest_.find(separator);
    const std::string_view part = rest_.substr(0, at);
    rest_.remove_prefix(at == std::string_view::npos ? rest_.size() : at + 1);
    return part;
  }
  // Everything left, consumed.
  std::string_view Rest() {
    const std::string_view part = rest_;
    rest_ = {};
    return part;
  }

 private:
  std::string_view rest_;
};

}  // namespace slotwise::fuzz
