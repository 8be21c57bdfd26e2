// hr_api_test.cpp — the HR REST API: imports (bounded, all or nothing, every bad input a 4xx error object), and the
// attribute allow-list — for EACH attribute, a credential without it never sees it through ANY read endpoint and
// cannot write it.
#include <doctest/doctest.h>

#include "hr/hr_attributes.h"
#include "hr_test_data.h"

namespace slotwise::testing {
namespace {

using nlohmann::json;

// One employee whose every attribute has a value found nowhere else, so its presence in any answer is detectable.
const json kDistinct = {{"id", "e-x"},
                        {"first_name", "Xaverius"},
                        {"last_name", "Quendlinger"},
                        {"email", "xq-mail@acme.example"},
                        {"hire_date", "2017-03-14"},
                        {"termination_date", "2031-12-30"},
                        {"position", "Chief Widget Officer"},
                        {"status", "onboarding"},
                        {"office", "Oslo Office"},
                        {"department", "Dept Finance"},
                        {"team", "Team Kestrel"},
                        {"birthday", "1987-09-23"},
                        {"time_zone", "Asia/Kolkata"},
                        {"working_hours", {{"mon", json::array({json::array({"07:15", "15:45"})})}}},
                        {"teams_user_id", "aad-xq-7731"}};

// The text by which each attribute's value would show up in an answer.
std::string Marker(const std::string& attribute) {
  if (attribute == "working_hours") return "07:15";
  if (attribute == "absences") return "2026-11-09";  // the absence's first day
  return kDistinct[attribute].get<std::string>();
}

void SeedDistinct(HrWorld& world) {
  RequireOk(world.Api("PUT", "/v1/hr/org_units",
                      {{"org_units", {{{"kind", "office"}, {"name", "Oslo Office"}},
                                      {{"kind", "department"}, {"name", "Dept Finance"}},
                                      {{"kind", "team"}, {"name", "Team Kestrel"}}}}}));
  RequireOk(world.Api("PUT", "/v1/hr/employees", {{"employees", {kDistinct}}}));
  RequireOk(world.Api("PUT", "/v1/hr/absences",
                      {{"absences", {{{"id", "abs-x"}, {"employee_id", "e-x"}, {"type", "training"},
                                      {"first_day", "2026-11-09"}, {"last_day", "2026-11-10"}}}}}));
}

std::string NewCredential(HrWorld& world, const std::vector<std::string>& attributes) {
  Answer answer = world.Api("POST", "/v1/hr/credentials", {{"label", "t"}, {"attributes", attributes}});
  RequireOk(answer, 201);
  return answer.body["credential"].get<std::string>();
}

TEST_CASE("HR allow-list: for each attribute, a credential without it never sees it, through every read endpoint") {
  HrWorld world(At("2026-10-26T06:00:00Z"));
  SeedDistinct(world);
  const std::vector<std::string> reads = {"/v1/hr/employees", "/v1/hr/employees/e-x",
                                          "/v1/hr/absences?from=2026-11-01&to=2026-11-30", "/v1/hr/org_units"};
  for (const std::string& attribute : hr::AllAttributes()) {
    CAPTURE(attribute);
    std::vector<std::string> others;
    for (const std::string& name : hr::AllAttributes()) {
      if (name != attribute) others.push_back(name);
    }
    const std::string without = NewCredential(world, others);
    const std::string with_only = NewCredential(world, {attribute});
    for (const std::string& path : reads) {
      CAPTURE(path);
      Answer answer = world.Api("GET", path, nullptr, without);
      if (attribute == "absences" && path.rfind("/v1/hr/absences", 0) == 0) {
        CHECK(answer.status == 403);
        CHECK(answer.body["error"]["code"] == "attribute_not_allowed");
        CHECK(answer.body["error"]["field"] == "absences");
        continue;
      }
      REQUIRE(answer.status == 200);
      CHECK(answer.text.find(Marker(attribute)) == std::string::npos);  // the value appears nowhere
      const json employees = answer.body.contains("employees") ? answer.body["employees"]
                             : answer.body.contains("id")      ? json::array({answer.body})
                                                               : json::array();
      for (const json& employee : employees) CHECK_FALSE(employee.contains(attribute));  // absent, not null
      // The same read with only this attribute does show it (so the check above can fail).
      const bool org_kind = attribute == "office" || attribute == "department" || attribute == "team";
      const bool shows_here = (path.rfind("/v1/hr/employees", 0) == 0 && attribute != "absences") ||
                              (path == "/v1/hr/org_units" && org_kind) ||
                              (path.rfind("/v1/hr/absences", 0) == 0 && attribute == "absences");
      if (shows_here) {
        Answer shown = world.Api("GET", path, nullptr, with_only);
        REQUIRE(shown.status == 200);
        CHECK(shown.text.find(Marker(attribute)) != std::string::npos);
      }
    }
    if (attribute != "absences") {
      // Writing it is refused, naming the attribute, and changes nothing.
      json patch = {{attribute, kDistinct[attribute]}};
      Answer refused = world.Api("PATCH", "/v1/hr/employees/e-x", patch, without);
      CHECK(refused.status == 403);
      CHECK(refused.body["error"]["code"] == "attribute_not_allowed");
      CHECK(refused.body["error"]["field"] == attribute);
      CHECK(refused.body["error"]["message"].get<std::string>().find("\"" + attribute + "\"") != std::string::npos);
    }
  }
  // Nothing was changed by the refused writes.
  Answer full = world.Api("GET", "/v1/hr/employees/e-x");
  RequireOk(full);
  CHECK(full.body["position"] == "Chief Widget Officer");
  // A permitted write through a credential works and answers only its attributes.
  const std::string writer = NewCredential(world, {"position"});
  Answer patched = world.Api("PATCH", "/v1/hr/employees/e-x", {{"position", "Widget Lead"}}, writer);
  RequireOk(patched);
  CHECK(patched.body == json({{"id", "e-x"}, {"position", "Widget Lead"}}));
}

TEST_CASE("HR credentials: shown once, revocable, server-side only, never confused with API keys") {
  HrWorld world(At("2026-10-26T06:00:00Z"));
  SeedDistinct(world);
  Answer created = world.Api("POST", "/v1/hr/credentials", {{"attributes", {"microsoft_teams"}}});
  RequireOk(created, 201);
  const std::string credential = created.body["credential"].get<std::string>();
  CHECK(credential.rfind("swhr_", 0) == 0);
  Answer listed = world.Api("GET", "/v1/hr/credentials");
  CHECK(listed.text.find(credential) == std::string::npos);  // never shown again
  CHECK(listed.body["credentials"][0]["attributes"].size() == 10);
  // The birthday is not in the list of docs/PRODUCT.md R003.3.
  CHECK_FALSE(world.Api("GET", "/v1/hr/employees/e-x", nullptr, credential).body.contains("birthday"));
  // From a browser (Origin header): refused.
  Answer browser = Call(world.root(), "GET", "/v1/hr/employees",
                        {{"Authorization", "Bearer " + credential}, {"Origin", "https://ats.example"}});
  CHECK(browser.status == 403);
  // HR credentials cannot manage credentials or import.
  CHECK(world.Api("GET", "/v1/hr/credentials", nullptr, credential).status == 401);
  CHECK(world.Api("PUT", "/v1/hr/employees", {{"employees", json::array()}}, credential).status == 401);
  // A tampered or revoked credential.
  std::string tampered = credential;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  CHECK(world.Api("GET", "/v1/hr/employees", nullptr, tampered).status == 401);
  RequireOk(world.Api("DELETE", "/v1/hr/credentials/" + created.body["credential_id"].get<std::string>()), 204);
  Answer revoked = world.Api("GET", "/v1/hr/employees", nullptr, credential);
  CHECK(revoked.status == 401);
  CHECK(revoked.body["error"]["code"] == "unauthorized");
  CHECK(world.Api("POST", "/v1/hr/credentials", {{"attributes", {"email", "salary"}}}).body["error"]["field"] ==
        "attributes[1]");
}

TEST_CASE("HR imports: every bad input is a 4xx error object and nothing already stored changes") {
  HrWorld world(At("2026-10-26T06:00:00Z"));
  SeedDistinct(world);
  const std::string before = world.Api("GET", "/v1/hr/employees").text;
  const std::string absences_before = world.Api("GET", "/v1/hr/absences?from=2026-01-01&to=2026-12-31").text;
  struct Case {
    std::string path;
    json body;
    int status;
    std::string code;
    std::string field;
  };
  const json good = {{"id", "e-new"}, {"first_name", "Nina"}};
  const std::vector<Case> cases = {
      {"/v1/hr/employees", {{"employees", {good, {{"id", "e-bad"}, {"hire_date", "2026-02-30"}}}}}, 422,
       "invalid_request", "employees[1].hire_date"},
      {"/v1/hr/employees", {{"employees", {good, {{"id", "e-bad"}, {"salary", 1}}}}}, 422, "invalid_request",
       "employees[1].salary"},
      {"/v1/hr/employees", {{"employees", {good, {{"id", "e-bad"}, {"time_zone", "Mars/Base"}}}}}, 422,
       "invalid_request", "employees[1].time_zone"},
      {"/v1/hr/employees", {{"employees", {good, {{"id", "e-bad"}, {"status", "fired"}}}}}, 422, "invalid_request",
       "employees[1].status"},
      {"/v1/hr/employees", {{"employees", {good, {{"first_name", "no id"}}}}}, 422, "invalid_request",
       "employees[1].id"},
      {"/v1/hr/employees", {{"employees", {good, good}}}, 422, "invalid_request", "employees[1].id"},
      {"/v1/hr/employees", {{"employees", {good, {{"id", "e-bad"}, {"working_hours", {{"mon", json::array({json::array({"18:00", "09:00"})})}}}}}}},
       422, "invalid_request", "employees[1].working_hours.mon[0][1]"},
      {"/v1/hr/employees", {{"employees", "all"}}, 422, "invalid_request", "employees"},
      {"/v1/hr/absences", {{"absences", {{{"id", "a1"}, {"employee_id", "nobody"}, {"type", "vacation"},
                                          {"first_day", "2026-11-02"}, {"last_day", "2026-11-02"}}}}},
       422, "invalid_request", "absences[0].employee_id"},
      {"/v1/hr/absences", {{"absences", {{{"id", "a1"}, {"employee_id", "e-x"}, {"type", "vacation"},
                                          {"first_day", "2026-11-02"}, {"first_day_part", "morning"},
                                          {"last_day", "2026-11-03"}}}}},
       422, "invalid_request", "absences[0].first_day_part"},
      {"/v1/hr/org_units", {{"org_units", {{{"kind", "planet"}, {"name", "Mars"}}}}}, 422, "invalid_request",
       "org_units[0].kind"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body.dump());
    Answer answer = world.Api("PUT", c.path, c.body);
    CHECK(answer.status == c.status);
    CHECK(answer.body["error"]["code"] == c.code);
    CHECK(answer.body["error"]["field"] == c.field);
    CHECK_FALSE(answer.body["error"]["message"].get<std::string>().empty());
  }
  // Too many items: 5,001 employees.
  json many = json::array();
  for (int i = 0; i < 5001; ++i) many.push_back({{"id", "e" + std::to_string(i)}});
  Answer big = world.Api("PUT", "/v1/hr/employees", {{"employees", many}});
  CHECK(big.status == 413);
  CHECK(big.body["error"]["code"] == "too_many_items");
  // Not JSON, wrong media type, no credentials.
  CHECK(Call(world.root(), "PUT", "/v1/hr/employees", {{"Authorization", "Bearer " + world.api_key()}}, "{oops").status ==
        400);
  CHECK(Call(world.root(), "GET", "/v1/hr/employees").status == 401);
  // Nothing changed.
  CHECK(world.Api("GET", "/v1/hr/employees").text == before);
  CHECK(world.Api("GET", "/v1/hr/absences?from=2026-01-01&to=2026-12-31").text == absences_before);
  // A good batch is stored.
  RequireOk(world.Api("PUT", "/v1/hr/employees", {{"employees", {good}}}));
  CHECK(world.Api("GET", "/v1/hr/employees/e-new").body["first_name"] == "Nina");
}

}  // namespace
}  // namespace slotwise::testing
