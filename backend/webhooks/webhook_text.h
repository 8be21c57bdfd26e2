// webhook_text.h — internal helpers shared by the webhook verifiers (not part of the public API).
//
// Contract: pure functions, thread-safe, no throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "slotwise/result.h"

namespace slotwise::webhooks::detail {

// An Error{code, message, field}.
Error MakeError(std::string code, std::string message, std::string field = {});

// The value of a string of 1..19 ASCII digits (no sign, no spaces); nullopt otherwise or on overflow of int64.
std::optional<std::int64_t> ParseDecimal(std::string_view text);

// Constant-time equality of two secrets that also hides their lengths: compares SHA-256 digests.
bool SecretEquals(std::string_view a, std::string_view b);

// True when `text` holds a byte < 0x20 or 0x7f (ASCII control characters, including NUL, CR, LF, TAB).
bool HasControlCharacter(std::string_view text);

}  // namespace slotwise::webhooks::detail
