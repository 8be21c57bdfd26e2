// stored_fields.h — checks of the values the directory routes store (PUT /v1/people|rooms|host_accounts|candidates/
// {key}), made before anything is written so that a stored value never fails later where it is used.
//
// Contract (every refusal is "invalid_request" naming `field`, HTTP 422):
// - CheckStoredKey: a path segment that becomes a stored key is 1..kMaxStoredKeyBytes bytes without a control
//   character — C0 (NUL, TAB, CR, LF, …), DEL, or C1 (U+0080..U+009F, bytes C2 80..C2 9F in UTF-8).
// - CheckZoneName: "" (not set) or an IANA name the server's zone database (its ZoneSource) has.
// - CheckWorkingHours: a working_hours object exactly as the engine reads it (docs/ENGINE.md: weekdays, "HH:MM"
//   pairs, end after start, at most 48 windows a day); the error names the offending part
//   ("working_hours.mon[0][1]"). Overlapping windows are accepted (the engine merges them).
// Names and other text that may reach an e-mail header are checked with mail::CheckHeaderInput (mail/mail_message.h).
// Pure apart from reading zones; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "slotwise/result.h"
#include "slotwise/time_zone.h"

namespace slotwise {

inline constexpr std::size_t kMaxStoredKeyBytes = 320;  // an e-mail address is at most 254; "<provider>:<e-mail>" ids

Result<bool> CheckStoredKey(std::string_view key, const std::string& field);
Result<bool> CheckZoneName(const std::string& name, const std::string& field, ZoneSource& zones);
Result<bool> CheckWorkingHours(const nlohmann::json& value, const std::string& field);

}  // namespace slotwise
