// teams_bot.cpp — see teams_bot.h.
//
// [SECTION] The bot's own words (en, de, nl, ja)
// [SECTION] Cards
// [SECTION] TeamsBot::Handle
#include "hr/teams_bot.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "hr/absence_days.h"
#include "hr/hr_text.h"
#include "hr/work_schedule.h"
#include "invites/locale_format.h"
#include "providers/teams_messages.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise::hr {

namespace {

using nlohmann::json;

// object[key] when `object` is an object holding it, else null (never throws, never asserts on a const json).
json Member(const json& object, const char* key) {
  if (!object.is_object()) return json();
  auto it = object.find(key);
  return it != object.end() ? *it : json();
}

std::string StringAt(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Cards
// -----------------------------------------------------------------------------------------------------------------

json Card(Locale locale, json body, json actions = json::array()) {
  json card = {{"type", "AdaptiveCard"},
               {"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
               {"version", "1.4"},
               {"lang", std::string(invites::LocaleTag(HrLocale(locale)))},
               {"body", std::move(body)}};
  if (!actions.empty()) card["actions"] = std::move(actions);
  return card;
}

json Title(const std::string& text) {
  return {{"type", "TextBlock"}, {"text", text}, {"weight", "Bolder"}, {"size", "Medium"}, {"wrap", true}};
}
json Line(const std::string& text) { return {{"type", "TextBlock"}, {"text", text}, {"wrap", true}}; }
json ErrorLine(const std::string& text) {
  return {{"type", "TextBlock"}, {"text", text}, {"wrap", true}, {"color", "Attention"}, {"weight", "Bolder"},
          {"id", "error"}};
}

json Choice(const std::string& title, const std::string& value) { return {{"title", title}, {"value", value}}; }

json PartChoices(Locale locale, bool first) {
  json choices = json::array({Choice(Text(TextId::kPartFull, locale), "full")});
  if (first) {
    choices.push_back(Choice(Text(TextId::kPartAfternoon, locale), "afternoon"));
    choices.push_back(Choice(Text(TextId::kPartMorning, locale), "morning"));
  } else {
    choices.push_back(Choice(Text(TextId::kPartMorning, locale), "morning"));
  }
  return choices;
}

json Attachment(const json& card) {
  return {{"contentType", providers::kAdaptiveCardContentType}, {"content", card}};
}

// The bot's message: `card` as the only attachment, addressed back into the activity's conversation.
json MessageWith(const json& activity, const json& card) {
  json message = {{"type", "message"}, {"attachments", json::array({Attachment(card)})}};
  if (activity.contains("conversation")) message["conversation"] = activity["conversation"];
  if (activity.contains("recipient")) message["from"] = activity["recipient"];
  if (activity.contains("from")) message["recipient"] = activity["from"];
  if (activity.contains("id")) message["replyToId"] = activity["id"];
  return message;
}

std::string NameOf(const Employee& e, Locale locale) {
  const std::string name = FullName(e.first_name, e.last_name, locale);
  return name.empty() ? e.id : name;
}

}  // namespace

bool AsksForAbsence(const std::string& text) {
  std::string plain;
  // Drop <at>…</at> mentions and any other markup, fold ASCII case and runs of white space.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 4, "<at>") == 0) {
      std::size_t end = text.find("</at>", i);
      if (end == std::string::npos) break;
      i = end + 4;
      plain += ' ';
      continue;
    }
    if (text[i] == '<') {
      std::size_t end = text.find('>', i);
      if (end == std::string::npos) break;
      i = end;
      continue;
    }
    const bool space = text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r';
    if (space) {
      if (!plain.empty() && plain.back() != ' ') plain += ' ';
    } else {
      plain += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    }
  }
  for (const char* phrase : {"request absence", "abwesenheit beantragen", "afwezigheid aanvragen", "休暇申請"}) {
    if (plain.find(phrase) != std::string::npos) return true;
  }
  return false;
}

std::vector<Colleague> ColleaguesOf(const Employee& requester, const std::vector<Employee>& employees,
                                    const std::string& today, Locale locale) {
  auto present = [&](const Employee& e) {
    return e.id != requester.id && e.status != "inactive" && (e.termination_date.empty() || e.termination_date >= today);
  };
  std::vector<Colleague> out;
  for (auto unit : {&Employee::team, &Employee::department, &Employee::office}) {
    if ((requester.*unit).empty()) continue;
    for (const Employee& e : employees) {
      if (present(e) && e.*unit == requester.*unit) out.push_back({e.id, NameOf(e, locale)});
    }
    if (!out.empty()) break;
  }
  std::sort(out.begin(), out.end(), [](const Colleague& a, const Colleague& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  if (out.size() > 100) out.resize(100);
  return out;
}

json AbsenceFormCard(Locale locale, const std::vector<AbsenceType>& offered, const json& values,
                     const std::string& error) {
  json types = json::array();
  for (const AbsenceType& type : offered) types.push_back(Choice(AbsenceTypeName(offered, type.id, locale), type.id));
  const std::string first_type = offered.empty() ? std::string("vacation") : offered.front().id;
  auto value_of = [&](const char* key, const char* fallback) {
    const std::string v = StringAt(values, key);
    return v.empty() ? std::string(fallback) : v;
  };
  json body = json::array({Title(Text(TextId::kBotFormTitle, locale)), Line(Text(TextId::kBotStepOne, locale))});
  if (!error.empty()) body.push_back(ErrorLine(error));
  body.push_back({{"type", "Input.ChoiceSet"}, {"id", "absence_type"}, {"label", Text(TextId::kBotType, locale)},
                  {"style", "compact"}, {"isRequired", true}, {"errorMessage", Text(TextId::kBotRequired, locale)},
                  {"value", value_of("absence_type", first_type.c_str())}, {"choices", types}});
  body.push_back({{"type", "Input.Date"}, {"id", "first_day"}, {"label", Text(TextId::kFieldFirstDay, locale)},
                  {"isRequired", true}, {"errorMessage", Text(TextId::kBotRequired, locale)},
                  {"value", value_of("first_day", "")}});
  body.push_back({{"type", "Input.ChoiceSet"}, {"id", "first_day_part"}, {"label", Text(TextId::kBotFirstDayPart, locale)},
                  {"style", "compact"}, {"value", value_of("first_day_part", "full")},
                  {"choices", PartChoices(locale, true)}});
  body.push_back({{"type", "Input.Date"}, {"id", "last_day"}, {"label", Text(TextId::kFieldLastDay, locale)},
                  {"isRequired", true}, {"errorMessage", Text(TextId::kBotRequired, locale)},
                  {"value", value_of("last_day", "")}});
  body.push_back({{"type", "Input.ChoiceSet"}, {"id", "last_day_part"}, {"label", Text(TextId::kBotLastDayPart, locale)},
                  {"style", "compact"}, {"value", value_of("last_day_part", "full")},
                  {"choices", PartChoices(locale, false)}});
  json actions = json::array({{{"type", "Action.Submit"}, {"title", Text(TextId::kBotNext, locale)},
                               {"data", {{"action", "absence_next"}}}}});
  return Card(locale, body, actions);
}

json AbsenceNextStepCard(Locale locale, const std::string& type_name, const Absence& draft, std::int64_t half_days,
                         const std::vector<Colleague>& colleagues, const json& values, const std::string& error) {
  json body = json::array({Title(Text(TextId::kBotFormTitle, locale)), Line(Text(TextId::kBotStepTwo, locale))});
  if (!error.empty()) body.push_back(ErrorLine(error));
  json facts = json::array({
      {{"title", Text(TextId::kFieldType, locale)}, {"value", type_name}},
      {{"title", Text(TextId::kFieldFirstDay, locale)},
       {"value", DayWithPart(draft.first_day, draft.first_day_part, locale)}},
      {{"title", Text(TextId::kFieldLastDay, locale)},
       {"value", DayWithPart(draft.last_day, draft.last_day_part, locale)}},
      {{"title", Text(TextId::kFieldDuration, locale)}, {"value", FormatWorkingDays(half_days, locale)}},
  });
  body.push_back({{"type", "FactSet"}, {"facts", facts}});
  json choices = json::array();
  for (const Colleague& c : colleagues) choices.push_back(Choice(c.name, c.id));
  if (choices.empty()) body.push_back(Line(Text(TextId::kBotNoColleagues, locale)));
  json picker = {{"type", "Input.ChoiceSet"}, {"id", "substitute"}, {"label", Text(TextId::kBotSubstitute, locale)},
                 {"style", "compact"}, {"placeholder", Text(TextId::kBotNoSubstitute, locale)}, {"choices", choices}};
  if (std::string chosen = StringAt(values, "substitute"); !chosen.empty()) picker["value"] = chosen;
  body.push_back(picker);
  json comment = {{"type", "Input.Text"}, {"id", "comment"}, {"label", Text(TextId::kBotComment, locale)},
                  {"isMultiline", true}, {"maxLength", 500}};
  if (std::string text = StringAt(values, "comment"); !text.empty()) comment["value"] = text;
  body.push_back(comment);
  const json data = {{"action", "absence_submit"},
                     {"absence_type", draft.type},
                     {"first_day", draft.first_day},
                     {"first_day_part", std::string(DayPartName(draft.first_day_part))},
                     {"last_day", draft.last_day},
                     {"last_day_part", std::string(DayPartName(draft.last_day_part))}};
  json actions = json::array({{{"type", "Action.Submit"}, {"title", Text(TextId::kBotSubmit, locale)}, {"data", data}}});
  return Card(locale, body, actions);
}

json AbsenceConfirmationCard(Locale locale, const AbsenceDecision& decision) {
  json body = json::array({Title(Text(TextId::kRequestReceived, locale)),
                           {{"type", "FactSet"}, {"facts", AbsenceFacts(decision, locale)}}});
  if (!decision.conflict_lines.empty()) {
    body.push_back({{"type", "TextBlock"}, {"text", Text(TextId::kConflictingInterviews, locale)},
                    {"weight", "Bolder"}, {"wrap", true}});
    for (const std::string& line : decision.conflict_lines) body.push_back(Line("• " + line));
  }
  return Card(locale, body);
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] TeamsBot::Handle
// -----------------------------------------------------------------------------------------------------------------

TeamsBot::TeamsBot(HrStore& store, AbsenceRequests& requests, BotConnector& connector, TenantsOfDirectory tenants,
                   ZoneSource& zones, Clock clock)
    : store_(store), requests_(requests), connector_(connector), tenants_(std::move(tenants)), zones_(zones),
      clock_(std::move(clock)) {}

Result<bool> TeamsBot::Handle(const std::string& authorization, const std::string& body) {
  // 1. The activity and its token; nothing else before the token is good.
  const json activity = slotwise::ParseJson(body);
  if (!activity.is_object()) return Error{codes::kInvalidJson, "the body must be a Bot Framework activity", ""};
  Result<json> claims =
      connector_.VerifyIncoming(authorization, StringAt(activity, "serviceUrl"), StringAt(activity, "channelId"));
  if (!claims) return claims.error();

  // 2. Messages only.
  if (StringAt(activity, "type") != "message") return true;
  const std::string activity_id = StringAt(activity, "id");
  const std::string service_url = StringAt(activity, "serviceUrl");
  const json conversation = activity.contains("conversation") ? activity["conversation"] : json();
  const std::string conversation_id = StringAt(conversation, "id");
  if (activity_id.empty() || activity_id.size() > 256 || conversation_id.empty()) {
    return Error{codes::kInvalidRequest, "the activity needs an id and a conversation", "id"};
  }
  const Locale locale = HrLocale(invites::ParseLocale(StringAt(activity, "locale")));
  const std::int64_t now = clock_();
  const json value = activity.contains("value") && activity["value"].is_object() ? activity["value"] : json();
  const std::string reply_to = StringAt(activity, "replyToId");
  // A card's answer replaces the card; anything else is a reply.
  auto answer = [&](const json& card, bool replace) -> Result<bool> {
    json message = MessageWith(activity, card);
    const bool update = replace && !reply_to.empty();
    if (update) message["id"] = reply_to;
    Result<std::string> sent = connector_.Send(service_url, conversation_id, update ? reply_to : activity_id, update,
                                               message);
    if (!sent) return sent.error();
    return true;
  };

  // 3. Which tenant.
  std::string directory = StringAt(Member(Member(activity, "channelData"), "tenant"), "id");
  if (directory.empty()) directory = StringAt(conversation, "tenantId");
  Result<std::vector<std::string>> tenants = tenants_(directory);
  if (!tenants) return Error{codes::kStorageError, tenants.error().message, ""};
  if (directory.empty() || tenants->size() != 1) {
    return answer(Card(locale, json::array({Title(Text(TextId::kBotFormTitle, locale)), Line(Text(TextId::kBotNotConnected, locale))})),
                  !value.is_null());
  }
  const std::string tenant_id = tenants->front();

  // 4. Who asks.
  const std::string aad_object_id = StringAt(activity.contains("from") ? activity["from"] : json(), "aadObjectId");
  Result<std::optional<Employee>> requester = store_.FindEmployeeByTeamsUser(tenant_id, aad_object_id);
  if (!requester) return Error{codes::kStorageError, requester.error().message, ""};
  if (!requester->has_value()) {
    return answer(Card(locale, json::array({Title(Text(TextId::kRequestRefused, locale)),
                                            Line(Text(TextId::kRefusedUnknownRequester, locale))})),
                  !value.is_null());
  }
  const Employee& employee = **requester;

  // 6. What is said; the tenant's absence types (else the built-in set).
  Result<std::vector<AbsenceType>> own_types = store_.ListAbsenceTypes(tenant_id);
  if (!own_types) return Error{codes::kStorageError, own_types.error().message, ""};
  const std::vector<AbsenceType> types = own_types->empty() ? BuiltInAbsenceTypes() : *own_types;
  if (value.is_null()) {
    if (AsksForAbsence(StringAt(activity, "text"))) {
      return answer(AbsenceFormCard(locale, types, json::object(), ""), false);
    }
    return answer(Card(locale, json::array({Line(Text(TextId::kBotHelp, locale))})), false);
  }
  const std::string action = StringAt(value, "action");
  Result<std::vector<Employee>> everyone = store_.ListEmployees(tenant_id);
  if (!everyone) return Error{codes::kStorageError, everyone.error().message, ""};
  const std::vector<Colleague> colleagues = ColleaguesOf(employee, *everyone, FormatIsoDay(now / 86400), locale);
  Result<WorkingHours> parsed_hours = ParseWorkingHoursText(employee.working_hours_json, "working_hours");
  const WorkingHours hours = parsed_hours ? *parsed_hours : DefaultWorkingHours();

  // The draft of the form's values (parts defaulted as the webhook does).
  Absence draft;
  draft.tenant_id = tenant_id;
  draft.employee_id = employee.id;
  draft.type = StringAt(value, "absence_type");
  draft.first_day = StringAt(value, "first_day");
  draft.last_day = StringAt(value, "last_day");
  const std::optional<DayPart> first_part =
      StringAt(value, "first_day_part").empty() ? DayPart::kFull : ParseDayPart(StringAt(value, "first_day_part"));
  const std::optional<DayPart> last_part =
      StringAt(value, "last_day_part").empty()
          ? (draft.first_day == draft.last_day ? first_part : std::optional<DayPart>(DayPart::kFull))
          : ParseDayPart(StringAt(value, "last_day_part"));
  // A one-day absence takes the first day's part (the form asks the last day's part separately).
  draft.first_day_part = first_part.value_or(DayPart::kFull);
  draft.last_day_part = last_part.value_or(DayPart::kFull);
  if (draft.first_day == draft.last_day) {
    if (draft.first_day_part == DayPart::kFull) draft.first_day_part = draft.last_day_part;
    draft.last_day_part = draft.first_day_part;
  }
  json normalised = value;
  if (first_part) normalised["first_day_part"] = std::string(DayPartName(draft.first_day_part));
  if (last_part) normalised["last_day_part"] = std::string(DayPartName(draft.last_day_part));

  if (action == "absence_next") {
    std::string problem;
    if (!first_part) {
      problem = Text(TextId::kRefusedInvalid, locale, {"first_day_part"});
    } else if (!last_part) {
      problem = Text(TextId::kRefusedInvalid, locale, {"last_day_part"});
    } else if (Result<bool> shape = ValidateAbsenceShape(draft, "value", &types); !shape) {
      std::string field = shape.error().field;
      if (field == "value.type") field = "value.absence_type";
      problem = Text(TextId::kRefusedInvalid, locale, {field.substr(field.find('.') + 1)});
    }
    const std::int64_t halves = problem.empty() ? WorkingHalfDays(draft, hours) : 0;
    if (problem.empty() && halves == 0) problem = Text(TextId::kRefusedInvalid, locale, {"first_day"});
    if (!problem.empty()) return answer(AbsenceFormCard(locale, types, value, problem), true);
    return answer(AbsenceNextStepCard(locale, AbsenceTypeName(types, draft.type, locale), draft, halves, colleagues,
                                      json::object(), ""),
                  true);
  }
  if (action == "absence_submit") {
    Result<TeamsAnswer> decided = requests_.Decide(
        tenant_id, activity_id, aad_object_id, normalised, locale, now, [&](const AbsenceDecision& decision) -> json {
          if (decision.accepted) return AbsenceConfirmationCard(locale, decision);
          const std::int64_t halves = first_part && last_part && ValidateAbsenceShape(draft, "value", &types)
                                          ? WorkingHalfDays(draft, hours)
                                          : 0;
          return AbsenceNextStepCard(locale, AbsenceTypeName(types, draft.type, locale), draft, halves, colleagues,
                                     value, decision.refusal.message);
        });
    if (!decided) return decided.error();
    return answer(decided->body, true);
  }
  return answer(AbsenceFormCard(locale, types, json::object(), ""), false);
}

}  // namespace slotwise::hr
