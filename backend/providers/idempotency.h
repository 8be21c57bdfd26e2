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

// True when `marker` occurs in `text` as a whole token: followed by the end of `text` or by a character other than a
// letter, digit, '-' or '_' (so "Ref: sw-12-1" is not found in "Ref: sw-12-10"). An empty marker is never found.
bool ContainsMarker(std::string_view text, std::string_view marker);

// How every marker Slotwise writes into the description (Zoom: agenda) of a meeting it creates begins: the outbox's
// MeetingMarker (booking/outbox_executor.cpp) is this followed by the interview id. A meeting carrying it belongs to
// an interview, whose holds already occupy the host (availability/host_meetings.h).
inline constexpr std::string_view kSlotwiseMarkerPrefix = "Ref: sw-";

}  // namespace slotwise::providers
