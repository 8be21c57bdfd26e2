// external_change_policy.cpp — see external_change_policy.h.
#include "booking/external_change_policy.h"

#include <initializer_list>

#include <nlohmann/json.hpp>

#include "booking/change_assessment.h"
#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

constexpr const char* kField = "policies.external_changes";

Result<std::string> ReadAction(const nlohmann::json& value, const std::string& key,
                               std::initializer_list<const char*> allowed) {
  const std::string field = std::string(kField) + "." + key;
  std::string words;
  for (const char* word : allowed) {
    if (value.is_string() && value.get<std::string>() == word) return std::string(word);
    words += words.empty() ? std::string("\"") + word + "\"" : std::string(" or \"") + word + "\"";
  }
  return Error{codes::kInvalidRequest, field + " must be " + words, field};
}

}  // namespace

const std::string& ExternalChangePolicy::ActionFor(std::string_view flag) const {
  static const std::string kAsk = "ask";
  if (flag == kFlagMovedExternally) return moved;
  if (flag == kFlagRoomDeclined) return room_declined;
  if (flag == kFlagDeletedExternally) return deleted;
  if (flag == kFlagAttendeesChanged) return attendees;
  return kAsk;
}

Result<ExternalChangePolicy> ParseExternalChangePolicy(const nlohmann::json& policies) {
  ExternalChangePolicy policy;
  if (!policies.is_object()) return policy;
  const auto found = policies.find("external_changes");
  if (found == policies.end()) return policy;
  if (!found->is_object()) {
    return Error{codes::kInvalidRequest,
                 std::string(kField) + " must be an object: {\"moved\", \"room_declined\", \"attendees\", \"deleted\"}", kField};
  }
  for (const auto& [key, value] : found->items()) {
    Result<std::string> action = Error{codes::kInvalidRequest, "", ""};
    if (key == "moved") {
      action = ReadAction(value, key, {"ask", "accept", "restore"});
      if (action) policy.moved = *action;
    } else if (key == "room_declined") {
      action = ReadAction(value, key, {"ask", "accept", "restore"});
      if (action) policy.room_declined = *action;
    } else if (key == "attendees") {
      action = ReadAction(value, key, {"ask", "accept", "restore"});
      if (action) policy.attendees = *action;
    } else if (key == "deleted") {
      action = ReadAction(value, key, {"ask", "accept"});
      if (action) policy.deleted = *action;
    } else {
      const std::string field = std::string(kField) + "." + key;
      return Error{codes::kInvalidRequest,
                   field + " is not a policy (the keys are \"moved\", \"room_declined\", \"attendees\" and \"deleted\")", field};
    }
    if (!action) return action.error();
  }
  return policy;
}

}  // namespace slotwise
