// Connect tickets, end to end (issue 17, point 6): the popup's start URL carries a ticket minted by
// POST /v1/connections/start for exactly one connect flow — tenant, user, provider and return_origin. It opens
// /oauth/<provider>/start once; a second use, another provider, another return_origin or an expired ticket is
// refused; it is no credential for /v1 (401 naming it); and return_origin must be one of the tenant's allowed
// origins when the ticket is minted and again when it is used, so the callback page never posts connection details
// to an origin the tenant did not allow.
#include <doctest/doctest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "connections/connect_tickets.h"
#include "net/url.h"
#include "provider_world.h"
#include "runtime/scheduling_runtime.h"
#include "support/temp_dir.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kUser = "lena.fischer@kumo.example";

// The start URL for `provider` and `return_origin`, minted with the tenant's API key for kUser.
HttpAnswer StartLink(ProviderWorld& world, const std::string& provider, const std::string& return_origin) {
  return world.Api("POST", "/v1/connections/start",
                   {{"provider", provider}, {"user", kUser}, {"return_origin", return_origin}, {"login_hint", kUser}});
}

std::string StartUrl(ProviderWorld& world, const std::string& provider = "zoom") {
  const HttpAnswer link = StartLink(world, provider, world.root());
  REQUIRE_MESSAGE(link.status == 201, link.body);
  return json::parse(link.body).at("url");
}

// The demo tenant's allowed origins become `origins` (as the tenant's administrator would set them).
void AllowOnly(ProviderWorld& world, const std::vector<std::string>& origins) {
  Result<std::optional<Tenant>> tenant = world.scheduling().directory().GetTenant("kumo");
  REQUIRE(tenant.ok());
  REQUIRE(tenant->has_value());
  Tenant changed = **tenant;
  changed.allowed_origins = origins;
  REQUIRE(world.scheduling().directory().UpdateTenant(changed).ok());
}

std::string ErrorMessage(const HttpAnswer& answer) {
  const json body = json::parse(answer.body, nullptr, false);
  if (!body.is_object() || !body.contains("error")) return answer.body;
  return body.at("error").value("message", "");
}

}  // namespace

TEST_CASE("connect tickets: a ticket opens the popup once; the second use is refused with a clear error") {
  ProviderWorld world(true, true);
  const std::string url = StartUrl(world);
  const HttpAnswer first = HttpGet(url);
  CHECK_MESSAGE(first.status == 302, first.body);
  const HttpAnswer second = HttpGet(url);
  CHECK_MESSAGE(second.status == 401, second.body);
  CHECK_MESSAGE(ErrorMessage(second).find("already used") != std::string::npos, second.body);
}

TEST_CASE("connect tickets: a ticket is no credential for /v1 (401 naming it)") {
  ProviderWorld world(true, true);
  const std::string ticket = UrlParam(StartUrl(world), "ticket");
  REQUIRE(!ticket.empty());
  const httplib::Headers bearer = {{"Authorization", "Bearer " + ticket}};
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"DELETE", "/v1/connections/conn_anything"}, {"GET", "/v1/connections"}, {"GET", "/v1/people"}}) {
    CAPTURE(method + " " + path);
    const HttpAnswer answer = HttpJson(method, world.root() + path, nullptr, bearer);
    CHECK_MESSAGE(answer.status == 401, answer.body);
    CHECK_MESSAGE(ErrorMessage(answer).find("connect ticket") != std::string::npos, answer.body);
  }
  // Refused on /v1, the ticket is still good for the one thing it is for.
  CHECK(HttpGet(world.root() + "/oauth/zoom/start?ticket=" + net::PercentEncode(ticket)).status == 302);
}

TEST_CASE("connect tickets: bound to their provider and return_origin; they expire") {
  ProviderWorld world(true, true);
  const std::string ticket = UrlParam(StartUrl(world, "zoom"), "ticket");
  const HttpAnswer other_provider = HttpGet(world.root() + "/oauth/google/start?ticket=" + net::PercentEncode(ticket));
  CHECK_MESSAGE(other_provider.status == 401, other_provider.body);
  const std::string fresh = UrlParam(StartUrl(world, "zoom"), "ticket");
  const HttpAnswer other_origin = HttpGet(world.root() + "/oauth/zoom/start?ticket=" + net::PercentEncode(fresh) +
                                          "&return_origin=" + net::PercentEncode("https://evil.example"));
  CHECK_MESSAGE(other_origin.status / 100 == 4, other_origin.body);
  CHECK(other_origin.location.empty());
  const std::string late = UrlParam(StartUrl(world, "zoom"), "ticket");
  world.Advance(3600);
  const HttpAnswer expired = HttpGet(world.root() + "/oauth/zoom/start?ticket=" + net::PercentEncode(late));
  CHECK_MESSAGE(expired.status == 401, expired.body);
  CHECK_MESSAGE(ErrorMessage(expired).find("expired") != std::string::npos, expired.body);
}

TEST_CASE("connect tickets: return_origin must be one of the tenant's allowed origins, when minted and when used") {
  ProviderWorld world(true, true);
  const HttpAnswer evil = StartLink(world, "zoom", "https://evil.example");
  CHECK_MESSAGE(evil.status == 403, evil.body);
  if (evil.status / 100 == 4) CHECK(json::parse(evil.body).at("error").at("field") == "return_origin");
  if (evil.status == 201) {  // before the fix: the popup would post the connection to evil.example
    const HttpAnswer opened = HttpGet(json::parse(evil.body).at("url").get<std::string>());
    CHECK_MESSAGE(opened.status != 302, "a ticket for https://evil.example opened the popup");
  }

  // Minted while the origin was allowed, used after the tenant removed it: refused.
  const std::string url = StartUrl(world);
  AllowOnly(world, {"https://ats.example"});
  const HttpAnswer used = HttpGet(url);
  CHECK_MESSAGE(used.status == 403, used.body);
  CHECK(used.location.empty());
}

TEST_CASE("connect tickets: a used ticket stays used across a restart; concurrent uses open one popup") {
  TempDir dir("slotwise-tickets");
  const std::string path = (dir.path() / "slotwise.db").string();
  std::int64_t now = 1'800'000'000;
  std::string ticket;
  {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
    REQUIRE(store.ok());
    ConnectTickets tickets(**store, [&] { return now; });
    Result<std::string> issued = tickets.Issue(ConnectTicket{"acme", "u1", oauth::Provider::kZoom, "", 0});
    REQUIRE(issued.ok());
    ticket = *issued;
    CHECK(ticket.rfind(std::string(kTicketPrefix), 0) == 0);
    Result<ConnectTicket> first = tickets.Redeem(ticket, oauth::Provider::kZoom);
    REQUIRE(first.ok());
    CHECK(first->tenant_id == "acme");
    CHECK(first->user == "u1");
  }
  Result<std::unique_ptr<SqliteStore>> reopened = SqliteStore::Open(path);  // the server restarted
  REQUIRE(reopened.ok());
  ConnectTickets tickets(**reopened, [&] { return now; });
  const Result<ConnectTicket> again = tickets.Redeem(ticket, oauth::Provider::kZoom);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message.find("already used") != std::string::npos);

  Result<std::string> shared = tickets.Issue(ConnectTicket{"acme", "u1", oauth::Provider::kGoogle, "", 0});
  REQUIRE(shared.ok());
  std::atomic<int> opened{0};
  std::vector<std::thread> racers;
  for (int i = 0; i < 8; ++i) {
    racers.emplace_back([&] {
      if (tickets.Redeem(*shared, oauth::Provider::kGoogle).ok()) ++opened;
    });
  }
  for (std::thread& racer : racers) racer.join();
  CHECK(opened.load() == 1);
  // Pruned an hour after expiry; a pruned ticket is simply not valid.
  now += ConnectTickets::kLifetimeSeconds + ConnectTickets::kPruneAfterSeconds + 1;
  REQUIRE(tickets.Issue(ConnectTicket{"acme", "u2", oauth::Provider::kZoom, "", 0}).ok());
  const Result<ConnectTicket> pruned = tickets.Redeem(ticket, oauth::Provider::kZoom);
  REQUIRE_FALSE(pruned.ok());
  CHECK(pruned.error().message.find("not valid") != std::string::npos);
}

TEST_CASE("connect tickets: an origin removed while the user is at the provider gets no message from the callback") {
  ProviderWorld world(true, true);
  const HttpAnswer start = HttpGet(StartUrl(world, "zoom"));
  REQUIRE_MESSAGE(start.status == 302, start.body);
  const HttpAnswer authorize = HttpGet(start.location);
  const std::string request_id = RequestIdOf(authorize.body);
  REQUIRE(!request_id.empty());
  const HttpAnswer consent = HttpPostForm(world.sandbox_root() + "/sandbox/consent",
                                         net::FormEncode({{"request_id", request_id}, {"login", kUser}, {"decision", "allow"}}));
  REQUIRE(consent.status == 302);
  // Meanwhile the tenant stops allowing the origin the flow was started for.
  AllowOnly(world, {"https://ats.example"});
  const HttpAnswer callback = HttpGet(consent.location, start.set_cookie);
  REQUIRE_MESSAGE(callback.status == 200, callback.body);
  CHECK(callback.body.find("data-status=\"connected\"") != std::string::npos);
  CHECK_MESSAGE(callback.body.find("postMessage(") == std::string::npos, "the page would report to " << world.root());
}
