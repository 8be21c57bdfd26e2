// production_config_e2e_test.cpp — `slotwise serve` started as a vendor would start it: a configuration file with
// the deployment's own provider registrations and service-account key file, no --demo, the real endpoint set — whose
// base URLs are then pointed at the sandbox (`--sandbox-url`), the one difference. Two customer companies, each with
// its own Google Workspace domain and Microsoft 365 tenant, connect their organisations through the product's routes
// (Microsoft's admin consent through the consent page, Google's domain-wide delegation checked at once); availability
// and booking work for both; and the sandbox's request log shows that no call carried one customer's token to the
// other customer's accounts or rooms (backend/sandbox/request_orgs.h).
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "crypto/crypto_primitives.h"
#include "crypto/jwt.h"
#include "net/url.h"
#include "provider_world.h"
#include "slotwise/time.h"
#include "support/process_harness.h"
#include "support/running_sandbox.h"
#include "support/sandbox_pages.h"
#include "support/temp_dir.h"

using namespace slotwise;
using namespace slotwise::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr const char* kCli = SLOTWISE_CLI_PATH;
constexpr const char* kAcmeTenant = "aaaa0000-0000-4000-8000-0000000ac3e0";    // Acme's Microsoft 365 tenant
constexpr const char* kGlobexTenant = "bbbb0000-0000-4000-8000-000000091b3c";  // Globex's
constexpr const char* kServiceAccount = "scheduler@vendor-deploy.iam.example";

std::string Hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  return hex;
}

// The sandbox as both customers' providers: Acme (Google acme.example, Microsoft acme-corp.example) and Globex
// (Google globex.example, Microsoft globex-corp.example); both Workspaces authorised the vendor's service account.
json CustomersSeed(const std::string& service_account_public_pem, const std::string& domain) {
  return {{"tenants",
           {{{"id", kAcmeTenant}, {"domain", "acme-corp.example"}, {"name", "Acme"}},
            {{"id", kGlobexTenant}, {"domain", "globex-corp.example"}, {"name", "Globex"}}}},
          {"users",
           {{{"provider", "google"}, {"email", "ana@acme.example"}, {"name", "Ana"}},
            {{"provider", "google"}, {"email", "ben@acme.example"}, {"name", "Ben"}},
            {{"provider", "microsoft"}, {"email", "carl@acme-corp.example"}, {"name", "Carl"}},
            {{"provider", "google"}, {"email", "gia@globex.example"}, {"name", "Gia"}},
            {{"provider", "google"}, {"email", "hal@globex.example"}, {"name", "Hal"}},
            {{"provider", "microsoft"}, {"email", "ivy@globex-corp.example"}, {"name", "Ivy"}}}},
          {"service_accounts",
           {{{"client_email", kServiceAccount}, {"public_key_pem", service_account_public_pem}, {"domain", domain}}}}};
}

HttpAnswer Call(const std::string& origin, const std::string& key, const std::string& method, const std::string& path,
                const json& body = nullptr, const std::string& idempotency_key = "") {
  httplib::Headers headers = {{"Authorization", "Bearer " + key}};
  if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
  return HttpJson(method, origin + path, body, headers);
}

// A tenant made by the operator with the admin key, and an API key for it.
std::string CreateTenant(const std::string& origin, const std::string& admin_key, const std::string& id,
                         const std::string& calendar_provider) {
  const HttpAnswer created = Call(origin, admin_key, "POST", "/v1/tenants",
                                  {{"id", id}, {"name", id}, {"time_zone", "UTC"}, {"calendar_provider", calendar_provider}});
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const HttpAnswer key = Call(origin, admin_key, "POST", "/v1/tenants/" + id + "/api_keys", {{"label", "ats"}});
  REQUIRE_MESSAGE(key.status == 201, key.body);
  return json::parse(key.body).at("api_key").get<std::string>();
}

// The customer's administrators connect their organisation: Google (domain + admin address, checked at once) and
// Microsoft (the admin-consent round trip: the consent page, signed in as `admin`, then back to Slotwise).
void ConnectOrganisation(const std::string& origin, const std::string& sandbox_root, const std::string& key,
                         const std::string& google_domain, const std::string& google_admin,
                         const std::string& microsoft_admin) {
  const HttpAnswer google =
      Call(origin, key, "PUT", "/v1/organisation/google", {{"domain", google_domain}, {"admin_email", google_admin}});
  REQUIRE_MESSAGE((google.status == 200 || google.status == 201), google.body);

  const HttpAnswer link = Call(origin, key, "POST", "/v1/organisation/microsoft/consent");
  REQUIRE_MESSAGE(link.status == 201, link.body);
  const std::string url = json::parse(link.body).at("url").get<std::string>();
  CHECK(url.rfind(sandbox_root + "/microsoft/organizations/oauth2/v2.0/authorize?", 0) == 0);
  const HttpAnswer landed = ConsentAsAdministrator(url, sandbox_root, microsoft_admin);
  CHECK_MESSAGE(landed.body.find("data-status=\"connected\"") != std::string::npos, landed.body);

  const json organisation = json::parse(Call(origin, key, "GET", "/v1/organisation").body);
  REQUIRE(organisation.at("connections").size() == 2);
  for (const json& connection : organisation.at("connections")) {
    CAPTURE(connection.dump());
    CHECK(connection.at("status") == "active");
  }
}

void AddPerson(const std::string& origin, const std::string& key, const std::string& email, const std::string& provider,
               const std::string& role) {
  const HttpAnswer put = Call(origin, key, "PUT", "/v1/people/" + email,
                              {{"name", email.substr(0, email.find('@'))}, {"time_zone", "UTC"},
                               {"roles", {role}}, {"calendar_provider", provider}});
  REQUIRE_MESSAGE(put.status == 200, put.body);
}

json Participants(const std::vector<std::string>& emails) {
  json members = json::array();
  for (const std::string& email : emails) members.push_back({{"sub", email}});
  return json::array({{{"members", members}, {"required", "all"}}});
}

// A free hour for everyone (the customers' calendars are empty) a week from now, found by the availability route.
std::string FirstSlot(const std::string& origin, const std::string& key, const std::vector<std::string>& emails,
                      std::int64_t day_start) {
  const json query = {{"participants", Participants(emails)},
                      {"required_duration", {{"minutes", 60}}},
                      {"start_interval", {{"minutes", 60}}},
                      {"time_zone", "UTC"},
                      {"query_periods", {{{"start", FormatRfc3339(day_start)}, {"end", FormatRfc3339(day_start + 86400)}}}}};
  const HttpAnswer answer = Call(origin, key, "POST", "/v1/availability", query);
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  const json slots = json::parse(answer.body).at("available_slots");
  REQUIRE_MESSAGE(slots.size() == 24, answer.body.substr(0, 600));
  return slots.at(10).at("start").get<std::string>();
}

// Books one interview and waits until the outbox confirmed it (the event exists at the provider).
void BookAndConfirm(const std::string& origin, const std::string& key, const std::string& organizer,
                    const std::vector<std::string>& interviewers, const std::string& start,
                    const std::string& idempotency_key) {
  json people = json::array();
  for (const std::string& email : interviewers) people.push_back({{"sub", email}});
  const std::optional<Instant> begins = ParseRfc3339(start);
  REQUIRE(begins.has_value());
  const json body = {{"title", "Interview " + idempotency_key},
                     {"organizer", organizer},
                     {"start", start},
                     {"end", FormatRfc3339(*begins + 3600)},
                     {"interviewers", people},
                     {"candidate", {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"}, {"time_zone", "UTC"}}}};
  const HttpAnswer booked = Call(origin, key, "POST", "/v1/interviews", body, idempotency_key);
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  const std::string id = json::parse(booked.body).at("id").get<std::string>();
  json interview;
  for (int attempt = 0; attempt < 200; ++attempt) {
    interview = json::parse(Call(origin, key, "GET", "/v1/interviews/" + id).body);
    if (interview.value("status", "") != "pending") break;
    std::this_thread::sleep_for(100ms);
  }
  CHECK_MESSAGE(interview.value("status", "") == "confirmed", interview.dump());
}

}  // namespace

TEST_CASE("Production configuration: real endpoint set overridden to the sandbox serves two customers, each with its "
          "own organisations, and no call crosses from one customer to the other") {
  TempDir dir;
  Result<crypto::RsaKeyPair> keys = crypto::GenerateRsaKeyPair();
  REQUIRE(keys.ok());

  // The vendor's deployment: its own registrations, its service account's key file, an admin key, a token keyring.
  const std::filesystem::path key_file = dir.path() / "service-account.json";
  std::ofstream(key_file) << json{{"type", "service_account"}, {"client_email", kServiceAccount},
                                  {"client_id", "104857600000000000001"}, {"private_key", keys->private_pem},
                                  {"token_uri", "https://oauth2.googleapis.com/token"}}
                                 .dump();
  const std::string admin_key = "vendor-admin-key-0123456789abcdef";
  const json configuration = {
      {"listen", {{"host", "127.0.0.1"}, {"port", 0}}},
      {"database", {{"path", (dir.path() / "slotwise.db").string()}}},
      {"admin", {{"api_key_hash", Hex(crypto::Sha256(admin_key))}}},
      {"providers",
       {{"google", {{"client_id", "vendor-app.apps.googleusercontent.com"}, {"client_secret", "vendor-google-secret"}}},
        {"microsoft", {{"client_id", "0e5f0000-0000-4000-8000-00000000a991"}, {"client_secret", "vendor-ms-secret"}}}}},
      {"org_access", {{"google_service_account_file", key_file.string()}, {"microsoft_app_only", true}}}};
  const std::filesystem::path config_file = dir.path() / "slotwise.json";
  std::ofstream(config_file) << configuration.dump(2);
  const ChildProcess::EnvChanges environment = {
      {"SLOTWISE_TOKEN_KEYS", "k1:" + crypto::Base64Encode(std::string(32, '\x5a'))}};

  // Without an override the server would talk to the real hosts; the one difference is the base URL.
  {
    ChildProcess print;
    REQUIRE(print.Start({kCli, "serve", "--config", config_file.string(), "--print-config"}, environment));
    REQUIRE(print.Wait(10s).finished);
    const json printed = json::parse(print.Output()).at("provider_endpoints");
    CHECK(printed.at("set") == "real");
    CHECK(printed.at("google").at("authorize_url") == "https://accounts.google.com/o/oauth2/v2/auth");
    CHECK(printed.at("microsoft").at("token_url") == "https://login.microsoftonline.com/organizations/oauth2/v2.0/token");
    CHECK(printed.at("google").at("registered") == true);
    CHECK(printed.at("zoom").at("registered") == false);
    CHECK(printed.at("organisation_access").at("google_service_account") == kServiceAccount);
    CHECK(print.Output().find("vendor-google-secret") == std::string::npos);
  }

  RunningSandbox sandbox(sandbox::SandboxOptions{false});
  for (const char* domain : {"acme.example", "globex.example"}) {
    const HttpAnswer seeded = HttpJson("POST", sandbox.root() + "/sandbox/seed", CustomersSeed(keys->public_pem, domain));
    REQUIRE_MESSAGE(seeded.status == 200, seeded.body);
  }
  ChildProcess server;
  REQUIRE(server.Start({kCli, "serve", "--config", config_file.string(), "--sandbox-url", sandbox.root()}, environment));
  const std::optional<std::string> running = server.WaitForLine("Slotwise is running at", 20s);
  REQUIRE_MESSAGE(running.has_value(), server.Output());
  const std::string origin = OriginInLine(*running);
  const std::optional<std::string> providers = server.WaitForLine("Providers:", 10s);
  REQUIRE_MESSAGE(providers.has_value(), server.Output());
  CHECK(providers->find("the sandbox's copies of the real paths (2 registered)") != std::string::npos);

  // The vendor registered its redirect URIs with the providers (as in the Google Cloud and Entra consoles).
  for (const auto& [provider, id, secret] :
       {std::tuple{"google", "vendor-app.apps.googleusercontent.com", "vendor-google-secret"},
        std::tuple{"microsoft", "0e5f0000-0000-4000-8000-00000000a991", "vendor-ms-secret"}}) {
    const HttpAnswer registered = HttpJson(
        "POST", sandbox.root() + "/sandbox/clients",
        {{"provider", provider}, {"client_id", id}, {"client_secret", secret},
         {"redirect_uris", {origin + "/oauth/" + provider + "/callback"}}});
    REQUIRE_MESSAGE(registered.status < 300, registered.body);
  }

  const std::string acme = CreateTenant(origin, admin_key, "acme", "google");
  const std::string globex = CreateTenant(origin, admin_key, "globex", "microsoft");
  ConnectOrganisation(origin, sandbox.root(), acme, "acme.example", "ana@acme.example", "carl@acme-corp.example");
  ConnectOrganisation(origin, sandbox.root(), globex, "globex.example", "gia@globex.example", "ivy@globex-corp.example");

  AddPerson(origin, acme, "ana@acme.example", "google", "recruiter");
  AddPerson(origin, acme, "ben@acme.example", "google", "interviewer");
  AddPerson(origin, acme, "carl@acme-corp.example", "microsoft", "interviewer");
  AddPerson(origin, globex, "ivy@globex-corp.example", "microsoft", "recruiter");
  AddPerson(origin, globex, "gia@globex.example", "google", "interviewer");
  AddPerson(origin, globex, "hal@globex.example", "google", "interviewer");
  // Each customer reaches only its own verified domains.
  CHECK(Call(origin, globex, "PUT", "/v1/people/ben@acme.example", {{"name", "Ben"}}).status == 422);
  CHECK(Call(origin, acme, "PUT", "/v1/people/ivy@globex-corp.example", {{"name", "Ivy"}}).status == 422);

  const std::int64_t day = (std::time(nullptr) / 86400 + 7) * 86400;
  const std::string acme_slot =
      FirstSlot(origin, acme, {"ana@acme.example", "ben@acme.example", "carl@acme-corp.example"}, day);
  const std::string globex_slot =
      FirstSlot(origin, globex, {"ivy@globex-corp.example", "gia@globex.example", "hal@globex.example"}, day);
  BookAndConfirm(origin, acme, "ana@acme.example", {"ben@acme.example", "carl@acme-corp.example"}, acme_slot, "acme-1");
  BookAndConfirm(origin, globex, "ivy@globex-corp.example", {"gia@globex.example", "hal@globex.example"}, globex_slot,
                 "globex-1");

  // Every provider call: the organisations of the accounts it named belong to the customer whose token it carried.
  const std::map<std::string, std::string> customer_of = {
      {"acme.example", "acme"}, {kAcmeTenant, "acme"}, {"globex.example", "globex"}, {kGlobexTenant, "globex"}};
  const json requests = json::parse(HttpGet(sandbox.root() + "/sandbox/requests").body).at("requests");
  std::map<std::string, int> calls_with_token;
  for (const json& request : requests) {
    const std::string token = request.value("token_org", "");
    if (token.empty()) continue;
    CAPTURE(request.dump());
    REQUIRE(customer_of.count(token) == 1);
    ++calls_with_token[customer_of.at(token)];
    for (const json& data : request.at("data_orgs")) CHECK(customer_of.at(data.get<std::string>()) == customer_of.at(token));
  }
  // Both customers' calendars were really read and written (free/busy and the event, on Google and on Graph).
  CHECK(calls_with_token["acme"] >= 4);
  CHECK(calls_with_token["globex"] >= 4);
  std::set<std::string> token_orgs;
  for (const json& request : requests) token_orgs.insert(request.value("token_org", ""));
  for (const std::string organisation : {"acme.example", kAcmeTenant, "globex.example", kGlobexTenant}) {
    CHECK_MESSAGE(token_orgs.count(organisation) == 1, organisation);
  }
  CHECK(server.Terminate().finished);
}
