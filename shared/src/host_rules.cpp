// host_rules.cpp — host-before-join rules, passcode outcome, and their JSON (see host_rules.h).
//
// [SECTION] Rules    — which rules fire, the passcode, the human sentences
// [SECTION] Parsing  — conferencing_account and query.host_rules
#include "slotwise/host_rules.h"

#include "availability_parse_internal.h"
#include "query_keys.h"
#include "slotwise/error_codes.h"

#include <algorithm>
#include <array>
#include <utility>

namespace slotwise {

// =====================================================================================================================
// [SECTION] Rules
// =====================================================================================================================

std::string_view HostRuleName(HostRule rule) {
  switch (rule) {
    case HostRule::kHostAbsentNoJbh: return "host_absent_no_jbh";
    case HostRule::kWaitingRoomOverridesJbh: return "waiting_room_overrides_jbh";
    case HostRule::kLobbyBlocksCandidate: return "lobby_blocks_candidate";
  }
  return "host_absent_no_jbh";
}

std::string_view PasscodeReasonName(PasscodeReason reason) {
  switch (reason) {
    case PasscodeReason::kAdminLocked: return "admin_locked";
    case PasscodeReason::kPersonalAccount: return "personal_account";
    case PasscodeReason::kNotRequired: return "not_required";
    case PasscodeReason::kUnlockedSettingNotApplied: return "unlocked_setting_not_applied";
  }
  return "not_required";
}

HostRulePolicy PolicyFor(const HostRulePolicies& policies, HostRule rule) {
  switch (rule) {
    case HostRule::kHostAbsentNoJbh: return policies.host_absent_no_jbh;
    case HostRule::kWaitingRoomOverridesJbh: return policies.waiting_room_overrides_jbh;
    case HostRule::kLobbyBlocksCandidate: return policies.lobby_blocks_candidate;
  }
  return HostRulePolicy::kRefuse;
}

bool CandidateExternal(const AvailabilityQuery& query) { return !query.candidate || query.candidate->external; }

namespace {

// Teams scopes that let an external (non-guest, non-federated) but invited candidate bypass the lobby.
bool ScopeAdmitsExternalCandidate(LobbyBypassScope scope) {
  return scope == LobbyBypassScope::kEveryone || scope == LobbyBypassScope::kInvited;
}

std::string_view ScopeName(LobbyBypassScope scope) {
  switch (scope) {
    case LobbyBypassScope::kOrganizer: return "organizer";
    case LobbyBypassScope::kOrganization: return "organization";
    case LobbyBypassScope::kOrganizationAndFederated: return "organizationAndFederated";
    case LobbyBypassScope::kEveryone: return "everyone";
    case LobbyBypassScope::kInvited: return "invited";
    case LobbyBypassScope::kOrganizationExcludingGuests: return "organizationExcludingGuests";
  }
  return "organization";
}

}  // namespace

std::vector<HostRule> FiringRules(const ConferencingAccount& account, bool owner_attends, bool candidate_external) {
  std::vector<HostRule> rules;
  if (owner_attends) return rules;
  switch (account.provider) {
    case ConferencingProvider::kZoom:
      if (!account.join_before_host) rules.push_back(HostRule::kHostAbsentNoJbh);
      else if (account.waiting_room) rules.push_back(HostRule::kWaitingRoomOverridesJbh);
      break;
    case ConferencingProvider::kGoTo:
      if (!account.join_before_host) rules.push_back(HostRule::kHostAbsentNoJbh);
      break;
    case ConferencingProvider::kTeams:
      if (account.lobby_bypass_scope == LobbyBypassScope::kOrganizer) {
        rules.push_back(HostRule::kHostAbsentNoJbh);  // the interviewers wait in the lobby too
      } else if (candidate_external && !ScopeAdmitsExternalCandidate(account.lobby_bypass_scope)) {
        rules.push_back(HostRule::kLobbyBlocksCandidate);
      }
      break;
    case ConferencingProvider::kGoogleMeet: break;  // invitees join without knocking under every access type
  }
  return rules;
}

bool HostNeedsOwner(const Calendar& host, const AvailabilityQuery& query) {
  if (!host.conferencing_account) return false;
  const std::vector<HostRule> rules = FiringRules(*host.conferencing_account, false, CandidateExternal(query));
  return std::any_of(rules.begin(), rules.end(), [&](HostRule rule) {
    return PolicyFor(query.host_rules, rule) == HostRulePolicy::kRefuse;
  });
}

PasscodeOutcome ComputePasscode(const ConferencingAccount& account) {
  if (account.personal) return {true, PasscodeReason::kPersonalAccount};
  if (!account.passcode_enabled) return {false, PasscodeReason::kNotRequired};
  if (account.passcode_locked) return {true, PasscodeReason::kAdminLocked};
  return {false, PasscodeReason::kUnlockedSettingNotApplied};
}

std::string HostRuleMessage(HostRule rule, const Calendar& host) {
  const ConferencingAccount fallback;
  const ConferencingAccount& account = host.conferencing_account ? *host.conferencing_account : fallback;
  const std::string owner = account.owner.empty() ? std::string("its owner") : "its owner " + account.owner;
  switch (rule) {
    case HostRule::kHostAbsentNoJbh:
      if (account.provider == ConferencingProvider::kTeams) {
        return "Nobody can enter the meeting hosted by " + host.sub + ": " + owner +
               " does not attend and the lobby admits only the organizer.";
      }
      return "Nobody can enter the meeting hosted by " + host.sub + ": " + owner +
             " does not attend and join before host is off.";
    case HostRule::kWaitingRoomOverridesJbh:
      return "The waiting room of " + host.sub + " overrides join before host: " + owner +
             " does not attend, so everyone waits to be admitted.";
    case HostRule::kLobbyBlocksCandidate:
      return "The external candidate would wait in the lobby of " + host.sub + " (lobby bypass scope \"" +
             std::string(ScopeName(account.lobby_bypass_scope)) + "\") and " + owner +
             ", who could admit them, does not attend.";
  }
  return "";
}

bool OwnerAmong(const Calendar& host, const std::vector<std::size_t>& participants) {
  if (!host.conferencing_account || !host.conferencing_account->owner_calendar) return false;
  const std::size_t owner = *host.conferencing_account->owner_calendar;
  return std::find(participants.begin(), participants.end(), owner) != participants.end();
}

nlohmann::json HostItemJson(const Calendar& host, const AvailabilityQuery& query, bool owner_attends) {
  nlohmann::json item = {{"sub", host.sub}};
  if (!host.conferencing_account) return item;
  const PasscodeOutcome passcode = ComputePasscode(*host.conferencing_account);
  item["passcode"] = passcode.passcode;
  item["passcode_reason"] = PasscodeReasonName(passcode.reason);
  nlohmann::json warnings = nlohmann::json::array();
  for (HostRule rule : FiringRules(*host.conferencing_account, owner_attends, CandidateExternal(query))) {
    if (PolicyFor(query.host_rules, rule) != HostRulePolicy::kWarn) continue;
    warnings.push_back({{"code", HostRuleName(rule)}, {"message", HostRuleMessage(rule, host)}});
  }
  if (!warnings.empty()) item["warnings"] = std::move(warnings);
  return item;
}

// =====================================================================================================================
// [SECTION] Parsing
// =====================================================================================================================

namespace {

using nlohmann::json;

Error Invalid(const std::string& field, const std::string& message) { return {codes::kInvalidQuery, message, field}; }

using parse_internal::BoolAt;
using parse_internal::MemberOf;

// One of `names` (the index), or `fallback` when absent.
template <std::size_t N>
Result<std::size_t> Choice(const json& object, const char* key, const std::string& parent,
                           const std::array<const char*, N>& names, std::optional<std::size_t> fallback) {
  const std::string field = parent + "." + key;
  std::string list;
  for (const char* name : names) list += std::string(list.empty() ? "" : ", ") + "\"" + name + "\"";
  const json* value = MemberOf(object, key);
  if (value == nullptr) {
    if (fallback) return *fallback;
    return Invalid(field, field + " is required (one of " + list + ")");
  }
  if (value->is_string()) {
    for (std::size_t i = 0; i < N; ++i) {
      if (value->get_ref<const std::string&>() == names[i]) return i;
    }
  }
  return Invalid(field, field + " must be one of " + list);
}

}  // namespace

Result<ConferencingAccount> ParseConferencingAccount(const json& value, const std::string& path) {
  if (!value.is_object()) return Invalid(path, path + " must be an object");
  ConferencingAccount account;
  Result<std::size_t> provider = Choice<4>(value, "provider", path, {"zoom", "teams", "google_meet", "goto"}, {});
  if (!provider) return provider.error();
  account.provider = static_cast<ConferencingProvider>(*provider);
  const json* owner = MemberOf(value, "owner");
  if (owner == nullptr || !owner->is_string() || owner->get_ref<const std::string&>().empty()) {
    return Invalid(path + ".owner", path + ".owner must be the non-empty sub of the account's owner");
  }
  account.owner = owner->get<std::string>();
  Result<std::size_t> type = Choice<2>(value, "account_type", path, {"company", "personal"}, 0);
  if (!type) return type.error();
  account.personal = *type == 1;
  Result<bool> jbh = BoolAt(value, "join_before_host", path, false);
  if (!jbh) return jbh.error();
  account.join_before_host = *jbh;
  if (const json* time = MemberOf(value, "jbh_time")) {
    if (!time->is_number_integer() || (*time != 0 && *time != 5 && *time != 10)) {
      return Invalid(path + ".jbh_time", path + ".jbh_time must be 0, 5 or 10 (minutes)");
    }
    account.jbh_time_minutes = time->get<std::int64_t>();
  }
  Result<bool> waiting = BoolAt(value, "waiting_room", path, false);
  if (!waiting) return waiting.error();
  account.waiting_room = *waiting;
  if (const json* passcode = MemberOf(value, "passcode")) {
    const std::string passcode_path = path + ".passcode";
    if (!passcode->is_object()) return Invalid(passcode_path, passcode_path + " must be an object {enabled, locked}");
    Result<bool> enabled = BoolAt(*passcode, "enabled", passcode_path, false);
    if (!enabled) return enabled.error();
    Result<bool> locked = BoolAt(*passcode, "locked", passcode_path, false);
    if (!locked) return locked.error();
    account.passcode_enabled = *enabled;
    account.passcode_locked = *locked;
  }
  Result<std::size_t> scope = Choice<6>(value, "lobby_bypass_scope", path,
                                        {"organizer", "organization", "organizationAndFederated", "everyone",
                                         "invited", "organizationExcludingGuests"},
                                        1);
  if (!scope) return scope.error();
  account.lobby_bypass_scope = static_cast<LobbyBypassScope>(*scope);
  Result<std::size_t> access = Choice<3>(value, "meet_access_type", path, {"OPEN", "TRUSTED", "RESTRICTED"}, 1);
  if (!access) return access.error();
  account.meet_access_type = static_cast<MeetAccessType>(*access);
  return account;
}

Result<HostRulePolicies> ParseHostRulePolicies(const json& value, const std::string& path) {
  if (!value.is_object()) return Invalid(path, path + " must be an object of rule -> \"refuse\" or \"warn\"");
  if (std::optional<Error> unknown = query_keys::RefuseUnknown(value, query_keys::kHostRules, path)) return *unknown;
  HostRulePolicies policies;
  const std::array<std::pair<const char*, HostRulePolicy*>, 3> rules = {{
      {"host_absent_no_jbh", &policies.host_absent_no_jbh},
      {"waiting_room_overrides_jbh", &policies.waiting_room_overrides_jbh},
      {"lobby_blocks_candidate", &policies.lobby_blocks_candidate},
  }};
  for (const auto& [key, target] : rules) {
    const std::size_t fallback = *target == HostRulePolicy::kRefuse ? 0 : 1;
    Result<std::size_t> policy = Choice<2>(value, key, path, {"refuse", "warn"}, fallback);
    if (!policy) return policy.error();
    *target = *policy == 0 ? HostRulePolicy::kRefuse : HostRulePolicy::kWarn;
  }
  return policies;
}

}  // namespace slotwise
