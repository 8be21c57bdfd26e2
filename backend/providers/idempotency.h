// idempotency.h — deterministic provider ids derived from a client idempotency key, so a retried create finds the
// first attempt's object instead of making a second one.
//
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace slotwise::providers {

// Lowercase hex SHA-256 of `data` (64 characters; FIPS 180-4).
std::string Sha256Hex(std::string_view data);

// A Google Calendar event id for `idempotency_key`: the lowercase hex SHA-256 of the key — 64 characters, all in
// base32hex [0-9a-v] and within the 5..1024 length Google requires. Same key → same id.
std::string GoogleEventIdFor(std::string_view idempotency_key);

}  // namespace slotwise::providers
