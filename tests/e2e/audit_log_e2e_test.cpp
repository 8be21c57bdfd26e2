// audit_log_e2e_test.cpp — the tenant's audit log, end to end: changes made through the API with an API key, a widget
// token and the admin key appear once each, in order, with who, what, which object and the request's id; reads and
// refused requests do not; the log pages without repeats, belongs to its tenant only, and its rows can be neither
// changed nor removed — not even by SQL run directly on the database file.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "provider_world.h"
#include "slotwise/time.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kLena = "lena.fischer@kumo.example";  // recruiter (Google)

json BookingBody(const std::string& title, Instant start) {
  return DemoBooking(title, start, {{"name", "Audit Candidate"}, {"email", "audit.candidate@candidate.example"}});
}

httplib::Headers Bearer(const std::string& credential) { return {{"Authorization", "Bearer " + credential}}; }

// Every entry of the tenant's audit log, paged `limit` at a time with `key`; checks the paging contract on the way.
std::vector<json> ReadAuditLog(ProviderWorld& world, const std::string& key, int limit) {
  std::vector<json> entries;
  std::string cursor;
  for (int page = 0; page < 1000; ++page) {
    std::string path = "/v1/audit_log?limit=" + std::to_string(limit);
    if (!cursor.empty()) path += "&cursor=" + cursor;
    const HttpAnswer answer = HttpJson("GET", world.root() + path, nullptr, Bearer(key));
    REQUIRE_MESSAGE(answer.status == 200, answer.body);
    const json body = json::parse(answer.body);
    CHECK(body.at("entries").size() <= static_cast<std::size_t>(limit));
    for (const json& entry : body.at("entries")) entries.push_back(entry);
    if (body.at("next_cursor").is_null()) return entries;
    cursor = body.at("next_cursor").get<std::string>();
  }
  FAIL("the audit log did not end");
  return entries;
}

// Runs `sql` on the server's database file through a connection of its own; answers SQLite's error message ("" = ok).
std::string RunSql(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = rc == SQLITE_OK ? "" : (error ? error : "error");
  sqlite3_free(error);
  sqlite3_close(db);
  return message;
}

}  // namespace

TEST_CASE("Audit log: who changed what, in order, once; reads and refusals are not recorded; paging; append-only") {
  ProviderWorld world(true, true);
  const std::string key_id = world.api_key().substr(4, 16);  // "swk_<key_id>_<secret>"

  // A change with the API key: a booking (the object is the interview the answer names).
  const Day day = FreeWeekDay(world.Now(), 2);
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", BookingBody("Audit one", day.midnight + 13 * 3600), "audit-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string interview_id = json::parse(booked.body).at("id").get<std::string>();

  // Not recorded: reads, the engine's computations, and refused changes (bad input, widget token without the scope).
  CHECK(world.Api("GET", "/v1/interviews/" + interview_id).status == 200);
  CHECK(world.Api("PATCH", "/v1/tenant", {{"no_such_member", 1}}).status == 422);

  // A change with a widget token: the actor is the recruiter the token names.
  const HttpAnswer minted = world.Api("POST", "/v1/widget_tokens",
                                      {{"user", kLena}, {"scopes", {"interviews:read", "interviews:write"}}});
  REQUIRE_MESSAGE(minted.status == 201, minted.body);
  const std::string widget_token = json::parse(minted.body).at("token").get<std::string>();
  const HttpAnswer cancelled = HttpJson("DELETE", world.root() + "/v1/interviews/" + interview_id, nullptr,
                                        Bearer(widget_token));
  REQUIRE_MESSAGE(cancelled.status / 100 == 2, cancelled.body);
  CHECK(HttpJson("PATCH", world.root() + "/v1/tenant", {{"name", "Kumo"}}, Bearer(widget_token)).status == 403);

  // A change with the admin key on this tenant: a new API key, then revoked with the tenant's own key.
  const HttpAnswer second_key = HttpJson("POST", world.root() + "/v1/tenants/kumo/api_keys", {{"label", "rotation"}},
                                         Bearer(ProviderWorld::kAdminKey));
  REQUIRE_MESSAGE(second_key.status == 201, second_key.body);
  const std::string second_key_id = json::parse(second_key.body).at("key_id").get<std::string>();
  CHECK(world.Api("DELETE", "/v1/api_keys/" + second_key_id).status == 204);

  const std::vector<json> entries = ReadAuditLog(world, world.api_key(), 1);
  std::vector<std::string> actions;
  for (const json& entry : entries) actions.push_back(entry.at("action").get<std::string>());
  REQUIRE(actions == std::vector<std::string>{"POST /v1/interviews", "POST /v1/widget_tokens",
                                              "DELETE /v1/interviews/{id}", "POST /v1/tenants/{id}/api_keys",
                                              "DELETE /v1/api_keys/{key_id}"});
  CHECK(entries[0].at("object") == interview_id);
  CHECK(entries[0].at("actor") == json{{"kind", "api_key"}, {"id", key_id}});
  CHECK(entries[0].at("status") == 201);
  CHECK(entries[0].at("request_id").get<std::string>().size() == 32);
  CHECK(entries[2].at("object") == interview_id);
  CHECK(entries[2].at("actor") == json{{"kind", "widget_token"}, {"id", kLena}});
  CHECK(entries[3].at("object") == "kumo");
  CHECK(entries[3].at("actor").at("kind") == "admin");
  CHECK(entries[3].at("actor").at("id").get<std::string>().size() == 12);
  CHECK(entries[4].at("object") == second_key_id);
  std::set<std::string> ids;
  for (const json& entry : entries) ids.insert(entry.at("id").get<std::string>());
  CHECK(ids.size() == entries.size());
  // Nothing of a body reaches the log: the candidate's name and e-mail are in none of its entries.
  CHECK(json(entries).dump().find("Audit Candidate") == std::string::npos);
  CHECK(json(entries).dump().find("candidate.example") == std::string::npos);

  SUBCASE("a larger page gives the same entries") { CHECK(ReadAuditLog(world, world.api_key(), 1000) == entries); }

  SUBCASE("bad paging is refused with the parameter named") {
    for (const std::string query : {"limit=0", "limit=1001", "limit=x", "cursor=abc", "cursor=al1.-4"}) {
      const HttpAnswer refused = world.Api("GET", "/v1/audit_log?" + query);
      CHECK_MESSAGE(refused.status == 422, query);
      CHECK(json::parse(refused.body).at("error").at("field") == query.substr(0, query.find('=')));
    }
  }

  SUBCASE("only the tenant's API key reads it; another tenant sees only its own") {
    CHECK(HttpJson("GET", world.root() + "/v1/audit_log", nullptr, Bearer(widget_token)).status == 403);
    const HttpAnswer other = HttpJson("POST", world.root() + "/v1/tenants", {{"id", "other"}, {"name", "Other"}},
                                      Bearer(ProviderWorld::kAdminKey));
    REQUIRE_MESSAGE(other.status == 201, other.body);
    const HttpAnswer other_key = HttpJson("POST", world.root() + "/v1/tenants/other/api_keys", nullptr,
                                          Bearer(ProviderWorld::kAdminKey));
    REQUIRE_MESSAGE(other_key.status == 201, other_key.body);
    const std::vector<json> theirs =
        ReadAuditLog(world, json::parse(other_key.body).at("api_key").get<std::string>(), 100);
    std::vector<std::string> their_actions;
    for (const json& entry : theirs) their_actions.push_back(entry.at("action").get<std::string>());
    CHECK(their_actions == std::vector<std::string>{"POST /v1/tenants", "POST /v1/tenants/{id}/api_keys"});
    CHECK(ReadAuditLog(world, world.api_key(), 100).size() == entries.size());
  }

  SUBCASE("rows can be neither changed nor removed, whoever asks") {
    CHECK(RunSql(world.db_path(), "UPDATE audit_log SET actor_id = 'someone-else';").find("append-only") !=
          std::string::npos);
    CHECK(RunSql(world.db_path(), "DELETE FROM audit_log;").find("append-only") != std::string::npos);
    CHECK(ReadAuditLog(world, world.api_key(), 100) == entries);
  }
}
