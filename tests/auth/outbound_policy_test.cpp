// Tests for backend/auth/outbound_policy: address classes (also in IPv4-mapped and other embedded IPv6 forms), URL
// syntax, the scheme and user-info rules, the allow-list, and delivery that connects to the checked address — a
// resolver that changes its answer between the write and the delivery (DNS rebinding) is refused, and the request
// that goes out is pinned to the address that was checked; and the cpp-httplib transport really connects to that
// pinned address (a name that cannot resolve reaches a loopback receiver through connect_address).
#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "auth/outbound_policy.h"
#include "slotwise/error_codes.h"
#include "support/loopback_server.h"

using namespace slotwise;
using namespace slotwise::auth;

namespace {

// A resolver answering from a table (host -> addresses), counting its calls.
struct FakeDns {
  std::map<std::string, std::vector<std::string>> table;
  int calls = 0;
  Resolver resolver() {
    return [this](const std::string& host) -> Result<std::vector<std::string>> {
      ++calls;
      auto found = table.find(host);
      if (found == table.end()) return Error{codes::kInvalidUrl, "the host " + host + " does not resolve", ""};
      return found->second;
    };
  }
};

// A transport that records what it was asked to send.
struct RecordingTransport final : net::HttpTransport {
  std::vector<net::HttpRequest> sent;
  Result<net::HttpResponse> Send(const net::HttpRequest& request) override {
    sent.push_back(request);
    net::HttpResponse response;
    response.status = 204;
    return response;
  }
};

}  // namespace

TEST_CASE("outbound policy: every forbidden address class, also in IPv4-mapped and embedded IPv6 forms") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"127.0.0.1", "loopback"},          {"127.255.255.254", "loopback"},    {"::1", "loopback"},
      {"10.0.0.1", "private"},            {"172.31.255.255", "private"},      {"192.168.0.1", "private"},
      {"fc00::1", "private"},             {"fdff:ffff::1", "private"},        {"169.254.169.254", "link-local"},
      {"fe80::1", "link-local"},          {"febf::1", "link-local"},          {"224.0.0.1", "multicast"},
      {"239.255.255.250", "multicast"},   {"ff02::1", "multicast"},           {"0.0.0.0", "unspecified"},
      {"0.1.2.3", "unspecified"},         {"::", "unspecified"},              {"100.64.0.1", "shared (CGNAT)"},
      {"100.127.255.255", "shared (CGNAT)"}, {"255.255.255.255", "reserved"}, {"240.0.0.1", "reserved"},
      {"::ffff:127.0.0.1", "loopback"},   {"::ffff:169.254.169.254", "link-local"}, {"::ffff:10.1.1.1", "private"},
      {"::127.0.0.1", "loopback"},        {"64:ff9b::a9fe:a9fe", "link-local"}, {"2002:7f00:1::", "loopback"},
      {"2002:c0a8:101::1", "private"},    {"fe80::1%eth0", "unparsable"},      {"not-an-address", "unparsable"},
  };
  for (const auto& [address, why] : cases) {
    CAPTURE(address);
    CHECK(ForbiddenAddressClass(address).value_or("public") == why);
  }
  for (const char* address : {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
                              "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"}) {
    CAPTURE(address);
    CHECK_FALSE(ForbiddenAddressClass(address).has_value());
  }
}

TEST_CASE("outbound policy: URL syntax, scheme, user info and the allow-list") {
  FakeDns dns;
  dns.table = {{"ats.example", {"93.184.215.14"}},
               {"ats.internal.example", {"10.20.30.40"}},
               {"93.184.215.14", {"93.184.215.14"}},
               {"127.0.0.1", {"127.0.0.1"}}};
  const OutboundPolicy policy({{"ats.internal.example", "127.0.0.1:8099"}, {"kumo"}}, dns.resolver());
  CHECK(policy.Check("https://ats.example/hooks/slotwise?x=1", "acme").value() == "93.184.215.14");
  CHECK(policy.Check("https://ATS.example:8443/hooks", "acme").ok());
  for (const char* bad : {"", "ats.example/hook", "file:///etc/passwd", "gopher://ats.example/", "javascript:alert(1)",
                          "https://", "https://:443/x", "https://ats.example:0/", "https://ats.example:65536/",
                          "https://ats.example:44x/", "https://ats.example/a b", "https://ats.example/#frag",
                          "https://[::1/x", "https://[ats.example]/x", "https://user@ats.example/",
                          "https://user:pw@ats.example/", "http://ats.example/hook", "https://unknown.example/"}) {
    CAPTURE(bad);
    const Result<std::string> checked = policy.Check(bad, "acme");
    CHECK_FALSE(checked.ok());
    if (!checked) CHECK(checked.error().code == codes::kInvalidUrl);
  }
  // The demo tenant may use plain http to a public address, not to a private one.
  CHECK(policy.Check("http://ats.example/hook", "kumo").ok());
  CHECK_FALSE(policy.Check("http://127.0.0.2/hook", "kumo").ok());
  // Allow-listed: a host name with any port, or an address with exactly that port; http and private addresses allowed.
  CHECK(policy.Check("http://ats.internal.example:9000/x", "acme").value() == "10.20.30.40");
  CHECK(policy.Check("http://127.0.0.1:8099/ats", "acme").ok());
  CHECK_FALSE(policy.Check("http://127.0.0.1:8100/ats", "acme").ok());
  CHECK_FALSE(policy.Check("http://user:pw@ats.internal.example/x", "acme").ok());  // user info never
}

TEST_CASE("outbound policy: one forbidden address among several refuses the host; the message names it") {
  FakeDns dns;
  dns.table = {{"mixed.example", {"93.184.215.14", "169.254.169.254"}}};
  const OutboundPolicy policy({}, dns.resolver());
  const Result<std::string> checked = policy.Check("https://mixed.example/hook", "acme");
  REQUIRE_FALSE(checked.ok());
  CHECK(checked.error().message.find("mixed.example resolves to 169.254.169.254") != std::string::npos);
  CHECK(checked.error().message.find("link-local") != std::string::npos);
}

TEST_CASE("outbound policy: delivery checks again and connects to the checked address (DNS rebinding)") {
  FakeDns dns;
  dns.table = {{"ats.example", {"93.184.215.14"}}};
  const OutboundPolicy policy({}, dns.resolver());
  REQUIRE(policy.Check("https://ats.example/hook", "acme").ok());  // written while the name was public

  RecordingTransport transport;
  net::HttpRequest request;
  request.method = "POST";
  request.url = "https://ats.example/hook";
  request.timeout = std::chrono::seconds(5);
  REQUIRE(policy.Send(transport, request, "acme").ok());
  REQUIRE(transport.sent.size() == 1);
  CHECK(transport.sent[0].connect_address == "93.184.215.14");  // pinned: the transport does not resolve again
  CHECK(transport.sent[0].url == "https://ats.example/hook");   // the name stays for TLS and Host

  dns.table["ats.example"] = {"127.0.0.1"};  // the owner of the name points it at loopback
  const Result<net::HttpResponse> rebound = policy.Send(transport, request, "acme");
  CHECK_FALSE(rebound.ok());
  CHECK(transport.sent.size() == 1);  // nothing went out
  CHECK(dns.calls == 3);
}

TEST_CASE("outbound policy: the system resolver answers literals and localhost without the network") {
  const Result<std::vector<std::string>> literal = SystemResolve("192.0.2.7");
  REQUIRE(literal.ok());
  CHECK(literal->front() == "192.0.2.7");
  const Result<std::vector<std::string>> numeric = SystemResolve("2130706433");  // 127.0.0.1 as one number
  if (numeric) CHECK(ForbiddenAddressClass(numeric->front()).value_or("") == "loopback");
  const OutboundPolicy policy;
  const Result<std::string> local = policy.Check("https://localhost/hook", "acme");
  REQUIRE_FALSE(local.ok());
  CHECK(local.error().message.find("loopback") != std::string::npos);
}

TEST_CASE("outbound policy: the cpp-httplib transport connects to connect_address, not to what the name resolves to") {
  slotwise::testing::LoopbackServer receiver;
  receiver.server().Post("/hook", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.get_header_value("Host"), "text/plain");  // the name stays the request's Host
  });
  const int port = receiver.Start();
  const std::unique_ptr<net::HttpTransport> transport = net::MakeHttplibTransport();
  net::HttpRequest request;
  request.method = "POST";
  request.url = "http://ats.invalid:" + std::to_string(port) + "/hook";  // .invalid never resolves (RFC 6761)
  request.timeout = std::chrono::seconds(5);
  CHECK_FALSE(transport->Send(request).ok());  // resolving the name fails
  request.connect_address = "127.0.0.1";
  const Result<net::HttpResponse> pinned = transport->Send(request);
  REQUIRE(pinned.ok());
  CHECK(pinned->status == 200);
  CHECK(pinned->body.rfind("ats.invalid", 0) == 0);
}
