// tenant_routes.cpp — see tenant_routes.h.
//
// [SECTION] JSON <-> directory values
// [SECTION] routes
#include "api/tenant_routes.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "api/request_body.h"
#include "api/stored_fields.h"
#include "auth/api_keys.h"
#include "auth/outbound_policy.h"
#include "auth/widget_tokens.h"
#include "directory/directory_import.h"
#include "directory/host_account_import.h"
#include "mail/mail_message.h"
#include "runtime/scheduling_runtime.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise {

using nlohmann::json;

namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;

// [SECTION] JSON <-> directory values

Error Invalid(const std::string& field, const std::string& message) { return Error{codes::kInvalidRequest, message, field}; }

// Reads optional `key` of `body` into `out` when present; type errors name the field.
template <typename T>
Result<bool> Read(const json& body, const char* key, T& out) {
  if (!body.contains(key) || body.at(key).is_null()) return false;
  try {
    out = body.at(key).get<T>();
    return true;
  } catch (const json::exception&) {
    return Invalid(key, std::string(key) + " has the wrong type");
  }
}

Result<bool> CheckKeys(const json& body, std::initializer_list<const char*> known) {
  if (!body.is_object()) return Invalid("", "the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (std::none_of(known.begin(), known.end(), [&](const char* name) { return key == name; })) {
      return Invalid(key, "unknown field " + key);
    }
  }
  return true;
}

json TenantJson(const Tenant& tenant) {
  return {{"id", tenant.id},
          {"name", tenant.name},
          {"allowed_origins", tenant.allowed_origins},
          {"time_zone", tenant.time_zone},
          {"locale", tenant.locale},
          {"calendar_provider", tenant.calendar_provider},
          {"policies", slotwise::ParseJson(tenant.policies_json)},
          {"ats_webhook_url", tenant.ats_webhook_url},
          {"ats_webhook_secret_set", !tenant.ats_webhook_secret.empty()}};
}

Result<bool> ApplyTenant(Tenant& tenant, const json& body, ZoneSource& zones) {
  if (Result<bool> keys = CheckKeys(body, {"id", "name", "allowed_origins", "time_zone", "locale", "calendar_provider",
                                           "policies", "ats_webhook_url", "ats_webhook_secret"});
      !keys) {
    return keys;
  }
  for (auto step : {Read(body, "name", tenant.name), Read(body, "allowed_origins", tenant.allowed_origins),
                    Read(body, "time_zone", tenant.time_zone), Read(body, "locale", tenant.locale),
                    Read(body, "calendar_provider", tenant.calendar_provider),
                    Read(body, "ats_webhook_url", tenant.ats_webhook_url),
                    Read(body, "ats_webhook_secret", tenant.ats_webhook_secret)}) {
    if (!step) return step;
  }
  if (body.contains("policies")) {
    if (!body.at("policies").is_object()) return Invalid("policies", "policies must be an object");
    tenant.policies_json = body.at("policies").dump();
  }
  if (!tenant.calendar_provider.empty() && tenant.calendar_provider != "google" && tenant.calendar_provider != "microsoft") {
    return Invalid("calendar_provider", "calendar_provider must be google or microsoft");
  }
  // The name is the {{company}} of the candidates' e-mail subjects; the zone is their default time zone.
  if (Result<bool> name = mail::CheckHeaderInput(tenant.name, "name"); !name) return name;
  return CheckZoneName(tenant.time_zone, "time_zone", zones);
}

// The ATS webhook as written: a URL the server may call (auth/outbound_policy.h) and a secret to sign with.
constexpr std::size_t kMinWebhookSecretBytes = 16;
Result<bool> CheckAtsWebhook(const Tenant& tenant, const json& body, const auth::OutboundPolicy& outbound) {
  if (!body.contains("ats_webhook_url") && !body.contains("ats_webhook_secret")) return true;
  if (tenant.ats_webhook_url.empty()) return true;
  if (Result<std::string> callable = outbound.Check(tenant.ats_webhook_url, tenant.id); !callable) {
    return Error{codes::kInvalidUrl, "ats_webhook_url: " + callable.error().message, "ats_webhook_url"};
  }
  if (tenant.ats_webhook_secret.size() < kMinWebhookSecretBytes) {
    return Invalid("ats_webhook_secret", "an ATS webhook needs ats_webhook_secret, at least 16 characters, to sign "
                                         "what it is sent (the ATS checks the Slotwise-Signature header)");
  }
  return true;
}

json PersonJson(const Person& person) {
  json value = {{"email", person.email}, {"name", person.name}, {"time_zone", person.time_zone},
                {"roles", person.roles}, {"locale", person.locale}, {"calendar_provider", person.calendar_provider}};
  value["working_hours"] = person.working_hours_json.empty() ? json(nullptr) : slotwise::ParseJson(person.working_hours_json);
  value["max_interviews_per_day"] = person.max_interviews_per_day ? json(*person.max_interviews_per_day) : json(nullptr);
  value["max_interviews_per_week"] = person.max_interviews_per_week ? json(*person.max_interviews_per_week) : json(nullptr);
  return value;
}

Result<Person> PersonFrom(const std::string& tenant_id, const std::string& email, const json& body, ZoneSource& zones) {
  if (Result<bool> key = CheckStoredKey(email, "email"); !key) return key.error();
  if (Result<bool> keys = CheckKeys(body, {"name", "time_zone", "working_hours", "roles", "max_interviews_per_day",
                                           "max_interviews_per_week", "locale", "calendar_provider"});
      !keys) {
    return keys.error();
  }
  Person person;
  person.tenant_id = tenant_id;
  person.email = email;
  std::int64_t per_day = 0;
  std::int64_t per_week = 0;
  for (auto step : {Read(body, "name", person.name), Read(body, "time_zone", person.time_zone),
                    Read(body, "roles", person.roles), Read(body, "locale", person.locale),
                    Read(body, "calendar_provider", person.calendar_provider)}) {
    if (!step) return step.error();
  }
  if (Result<bool> name = mail::CheckHeaderInput(person.name, "name"); !name) return name.error();
  if (Result<bool> zone = CheckZoneName(person.time_zone, "time_zone", zones); !zone) return zone.error();
  Result<bool> day = Read(body, "max_interviews_per_day", per_day);
  if (!day) return day.error();
  if (*day) person.max_interviews_per_day = per_day;
  Result<bool> week = Read(body, "max_interviews_per_week", per_week);
  if (!week) return week.error();
  if (*week) person.max_interviews_per_week = per_week;
  if (body.contains("working_hours") && !body.at("working_hours").is_null()) {
    if (Result<bool> hours = CheckWorkingHours(body.at("working_hours"), "working_hours"); !hours) return hours.error();
    person.working_hours_json = body.at("working_hours").dump();
  }
  for (const std::string& role : person.roles) {
    if (role != "recruiter" && role != "interviewer" && role != "observer") {
      return Invalid("roles", "roles are recruiter, interviewer and observer; not " + role);
    }
  }
  return person;
}

json RoomJson(const Room& room) {
  return {{"email", room.email}, {"name", room.name},
          {"capacity", room.capacity ? json(*room.capacity) : json(nullptr)},
          {"building", room.building}, {"floor", room.floor}, {"calendar_provider", room.calendar_provider}};
}

Result<Room> RoomFrom(const std::string& tenant_id, const std::string& email, const json& body) {
  if (Result<bool> key = CheckStoredKey(email, "email"); !key) return key.error();
  if (Result<bool> keys = CheckKeys(body, {"name", "capacity", "building", "floor", "calendar_provider"}); !keys) {
    return keys.error();
  }
  Room room;
  room.tenant_id = tenant_id;
  room.email = email;
  std::int64_t capacity = 0;
  for (auto step : {Read(body, "name", room.name), Read(body, "building", room.building), Read(body, "floor", room.floor),
                    Read(body, "calendar_provider", room.calendar_provider)}) {
    if (!step) return step.error();
  }
  if (Result<bool> name = mail::CheckHeaderInput(room.name, "name"); !name) return name.error();
  Result<bool> has_capacity = Read(body, "capacity", capacity);
  if (!has_capacity) return has_capacity.error();
  if (*has_capacity) room.capacity = capacity;
  return room;
}

json HostJson(const HostAccount& host) {
  return {{"id", host.id}, {"provider", host.provider}, {"owner", host.owner_email},
          {"connection_id", host.connection_id}, {"settings", slotwise::ParseJson(host.settings_json)}};
}

Result<HostAccount> HostFrom(const std::string& tenant_id, const std::string& id, const json& body) {
  if (Result<bool> key = CheckStoredKey(id, "id"); !key) return key.error();
  if (Result<bool> keys = CheckKeys(body, {"connection_id", "settings"}); !keys) return keys.error();
  HostAccount host;
  host.tenant_id = tenant_id;
  host.id = id;
  const std::size_t colon = id.find(':');
  if (colon == std::string::npos) return Invalid("id", "a host account id is \"<provider>:<owner e-mail>\"");
  host.provider = id.substr(0, colon);
  host.owner_email = id.substr(colon + 1);
  if (host.provider != "zoom" && host.provider != "teams" && host.provider != "google_meet" && host.provider != "goto") {
    return Invalid("id", "the provider of a host account is zoom, teams, google_meet or goto");
  }
  if (Result<bool> read = Read(body, "connection_id", host.connection_id); !read) return read.error();
  if (body.contains("settings")) {
    if (!body.at("settings").is_object()) return Invalid("settings", "settings must be an object (docs/ENGINE.md)");
    host.settings_json = body.at("settings").dump();
  }
  return host;
}

// A host account's connection must be a connection of the same tenant and provider (Zoom/GoTo meetings are created
// with it); "" is allowed (Meet and Teams need none; Zoom/GoTo bookings then refuse with a clear error).
Result<bool> CheckHostConnection(ConnectionStore& connections, const HostAccount& host) {
  if (host.connection_id.empty()) return true;
  Result<std::optional<Connection>> found = connections.Find(host.connection_id);
  if (!found) return found.error();
  if (!found->has_value() || (*found)->tenant_id != host.tenant_id) {
    return Invalid("connection_id", "no connection " + host.connection_id + " in this tenant");
  }
  if (oauth::ProviderName((*found)->provider) != host.provider) {
    return Invalid("connection_id", "connection " + host.connection_id + " is a " +
                                        std::string(oauth::ProviderName((*found)->provider)) +
                                        " connection, not " + host.provider);
  }
  return true;
}

json CandidateJson(const Candidate& candidate) {
  return {{"id", candidate.id}, {"name", candidate.name}, {"email", candidate.email},
          {"time_zone", candidate.time_zone}, {"locale", candidate.locale}};
}

Result<Candidate> CandidateFrom(const std::string& tenant_id, const std::string& id, const json& body,
                                ZoneSource& zones) {
  if (Result<bool> key = CheckStoredKey(id, "id"); !key) return key.error();
  if (Result<bool> keys = CheckKeys(body, {"name", "email", "time_zone", "locale"}); !keys) return keys.error();
  Candidate candidate;
  candidate.tenant_id = tenant_id;
  candidate.id = id;
  for (auto step : {Read(body, "name", candidate.name), Read(body, "email", candidate.email),
                    Read(body, "time_zone", candidate.time_zone), Read(body, "locale", candidate.locale)}) {
    if (!step) return step.error();
  }
  if (candidate.email.find('@') == std::string::npos) return Invalid("email", "email must be an e-mail address");
  // Name and address become the To: header of the candidate's e-mails.
  for (const auto& [text, field] : {std::pair{&candidate.name, "name"}, std::pair{&candidate.email, "email"}}) {
    if (Result<bool> header = mail::CheckHeaderInput(*text, field); !header) return header.error();
  }
  if (Result<bool> zone = CheckZoneName(candidate.time_zone, "time_zone", zones); !zone) return zone.error();
  return candidate;
}

// [SECTION] routes

// API keys only: directory writes never come from a browser.
std::optional<RequestContext> Server(ApiAuth& auth, Req req, Res res) {
  std::optional<RequestContext> caller = auth.ForTenant(req, res, "");
  if (caller && caller->via != "api_key") {
    SendError(res, codes::kForbidden, "this route needs the tenant's API key");
    return std::nullopt;
  }
  return caller;
}

// Registers PUT/GET/DELETE /v1/<collection>/{key} and GET /v1/<collection> for one kind of directory value. Writes
// need the API key; reads are also open to widget tokens with availability:read (the widget draws a row per person,
// room and host account).
template <typename Value, typename From, typename ToJson, typename Upsert, typename Get, typename List, typename Remove>
void DirectoryRoutes(httplib::Server& server, ApiAuth& auth, const std::string& collection, From from, ToJson to_json,
                     Upsert upsert, Get get, List list, Remove remove) {
  const std::string item = "/v1/" + collection + "/([^/]+)";
  server.Put(item, [=, &auth](Req req, Res res) {
    std::optional<RequestContext> caller = Server(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    Result<Value> value = from(caller->tenant_id, req.matches[1], *body);
    if (!value) return SendError(res, value.error());
    Result<Value> stored = upsert(*value);
    if (!stored) return SendError(res, stored.error());
    SendJson(res, 200, to_json(*stored));
  });
  server.Get(item, [=, &auth](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeAvailabilityRead);
    if (!caller) return;
    Result<std::optional<Value>> value = get(caller->tenant_id, req.matches[1]);
    if (!value) return SendError(res, value.error());
    if (!value->has_value()) return SendError(res, codes::kNotFound, "no " + collection + " entry " + std::string(req.matches[1]));
    SendJson(res, 200, to_json(**value));
  });
  server.Delete(item, [=, &auth](Req req, Res res) {
    std::optional<RequestContext> caller = Server(auth, req, res);
    if (!caller) return;
    Result<bool> removed = remove(caller->tenant_id, req.matches[1]);
    if (!removed) return SendError(res, removed.error());
    res.status = 204;
  });
  server.Get("/v1/" + collection, [=, &auth](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeAvailabilityRead);
    if (!caller) return;
    Result<std::vector<Value>> values = list(caller->tenant_id);
    if (!values) return SendError(res, values.error());
    json items = json::array();
    for (const Value& value : *values) items.push_back(to_json(value));
    SendJson(res, 200, {{collection, items}});
  });
}

}  // namespace

void RegisterTenantRoutes(httplib::Server& server, SchedulingRuntime& runtime, ApiAuth& auth, ZoneSource& zones) {
  DirectoryStore& directory = runtime.directory();

  server.Post("/v1/tenants", [&, zones_ptr = &zones](Req req, Res res) {
    res.set_header("Content-Security-Policy", "frame-ancestors 'none'");
    if (!auth.Admin(req, res)) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    Tenant tenant;
    if (Result<bool> read = Read(*body, "id", tenant.id); !read) return SendError(res, read.error());
    if (Result<bool> applied = ApplyTenant(tenant, *body, *zones_ptr); !applied) return SendError(res, applied.error());
    if (Result<bool> hook = CheckAtsWebhook(tenant, *body, runtime.outbound()); !hook) return SendError(res, hook.error());
    tenant.created_at = auth.now();
    Result<Tenant> created = directory.CreateTenant(tenant);
    if (!created) return SendError(res, created.error());
    SendJson(res, 201, TenantJson(*created));
  });

  server.Post(R"(/v1/tenants/([a-z0-9-]+)/api_keys)", [&](Req req, Res res) {
    res.set_header("Content-Security-Policy", "frame-ancestors 'none'");
    if (!auth.Admin(req, res)) return;
    const json body = req.body.empty() ? json::object() : slotwise::ParseJson(req.body);
    if (!body.is_object()) return SendError(res, codes::kInvalidJson, "the request body is not a JSON object");
    Result<std::optional<Tenant>> tenant = directory.GetTenant(req.matches[1]);
    if (!tenant) return SendError(res, tenant.error());
    if (!tenant->has_value()) return SendError(res, codes::kNotFound, "no tenant " + std::string(req.matches[1]));
    const auth::GeneratedApiKey key = auth::GenerateApiKey();
    ApiKeyRecord record{key.key_id, (*tenant)->id, key.secret_hash, body.value("label", ""), auth.now(), 0};
    if (Result<bool> added = directory.AddApiKey(record); !added) return SendError(res, added.error());
    SendJson(res, 201, {{"key_id", key.key_id}, {"api_key", key.plaintext}, {"tenant_id", (*tenant)->id},
                        {"note", "store this key now: Slotwise keeps only its hash"}});
  });

  server.Get("/v1/tenant", [&](Req req, Res res) {
    std::optional<RequestContext> caller = Server(auth, req, res);
    if (!caller) return;
    Result<std::optional<Tenant>> tenant = directory.GetTenant(caller->tenant_id);
    if (!tenant || !tenant->has_value()) return SendError(res, codes::kStorageError, "cannot read the tenant");
    SendJson(res, 200, TenantJson(**tenant));
  });

  server.Patch("/v1/tenant", [&, zones_ptr = &zones](Req req, Res res) {
    std::optional<RequestContext> caller = Server(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    if (body->contains("id")) return SendError(res, Invalid("id", "the tenant id cannot change"));
    Result<std::optional<Tenant>> tenant = directory.GetTenant(caller->tenant_id);
    if (!tenant || !tenant->has_value()) return SendError(res, codes::kStorageError, "cannot read the tenant");
    Tenant updated = **tenant;
    if (Result<bool> applied = ApplyTenant(updated, *body, *zones_ptr); !applied) return SendError(res, applied.error());
    if (Result<bool> hook = CheckAtsWebhook(updated, *body, runtime.outbound()); !hook) return SendError(res, hook.error());
    Result<Tenant> stored = directory.UpdateTenant(updated);
    if (!stored) return SendError(res, stored.error());
    SendJson(res, 200, TenantJson(*stored));
  });

  DirectoryRoutes<Person>(
      server, auth, "people",
      [zones_ptr = &zones](const std::string& t, const std::string& k, const json& b) {
        return PersonFrom(t, k, b, *zones_ptr);
      },
      PersonJson, [&](const Person& v) { return directory.UpsertPerson(v); },
      [&](const std::string& t, const std::string& k) { return directory.GetPerson(t, k); },
      [&](const std::string& t) { return directory.ListPeople(t); },
      [&](const std::string& t, const std::string& k) { return directory.DeletePerson(t, k); });
  DirectoryRoutes<Room>(
      server, auth, "rooms", RoomFrom, RoomJson, [&](const Room& v) { return directory.UpsertRoom(v); },
      [&](const std::string& t, const std::string& k) { return directory.GetRoom(t, k); },
      [&](const std::string& t) { return directory.ListRooms(t); },
      [&](const std::string& t, const std::string& k) { return directory.DeleteRoom(t, k); });
  ConnectionStore& connection_store = runtime.connections().connections();
  DirectoryRoutes<HostAccount>(
      server, auth, "host_accounts", HostFrom, HostJson,
      [&](const HostAccount& v) -> Result<HostAccount> {
        if (Result<bool> linked = CheckHostConnection(connection_store, v); !linked) return linked.error();
        return directory.UpsertHostAccount(v);
      },
      [&](const std::string& t, const std::string& k) { return directory.GetHostAccount(t, k); },
      [&](const std::string& t) { return directory.ListHostAccounts(t); },
      [&](const std::string& t, const std::string& k) { return directory.DeleteHostAccount(t, k); });

  // The organisation's people and rooms, read from its calendar system (directory_import.h).
  server.Post("/v1/directory/import", [&, zones_ptr = &zones](Req req, Res res) {
    std::optional<RequestContext> caller = Server(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    if (Result<bool> keys = CheckKeys(*body, {"provider", "update_existing"}); !keys) return SendError(res, keys.error());
    std::string provider;
    bool update_existing = false;
    if (Result<bool> read = Read(*body, "provider", provider); !read) return SendError(res, read.error());
    if (Result<bool> read = Read(*body, "update_existing", update_existing); !read) return SendError(res, read.error());
    if (provider == "google") {
      return SendError(res, Error{codes::kNotSupported, "reading a Google Workspace directory needs the Admin SDK, which this "
                                                  "build does not use yet: add people and rooms with PUT", "provider"});
    }
    if (provider != "microsoft") return SendError(res, Invalid("provider", "provider must be microsoft or google"));
    Result<std::optional<Tenant>> tenant = directory.GetTenant(caller->tenant_id);
    if (!tenant || !tenant->has_value()) return SendError(res, Error{codes::kStorageError, "cannot read the tenant", ""});
    Result<DirectoryImportReport> report =
        ImportMicrosoftDirectory(directory, runtime.org_access(), runtime.connections().providers(), *zones_ptr,
                                 **tenant, update_existing);
    if (!report) return SendError(res, report.error());
    SendJson(res, 200, {{"people", {{"added", report->people_added}, {"updated", report->people_updated},
                                    {"kept", report->people_kept}}},
                        {"rooms", {{"added", report->rooms_added}, {"updated", report->rooms_updated},
                                   {"kept", report->rooms_kept}}},
                        {"notes", report->notes}});
  });

  // A connected Zoom/GoTo account becomes a host account with the settings its provider reports.
  server.Post("/v1/host_accounts/import", [&](Req req, Res res) {
    std::optional<RequestContext> caller = Server(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    std::string connection_id;
    if (Result<bool> read = Read(*body, "connection_id", connection_id); !read) return SendError(res, read.error());
    if (connection_id.empty()) return SendError(res, Invalid("connection_id", "connection_id is required"));
    Result<HostAccount> imported =
        ImportHostAccount(directory, runtime.connections().connections(), runtime.connections().providers(),
                          runtime.connections().tokens(), caller->tenant_id, connection_id);
    if (!imported) return SendError(res, imported.error());
    SendJson(res, 201, HostJson(*imported));
  });

  server.Put(R"(/v1/candidates/([^/]+))", [&, zones_ptr = &zones](Req req, Res res) {
    std::optional<RequestContext> caller = Server(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    Result<Candidate> candidate = CandidateFrom(caller->tenant_id, req.matches[1], *body, *zones_ptr);
    if (!candidate) return SendError(res, candidate.error());
    Result<Candidate> stored = directory.UpsertCandidate(*candidate);
    if (!stored) return SendError(res, stored.error());
    SendJson(res, 200, CandidateJson(*stored));
  });

  server.Post("/v1/widget_tokens", [&](Req req, Res res) {
    std::optional<RequestContext> caller = Server(auth, req, res);
    if (!caller) return;
    if (!auth.codec()) return SendError(res, codes::kNotEnabled, "widget tokens are not enabled on this server");
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    auth::WidgetClaims claims;
    claims.tenant_id = caller->tenant_id;
    std::int64_t ttl = 900;
    for (auto step : {Read(*body, "user", claims.user), Read(*body, "scopes", claims.scopes), Read(*body, "ttl_seconds", ttl)}) {
      if (!step) return SendError(res, step.error());
    }
    claims.issued_at = auth.now();
    claims.expires_at = claims.issued_at + ttl;
    Result<auth::MintedWidgetToken> minted = auth.codec()->Mint(claims);
    if (!minted) return SendError(res, minted.error());
    SendJson(res, 201, {{"token", minted->token}, {"expires_at", claims.expires_at}, {"scopes", minted->claims.scopes}});
  });
}

}  // namespace slotwise
