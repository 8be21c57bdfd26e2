// hr_model.h — the HR data Slotwise keeps per tenant for docs/PRODUCT.md article 003 (S11–S13): employees, their
// absences, the organisation's units (offices, departments, teams), HR API credentials with their attribute
// allow-lists, the Teams channel mappings of the daily update and the durable record of each day's post.
// Plain values, no behaviour; stored by HrStore (hr_store.h).
//
// Conventions: days are ISO dates "YYYY-MM-DD" (calendar days of the person or of the mapping's zone, never
// instants); instants are Unix seconds (UTC); e-mails are stored lower-cased; zone names are IANA names; an empty
// string means "not set" for every optional text field.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slotwise::hr {

// One employee of the tenant's HR system. `id` is the HR system's key (any 1–64 printable characters); it is the
// record's identifier, never an attribute, and is the only field every HR credential sees.
struct Employee {
  std::string tenant_id;
  std::string id;
  std::string first_name;
  std::string last_name;
  std::string email;             // lower-cased
  std::string hire_date;         // YYYY-MM-DD
  std::string termination_date;  // YYYY-MM-DD; "" = still employed
  std::string position;
  std::string status;            // "active" | "onboarding" | "leave" | "inactive"
  std::string office;            // org unit names (OrgUnit::name of kind office/department/team)
  std::string department;
  std::string team;
  std::string birthday;          // YYYY-MM-DD (the year may be unknown: then "0000-MM-DD" is not accepted; give one)
  std::string time_zone;         // IANA; "" = UTC
  std::string working_hours_json;  // docs/ENGINE.md working_hours object; "" = Monday–Friday 09:00–17:00
  std::string teams_user_id;     // Microsoft Entra object id (Teams activity from.aadObjectId): who a request is from
};

enum class DayPart : std::uint8_t { kFull, kMorning, kAfternoon };

enum class AbsenceStatus : std::uint8_t { kRequested, kApproved, kRejected, kCancelled };

struct Absence {
  std::string tenant_id;
  std::string id;
  std::string employee_id;
  std::string type;                       // one of kAbsenceTypes (hr_text.h)
  std::string first_day;                  // YYYY-MM-DD
  DayPart first_day_part = DayPart::kFull;  // kFull or kAfternoon (absent from midday on)
  std::string last_day;                   // YYYY-MM-DD, >= first_day
  DayPart last_day_part = DayPart::kFull;   // kFull or kMorning (back at midday); a one-day absence: the same part
  std::string substitute_id;              // employee id; "" = none
  AbsenceStatus status = AbsenceStatus::kApproved;
  std::string source = "import";          // "import" | "teams"
  std::string comment;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// An absence type the tenant defined (PUT /v1/hr/absence_types); a tenant that defined none uses the built-in set
// (hr_text.h). `id` is what absences store ([a-z0-9_], 1–64); `names` by language: "en" always, "de", "nl", "ja"
// optional (missing ones show the English name).
struct AbsenceType {
  std::string id;
  std::map<std::string, std::string> names;
};

enum class OrgUnitKind : std::uint8_t { kOffice, kDepartment, kTeam };

struct OrgUnit {
  std::string tenant_id;
  OrgUnitKind kind = OrgUnitKind::kTeam;
  std::string name;    // unique per (tenant, kind); employees refer to it by this name
  std::string parent;  // name of a department (for teams) or ""; informational
};

// An HR API credential: `swhr_<credential_id>_<secret>` (hr_credentials.h); only the hash is stored.
struct HrCredential {
  std::string credential_id;  // 16 lowercase hex characters
  std::string tenant_id;
  std::string secret_hash;    // lowercase hex SHA-256 of the whole plaintext credential
  std::string label;
  std::vector<std::string> attributes;  // the allow-list (hr_attributes.h names), sorted, unique
  std::int64_t created_at = 0;
  std::int64_t revoked_at = 0;  // 0 = active
};

enum class TargetKind : std::uint8_t { kGraphChannel, kWorkflowWebhook };

// Which events a daily post reports.
struct DailyToggles {
  bool absences = true;       // absent today, with the return date
  bool birthdays = true;
  bool anniversaries = true;  // work anniversaries, with the years
  bool new_joiners = true;
};

// A daily channel update: the employees of one org unit → one Teams channel (Graph) or Workflows webhook.
struct ChannelMapping {
  std::string tenant_id;
  std::string id;
  OrgUnitKind unit_kind = OrgUnitKind::kTeam;
  std::string unit_name;
  TargetKind target_kind = TargetKind::kGraphChannel;
  std::string team_id;         // Graph: the team (group) id
  std::string channel_id;      // Graph: the channel id ("19:…@thread.tacv2")
  std::string connection_id;   // Graph: the Slotwise Microsoft connection whose delegated token posts
  std::string webhook_url;     // Workflows: the trigger URL (a credential: sealed at rest, never shown in full)
  std::string language = "en";  // en | de | nl | ja
  std::int32_t time_of_day = 9 * 3600;  // seconds after local midnight
  std::string time_zone = "UTC";        // IANA
  std::vector<int> weekdays{1, 2, 3, 4, 5};  // 0 = Sunday … 6 = Saturday: the days a post is made
  DailyToggles toggles;
  bool enabled = true;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// The durable record of one mapping's post for one local day (hr_daily_scheduler.h explains the states).
enum class PostState : std::uint8_t { kIntent, kPosted, kEmpty, kRetry, kFailed, kUncertain };

struct PostRecord {
  std::string mapping_id;
  std::string local_day;  // YYYY-MM-DD in the mapping's zone
  PostState state = PostState::kIntent;
  std::int64_t attempts = 0;
  std::int64_t next_attempt_at = 0;  // kRetry: not before this instant
  std::string message_id;            // Graph chatMessage id ("" for webhooks)
  std::string last_error;
  std::int64_t scheduled_at = 0;     // the instant the post was due
  std::int64_t posted_at = 0;        // kPosted: when it was accepted
  std::int64_t updated_at = 0;
};

// Wire names (hr_model.cpp). Parse* answer nullopt for anything but the exact lower-case name.
std::string_view DayPartName(DayPart part);              // "full", "morning", "afternoon"
std::optional<DayPart> ParseDayPart(std::string_view name);
std::string_view AbsenceStatusName(AbsenceStatus status);  // "requested", "approved", "rejected", "cancelled"
std::optional<AbsenceStatus> ParseAbsenceStatus(std::string_view name);
std::string_view OrgUnitKindName(OrgUnitKind kind);      // "office", "department", "team"
std::optional<OrgUnitKind> ParseOrgUnitKind(std::string_view name);
std::string_view TargetKindName(TargetKind kind);        // "graph_channel", "workflow_webhook"
std::optional<TargetKind> ParseTargetKind(std::string_view name);
std::string_view PostStateName(PostState state);         // "intent", "posted", "empty", "retry", "failed", "uncertain"
std::optional<PostState> ParsePostState(std::string_view name);

}  // namespace slotwise::hr
