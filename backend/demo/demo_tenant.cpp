// demo_tenant.cpp — see demo_tenant.h.
#include "demo/demo_tenant.h"
#include "demo/demo_connections.h"
#include "directory/host_account_import.h"
#include "slotwise/error_codes.h"

#include <nlohmann/json.hpp>

#include "api/api_key_issuer.h"
#include "crypto/jwt.h"
#include "sandbox/sandbox.h"
#include "slotwise/json_input.h"

namespace slotwise {

using nlohmann::json;

namespace {

constexpr const char* kServiceAccountEmail = "scheduler@kumo-svc.iam.example";

Result<json> SandboxCall(net::HttpTransport& transport, const std::string& method, const std::string& url,
                         const std::string& body) {
  net::HttpRequest request;
  request.method = method;
  request.url = url;
  request.body = body;
  request.timeout = std::chrono::seconds(10);
  if (!body.empty()) request.With("Content-Type", "application/json");
  Result<net::HttpResponse> response = transport.Send(request);
  if (!response) return response.error();
  if (!response->Ok()) return Error{codes::kSandboxError, "the sandbox answered " + std::to_string(response->status) + ": " + response->body, ""};
  json parsed = slotwise::ParseJson(response->body);
  if (parsed.is_discarded()) return Error{codes::kSandboxError, "the sandbox answered unreadable JSON", ""};
  return parsed;
}

std::string WorkingHoursJson(const json& hours) {
  static const char* kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  json result = json::object();
  const json window = json::array({json::array({hours.value("start", "09:00"), hours.value("end", "17:00")})});
  for (const json& day : hours.value("days", json::array({1, 2, 3, 4, 5}))) {
    const int index = day.get<int>();
    if (index >= 0 && index <= 6) result[kDays[index]] = window;
  }
  return result.dump();
}

}  // namespace

Result<bool> ConfigureSandboxOrgAccess(ProviderRegistry& providers, net::HttpTransport& transport,
                                       const std::string& sandbox_root) {
  Result<crypto::RsaKeyPair> keys = crypto::GenerateRsaKeyPair();
  if (!keys) return keys.error();
  const json seed = {{"service_accounts", json::array({{{"client_email", kServiceAccountEmail},
                                                         {"public_key_pem", keys->public_pem},
                                                         {"domain", std::string(sandbox::kDemoGoogleDomain)}}})}};
  Result<json> seeded = SandboxCall(transport, "POST", sandbox_root + "/sandbox/seed", seed.dump());
  if (!seeded) return seeded.error();
  OrgAccessConfig& config = providers.org_access();
  config.google_service_account.client_email = kServiceAccountEmail;
  config.google_service_account.private_key_pem = keys->private_pem;
  config.google_service_account.token_url = oauth::SandboxEndpoints(sandbox_root, oauth::Provider::kGoogle).token_url;
  config.google_service_account.scopes = ProviderRegistry::OrganisationScopes(oauth::Provider::kGoogle);
  config.microsoft_app_only = true;
  return true;
}

Result<bool> ConnectDemoOrganisation(OrgAccessRegistry& organisations, const std::string& tenant_id) {
  Result<OrgConnection> google =
      organisations.ConnectGoogle(tenant_id, std::string(sandbox::kDemoGoogleDomain), kDemoRecruiter);
  if (!google) return google.error();
  Result<OrgConnection> microsoft =
      organisations.ConnectMicrosoft(tenant_id, std::string(sandbox::kDemoMicrosoftTenant));
  if (!microsoft) return microsoft.error();
  return true;
}

Result<bool> AllowDemoOrigins(DirectoryStore& directory, const std::string& tenant_id,
                              const std::vector<std::string>& origins) {
  Result<std::optional<Tenant>> tenant = directory.GetTenant(tenant_id);
  if (!tenant) return tenant.error();
  if (!tenant->has_value()) return Error{codes::kUnknownTenant, "no tenant " + tenant_id, ""};
  Tenant changed = **tenant;
  changed.allowed_origins = origins;
  if (Result<Tenant> stored = directory.UpdateTenant(changed); !stored) return stored.error();
  return true;
}

Result<int> SeedDemoHostAccounts(DirectoryStore& directory, ConnectionsRuntime& connections,
                                 const std::string& sandbox_root, const std::string& tenant_id) {
  Result<json> org = SandboxCall(connections.transport(), "GET", sandbox_root + "/sandbox/directory", "");
  if (!org) return org.error();
  int linked = 0;
  for (const json& user : org->at("users")) {
    const std::optional<oauth::Provider> provider = oauth::ParseProvider(user.value("provider", ""));
    if (provider != oauth::Provider::kZoom && provider != oauth::Provider::kGoTo) continue;
    const std::string email = user.value("email", "");
    Result<Connection> connection = ConnectSandboxAccount(connections.flow(), connections.transport(), sandbox_root,
                                                          tenant_id, email, *provider, email);
    if (!connection) return connection.error();
    Result<HostAccount> host = ImportHostAccount(directory, connections.connections(), connections.providers(),
                                                 connections.tokens(), tenant_id, connection->id);
    if (!host) return host.error();
    ++linked;
  }
  return linked;
}

Result<std::string> SeedDemoTenant(DirectoryStore& directory, net::HttpTransport& transport,
                                   const std::string& sandbox_root, const std::string& tenant_id, std::int64_t now) {
  Result<json> org = SandboxCall(transport, "GET", sandbox_root + "/sandbox/directory", "");
  if (!org) return org.error();
  Tenant tenant;
  tenant.id = tenant_id;
  tenant.name = "Kumo";
  tenant.time_zone = "Europe/Berlin";
  tenant.locale = "en";
  tenant.calendar_provider = "google";
  tenant.created_at = now;
  if (Result<Tenant> created = directory.CreateTenant(tenant); !created) return created.error();
  for (const json& user : org->at("users")) {
    const std::string provider = user.value("provider", "");
    if (provider != "google" && provider != "microsoft") continue;  // Zoom/GoTo users are accounts, not people
    Person person;
    person.tenant_id = tenant_id;
    person.email = user.value("email", "");
    person.name = user.value("name", "");
    person.time_zone = user.value("time_zone", "UTC");
    person.working_hours_json = WorkingHoursJson(user.value("working_hours", json::object()));
    person.roles = {"interviewer"};
    if (person.email == "lena.fischer@kumo.example" || person.email == "sanne.devries@kumo-labs.example") {
      person.roles.insert(person.roles.begin(), "recruiter");
    }
    person.calendar_provider = provider;
    person.locale = person.time_zone == "Asia/Tokyo" ? "ja" : person.time_zone == "Europe/Berlin" ? "de" : "en";
    if (Result<Person> stored = directory.UpsertPerson(person); !stored) return stored.error();
  }
  for (const json& item : org->at("rooms")) {
    Room room;
    room.tenant_id = tenant_id;
    room.email = item.value("email", "");
    room.name = item.value("name", "");
    if (item.contains("capacity") && item.at("capacity").is_number_integer()) room.capacity = item.at("capacity").get<std::int64_t>();
    room.calendar_provider = item.value("provider", "");
    if (Result<Room> stored = directory.UpsertRoom(room); !stored) return stored.error();
  }
  Result<IssuedApiKey> key = IssueApiKey(directory, tenant_id, "demo", now);
  if (!key) return key.error();
  return key->plaintext;
}

}  // namespace slotwise
