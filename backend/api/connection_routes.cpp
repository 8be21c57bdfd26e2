// connection_routes.cpp — see connection_routes.h.
#include "api/connection_routes.h"
#include "api/connect_pages.h"
#include "api/connection_json.h"
#include "api/http_errors.h"
#include "api/paging.h"
#include "slotwise/error_codes.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "connections/change_notifications.h"
#include "crypto/crypto_primitives.h"
#include "net/url.h"
#include "runtime/connections_runtime.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

using nlohmann::json;

constexpr const char* kSessionCookie = "slotwise_session";
constexpr const char* kJson = "application/json";

std::string SessionFrom(const httplib::Request& req) {
  const std::string cookies = req.get_header_value("Cookie");
  const std::string prefix = std::string(kSessionCookie) + "=";
  std::size_t at = 0;
  while (at < cookies.size()) {
    while (at < cookies.size() && (cookies[at] == ' ' || cookies[at] == ';')) ++at;
    const std::size_t end = cookies.find(';', at);
    const std::string pair = cookies.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (pair.rfind(prefix, 0) == 0) return pair.substr(prefix.size());
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return "";
}

net::Params QueryOf(const httplib::Request& req) {
  net::Params params;
  for (const auto& [name, value] : req.params) params.emplace_back(name, value);
  return params;
}

// An origin is scheme://host[:port] with nothing after it; anything else is refused (postMessage needs an exact one).
bool IsOrigin(std::string_view origin) {
  const std::size_t scheme = origin.find("://");
  if (scheme == std::string_view::npos) return false;
  const std::string_view s = origin.substr(0, scheme);
  if (s != "http" && s != "https") return false;
  const std::string_view rest = origin.substr(scheme + 3);
  return !rest.empty() && rest.find_first_of("/?#@ ") == std::string_view::npos;
}

void OAuthPageHeaders(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cache-Control", "no-store");
}

// True when `origin` is a bare origin the caller's tenant allows; otherwise answers 400/403 (field return_origin).
bool AllowedReturnOrigin(ConnectionAccess& access, const ConnectionAccess::Caller& caller, const std::string& origin,
                         httplib::Response& res) {
  if (!IsOrigin(origin)) {
    SendError(res, Error{codes::kInvalidParameter, "return_origin must be an origin like https://ats.example", "return_origin"});
    return false;
  }
  if (!access.AllowsReturnOrigin(caller, origin)) {
    SendError(res, Error{codes::kForbidden, "return_origin " + origin + " is not one of the tenant's allowed origins",
                         "return_origin"});
    return false;
  }
  return true;
}

// The caller of a /v1 connection route: from `access`, or (no access) from the tenant/user query parameters.
std::optional<ConnectionAccess::Caller> CallerOf(ConnectionAccess* access, const httplib::Request& req,
                                                 httplib::Response& res) {
  if (access) return access->Authorize(req, res);
  ConnectionAccess::Caller caller{req.has_param("tenant") ? req.get_param_value("tenant") : "default",
                                  req.get_param_value("user")};
  if (caller.user.empty()) {
    SendError(res, Error{codes::kInvalidParameter, "user is required", "user"});
    return std::nullopt;
  }
  return caller;
}

// The caller's own connection `id`, or nullopt after answering 404 (also for another tenant's or user's connection).
std::optional<Connection> OwnConnection(ConnectionStore& connections, const ConnectionAccess::Caller& caller,
                                        const std::string& id, httplib::Response& res) {
  Result<std::optional<Connection>> found = connections.Find(id);
  if (!found) {
    SendError(res, found.error());
    return std::nullopt;
  }
  if (!found->has_value() || (*found)->tenant_id != caller.tenant_id || (*found)->user_id != caller.user) {
    SendError(res, Error{codes::kNotFound, "no connection " + id, "id"});
    return std::nullopt;
  }
  return std::move(*found).value();
}

}  // namespace

void RegisterConnectionRoutes(httplib::Server& server, ConnectionsRuntime& runtime, ConnectionAccess* access,
                              std::string public_url) {
  ConnectFlow& flow = runtime.flow();
  ConnectionStore& connections = runtime.connections();
  ChangeNotifications& notifications = runtime.notifications();
  server.Post("/v1/connections/start", [&runtime, access, public_url](const httplib::Request& req,
                                                                     httplib::Response& res) {
    std::optional<ConnectionAccess::Caller> caller = CallerOf(access, req, res);
    if (!caller) return;
    const json body = slotwise::ParseJson(req.body);
    if (!body.is_object()) return SendError(res, Error{codes::kInvalidJson, "the request body is not a JSON object", ""});
    const std::string provider = body.value("provider", "");
    const std::optional<oauth::Provider> parsed = oauth::ParseProvider(provider);
    if (!parsed) {
      return SendError(res, Error{codes::kInvalidRequest, "provider must be google, microsoft, zoom or goto", "provider"});
    }
    const auto text = [&](const char* name) {
      const auto it = body.find(name);
      return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const std::string return_origin = text("return_origin");
    const std::string purpose_name = body.contains("purpose") ? text("purpose") : "calendar_rooms";
    const std::optional<ConnectPurpose> purpose = ParseConnectPurpose(purpose_name);
    if (!purpose) {
      return SendError(res, Error{codes::kInvalidRequest,
                                  "purpose must be calendar, calendar_rooms (rooms need an administrator's consent on "
                                  "Microsoft 365), meetings or hr_posting",
                                  "purpose"});
    }
    if (Result<bool> fits = CheckConnectPurpose(*parsed, *purpose); !fits) return SendError(res, fits.error());
    std::string url = public_url + "/oauth/" + provider + "/start?";
    if (access) {
      if (!return_origin.empty() && !AllowedReturnOrigin(*access, *caller, return_origin, res)) return;
      Result<std::string> ticket =
          runtime.tickets().Issue(ConnectTicket{caller->tenant_id, caller->user, *parsed, return_origin, 0, *purpose});
      if (!ticket) return SendError(res, ticket.error());
      url += "ticket=" + net::PercentEncode(*ticket);
    } else {
      url += "tenant=" + net::PercentEncode(caller->tenant_id) + "&user=" + net::PercentEncode(caller->user);
      if (!return_origin.empty()) url += "&return_origin=" + net::PercentEncode(return_origin);
      url += "&purpose=" + std::string(ConnectPurposeName(*purpose));
    }
    if (const std::string hint = text("login_hint"); !hint.empty()) url += "&login_hint=" + net::PercentEncode(hint);
    res.status = 201;
    res.set_content(DumpJson(json{{"url", url}, {"expires_in", ConnectTickets::kLifetimeSeconds}}), kJson);
  });

  // Behind HTTPS the session cookie is Secure, so a browser never sends it over plain http.
  const std::string cookie_attributes =
      std::string("; Path=/oauth/; HttpOnly; SameSite=Lax; Max-Age=3600") +
      (public_url.rfind("https://", 0) == 0 ? "; Secure" : "");
  server.Get(R"(/oauth/([a-z]+)/start)", [&runtime, &flow, access, cookie_attributes](const httplib::Request& req,
                                                                                        httplib::Response& res) {
    OAuthPageHeaders(res);
    std::optional<oauth::Provider> provider = oauth::ParseProvider(req.matches[1].str());
    if (!provider) return SendError(res, Error{codes::kUnknownProvider, "no provider " + req.matches[1].str(), "provider"});
    std::string user = req.get_param_value("user");
    std::string tenant = req.has_param("tenant") ? req.get_param_value("tenant") : "default";
    std::string return_origin = req.get_param_value("return_origin");
    std::optional<ConnectPurpose> purpose =
        ParseConnectPurpose(req.has_param("purpose") ? req.get_param_value("purpose") : "calendar_rooms");
    if (!purpose) return SendError(res, Error{codes::kInvalidParameter, "purpose is calendar, calendar_rooms, meetings or hr_posting", "purpose"});
    if (access) {  // tenants on: only the ticket says who connects, with what, and where the outcome goes
      Result<ConnectTicket> ticket = runtime.tickets().Redeem(req.get_param_value("ticket"), *provider);
      if (!ticket) return SendError(res, ticket.error());
      if (req.has_param("return_origin") && return_origin != ticket->return_origin) {
        return SendError(res, Error{codes::kForbidden, "return_origin differs from the one this connect link was made for",
                                    "return_origin"});
      }
      tenant = ticket->tenant_id;
      user = ticket->user;
      return_origin = ticket->return_origin;
      purpose = ticket->purpose;
      if (!return_origin.empty() && !AllowedReturnOrigin(*access, {tenant, user}, return_origin, res)) return;
    }
    if (user.empty()) return SendError(res, Error{codes::kInvalidParameter, "user is required", "user"});
    if (!return_origin.empty() && !IsOrigin(return_origin)) {
      return SendError(res, Error{codes::kInvalidParameter, "return_origin must be an origin like https://ats.example", "return_origin"});
    }
    std::string session = SessionFrom(req);
    if (session.size() < 32) {
      session = crypto::RandomToken();
      res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + session + cookie_attributes);
    }
    Result<ConnectStart> started =
        flow.Start(tenant, user, *provider, session, return_origin, req.get_param_value("login_hint"), *purpose);
    if (!started) return SendError(res, started.error());
    res.set_redirect(started->authorize_url);
  });

  OrgAccessRegistry& organisations = runtime.org_access();
  server.Get(R"(/oauth/([a-z]+)/callback)", [&flow, &organisations, access](const httplib::Request& req, httplib::Response& res) {
    OAuthPageHeaders(res);
    std::optional<oauth::Provider> provider = oauth::ParseProvider(req.matches[1].str());
    if (!provider) return SendError(res, Error{codes::kUnknownProvider, "no provider " + req.matches[1].str(), "provider"});
    // The same redirect URI ends the organisation's admin-consent round trip; its state says so.
    if (*provider == oauth::Provider::kMicrosoft &&
        OrgAccessRegistry::IsConsentState(req.get_param_value("state"))) {
      const Result<OrgAccessRegistry::ConsentStep> step = organisations.ContinueMicrosoftConsent(QueryOf(req));
      if (step && !step->redirect.empty()) return res.set_redirect(step->redirect);  // signed in: now the consent
      const Result<OrgConnection> connected =
          step ? Result<OrgConnection>(*step->connected) : Result<OrgConnection>(step.error());
      res.status = connected ? 200 : 400;
      res.set_content(OrganisationConsentPage(connected), "text/html; charset=utf-8");
      return;
    }
    ConnectOutcome outcome = flow.Complete(*provider, QueryOf(req), SessionFrom(req));
    // Checked a last time: an origin the tenant removed while the user was at the provider gets no message.
    if (access && !outcome.return_origin.empty() &&
        !access->AllowsReturnOrigin({outcome.tenant_id, outcome.user_id}, outcome.return_origin)) {
      outcome.return_origin.clear();
    }
    res.status = outcome.connection ? 200 : 400;
    res.set_content(CallbackPage(outcome, *provider), "text/html; charset=utf-8");
  });

  server.Get("/v1/connections", [&runtime, &connections, access, public_url](const httplib::Request& req,
                                                                             httplib::Response& res) {
    std::optional<ConnectionAccess::Caller> caller = CallerOf(access, req, res);
    if (!caller) return;
    Result<PageRequest> page = ReadPageRequest(req, "connections", "");
    if (!page) return SendError(res, page.error());
    Result<std::vector<Connection>> list = connections.ListForUser(caller->tenant_id, caller->user);
    if (!list) return SendError(res, list.error());
    Page<Connection> taken = TakePage(std::move(*list), *page, [](const Connection& c) { return c.id; });
    json out = {{"connections", json::array()}, {"next_cursor", taken.next_cursor}};
    for (const Connection& c : taken.items) {
      Result<std::vector<FunctionCheck>> checks = connections.Checks(c.id);
      json item = ConnectionJson(c, checks ? checks.value() : std::vector<FunctionCheck>{});
      // What fixes a connection that needs attention: the popup's start URL, with a fresh single-use ticket.
      if (c.status != ConnectionStatus::kActive && access) {
        const ConnectTicket fix{caller->tenant_id, caller->user, c.provider, "", 0};
        if (Result<std::string> ticket = runtime.tickets().Issue(fix); ticket) {
          item["fix_url"] = public_url + "/oauth/" + std::string(oauth::ProviderName(c.provider)) +
                            "/start?ticket=" + net::PercentEncode(*ticket) + "&login_hint=" +
                            net::PercentEncode(c.account_email);
        }
      }
      out["connections"].push_back(std::move(item));
    }
    res.set_content(DumpJson(out), kJson);
  });

  server.Post(R"(/v1/connections/([A-Za-z0-9_-]+)/check)", [&flow, &connections, access](const httplib::Request& req,
                                                                                         httplib::Response& res) {
    std::optional<ConnectionAccess::Caller> caller = CallerOf(access, req, res);
    if (!caller || !OwnConnection(connections, *caller, req.matches[1].str(), res)) return;
    Result<std::vector<FunctionCheck>> checks = flow.Recheck(req.matches[1].str());
    if (!checks) return SendError(res, checks.error());
    Result<std::optional<Connection>> found = connections.Find(req.matches[1].str());
    if (!found || !found->has_value()) return SendError(res, Error{codes::kNotFound, "no such connection", "id"});
    res.set_content(DumpJson(ConnectionJson(found->value(), checks.value())), kJson);
  });

  server.Delete(R"(/v1/connections/([A-Za-z0-9_-]+))", [&connections, &notifications, access](
                                                          const httplib::Request& req, httplib::Response& res) {
    std::optional<ConnectionAccess::Caller> caller = CallerOf(access, req, res);
    if (!caller || !OwnConnection(connections, *caller, req.matches[1].str(), res)) return;
    notifications.Unsubscribe(req.matches[1].str());  // best effort at the provider; local rows go with the connection
    Result<bool> deleted = connections.Delete(req.matches[1].str());
    if (!deleted) return SendError(res, deleted.error());
    if (!*deleted) return SendError(res, Error{codes::kNotFound, "no connection " + req.matches[1].str(), "id"});
    res.status = 204;
  });
}

}  // namespace slotwise
