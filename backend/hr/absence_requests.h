// absence_requests.h — an absence request made in Microsoft Teams (docs/PRODUCT.md R003.2: type; first and last day,
// each full or half; substitute; duration), received from the tenant's Teams
// outgoing webhook, checked, stored and confirmed.
//
// The request: POST body = the Bot Framework activity Teams sends, signed per teams_signature.h with the tenant's
// security token (PUT /v1/hr/teams_webhook). Members read:
//   id (the activity id: replays of it get the stored answer, nothing is stored twice), timestamp (RFC 3339,
//   fractions allowed), locale (the requester's Teams language: en/de/nl/ja, else English), from.aadObjectId (the
//   requester: the employee whose teams_user_id it is), value = the submitted card:
//   {absence_type, first_day, first_day_part?: full|morning|afternoon, last_day, last_day_part?, substitute?:
//    employee id or e-mail, comment?}
// Checks, in order (the first failure decides; these are Errors):
//   "missing_signature" / "invalid_signature" — bad or missing HMAC (also when no token is configured);
//   "invalid_json" / "invalid_request" (field) — not an activity (no id, no parsable timestamp);
//   "stale_request" — |now − timestamp| > 300 s (a signed request replayed later);
//   then, answered 200 with a REFUSAL card in the requester's language (Teams shows only 200 answers to the user)
//   and "slotwise": {"outcome": "refused", "error": {code, message, field}}: unknown_requester, invalid_request (the
//   card's values: type, dates, parts — absence_days.h), unknown_substitute, absence_overlap (the requester already
//   has a requested or approved absence overlapping by half days), substitute_absent (the substitute has one on any
//   requested half day), no_working_days.
// Success: the absence is stored with status "requested", source "teams", and the answer is a CONFIRMATION card:
//   type, first/last day with their parts, substitute, duration in working days with halves (the requester's own
//   working days, absence_days.h WorkingHalfDays), status, and the requester's Slotwise interviews (pending or
//   confirmed; as organizer, interviewer or observer) overlapping the absence's out-of-office time
//   (absence_busy.h) — also in "slotwise": {"outcome": "requested", "absence", "working_days",
//   "conflicting_interviews": [{id, title, start, end}]}.
// Every answer (not an Error) is stored with the activity id (HrStore::CommitRequest), atomically with the
// absence. Requests of one runtime are serialized (check + store under one mutex). Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>
#include <string>

#include <nlohmann/json.hpp>

#include "hr/hr_store.h"
#include "hr/hr_text.h"
#include "slotwise/time_zone.h"
#include "store/interview_store.h"

namespace slotwise::hr {

inline constexpr std::int64_t kTeamsRequestToleranceSeconds = 300;

// The answer Teams shows (HTTP 200): a confirmation or refusal card with its "slotwise" outcome.
struct TeamsAnswer {
  nlohmann::json body;
  bool replayed = false;  // the stored answer to an earlier delivery of the same activity
};

// What the checks above decided about one request — shared by the outgoing webhook (Handle) and the Teams app's bot
// (teams_bot.h), which render it as different cards.
struct AbsenceDecision {
  bool accepted = false;
  Error refusal;                      // !accepted: code, the text in the requester's language, field ("value.…")
  std::optional<Employee> requester;  // set unless the refusal is unknown_requester
  Absence absence;                    // accepted: the absence stored
  std::string type_name;              // accepted: the type's name in the requester's language (the tenant's own)
  std::optional<Employee> substitute;
  std::int64_t half_days = 0;                          // the duration in working half days
  nlohmann::json conflicts = nlohmann::json::array();  // [{id, title, start, end}]
  std::vector<std::string> conflict_lines;             // "title — date time" in the requester's language and zone
};

// Turns a decision into the answer that is stored with the activity id (and returned).
using AbsenceAnswerRenderer = std::function<nlohmann::json(const AbsenceDecision&)>;

// The confirmation's facts (type, first and last day with their parts, substitute, duration, status) as an Adaptive
// Card FactSet's "facts", in `locale`.
nlohmann::json AbsenceFacts(const AbsenceDecision& decision, Locale locale);
// "Montag, 26. Oktober 2026 (nachmittags)": a day with its part (none for a full day).
std::string DayWithPart(const std::string& iso_day, DayPart part, Locale locale);

class AbsenceRequests {
 public:
  // `interviews` may be null (no conflict listing). All borrowed; `zones` must be thread-safe.
  AbsenceRequests(HrStore& store, InterviewStore* interviews, ZoneSource& zones);

  Result<TeamsAnswer> Handle(const std::string& tenant_id, const std::string& authorization, const std::string& body,
                     std::int64_t now);

  // The checks 3.–8. for the request `value` of Teams user `aad_object_id` (activity `activity_id`), then the
  // answer `render` makes of the decision stored with the activity id — atomically with the absence when accepted.
  // A replayed activity id answers the stored answer (replayed = true) and decides nothing. Errors: "storage_error".
  Result<TeamsAnswer> Decide(const std::string& tenant_id, const std::string& activity_id,
                             const std::string& aad_object_id, const nlohmann::json& value, Locale locale,
                             std::int64_t now, const AbsenceAnswerRenderer& render);

 private:
  Result<AbsenceDecision> Check(const std::string& tenant_id, const std::string& activity_id,
                                const std::string& aad_object_id, const nlohmann::json& value, Locale locale,
                                std::int64_t now);

  HrStore& store_;
  InterviewStore* interviews_;
  ZoneSource& zones_;
  std::mutex mutex_;
};

}  // namespace slotwise::hr
