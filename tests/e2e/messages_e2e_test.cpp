// Messages to candidates and colleagues, end to end: the colleague "connect your account" e-mail rendered in each
// recipient's language, bulk sends of the tenant's own template queued through the outbox and delivered to the
// ATS's signed webhook (a local receiver stands in for the ATS), a message about one interview, the recruiter's own
// candidate message as a template, every video kind's link and dial-in in the candidate's invitation, a Spanish and
// a Korean candidate's invitation in their language and date format, and what is refused.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "auth/webhook_signature.h"
#include "crypto/crypto_primitives.h"
#include "ats_receiver.h"
#include "provider_world.h"
#include "support/loopback_server.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

json ConnectRequest(bool send) {
  return {{"template", "connect_conferencing"},
          {"provider", "zoom"},
          {"variables", {{"organizer_name", "Lena Fischer"}, {"connect_url", "https://ats.example/settings/video"}}},
          {"recipients", {{{"email", "jonas.becker@kumo.example"}, {"name", "Jonas Becker"}, {"locale", "de"}},
                          {{"email", "ken.sato@kumo.example"}, {"name", "佐藤 健"}, {"locale", "ja"}},
                          {{"email", "emily.carter@kumo.example"}, {"name", "Emily Carter"}}}},
          {"send", send}};
}

}  // namespace

TEST_CASE("messages: the colleague e-mail to connect Zoom, in each recipient's language") {
  ProviderWorld world(true, true);
  const HttpAnswer preview = world.Api("POST", "/v1/messages", ConnectRequest(false));
  REQUIRE_MESSAGE(preview.status == 200, preview.body);
  const json messages = json::parse(preview.body).at("messages");
  REQUIRE(messages.size() == 3);
  std::set<std::string> subjects;
  for (const json& message : messages) {
    const std::string body = message.at("body");
    CHECK(body.find("https://ats.example/settings/video") != std::string::npos);
    CHECK(body.find("Zoom") != std::string::npos);
    CHECK(body.find("Lena Fischer") != std::string::npos);
    CHECK(body.find("{{") == std::string::npos);
    CHECK(message.at("unresolved").empty());
    subjects.insert(message.at("subject").get<std::string>());
  }
  CHECK(subjects.size() == 3);  // three languages, three different subjects
  // Japanese text is not ASCII; the English one is.
  const std::string ja = messages[1].at("subject"), en = messages[2].at("subject");
  CHECK(std::any_of(ja.begin(), ja.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
  CHECK(std::all_of(en.begin(), en.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));

  // Without the sender's name the e-mail would go out with "{{organizer_name}}": never sent.
  json unsigned_request = ConnectRequest(true);
  unsigned_request["variables"].erase("organizer_name");
  const HttpAnswer refused = world.Api("POST", "/v1/messages", unsigned_request);
  CHECK(refused.status == 422);
  CHECK(json::parse(refused.body).at("error").at("code") == "unresolved_placeholders");
}

TEST_CASE("messages: a bulk send goes through the outbox to the ATS's signed webhook, once per recipient") {
  ProviderWorld world(true, true);
  AtsReceiver ats;
  ConnectAts(world, ats);
  const json request = {{"template", {{"subject", "Your interview day, {{candidate_name}}"},
                                      {"body", "Hello {{candidate_name}},\nsee you at {{company}}.\n"}}},
                        {"variables", {{"company", "Kumo"}}},
                        {"recipients", {{{"email", "a@candidate.example"}, {"name", "Ana"}},
                                        {{"email", "b@candidate.example"}, {"name", "Bo"}},
                                        {{"email", "c@candidate.example"}, {"name", "Cy"}}}},
                        {"send", true}};
  const HttpAnswer sent = world.Api("POST", "/v1/messages", request);
  REQUIRE_MESSAGE(sent.status == 202, sent.body);
  const json queued = json::parse(sent.body).at("queued");
  REQUIRE(queued.size() == 3);

  const std::vector<AtsReceiver::Post> posts = ats.WaitFor(3);
  REQUIRE(posts.size() == 3);
  std::set<std::string> delivered, subjects;
  for (const AtsReceiver::Post& post : posts) {
    CHECK(auth::VerifyWebhookSignature(kAtsSecret, post.signature, post.body, world.Now(), 300).ok());
    const json mail = json::parse(post.body);
    CHECK(mail.at("type") == "email.send");
    CHECK(mail.at("kind") == "custom");
    CHECK(mail.at("delivery_id") == post.delivery);
    CHECK(mail.at("attachments").empty());  // no interview, no invitation
    delivered.insert(post.delivery);
    subjects.insert(mail.at("subject").get<std::string>());
  }
  CHECK(delivered == std::set<std::string>(queued.begin(), queued.end()));
  CHECK(subjects == std::set<std::string>{"Your interview day, Ana", "Your interview day, Bo", "Your interview day, Cy"});
}

TEST_CASE("messages: the colleague e-mail carries each recipient's own connect link, which connects them") {
  ProviderWorld world(true, true);
  AtsReceiver ats;
  ConnectAts(world, ats);
  json request = ConnectRequest(true);
  request["variables"].erase("connect_url");  // no link of the ATS's own: each person gets theirs
  request["recipients"] = {{{"email", "jonas.becker@kumo.example"}, {"name", "Jonas Becker"}, {"locale", "de"}},
                           {{"email", "emily.carter@kumo.example"}, {"name", "Emily Carter"}}};

  // A preview makes no link; it shows where the link goes.
  json preview_request = request;
  preview_request["send"] = false;
  const HttpAnswer preview = world.Api("POST", "/v1/messages", preview_request);
  REQUIRE_MESSAGE(preview.status == 200, preview.body);
  CHECK(preview.body.find("/connect?link=") != std::string::npos);
  CHECK(preview.body.find("swc1_") == std::string::npos);

  const HttpAnswer sent = world.Api("POST", "/v1/messages", request);
  REQUIRE_MESSAGE(sent.status == 202, sent.body);
  const std::vector<AtsReceiver::Post> posts = ats.WaitFor(2);
  REQUIRE(posts.size() == 2);
  std::set<std::string> links;
  for (const AtsReceiver::Post& post : posts) {
    const json mail = json::parse(post.body);
    const std::string text = mail.at("text");
    const std::size_t at = text.find(world.root() + "/connect?link=swc1_");
    REQUIRE_MESSAGE(at != std::string::npos, text);
    const std::string link = text.substr(at, text.find_first_of(" \n", at) - at);
    links.insert(link);
    // The link's page is for exactly this recipient, and for Zoom meetings.
    const HttpAnswer page = HttpGet(link);
    CHECK(page.status == 200);
    CHECK(page.body.find(mail.at("to").at("email").get<std::string>()) != std::string::npos);
    CHECK(page.body.find("Connect your Zoom") != std::string::npos);
  }
  CHECK(links.size() == 2);  // one link each

  // A recipient who is not one of the tenant's people gets no link: the request is refused, nothing is queued.
  json stranger = request;
  stranger["recipients"][1]["email"] = "someone@elsewhere.example";
  const HttpAnswer refused = world.Api("POST", "/v1/messages", stranger);
  CHECK(refused.status == 422);
  CHECK(json::parse(refused.body).at("error").at("code") == "unknown_participant");
  CHECK(json::parse(refused.body).at("error").at("field") == "recipients[1].email");
}

TEST_CASE("messages: bad requests are refused with the field and queue nothing") {
  ProviderWorld world(true, true);
  const auto refused = [&](const json& body) {
    const HttpAnswer answer = world.Api("POST", "/v1/messages", body);
    CHECK_MESSAGE(answer.status == 422, answer.body);
    return json::parse(answer.body).at("error");
  };
  json base = ConnectRequest(false);
  json no_recipients = base;
  no_recipients["recipients"] = json::array();
  CHECK(refused(no_recipients).at("field") == "recipients");
  json unknown_template = base;
  unknown_template["template"] = "candidate_invitation";
  CHECK(refused(unknown_template).at("field") == "template");
  json bad_provider = base;
  bad_provider["provider"] = "skype";
  CHECK(refused(bad_provider).at("field") == "provider");
  json bad_zone = base;
  bad_zone["recipients"][0]["time_zone"] = "Mars/Olympus";
  CHECK(refused(bad_zone).at("field") == "recipients[0].time_zone");
  const json unknown_variable = {{"template", {{"subject", "Hi {{nickname}}"}, {"body", "x"}}},
                                 {"recipients", {{{"email", "a@candidate.example"}}}}};
  CHECK(refused(unknown_variable).at("code") == "unknown_template_variable");
  CHECK(HttpJson("POST", world.root() + "/v1/messages", base).status == 401);
}

TEST_CASE("messages: a typed {{join_url}} reaches the candidate as the real Zoom link, and /v1/messages fills it too") {
  ProviderWorld world(true, true);
  AtsReceiver ats;
  ConnectAts(world, ats);
  const std::string lena = "lena.fischer@kumo.example";
  const Connection zoom = world.Connected("zoom", lena, lena);
  REQUIRE(world.Api("PUT", "/v1/host_accounts/zoom:" + lena,
                    {{"connection_id", zoom.id}, {"settings", {{"join_before_host", true}, {"waiting_room", false}}}})
              .status == 200);
  const json candidate = {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"}, {"time_zone", "Europe/Berlin"}};
  json body = DemoBooking("Backend engineer", FreeWeekDay(world.Now(), 3).midnight + 13 * 3600, candidate);
  body["conferencing"] = {{"provider", "zoom"}, {"host", "zoom:" + lena}};

  // Typed wrongly, or a link that could never exist: refused at booking time, nothing booked.
  int attempts = 0;
  const auto refused = [&](const std::string& message, const json& conferencing) {
    json bad = body;
    bad["candidate_message"] = message;
    bad["conferencing"] = conferencing;
    const HttpAnswer answer = world.Api("POST", "/v1/interviews", bad, "refused-" + std::to_string(++attempts));
    CHECK_MESSAGE(answer.status == 422, answer.body);
    const json error = json::parse(answer.body).at("error");
    CHECK(error.at("field") == "candidate_message");
    return error.at("code").get<std::string>();
  };
  CHECK(refused("Join: {{joinurl}}", body["conferencing"]) == "unknown_template_variable");
  CHECK(refused("Join: {{join_url}", body["conferencing"]) == "invalid_template");
  CHECK(refused("Join: {{join_url}}", {{"provider", "none"}}) == "unresolved_placeholders");
  CHECK(refused("Connect at {{connect_url}}", body["conferencing"]) == "unresolved_placeholders");  // never filled

  body["candidate_message"] = "Dear {{candidate_name}}, join with {{ join_url }} (passcode: {{passcode}}).";
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", body, "typed-join-url");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string id = json::parse(booked.body).at("id");
  const json interview = world.Settled(id);
  REQUIRE_MESSAGE(interview.at("status") == "confirmed", interview.dump());
  const std::string join_url = interview.at("conferencing").at("join_url");
  REQUIRE(join_url.find("zoom.us/j/") != std::string::npos);
  const std::string passcode = interview.at("conferencing").value("passcode", "");

  std::vector<json> mails = ats.Mails(1);
  REQUIRE(mails.size() == 1);
  const json invitation = mails[0];
  CHECK(invitation.at("kind") == "candidate_invitation");
  const std::string text = invitation.at("text");
  CHECK_MESSAGE(text.find("Dear Jane Doe, join with " + join_url + " (passcode: " + passcode + ").") != std::string::npos,
                text);
  CHECK(text.find("{{") == std::string::npos);
  // Zoom's dial-in numbers with the meeting ID, copied into the invitation under a heading in the candidate's language.
  const std::string meeting_id = join_url.substr(join_url.find("/j/") + 3, 11);
  CHECK(text.find("Join by phone:\n+49 69 5050 0951 (Germany, Frankfurt), access code " + meeting_id) != std::string::npos);
  CHECK(text.find(meeting_id) != std::string::npos);
  const std::string ics = crypto::Base64Decode(invitation.at("attachments").at(0).at("content_base64").get<std::string>()).value();
  CHECK(ics.find("{{") == std::string::npos);
  CHECK(ics.find("DESCRIPTION:Dear Jane Doe") != std::string::npos);

  // A message of the ATS's own about this interview: its link, date and time filled; the candidate is the recipient.
  const json about = {{"interview_id", id},
                      {"template", {{"subject", "Your link for {{position}}"},
                                    {"body", "Hello {{candidate_name}}, on {{date}} at {{start_time}} join here: {{join_url}}"}}},
                      {"send", true}};
  const HttpAnswer sent = world.Api("POST", "/v1/messages", about);
  REQUIRE_MESSAGE(sent.status == 202, sent.body);
  const json rendered = json::parse(sent.body).at("messages").at(0);
  CHECK(rendered.at("to").at("email") == "jane.doe@candidate.example");
  CHECK(rendered.at("subject") == "Your link for Backend engineer");
  CHECK_MESSAGE(rendered.at("body").get<std::string>().find("at 13:00 join here: " + join_url) != std::string::npos,
                rendered.dump());  // 13:00 in the candidate's zone
  mails = ats.Mails(2);
  REQUIRE(mails.size() == 2);
  const json custom = mails[1];
  CHECK(custom.at("interview_id") == id);
  CHECK(custom.at("text").get<std::string>().find(join_url) != std::string::npos);

  // Another tenant's interview, or none: not found, nothing queued.
  json unknown = about;
  unknown["interview_id"] = "int_does_not_exist";
  const HttpAnswer missing = world.Api("POST", "/v1/messages", unknown);
  CHECK(missing.status == 404);
  CHECK(json::parse(missing.body).at("error").at("field") == "interview_id");
}

namespace {

// One interview booked through POST /v1/interviews, settled, with the candidate's invitation as the ATS received it
// (the `nth` e-mail that arrived) and its calendar file.
struct Delivered {
  json interview;
  std::string subject;  // the invitation e-mail's subject
  std::string text;     // the invitation e-mail's text
  std::string ics;      // its calendar file, folded lines joined
};

Delivered BookAndDeliver(ProviderWorld& world, AtsReceiver& ats, const json& body, const std::string& key,
                         std::size_t nth) {
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", body, key);
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  Delivered delivered;
  delivered.interview = world.Settled(json::parse(booked.body).at("id"));
  REQUIRE_MESSAGE(delivered.interview.at("status") == "confirmed", delivered.interview.dump());
  const std::vector<json> mails = ats.Mails(nth);
  REQUIRE(mails.size() >= nth);
  const json mail = mails[nth - 1];
  REQUIRE(mail.at("kind") == "candidate_invitation");
  delivered.subject = mail.at("subject");
  delivered.text = mail.at("text");
  std::string ics = crypto::Base64Decode(mail.at("attachments").at(0).at("content_base64").get<std::string>()).value();
  for (std::size_t fold; (fold = ics.find("\r\n ")) != std::string::npos;) ics.erase(fold, 3);
  delivered.ics = ics;
  return delivered;
}

json SandboxEvent(ProviderWorld& world, const std::string& id) {
  const json objects = world.SandboxGet("/sandbox/objects");
  for (const json& object : objects.at("objects")) {
    if ((object.at("type") == "google_event" || object.at("type") == "graph_event") && object.at("id") == id) return object;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("messages: Teams, GoTo and Meet interviews booked end to end give the candidate their link and dial-in") {
  ProviderWorld world(true, true);
  AtsReceiver ats;
  ConnectAts(world, ats);
  const json candidate = {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"}, {"time_zone", "Europe/Berlin"}};
  const auto booking = [&](const std::string& organizer, const std::string& interviewer, Instant start,
                           const json& conferencing) {
    return json{{"title", "Video interview"},
                {"organizer", organizer},
                {"start", FormatRfc3339(start)},
                {"end", FormatRfc3339(start + 3600)},
                {"interviewers", {{{"sub", interviewer}}}},
                {"candidate", candidate},
                {"conferencing", conferencing},
                {"query", {{"start_interval", {{"minutes", 30}}}}}};
  };
  const std::string sanne = "sanne.devries@kumo-labs.example", daan = "daan.jansen@kumo-labs.example";

  // Teams: the meeting is the organiser's Outlook event; its toll number and conference ID reach the candidate.
  const Delivered teams = BookAndDeliver(
      world, ats, booking(sanne, daan, FreeWeekDay(world.Now(), 2).midnight + 11 * 3600, {{"provider", "teams"}}),
      "video-teams", 1);
  const std::string teams_url = teams.interview.at("conferencing").at("join_url");
  CHECK(teams_url.rfind("https://teams.microsoft.com/", 0) == 0);
  CHECK(SandboxEvent(world, teams.interview.at("event").at("id")).at("join_url") == teams_url);
  CHECK_MESSAGE(teams.text.find("Location: " + teams_url) != std::string::npos, teams.text);
  CHECK(teams.text.find("Join by phone:\n+49 69 365 0000, access code ") != std::string::npos);
  CHECK(teams.ics.find(teams_url) != std::string::npos);

  // GoTo: a meeting on a linked GoTo host account; its link goes into the calendar event and the invitation. GoTo
  // states its phone numbers only as free text, so no dial-in block is made up.
  const Connection go_to = world.Connected("goto", "priya.patel@kumo-labs.example");
  const HttpAnswer linked = world.Api("PUT", "/v1/host_accounts/goto:priya.patel@kumo-labs.example",
                                      {{"connection_id", go_to.id}, {"settings", {{"join_before_host", true}}}});
  REQUIRE_MESSAGE(linked.status == 200, linked.body);
  const Delivered gotomeeting = BookAndDeliver(
      world, ats,
      booking(sanne, daan, FreeWeekDay(world.Now(), 4).midnight + 14 * 3600,
              {{"provider", "goto"}, {"host", "goto:priya.patel@kumo-labs.example"}}),
      "video-goto", 2);
  const std::string goto_url = gotomeeting.interview.at("conferencing").at("join_url");
  CHECK_FALSE(goto_url.empty());
  const json goto_event = SandboxEvent(world, gotomeeting.interview.at("event").at("id"));
  CHECK_MESSAGE(goto_event.at("description").get<std::string>().find(goto_url) != std::string::npos, goto_event.dump());
  CHECK(gotomeeting.text.find("Location: " + goto_url) != std::string::npos);
  CHECK(gotomeeting.text.find("Join by phone") == std::string::npos);
  CHECK(gotomeeting.ics.find(goto_url) != std::string::npos);

  // Meet: the conference of the organiser's Google event, with its phone entry point and PIN.
  const Delivered meet = BookAndDeliver(
      world, ats,
      booking("lena.fischer@kumo.example", "jonas.becker@kumo.example", FreeWeekDay(world.Now(), 3).midnight + 10 * 3600,
              {{"provider", "google_meet"}}),
      "video-meet", 3);
  const std::string meet_url = meet.interview.at("conferencing").at("join_url");
  CHECK(meet_url.rfind("https://meet.google.com/", 0) == 0);
  CHECK(SandboxEvent(world, meet.interview.at("event").at("id")).at("meet_link") == meet_url);
  CHECK_MESSAGE(meet.text.find("Join by phone:\n+49 30 5679 5800 (DE), access code ") != std::string::npos, meet.text);
  CHECK(meet.ics.find(meet_url) != std::string::npos);
}

TEST_CASE("messages: a cancel's candidate_message reaches the candidate in the cancellation; a bad one cancels nothing") {
  ProviderWorld world(true, true);
  AtsReceiver ats;
  ConnectAts(world, ats);
  const json candidate = {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"}, {"time_zone", "Europe/Berlin"}};
  json body = DemoBooking("Backend engineer", FreeWeekDay(world.Now(), 2).midnight + 10 * 3600, candidate);
  body["candidate_message"] = "Please bring your portfolio.";
  const Delivered delivered = BookAndDeliver(world, ats, body, "cancel-message", 1);
  const std::string id = delivered.interview.at("id");

  // Refused, and the interview stays confirmed: not a string, a variable that does not exist.
  for (const json& bad : {json{{"candidate_message", 42}}, json{{"candidate_message", "See you {{dat}}"}}}) {
    const HttpAnswer refused = world.Api("DELETE", "/v1/interviews/" + id, bad);
    CHECK_MESSAGE(refused.status >= 400, refused.body);
    CHECK(json::parse(refused.body).at("error").at("field") == "candidate_message");
  }
  CHECK(world.Settled(id).at("status") == "confirmed");

  const HttpAnswer cancelled = world.Api("DELETE", "/v1/interviews/" + id,
                                         {{"reason", "interviewer ill"},
                                          {"candidate_message", "We are sorry, {{candidate_name}}: we will send new times."}});
  REQUIRE_MESSAGE(cancelled.status == 200, cancelled.body);
  const std::vector<json> mails = ats.Mails(2);
  REQUIRE(mails.size() == 2);
  CHECK(mails[1].at("kind") == "candidate_cancellation");
  const std::string text = mails[1].at("text");
  CHECK_MESSAGE(text.find("We are sorry, Jane Doe: we will send new times.") != std::string::npos, text);
  CHECK(text.find("portfolio") == std::string::npos);       // the booking's text is replaced
  CHECK(text.find("interviewer ill") == std::string::npos);  // the reason is the caller's own note
}

namespace {

// "YYYY-MM-DD" (FreeWeekDay's date) as year, month and day numbers.
struct DateParts {
  int year = 0, month = 0, day = 0;
};
DateParts PartsOf(const std::string& iso) {
  return {std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2))};
}

}  // namespace

TEST_CASE("messages: a Spanish and a Korean candidate get their invitation in their own language and date format") {
  ProviderWorld world(true, true);
  AtsReceiver ats;
  ConnectAts(world, ats);
  // Spanish: Wednesday of the week after next, 10:00 in Madrid (Madrid and Berlin share their offset all year).
  const Day wednesday = FreeWeekDay(world.Now(), 3);
  const json lucia = {{"name", "Lucía García"}, {"email", "lucia.garcia@candidate.example"},
                      {"time_zone", "Europe/Madrid"}, {"locale", "es-ES"}};
  const Delivered es = BookAndDeliver(world, ats, DemoBooking("Ingeniera backend", wednesday.midnight + 10 * 3600, lucia),
                                      "invitation-es", 1);
  const char* const kMonthsEs[] = {"enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
                                   "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
  const DateParts w = PartsOf(wednesday.date);
  const std::string date_es = "miércoles, " + std::to_string(w.day) + " de " + kMonthsEs[w.month - 1] + " de " +
                              std::to_string(w.year);
  CHECK_MESSAGE(es.subject.rfind("Invitación a una entrevista: Ingeniera backend en ", 0) == 0, es.subject);
  CHECK_MESSAGE(es.text.rfind("Estimado/a Lucía García:\n", 0) == 0, es.text);
  CHECK_MESSAGE(es.text.find("Fecha: " + date_es + "\n") != std::string::npos, es.text);
  CHECK(es.text.find("Hora: 10:00–11:00 (Europe/Madrid (UTC+0") != std::string::npos);
  CHECK(es.text.find("Duración: 60 minutos\n") != std::string::npos);
  CHECK(es.text.find("Dear") == std::string::npos);

  // Korean: Thursday, 09:00 in Berlin is 17:00 (winter) or 16:00 (summer) in Seoul, which keeps UTC+09:00 all year.
  const Day thursday = FreeWeekDay(world.Now(), 4);
  const Instant start = thursday.midnight + 9 * 3600;
  const json minjun = {{"name", "김민준"}, {"email", "minjun.kim@candidate.example"}, {"time_zone", "Asia/Seoul"},
                       {"locale", "ko-KR"}};
  const Delivered ko = BookAndDeliver(world, ats, DemoBooking("백엔드 엔지니어", start, minjun), "invitation-ko", 2);
  const DateParts t = PartsOf(thursday.date);
  const std::int64_t seoul_hour = (start + 9 * 3600) % 86400 / 3600;
  const std::string date_ko = std::to_string(t.year) + "년 " + std::to_string(t.month) + "월 " +
                              std::to_string(t.day) + "일 목요일";
  const std::string times_ko = std::to_string(seoul_hour) + ":00–" + std::to_string(seoul_hour + 1) + ":00";
  CHECK_MESSAGE(ko.subject.rfind("[면접 안내] ", 0) == 0, ko.subject);
  CHECK(ko.subject.find("백엔드 엔지니어") != std::string::npos);
  CHECK_MESSAGE(ko.text.rfind("김민준 님, 안녕하십니까.\n", 0) == 0, ko.text);
  CHECK_MESSAGE(ko.text.find("일시: " + date_ko + " " + times_ko + " (Asia/Seoul (UTC+09:00))\n") != std::string::npos,
                ko.text);
  CHECK(ko.text.find("소요 시간: 60분\n") != std::string::npos);
  CHECK(ko.text.find("Dear") == std::string::npos);
}
