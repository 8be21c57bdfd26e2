// tenant_deletion_e2e_test.cpp — DELETE /v1/tenants/{id} end to end: a tenant with a directory, a candidate, keys, a
// booked interview (with its outbox, history and booked objects) and an audit log is deleted by the operator; after it
// no table of the database holds a row of the tenant, its keys are refused on the very next request, a tenant created
// again under the same id starts empty, and the other tenants are untouched. Only the admin key may delete.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "provider_world.h"
#include "slotwise/time.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

httplib::Headers Bearer(const std::string& credential) { return {{"Authorization", "Bearer " + credential}}; }

HttpAnswer AsAdmin(ProviderWorld& world, const std::string& method, const std::string& path, const json& body = nullptr) {
  return HttpJson(method, world.root() + path, body, Bearer(ProviderWorld::kAdminKey));
}

// Rows of `tenant_id` in every table with a tenant_id column, and the rows of the child tables reached through them,
// read through a connection of the test's own.
std::vector<std::string> TablesHolding(const std::string& db_path, const std::string& tenant_id) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  std::vector<std::string> tables;
  sqlite3_stmt* list = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c "
                             "WHERE m.type = 'table' AND c.name = 'tenant_id';",
                             -1, &list, nullptr) == SQLITE_OK);
  while (sqlite3_step(list) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list, 0)));
  sqlite3_finalize(list);
  std::vector<std::string> holding;
  auto count = [&](const std::string& name, const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    sqlite3_bind_text(stmt, 1, tenant_id.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int64(stmt, 0) > 0) holding.push_back(name);
    sqlite3_finalize(stmt);
  };
  for (const std::string& table : tables) count(table, "SELECT COUNT(*) FROM \"" + table + "\" WHERE tenant_id = ?;");
  count("tenants", "SELECT COUNT(*) FROM tenants WHERE id = ?;");
  count("interview_history", "SELECT COUNT(*) FROM interview_history h JOIN interviews i ON i.id = h.interview_id "
                             "WHERE i.tenant_id = ?;");
  sqlite3_close(db);
  return holding;
}

// Journal rows of the outbox jobs run under `subject` (an interview or a proposal id).
int StepsOf(const std::string& db_path, const std::string& subject) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM outbox_steps WHERE interview_id = ?;", -1, &stmt, nullptr) == SQLITE_OK);
  sqlite3_bind_text(stmt, 1, subject.c_str(), -1, SQLITE_TRANSIENT);
  const int count = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return count;
}

// Outbox jobs still to run or running (the proposal's e-mail to its candidate is one).
int UnfinishedJobs(const std::string& db_path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'running');", -1, &stmt,
                             nullptr) == SQLITE_OK);
  const int count = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return count;
}

json BookingBody(Instant start) {
  return DemoBooking("Deleted with its tenant", start,
                     {{"name", "Gone Candidate"}, {"email", "gone.candidate@candidate.example"}});
}

}  // namespace

TEST_CASE("Tenant deletion: everything of the tenant goes, at once; the others stay; operator only") {
  ProviderWorld world(true, true);

  // The demo tenant "kumo": a booked interview (outbox, history, booked objects, holds) and its audit log.
  const Day day = FreeWeekDay(world.Now(), 2);
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", BookingBody(day.midnight + 13 * 3600), "deletion-1");
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string interview_id = json::parse(booked.body).at("id").get<std::string>();
  world.Settled(interview_id);
  // A proposal whose times are held (its hold job's journal names the interviewers' calendars).
  json proposal = BookingBody(0);
  proposal.erase("start");
  proposal.erase("end");
  proposal["candidate"]["time_zone"] = "Europe/Berlin";
  proposal["options"] = {{{"start", FormatRfc3339(day.midnight + 15 * 3600)}, {"end", FormatRfc3339(day.midnight + 16 * 3600)}}};
  const HttpAnswer proposed = world.Api("POST", "/v1/proposals", proposal);
  REQUIRE_MESSAGE(proposed.status == 201, proposed.body);
  const std::string proposal_id = json::parse(proposed.body).at("proposal_id");
  for (int i = 0; i < 100 && StepsOf(world.db_path(), proposal_id) < 3; ++i) {  // "holds" and a hold per person
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(StepsOf(world.db_path(), proposal_id) >= 3);
  // Its jobs (the holds, the candidate's e-mail) are done: a running one would refuse the deletion (409).
  for (int i = 0; i < 100 && UnfinishedJobs(world.db_path()) != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(UnfinishedJobs(world.db_path()) == 0);
  const HttpAnswer candidate = world.Api("PUT", "/v1/candidates/cand-gone",
                                        {{"name", "Gone Candidate"}, {"email", "gone.candidate@candidate.example"}});
  CHECK_MESSAGE(candidate.status / 100 == 2, candidate.body);

  // A second tenant that must stay as it is.
  REQUIRE(AsAdmin(world, "POST", "/v1/tenants", {{"id", "stays"}, {"name", "Stays"}}).status == 201);
  const HttpAnswer stays_key = AsAdmin(world, "POST", "/v1/tenants/stays/api_keys");
  REQUIRE(stays_key.status == 201);
  const std::string stays_api_key = json::parse(stays_key.body).at("api_key").get<std::string>();
  const HttpAnswer stays_candidate = HttpJson("PUT", world.root() + "/v1/candidates/cand-stays",
                                             {{"name", "Anna"}, {"email", "anna@candidate.example"}}, Bearer(stays_api_key));
  REQUIRE_MESSAGE(stays_candidate.status / 100 == 2, stays_candidate.body);
  const std::vector<std::string> stays_before = TablesHolding(world.db_path(), "stays");
  REQUIRE(!TablesHolding(world.db_path(), "kumo").empty());

  // Only the operator deletes a tenant: its own key cannot, nor can another tenant's.
  CHECK(world.Api("DELETE", "/v1/tenants/kumo").status == 401);
  CHECK(HttpJson("DELETE", world.root() + "/v1/tenants/kumo", nullptr, Bearer(stays_api_key)).status == 401);
  CHECK(AsAdmin(world, "DELETE", "/v1/tenants/no-such-tenant").status == 404);

  const HttpAnswer deleted = AsAdmin(world, "DELETE", "/v1/tenants/kumo");
  REQUIRE_MESSAGE(deleted.status == 200, deleted.body);
  const json report = json::parse(deleted.body);
  CHECK(report.at("deleted") == "kumo");
  for (const char* table : {"tenants", "interviews", "outbox", "people", "candidates", "api_keys", "audit_log"}) {
    CHECK_MESSAGE(report.at("rows_by_table").value(table, 0) > 0, table << " in " << deleted.body);
  }

  // Nothing of it is left in any table, and its key is refused on the next request.
  CHECK(TablesHolding(world.db_path(), "kumo").empty());
  CHECK(StepsOf(world.db_path(), interview_id) == 0);
  CHECK(StepsOf(world.db_path(), proposal_id) == 0);  // the holds' journal too (it names people's calendars)
  CHECK(world.Api("GET", "/v1/interviews/" + interview_id).status == 401);
  CHECK(world.Api("GET", "/v1/tenant").status == 401);
  CHECK(AsAdmin(world, "GET", "/v1/tenants/kumo/api_keys").status == 404);
  CHECK(AsAdmin(world, "DELETE", "/v1/tenants/kumo").status == 404);

  // The other tenant is untouched.
  CHECK(TablesHolding(world.db_path(), "stays") == stays_before);
  CHECK(HttpJson("GET", world.root() + "/v1/tenant", nullptr, Bearer(stays_api_key)).status == 200);

  // A tenant created again under the same id starts empty: no people, no interviews, an audit log of its creation.
  REQUIRE(AsAdmin(world, "POST", "/v1/tenants", {{"id", "kumo"}, {"name", "Kumo again"}}).status == 201);
  const HttpAnswer new_key = AsAdmin(world, "POST", "/v1/tenants/kumo/api_keys");
  REQUIRE(new_key.status == 201);
  const httplib::Headers again = Bearer(json::parse(new_key.body).at("api_key").get<std::string>());
  CHECK(json::parse(HttpJson("GET", world.root() + "/v1/people", nullptr, again).body).at("people").empty());
  CHECK(HttpJson("GET", world.root() + "/v1/interviews/" + interview_id, nullptr, again).status == 404);
  const json audit = json::parse(HttpJson("GET", world.root() + "/v1/audit_log", nullptr, again).body);
  REQUIRE(audit.at("entries").size() == 2);
  CHECK(audit.at("entries")[0].at("action") == "POST /v1/tenants");
}
