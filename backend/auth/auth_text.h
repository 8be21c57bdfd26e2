// auth_text.h — internal text helpers shared by the auth modules (not part of the public API).
//
// Contract: pure functions over ASCII, thread-safe, no throw (except std::bad_alloc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "slotwise/result.h"

namespace slotwise::auth::detail {

// An Error{code, message, field}.
Error MakeError(std::string code, std::string message, std::string field = {});

// ASCII lowercase copy; other bytes unchanged.
std::string AsciiLower(std::string_view text);

// ASCII case-insensitive equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// `text` without leading and trailing spaces and horizontal tabs (HTTP "optional white space").
std::string_view TrimOws(std::string_view text);

// The pieces of `text` between `separator`s, untrimmed; "" gives one empty piece.
std::vector<std::string_view> Split(std::string_view text, char separator);

// The value of 1..19 ASCII digits (no sign, no spaces); nullopt otherwise or on int64 overflow.
std::optional<std::int64_t> ParseDecimal(std::string_view text);

// True when `text` holds a byte < 0x20 or 0x7f (ASCII control characters, including NUL, CR, LF, TAB).
bool HasControlCharacter(std::string_view text);

// True for A-Z a-z 0-9 '-' '_' (the base64url alphabet).
bool IsBase64UrlCharacter(char ch);

}  // namespace slotwise::auth::detail
