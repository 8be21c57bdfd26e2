// Proposals end to end: the recruiter offers times, the candidate's page reads them with the capability only, sees a
// time taken meanwhile as unavailable, picks one (booked like any interview), and cannot pick twice — also not by
// racing two picks. Expiry and bad input. Held times. The candidate's e-mail (a Japanese candidate in Tokyo: their
// language, zone and the working link), never the capability in plain text in the database; notify_candidate false.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "ats_receiver.h"
#include "invites/locale_format.h"
#include "provider_world.h"
#include "slotwise/time.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

// Berlin wall time `clock` on weekday `weekday` (1 = Monday) of the week after next (the sandbox's demo events fill this
// week and the next).
std::string FreeWeek(std::int64_t now, int weekday, const char* clock) {
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const TimeZone* berlin = zones.Find("Europe/Berlin");
  REQUIRE(berlin != nullptr);
  const std::int64_t monday = IsoWeekStartDay(DaysFromCivil(berlin->ToLocal(now).date)) + 14;
  return FormatRfc3339(berlin->FromLocalSeconds((monday + weekday - 1) * kSecondsPerDay + *ParseClockTime(clock)));
}

std::string Plus(const std::string& rfc3339, std::int64_t minutes) {
  return FormatRfc3339(*ParseRfc3339(rfc3339) + minutes * 60);
}

json Option(const std::string& start) { return {{"start", start}, {"end", Plus(start, 60)}}; }

json ProposalBody(const std::vector<std::string>& starts) {
  json options = json::array();
  for (const std::string& start : starts) options.push_back(Option(start));
  return {{"title", "Interview: Jana Novak"},
          {"organizer", "lena.fischer@kumo.example"},
          {"interviewers", {{{"sub", "jonas.becker@kumo.example"}}}},
          {"candidate", {{"name", "Jana Novak"}, {"email", "jana@candidate.example"},
                         {"time_zone", "America/New_York"}, {"locale", "de"}}},
          {"notes", "internal: referred by Jonas"},
          {"candidate_message", "Hello {{candidate_name}}, {{organizer_name}} looks forward to meeting you {{date}}."},
          {"query", {{"start_interval", {{"minutes", 30}}}}},
          {"options", options}};
}

HttpAnswer AsCandidate(ProviderWorld& world, const std::string& method, const std::string& path,
                       const std::string& capability, const json& body = nullptr) {
  return HttpJson(method, world.root() + path, body, {{"Authorization", "Bearer " + capability}});
}

// The live hold events in the sandbox (booking/proposal_holds.h): by their title, which names no one.
std::vector<json> LiveHolds(ProviderWorld& world) {
  std::vector<json> holds;
  const json listing = world.SandboxGet("/sandbox/objects");  // kept: the loop walks a member of it
  for (const json& object : listing.at("objects")) {
    if (object.value("title", "") == "Held: proposed interview time" && object.value("status", "") == "live") {
      holds.push_back(object);
    }
  }
  return holds;
}

// Polls `done` for up to ~20 s (the outbox works in the background); false if it never held.
bool Eventually(const std::function<bool()>& done) {
  for (int i = 0; i < 200; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

std::string CapabilityOf(const json& created) {
  const std::string url = created.at("candidate_url");
  const std::size_t at = url.find("#p=");
  REQUIRE(at != std::string::npos);
  return url.substr(at + 3);
}

}  // namespace

TEST_CASE("proposals: offer, read as the candidate, a time taken meanwhile, pick, and no second pick") {
  ProviderWorld world(true, true);
  const std::string mon10 = FreeWeek(world.Now(), 1, "10:00"), tue10 = FreeWeek(world.Now(), 2, "10:00"),
                    wed14 = FreeWeek(world.Now(), 3, "14:00");
  json body = ProposalBody({mon10, tue10, wed14});
  body["hold_times"] = false;  // someone books one of the times directly below: nothing holds it for the candidate
  const HttpAnswer created = world.Api("POST", "/v1/proposals", body);
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const json proposal = json::parse(created.body);
  CHECK(proposal.at("candidate_url").get<std::string>().rfind(world.root() + "/candidate/?tenant=kumo#p=swp_", 0) == 0);
  for (const json& option : proposal.at("options")) CHECK(option.at("available") == true);
  const std::string capability = CapabilityOf(proposal);

  const HttpAnswer page = AsCandidate(world, "GET", "/v1/candidate/proposal", capability);
  REQUIRE_MESSAGE(page.status == 200, page.body);
  const json view = json::parse(page.body);
  CHECK(view.at("status") == "open");
  CHECK(view.at("title") == "Interview: Jana Novak");
  CHECK(view.at("duration_minutes") == 60);
  CHECK(view.at("organizer_name") == "Lena Fischer");
  CHECK(view.at("candidate") == json{{"name", "Jana Novak"}, {"time_zone", "America/New_York"}, {"locale", "de"}});
  CHECK(view.at("options").size() == 3);
  CHECK(page.body.find("internal") == std::string::npos);  // the notes never reach the candidate
  // The recruiter's message with what is known before a time is picked; the date is not known yet and left out.
  CHECK(view.at("message") == "Hello Jana Novak, Lena Fischer looks forward to meeting you .");
  CHECK(AsCandidate(world, "GET", "/v1/candidate/proposal", "swp_not-a-real-capability").status == 401);
  CHECK(HttpJson("GET", world.root() + "/v1/candidate/proposal").status == 401);

  // Someone books Jonas on Monday 10:00 directly: the candidate now sees that time as unavailable.
  json direct = ProposalBody({});
  direct.erase("options");
  direct["start"] = mon10;
  direct["end"] = Plus(mon10, 60);
  REQUIRE(world.Api("POST", "/v1/interviews", direct, "direct-1").status == 201);
  const json refreshed = json::parse(AsCandidate(world, "GET", "/v1/candidate/proposal", capability).body);
  CHECK(refreshed.at("options")[0].at("available") == false);
  CHECK(refreshed.at("options")[1].at("available") == true);

  const HttpAnswer taken = AsCandidate(world, "POST", "/v1/candidate/proposal/pick", capability, {{"start", mon10}});
  CHECK(taken.status == 409);
  CHECK(json::parse(taken.body).at("options")[0].at("available") == false);

  const HttpAnswer picked = AsCandidate(world, "POST", "/v1/candidate/proposal/pick", capability, {{"start", tue10}});
  REQUIRE_MESSAGE(picked.status == 201, picked.body);
  const std::string interview_id = json::parse(picked.body).at("interview_id");
  const json interview = json::parse(world.Api("GET", "/v1/interviews/" + interview_id).body);
  CHECK(interview.at("start") == tue10);
  CHECK(interview.at("candidate").at("email") == "jana@candidate.example");

  // The same pick again (a retry) answers the same interview; another time is refused.
  const HttpAnswer again = AsCandidate(world, "POST", "/v1/candidate/proposal/pick", capability, {{"start", tue10}});
  CHECK(again.status == 200);
  CHECK(json::parse(again.body).at("interview_id") == interview_id);
  const HttpAnswer other = AsCandidate(world, "POST", "/v1/candidate/proposal/pick", capability, {{"start", wed14}});
  CHECK(other.status == 409);
  CHECK(json::parse(other.body).at("error").at("code") == "already_picked");
  const json recruiter = json::parse(world.Api("GET", "/v1/proposals/" + proposal.at("proposal_id").get<std::string>()).body);
  CHECK(recruiter.at("status") == "picked");
  CHECK(recruiter.at("interview_id") == interview_id);
  CHECK(json::parse(AsCandidate(world, "GET", "/v1/candidate/proposal", capability).body).at("picked").at("start") == tue10);

  // The audit log names the candidate (by the proposal, never its link) as who booked the interview.
  const json audit = json::parse(world.Api("GET", "/v1/audit_log").body);
  int picks = 0;
  for (const json& entry : audit.at("entries")) {
    if (entry.at("action") != "POST /v1/candidate/proposal/pick") continue;
    ++picks;
    CHECK(entry.at("actor").at("kind") == "candidate");
    CHECK(entry.at("actor").at("id") == proposal.at("proposal_id"));
    CHECK(entry.at("object") == interview_id);
  }
  CHECK(picks == 2);  // the pick (201) and its retry (200); refusals are not recorded
  CHECK(audit.dump().find(capability) == std::string::npos);
}

TEST_CASE("proposals: after the pick the candidate sees the interview (who, where, its link once confirmed) and its calendar file") {
  ProviderWorld world(true, true);
  const std::string tue10 = FreeWeek(world.Now(), 2, "10:00");
  json body = ProposalBody({tue10});
  body["conferencing"] = {{"provider", "google_meet"}};
  const HttpAnswer created = world.Api("POST", "/v1/proposals", body);
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const std::string capability = CapabilityOf(json::parse(created.body));
  // Before a pick: no interview, no calendar file.
  CHECK_FALSE(json::parse(AsCandidate(world, "GET", "/v1/candidate/proposal", capability).body).contains("interview"));
  const HttpAnswer early = AsCandidate(world, "GET", "/v1/candidate/proposal/invitation.ics", capability);
  CHECK(early.status == 404);
  CHECK(json::parse(early.body).at("error").at("code") == "not_found");

  const HttpAnswer picked = AsCandidate(world, "POST", "/v1/candidate/proposal/pick", capability, {{"start", tue10}});
  REQUIRE_MESSAGE(picked.status == 201, picked.body);
  const std::string interview_id = json::parse(picked.body).at("interview_id");
  REQUIRE(world.Settled(interview_id).at("status") == "confirmed");
  const HttpAnswer page = AsCandidate(world, "GET", "/v1/candidate/proposal", capability);
  const json seen = json::parse(page.body).at("interview");
  CHECK(seen.at("status") == "confirmed");
  CHECK(seen.at("start") == tue10);
  CHECK(seen.at("end") == Plus(tue10, 60));
  CHECK(seen.at("interviewers") == json::array({"Jonas Becker"}));  // names, never e-mails
  CHECK(seen.at("join_url").get<std::string>().rfind("https://meet.google.com/", 0) == 0);
  CHECK(page.body.find("internal") == std::string::npos);
  CHECK(page.body.find("jonas.becker@") == std::string::npos);

  // The calendar file is the candidate's own invitation: the same UID the recruiter's copy carries, no notes.
  const HttpAnswer ics = AsCandidate(world, "GET", "/v1/candidate/proposal/invitation.ics", capability);
  REQUIRE_MESSAGE(ics.status == 200, ics.body);
  CHECK(ics.body.rfind("BEGIN:VCALENDAR", 0) == 0);
  CHECK(ics.body.find(seen.at("join_url").get<std::string>()) != std::string::npos);
  CHECK(ics.body.find("internal") == std::string::npos);
  const HttpAnswer recruiters = world.Api("GET", "/v1/interviews/" + interview_id + "/candidate.ics");
  REQUIRE(recruiters.status == 200);
  const auto uid = [](const std::string& text) { return text.substr(text.find("UID:"), text.find("\r\n", text.find("UID:")) - text.find("UID:")); };
  CHECK(uid(ics.body) == uid(recruiters.body));
  CHECK(AsCandidate(world, "GET", "/v1/candidate/proposal/invitation.ics", "swp_not-a-real-capability").status == 401);
}

TEST_CASE("proposals: two different picks racing book exactly one interview") {
  ProviderWorld world(true, true);
  const std::string thu10 = FreeWeek(world.Now(), 4, "10:00"), thu14 = FreeWeek(world.Now(), 4, "14:00");
  const json created = json::parse(world.Api("POST", "/v1/proposals", ProposalBody({thu10, thu14})).body);
  const std::string capability = CapabilityOf(created);
  std::atomic<int> ready{0};
  HttpAnswer answers[2];
  std::thread pickers[2];
  const std::string starts[2] = {thu10, thu14};
  for (int i = 0; i < 2; ++i) {
    pickers[i] = std::thread([&, i] {
      ++ready;
      while (ready.load() < 2) std::this_thread::yield();
      answers[i] = AsCandidate(world, "POST", "/v1/candidate/proposal/pick", capability, {{"start", starts[i]}});
    });
  }
  for (std::thread& picker : pickers) picker.join();
  const int won = (answers[0].status == 201) + (answers[1].status == 201);
  const int lost = (answers[0].status == 409) + (answers[1].status == 409);
  CHECK_MESSAGE(won == 1, answers[0].body << " / " << answers[1].body);
  CHECK(lost == 1);
  // Of the interviews on Jonas's Thursday, exactly one is still booked.
  const json listed = json::parse(world.Api("GET", "/v1/interviews?from=" + Plus(thu10, -60) + "&to=" + Plus(thu14, 120)).body);
  int active = 0;
  for (const json& interview : listed.at("interviews")) active += interview.at("status") != "cancelled";
  CHECK(active == 1);
}

TEST_CASE("proposals: bad offers are refused with the field; an expired proposal cannot be picked") {
  ProviderWorld world(true, true);
  const std::string mon10 = FreeWeek(world.Now(), 1, "10:00");
  json no_options = ProposalBody({});
  no_options.erase("options");
  CHECK(world.Api("POST", "/v1/proposals", no_options).status == 422);
  json with_start = ProposalBody({mon10});
  with_start["start"] = mon10;
  CHECK(json::parse(world.Api("POST", "/v1/proposals", with_start).body).at("error").at("field") == "start");
  json no_zone = ProposalBody({mon10});
  no_zone["candidate"].erase("time_zone");
  CHECK(json::parse(world.Api("POST", "/v1/proposals", no_zone).body).at("error").at("field") == "candidate.time_zone");
  // 10:10 is off the 30-minute grid the proposal's query asks for: that option is refused by the rules.
  const HttpAnswer off_grid = world.Api("POST", "/v1/proposals", ProposalBody({mon10, Plus(mon10, 250)}));
  CHECK(off_grid.status == 422);
  CHECK(json::parse(off_grid.body).at("error").at("field") == "options[1]");
  CHECK(world.Api("POST", "/v1/proposals", ProposalBody({mon10, mon10})).status == 422);  // a repeated time
  json no_video_link = ProposalBody({mon10});
  no_video_link["candidate_message"] = "Join with {{join_url}}";  // no conferencing: it could never be filled
  const HttpAnswer unfillable = world.Api("POST", "/v1/proposals", no_video_link);
  CHECK(unfillable.status == 422);
  CHECK(json::parse(unfillable.body).at("error").at("field") == "candidate_message");

  json expiring = ProposalBody({mon10});
  expiring["expires_at"] = FormatRfc3339(world.Now() + 3600);
  const json created = json::parse(world.Api("POST", "/v1/proposals", expiring).body);
  const std::string capability = CapabilityOf(created);
  world.Advance(7200);
  CHECK(json::parse(AsCandidate(world, "GET", "/v1/candidate/proposal", capability).body).at("status") == "expired");
  CHECK(AsCandidate(world, "POST", "/v1/candidate/proposal/pick", capability, {{"start", mon10}}).status == 410);
}

TEST_CASE("proposals: none of the times works — the candidate sends their own; the recruiter and the ATS see them") {
  ProviderWorld world(true, true);
  const std::string mon10 = FreeWeek(world.Now(), 1, "10:00"), tue10 = FreeWeek(world.Now(), 2, "10:00");
  const json created = json::parse(world.Api("POST", "/v1/proposals", ProposalBody({mon10, tue10})).body);
  const std::string id = created.at("proposal_id"), capability = CapabilityOf(created);
  const std::string thu9 = FreeWeek(world.Now(), 4, "09:00"), fri14 = FreeWeek(world.Now(), 5, "14:00");
  const json offered = {{"availability", {{{"start", fri14}, {"end", Plus(fri14, 180)}},
                                          {{"start", thu9}, {"end", Plus(thu9, 120)}}}},
                        {"message", "Thursday morning or Friday afternoon suits me — Jana"}};

  // Bad input is refused with the field and changes nothing.
  auto refused_field = [&](const json& body) {
    const HttpAnswer answer = AsCandidate(world, "POST", "/v1/candidate/proposal/decline", capability, body);
    CHECK_MESSAGE(answer.status == 422, answer.body);
    return json::parse(answer.body).at("error").value("field", "");
  };
  CHECK(refused_field(json::object()) == "availability");
  CHECK(refused_field({{"availability", json::array()}}) == "availability");
  CHECK(refused_field({{"availability", {{{"start", thu9}, {"end", Plus(thu9, 30)}}}}}) == "availability[0]");  // < 60 min
  CHECK(refused_field({{"availability", {{{"start", thu9}, {"end", Plus(thu9, 120)}},
                                         {{"start", Plus(thu9, 60)}, {"end", Plus(thu9, 180)}}}}}) == "availability[1]");
  CHECK(refused_field({{"availability", {{{"start", FormatRfc3339(world.Now() - 7200)},
                                          {"end", FormatRfc3339(world.Now() - 3600)}}}}}) == "availability[0]");  // over
  CHECK(refused_field({{"availability", {{{"start", FormatRfc3339(world.Now() + 70 * 86400)},
                                          {"end", FormatRfc3339(world.Now() + 70 * 86400 + 3600)}}}}}) == "availability[0]");
  CHECK(refused_field({{"availability", offered.at("availability")}, {"message", std::string(1001, 'x')}}) == "message");
  CHECK(refused_field({{"availability", offered.at("availability")}, {"when", "soon"}}) == "when");
  CHECK(json::parse(world.Api("GET", "/v1/proposals/" + id).body).at("status") == "open");
  CHECK(AsCandidate(world, "POST", "/v1/candidate/proposal/decline", "swp_forged", offered).status == 401);

  // The candidate sends Thursday 9–11 and Friday 14–17 with a note: the page shows them, sorted.
  const HttpAnswer declined = AsCandidate(world, "POST", "/v1/candidate/proposal/decline", capability, offered);
  REQUIRE_MESSAGE(declined.status == 200, declined.body);
  const json view = json::parse(declined.body);
  CHECK(view.at("status") == "declined");
  REQUIRE(view.at("offered").size() == 2);
  CHECK(view.at("offered")[0].at("start") == thu9);
  CHECK(view.at("offered")[1].at("end") == Plus(fri14, 180));
  CHECK(view.at("note") == "Thursday morning or Friday afternoon suits me — Jana");
  CHECK(view.at("options").size() == 2);

  // The recruiter's side: the state, the candidate's times and note.
  const json state = json::parse(world.Api("GET", "/v1/proposals/" + id).body);
  CHECK(state.at("status") == "declined");
  CHECK(state.at("candidate_availability") == view.at("offered"));
  CHECK(state.at("candidate_message") == "Thursday morning or Friday afternoon suits me — Jana");

  // The ATS is told: proposal.declined with the times, in the tenant's delivery log.
  const HttpAnswer log = world.Api("GET", "/v1/webhook_deliveries?subject_id=" + id);
  REQUIRE_MESSAGE(log.status == 200, log.body);
  int told = 0;
  const json deliveries = json::parse(log.body);
  for (const json& delivery : deliveries.at("deliveries")) {
    if (delivery.at("type") != "proposal.declined") continue;
    ++told;
    CHECK(delivery.at("payload").at("data").at("availability") == view.at("offered"));
    CHECK(delivery.at("payload").at("data").at("message") == view.at("note"));
  }
  CHECK_MESSAGE(told == 1, log.body.substr(0, 1500));

  // The candidate changes their mind: one of the proposed times after all. Then nothing more can be declined.
  const HttpAnswer picked = AsCandidate(world, "POST", "/v1/candidate/proposal/pick", capability, {{"start", tue10}});
  REQUIRE_MESSAGE(picked.status == 201, picked.body);
  CHECK(json::parse(world.Api("GET", "/v1/proposals/" + id).body).at("status") == "picked");
  const HttpAnswer late = AsCandidate(world, "POST", "/v1/candidate/proposal/decline", capability, offered);
  CHECK(late.status == 409);
  CHECK(json::parse(late.body).at("error").at("code") == "already_picked");
}

TEST_CASE("proposals: an expired proposal takes no times from the candidate") {
  ProviderWorld world(true, true);
  json expiring = ProposalBody({FreeWeek(world.Now(), 1, "10:00")});
  expiring["expires_at"] = FormatRfc3339(world.Now() + 3600);
  const json created = json::parse(world.Api("POST", "/v1/proposals", expiring).body);
  world.Advance(7200);
  const std::string thu9 = FreeWeek(world.Now(), 4, "09:00");
  const HttpAnswer late = AsCandidate(world, "POST", "/v1/candidate/proposal/decline", CapabilityOf(created),
                                      {{"availability", {{{"start", thu9}, {"end", Plus(thu9, 120)}}}}});
  CHECK(late.status == 410);
  CHECK(json::parse(world.Api("GET", "/v1/proposals/" + created.at("proposal_id").get<std::string>()).body).at("status") ==
        "expired");
}

TEST_CASE("proposals: the candidate moves the picked interview to another proposed time, or cancels it, as the policy allows") {
  ProviderWorld world(true, true);
  const std::string mon10 = FreeWeek(world.Now(), 1, "10:00"), tue10 = FreeWeek(world.Now(), 2, "10:00"),
                    wed14 = FreeWeek(world.Now(), 3, "14:00");
  const json created = json::parse(world.Api("POST", "/v1/proposals", ProposalBody({mon10, tue10, wed14})).body);
  const std::string capability = CapabilityOf(created);
  const HttpAnswer picked = AsCandidate(world, "POST", "/v1/candidate/proposal/pick", capability, {{"start", mon10}});
  REQUIRE_MESSAGE(picked.status == 201, picked.body);
  const std::string id = json::parse(picked.body).at("interview_id");
  world.Settled(id);

  // By default both changes are open until 24 hours before the start.
  json view = json::parse(AsCandidate(world, "GET", "/v1/candidate/proposal", capability).body);
  CHECK(view.at("interview").at("can_reschedule") == true);
  CHECK(view.at("interview").at("can_cancel") == true);
  CHECK(view.at("interview").at("changeable_until") == FormatRfc3339(*ParseRfc3339(mon10) - 86400));
  // The options are where it could move, checked now without the interview standing in its own way.
  for (const json& option : view.at("options")) CHECK_MESSAGE(option.at("available") == true, view.dump());

  // Moved to Tuesday: the interview moves (the ATS hears interview.rescheduled), the page shows the new time.
  CHECK(AsCandidate(world, "POST", "/v1/candidate/proposal/reschedule", capability, {{"start", Plus(tue10, 30)}}).status == 422);
  const HttpAnswer moved = AsCandidate(world, "POST", "/v1/candidate/proposal/reschedule", capability, {{"start", tue10}});
  REQUIRE_MESSAGE(moved.status == 200, moved.body);
  const json after_move = world.Settled(id);
  CHECK(after_move.at("start") == tue10);
  CHECK(after_move.at("status") == "confirmed");
  view = json::parse(AsCandidate(world, "GET", "/v1/candidate/proposal", capability).body);
  CHECK(view.at("picked").at("start") == tue10);
  CHECK(view.at("interview").at("start") == tue10);

  // Cancelled with a reason for the recruiter: the interview is cancelled; nothing more can be changed.
  const HttpAnswer cancelled = AsCandidate(world, "POST", "/v1/candidate/proposal/cancel", capability,
                                           {{"reason", "I accepted another offer."}});
  REQUIRE_MESSAGE(cancelled.status == 200, cancelled.body);
  const json gone = world.Settled(id);
  CHECK(gone.at("status") == "cancelled");
  const HttpAnswer history = world.Api("GET", "/v1/interviews/" + id + "/history");
  CHECK(history.body.find("cancelled by the candidate: I accepted another offer.") != std::string::npos);
  view = json::parse(AsCandidate(world, "GET", "/v1/candidate/proposal", capability).body);
  CHECK(view.at("interview").at("status") == "cancelled");
  CHECK(view.at("interview").at("can_cancel") == false);
  const HttpAnswer again = AsCandidate(world, "POST", "/v1/candidate/proposal/cancel", capability, json::object());
  CHECK(again.status == 409);
  CHECK(json::parse(again.body).at("error").at("code") == "interview_not_active");
}

TEST_CASE("proposals: a tenant's policy closes the candidate's changes; within the notice they are refused") {
  ProviderWorld world(true, true);
  // A bad policy is refused with the field and changes nothing.
  const HttpAnswer bad = world.Api("PATCH", "/v1/tenant", {{"policies", {{"candidate_changes", {{"min_notice", {{"minutes", -5}}}}}}}});
  CHECK(bad.status == 422);
  CHECK(json::parse(bad.body).at("error").at("field") == "policies.candidate_changes.min_notice");
  const HttpAnswer unknown = world.Api("PATCH", "/v1/tenant", {{"policies", {{"candidate_changes", {{"rebook", true}}}}}});
  CHECK(json::parse(unknown.body).at("error").at("field") == "policies.candidate_changes.rebook");
  const HttpAnswer set = world.Api("PATCH", "/v1/tenant",
                                   {{"policies", {{"candidate_changes", {{"cancel", false}, {"min_notice", {{"minutes", 2880}}}}}}}});
  REQUIRE_MESSAGE(set.status == 200, set.body);

  const std::string mon10 = FreeWeek(world.Now(), 1, "10:00"), tue10 = FreeWeek(world.Now(), 2, "10:00");
  const json created = json::parse(world.Api("POST", "/v1/proposals", ProposalBody({mon10, tue10})).body);
  const std::string capability = CapabilityOf(created);
  const HttpAnswer picked = AsCandidate(world, "POST", "/v1/candidate/proposal/pick", capability, {{"start", mon10}});
  REQUIRE_MESSAGE(picked.status == 201, picked.body);
  world.Settled(json::parse(picked.body).at("interview_id"));
  json view = json::parse(AsCandidate(world, "GET", "/v1/candidate/proposal", capability).body);
  CHECK(view.at("interview").at("can_cancel") == false);
  CHECK(view.at("interview").at("can_reschedule") == true);
  CHECK(view.at("interview").at("changeable_until") == FormatRfc3339(*ParseRfc3339(mon10) - 2 * 86400));
  const HttpAnswer refused = AsCandidate(world, "POST", "/v1/candidate/proposal/cancel", capability, json::object());
  CHECK(refused.status == 403);
  CHECK(json::parse(refused.body).at("error").at("code") == "change_not_allowed");

  // Inside the two days before the start, moving is closed too.
  world.Advance(*ParseRfc3339(mon10) - world.Now() - 86400);
  view = json::parse(AsCandidate(world, "GET", "/v1/candidate/proposal", capability).body);
  CHECK(view.at("interview").at("can_reschedule") == false);
  const HttpAnswer late = AsCandidate(world, "POST", "/v1/candidate/proposal/reschedule", capability, {{"start", tue10}});
  CHECK(late.status == 403);
  CHECK(json::parse(late.body).at("error").at("code") == "change_not_allowed");
}

TEST_CASE("proposals: the times are held as tentative events in each person's calendar until the candidate picks") {
  ProviderWorld world(true, true);
  const std::string mon10 = FreeWeek(world.Now(), 1, "10:00"), tue10 = FreeWeek(world.Now(), 2, "10:00"),
                    wed14 = FreeWeek(world.Now(), 3, "14:00");
  const std::string spree = "c_berlin-spree@resource.calendar.google.com";
  json body = ProposalBody({mon10, tue10, wed14});
  // Jonas on Google, Daan on Microsoft 365, Lena organises (Google) and reserves the room.
  body["interviewers"] = {{{"sub", "jonas.becker@kumo.example"}}, {{"sub", "daan.jansen@kumo-labs.example"}}};
  body["room"] = {{"sub", spree}};
  const HttpAnswer created = world.Api("POST", "/v1/proposals", body);
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const json proposal = json::parse(created.body);
  const std::string capability = CapabilityOf(proposal);

  // Three times × three people: every hold in its owner's own calendar, tentative, naming no one; Lena's with the room.
  REQUIRE_MESSAGE(Eventually([&] { return LiveHolds(world).size() == 9; }), world.SandboxGet("/sandbox/objects").dump().substr(0, 2000));
  std::map<std::string, int> by_owner;
  for (const json& hold : LiveHolds(world)) {
    ++by_owner[hold.at("owner").get<std::string>()];
    CHECK(hold.at("show_as") == "tentative");
    CHECK(hold.at("description").get<std::string>().find("Jana") == std::string::npos);
    const bool lena = hold.at("owner") == "lena.fischer@kumo.example";
    CHECK((hold.at("attendees").dump().find(spree) != std::string::npos) == lena);
    const std::string start = hold.at("start");
    CHECK((start == mon10 || start == tue10 || start == wed14));
  }
  CHECK(by_owner == std::map<std::string, int>{{"daan.jansen@kumo-labs.example", 3}, {"jonas.becker@kumo.example", 3},
                                              {"lena.fischer@kumo.example", 3}});

  // The holds keep the times for the candidate: another interview with Daan on Monday 10:00 is refused …
  json direct = ProposalBody({});
  direct.erase("options");
  direct["interviewers"] = {{{"sub", "daan.jansen@kumo-labs.example"}}};
  direct["start"] = mon10;
  direct["end"] = Plus(mon10, 60);
  const HttpAnswer refused = world.Api("POST", "/v1/interviews", direct, "direct-over-hold");
  CHECK_MESSAGE(refused.status == 409, refused.body);
  // … while the proposal itself does not see its own holds as taken, for the candidate or the recruiter.
  const json view = json::parse(AsCandidate(world, "GET", "/v1/candidate/proposal", capability).body);
  for (const json& option : view.at("options")) CHECK(option.at("available") == true);
  const std::string id = proposal.at("proposal_id");
  for (const json& option : json::parse(world.Api("GET", "/v1/proposals/" + id).body).at("options")) {
    CHECK(option.at("available") == true);
  }

  // The pick books the time (its own holds do not refuse it) and gives every hold back.
  const HttpAnswer picked = AsCandidate(world, "POST", "/v1/candidate/proposal/pick", capability, {{"start", tue10}});
  REQUIRE_MESSAGE(picked.status == 201, picked.body);
  CHECK(world.Settled(json::parse(picked.body).at("interview_id")).at("status") == "confirmed");
  CHECK(Eventually([&] { return LiveHolds(world).empty(); }));
  // Monday 10:00 is Daan's again.
  CHECK(world.Api("POST", "/v1/interviews", direct, "direct-after-release").status == 201);
}

TEST_CASE("proposals: an expired proposal's holds are given back; hold_times false holds nothing") {
  ProviderWorld world(true, true);
  json expiring = ProposalBody({FreeWeek(world.Now(), 1, "10:00"), FreeWeek(world.Now(), 2, "10:00")});
  expiring["expires_at"] = FormatRfc3339(world.Now() + 3600);
  REQUIRE(world.Api("POST", "/v1/proposals", expiring).status == 201);
  REQUIRE(Eventually([&] { return LiveHolds(world).size() == 4; }));  // 2 times × Jonas and Lena
  world.Advance(7200);  // past the expiry, for Slotwise and the providers alike
  world.SandboxPost("/sandbox/clock", {{"advance_seconds", 7200}});
  CHECK(Eventually([&] { return LiveHolds(world).empty(); }));

  json unheld = ProposalBody({FreeWeek(world.Now(), 3, "10:00")});
  unheld["hold_times"] = false;
  REQUIRE(world.Api("POST", "/v1/proposals", unheld).status == 201);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK(LiveHolds(world).empty());
  json bad = ProposalBody({FreeWeek(world.Now(), 3, "11:00")});
  bad["hold_times"] = "yes";
  const HttpAnswer refused = world.Api("POST", "/v1/proposals", bad);
  CHECK(refused.status == 422);
  CHECK(json::parse(refused.body).at("error").at("field") == "hold_times");
}

namespace {

// The bytes of the server's SQLite database and its write-ahead log, as a reader of the files would find them.
std::string DatabaseBytes(ProviderWorld& world) {
  std::string bytes;
  for (const std::string& path : {world.db_path(), world.db_path() + "-wal"}) {
    std::ifstream file(path, std::ios::binary);
    bytes += std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  return bytes;
}

// The outbox rows of kind "message" as stored: their payloads (read with sqlite3, as anyone with the file could).
std::vector<std::string> MessagePayloads(ProviderWorld& world) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(world.db_path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT payload FROM outbox WHERE kind = 'message'", -1, &statement, nullptr) ==
          SQLITE_OK);
  std::vector<std::string> payloads;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    payloads.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return payloads;
}

// The e-mails of `kind` among those the ATS received.
std::vector<json> MailsOfKind(AtsReceiver& ats, const std::string& kind, std::size_t at_least) {
  std::vector<json> found;
  for (const json& mail : ats.Mails(at_least)) {
    if (mail.value("kind", "") == kind) found.push_back(mail);
  }
  return found;
}

}  // namespace

TEST_CASE("proposals: the candidate gets the times by e-mail in their language and zone, with the working link") {
  ProviderWorld world(true, true);
  AtsReceiver ats;
  ConnectAts(world, ats);
  const std::string mon10 = FreeWeek(world.Now(), 1, "10:00"), wed14 = FreeWeek(world.Now(), 3, "14:00");
  json body = ProposalBody({mon10, wed14});
  body["candidate"] = {{"name", "佐藤 花子"}, {"email", "hanako@candidate.example"}, {"time_zone", "Asia/Tokyo"},
                       {"locale", "ja-JP"}};
  body["candidate_message"] = "{{candidate_name}} 様、{{organizer_name}}がお待ちしております。{{date}}";
  body["hold_times"] = false;
  const HttpAnswer created = world.Api("POST", "/v1/proposals", body);
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const json proposal = json::parse(created.body);
  const std::string capability = CapabilityOf(proposal);
  const std::string proposal_id = proposal.at("proposal_id");
  CHECK(proposal.at("delivery_id") == proposal_id + ":proposal");

  const std::vector<json> mails = MailsOfKind(ats, "candidate_proposal", 1);
  REQUIRE(mails.size() == 1);
  const json& mail = mails.front();
  CHECK(mail.at("delivery_id") == proposal_id + ":proposal");
  CHECK(mail.at("to") == json{{"name", "佐藤 花子"}, {"email", "hanako@candidate.example"}});
  const std::string subject = mail.at("subject"), text = mail.at("text");
  CHECK(subject == "【面接日程のご案内】Kumo Interview: Jana Novak");
  CHECK(text.rfind("佐藤 花子 様\n", 0) == 0);
  // Each time on its own line in Tokyo time and Japanese dates; the link valid until the expiry, in Tokyo time too.
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const TimeZone& tokyo = *zones.Find("Asia/Tokyo");
  for (const std::string& start : {mon10, wed14}) {
    const Instant at = *ParseRfc3339(start);
    const std::string line = "・" + invites::FormatLocalDate(at, tokyo, invites::Locale::kJa) + " " +
                             invites::FormatLocalTime(at, tokyo, invites::Locale::kJa) + "〜" +
                             invites::FormatLocalTime(at + 3600, tokyo, invites::Locale::kJa) +
                             "(Asia/Tokyo (UTC+09:00))\n";
    CHECK_MESSAGE(text.find(line) != std::string::npos, text);
  }
  const Instant expires = *ParseRfc3339(proposal.at("expires_at").get<std::string>());
  CHECK(text.find(invites::FormatLocalDate(expires, tokyo, invites::Locale::kJa) + " " +
                  invites::FormatLocalTime(expires, tokyo, invites::Locale::kJa)) != std::string::npos);
  CHECK(text.find("所要時間:60分") != std::string::npos);
  // The recruiter's message, with what is known before a time is picked (the date is left out).
  CHECK(text.find("佐藤 花子 様、Lena Fischerがお待ちしております。") != std::string::npos);
  CHECK(text.find("{{") == std::string::npos);
  CHECK(text.find("internal") == std::string::npos);  // never the notes

  // The link in the e-mail is the candidate's page, and its capability opens the proposal.
  const std::string url = proposal.at("candidate_url");
  CHECK(text.find(url + "\n") != std::string::npos);
  const std::size_t at = text.find("#p=swp_");
  REQUIRE(at != std::string::npos);
  const std::string mailed = text.substr(at + 3, text.find('\n', at) - at - 3);
  CHECK(mailed == capability);
  const HttpAnswer page = AsCandidate(world, "GET", "/v1/candidate/proposal", mailed);
  REQUIRE_MESSAGE(page.status == 200, page.body);
  CHECK(json::parse(page.body).at("candidate").at("time_zone") == "Asia/Tokyo");

  // The capability is nowhere in the database in plain text: not in the outbox row, not in any page of the file.
  const std::vector<std::string> payloads = MessagePayloads(world);
  REQUIRE(payloads.size() == 1);
  CHECK(payloads.front().find(capability) == std::string::npos);
  CHECK(payloads.front().find("swp_") == std::string::npos);
  CHECK(json::parse(payloads.front()).at("sealed").at("secret").get<std::string>().rfind("v1.", 0) == 0);
  CHECK(DatabaseBytes(world).find(capability) == std::string::npos);
}

TEST_CASE("proposals: notify_candidate false sends nothing; anything but a boolean is refused by name") {
  ProviderWorld world(true, true);
  AtsReceiver ats;
  ConnectAts(world, ats);
  json body = ProposalBody({FreeWeek(world.Now(), 2, "10:00")});
  body["hold_times"] = false;
  for (const json& bad : {json("yes"), json(1), json(nullptr), json::object()}) {
    CAPTURE(bad.dump());
    body["notify_candidate"] = bad;
    const HttpAnswer refused = world.Api("POST", "/v1/proposals", body);
    CHECK(refused.status == 422);
    CHECK(json::parse(refused.body).at("error").at("code") == "invalid_request");
    CHECK(json::parse(refused.body).at("error").at("field") == "notify_candidate");
  }
  // The proposal e-mail's own variables have no value in the interview's messages: refused in candidate_message.
  body["notify_candidate"] = true;
  body["candidate_message"] = "Your link: {{proposal_url}}";
  const HttpAnswer own_link = world.Api("POST", "/v1/proposals", body);
  CHECK(own_link.status == 422);
  CHECK(json::parse(own_link.body).at("error").at("field") == "candidate_message");
  CHECK(MessagePayloads(world).empty());
  body.erase("candidate_message");
  body["notify_candidate"] = false;
  const HttpAnswer created = world.Api("POST", "/v1/proposals", body);
  REQUIRE_MESSAGE(created.status == 201, created.body);
  CHECK_FALSE(json::parse(created.body).contains("delivery_id"));
  CHECK(MessagePayloads(world).empty());
  // The flag is not part of the booking the pick makes.
  const HttpAnswer picked = AsCandidate(world, "POST", "/v1/candidate/proposal/pick", CapabilityOf(json::parse(created.body)),
                                        {{"start", FreeWeek(world.Now(), 2, "10:00")}});
  REQUIRE_MESSAGE(picked.status == 201, picked.body);
  world.Settled(json::parse(picked.body).at("interview_id"));
  // Only the interview's own invitation reached the ATS: no proposal e-mail.
  CHECK(MailsOfKind(ats, "candidate_invitation", 1).size() == 1);
  CHECK(MailsOfKind(ats, "candidate_proposal", 1).empty());
}
