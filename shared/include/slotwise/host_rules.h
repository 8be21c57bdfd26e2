// host_rules.h — host-before-join rules and the passcode outcome of a conferencing host account (docs/PRODUCT.md S8,
// R002.3–R002.7; docs/ENGINE.md "Host accounts and host-before-join rules").
//
// Contract:
// - Every rule is a pure function of the account's settings (`ConferencingAccount`), whether its owner attends the
//   slot, and whether the candidate is external. Every rule fires only when the owner does NOT attend, so "refuse"
//   reduces to set algebra in the solver: the host's allowed starts ∩ the owner's participant starts.
// - "The owner attends" = the owner's sub is among the slot's free participants (solve) or among the booked
//   participants (validate). The candidate is external unless `query.candidate.external` is false (no candidate
//   given: an external candidate is assumed).
// - A host calendar without `conferencing_account` is never subject to a rule and has no passcode outcome.
// - Pure; never throws; the parse functions answer invalid_query with the JSON path of the offending value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/availability.h"
#include "slotwise/result.h"

namespace slotwise {

enum class HostRule : std::uint8_t {
  kHostAbsentNoJbh,          // owner absent, join-before-host off (Teams: lobby scope "organizer"): nobody can enter
  kWaitingRoomOverridesJbh,  // Zoom: owner absent, join-before-host on but the waiting room on: everyone waits
  kLobbyBlocksCandidate,     // Teams: external candidate kept in the lobby and nobody who can admit them attends
};

enum class PasscodeReason : std::uint8_t {
  kAdminLocked,               // passcode on and locked by the admin: the meeting gets a passcode
  kPersonalAccount,           // personal (non-company) account: always a passcode
  kNotRequired,               // passcode setting off
  kUnlockedSettingNotApplied, // passcode on but not locked: the integration does not apply it (docs/PRODUCT.md R002.5)
};

struct PasscodeOutcome {
  bool passcode = false;
  PasscodeReason reason = PasscodeReason::kNotRequired;
};

std::string_view HostRuleName(HostRule rule);              // "host_absent_no_jbh", …
std::string_view PasscodeReasonName(PasscodeReason reason); // "admin_locked", …
HostRulePolicy PolicyFor(const HostRulePolicies& policies, HostRule rule);

// True unless the query says the candidate is internal (query.candidate.external == false).
bool CandidateExternal(const AvailabilityQuery& query);

// The rules that fire for `account` at a slot, in HostRule order.
std::vector<HostRule> FiringRules(const ConferencingAccount& account, bool owner_attends, bool candidate_external);

// True when some rule that would fire without the owner has policy "refuse": the host account is then usable only
// at starts where its owner attends. False for a calendar without conferencing_account.
bool HostNeedsOwner(const Calendar& host, const AvailabilityQuery& query);

// The passcode the meeting gets from this account (docs/PRODUCT.md R002.5): personal → always; company: on + locked →
// passcode, on + unlocked → none (not applied), off → none.
PasscodeOutcome ComputePasscode(const ConferencingAccount& account);

// One human sentence for a rule that fired on host `host` (names the account, the owner and the fix).
std::string HostRuleMessage(HostRule rule, const Calendar& host);

// The answer's host item: {"sub"} plus, for an account with settings, "passcode", "passcode_reason" and
// "warnings" (rules that fire with policy "warn"; omitted when none). `owner_attends` as in the contract above.
nlohmann::json HostItemJson(const Calendar& host, const AvailabilityQuery& query, bool owner_attends);

// True when `participants` (calendar indices) contains the owner of `host`'s account.
bool OwnerAmong(const Calendar& host, const std::vector<std::size_t>& participants);

// Parsing (used by availability_parse.cpp): `calendars[sub].conferencing_account` and `query.host_rules`.
Result<ConferencingAccount> ParseConferencingAccount(const nlohmann::json& value, const std::string& path);
Result<HostRulePolicies> ParseHostRulePolicies(const nlohmann::json& value, const std::string& path);

}  // namespace slotwise
