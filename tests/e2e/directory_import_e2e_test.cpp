// Directory import from Microsoft 365, end to end against the sandbox's demo organisation (app-only Graph: /users,
// /users/{id}/mailboxSettings, /places/microsoft.graph.room). Expected values come from the sandbox's own listing
// (GET /sandbox/directory), not from the importer.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "directory/directory_import.h"
#include "provider_world.h"
#include "runtime/scheduling_runtime.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

// The engine's working_hours object for the sandbox's {"days": [1..5], "start", "end"} (0 = Sunday).
json ExpectedHours(const json& sandbox_hours) {
  static const char* kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  json hours = json::object();
  for (const json& day : sandbox_hours.at("days")) {
    hours[kDays[day.get<int>()]] = json::array({json::array({sandbox_hours.at("start"), sandbox_hours.at("end")})});
  }
  return hours;
}

}  // namespace

TEST_CASE("directory import: a new Microsoft 365 tenant gets every user and room, with zones and working hours") {
  ProviderWorld world(true, true);
  DirectoryStore& directory = world.scheduling().directory();
  Tenant labs;
  labs.id = "labs";
  labs.name = "Kumo Labs";
  labs.calendar_provider = "microsoft";
  labs.time_zone = "Europe/Amsterdam";
  REQUIRE(directory.CreateTenant(labs).ok());

  const json org = world.SandboxGet("/sandbox/directory");
  std::map<std::string, json> microsoft_users;
  for (const json& user : org.at("users")) {
    if (user.at("provider") == "microsoft") microsoft_users[user.at("email").get<std::string>()] = user;
  }
  std::size_t microsoft_rooms = 0;
  for (const json& room : org.at("rooms")) microsoft_rooms += room.value("provider", "") == "microsoft" ? 1 : 0;
  REQUIRE(!microsoft_users.empty());
  REQUIRE(microsoft_rooms > 0);

  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  // Not before the tenant connected the organisation itself — and not while another tenant (the demo's "kumo") holds
  // it: one organisation belongs to one tenant.
  OrgAccessRegistry& organisations = world.scheduling().org_access();
  Result<DirectoryImportReport> refused =
      ImportMicrosoftDirectory(directory, organisations, world.runtime().providers(), zones, labs, false);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == codes::kProviderNotConfigured);
  const std::string microsoft_tenant(sandbox::kDemoMicrosoftTenant);
  Result<OrgConnection> taken = organisations.ConnectMicrosoft("labs", microsoft_tenant);
  REQUIRE_FALSE(taken.ok());
  CHECK(taken.error().code == codes::kDomainNotVerified);
  REQUIRE(organisations.Disconnect("kumo", oauth::Provider::kMicrosoft).ok());
  Result<OrgConnection> connected = organisations.ConnectMicrosoft("labs", microsoft_tenant);
  REQUIRE_MESSAGE(connected.ok(), connected.error().message);
  CHECK(connected->domains == std::vector<std::string>{std::string(sandbox::kDemoMicrosoftDomain)});

  Result<DirectoryImportReport> report = ImportMicrosoftDirectory(
      directory, world.scheduling().org_access(), world.runtime().providers(), zones, labs, false);
  REQUIRE_MESSAGE(report.ok(), report.error().message);
  CHECK(report->people_added == static_cast<int>(microsoft_users.size()));
  CHECK(report->rooms_added == static_cast<int>(microsoft_rooms));
  CHECK(report->notes.empty());

  for (const auto& [email, user] : microsoft_users) {
    CAPTURE(email);
    Result<std::optional<Person>> person = directory.GetPerson("labs", email);
    REQUIRE(person.ok());
    REQUIRE(person->has_value());
    CHECK((*person)->name == user.at("name"));
    CHECK((*person)->time_zone == user.at("time_zone"));
    CHECK(json::parse((*person)->working_hours_json) == ExpectedHours(user.at("working_hours")));
    CHECK((*person)->roles == std::vector<std::string>{"interviewer"});
    CHECK((*person)->calendar_provider == "microsoft");
  }

  // Again: nothing new; with update_existing everything is refreshed, roles kept.
  Person changed = *directory.GetPerson("labs", microsoft_users.begin()->first).value();
  changed.name = "Renamed";
  changed.roles = {"recruiter"};
  REQUIRE(directory.UpsertPerson(changed).ok());
  Result<DirectoryImportReport> again = ImportMicrosoftDirectory(
      directory, world.scheduling().org_access(), world.runtime().providers(), zones, labs, false);
  REQUIRE(again.ok());
  CHECK(again->people_added == 0);
  CHECK(again->people_kept == static_cast<int>(microsoft_users.size()));
  CHECK(directory.GetPerson("labs", changed.email).value()->name == "Renamed");
  Result<DirectoryImportReport> refreshed = ImportMicrosoftDirectory(
      directory, world.scheduling().org_access(), world.runtime().providers(), zones, labs, true);
  REQUIRE(refreshed.ok());
  CHECK(refreshed->people_updated == static_cast<int>(microsoft_users.size()));
  const Person after = *directory.GetPerson("labs", changed.email).value();
  CHECK(after.name == microsoft_users.begin()->second.at("name"));
  CHECK(after.roles == std::vector<std::string>{"recruiter"});
}

TEST_CASE("directory import: the REST route, and what it refuses") {
  ProviderWorld world(true, true);
  // The demo tenant already holds the sandbox's people and rooms: everything is kept.
  const HttpAnswer kept = world.Api("POST", "/v1/directory/import", {{"provider", "microsoft"}});
  REQUIRE_MESSAGE(kept.status == 200, kept.body);
  const json report = json::parse(kept.body);
  CHECK(report.at("people").at("added") == 0);
  CHECK(report.at("people").at("kept").get<int>() > 0);
  CHECK(report.at("rooms").at("added") == 0);

  // A Google Workspace: its rooms (the Admin SDK, as the administrator who connected it); people are not read.
  const HttpAnswer google = world.Api("POST", "/v1/directory/import", {{"provider", "google"}});
  REQUIRE_MESSAGE(google.status == 200, google.body);
  const json google_report = json::parse(google.body);
  CHECK(google_report.at("rooms").at("added") == 0);
  CHECK(google_report.at("rooms").at("kept") == 3);  // the demo tenant's three Google rooms
  CHECK(google_report.at("notes").dump().find("people of a Google Workspace are not read") != std::string::npos);
  CHECK(world.Api("POST", "/v1/directory/import", {{"provider", "zoom"}}).status == 422);
  CHECK(world.Api("POST", "/v1/directory/import", {{"provider", "microsoft"}, {"surprise", 1}}).status == 422);
  CHECK(HttpJson("POST", world.root() + "/v1/directory/import", {{"provider", "microsoft"}}).status == 401);
}
