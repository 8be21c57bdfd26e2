// provider_world.cpp — see provider_world.h.
#include "provider_world.h"

#include "auth/api_keys.h"
#include "support/sandbox_pages.h"

#include "api/api_auth.h"
#include "demo/demo_tenant.h"
#include "runtime/scheduling_runtime.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>

#include "net/url.h"
#include "slotwise/time.h"

namespace slotwise::testing {

using nlohmann::json;

namespace {

HttpAnswer ToAnswer(const HttpReply& reply) {
  HttpAnswer answer;
  answer.status = reply.status;
  answer.body = reply.body;
  answer.location = reply.Header("Location");
  const std::string cookie = reply.Header("Set-Cookie");
  answer.set_cookie = cookie.substr(0, cookie.find(';'));
  return answer;
}

}  // namespace

HttpAnswer HttpGet(const std::string& url, const std::string& cookie) {
  httplib::Headers headers;
  if (!cookie.empty()) headers.emplace("Cookie", cookie);
  return ToAnswer(HttpCall("GET", url, {}, headers));
}

HttpAnswer HttpPostForm(const std::string& url, const std::string& form) {
  return ToAnswer(HttpCall("POST", url, form, {}, "application/x-www-form-urlencoded"));
}

HttpAnswer HttpJson(const std::string& method, const std::string& url, const json& body, const httplib::Headers& headers) {
  return ToAnswer(HttpCall(method, url, body.is_null() ? "" : body.dump(), headers));
}

HttpAnswer ConsentAsAdministrator(const std::string& consent_url, const std::string& sandbox_root,
                                  const std::string& admin) {
  std::string url = consent_url;
  for (int page = 0; page < 2; ++page) {  // the sign-in, then the consent
    const HttpAnswer form = HttpGet(url);
    if (form.status != 200 || RequestIdOf(form.body).empty()) return form;
    const HttpAnswer allowed = HttpPostForm(
        sandbox_root + "/sandbox/consent",
        net::FormEncode({{"request_id", RequestIdOf(form.body)}, {"login", admin}, {"decision", "allow"}}));
    if (allowed.status != 302) return allowed;
    const HttpAnswer back = HttpGet(allowed.location);  // Slotwise's callback
    if (back.status != 302) return back;
    url = back.location;
  }
  return HttpAnswer{};
}

Day FreeWeekDay(std::int64_t now, int weekday) {
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const TimeZone* berlin = zones.Find("Europe/Berlin");
  REQUIRE(berlin != nullptr);
  const std::int64_t day = IsoWeekStartDay(DaysFromCivil(berlin->ToLocal(now).date)) + 14 + weekday - 1;
  const CivilDate civil = CivilFromDays(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", static_cast<int>(civil.year), static_cast<int>(civil.month),
                static_cast<int>(civil.day));
  return {text, berlin->FromLocalSeconds(day * kSecondsPerDay)};
}

json SeriesBooking(std::int64_t now, int index, int first_hour, int slots_a_day, const std::string& title) {
  const bool first_pair = index % 2 == 0;
  const int slot = index / 2;
  const int week = slot / (5 * slots_a_day);
  const int weekday = slot / slots_a_day % 5 + 1;
  const Day day = FreeWeekDay(now + std::int64_t{week} * 7 * kSecondsPerDay, weekday);
  const Instant start = day.midnight + first_hour * 3600 + (slot % slots_a_day) * 1800;
  return {{"title", title + std::to_string(index)},
          {"organizer", first_pair ? "lena.fischer@kumo.example" : "sanne.devries@kumo-labs.example"},
          {"start", FormatRfc3339(start)},
          {"end", FormatRfc3339(start + 1800)},
          {"interviewers", {{{"sub", first_pair ? "jonas.becker@kumo.example" : "daan.jansen@kumo-labs.example"}}}},
          {"candidate", {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"}, {"time_zone", "UTC"}}},
          {"query", {{"start_interval", {{"minutes", 30}}}}}};
}

json DemoBooking(const std::string& title, Instant start, const json& candidate, std::int64_t minutes) {
  return {{"title", title},
          {"organizer", "lena.fischer@kumo.example"},
          {"start", FormatRfc3339(start)},
          {"end", FormatRfc3339(start + minutes * 60)},
          {"interviewers", {{{"sub", "jonas.becker@kumo.example"}}}},
          {"candidate", candidate},
          {"query", {{"start_interval", {{"minutes", 30}}}}}};
}

ProviderWorld::ProviderWorld(bool seed_demo_org, bool scheduling, DeliveryOptions delivery)
    : now_(std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
               .count()),
      sandbox_(sandbox::SandboxOptions{seed_demo_org, 3599}) {
  db_path_ = dir_.File("slotwise.db");
  sandbox_.sandbox().SetPublicBaseUrl(sandbox_root());

  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(db_path_);
  REQUIRE(store.ok());
  store_ = std::move(store).value();
  key_spec_ = crypto::Keyring::NewKeySpec("test-1");
  Result<crypto::Keyring> keyring = crypto::Keyring::Parse(key_spec_);
  REQUIRE(keyring.ok());
  runtime_ = std::make_unique<ConnectionsRuntime>(*store_, std::move(keyring).value(), net::MakeHttplibTransport(),
                                                  [this] { return now_.load(); });
  ServerOptions options;
  options.port = 0;
  options.connections = runtime_.get();
  server_ = std::make_unique<HttpServer>(options, zones_);
  Result<int> port = server_->Bind();
  REQUIRE(port.ok());
  port_ = *port;
  runtime_->ConfigureSandboxProviders(root(), sandbox_root());
  for (oauth::Provider provider : {oauth::Provider::kGoogle, oauth::Provider::kMicrosoft, oauth::Provider::kZoom,
                                   oauth::Provider::kGoTo}) {
    const oauth::OAuthClient* client = runtime_->providers().Client(provider);
    sandbox_.sandbox().RegisterClient({std::string(oauth::ProviderName(provider)), client->registration().client_id,
                                       client->registration().client_secret, {client->registration().redirect_uri}});
  }
  if (scheduling) {
    REQUIRE(ConfigureSandboxOrgAccess(runtime_->providers(), runtime_->transport(), sandbox_root()).ok());
    SchedulingOptions scheduling_options;
    scheduling_options.outbox.threads = 2;
    scheduling_options.outbox.idle_poll = std::chrono::milliseconds(100);
    scheduling_options.delivery = std::move(delivery);
    // The tests' receivers (ATS webhooks) listen on plain http on 127.0.0.1: the allow-list names exactly that host,
    // as a deployment names its internal ATS (docs/CONFIG.md, outbound.allowed_hosts). "localhost" is not on it.
    scheduling_options.outbound = auth::OutboundPolicy(auth::OutboundRules{{"127.0.0.1"}, {}});
    // The Teams app's bot at the sandbox's Bot Connector, with its built-in registration (docs/TEAMS_APP.md).
    scheduling_options.teams_bot = hr::SandboxBotFramework(sandbox_root(), std::string(sandbox::kBotAppId),
                                                           std::string(sandbox::kBotAppSecret));
    Result<std::unique_ptr<SchedulingRuntime>> created =
        SchedulingRuntime::Create(*store_, *runtime_, zones_, scheduling_options, [this] { return now_.load(); });
    REQUIRE_MESSAGE(created.ok(), (created.ok() ? "" : created.error().message));
    scheduling_ = std::move(created).value();
    Result<std::string> key = SeedDemoTenant(scheduling_->directory(), runtime_->transport(), sandbox_root(), "kumo", Now());
    REQUIRE_MESSAGE(key.ok(), (key.ok() ? "" : key.error().message));
    api_key_ = *key;
    Result<bool> organisation = ConnectDemoOrganisation(scheduling_->org_access(), "kumo");
    REQUIRE_MESSAGE(organisation.ok(), (organisation.ok() ? "" : organisation.error().message));
    // The tenant's own page is this server's origin: connect tickets only report back to an allowed origin.
    Result<std::optional<Tenant>> tenant = scheduling_->directory().GetTenant("kumo");
    REQUIRE(tenant.ok());
    REQUIRE(tenant->has_value());
    Tenant allowed = **tenant;
    allowed.allowed_origins = {root()};
    REQUIRE(scheduling_->directory().UpdateTenant(allowed).ok());
    ApiAuthOptions auth_options;
    auth_options.widget_keys = auth::WidgetKeySet{"test", {{"test", std::string(32, 'k')}}};
    auth_options.admin_key_hashes = {auth::HashApiKey(kAdminKey)};
    REQUIRE(server_->EnableScheduling(*scheduling_, std::move(auth_options)).ok());
    scheduling_->Start();
  }
  server_thread_ = std::thread([this] { server_->Run(); });
}

HttpAnswer ProviderWorld::Api(const std::string& method, const std::string& path, const json& body,
                              const std::string& idempotency_key) {
  httplib::Headers headers = {{"Authorization", "Bearer " + api_key_}};
  if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
  return HttpJson(method, root() + path, body, headers);
}

nlohmann::json ProviderWorld::Interview(const std::string& id) {
  const HttpAnswer answer = Api("GET", "/v1/interviews/" + id);
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  return json::parse(answer.body);
}

nlohmann::json ProviderWorld::Settled(const std::string& id) {
  for (int i = 0; i < 200; ++i) {
    json interview = Interview(id);
    if (interview.at("status") != "pending") return interview;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL("interview " << id << " stayed pending");
  return {};
}

ProviderWorld::~ProviderWorld() {
  server_->Stop();
  server_thread_.join();
  scheduling_.reset();  // the outbox worker stops before the sandbox and the connections go away
  server_.reset();
  // The runtime's transport keeps provider connections open (net/http_transport.h); closing them before the sandbox
  // stops spares its workers their keep-alive wait (5 s per test otherwise).
  runtime_.reset();
  sandbox_.Stop();
  store_.reset();
}

ProviderWorld::Flow ProviderWorld::Connect(const std::string& provider, const std::string& user,
                                           const std::string& login, const std::string& decision,
                                           const std::string& purpose) {
  if (scheduling_) {  // tenants on: the start URL comes from the API, with a ticket naming the user
    json body = {{"provider", provider}, {"user", user}, {"return_origin", root()}, {"login_hint", login}};
    if (!purpose.empty()) body["purpose"] = purpose;
    const HttpAnswer link = Api("POST", "/v1/connections/start", body);
    REQUIRE_MESSAGE(link.status == 201, link.body);
    return FollowStart(json::parse(link.body).at("url").get<std::string>(), login, decision);
  }
  return FollowStart(root() + "/oauth/" + provider + "/start?user=" + net::PercentEncode(user) + "&return_origin=" +
                         net::PercentEncode(root()) + "&login_hint=" + net::PercentEncode(login) +
                         (purpose.empty() ? std::string() : "&purpose=" + net::PercentEncode(purpose)),
                     login, decision);
}

ProviderWorld::Flow ProviderWorld::FollowStart(const std::string& start_url, const std::string& login,
                                               const std::string& decision) {
  Flow flow;
  flow.start = HttpGet(start_url);
  flow.cookie = flow.start.set_cookie;
  if (flow.start.status != 302) return flow;
  flow.authorize = HttpGet(flow.start.location);
  const std::string request_id = RequestIdOf(flow.authorize.body);
  if (flow.authorize.status != 200 || request_id.empty()) return flow;
  flow.consent = HttpPostForm(sandbox_root() + "/sandbox/consent",
                              net::FormEncode({{"request_id", request_id}, {"login", login}, {"decision", decision}}));
  if (flow.consent.status != 302) return flow;
  flow.callback_url = flow.consent.location;
  flow.callback = HttpGet(flow.callback_url, flow.cookie);
  return flow;
}

Connection ProviderWorld::Connected(const std::string& provider, const std::string& login, const std::string& user,
                                    const std::string& purpose) {
  Flow flow = Connect(provider, user, login, "allow", purpose);
  REQUIRE_MESSAGE(flow.callback.status == 200, flow.callback.body);
  Result<std::optional<Connection>> found =
      runtime_->connections().FindForUser(scheduling_ ? "kumo" : "default", user, *oauth::ParseProvider(provider));
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  return found->value();
}

json ProviderWorld::SandboxGet(const std::string& path_and_query) {
  HttpAnswer answer = HttpJson("GET", sandbox_root() + path_and_query);
  REQUIRE_MESSAGE(answer.status == 200, path_and_query << " -> " << answer.status << " " << answer.body);
  return json::parse(answer.body);
}

json ProviderWorld::SandboxPost(const std::string& path, const json& body) {
  HttpAnswer answer = HttpJson("POST", sandbox_root() + path, body);
  REQUIRE_MESSAGE(answer.status / 100 == 2, path << " -> " << answer.status << " " << answer.body);
  return answer.body.empty() ? json() : json::parse(answer.body);
}

int ProviderWorld::CountRequests(const std::string& provider, const std::string& method,
                                 const std::string& path_fragment, const std::string& grant_type) {
  const json log = SandboxGet("/sandbox/requests?provider=" + provider);
  int count = 0;
  for (const json& entry : log.at("requests")) {
    if (entry.at("method") != method) continue;
    if (entry.at("path").get<std::string>().find(path_fragment) == std::string::npos) continue;
    if (!grant_type.empty() && entry.value("grant_type", "") != grant_type) continue;
    ++count;
  }
  return count;
}

json ProviderWorld::ListedConnection(const std::string& user, const std::string& provider) {
  HttpAnswer answer = scheduling_ ? Api("GET", "/v1/connections?user=" + net::PercentEncode(user))
                                  : HttpJson("GET", root() + "/v1/connections?user=" + net::PercentEncode(user));
  REQUIRE(answer.status == 200);
  const json listed = json::parse(answer.body);
  for (const json& connection : listed.at("connections")) {
    if (connection.at("provider") == provider) return connection;
  }
  return nullptr;
}

}  // namespace slotwise::testing
