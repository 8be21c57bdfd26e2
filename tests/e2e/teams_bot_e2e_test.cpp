// The Teams app's bot, end to end (docs/TEAMS_APP.md): the sandbox's Teams acts as the Bot Connector — it signs each
// activity with its own key (published at its OpenID metadata / JWKS), sends it to the server's messaging endpoint
// POST /v1/teams/bot/messages, and records the bot's replies, which come back through its conversation endpoints
// with a bot token from its token endpoint. Checked: "request absence" → form → next step (substitute picker of the
// requester's team, duration recomputed) → confirmation and the stored absence; a refusal shown in the same card;
// a retried activity stored once; forged, expired, wrong-audience and misdirected tokens refused with 401 and nothing
// done; an activity of another Microsoft tenant reaching only the Slotwise tenant connected to that tenant.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "connections/org_connections.h"
#include "provider_world.h"
#include "slotwise/time.h"
#include "store/sqlite_store.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

constexpr const char* kOtherDirectory = "0b0b0b0b-0000-4000-8000-0000000000b2";

std::string Endpoint(ProviderWorld& world) { return world.root() + "/v1/teams/bot/messages"; }

std::string UserId(ProviderWorld& world, const std::string& email) {
  const json directory = world.SandboxGet("/sandbox/directory");
  for (const json& user : directory.at("users")) {
    if (user.at("email") == email) return user.at("id").get<std::string>();
  }
  FAIL("no sandbox user " << email);
  return "";
}

std::vector<json> BotActivities(ProviderWorld& world) {
  std::vector<json> out;
  const json objects = world.SandboxGet("/sandbox/objects");
  for (const json& object : objects.at("objects")) {
    if (object.at("type") == "bot_activity") out.push_back(object);
  }
  return out;
}

json CardOf(const json& bot_activity) {
  return bot_activity.at("fields").at("activity").at("attachments").at(0).at("content");
}

// The element of the card's body with this id (null when none).
json ElementWithId(const json& card, const std::string& id) {
  for (const json& element : card.at("body")) {
    if (element.value("id", "") == id) return element;
  }
  return nullptr;
}

std::string CardText(const json& card) { return card.dump(); }

// The absences of `employee_id` ("" = everyone's) over the next 120 days.
json Absences(ProviderWorld& world, const std::string& api_key, const std::string& employee_id) {
  const std::string range = "from=" + FormatRfc3339(world.Now()).substr(0, 10) +
                            "&to=" + FormatRfc3339(world.Now() + 120 * 86400).substr(0, 10);
  const HttpAnswer answer =
      HttpJson("GET", world.root() + "/v1/hr/absences?" + range + (employee_id.empty() ? "" : "&employee_id=" + employee_id),
               nullptr, {{"Authorization", "Bearer " + api_key}});
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  return json::parse(answer.body).at("absences");
}

json Send(ProviderWorld& world, json body) {
  body["endpoint"] = Endpoint(world);
  return world.SandboxPost("/sandbox/teams/bot/send", body);
}

struct Team {
  std::string sanne, daan, anna, priya;  // aadObjectIds
};

Team SeedTeam(ProviderWorld& world) {
  Team team{UserId(world, "sanne.devries@kumo-labs.example"), UserId(world, "daan.jansen@kumo-labs.example"),
            UserId(world, "anna.schmidt@kumo-labs.example"), UserId(world, "priya.patel@kumo-labs.example")};
  const json employees = {
      {{"id", "e-sanne"}, {"first_name", "Sanne"}, {"last_name", "de Vries"}, {"email", "sanne.devries@kumo-labs.example"},
       {"team", "Platform"}, {"time_zone", "Europe/Amsterdam"}, {"teams_user_id", team.sanne}},
      {{"id", "e-daan"}, {"first_name", "Daan"}, {"last_name", "Jansen"}, {"email", "daan.jansen@kumo-labs.example"},
       {"team", "Platform"}, {"time_zone", "Europe/Amsterdam"}, {"teams_user_id", team.daan}},
      {{"id", "e-anna"}, {"first_name", "Anna"}, {"last_name", "Schmidt"}, {"email", "anna.schmidt@kumo-labs.example"},
       {"team", "Platform"}, {"time_zone", "Europe/Berlin"}, {"teams_user_id", team.anna}},
      {{"id", "e-priya"}, {"first_name", "Priya"}, {"last_name", "Patel"}, {"email", "priya.patel@kumo-labs.example"},
       {"team", "Sales"}, {"time_zone", "America/New_York"}, {"teams_user_id", team.priya}},
  };
  const HttpAnswer put = world.Api("PUT", "/v1/hr/employees", {{"employees", employees}});
  REQUIRE_MESSAGE(put.status == 200, put.body);
  return team;
}

// "request absence" from `from`; the form card's message id.
std::string OpenForm(ProviderWorld& world, const std::string& from, const std::string& text = "request absence",
                     const std::string& locale = "en-US") {
  const std::size_t before = BotActivities(world).size();
  const json sent = Send(world, {{"from", from}, {"text", text}, {"locale", locale}});
  REQUIRE_MESSAGE(sent.at("status") == 200, sent.dump());
  const std::vector<json> after = BotActivities(world);
  REQUIRE(after.size() == before + 1);
  const json& reply = after.back();
  CHECK(reply.at("fields").at("method") == "POST");
  CHECK(reply.at("fields").at("reply_to_id") == sent.at("activity").at("id"));
  return reply.at("id").get<std::string>();
}

}  // namespace

TEST_CASE("Teams bot: request absence → form → substitute → stored, confirmed through the Bot Connector") {
  ProviderWorld world(true, true);
  SeedTeam(world);
  const Day tuesday = FreeWeekDay(world.Now(), 2), thursday = FreeWeekDay(world.Now(), 4);
  const std::string sanne = "sanne.devries@kumo-labs.example";

  // 1. "request absence" → the form, as a reply in the chat.
  const std::string form_id = OpenForm(world, sanne);
  const json form = CardOf(BotActivities(world).back());
  CHECK(form.at("version") == "1.4");
  CHECK(BotActivities(world).back().at("fields").at("activity").at("attachments").at(0).at("contentType") ==
        "application/vnd.microsoft.card.adaptive");
  CHECK(ElementWithId(form, "first_day").at("type") == "Input.Date");
  CHECK(ElementWithId(form, "absence_type").at("type") == "Input.ChoiceSet");
  CHECK(form.at("actions").at(0).at("data").at("action") == "absence_next");

  // 2. The form submitted with a half first day → the next step, in place of the form.
  const json next_sent = Send(world, {{"from", sanne},
                                      {"reply_to_id", form_id},
                                      {"value", {{"action", "absence_next"}, {"absence_type", "vacation"},
                                                 {"first_day", tuesday.date}, {"first_day_part", "afternoon"},
                                                 {"last_day", thursday.date}, {"last_day_part", "full"}}}});
  REQUIRE_MESSAGE(next_sent.at("status") == 200, next_sent.dump());
  const json next_update = BotActivities(world).back();
  CHECK(next_update.at("fields").at("method") == "PUT");
  CHECK(next_update.at("id") == form_id);
  const json next = CardOf(next_update);
  CHECK(CardText(next).find("2.5 working days") != std::string::npos);  // Tue afternoon + Wed + Thu
  const json picker = ElementWithId(next, "substitute");
  REQUIRE(picker.is_object());
  std::vector<std::string> offered;
  for (const json& choice : picker.at("choices")) offered.push_back(choice.at("value").get<std::string>());
  CHECK(offered == std::vector<std::string>{"e-anna", "e-daan"});  // her team, by name; not herself, not Sales

  // 3. Daan picked and submitted → stored as the webhook stores it, confirmed in place.
  json submit = next.at("actions").at(0).at("data");
  submit["substitute"] = "e-daan";
  const json submitted = Send(world, {{"from", sanne}, {"reply_to_id", form_id}, {"value", submit},
                                      {"activity_id", "1700000000001"}});
  REQUIRE_MESSAGE(submitted.at("status") == 200, submitted.dump());
  const json confirmation = CardOf(BotActivities(world).back());
  CHECK(BotActivities(world).back().at("fields").at("method") == "PUT");
  CHECK(CardText(confirmation).find("Absence request received") != std::string::npos);
  CHECK(CardText(confirmation).find("Daan Jansen") != std::string::npos);
  CHECK(CardText(confirmation).find("(afternoon)") != std::string::npos);
  CHECK(CardText(confirmation).find("2.5 working days") != std::string::npos);
  json stored = Absences(world, world.api_key(), "e-sanne");
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].at("first_day") == tuesday.date);
  CHECK(stored[0].at("first_day_part") == "afternoon");
  CHECK(stored[0].at("last_day") == thursday.date);
  CHECK(stored[0].at("substitute_id") == "e-daan");
  CHECK(stored[0].at("status") == "requested");
  CHECK(stored[0].at("source") == "teams");

  // 4. The same activity delivered again: the stored answer re-sent, nothing stored twice.
  const std::size_t replies = BotActivities(world).size();
  const json again = Send(world, {{"from", sanne}, {"reply_to_id", form_id}, {"value", submit},
                                  {"activity_id", "1700000000001"}});
  CHECK(again.at("status") == 200);
  CHECK(Absences(world, world.api_key(), "e-sanne").size() == 1);
  CHECK(BotActivities(world).size() == replies + 1);
  CHECK(CardOf(BotActivities(world).back()) == confirmation);

  // 5. An overlapping request: the refusal shown in the next step card itself; nothing stored.
  const std::string second_form = OpenForm(world, sanne);
  Send(world, {{"from", sanne},
               {"reply_to_id", second_form},
               {"value", {{"action", "absence_next"}, {"absence_type", "training"}, {"first_day", thursday.date},
                          {"last_day", thursday.date}}}});
  json overlap_submit = CardOf(BotActivities(world).back()).at("actions").at(0).at("data");
  overlap_submit["substitute"] = "e-anna";
  const json refused = Send(world, {{"from", sanne}, {"reply_to_id", second_form}, {"value", overlap_submit}});
  CHECK(refused.at("status") == 200);
  const json refusal_update = BotActivities(world).back();
  CHECK(refusal_update.at("fields").at("method") == "PUT");
  CHECK(refusal_update.at("id") == second_form);
  const json refusal = CardOf(refusal_update);
  const json error = ElementWithId(refusal, "error");
  REQUIRE(error.is_object());
  CHECK(error.at("color") == "Attention");
  CHECK(error.at("text").get<std::string>().find("already absent") != std::string::npos);
  CHECK(ElementWithId(refusal, "substitute").at("value") == "e-anna");  // the same card, the choice kept
  CHECK(Absences(world, world.api_key(), "e-sanne").size() == 1);

  // 6. German: the locale decides the language, the German words open the form.
  OpenForm(world, sanne, "Abwesenheit beantragen", "de-DE");
  CHECK(CardText(CardOf(BotActivities(world).back())).find("Erster Tag") != std::string::npos);
}

TEST_CASE("Teams bot: forged, expired, wrong-audience and misdirected tokens are refused with 401, nothing done") {
  ProviderWorld world(true, true);
  SeedTeam(world);
  const Day wednesday = FreeWeekDay(world.Now(), 3);
  const std::string sanne = "sanne.devries@kumo-labs.example";
  const std::string form_id = OpenForm(world, sanne);
  const std::size_t replies = BotActivities(world).size();
  const json submit = {{"action", "absence_submit"}, {"absence_type", "vacation"}, {"first_day", wednesday.date},
                       {"first_day_part", "full"}, {"last_day", wednesday.date}, {"last_day_part", "full"}};
  for (const std::string mode : {"unknown_key", "expired", "wrong_audience", "wrong_service_url", "none"}) {
    CAPTURE(mode);
    const json answer = Send(world, {{"from", sanne}, {"reply_to_id", form_id}, {"value", submit}, {"token", mode}});
    CHECK(answer.at("status") == 401);
    CHECK(answer.at("body").at("error").at("code") == "unauthorized");
  }
  CHECK(BotActivities(world).size() == replies);                  // no reply sent
  CHECK(Absences(world, world.api_key(), "e-sanne").empty());     // nothing stored
  // The same request with a good token is stored: the refusals above were the token's.
  const json good = Send(world, {{"from", sanne}, {"reply_to_id", form_id}, {"value", submit}});
  CHECK(good.at("status") == 200);
  CHECK(Absences(world, world.api_key(), "e-sanne").size() == 1);
}

TEST_CASE("Teams bot: another Microsoft tenant's activity never reaches this tenant") {
  ProviderWorld world(true, true);
  SeedTeam(world);
  const Day friday = FreeWeekDay(world.Now(), 5);
  // A second customer organisation in the sandbox, with one user.
  world.SandboxPost("/sandbox/seed",
                    {{"tenants", {{{"id", kOtherDirectory}, {"domain", "other.example"}, {"name", "Other"}}}},
                     {"users", {{{"provider", "microsoft"}, {"email", "mallory@other.example"}, {"name", "Mallory"},
                                 {"tenant", kOtherDirectory}}}}});
  const std::string mallory = UserId(world, "mallory@other.example");
  // This tenant's HR data even claims her Teams user (as a mistake or an attack would).
  REQUIRE(world.Api("PUT", "/v1/hr/employees",
                    {{"employees", {{{"id", "e-mallory"}, {"first_name", "Mallory"}, {"team", "Platform"},
                                     {"teams_user_id", mallory}}}}})
              .status == 200);
  const json submit = {{"action", "absence_submit"}, {"absence_type", "vacation"}, {"first_day", friday.date},
                       {"last_day", friday.date}};

  // Her organisation connected no Slotwise tenant: a polite card, nothing stored anywhere.
  const std::string form_id = OpenForm(world, "mallory@other.example");
  CHECK(CardText(CardOf(BotActivities(world).back())).find("not connected") != std::string::npos);
  CHECK(Send(world, {{"from", "mallory@other.example"}, {"reply_to_id", form_id}, {"value", submit}}).at("status") ==
        200);
  CHECK(Absences(world, world.api_key(), "e-mallory").empty());

  // A second Slotwise tenant connects her organisation: her requests go there, and only there.
  const HttpAnswer created = HttpJson("POST", world.root() + "/v1/tenants", {{"id", "other"}, {"name", "Other"}},
                                      {{"Authorization", std::string("Bearer ") + ProviderWorld::kAdminKey}});
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const HttpAnswer key = HttpJson("POST", world.root() + "/v1/tenants/other/api_keys", nullptr,
                                  {{"Authorization", std::string("Bearer ") + ProviderWorld::kAdminKey}});
  REQUIRE_MESSAGE(key.status == 201, key.body);
  const std::string other_key = json::parse(key.body).at("api_key").get<std::string>();
  {
    Result<std::unique_ptr<SqliteStore>> database = SqliteStore::Open(world.db_path());
    REQUIRE(database.ok());
    OrgConnectionStore organisations(**database);
    OrgConnection connection;
    connection.tenant_id = "other";
    connection.provider = oauth::Provider::kMicrosoft;
    connection.directory_id = kOtherDirectory;
    connection.domains = {"other.example"};
    REQUIRE(organisations.Put(connection).ok());
  }
  REQUIRE(HttpJson("PUT", world.root() + "/v1/hr/employees",
                   {{"employees", {{{"id", "o-mallory"}, {"first_name", "Mallory"}, {"teams_user_id", mallory}}}}},
                   {{"Authorization", "Bearer " + other_key}})
              .status == 200);
  const json stored = Send(world, {{"from", "mallory@other.example"}, {"reply_to_id", form_id}, {"value", submit}});
  CHECK(stored.at("status") == 200);
  CHECK(Absences(world, other_key, "o-mallory").size() == 1);
  CHECK(Absences(world, world.api_key(), "e-mallory").empty());
  // And this tenant's own people are still this tenant's: Sanne's request is stored here, not there.
  const std::string sanne_form = OpenForm(world, "sanne.devries@kumo-labs.example");
  CHECK(Send(world, {{"from", "sanne.devries@kumo-labs.example"}, {"reply_to_id", sanne_form}, {"value", submit}})
            .at("status") == 200);
  CHECK(Absences(world, world.api_key(), "e-sanne").size() == 1);
  CHECK(Absences(world, other_key, "").size() == 1);
}

TEST_CASE("Teams bot: the tenant's own absence types are what the form offers and what absences may be") {
  ProviderWorld world(true, true);
  SeedTeam(world);
  const Day monday = FreeWeekDay(world.Now(), 1);
  const std::string sanne = "sanne.devries@kumo-labs.example";
  // Before any: the built-in set.
  const HttpAnswer built_in = world.Api("GET", "/v1/hr/absence_types");
  REQUIRE_MESSAGE(built_in.status == 200, built_in.body);
  CHECK(json::parse(built_in.body).at("source") == "built_in");
  CHECK(json::parse(built_in.body).at("absence_types").size() == 6);

  // Refused shapes change nothing.
  for (const json& bad : {json{{"absence_types", {{{"id", "Bad Id"}, {"names", {{"en", "x"}}}}}}},
                          json{{"absence_types", {{{"id", "a"}, {"names", {{"de", "nur deutsch"}}}}}}},
                          json{{"absence_types", {{{"id", "a"}, {"names", {{"en", "A"}, {"fr", "A"}}}}}}},
                          json{{"absence_types", {{{"id", "a"}, {"names", {{"en", "A"}}}}, {{"id", "a"}, {"names", {{"en", "B"}}}}}}}}) {
    CAPTURE(bad.dump());
    CHECK(world.Api("PUT", "/v1/hr/absence_types", bad).status == 422);
  }
  const HttpAnswer put = world.Api(
      "PUT", "/v1/hr/absence_types",
      {{"absence_types", {{{"id", "workation"}, {"names", {{"en", "Workation"}, {"de", "Workation (EU)"}}}},
                          {{"id", "volunteering"}, {"names", {{"en", "Volunteering"}, {"nl", "Vrijwilligerswerk"}}}}}}});
  REQUIRE_MESSAGE(put.status == 200, put.body);
  CHECK(json::parse(world.Api("GET", "/v1/hr/absence_types").body).at("source") == "tenant");

  // The form offers exactly those, in Dutch where named.
  const std::string form_id = OpenForm(world, sanne, "afwezigheid aanvragen", "nl-NL");
  const json types = ElementWithId(CardOf(BotActivities(world).back()), "absence_type").at("choices");
  REQUIRE(types.size() == 2);
  CHECK(types[0] == json{{"title", "Workation"}, {"value", "workation"}});
  CHECK(types[1] == json{{"title", "Vrijwilligerswerk"}, {"value", "volunteering"}});
  // A built-in type is no longer one of the tenant's: shown in the form itself.
  Send(world, {{"from", sanne}, {"reply_to_id", form_id}, {"locale", "nl-NL"},
               {"value", {{"action", "absence_next"}, {"absence_type", "vacation"}, {"first_day", monday.date},
                          {"last_day", monday.date}}}});
  CHECK(ElementWithId(CardOf(BotActivities(world).back()), "error").is_object());
  CHECK(ElementWithId(CardOf(BotActivities(world).back()), "first_day").at("type") == "Input.Date");
  // One of the tenant's: next step, submit, stored, confirmed with its name.
  Send(world, {{"from", sanne}, {"reply_to_id", form_id}, {"locale", "nl-NL"},
               {"value", {{"action", "absence_next"}, {"absence_type", "volunteering"}, {"first_day", monday.date},
                          {"last_day", monday.date}}}});
  const json submit = CardOf(BotActivities(world).back()).at("actions").at(0).at("data");
  CHECK(Send(world, {{"from", sanne}, {"reply_to_id", form_id}, {"locale", "nl-NL"}, {"value", submit}})
            .at("status") == 200);
  CHECK(CardText(CardOf(BotActivities(world).back())).find("Vrijwilligerswerk") != std::string::npos);
  const json stored = Absences(world, world.api_key(), "e-sanne");
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].at("type") == "volunteering");

  // The HR import takes the tenant's types too, and no others.
  json absence = {{"id", "imp-1"}, {"employee_id", "e-daan"}, {"type", "workation"}, {"first_day", monday.date},
                  {"last_day", monday.date}};
  CHECK(world.Api("PUT", "/v1/hr/absences", {{"absences", {absence}}}).status == 200);
  absence["type"] = "sick_leave";
  const HttpAnswer refused = world.Api("PUT", "/v1/hr/absences", {{"absences", {absence}}});
  CHECK(refused.status == 422);
  CHECK(json::parse(refused.body).at("error").at("field") == "absences[0].type");
  // [] = back to the built-in set.
  CHECK(world.Api("PUT", "/v1/hr/absence_types", {{"absence_types", json::array()}}).status == 200);
  CHECK(json::parse(world.Api("GET", "/v1/hr/absence_types").body).at("source") == "built_in");
}
