// Tests for backend/auth/client_address: CIDR parsing, containment, and the walk over forwarding headers.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "auth/client_address.h"

using namespace slotwise::auth;

namespace {

Cidr Block(const char* text) {
  const auto block = ParseCidr(text);
  REQUIRE_MESSAGE(block, text);
  return block.value();
}

bool Contains(const char* block, const char* address) {
  const auto parsed = ParseIpAddress(address);
  REQUIRE_MESSAGE(parsed, address);
  return CidrContains(Block(block), *parsed);
}

// A load balancer network, a local proxy and an IPv6 proxy network.
std::vector<Cidr> Trusted() { return {Block("10.0.0.0/8"), Block("127.0.0.1"), Block("fd00::/8")}; }

}  // namespace

TEST_CASE("ClientAddress: ParseCidr reads IPv4, IPv6 and bare addresses") {
  CHECK(Block("10.0.0.0/8").prefix_length == 8);
  CHECK(FormatIpAddress(Block("10.0.0.0/8").network) == "10.0.0.0");
  CHECK(Block("127.0.0.1").prefix_length == 32);
  CHECK(Block("::1/128").prefix_length == 128);
  CHECK(Block("::1").prefix_length == 128);
  CHECK(Block("::1").network.family == IpFamily::kV6);
  CHECK(Block("2001:DB8::/32").prefix_length == 32);
  CHECK(FormatIpAddress(Block("2001:DB8::/32").network) == "2001:db8::");
  CHECK(Block("0.0.0.0/0").prefix_length == 0);
  CHECK(Block("::/0").prefix_length == 0);
  CHECK(Block(" 192.168.0.0/16 ").prefix_length == 16);
  // IPv4-mapped IPv6 becomes IPv4.
  const Cidr mapped = Block("::ffff:10.1.0.0/112");
  CHECK(mapped.network.family == IpFamily::kV4);
  CHECK(mapped.prefix_length == 16);
  CHECK(FormatIpAddress(mapped.network) == "10.1.0.0");
}

TEST_CASE("ClientAddress: ParseCidr refuses junk with invalid_cidr") {
  for (const char* junk : {"", "/8", "10.0.0.0/", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/8/8",
                           "10.0.0.0/a", "10.0.0.0/0008", "10.0.0", "10.0.0.256", "010.0.0.1", "localhost",
                           "10.0.0.0 /8", "fe80::1%eth0", "[::1]", "::ffff:10.0.0.0/95", "1.2.3.4.5"}) {
    const auto block = ParseCidr(junk);
    CHECK_MESSAGE(!block, "accepted: " << junk);
    if (!block) CHECK(block.error().code == "invalid_cidr");
  }
  const auto host_bits = ParseCidr("10.0.0.1/8");
  REQUIRE_FALSE(host_bits);
  CHECK(host_bits.error().code == "invalid_cidr");
  CHECK(host_bits.error().message.find("10.0.0.0/8") != std::string::npos);
  CHECK_FALSE(ParseCidr("2001:db8::1/32"));
}

TEST_CASE("ClientAddress: CidrContains compares the prefix bits of the same family") {
  CHECK(Contains("10.0.0.0/8", "10.255.3.4"));
  CHECK_FALSE(Contains("10.0.0.0/8", "11.0.0.0"));
  CHECK(Contains("192.168.1.128/25", "192.168.1.255"));
  CHECK_FALSE(Contains("192.168.1.128/25", "192.168.1.127"));
  CHECK(Contains("0.0.0.0/0", "203.0.113.9"));
  CHECK_FALSE(Contains("0.0.0.0/0", "2001:db8::1"));
  CHECK_FALSE(Contains("::/0", "203.0.113.9"));
  CHECK(Contains("2001:db8::/32", "2001:db8:ffff::1"));
  CHECK_FALSE(Contains("2001:db8::/32", "2001:db9::1"));
  CHECK(Contains("2001:db8::/33", "2001:db8:7fff::1"));
  CHECK_FALSE(Contains("2001:db8::/33", "2001:db8:8000::1"));
  CHECK(Contains("::1/128", "::1"));
  CHECK(Contains("10.0.0.0/8", "::ffff:10.2.3.4"));  // a dual-stack socket's view of an IPv4 peer
}

TEST_CASE("ClientAddress: an untrusted peer's forwarding headers are ignored") {
  CHECK(ClientAddress("203.0.113.7", "1.2.3.4", "", Trusted()) == "203.0.113.7");
  CHECK(ClientAddress("203.0.113.7", "10.0.0.1", "", Trusted()) == "203.0.113.7");
  CHECK(ClientAddress("203.0.113.7", "", "for=1.2.3.4", Trusted()) == "203.0.113.7");
  CHECK(ClientAddress("2001:db8::7", "1.2.3.4", "for=1.2.3.4", Trusted()) == "2001:db8::7");
  CHECK(ClientAddress("203.0.113.7", "1.2.3.4", "", {}) == "203.0.113.7");
  // Canonical text of the peer itself.
  CHECK(ClientAddress("::ffff:203.0.113.7", "1.2.3.4", "", Trusted()) == "203.0.113.7");
  CHECK(ClientAddress("2001:DB8:0::7", "", "", Trusted()) == "2001:db8::7");
  CHECK(ClientAddress("/run/slotwise.sock", "1.2.3.4", "", Trusted()) == "/run/slotwise.sock");
}

TEST_CASE("ClientAddress: behind trusted proxies the first untrusted hop from the right is the client") {
  CHECK(ClientAddress("10.0.0.2", "198.51.100.9", "", Trusted()) == "198.51.100.9");
  CHECK(ClientAddress("127.0.0.1", "198.51.100.9, 10.0.0.2", "", Trusted()) == "198.51.100.9");
  // The client prepended a spoofed address; the proxy appended the real one.
  CHECK(ClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.9", "", Trusted()) == "198.51.100.9");
  CHECK(ClientAddress("10.0.0.2", "6.6.6.6,198.51.100.9,10.1.1.1", "", Trusted()) == "198.51.100.9");
  // Entries with ports.
  CHECK(ClientAddress("10.0.0.2", "198.51.100.9:51234", "", Trusted()) == "198.51.100.9");
  CHECK(ClientAddress("10.0.0.2", "[2001:db8::9]:443", "", Trusted()) == "2001:db8::9");
  // Every hop trusted: the leftmost.
  CHECK(ClientAddress("10.0.0.2", "10.9.9.9, 10.0.0.3", "", Trusted()) == "10.9.9.9");
  // Empty headers: the peer.
  CHECK(ClientAddress("10.0.0.2", "", "", Trusted()) == "10.0.0.2");
  CHECK(ClientAddress("10.0.0.2", "  ", "", Trusted()) == "10.0.0.2");
}

TEST_CASE("ClientAddress: IPv6 peers, proxies and clients") {
  CHECK(ClientAddress("fd00::1", "2001:db8::42", "", Trusted()) == "2001:db8::42");
  CHECK(ClientAddress("fd00::1", "2001:DB8:0:0::42, fd12::3", "", Trusted()) == "2001:db8::42");
  CHECK(ClientAddress("fd00::1", "203.0.113.5", "", Trusted()) == "203.0.113.5");
  CHECK(ClientAddress("::ffff:10.0.0.2", "::ffff:198.51.100.9", "", Trusted()) == "198.51.100.9");
  CHECK(ClientAddress("::1", "198.51.100.9", "", {Block("::1/128")}) == "198.51.100.9");
}

TEST_CASE("ClientAddress: a malformed entry stops the walk at the last trusted hop") {
  CHECK(ClientAddress("10.0.0.2", "garbage", "", Trusted()) == "10.0.0.2");
  CHECK(ClientAddress("10.0.0.2", "198.51.100.9, garbage, 10.0.0.3", "", Trusted()) == "10.0.0.3");
  CHECK(ClientAddress("10.0.0.2", "198.51.100.9,,10.0.0.3", "", Trusted()) == "10.0.0.3");
  CHECK(ClientAddress("10.0.0.2", "198.51.100.9, unknown", "", Trusted()) == "10.0.0.2");
  CHECK(ClientAddress("10.0.0.2", "1.2.3.4.5", "", Trusted()) == "10.0.0.2");
  CHECK(ClientAddress("10.0.0.2", "[1.2.3.4]", "", Trusted()) == "10.0.0.2");
  CHECK(ClientAddress("10.0.0.2", "198.51.100.9:http", "", Trusted()) == "10.0.0.2");
  CHECK(ClientAddress("10.0.0.2", "198.51.100.9 10.0.0.3", "", Trusted()) == "10.0.0.2");
}

TEST_CASE("ClientAddress: Forwarded (RFC 7239) is walked when X-Forwarded-For is absent") {
  CHECK(ClientAddress("10.0.0.2", "", "for=198.51.100.9", Trusted()) == "198.51.100.9");
  CHECK(ClientAddress("10.0.0.2", "", "For=198.51.100.9;proto=https;by=10.0.0.2", Trusted()) == "198.51.100.9");
  CHECK(ClientAddress("10.0.0.2", "", R"(for="[2001:db8:cafe::17]:4711")", Trusted()) == "2001:db8:cafe::17");
  CHECK(ClientAddress("10.0.0.2", "", "for=6.6.6.6, for=198.51.100.9, for=10.0.0.3", Trusted()) == "198.51.100.9");
  CHECK(ClientAddress("10.0.0.2", "", R"(for="198.51.100.9:80";host="a,b", for=10.0.0.3)", Trusted()) ==
        "198.51.100.9");
  CHECK(ClientAddress("10.0.0.2", "", "for=unknown, for=10.0.0.3", Trusted()) == "10.0.0.3");
  CHECK(ClientAddress("10.0.0.2", "", "for=_hidden", Trusted()) == "10.0.0.2");
  CHECK(ClientAddress("10.0.0.2", "", "proto=https", Trusted()) == "10.0.0.2");
  CHECK(ClientAddress("10.0.0.2", "", "for=[2001:db8::1]", Trusted()) == "2001:db8::1");
  // X-Forwarded-For wins when both are present.
  CHECK(ClientAddress("10.0.0.2", "198.51.100.9", "for=6.6.6.6", Trusted()) == "198.51.100.9");
}
