// Personal data end to end (docs/PRIVACY.md): a candidate with a distinctive name and e-mail is booked (with a
// stored idempotent answer), sent an e-mail, offered times and reported to the ATS; erasing them through the API leaves
// their name and e-mail in no byte of the database file, its -wal and -shm, nor in the server's log; the provider event
// is rewritten without them; another tenant's key sees 404. The exports of a candidate and of an employee hold what
// is expected and no secret. A tenant's retention window erases an old interview's candidate through the same code.
#include <doctest/doctest.h>
#include <httplib.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "observability/json_log.h"
#include "provider_world.h"
#include "slotwise/time.h"
#include "support/loopback_server.h"
#include "support/temp_dir.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kJonas = "jonas.becker@kumo.example";  // interviewer
const std::string kLena = "lena.fischer@kumo.example";    // recruiter (Google)
const std::string kName = "Zebulon Quillfeather";
const std::string kEmail = "zebulon.quillfeather@candidate.example";

// `hour`:00 Berlin time on weekday `weekday` of the week after next (free of the sandbox's demo events).
std::string FreeWeek(std::int64_t now, int weekday, int hour) {
  return FormatRfc3339(FreeWeekDay(now, weekday).midnight + hour * 3600);
}

std::string Plus(const std::string& rfc3339, std::int64_t minutes) {
  return FormatRfc3339(*ParseRfc3339(rfc3339) + minutes * 60);
}

json CandidateJson(const std::string& id, const std::string& name, const std::string& email) {
  return {{"id", id}, {"name", name}, {"email", email}, {"time_zone", "America/New_York"}};
}

json BookingBody(const std::string& start, const json& candidate) {
  return {{"title", "Interview: " + candidate.at("name").get<std::string>()},
          {"organizer", kLena},
          {"start", start},
          {"end", Plus(start, 60)},
          {"interviewers", {{{"sub", kJonas}}}},
          {"candidate", candidate},
          {"notes", "internal: " + candidate.at("name").get<std::string>() + " was referred"},
          {"candidate_message", "Dear " + candidate.at("name").get<std::string>() + ", see you soon"},
          {"query", {{"start_interval", {{"minutes", 30}}}}}};
}

// The ATS: takes e-mails to send (so bookings and messages go out), refuses lifecycle events (so they stay queued).
struct AtsReceiver {
  AtsReceiver() {
    server.server().Post("/ats", [this](const httplib::Request& req, httplib::Response& res) {
      const json body = json::parse(req.body, nullptr, false);
      const bool mail = body.is_object() && body.value("type", "") == "email.send";
      std::lock_guard lock(mutex);
      (mail ? mails : refused) += 1;
      res.status = mail ? 204 : 503;
    });
    server.Start();
  }
  ~AtsReceiver() { server.Stop(); }
  int Mails() {
    std::lock_guard lock(mutex);
    return mails;
  }
  LoopbackServer server;
  std::mutex mutex;
  int mails = 0;
  int refused = 0;
};

void ConnectAts(ProviderWorld& world, AtsReceiver& ats) {
  REQUIRE(world.Api("PATCH", "/v1/tenant",
                    {{"ats_webhook_url", ats.server.Url("/ats")},
                     {"ats_webhook_secret", "ats-webhook-secret-for-the-test-0123456789"}})
              .status == 200);
}

// Every log line of the servers of this test also goes to `path` (the suite's own sink keeps its lines).
class LogCopy {
 public:
  explicit LogCopy(std::string path) : path_(std::move(path)) {
    std::string file = path_;
    previous_ = observability::SetLogSink([file, this](std::string_view line) {
      {
        std::lock_guard lock(mutex_);
        std::ofstream(file, std::ios::app) << line << '\n';
      }
      if (previous_) previous_(line);
    });
  }
  ~LogCopy() { observability::SetLogSink(previous_); }
  LogCopy(const LogCopy&) = delete;
  LogCopy& operator=(const LogCopy&) = delete;

 private:
  std::string path_;
  std::mutex mutex_;
  observability::LogSink previous_;
};

std::string FileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string Utf16Le(const std::string& ascii) {
  std::string out;
  for (char c : ascii) out += std::string{c, '\0'};
  return out;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The files (under the database's folder, plus the log) that hold any form of `needles`: as written, lower-cased,
// UTF-16LE. Each hit is "<file>: <needle form>".
std::vector<std::string> Traces(const std::vector<std::filesystem::path>& files, const std::vector<std::string>& needles) {
  std::vector<std::string> hits;
  for (const std::filesystem::path& file : files) {
    const std::string bytes = FileBytes(file);
    const std::string lowered = Lower(bytes);
    for (const std::string& needle : needles) {
      if (bytes.find(needle) != std::string::npos) hits.push_back(file.string() + ": " + needle);
      if (lowered.find(Lower(needle)) != std::string::npos) hits.push_back(file.string() + ": lower-case " + needle);
      if (bytes.find(Utf16Le(needle)) != std::string::npos) hits.push_back(file.string() + ": UTF-16LE " + needle);
    }
  }
  return hits;
}

std::vector<std::filesystem::path> DataFiles(const std::string& db_path, const std::string& log_path) {
  std::vector<std::filesystem::path> files = {log_path};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(db_path).parent_path())) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  return files;
}

std::string OtherTenantKey(ProviderWorld& world) {
  const httplib::Headers admin = {{"Authorization", std::string("Bearer ") + ProviderWorld::kAdminKey}};
  const HttpAnswer created = HttpJson("POST", world.root() + "/v1/tenants", {{"id", "other-co"}, {"name", "Other"}}, admin);
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const HttpAnswer key = HttpJson("POST", world.root() + "/v1/tenants/other-co/api_keys", {{"label", "ats"}}, admin);
  REQUIRE_MESSAGE(key.status == 201, key.body);
  return json::parse(key.body).at("api_key").get<std::string>();
}

HttpAnswer AsKey(ProviderWorld& world, const std::string& key, const std::string& method, const std::string& path) {
  return HttpJson(method, world.root() + path, nullptr, {{"Authorization", "Bearer " + key}});
}

bool LiveEventMentions(ProviderWorld& world, const std::string& text) {
  const json objects = world.SandboxGet("/sandbox/objects");
  for (const json& object : objects.at("objects")) {
    if (object.value("type", "") == "google_event" && object.value("status", "") == "live" &&
        object.dump().find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("personal data: an erased candidate's name and e-mail are in no byte of the database, WAL or log") {
  TempDir logs("slotwise-privacy-log");
  const std::string log_path = (logs.path() / "server.log").string();
  LogCopy log_copy(log_path);
  ProviderWorld world(true, true);
  AtsReceiver ats;
  ConnectAts(world, ats);

  REQUIRE(world.Api("PUT", "/v1/candidates/cand-zq", {{"name", kName}, {"email", kEmail}}).status == 200);
  const std::string start = FreeWeek(world.Now(), 2, 10);
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", BookingBody(start, CandidateJson("cand-zq", kName, kEmail)), "zq-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string id = json::parse(booked.body).at("id");
  REQUIRE_MESSAGE(world.Settled(id).at("status") == "confirmed", world.Interview(id).dump());
  REQUIRE(LiveEventMentions(world, "Quillfeather"));  // the title named them at the provider
  // Someone else's interview, which must keep its candidate.
  const json other = CandidateJson("cand-other", "Ottilie Brandstaetter", "ottilie@candidate.example");
  const HttpAnswer other_booked = world.Api("POST", "/v1/interviews", BookingBody(FreeWeek(world.Now(), 3, 10), other), "ob-1");
  REQUIRE_MESSAGE(other_booked.status == 201, other_booked.body);
  const std::string other_id = json::parse(other_booked.body).at("id");
  // An e-mail of no interview, and times offered.
  const json message = {{"template", {{"subject", "Hello {{candidate_name}}"}, {"body", "Hi {{candidate_name}}\n"}}},
                        {"recipients", {{{"email", kEmail}, {"name", kName}}}},
                        {"send", true}};
  REQUIRE(world.Api("POST", "/v1/messages", message).status == 202);
  json proposal = BookingBody(FreeWeek(world.Now(), 4, 10), CandidateJson("cand-zq", kName, kEmail));
  proposal["options"] = {{{"start", proposal.at("start")}, {"end", proposal.at("end")}}};
  proposal.erase("start");
  proposal.erase("end");
  const HttpAnswer offered = world.Api("POST", "/v1/proposals", proposal);
  REQUIRE_MESSAGE(offered.status == 201, offered.body);
  // None of the times works: the candidate sends their own, with a note that names them.
  const std::string url = json::parse(offered.body).at("candidate_url");
  const std::int64_t friday = *ParseRfc3339(FreeWeek(world.Now(), 5, 10));
  const HttpAnswer declined = HttpJson(
      "POST", world.root() + "/v1/candidate/proposal/decline",
      {{"availability", {{{"start", FormatRfc3339(friday)}, {"end", FormatRfc3339(friday + 7200)}}}},
       {"message", "Friday suits me. " + kName}},
      {{"Authorization", "Bearer " + url.substr(url.find("#p=") + 3)}});
  REQUIRE_MESSAGE(declined.status == 200, declined.body);
  for (int i = 0; i < 100 && ats.Mails() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  REQUIRE(ats.Mails() >= 3);  // the invitation, the message and the proposal's e-mail went out
  world.Settled(other_id);

  // The test sees the data before the erasure (so that the greps below can find it).
  const std::vector<std::string> needles = {kName, "Quillfeather", kEmail};
  CHECK_FALSE(Traces(DataFiles(world.db_path(), log_path), needles).empty());

  // The export holds the record, the interview, the message and the proposal.
  const HttpAnswer exported = world.Api("GET", "/v1/candidates/cand-zq/export");
  REQUIRE_MESSAGE(exported.status == 200, exported.body);
  const json document = json::parse(exported.body);
  CHECK(document.at("schema") == "slotwise.candidate_export.v1");
  CHECK(document.at("candidate").at("email") == kEmail);
  REQUIRE(document.at("interviews").size() == 1);
  CHECK(document.at("interviews")[0].at("id") == id);
  CHECK(document.at("interviews")[0].at("notes") == "internal: " + kName + " was referred");
  CHECK_FALSE(document.at("interviews")[0].at("history").empty());
  CHECK(document.at("messages").size() == 2);  // the message and the proposal's e-mail (its link never exported)
  CHECK(exported.body.find("swp_") == std::string::npos);
  REQUIRE(document.at("proposals").size() == 1);
  CHECK(document.at("proposals")[0].at("status") == "declined");
  CHECK(document.at("proposals")[0].at("candidate_note") == "Friday suits me. " + kName);
  CHECK(document.at("proposals")[0].at("candidate_availability").size() == 1);
  CHECK(exported.body.find("Ottilie") == std::string::npos);

  // Another tenant's key: 404 for both, like a candidate that does not exist.
  const std::string other_key = OtherTenantKey(world);
  CHECK(AsKey(world, other_key, "DELETE", "/v1/candidates/cand-zq").status == 404);
  CHECK(AsKey(world, other_key, "GET", "/v1/candidates/cand-zq/export").status == 404);
  CHECK(world.Api("DELETE", "/v1/candidates/nobody-here").status == 404);

  // An e-mail still being handed over (its job running) makes the erasure answer 409: retry, as the API says.
  HttpAnswer erased = world.Api("DELETE", "/v1/candidates/cand-zq");
  for (int i = 0; i < 50 && erased.status == 409; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    erased = world.Api("DELETE", "/v1/candidates/cand-zq");
  }
  REQUIRE_MESSAGE(erased.status == 200, erased.body);
  const json report = json::parse(erased.body);
  CHECK(report.at("candidate_record") == true);
  CHECK(report.at("interviews") == 1);
  CHECK(report.at("provider_updates") == 1);
  CHECK(report.at("proposals") == 1);
  CHECK(report.at("messages") == 2);
  CHECK(report.at("wal_truncated") == true);
  // The interview stays, anonymised; the outbox rewrites the organiser's event without the name.
  const json kept = world.Settled(id);
  CHECK(kept.at("status") == "confirmed");
  CHECK(kept.at("candidate").at("name") == "erased candidate");
  CHECK(kept.at("candidate").at("email") == "");
  CHECK(kept.at("title") == "Interview: erased candidate");
  CHECK(kept.at("notes") == "");
  CHECK_FALSE(LiveEventMentions(world, "Quillfeather"));
  CHECK(LiveEventMentions(world, "Interview: erased candidate"));
  CHECK(world.Interview(other_id).at("candidate").at("name") == "Ottilie Brandstaetter");
  // Erased twice: nothing is held any more.
  CHECK(world.Api("DELETE", "/v1/candidates/cand-zq").status == 404);
  CHECK(world.Api("GET", "/v1/candidates/cand-zq/export").status == 404);
  // The audit log shows the erasure (once: the refused attempts are not changes), by the candidate's id only.
  std::vector<json> entries;
  for (std::string page = "/v1/audit_log?limit=1000";;) {
    const HttpAnswer audit = world.Api("GET", page);
    REQUIRE_MESSAGE(audit.status == 200, audit.body);
    const json body = json::parse(audit.body);
    for (const json& entry : body.at("entries")) entries.push_back(entry);
    if (body.at("next_cursor").is_null()) break;
    page = "/v1/audit_log?limit=1000&cursor=" + body.at("next_cursor").get<std::string>();
  }
  int erasures = 0;
  for (const json& entry : entries) {
    if (entry.at("action") != "DELETE /v1/candidates/{id}") continue;
    ++erasures;
    CHECK(entry.at("object") == "cand-zq");
    CHECK(entry.at("status") == 200);
    CHECK(entry.at("actor").at("kind") == "api_key");
  }
  CHECK(erasures == 1);

  const std::vector<std::string> traces = Traces(DataFiles(world.db_path(), log_path), needles);
  std::string listed;
  for (const std::string& trace : traces) listed += trace + "\n";
  CHECK_MESSAGE(traces.empty(), listed);
}

TEST_CASE("personal data: an employee's export holds their record, interviews and connections, never a secret") {
  ProviderWorld world(true, true);
  const Connection connection = world.Connected("google", kLena, kLena);
  const std::string start = FreeWeek(world.Now(), 2, 14);
  const HttpAnswer booked =
      world.Api("POST", "/v1/interviews", BookingBody(start, CandidateJson("cand-e", "Esme Whitlock", "esme@candidate.example")), "es-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string id = json::parse(booked.body).at("id");

  const HttpAnswer jonas = world.Api("GET", "/v1/people/" + kJonas + "/export");
  REQUIRE_MESSAGE(jonas.status == 200, jonas.body);
  const json document = json::parse(jonas.body);
  CHECK(document.at("schema") == "slotwise.person_export.v1");
  CHECK(document.at("person").at("email") == kJonas);
  bool listed = false;
  for (const json& interview : document.at("interviews")) {
    if (interview.at("id") == id) listed = interview.at("roles") == json{"interviewer"};
  }
  CHECK(listed);
  CHECK(jonas.body.find("Esme") == std::string::npos);  // the candidate is someone else's data

  const HttpAnswer lena = world.Api("GET", "/v1/people/" + kLena + "/export");
  REQUIRE_MESSAGE(lena.status == 200, lena.body);
  const json lena_document = json::parse(lena.body);
  REQUIRE(lena_document.at("connections").size() >= 1);
  CHECK(lena_document.at("connections")[0].at("provider") == "google");
  CHECK(lena_document.at("connections")[0].contains("scopes"));
  REQUIRE_FALSE(connection.access_token.empty());
  CHECK(lena.body.find(connection.access_token) == std::string::npos);
  if (!connection.refresh_token.empty()) CHECK(lena.body.find(connection.refresh_token) == std::string::npos);
  for (const char* secret : {"token", "secret", "sealed", "hash"}) {
    CHECK_MESSAGE(lena.body.find(secret) == std::string::npos, secret);
  }

  CHECK(world.Api("GET", "/v1/people/nobody@kumo.example/export").status == 404);
  CHECK(AsKey(world, OtherTenantKey(world), "GET", "/v1/people/" + kJonas + "/export").status == 404);
}

TEST_CASE("personal data: a tenant's retention window erases the candidate of interviews that ended long enough ago") {
  ProviderWorld world(true, true);
  const json old_candidate = CandidateJson("cand-r", "Rosalind Pemberton", "rosalind.pemberton@candidate.example");
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", BookingBody(FreeWeek(world.Now(), 2, 10), old_candidate), "ro-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string old_id = json::parse(booked.body).at("id");
  REQUIRE(world.Settled(old_id).at("status") == "confirmed");

  const json new_candidate = CandidateJson("cand-n", "Nikolai Vantongeren", "nikolai@candidate.example");
  const HttpAnswer recent = world.Api(
      "POST", "/v1/interviews", BookingBody(Plus(FreeWeek(world.Now(), 2, 10), 14 * 24 * 60), new_candidate), "nv-1");
  REQUIRE_MESSAGE(recent.status == 201, recent.body);
  const std::string recent_id = json::parse(recent.body).at("id");
  REQUIRE(world.Settled(recent_id).at("status") == "confirmed");

  json policies = json::parse(world.Api("GET", "/v1/tenant").body).at("policies");
  policies["retention"] = {{"interview_personal_data_days", -1}};
  const HttpAnswer refused = world.Api("PATCH", "/v1/tenant", {{"policies", policies}});
  CHECK(refused.status == 422);
  CHECK(json::parse(refused.body).at("error").at("field") == "policies.retention.interview_personal_data_days");
  policies["retention"] = {{"interview_personal_data_days", 7}};
  REQUIRE(world.Api("PATCH", "/v1/tenant", {{"policies", policies}}).status == 200);

  // Four weeks later the first interview ended more than 7 days ago; one two weeks after it has not. (Booked before
  // the clock moves: the sandbox's service-account grants follow the real clock.)
  world.Advance(28 * 86'400);
  json old_view;
  for (int i = 0; i < 100; ++i) {
    old_view = world.Interview(old_id);
    if (old_view.at("candidate").at("name") == "erased candidate") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  CHECK(old_view.at("candidate").at("name") == "erased candidate");
  CHECK(old_view.at("candidate").at("email") == "");
  CHECK(old_view.at("title") == "Interview: erased candidate");
  CHECK(world.Interview(recent_id).at("candidate").at("name") == "Nikolai Vantongeren");
  const json history = json::parse(world.Api("GET", "/v1/interviews/" + old_id + "/history").body);
  CHECK(history.dump().find("candidate_erased") != std::string::npos);
  CHECK(history.dump().find("Pemberton") == std::string::npos);
}
