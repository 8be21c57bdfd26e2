// Tests for backend/net's transport: kept-alive connections reused per origin (far fewer connections than calls),
// forward proxies from the environment, the no_proxy exemptions, and a pinned address never sent through a proxy.
#include <doctest/doctest.h>

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "net/http_transport.h"
#include "net/proxy_settings.h"
#include "support/loopback_server.h"

using namespace slotwise;
using slotwise::net::HttpRequest;
using slotwise::net::ProxySettings;

namespace {

ProxySettings Env(std::map<std::string, std::string> variables) {
  return ProxySettings::FromEnvironment([variables](std::string_view name) -> std::optional<std::string> {
    const auto found = variables.find(std::string(name));
    if (found == variables.end()) return std::nullopt;
    return found->second;
  });
}

// A loopback server that counts the TCP connections its requests arrive on (by the client's port).
struct CountingServer {
  CountingServer() {
    server.server().set_keep_alive_max_count(1000);
    server.server().Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        ports.insert(req.remote_port);
        targets.push_back(req.target.empty() ? req.path : req.target);
        ++requests;
      }
      res.set_content("{}", "application/json");
    });
    server.Start();
  }
  std::size_t Connections() {
    std::lock_guard<std::mutex> lock(mutex);
    return ports.size();
  }

  testing::LoopbackServer server;
  std::mutex mutex;
  std::set<int> ports;
  std::vector<std::string> targets;
  int requests = 0;
};

HttpRequest Get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  request.timeout = std::chrono::seconds(5);
  return request;
}

}  // namespace

TEST_CASE("Transport: 100 calls to one origin reuse a few kept-alive connections") {
  CountingServer counting;
  std::unique_ptr<net::HttpTransport> transport = net::MakeHttplibTransport(Env({}));
  for (int i = 0; i < 100; ++i) {
    Result<net::HttpResponse> answer = transport->Send(Get(counting.server.Url("/calendar/" + std::to_string(i))));
    REQUIRE(answer.ok());
    CHECK(answer->status == 200);
  }
  MESSAGE("100 sequential calls arrived on " << counting.Connections() << " connection(s)");
  CHECK(counting.Connections() <= 2);

  // Four threads at once: at most one connection each (plus the idle one left over).
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) CHECK(transport->Send(Get(counting.server.Url("/parallel"))).ok());
    });
  }
  for (std::thread& thread : threads) thread.join();
  MESSAGE("200 calls in all arrived on " << counting.Connections() << " connection(s)");
  CHECK(counting.Connections() <= 6);
  CHECK(counting.requests == 200);
}

TEST_CASE("Transport: a kept connection the server closed is replaced, and the call still succeeds") {
  CountingServer counting;
  counting.server.server().set_keep_alive_timeout(1);  // the server drops idle connections after 1 s
  std::unique_ptr<net::HttpTransport> transport = net::MakeHttplibTransport(Env({}));
  REQUIRE(transport->Send(Get(counting.server.Url("/first"))).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  Result<net::HttpResponse> again = transport->Send(Get(counting.server.Url("/second")));
  REQUIRE(again.ok());
  CHECK(again->status == 200);
  CHECK(counting.Connections() == 2);
}

TEST_CASE("Transport: http_proxy carries plain-http calls; no_proxy and pinned addresses go direct") {
  CountingServer proxy;  // answers whatever arrives; a forward proxy receives the absolute URL as the target
  CountingServer direct;
  const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.server.port());
  std::unique_ptr<net::HttpTransport> transport =
      net::MakeHttplibTransport(Env({{"http_proxy", proxy_url}, {"no_proxy", "localhost, .internal.example"}}));

  REQUIRE(transport->Send(Get("http://calendar.provider.example/v1/events")).ok());
  CHECK(proxy.requests == 1);
  CHECK(direct.requests == 0);

  // no_proxy: a host under ".internal.example" is exempt — the call goes direct (and fails: the name does not
  // resolve here), never to the proxy.
  CHECK_FALSE(transport->Send(Get("http://ats.internal.example:" + std::to_string(direct.server.port()) + "/x")).ok());
  CHECK(proxy.requests == 1);
  // Loopback is always direct.
  REQUIRE(transport->Send(Get("http://127.0.0.1:" + std::to_string(direct.server.port()) + "/x")).ok());
  CHECK(direct.requests == 1);
  CHECK(proxy.requests == 1);

  // A pinned address (a tenant's webhook, checked by the outbound policy) never goes through the proxy.
  HttpRequest pinned = Get("http://ats.customer.example:" + std::to_string(direct.server.port()) + "/hook");
  pinned.connect_address = "127.0.0.1";
  REQUIRE(transport->Send(pinned).ok());
  CHECK(direct.requests == 2);
  CHECK(proxy.requests == 1);
}

TEST_CASE("ProxySettings: what the environment says, and what it cannot say") {
  const ProxySettings settings = Env({{"HTTPS_PROXY", "http://user:secret@proxy.corp.example:3128/"},
                                      {"https_proxy", ""},
                                      {"http_proxy", "proxy.corp.example"},
                                      {"NO_PROXY", "*.skip.example, .corp.example,10.0.0.5:8443, 10.0.0.0/8"}});
  const auto https = settings.ProxyFor("https", "www.googleapis.com", 443);
  REQUIRE(https.has_value());
  CHECK(https->host == "proxy.corp.example");
  CHECK(https->port == 3128);
  CHECK(https->username == "user");
  CHECK(https->password == "secret");
  const auto http = settings.ProxyFor("http", "example.org", 80);
  REQUIRE(http.has_value());
  CHECK(http->port == 80);
  CHECK_FALSE(settings.ProxyFor("https", "graph.corp.example", 443).has_value());    // under .corp.example
  CHECK_FALSE(settings.ProxyFor("https", "CORP.EXAMPLE", 443).has_value());          // the domain itself
  CHECK(settings.ProxyFor("https", "notcorp.example", 443).has_value());             // not a suffix at a dot
  CHECK_FALSE(settings.ProxyFor("https", "10.0.0.5", 8443).has_value());             // host and port
  CHECK(settings.ProxyFor("https", "10.0.0.5", 443).has_value());                    // another port
  CHECK_FALSE(settings.ProxyFor("https", "a.skip.example", 443).has_value());        // "*.skip.example"
  REQUIRE(settings.problems().size() == 1);
  CHECK(settings.problems()[0].find("10.0.0.0/8") != std::string::npos);

  CHECK_FALSE(Env({{"https_proxy", "socks5://p:1080"}}).ProxyFor("https", "a.example", 443).has_value());
  CHECK(Env({{"https_proxy", "socks5://p:1080"}}).problems().size() == 1);
  CHECK_FALSE(Env({{"https_proxy", "http://p:1"}, {"no_proxy", "*"}}).ProxyFor("https", "a.example", 443));
  CHECK_FALSE(Env({}).ProxyFor("https", "a.example", 443).has_value());
  for (const char* loopback : {"localhost", "127.0.0.1", "127.8.9.10", "::1"}) {
    CHECK_FALSE(Env({{"https_proxy", "http://p:1"}}).ProxyFor("https", loopback, 443).has_value());
  }
}
