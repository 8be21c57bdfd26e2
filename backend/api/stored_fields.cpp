// stored_fields.cpp — see stored_fields.h.
#include "api/stored_fields.h"

#include "hr/work_schedule.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

Error Invalid(const std::string& field, const std::string& message) {
  return Error{codes::kInvalidRequest, message, field};
}

// C1 controls (U+0080..U+009F) as UTF-8: C2 80 .. C2 9F.
bool HasC1Control(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (static_cast<unsigned char>(text[i]) == 0xc2 && next >= 0x80 && next <= 0x9f) return true;
  }
  return false;
}

}  // namespace

Result<bool> CheckStoredKey(std::string_view key, const std::string& field) {
  if (key.empty()) return Invalid(field, field + " must not be empty");
  if (key.size() > kMaxStoredKeyBytes) {
    return Invalid(field, field + " is longer than " + std::to_string(kMaxStoredKeyBytes) + " bytes");
  }
  if (HasControlCharacter(key) || HasC1Control(key)) {
    return Invalid(field, field + " contains a control character (NUL, CR, LF, TAB, DEL, C1 …)");
  }
  return true;
}

Result<bool> CheckZoneName(const std::string& name, const std::string& field, ZoneSource& zones) {
  if (name.empty() || (IsValidZoneName(name) && zones.Find(name) != nullptr)) return true;
  return Invalid(field, field + " is not a time zone this server knows: \"" + name.substr(0, 80) +
                            "\" (an IANA name such as Europe/Berlin)");
}

Result<bool> CheckWorkingHours(const nlohmann::json& value, const std::string& field) {
  if (!value.is_object()) return Invalid(field, field + " must be an object of weekday -> [[\"HH:MM\", \"HH:MM\"]…]");
  Result<WorkingHours> parsed = hr::ParseWorkingHoursText(value.dump(), field);
  if (!parsed) return parsed.error();
  return true;
}

}  // namespace slotwise
