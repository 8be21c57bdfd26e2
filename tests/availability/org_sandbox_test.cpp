// Integration test for backend/availability: a bare query for people of the sandbox's demo organisation "Kumo"
// (backend/sandbox/demo_org.cpp), answered through organisation access — a Google service account acting as the
// recruiter Lena for kumo.example, Microsoft app-only for kumo-labs.example — with the real adapters, the cache and
// the engine. The expected slots are worked out by hand from the seeded week below.
#include <doctest/doctest.h>

#include <httplib.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "availability/availability_service.h"
#include "availability/busy_sources.h"
#include "availability_test_util.h"
#include "connections/connection_store.h"
#include "connections/org_access_registry.h"
#include "connections/token_manager.h"
#include "connections/provider_registry.h"
#include "crypto/jwt.h"
#include "oauth/provider.h"
#include "sandbox/sandbox.h"
#include "slotwise/json_text.h"
#include "support/running_sandbox.h"
#include "zoneinfo/zoneinfo_directory.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kLena = "lena.fischer@kumo.example";         // Google, Berlin 09:00–17:00
const std::string kJonas = "jonas.becker@kumo.example";        // Google, Berlin 08:30–16:30
const std::string kSanne = "sanne.devries@kumo-labs.example";  // Microsoft, Amsterdam 08:30–17:00
const std::string kDaan = "daan.jansen@kumo-labs.example";     // Microsoft, Amsterdam 09:00–17:30
const std::string kTiergarten = "c_berlin-tiergarten@resource.calendar.google.com";

oauth::TokenRequestPolicy FastPolicy() {
  oauth::TokenRequestPolicy policy;
  policy.timeout = std::chrono::milliseconds(5'000);
  policy.max_attempts = 2;
  policy.base_backoff = std::chrono::milliseconds(1);
  policy.max_backoff = std::chrono::milliseconds(5);
  return policy;
}

std::string Hours(const char* start, const char* end) {
  json day = json::array({json::array({start, end})});
  return DumpJson({{"mon", day}, {"tue", day}, {"wed", day}, {"thu", day}, {"fri", day}});
}

// The sandbox (demo organisation seeded) on an ephemeral port, Slotwise's directory for tenant "kumo", organisation
// access for both providers, and the availability service on top.
struct KumoWorld {
  KumoWorld() {
    admin = std::make_unique<httplib::Client>("127.0.0.1", running.port());
    admin->set_read_timeout(10, 0);

    // Google: a service account with domain-wide delegation for kumo.example (the sandbox knows its public key).
    Result<crypto::RsaKeyPair> keys = crypto::GenerateRsaKeyPair();
    REQUIRE(keys.ok());
    REQUIRE(running.sandbox()
                .Seed(json{{"service_accounts", json::array({{{"client_email", "scheduler@kumo-svc.iam.example"},
                                                              {"public_key_pem", keys->public_pem},
                                                              {"domain", "kumo.example"}}})}}
                          .dump())
                .ok());
    providers = std::make_unique<ProviderRegistry>(*transport, Root());
    OrgAccessConfig& config = providers->org_access();
    config.google_service_account.client_email = "scheduler@kumo-svc.iam.example";
    config.google_service_account.private_key_pem = keys->private_pem;
    config.google_service_account.token_url = Endpoints(oauth::Provider::kGoogle).token_url;
    config.google_service_account.scopes = {"https://www.googleapis.com/auth/calendar.freebusy"};
    config.google_service_account.client_id = "109876543210";
    config.google_service_account.policy = FastPolicy();
    config.microsoft_app_only = true;
    // Microsoft: the deployment's registration, used with client credentials for the customer's tenant.
    for (const oauth::Provider provider : {oauth::Provider::kGoogle, oauth::Provider::kMicrosoft}) {
      providers->Configure(provider, Endpoints(provider),
                           std::string(provider == oauth::Provider::kGoogle ? sandbox::kGoogleClientId
                                                                            : sandbox::kMicrosoftClientId),
                           std::string(provider == oauth::Provider::kGoogle ? sandbox::kGoogleClientSecret
                                                                            : sandbox::kMicrosoftClientSecret),
                           ProviderRegistry::DefaultScopes(provider));
    }
    org_connections = std::make_unique<OrgConnectionStore>(*directory.database);
    access = std::make_unique<OrgAccessRegistry>(*providers, *transport, *org_connections,
                                                 [this] { return running.sandbox().Now(); });
    // The tenant's administrators connect both organisations, as through the API.
    Result<OrgConnection> google = access->ConnectGoogle("kumo", "kumo.example", kLena);
    REQUIRE_MESSAGE(google.ok(), google.error().message);
    Result<OrgConnection> microsoft_org = access->ConnectMicrosoft("kumo", std::string(sandbox::kDemoMicrosoftTenant));
    REQUIRE_MESSAGE(microsoft_org.ok(), microsoft_org.error().message);

    OrgBusySourceOptions options;
    options.google_api_base = Endpoints(oauth::Provider::kGoogle).api_base;
    options.microsoft_api_base = Endpoints(oauth::Provider::kMicrosoft).api_base;
    options.retry = providers::RetryPolicy{2, std::chrono::milliseconds(1), std::chrono::milliseconds(5),
                                           std::chrono::milliseconds(5000)};
    options.zones = &zones;
    sources = std::make_unique<OrgBusySourceFactory>(*access, *transport, options);

    // The tenant's directory: the same people, hours and rooms as the demo organisation.
    directory.AddTenant("kumo", "google");
    directory.AddPerson(MakePerson("kumo", kLena, "Europe/Berlin", Hours("09:00", "17:00"), {"recruiter"}));
    directory.AddPerson(MakePerson("kumo", kJonas, "Europe/Berlin", Hours("08:30", "16:30")));
    Person sanne = MakePerson("kumo", kSanne, "Europe/Amsterdam", Hours("08:30", "17:00"), {"recruiter"});
    sanne.calendar_provider = "microsoft";
    directory.AddPerson(sanne);
    Person daan = MakePerson("kumo", kDaan, "Europe/Amsterdam", Hours("09:00", "17:30"));
    daan.calendar_provider = "microsoft";
    directory.AddPerson(daan);
    directory.AddRoom({"kumo", kTiergarten, "Berlin · Tiergarten", 10, "Berlin HQ", "3", ""});
    directory.AddHost({"kumo", "", "zoom", kLena, "", R"({"join_before_host":false,"waiting_room":true})"});

    gatherer = std::make_unique<CalendarGatherer>(*directory.store, holds, *sources, cache);
    service = std::make_unique<AvailabilityService>(*gatherer, zones);

    // The seeded week: Monday of the current ISO week of the UTC calendar (the demo's weeks, docs/SANDBOX.md), at
    // Berlin wall times (Amsterdam keeps the same clock).
    berlin = zones.Find("Europe/Berlin");
    REQUIRE(berlin != nullptr);
    monday = IsoWeekStartDay(running.sandbox().Now() / kSecondsPerDay);
  }
  ~KumoWorld() { running.Stop(); }  // before the services the sandbox's clients belong to go away

  std::string Root() const { return running.root(); }
  oauth::ProviderEndpoints Endpoints(oauth::Provider provider) const {
    return oauth::SandboxEndpoints(Root(), provider);
  }
  // Berlin wall time `clock` on weekday `weekday` (1 = Monday) of the seeded week.
  Instant Local(int weekday, const char* clock) const {
    return berlin->FromLocalSeconds((monday + weekday - 1) * kSecondsPerDay + *ParseClockTime(clock));
  }
  std::size_t CountRequests(const std::string& provider, const std::string& path_suffix) {
    auto res = admin->Get(("/sandbox/requests?provider=" + provider).c_str());
    REQUIRE(res);
    json log = json::parse(res->body).at("requests");
    return static_cast<std::size_t>(std::count_if(log.begin(), log.end(), [&](const json& entry) {
      const std::string path = entry.value("path", "");
      return path.size() >= path_suffix.size() &&
             path.compare(path.size() - path_suffix.size(), path_suffix.size(), path_suffix) == 0;
    }));
  }

  RunningSandbox running{{.seed_demo_org = true}};
  std::unique_ptr<httplib::Client> admin;
  std::unique_ptr<net::HttpTransport> transport = net::MakeHttplibTransport();
  ZoneinfoDirectory zones{SLOTWISE_ZONEINFO_DIR};
  std::unique_ptr<ProviderRegistry> providers;
  std::unique_ptr<OrgConnectionStore> org_connections;
  std::unique_ptr<OrgAccessRegistry> access;
  std::unique_ptr<OrgBusySourceFactory> sources;
  Directory directory;
  FakeHolds holds;
  FreeBusyCache cache;
  std::unique_ptr<CalendarGatherer> gatherer;
  std::unique_ptr<AvailabilityService> service;
  const TimeZone* berlin = nullptr;
  std::int64_t monday = 0;
};

}  // namespace

TEST_CASE("Availability with the sandbox: a bare query for Kumo people is answered from Google and Microsoft 365") {
  KumoWorld w;
  const json query = {
      {"participants",
       json::array({{{"members", json::array({{{"sub", kLena}}, {{"sub", kJonas}}})}, {"required", "all"}},
                    {{"members", json::array({{{"sub", kSanne}}})}, {"required", "all"}}})},
      {"required_duration", {{"minutes", 60}}},
      {"start_interval", {{"minutes", 30}}},
      {"time_zone", "Europe/Berlin"},
      {"query_periods",
       json::array({{{"start", FormatRfc3339(w.Local(1, "00:00"))}, {"end", FormatRfc3339(w.Local(6, "00:00"))}}})}};
  const Instant now = w.Local(1, "00:00") - kSecondsPerDay;  // the Sunday before: every slot of the week is ahead

  const AvailabilityAnswer answer = Answered(w.service->Answer("kumo", DumpJson(query), now));
  REQUIRE_MESSAGE(answer.http_status == 200, answer.body);
  const json slots = json::parse(answer.body).at("available_slots");

  // By hand, from demo_org.cpp (Berlin wall times; Amsterdam is the same clock):
  //  Mon  Lena and Jonas have the stand-up 09:30–10:00, Sanne her daily 09:00–09:30 → common 10:00–16:30.
  //  Tue  Lena focus 13–15 (Google freeBusy: busy), Jonas architecture review 10:00–11:30, Sanne focus 14–16
  //       → 09:00–10:00, 11:30–13:00 (16:00–16:30 is too short).
  //  Wed  Lena's tentative tech talk 11–12 is plain busy in Google's freeBusy → 09:00–11:00, 12:00–16:30.
  //  Thu  Jonas is out of office all day.   Fri  Sanne has an all-day event.
  std::vector<Instant> expected;
  auto every_half_hour = [&](int weekday, const char* first, const char* last) {
    for (Instant s = w.Local(weekday, first); s <= w.Local(weekday, last); s += 1800) expected.push_back(s);
  };
  every_half_hour(1, "10:00", "15:30");
  every_half_hour(2, "09:00", "09:00");
  every_half_hour(2, "11:30", "12:00");
  every_half_hour(3, "09:00", "10:00");
  every_half_hour(3, "12:00", "15:30");
  REQUIRE(expected.size() == 26);
  std::vector<Instant> starts;
  for (const json& slot : slots) starts.push_back(*ParseRfc3339(slot.at("start").get<std::string>()));
  CHECK(starts == expected);
  CHECK(slots.at(0).at("participants") == json::array({{{"sub", kLena}}, {{"sub", kJonas}}, {{"sub", kSanne}}}));

  // One freeBusy call as Lena (the recruiter) for both Google people, one getSchedule for Sanne.
  CHECK(w.CountRequests("google", "/freeBusy") == 1);
  CHECK(w.CountRequests("microsoft", "/calendar/getSchedule") == 1);
  // Asked again: the cache answers, the providers are not called.
  const AvailabilityAnswer again = Answered(w.service->Answer("kumo", DumpJson(query), now + 60));
  CHECK(again.body == answer.body);
  CHECK(w.CountRequests("google", "/freeBusy") == 1);
  CHECK(w.CountRequests("microsoft", "/calendar/getSchedule") == 1);
}

TEST_CASE("Availability with the sandbox: rooms, Graph statuses, host holds, and a calendar Google does not know") {
  KumoWorld w;
  w.holds.Add("kumo", "host:zoom:" + kLena, "iv-7", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z");  // outside
  const Instant hold_start = w.Local(2, "15:00");
  w.holds.holds.emplace_back("kumo", Hold{"host:zoom:" + kLena, "iv-8", hold_start, hold_start + 3600});
  const json query = {
      {"participants", json::array({{{"members", json::array({{{"sub", kDaan}}})}, {"required", 1}}})},
      {"required_duration", {{"minutes", 60}}},
      {"rooms", {{"members", json::array({{{"sub", kTiergarten}}})}}},
      {"conferencing", {{"provider", "zoom"}, {"host", "zoom:" + kLena}}},
      {"query_periods",
       json::array({{{"start", FormatRfc3339(w.Local(1, "00:00"))}, {"end", FormatRfc3339(w.Local(6, "00:00"))}}})}};
  Result<json> calendars = w.gatherer->Gather("kumo", query, {w.Local(1, "00:00"), 300, ""});
  REQUIRE_MESSAGE(calendars.ok(), calendars.error().message);

  auto has = [](const json& busy, Instant start, Instant end, const char* status) {
    return std::any_of(busy.begin(), busy.end(), [&](const json& event) {
      return event.at("start") == FormatRfc3339(start) && event.at("end") == FormatRfc3339(end) &&
             event.at("status") == status;
    });
  };
  // The panel interview booked room Tiergarten on Thursday 10:00–11:00 Berlin.
  const json& room = calendars.value().at(kTiergarten);
  CHECK(room.at("capacity") == 10);
  CHECK(room.at("busy").size() == 1);
  CHECK(has(room.at("busy"), w.Local(4, "10:00"), w.Local(4, "11:00"), "busy"));
  // Graph keeps statuses: Daan's hiring committee (busy) and the vendor demo (tentative).
  const json& daan = calendars.value().at(kDaan);
  CHECK(daan.at("time_zone") == "Europe/Amsterdam");
  CHECK(has(daan.at("busy"), w.Local(3, "10:00"), w.Local(3, "11:00"), "busy"));
  CHECK(has(daan.at("busy"), w.Local(4, "13:00"), w.Local(4, "14:00"), "tentative"));
  // The Zoom account has no provider free/busy: only its Slotwise hold.
  const json& zoom = calendars.value().at("zoom:" + kLena);
  CHECK(zoom.at("busy") == json::array({{{"start", FormatRfc3339(hold_start)},
                                         {"end", FormatRfc3339(hold_start + 3600)},
                                         {"status", "busy"},
                                         {"interview", true}}}));
  CHECK(zoom.at("conferencing_account").at("owner") == kLena);

  // A person in Slotwise's directory whose calendar Google does not know: unknown with Google's reason, never free
  // (the query is answered; the person is named with the reason).
  w.directory.AddPerson(MakePerson("kumo", "ghost@kumo.example", "Europe/Berlin", ""));
  json ghost_query = query;
  ghost_query["participants"][0]["members"].push_back({{"sub", "ghost@kumo.example"}});
  const AvailabilityAnswer ghost = Answered(w.service->Answer("kumo", DumpJson(ghost_query), w.Local(1, "00:00")));
  REQUIRE_MESSAGE(ghost.http_status == 200, ghost.body);
  const json answer = json::parse(ghost.body);
  REQUIRE(answer.contains("unknown_free_busy"));
  CHECK(answer.at("unknown_free_busy")[0].at("sub") == "ghost@kumo.example");
  CHECK(answer.at("unknown_free_busy")[0].at("reason").get<std::string>().find("notFound") != std::string::npos);
  CHECK(answer.at("unknown_free_busy")[0].at("treated_as") == "busy");
  for (const json& slot : answer.at("available_slots")) {
    CHECK(slot.at("participants") == json::array({{{"sub", kDaan}}}));  // never offered with the unknown person
  }
}

TEST_CASE("Busy sources: organisation access when the tenant has it, else the first acting person's own connection") {
  KumoWorld w;
  // Tenant "solo" has no organisation access. Its people's connections, as "Connect calendar" stores them (the
  // tokens are the sandbox's own, minted for each user): Lena's needs re-authorisation, Jonas's is active; Sanne's
  // Microsoft connection belongs to tenant "kumo", not to "solo".
  ConnectionStore connections(*w.directory.database, *w.directory.vault);
  auto mint = [&](const std::string& provider, const std::string& user) {
    auto res = w.admin->Post("/sandbox/tokens", json{{"provider", provider}, {"user", user}}.dump(), "application/json");
    REQUIRE(res);
    REQUIRE_MESSAGE(res->status == 200, res->body);
    return json::parse(res->body).at("access_token").get<std::string>();
  };
  auto connect = [&](const std::string& tenant, const std::string& user, oauth::Provider provider,
                     const std::string& provider_name) {
    Connection connection;
    connection.tenant_id = tenant;
    connection.user_id = user;
    connection.provider = provider;
    connection.account_id = user;
    connection.account_email = user;
    connection.access_token = mint(provider_name, user);
    connection.expires_at = w.running.sandbox().Now() + 3600;
    Result<Connection> stored = connections.Upsert(connection, w.running.sandbox().Now());
    REQUIRE(stored.ok());
    return stored->id;
  };
  const std::string lena = connect("solo", kLena, oauth::Provider::kGoogle, "google");
  REQUIRE(connections.MarkStatus(lena, ConnectionStatus::kReauthNeeded, "sign in again", 0).ok());
  connect("solo", kJonas, oauth::Provider::kGoogle, "google");
  connect("kumo", kSanne, oauth::Provider::kMicrosoft, "microsoft");
  TokenManager tokens(
      connections, [](oauth::Provider) -> const oauth::OAuthClient* { return nullptr; },
      [&] { return w.running.sandbox().Now(); });

  OrgBusySourceOptions options;
  options.google_api_base = w.Endpoints(oauth::Provider::kGoogle).api_base;
  options.microsoft_api_base = w.Endpoints(oauth::Provider::kMicrosoft).api_base;
  options.zones = &w.zones;
  DelegatedBusySourceFactory delegated(connections, tokens, *w.transport, options);
  TenantBusySourceFactory chosen(*w.access, *w.sources, delegated);
  const Interval window{w.Local(1, "00:00"), w.Local(6, "00:00")};

  // Who read Google's freeBusy last (the sandbox logs the token's user).
  auto last_reader = [&]() {
    auto res = w.admin->Get("/sandbox/requests?provider=google");
    REQUIRE(res);
    const json log = json::parse(res->body).at("requests");
    for (auto it = log.rbegin(); it != log.rend(); ++it) {
      const std::string path = it->value("path", "");
      if (path.size() >= 9 && path.compare(path.size() - 9, 9, "/freeBusy") == 0) return it->value("user", "");
    }
    return std::string();
  };

  // "solo": no organisation access, so the first acting person with an active connection: Jonas (Lena's needs
  // re-authorisation). He reads Lena's calendar as Google lets him see it.
  Result<std::shared_ptr<BusySource>> solo = chosen.SourceFor("solo", "google", {kLena, kJonas});
  REQUIRE_MESSAGE(solo.ok(), solo.error().message);
  Result<std::vector<CalendarBusy>> read = solo.value()->FetchBusy({kLena}, window);
  REQUIRE_MESSAGE(read.ok(), read.error().message);
  REQUIRE(read->size() == 1);
  CHECK(read->at(0).busy.ok());
  CHECK(last_reader() == kJonas);

  // "kumo" has Google organisation access: it is preferred, acting as the first person, even with connections around.
  connect("kumo", kJonas, oauth::Provider::kGoogle, "google");
  Result<std::shared_ptr<BusySource>> kumo = chosen.SourceFor("kumo", "google", {kLena, kJonas});
  REQUIRE_MESSAGE(kumo.ok(), kumo.error().message);
  REQUIRE(kumo.value()->FetchBusy({kJonas}, window).ok());
  CHECK(last_reader() == kLena);

  // Only a connection that needs attention: its code, naming the person. None at all: who can fix it.
  Result<std::shared_ptr<BusySource>> stale = chosen.SourceFor("solo", "google", {kLena});
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.error().code == "reauth_needed");
  CHECK(stale.error().message.find(kLena) != std::string::npos);
  // Sanne's connection is tenant kumo's: tenant solo never uses it.
  Result<std::shared_ptr<BusySource>> other = chosen.SourceFor("solo", "microsoft", {kSanne});
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().code == "provider_not_configured");
  CHECK(other.error().message.find("Connect calendar") != std::string::npos);
}

TEST_CASE("Busy sources: acting candidates are the recruiters on that provider, then the others, by e-mail") {
  Tenant tenant;
  tenant.id = "acme";
  tenant.calendar_provider = "google";
  std::vector<Person> people;
  for (const auto& [email, provider, recruiter] :
       std::vector<std::tuple<std::string, std::string, bool>>{{"amy@acme.test", "", false},
                                                               {"bob@acme.test", "microsoft", true},
                                                               {"cat@acme.test", "", true},
                                                               {"dan@acme.test", "google", false},
                                                               {"eve@acme.test", "google", true}}) {
    Person person;
    person.tenant_id = "acme";
    person.email = email;
    person.calendar_provider = provider;
    if (recruiter) person.roles = {"recruiter"};
    people.push_back(person);
  }
  CHECK(ActingCandidates(tenant, people, "google") ==
        std::vector<std::string>{"cat@acme.test", "eve@acme.test", "amy@acme.test", "dan@acme.test"});
  CHECK(ActingCandidates(tenant, people, "microsoft") == std::vector<std::string>{"bob@acme.test"});
  CHECK(ActingAddress(tenant, people, "google") == "cat@acme.test");
  CHECK(ActingCandidates(tenant, people, "zoom").empty());
  CHECK(ActingAddress(tenant, people, "zoom").empty());
}
