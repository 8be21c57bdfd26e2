// onboarding_routes.cpp — see onboarding_routes.h.
#include "api/onboarding_routes.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "api/connect_pages.h"
#include "api/connection_json.h"
#include "api/directory_json.h"
#include "api/http_errors.h"
#include "api/paging.h"
#include "api/request_body.h"
#include "auth/widget_tokens.h"
#include "net/url.h"
#include "runtime/connections_runtime.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

using nlohmann::json;
using Req = const httplib::Request&;
using Res = httplib::Response&;

json AccountJson(ConnectionStore& connections, const ConnectedAccount& account) {
  Connection shown;  // ConnectionJson's shape, without reading (unsealing) any token
  shown.id = account.id;
  shown.user_id = account.user_id;
  shown.provider = account.provider;
  shown.account_email = account.account_email;
  shown.status = account.status;
  shown.status_message = account.status_message;
  Result<std::vector<FunctionCheck>> checks = connections.Checks(account.id);
  return ConnectionJson(shown, checks ? checks.value() : std::vector<FunctionCheck>{});
}

}  // namespace

Result<ConnectLink> MakeConnectLink(ConnectTickets& tickets, const std::string& public_url, ConnectTicket flow) {
  Result<ConnectTickets::IssuedLink> issued = tickets.IssueLink(std::move(flow));
  if (!issued) return issued.error();
  return ConnectLink{public_url + "/connect?link=" + net::PercentEncode(issued->ticket), issued->expires_at};
}

void RegisterOnboardingRoutes(httplib::Server& server, ConnectionsRuntime& runtime, DirectoryStore& directory,
                              ApiAuth& auth, std::string public_url) {
  server.Get("/connect", [&runtime, public_url](Req req, Res res) {
    res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Referrer-Policy", "no-referrer");  // the link is a credential of sorts: never sent onwards
    const std::string link = req.get_param_value("link");
    const Result<ConnectTicket> flow = runtime.tickets().Inspect(link);
    std::string start;
    if (flow) {
      start = public_url + "/oauth/" + std::string(oauth::ProviderName(flow->provider)) +
              "/start?ticket=" + net::PercentEncode(link) + "&login_hint=" + net::PercentEncode(flow->user);
    }
    res.status = flow ? 200 : 400;
    res.set_content(ConnectLinkPage(flow, start), "text/html; charset=utf-8");
  });

  server.Post("/v1/organisation/connect_links", [&runtime, &directory, &auth, public_url](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeOrganisationManage);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    if (Result<bool> known = body_fields::CheckKeys(*body, {"user", "provider", "purpose"}); !known) {
      return SendError(res, known.error());
    }
    std::string user, provider_name, purpose_name = "calendar_rooms";
    for (const auto& [key, out] : {std::pair<const char*, std::string*>{"user", &user},
                                   std::pair<const char*, std::string*>{"provider", &provider_name},
                                   std::pair<const char*, std::string*>{"purpose", &purpose_name}}) {
      if (Result<bool> read = body_fields::Read(*body, key, *out); !read) return SendError(res, read.error());
    }
    const std::optional<oauth::Provider> provider = oauth::ParseProvider(provider_name);
    if (!provider) {
      return SendError(res, codes::kInvalidRequest, "provider must be google, microsoft, zoom or goto", "provider");
    }
    const std::optional<ConnectPurpose> purpose = ParseConnectPurpose(purpose_name);
    if (!purpose) {
      return SendError(res, codes::kInvalidRequest, "purpose must be calendar, calendar_rooms, meetings or hr_posting",
                       "purpose");
    }
    if (Result<bool> fits = CheckConnectPurpose(*provider, *purpose); !fits) return SendError(res, fits.error());
    Result<std::optional<Person>> person = directory.GetPerson(caller->tenant_id, AsciiLower(user));
    if (!person) return SendError(res, person.error());
    if (!person->has_value()) {
      return SendError(res, codes::kUnknownParticipant,
                       user.empty() ? "user is required" : user + " is not a person of this tenant (PUT /v1/people/{email} first)",
                       "user");
    }
    Result<ConnectLink> link = MakeConnectLink(
        runtime.tickets(), public_url, ConnectTicket{caller->tenant_id, (*person)->email, *provider, "", 0, *purpose});
    if (!link) return SendError(res, link.error());
    SendJson(res, 201, {{"url", link->url}, {"expires_at", FormatRfc3339(link->expires_at)}});
  });

  server.Get("/v1/organisation/people", [&runtime, &directory, &auth](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeOrganisationManage);
    if (!caller) return;
    Result<PageRequest> page = ReadPageRequest(req, "organisation_people", "");
    if (!page) return SendError(res, page.error());
    Result<std::vector<Person>> people = directory.ListPeople(caller->tenant_id);
    if (!people) return SendError(res, people.error());
    Result<std::vector<ConnectedAccount>> accounts = runtime.connections().ListAccountsForTenant(caller->tenant_id);
    if (!accounts) return SendError(res, accounts.error());
    std::map<std::string, json> by_user;
    for (const ConnectedAccount& account : *accounts) {
      json& list = by_user[AsciiLower(account.user_id)];
      if (list.is_null()) list = json::array();
      list.push_back(AccountJson(runtime.connections(), account));
    }
    std::set<std::string> emails;
    for (const Person& person : *people) emails.insert(person.email);
    Page<Person> taken = TakePage(std::move(*people), *page, [](const Person& person) { return person.email; });
    json listed = json::array();
    for (const Person& person : taken.items) {
      auto found = by_user.find(person.email);
      listed.push_back({{"email", person.email},
                        {"name", person.name},
                        {"roles", person.roles},
                        {"connections", found == by_user.end() ? json::array() : std::move(found->second)}});
    }
    // "others" are the users no person of the whole directory is: they come once, with the last page.
    json others = json::array();
    for (auto& [user, connections] : by_user) {
      if (taken.next_cursor.is_null() && !emails.contains(user)) {
        others.push_back({{"user", user}, {"connections", std::move(connections)}});
      }
    }
    SendJson(res, 200, {{"people", listed}, {"others", others}, {"next_cursor", taken.next_cursor}});
  });
}

}  // namespace slotwise
