// candidate_change_policy.cpp — see candidate_change_policy.h.
#include "proposals/candidate_change_policy.h"

#include <string>

#include <nlohmann/json.hpp>

#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

constexpr const char* kField = "policies.candidate_changes";

Error Invalid(const std::string& key, const std::string& what) {
  const std::string field = key.empty() ? kField : std::string(kField) + "." + key;
  return Error{codes::kInvalidRequest, field + " " + what, field};
}

}  // namespace

Result<CandidateChangePolicy> ParseCandidateChangePolicy(const nlohmann::json& policies) {
  CandidateChangePolicy policy;
  if (!policies.is_object()) return policy;
  const auto found = policies.find("candidate_changes");
  if (found == policies.end()) return policy;
  if (!found->is_object()) return Invalid("", "must be an object: {\"reschedule\", \"cancel\", \"min_notice\"}");
  for (const auto& [key, value] : found->items()) {
    if (key == "reschedule" || key == "cancel") {
      if (!value.is_boolean()) return Invalid(key, "must be true or false");
      (key == "reschedule" ? policy.reschedule : policy.cancel) = value.get<bool>();
    } else if (key == "min_notice") {
      const auto minutes = value.is_object() ? value.find("minutes") : value.end();
      if (!value.is_object() || value.size() != 1 || minutes == value.end() || !minutes->is_number_integer() ||
          minutes->get<std::int64_t>() < 0 || minutes->get<std::int64_t>() > CandidateChangePolicy::kMaxNoticeMinutes) {
        return Invalid(key, "must be {\"minutes\": 0..20160}");
      }
      policy.min_notice_seconds = minutes->get<std::int64_t>() * 60;
    } else {
      return Invalid(key, "is not a setting (reschedule, cancel, min_notice)");
    }
  }
  return policy;
}

}  // namespace slotwise
