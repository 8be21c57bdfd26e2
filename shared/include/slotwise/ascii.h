// ascii.h — the one set of small text helpers over ASCII: case folding, trimming, splitting, decimal parsing and
// control-character checks. Bytes outside ASCII pass through unchanged (UTF-8 stays valid). Used by the engine, the
// backend and the widget instead of file-local copies.
//
// Contract: pure functions, thread-safe, never throw (apart from std::bad_alloc for the ones returning std::string).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slotwise {

std::string AsciiLower(std::string_view text);  // A-Z -> a-z; every other byte unchanged
std::string AsciiUpper(std::string_view text);  // a-z -> A-Z; every other byte unchanged
bool EqualsIgnoreCase(std::string_view a, std::string_view b);          // ASCII case-insensitive equality
bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix);

// `text` without leading and trailing spaces and horizontal tabs (HTTP's "optional white space").
std::string_view TrimBlanks(std::string_view text);
// `text` without leading and trailing spaces, tabs, CR and LF.
std::string_view TrimWhitespace(std::string_view text);

// The pieces of `text` between `separator`s, untrimmed; "" gives one empty piece.
std::vector<std::string_view> Split(std::string_view text, char separator);

// The value of 1..19 ASCII digits (no sign, no spaces); nullopt otherwise or on int64 overflow.
std::optional<std::int64_t> ParseDecimal(std::string_view text);

// True when `text` holds a byte < 0x20 or 0x7f (ASCII control characters, including NUL, CR, LF and TAB).
bool HasControlCharacter(std::string_view text);

// True when `text` is well-formed UTF-8 (RFC 3629: shortest forms only, no surrogates, nothing above U+10FFFF).
// JSON text must be UTF-8, so a value that is not cannot be written into JSON as it is.
bool IsValidUtf8(std::string_view text);

}  // namespace slotwise
