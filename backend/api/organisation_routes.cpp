// organisation_routes.cpp — see organisation_routes.h.
#include "api/organisation_routes.h"

#include "providers/google_room_directory.h"

#include <algorithm>
#include <optional>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "api/directory_json.h"
#include "api/http_errors.h"
#include "api/request_body.h"
#include "auth/widget_tokens.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_text.h"

namespace slotwise {

namespace {

using nlohmann::json;
using Req = const httplib::Request&;
using Res = httplib::Response&;

json ConnectionObject(const OrgConnection& connection) {
  json out = {{"provider", std::string(oauth::ProviderName(connection.provider))},
              {"domains", connection.domains},
              {"status", connection.status},
              {"check", {{"ok", connection.check_code.empty()},
                         {"code", connection.check_code},
                         {"message", connection.check_message},
                         {"checked_at", connection.checked_at}}},
              {"created_at", connection.created_at}};
  if (connection.provider == oauth::Provider::kGoogle) {
    out["domain"] = connection.directory_id;
    out["admin_email"] = connection.admin_email;
  } else {
    out["microsoft_tenant_id"] = connection.directory_id;
  }
  return out;
}

std::optional<oauth::Provider> OrganisationProvider(const std::string& name, Res res) {
  const std::optional<oauth::Provider> provider = oauth::ParseProvider(name);
  if (provider != oauth::Provider::kGoogle && provider != oauth::Provider::kMicrosoft) {
    SendError(res, codes::kUnknownProvider, "organisation connections are for google or microsoft, not " + name,
              "provider");
    return std::nullopt;
  }
  return provider;
}

}  // namespace

std::string OrgConnectionJson(const OrgConnection& connection) { return DumpJson(ConnectionObject(connection)); }

Result<bool> CheckPersonDomain(OrgAccessRegistry& organisations, ConnectionStore& connections,
                               const std::string& tenant_id, const std::string& email) {
  Result<std::vector<std::string>> verified = organisations.VerifiedDomains(tenant_id);
  if (!verified) return verified.error();
  std::vector<std::string> domains = std::move(verified).value();
  Result<std::vector<ConnectedAccount>> connected = connections.ListAccountsForTenant(tenant_id);
  if (!connected) return connected.error();
  for (const ConnectedAccount& connection : *connected) {
    if (connection.status != ConnectionStatus::kActive) continue;
    if (connection.provider != oauth::Provider::kGoogle && connection.provider != oauth::Provider::kMicrosoft) continue;
    const std::string domain = AddressDomain(connection.account_email);
    if (!domain.empty() && std::find(domains.begin(), domains.end(), domain) == domains.end()) domains.push_back(domain);
  }
  const std::string domain = AddressDomain(email);
  if (!domain.empty() && std::find(domains.begin(), domains.end(), domain) != domains.end()) return true;
  std::string listed;
  for (const std::string& known : domains) listed += (listed.empty() ? "" : ", ") + known;
  return Error{codes::kDomainNotVerified,
               email + " is not in a domain verified for this tenant (" +
                   (listed.empty() ? std::string("none yet") : listed) +
                   "): a domain is verified by connecting the organisation (PUT /v1/organisation/google, POST "
                   "/v1/organisation/microsoft/consent) or when a user connects a calendar account of that domain",
               "email"};
}

void RegisterOrganisationRoutes(httplib::Server& server, OrgAccessRegistry& organisations, ApiAuth& auth) {
  server.Get("/v1/organisation", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeOrganisationManage);
    if (!caller) return;
    Result<std::vector<OrgConnection>> connections = organisations.List(caller->tenant_id);
    if (!connections) return SendError(res, connections.error());
    json list = json::array();
    for (const OrgConnection& connection : *connections) list.push_back(ConnectionObject(connection));
    const oauth::ServiceAccount& account = organisations.google_service_account();
    json google = {{"offered", organisations.offers(oauth::Provider::kGoogle)}};
    if (organisations.offers(oauth::Provider::kGoogle)) {
      // What the customer's Workspace administrator enters under domain-wide delegation.
      google["client_id"] = account.client_id.empty() ? account.client_email : account.client_id;
      // The calendar scopes, and the Admin SDK's room scope (directory/room_refresh.h reads the Workspace's rooms
      // with it; asked for apart, so calendars work even where only they were authorised).
      std::vector<std::string> scopes = account.scopes;
      scopes.push_back(providers::kGoogleRoomDirectoryScope);
      google["scopes"] = scopes;
    }
    SendJson(res, 200, {{"connections", list},
                        {"google", google},
                        {"microsoft", {{"offered", organisations.offers(oauth::Provider::kMicrosoft)}}}});
  });

  server.Put("/v1/organisation/google", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeOrganisationManage);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    if (Result<bool> known = body_fields::CheckKeys(*body, {"domain", "admin_email"}); !known) {
      return SendError(res, known.error());
    }
    std::string domain, admin_email;
    if (Result<bool> read = body_fields::Read(*body, "domain", domain); !read) return SendError(res, read.error());
    if (Result<bool> read = body_fields::Read(*body, "admin_email", admin_email); !read) {
      return SendError(res, read.error());
    }
    if (domain.empty()) return SendError(res, codes::kInvalidRequest, "domain is required", "domain");
    Result<OrgConnection> connected = organisations.ConnectGoogle(caller->tenant_id, domain, admin_email);
    if (!connected) return SendError(res, connected.error());
    SendJson(res, 200, ConnectionObject(*connected));
  });

  server.Post("/v1/organisation/microsoft/consent", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeOrganisationManage);
    if (!caller) return;
    Result<std::string> url = organisations.StartMicrosoftConsent(caller->tenant_id);
    if (!url) return SendError(res, url.error());
    SendJson(res, 201, {{"url", *url}});
  });

  server.Post(R"(/v1/organisation/([a-z]+)/check)", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeOrganisationManage);
    if (!caller) return;
    const std::optional<oauth::Provider> provider = OrganisationProvider(req.matches[1], res);
    if (!provider) return;
    Result<OrgConnection> checked = organisations.Check(caller->tenant_id, *provider);
    if (!checked) return SendError(res, checked.error());
    SendJson(res, 200, ConnectionObject(*checked));
  });

  server.Delete(R"(/v1/organisation/([a-z]+))", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeOrganisationManage);
    if (!caller) return;
    const std::optional<oauth::Provider> provider = OrganisationProvider(req.matches[1], res);
    if (!provider) return;
    Result<bool> removed = organisations.Disconnect(caller->tenant_id, *provider);
    if (!removed) return SendError(res, removed.error());
    if (!*removed) return SendError(res, codes::kNotFound, "no " + std::string(req.matches[1]) + " organisation connection");
    res.status = 204;
  });
}

}  // namespace slotwise
