// absence_requests.cpp — see absence_requests.h.
//
// [SECTION] Helpers (activity reading, cards)
// [SECTION] AbsenceRequests::Handle
#include "hr/absence_requests.h"

#include <algorithm>

#include "crypto/crypto_primitives.h"
#include "hr/absence_busy.h"
#include "hr/absence_days.h"
#include "hr/hr_attributes.h"
#include "hr/hr_text.h"
#include "hr/teams_signature.h"
#include "hr/work_schedule.h"
#include "invites/locale_format.h"
#include "providers/teams_messages.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise::hr {

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Helpers (activity reading, cards)
// -----------------------------------------------------------------------------------------------------------------

namespace {

using nlohmann::json;

Error Fail(const std::string& code, const std::string& message, const std::string& field = "") {
  return Error{code, message, field};
}

std::string StringAt(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// An activity timestamp: RFC 3339, with any fraction of a second (Teams sends 7 digits) dropped.
std::optional<Instant> ParseActivityTime(std::string text) {
  if (std::size_t dot = text.find('.'); dot != std::string::npos) {
    std::size_t end = dot + 1;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    text.erase(dot, end - dot);
  }
  return ParseRfc3339(text);
}

json TextBlock(const std::string& text, bool bold = false) {
  json block = {{"type", "TextBlock"}, {"text", text}, {"wrap", true}};
  if (bold) {
    block["weight"] = "Bolder";
    block["size"] = "Medium";
  }
  return block;
}

json Card(const std::string& language, json body) {
  return {{"type", "AdaptiveCard"},
          {"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
          {"version", "1.2"},
          {"lang", language},
          {"body", std::move(body)}};
}

// The Teams reply: a message with the card attached, plus Slotwise's machine-readable outcome.
json Reply(const json& card, json outcome) {
  return {{"type", "message"},
          {"attachments", json::array({{{"contentType", providers::kAdaptiveCardContentType},
                                        {"contentUrl", nullptr},
                                        {"content", card}}})},
          {"slotwise", std::move(outcome)}};
}

json Refusal(Locale locale, const std::string& code, const std::string& text, const std::string& field = "") {
  const std::string language(invites::LocaleTag(locale));
  json card = Card(language, json::array({TextBlock(Text(TextId::kRequestRefused, locale), true), TextBlock(text)}));
  json error = {{"code", code}, {"message", text}};
  if (!field.empty()) error["field"] = field;
  return Reply(card, {{"outcome", "refused"}, {"error", error}});
}

std::string NameOf(const Employee& e, Locale locale) {
  const std::string name = FullName(e.first_name, e.last_name, locale);
  return name.empty() ? e.id : name;
}

bool Blocks(const Absence& a) { return a.status == AbsenceStatus::kRequested || a.status == AbsenceStatus::kApproved; }

bool Involves(const InterviewSpec& spec, const std::string& email) {
  if (spec.organizer == email) return true;
  return std::find(spec.interviewers.begin(), spec.interviewers.end(), email) != spec.interviewers.end() ||
         std::find(spec.observers.begin(), spec.observers.end(), email) != spec.observers.end();
}

}  // namespace

std::string DayWithPart(const std::string& iso_day, DayPart part, Locale locale) {
  std::string text = FormatDay(DayNumber(iso_day).value_or(0), locale);
  if (part == DayPart::kMorning) text += " (" + Text(TextId::kPartMorning, locale) + ")";
  if (part == DayPart::kAfternoon) text += " (" + Text(TextId::kPartAfternoon, locale) + ")";
  return text;
}

json AbsenceFacts(const AbsenceDecision& decision, Locale locale) {
  const Absence& absence = decision.absence;
  json facts = json::array({
      {{"title", Text(TextId::kFieldType, locale)},
       {"value", decision.type_name.empty() ? std::string(AbsenceTypeLabel(absence.type, locale)) : decision.type_name}},
      {{"title", Text(TextId::kFieldFirstDay, locale)},
       {"value", DayWithPart(absence.first_day, absence.first_day_part, locale)}},
      {{"title", Text(TextId::kFieldLastDay, locale)},
       {"value", DayWithPart(absence.last_day, absence.last_day_part, locale)}},
  });
  if (decision.substitute) {
    facts.push_back(
        {{"title", Text(TextId::kFieldSubstitute, locale)}, {"value", NameOf(*decision.substitute, locale)}});
  }
  facts.push_back(
      {{"title", Text(TextId::kFieldDuration, locale)}, {"value", FormatWorkingDays(decision.half_days, locale)}});
  facts.push_back({{"title", Text(TextId::kFieldStatus, locale)}, {"value", Text(TextId::kStatusRequested, locale)}});
  return facts;
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] AbsenceRequests::Check, Decide
// -----------------------------------------------------------------------------------------------------------------

AbsenceRequests::AbsenceRequests(HrStore& store, InterviewStore* interviews, ZoneSource& zones)
    : store_(store), interviews_(interviews), zones_(zones) {}

Result<AbsenceDecision> AbsenceRequests::Check(const std::string& tenant_id, const std::string& activity_id,
                                               const std::string& aad_object_id, const json& value_in, Locale locale,
                                               std::int64_t now) {
  AbsenceDecision decision;
  auto refuse = [&](const std::string& code, const std::string& text, const std::string& field) {
    decision.accepted = false;
    decision.refusal = Error{code, text, field};
    return decision;
  };
  // 3. Who asks.
  Result<std::optional<Employee>> requester = store_.FindEmployeeByTeamsUser(tenant_id, aad_object_id);
  if (!requester) return Fail(codes::kStorageError, requester.error().message);
  if (!requester->has_value()) {
    return refuse(codes::kUnknownRequester, Text(TextId::kRefusedUnknownRequester, locale), "from.aadObjectId");
  }
  decision.requester = **requester;
  const Employee& employee = **requester;

  // 4. What is asked for.
  const json value = value_in.is_object() ? value_in : json::object();
  Absence absence;
  absence.tenant_id = tenant_id;
  absence.id = "teams-" + crypto::HexEncode(crypto::Sha256(tenant_id + "\n" + activity_id)).substr(0, 20);
  absence.employee_id = employee.id;
  absence.type = StringAt(value, "absence_type");
  absence.first_day = StringAt(value, "first_day");
  absence.last_day = StringAt(value, "last_day");
  absence.comment = StringAt(value, "comment").substr(0, 500);
  absence.status = AbsenceStatus::kRequested;
  absence.source = "teams";
  absence.created_at = now;
  absence.updated_at = now;
  auto part_of = [&](const char* key, DayPart fallback) -> std::optional<DayPart> {
    const std::string text = StringAt(value, key);
    return text.empty() ? std::optional<DayPart>(fallback) : ParseDayPart(text);
  };
  const std::optional<DayPart> first_part = part_of("first_day_part", DayPart::kFull);
  if (!first_part) {
    return refuse(codes::kInvalidRequest, Text(TextId::kRefusedInvalid, locale, {"first_day_part"}),
                  "value.first_day_part");
  }
  absence.first_day_part = *first_part;
  const std::optional<DayPart> last_part =
      part_of("last_day_part", absence.first_day == absence.last_day ? *first_part : DayPart::kFull);
  if (!last_part) {
    return refuse(codes::kInvalidRequest, Text(TextId::kRefusedInvalid, locale, {"last_day_part"}),
                  "value.last_day_part");
  }
  absence.last_day_part = *last_part;

  // 5. The substitute (by employee id, else by e-mail).
  std::optional<Employee> substitute;
  if (const std::string wanted = StringAt(value, "substitute"); !wanted.empty()) {
    Result<std::optional<Employee>> found = store_.GetEmployee(tenant_id, wanted);
    if (found && !found->has_value()) found = store_.FindEmployeeByEmail(tenant_id, wanted);
    if (!found) return Fail(codes::kStorageError, found.error().message);
    if (!found->has_value()) {
      return refuse(codes::kUnknownSubstitute, Text(TextId::kRefusedUnknownSubstitute, locale), "value.substitute");
    }
    substitute = **found;
    absence.substitute_id = substitute->id;
  }
  decision.substitute = substitute;
  Result<std::vector<AbsenceType>> types = store_.ListAbsenceTypes(tenant_id);
  if (!types) return Fail(codes::kStorageError, types.error().message);
  if (Result<bool> shape = ValidateAbsenceShape(absence, "value", &*types); !shape) {
    std::string field = shape.error().field;
    if (field == "value.type") field = "value.absence_type";
    const std::string short_field = field.substr(field.find('.') + 1);
    return refuse(codes::kInvalidRequest, Text(TextId::kRefusedInvalid, locale, {short_field}), field);
  }

  // 6. Overlaps: the requester's own absences, then the substitute's.
  Result<std::vector<Absence>> own = store_.ListAbsences(tenant_id, employee.id, absence.first_day, absence.last_day);
  if (!own) return Fail(codes::kStorageError, own.error().message);
  for (const Absence& existing : *own) {
    if (Blocks(existing) && AbsencesOverlap(existing, absence)) {
      return refuse(codes::kAbsenceOverlap,
                    Text(TextId::kRefusedOverlap, locale,
                         {DayWithPart(existing.first_day, existing.first_day_part, locale),
                          DayWithPart(existing.last_day, existing.last_day_part, locale)}),
                    "value.first_day");
    }
  }
  if (substitute) {
    Result<std::vector<Absence>> theirs =
        store_.ListAbsences(tenant_id, substitute->id, absence.first_day, absence.last_day);
    if (!theirs) return Fail(codes::kStorageError, theirs.error().message);
    for (const Absence& existing : *theirs) {
      if (!Blocks(existing) || !AbsencesOverlap(existing, absence)) continue;
      const std::int64_t first_shared = std::max(FirstHalf(existing), FirstHalf(absence)) / 2;
      return refuse(codes::kSubstituteAbsent,
                    Text(TextId::kRefusedSubstituteAbsent, locale,
                         {NameOf(*substitute, locale), FormatDay(first_shared, locale)}),
                    "value.substitute");
    }
  }

  // 7. Duration in the requester's working days.
  Result<WorkingHours> parsed_hours = ParseWorkingHoursText(employee.working_hours_json, "working_hours");
  const WorkingHours hours = parsed_hours ? *parsed_hours : DefaultWorkingHours();
  const std::int64_t halves = WorkingHalfDays(absence, hours);
  if (halves == 0) {
    return refuse(codes::kNoWorkingDays, Text(TextId::kRefusedInvalid, locale, {"first_day"}), "value.first_day");
  }

  // 8. The requester's interviews that now conflict.
  const TimeZone* zone = zones_.Find(employee.time_zone.empty() ? "UTC" : employee.time_zone);
  const TimeZone utc = TimeZone::Utc();
  const TimeZone& person_zone = zone ? *zone : utc;
  if (interviews_ && !employee.email.empty()) {
    Absence as_busy = absence;
    as_busy.status = AbsenceStatus::kApproved;  // what it will block once approved
    const std::vector<BusyEvent> busy =
        AbsencesToBusy({as_busy}, person_zone, hours, Interval{INT64_MIN / 4, INT64_MAX / 4});
    if (!busy.empty()) {
      const Interval span = busy.front().interval;
      Result<std::vector<Interview>> listed =
          interviews_->ListInterviews(tenant_id, span.start - kSecondsPerDay, span.end, 500);
      if (listed) {
        for (const Interview& interview : *listed) {
          const bool active =
              interview.status == InterviewStatus::kPending || interview.status == InterviewStatus::kConfirmed;
          if (!active || !Involves(interview.spec, employee.email)) continue;
          if (!(interview.spec.start < span.end && span.start < interview.spec.end)) continue;
          decision.conflicts.push_back({{"id", interview.id},
                                        {"title", interview.spec.title},
                                        {"start", FormatRfc3339(interview.spec.start)},
                                        {"end", FormatRfc3339(interview.spec.end)}});
          decision.conflict_lines.push_back(interview.spec.title + " — " +
                                            invites::FormatLocalDate(interview.spec.start, person_zone, locale) + " " +
                                            invites::FormatLocalTime(interview.spec.start, person_zone, locale));
        }
      }
    }
  }
  decision.accepted = true;
  decision.type_name = AbsenceTypeName(*types, absence.type, locale);
  decision.absence = std::move(absence);
  decision.half_days = halves;
  return decision;
}

Result<TeamsAnswer> AbsenceRequests::Decide(const std::string& tenant_id, const std::string& activity_id,
                                            const std::string& aad_object_id, const json& value, Locale locale,
                                            std::int64_t now, const AbsenceAnswerRenderer& render) {
  std::lock_guard lock(mutex_);
  if (Result<std::optional<std::string>> stored = store_.GetRequestAnswer(tenant_id, activity_id);
      stored && stored->has_value()) {
    return TeamsAnswer{slotwise::ParseJson(**stored), true};
  }
  Result<AbsenceDecision> decision = Check(tenant_id, activity_id, aad_object_id, value, locale, now);
  if (!decision) return decision.error();
  json reply = render(*decision);
  const Absence* absence = decision->accepted ? &decision->absence : nullptr;
  Result<bool> committed = store_.CommitRequest(tenant_id, activity_id, absence, reply.dump(), now);
  if (!committed && committed.error().code == codes::kStorageConflict) {
    Result<std::optional<std::string>> stored = store_.GetRequestAnswer(tenant_id, activity_id);
    if (stored && stored->has_value()) return TeamsAnswer{slotwise::ParseJson(**stored), true};
  }
  if (!committed) return Fail(codes::kStorageError, committed.error().message);
  return TeamsAnswer{std::move(reply), false};
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] AbsenceRequests::Handle (the outgoing webhook)
// -----------------------------------------------------------------------------------------------------------------

Result<TeamsAnswer> AbsenceRequests::Handle(const std::string& tenant_id, const std::string& authorization,
                                    const std::string& body, std::int64_t now) {
  // 1. The signature, over the raw body, before anything else is read.
  Result<std::optional<std::string>> secret = store_.GetTeamsSecret(tenant_id);
  if (!secret) return Fail(codes::kStorageError, secret.error().message);
  if (!secret->has_value()) {
    return Fail(codes::kInvalidSignature, "no Teams security token is configured for this tenant");
  }
  if (Result<bool> verified = VerifyTeamsRequest(authorization, body, **secret); !verified) {
    return Fail(verified.error().code, verified.error().message);
  }
  // 2. The activity.
  const json activity = slotwise::ParseJson(body);
  if (!activity.is_object()) return Fail(codes::kInvalidJson, "the body must be a JSON object (a Teams activity)");
  const std::string activity_id = StringAt(activity, "id");
  if (activity_id.empty() || activity_id.size() > 256) {
    return Fail(codes::kInvalidRequest, "the activity needs an id (at most 256 characters)", "id");
  }
  const std::optional<Instant> sent_at = ParseActivityTime(StringAt(activity, "timestamp"));
  if (!sent_at) return Fail(codes::kInvalidRequest, "the activity needs an RFC 3339 timestamp", "timestamp");
  if (*sent_at < now - kTeamsRequestToleranceSeconds || *sent_at > now + kTeamsRequestToleranceSeconds) {
    return Fail(codes::kStaleRequest,
                "the request was signed at " + FormatRfc3339(*sent_at) + ", more than 5 minutes from now");
  }
  const Locale locale = HrLocale(invites::ParseLocale(StringAt(activity, "locale")));  // fr, es, … : English
  const std::string language(invites::LocaleTag(locale));
  const json from = activity.contains("from") ? activity["from"] : json();
  const json value = activity.contains("value") && activity["value"].is_object() ? activity["value"] : json::object();

  // 3.–9. Checked, stored and answered with a card.
  return Decide(tenant_id, activity_id, StringAt(from, "aadObjectId"), value, locale, now,
                [&](const AbsenceDecision& decision) {
                  if (!decision.accepted) {
                    return Refusal(locale, decision.refusal.code, decision.refusal.message, decision.refusal.field);
                  }
                  json card_body = json::array({TextBlock(Text(TextId::kRequestReceived, locale), true),
                                                {{"type", "FactSet"}, {"facts", AbsenceFacts(decision, locale)}}});
                  if (!decision.conflict_lines.empty()) {
                    card_body.push_back({{"type", "TextBlock"},
                                         {"text", Text(TextId::kConflictingInterviews, locale)},
                                         {"weight", "Bolder"},
                                         {"wrap", true}});
                    for (const std::string& line : decision.conflict_lines) card_body.push_back(TextBlock("• " + line));
                  }
                  json outcome = {{"outcome", "requested"},
                                  {"absence", AbsenceJson(decision.absence)},
                                  {"working_days", static_cast<double>(decision.half_days) / 2.0},
                                  {"conflicting_interviews", decision.conflicts}};
                  return Reply(Card(language, card_body), std::move(outcome));
                });
}

}  // namespace slotwise::hr
