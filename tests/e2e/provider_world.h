// provider_world.h — an end-to-end fixture: the provider sandbox and a Slotwise server (SQLite in a temp folder,
// provider connections pointed at the sandbox), each on its own ephemeral loopback port, plus the browser's part of
// the OAuth flow driven over HTTP (start -> authorize page -> consent form -> callback, cookies included). Requests go
// through support/http_call.h (HttpCall, SplitUrl, UrlParam); HttpAnswer is the part of a reply the flow reads.
#pragma once

#include <httplib.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "app/http_server.h"
#include "booking/adapter_gateway.h"
#include "runtime/connections_runtime.h"
#include "sandbox/sandbox.h"
#include "support/http_call.h"
#include "support/running_sandbox.h"
#include "support/sandbox_pages.h"
#include "support/temp_dir.h"
#include "zoneinfo/zoneinfo_directory.h"

namespace slotwise {
class SchedulingRuntime;
}

namespace slotwise::testing {

struct HttpAnswer {
  int status = 0;
  std::string body;
  std::string location;    // Location header, if any
  std::string set_cookie;  // "name=value" of the first Set-Cookie, if any
};

// One GET or form POST to an absolute URL, redirects not followed.
HttpAnswer HttpGet(const std::string& url, const std::string& cookie = {});
HttpAnswer HttpPostForm(const std::string& url, const std::string& form);
HttpAnswer HttpJson(const std::string& method, const std::string& url, const nlohmann::json& body = nullptr,
                    const httplib::Headers& headers = {});

// The Microsoft 365 administrator's part of connecting an organisation, as a browser would do it: `consent_url` (from
// POST /v1/organisation/microsoft/consent) is the sign-in page, where `admin` signs in; Slotwise's callback sends them
// on to the admin-consent page of their organisation, where they allow. Answers Slotwise's last page (or the first
// answer that was not the expected redirect). Pages are the sandbox's (`sandbox_root`).
HttpAnswer ConsentAsAdministrator(const std::string& consent_url, const std::string& sandbox_root,
                                  const std::string& admin);

// A Berlin day of the week after next (free of the sandbox's demo events, which fill this week and the next):
// weekday `weekday` (1 = Monday) as "YYYY-MM-DD" and its local midnight (UTC), from the test clock `now`.
struct Day {
  std::string date;
  std::int64_t midnight = 0;
};
Day FreeWeekDay(std::int64_t now, int weekday);

// The body of booking `index` of a series that never collides with itself: two disjoint pairs of the demo tenant
// (Lena Fischer with Jonas Becker, Sanne de Vries with Daan Jansen) take turns, each pair's bookings on `slots_a_day`
// half-hours from `first_hour`:00 Berlin, weekdays from the week after next (FreeWeekDay) on, as many weeks as it takes.
// Series on disjoint hours of the day do not collide either. The title is `title` followed by the index.
nlohmann::json SeriesBooking(std::int64_t now, int index, int first_hour, int slots_a_day, const std::string& title);

// The body of one POST /v1/interviews in the demo tenant: Lena Fischer organises, Jonas Becker interviews `candidate`
// ({"name", "email", …}) for `minutes` from `start`, on the 30-minute grid.
nlohmann::json DemoBooking(const std::string& title, Instant start, const nlohmann::json& candidate,
                           std::int64_t minutes = 60);

class ProviderWorld {
 public:
  // `scheduling`: also tenants, availability and booking (organisation access to the sandbox, the demo tenant "kumo"
  // with the sandbox's demo organisation, the outbox worker running), delivering candidate messages as `delivery`
  // says (by default through the tenant's ATS webhook).
  explicit ProviderWorld(bool seed_demo_org = true, bool scheduling = false, DeliveryOptions delivery = {});
  ~ProviderWorld();

  std::string root() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string sandbox_root() const { return sandbox_.root(); }
  ConnectionsRuntime& runtime() { return *runtime_; }
  sandbox::Sandbox& sandbox() { return sandbox_.sandbox(); }
  const std::string& db_path() const { return db_path_; }
  const std::string& key_spec() const { return key_spec_; }  // the token keyring the server runs with

  // Test clock (Unix seconds) used by the server's connection logic; starts at the real time.
  std::int64_t Now() const { return now_.load(); }
  void Advance(std::int64_t seconds) { now_ += seconds; }

  struct Flow {
    HttpAnswer start;      // the /oauth/<provider>/start answer (302 to the provider)
    HttpAnswer authorize;  // the provider's authorize page
    HttpAnswer consent;    // the consent form's answer (302 back to us)
    HttpAnswer callback;   // our callback page
    std::string cookie;    // the session cookie the popup carries
    std::string callback_url;
  };
  // Drives the popup: `user` is the Slotwise user, `login` the provider account chosen on the consent page,
  // `purpose` what it is connected for ("" = the default, calendar_rooms).
  Flow Connect(const std::string& provider, const std::string& user, const std::string& login,
               const std::string& decision = "allow", const std::string& purpose = "");
  // The same flow from a start URL already in hand (a connect link's button, a fix_url): start → provider → consent
  // as `login` → our callback.
  Flow FollowStart(const std::string& start_url, const std::string& login, const std::string& decision = "allow");

  // Connect(...) that must succeed, then the stored connection (tokens in plaintext, in memory).
  Connection Connected(const std::string& provider, const std::string& login, const std::string& user = "recruiter-1",
                       const std::string& purpose = "");
  // The API base URL the server uses for `provider` (the sandbox's).
  std::string ApiBase(oauth::Provider provider) { return runtime_->providers().ApiBase(provider).value(); }

  // Scheduling (only with `scheduling`): the runtime, the demo tenant's API key, and a call to the REST API with it.
  SchedulingRuntime& scheduling() { return *scheduling_; }
  const std::string& api_key() const { return api_key_; }
  static constexpr const char* kAdminKey = "e2e-admin-key";  // the server's one admin key (scheduling worlds)
  HttpAnswer Api(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr,
                 const std::string& idempotency_key = {});
  // GET /v1/interviews/{id} (must answer 200), and the same once the outbox is done with it (status no longer
  // "pending"; polled for at most ~20 s, then the test fails).
  nlohmann::json Interview(const std::string& id);
  nlohmann::json Settled(const std::string& id);

  // The sandbox admin API.
  nlohmann::json SandboxGet(const std::string& path_and_query);
  nlohmann::json SandboxPost(const std::string& path, const nlohmann::json& body);
  // Number of logged sandbox requests matching provider, method and a path fragment (and grant type when given).
  int CountRequests(const std::string& provider, const std::string& method, const std::string& path_fragment,
                    const std::string& grant_type = {});

  // The one connection of `user` for `provider` as GET /v1/connections lists it (null when none).
  nlohmann::json ListedConnection(const std::string& user, const std::string& provider);

 private:
  TempDir dir_{"slotwise-e2e"};
  std::string db_path_;
  std::string key_spec_;
  std::atomic<std::int64_t> now_;
  RunningSandbox sandbox_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<ConnectionsRuntime> runtime_;
  ZoneinfoDirectory zones_{"/usr/share/zoneinfo"};
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<SchedulingRuntime> scheduling_;
  std::string api_key_;
  int port_ = 0;
  std::thread server_thread_;
};

}  // namespace slotwise::testing
