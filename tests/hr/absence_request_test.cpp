// absence_request_test.cpp — absence requests from Teams (POST /v1/hr/teams/{tenant}/absence_requests): signatures
// (wrong, missing, stale), half days and the duration in working days, overlaps with the requester's own absences,
// a substitute who is absent, the requester's interviews that now conflict, replays. People: SeedWeek
// (hr_test_data.h) — everyone works Monday–Friday 09:00–17:00 (the default), so midday is 13:00 local.
#include <doctest/doctest.h>

#include "crypto/crypto_primitives.h"
#include "hr_test_data.h"
#include "support/openssl_cli.h"

namespace slotwise::testing {
namespace {

using nlohmann::json;

const std::string kToken = crypto::Base64Encode("teams-outgoing-webhook-token-42");

// The Authorization header Teams sends with `body` (backend/hr/teams_signature.h), the HMAC computed by openssl:
// "HMAC " + base64(HMAC-SHA256(key = base64-decoded security token, message = body)).
std::string TeamsSignature(const std::string& security_token, const std::string& body) {
  const std::string key_hex = crypto::HexEncode(crypto::Base64Decode(security_token).value());
  return "HMAC " + crypto::Base64Encode(crypto::HexDecode(OpensslHmacSha256HexKey(key_hex, body)).value());
}

struct Teams {
  HrWorld& world;
  int counter = 0;

  json Activity(const std::string& aad, const std::string& locale, const json& value, std::int64_t sent_at) {
    return {{"type", "message"},
            {"id", "activity-" + std::to_string(++counter)},
            {"timestamp", FormatRfc3339(sent_at).substr(0, 19) + ".1234567Z"},
            {"locale", locale},
            {"channelId", "msteams"},
            {"from", {{"id", "29:" + aad}, {"name", aad}, {"aadObjectId", aad}}},
            {"value", value}};
  }
  Answer Send(const std::string& body, const std::string& authorization) {
    httplib::Headers headers;
    if (!authorization.empty()) headers.emplace("Authorization", authorization);
    return Call(world.root(), "POST", "/v1/hr/teams/acme/absence_requests", headers, body);
  }
  // A correctly signed request sent now.
  Answer Request(const std::string& aad, const std::string& locale, const json& value) {
    const std::string body = Activity(aad, locale, value, world.Now()).dump();
    return Send(body, TeamsSignature(kToken, body));
  }
};

std::size_t CountAbsences(HrWorld& world) {
  return world.Api("GET", "/v1/hr/absences?from=2026-01-01&to=2026-12-31").body["absences"].size();
}

void Setup(HrWorld& world) {
  SeedWeek(world);
  RequireOk(world.Api("PUT", "/v1/hr/teams_webhook", {{"security_token", kToken}}), 204);
}

TEST_CASE("HR absence requests: bad signatures are refused and store nothing") {
  HrWorld world(At("2026-11-02T09:00:00Z"));
  Setup(world);
  Teams teams{world};
  const json value = {{"absence_type", "vacation"}, {"first_day", "2026-11-09"}, {"last_day", "2026-11-09"}};
  const std::string body = teams.Activity("aad-jonas", "de-DE", value, world.Now()).dump();
  const std::size_t before = CountAbsences(world);

  Answer wrong = teams.Send(body, TeamsSignature(crypto::Base64Encode("some-other-token"), body));
  CHECK(wrong.status == 401);
  CHECK(wrong.body["error"]["code"] == "invalid_signature");
  Answer missing = teams.Send(body, "");
  CHECK(missing.status == 401);
  CHECK(missing.body["error"]["code"] == "missing_signature");
  Answer tampered = teams.Send(body + " ", TeamsSignature(kToken, body));
  CHECK(tampered.body["error"]["code"] == "invalid_signature");
  // Correctly signed, but sent 6 minutes ago (the limit is 5).
  const std::string old_body = teams.Activity("aad-jonas", "de-DE", value, world.Now() - 360).dump();
  Answer stale = teams.Send(old_body, TeamsSignature(kToken, old_body));
  CHECK(stale.status == 401);
  CHECK(stale.body["error"]["code"] == "stale_request");
  // Another tenant's path (no token configured there).
  CHECK(Call(world.root(), "POST", "/v1/hr/teams/other/absence_requests",
             {{"Authorization", TeamsSignature(kToken, body)}}, body)
            .status == 401);
  CHECK(CountAbsences(world) == before);
  // The same body correctly signed is accepted.
  CHECK(teams.Send(body, TeamsSignature(kToken, body)).body["slotwise"]["outcome"] == "requested");
  CHECK(CountAbsences(world) == before + 1);
}

TEST_CASE("HR absence requests: half days, duration in working days, overlaps, confirmation in the user's language") {
  HrWorld world(At("2026-11-02T09:00:00Z"));
  Setup(world);
  Teams teams{world};
  // Jonas: Mon 9 Nov afternoon .. Wed 11 Nov morning = Mon PM + Tue AM + Tue PM + Wed AM = 4 halves = 2 days.
  Answer first = teams.Request("aad-jonas", "de-DE",
                               {{"absence_type", "vacation"}, {"first_day", "2026-11-09"}, {"first_day_part", "afternoon"},
                                {"last_day", "2026-11-11"}, {"last_day_part", "morning"}, {"substitute", "e-sanne"}});
  RequireOk(first);
  CHECK(first.body["slotwise"]["outcome"] == "requested");
  CHECK(first.body["slotwise"]["working_days"] == 2.0);
  CHECK(first.body["slotwise"]["absence"]["status"] == "requested");
  CHECK(first.body["slotwise"]["absence"]["substitute_id"] == "e-sanne");
  const json card = first.body["attachments"][0]["content"];
  CHECK(first.body["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive");
  const std::string text = CardText(card);
  CHECK(text.find("Abwesenheitsantrag eingegangen") != std::string::npos);
  CHECK(text.find("Erster Tag: Montag, 9. November 2026 (Nachmittag)") != std::string::npos);
  CHECK(text.find("Letzter Tag: Mittwoch, 11. November 2026 (Vormittag)") != std::string::npos);
  CHECK(text.find("Vertretung: Sanne de Vries") != std::string::npos);
  CHECK(text.find("Dauer: 2 Arbeitstage") != std::string::npos);
  for (const std::string& word : EnglishWords()) CHECK_MESSAGE(text.find(word) == std::string::npos, word);

  // Overlaps: Tuesday 10 Nov is inside it → refused, in German, nothing stored.
  const std::size_t stored = CountAbsences(world);
  Answer overlap = teams.Request("aad-jonas", "de-DE",
                                 {{"absence_type", "training"}, {"first_day", "2026-11-10"}, {"last_day", "2026-11-10"}});
  RequireOk(overlap);
  CHECK(overlap.body["slotwise"]["outcome"] == "refused");
  CHECK(overlap.body["slotwise"]["error"]["code"] == "absence_overlap");
  CHECK(CardText(overlap.body["attachments"][0]["content"])
            .find("Sie sind bereits vom Montag, 9. November 2026 (Nachmittag) bis Mittwoch, 11. November 2026 "
                  "(Vormittag) abwesend.") != std::string::npos);
  // Monday 9 Nov morning does not touch the Monday afternoon: accepted, half a day.
  Answer morning = teams.Request("aad-jonas", "nl-NL",
                                 {{"absence_type", "special_leave"}, {"first_day", "2026-11-09"},
                                  {"first_day_part", "morning"}, {"last_day", "2026-11-09"}});
  RequireOk(morning);
  CHECK(morning.body["slotwise"]["outcome"] == "requested");
  CHECK(morning.body["slotwise"]["working_days"] == 0.5);
  CHECK(CardText(morning.body["attachments"][0]["content"]).find("Duur: 0,5 werkdagen") != std::string::npos);
  CHECK(CountAbsences(world) == stored + 1);
  // A weekend only (Sat 14 – Sun 15 Nov) has no working day.
  CHECK(teams.Request("aad-jonas", "en", {{"absence_type", "vacation"}, {"first_day", "2026-11-14"},
                                          {"last_day", "2026-11-15"}})
            .body["slotwise"]["error"]["code"] == "no_working_days");
  // Invalid shapes name the card field.
  CHECK(teams.Request("aad-jonas", "en", {{"absence_type", "holiday"}, {"first_day", "2026-11-20"},
                                          {"last_day", "2026-11-20"}})
            .body["slotwise"]["error"]["field"] == "value.absence_type");
  CHECK(teams.Request("aad-jonas", "en", {{"absence_type", "vacation"}, {"first_day", "2026-11-20"},
                                          {"first_day_part", "morning"}, {"last_day", "2026-11-23"}})
            .body["slotwise"]["error"]["field"] == "value.first_day_part");
  // Someone Teams knows but HR does not.
  CHECK(teams.Request("aad-stranger", "ja", {{"absence_type", "vacation"}, {"first_day", "2026-11-20"},
                                             {"last_day", "2026-11-20"}})
            .body["slotwise"]["error"]["code"] == "unknown_requester");
}

TEST_CASE("HR absence requests: a Teams user in French gets the card in English, dates included (no French HR texts)") {
  HrWorld world(At("2026-11-02T09:00:00Z"));
  Setup(world);
  Teams teams{world};
  // Friday 20 November 2026, a full day.
  Answer answer = teams.Request("aad-jonas", "fr-FR",
                                {{"absence_type", "vacation"}, {"first_day", "2026-11-20"}, {"last_day", "2026-11-20"}});
  RequireOk(answer);
  CHECK(answer.body["slotwise"]["outcome"] == "requested");
  const json card = answer.body["attachments"][0]["content"];
  CHECK(card["lang"] == "en");
  const std::string text = CardText(card);
  CHECK_MESSAGE(text.find("Absence request received") != std::string::npos, text);
  CHECK(text.find("First day: Friday, 20 November 2026") != std::string::npos);
  CHECK(text.find("Duration: 1 working day") != std::string::npos);
  CHECK(text.find("vendredi") == std::string::npos);
  CHECK(text.find("novembre") == std::string::npos);
}

TEST_CASE("HR absence requests: a substitute who is absent, by half days") {
  HrWorld world(At("2026-10-20T09:00:00Z"));
  Setup(world);
  Teams teams{world};
  // Priya is away Mon 26 Oct (full) and Tue 27 Oct in the morning. Ken asks for Tue 27 Oct with Priya as substitute.
  Answer refused = teams.Request("aad-ken", "ja-JP", {{"absence_type", "vacation"}, {"first_day", "2026-10-27"},
                                                      {"last_day", "2026-10-27"}, {"substitute", "priya@acme.example"}});
  RequireOk(refused);
  CHECK(refused.body["slotwise"]["error"]["code"] == "substitute_absent");
  const std::string text = CardText(refused.body["attachments"][0]["content"]);
  CHECK(text.find("Nair Priyaさんは2026年10月27日(火)に不在のため代理を務められません。") != std::string::npos);
  CHECK(text.find("休暇申請を受け付けられません") != std::string::npos);
  // Tuesday afternoon only: Priya is back at midday, so she can substitute.
  Answer accepted = teams.Request("aad-ken", "ja-JP",
                                  {{"absence_type", "vacation"}, {"first_day", "2026-10-27"},
                                   {"first_day_part", "afternoon"}, {"last_day", "2026-10-27"}, {"substitute", "e-priya"}});
  RequireOk(accepted);
  CHECK(accepted.body["slotwise"]["outcome"] == "requested");
  CHECK(CardText(accepted.body["attachments"][0]["content"]).find("日数: 0.5営業日") != std::string::npos);
  // An unknown substitute.
  CHECK(teams.Request("aad-ken", "ja-JP", {{"absence_type", "vacation"}, {"first_day", "2026-11-03"},
                                           {"last_day", "2026-11-03"}, {"substitute", "nobody@acme.example"}})
            .body["slotwise"]["error"]["code"] == "unknown_substitute");
}

Interview Booked(const std::string& id, const char* start, const char* end, InterviewStatus status) {
  Interview interview;
  interview.id = id;
  interview.tenant_id = "acme";
  interview.status = status;
  interview.spec.title = "Interview " + id;
  interview.spec.organizer = "lena@acme.example";
  interview.spec.start = At(start);
  interview.spec.end = At(end);
  interview.spec.interviewers = {"jonas@acme.example"};
  interview.spec.time_zone = "Europe/Berlin";
  interview.created_at = interview.updated_at = At("2026-11-01T00:00:00Z");
  return interview;
}

TEST_CASE("HR absence requests: the requester's interviews that now conflict are listed; replays change nothing") {
  HrWorld world(At("2026-11-02T09:00:00Z"));
  Setup(world);
  for (const Interview& interview :
       {Booked("iv-morning", "2026-11-16T09:00:00Z", "2026-11-16T10:00:00Z", InterviewStatus::kConfirmed),
        Booked("iv-afternoon", "2026-11-16T14:00:00Z", "2026-11-16T15:00:00Z", InterviewStatus::kPending),
        Booked("iv-next-day", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", InterviewStatus::kConfirmed)}) {
    Result<CommitOutcome> committed =
        world.interviews().CommitBooking(interview, {"jonas@acme.example"}, world.Now(), std::nullopt, StoredResponse{});
    REQUIRE(committed.ok());
    REQUIRE(committed->committed);
  }
  Teams teams{world};
  // Mon 16 Nov afternoon: Berlin midday 13:00 CET = 12:00Z, so only the 14:00Z interview conflicts (09:00Z is the
  // morning; the 17th is outside).
  const json value = {{"absence_type", "vacation"}, {"first_day", "2026-11-16"}, {"first_day_part", "afternoon"},
                      {"last_day", "2026-11-16"}};
  const std::string body = teams.Activity("aad-jonas", "en-US", value, world.Now()).dump();
  Answer answer = teams.Send(body, TeamsSignature(kToken, body));
  RequireOk(answer);
  const json conflicts = answer.body["slotwise"]["conflicting_interviews"];
  REQUIRE(conflicts.size() == 1);
  CHECK(conflicts[0]["id"] == "iv-afternoon");
  CHECK(conflicts[0]["start"] == "2026-11-16T14:00:00Z");
  const std::string text = CardText(answer.body["attachments"][0]["content"]);
  // 14:00Z is 15:00 in Berlin (CET, UTC+1).
  CHECK(text.find("Your interviews during this absence\n• Interview iv-afternoon — Monday, 16 November 2026 15:00") !=
        std::string::npos);
  // A replay of the same activity: the same answer, nothing stored twice.
  const std::size_t stored = CountAbsences(world);
  Answer again = teams.Send(body, TeamsSignature(kToken, body));
  RequireOk(again);
  CHECK(again.body == answer.body);
  CHECK(CountAbsences(world) == stored);
  // The whole Tuesday 17th: the 09:00Z interview conflicts.
  Answer tuesday = teams.Request("aad-jonas", "de", {{"absence_type", "vacation"}, {"first_day", "2026-11-17"},
                                                     {"last_day", "2026-11-17"}});
  REQUIRE(tuesday.body["slotwise"]["conflicting_interviews"].size() == 1);
  CHECK(tuesday.body["slotwise"]["conflicting_interviews"][0]["id"] == "iv-next-day");
  CHECK(CardText(tuesday.body["attachments"][0]["content"]).find("Ihre Interviews während dieser Abwesenheit") !=
        std::string::npos);
}

}  // namespace
}  // namespace slotwise::testing
