// tenant_routes.cpp — see tenant_routes.h.
//
// [SECTION] JSON <-> directory values
// [SECTION] routes
#include "api/tenant_routes.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "api/directory_json.h"
#include "api/http_errors.h"
#include "api/organisation_routes.h"
#include "api/paging.h"
#include "api/request_body.h"
#include "api/stored_fields.h"
#include "auth/outbound_policy.h"
#include "auth/standard_webhooks.h"
#include "observability/request_context.h"
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

using body_fields::CheckKeys;
using body_fields::Read;

Error Invalid(const std::string& field, const std::string& message) { return Error{codes::kInvalidRequest, message, field}; }

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
                                         "what it is sent (the ATS checks the webhook-signature header)");
  }
  if (const std::string problem = auth::StandardSecretProblem(tenant.ats_webhook_secret); !problem.empty()) {
    return Invalid("ats_webhook_secret", problem);
  }
  return true;
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

// [SECTION] routes

// Registers PUT/GET/DELETE /v1/<collection>/{key} and GET /v1/<collection> for one kind of directory value. Writes
// need the API key; reads are also open to widget tokens with availability:read (the widget draws a row per person,
// room and host account). The list is paged (api/paging.h) in the order of key_of(value), the value's key.
template <typename Value, typename From, typename ToJson, typename Upsert, typename Get, typename List, typename Remove,
          typename KeyOf, typename FilterOf>
void DirectoryRoutes(httplib::Server& server, ApiAuth& auth, const std::string& collection, From from, ToJson to_json,
                     Upsert upsert, Get get, List list, Remove remove, KeyOf key_of, FilterOf filter_of) {
  const std::string item = "/v1/" + collection + "/([^/]+)";
  server.Put(item, [=, &auth](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
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
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    Result<bool> removed = remove(caller->tenant_id, req.matches[1]);
    if (!removed) return SendError(res, removed.error());
    res.status = 204;
  });
  server.Get("/v1/" + collection, [=, &auth](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeAvailabilityRead);
    if (!caller) return;
    AnswerPage(req, res, collection, filter_of(req), list(caller->tenant_id, req), key_of, to_json);
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
    observability::NoteTenant(created->id);  // the creation opens the new tenant's audit log
    SendJson(res, 201, TenantJson(*created));
  });

  server.Delete(R"(/v1/tenants/([a-z0-9-]+))", [&](Req req, Res res) {
    res.set_header("Content-Security-Policy", "frame-ancestors 'none'");
    if (!auth.Admin(req, res)) return;
    const std::string tenant_id = req.matches[1];
    Result<TenantDataDeletion> deleted = runtime.DeleteTenant(tenant_id);
    if (!deleted) return SendError(res, deleted.error());
    json rows = json::object();
    for (const auto& [table, count] : deleted->rows_by_table) rows[table] = count;
    SendJson(res, 200, {{"deleted", tenant_id}, {"rows_by_table", rows}});
  });

  server.Get("/v1/tenant", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    Result<std::optional<Tenant>> tenant = directory.GetTenant(caller->tenant_id);
    if (!tenant || !tenant->has_value()) return SendError(res, codes::kStorageError, "cannot read the tenant");
    SendJson(res, 200, TenantJson(**tenant));
  });

  server.Patch("/v1/tenant", [&, zones_ptr = &zones](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
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

  ConnectionStore& connection_store = runtime.connections().connections();
  DirectoryRoutes<Person>(
      server, auth, "people",
      [zones_ptr = &zones](const std::string& t, const std::string& k, const json& b) {
        return PersonFrom(t, k, b, *zones_ptr);
      },
      PersonJson,
      [&](const Person& v) -> Result<Person> {
        // A person of another company's domain would let this tenant reach that company's calendars.
        if (Result<bool> ours = CheckPersonDomain(runtime.org_access(), connection_store, v.tenant_id, v.email); !ours) {
          return ours.error();
        }
        return directory.UpsertPerson(v);
      },
      [&](const std::string& t, const std::string& k) { return directory.GetPerson(t, k); },
      [&](const std::string& t, Req) { return directory.ListPeople(t); },
      [&](const std::string& t, const std::string& k) { return directory.DeletePerson(t, k); },
      [](const Person& v) { return v.email; }, [](Req) { return std::string(); });
  DirectoryRoutes<Room>(
      server, auth, "rooms", RoomFrom, RoomJson,
      [&](const Room& v) -> Result<Room> {
        // What the organisation's directory says of a room (its source, features, list, retirement) stays: a PUT
        // writes the fields it carries. A room the directory retired stays retired (it comes back when the directory
        // lists it again); one written through the API only is never retired.
        Result<std::optional<Room>> known = directory.GetRoom(v.tenant_id, v.email);
        if (!known) return known.error();
        Room room = v;
        if (known->has_value()) {
          room.source = (*known)->source;
          room.retired_at = (*known)->retired_at;
          room.features = (*known)->features;
          room.room_list = (*known)->room_list;
        }
        return directory.UpsertRoom(room);
      },
      [&](const std::string& t, const std::string& k) { return directory.GetRoom(t, k); },
      [&](const std::string& t, Req req) -> Result<std::vector<Room>> {
        Result<RoomFilter> filter = ReadRoomFilter(req);
        if (!filter) return filter.error();
        Result<std::vector<Room>> rooms = directory.ListRooms(t);
        if (!rooms) return rooms;
        std::erase_if(*rooms, [&](const Room& room) { return !filter->Matches(room); });
        return rooms;
      },
      [&](const std::string& t, const std::string& k) { return directory.DeleteRoom(t, k); },
      [](const Room& v) { return v.email; },
      [](Req req) { return PageFilter(req, {"building", "room_list", "feature", "min_capacity", "include_retired"}); });
  DirectoryRoutes<HostAccount>(
      server, auth, "host_accounts", HostFrom, HostJson,
      [&](const HostAccount& v) -> Result<HostAccount> {
        if (Result<bool> linked = CheckHostConnection(connection_store, v); !linked) return linked.error();
        return directory.UpsertHostAccount(v);
      },
      [&](const std::string& t, const std::string& k) { return directory.GetHostAccount(t, k); },
      [&](const std::string& t, Req) { return directory.ListHostAccounts(t); },
      [&](const std::string& t, const std::string& k) { return directory.DeleteHostAccount(t, k); },
      [](const HostAccount& v) { return v.id; }, [](Req) { return std::string(); });

  // The organisation's people and rooms, read from its calendar system (directory_import.h).
  server.Post("/v1/directory/import", [&, zones_ptr = &zones](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    if (Result<bool> keys = CheckKeys(*body, {"provider", "update_existing"}); !keys) return SendError(res, keys.error());
    std::string provider;
    bool update_existing = false;
    if (Result<bool> read = Read(*body, "provider", provider); !read) return SendError(res, read.error());
    if (Result<bool> read = Read(*body, "update_existing", update_existing); !read) return SendError(res, read.error());
    if (provider != "microsoft" && provider != "google") {
      return SendError(res, Invalid("provider", "provider must be microsoft or google"));
    }
    Result<std::optional<Tenant>> tenant = directory.GetTenant(caller->tenant_id);
    if (!tenant || !tenant->has_value()) return SendError(res, Error{codes::kStorageError, "cannot read the tenant", ""});
    Result<DirectoryImportReport> report =
        provider == "google"
            ? ImportGoogleRooms(directory, runtime.org_access(), runtime.connections().providers(), **tenant,
                                update_existing)
            : ImportMicrosoftDirectory(directory, runtime.org_access(), runtime.connections().providers(), *zones_ptr,
                                       **tenant, update_existing);
    if (!report) return SendError(res, report.error());
    SendJson(res, 200, {{"people", {{"added", report->people_added}, {"updated", report->people_updated},
                                    {"kept", report->people_kept}}},
                        {"rooms", {{"added", report->rooms_added}, {"updated", report->rooms_updated},
                                   {"kept", report->rooms_kept}}},
                        {"notes", report->notes}});
  });

  // The rooms of the tenant's organisation directories, kept in step on a schedule (directory/room_refresh.h): when
  // they were last read and how it went; POST reads them now.
  // The administrator's page (web/admin) calls both with its organisation:manage widget token.
  server.Get("/v1/directory/rooms/refresh", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeOrganisationManage);
    if (!caller) return;
    Result<RoomRefresh> last = directory.GetRoomRefresh(caller->tenant_id);
    if (!last) return SendError(res, last.error());
    SendJson(res, 200, RoomRefreshJson(*last, runtime.room_refresher().interval_seconds()));
  });
  server.Post("/v1/directory/rooms/refresh", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeOrganisationManage);
    if (!caller) return;
    if (!req.body.empty()) {
      std::optional<json> body = JsonObjectBody(req, res);
      if (!body) return;
      if (Result<bool> keys = CheckKeys(*body, {}); !keys) return SendError(res, keys.error());
    }
    Result<RoomRefreshReport> ran = runtime.room_refresher().Refresh(caller->tenant_id);
    if (!ran) return SendError(res, ran.error());
    Result<RoomRefresh> last = directory.GetRoomRefresh(caller->tenant_id);
    if (!last) return SendError(res, last.error());
    SendJson(res, 200, RoomRefreshJson(*last, runtime.room_refresher().interval_seconds()));
  });

  // A connected Zoom/GoTo account becomes a host account with the settings its provider reports.
  server.Post("/v1/host_accounts/import", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
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
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
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
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
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
