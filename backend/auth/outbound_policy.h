// outbound_policy.h — the one rule for URLs a tenant gives the server to call (the ATS webhook, an HR Workflows
// webhook): which may be stored, and how a request to one is sent. It is what keeps an API-key holder from making the
// server POST to its own network (server-side request forgery).
//
// Contract:
// - A URL is https://host[:port]/path?query. Plain http only when the tenant is one of `http_tenants` (the demo) or
//   the host is allow-listed. No user info ("https://user:pass@…"), no fragment, nothing else than http(s); the host
//   is a DNS name or an IP literal (IPv6 in brackets).
// - The host is resolved and EVERY address it resolves to is checked; one forbidden address refuses the URL. Refused:
//   loopback (127/8, ::1), private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 — the cloud
//   metadata address —, fe80::/10), multicast (224/4, ff00::/8), unspecified (0/8, ::), shared address space / CGNAT
//   (100.64/10), reserved (240/4 with the broadcast address, 192.0.0/24, 198.18/15, 100::/64, 2001:db8::/32,
//   fec0::/10 counted as private), and each of these inside an IPv6 address: IPv4-mapped (::ffff:a.b.c.d),
//   IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16). Numeric spellings the resolver accepts ("2130706433", "0x7f.1") are resolved like names, so
//   they are checked as the addresses they are.
// - An allow-listed host ("host" or "host:port", compared case-insensitively with the URL's host and port) is exempt
//   from the scheme and address rules — the way a test's loopback receiver or a deployment's internal ATS is
//   permitted (docs/CONFIG.md, outbound.allowed_hosts). User info is refused even there.
// - Send() checks again at delivery (resolution may have changed), then connects to the address it checked
//   (net::HttpRequest::connect_address — no second resolution, so DNS rebinding cannot swap it), and never follows a
//   redirect (a 3xx comes back as the answer, which callers treat as a failure).
// - Errors are "invalid_url" with a specific message (which part is wrong, which address class), field "". Callers
//   facing a tenant at write time add the field path; at delivery they log the message and tell the API caller less.
// - Addresses are parsed and compared with client_address.h's ParseIpAddress / ParseCidr / CidrContains.
// - Immutable after construction; thread-safe. The resolver is injected (tests); the default uses getaddrinfo.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/http_transport.h"
#include "slotwise/result.h"

namespace slotwise::auth {

struct OutboundRules {
  std::vector<std::string> allowed_hosts;  // "host" or "host:port" ("[::1]:8443"); exempt from scheme/address rules
  std::vector<std::string> http_tenants;   // tenants that may use plain http to public addresses (the demo tenant)
};

// The addresses `host` resolves to (text: "192.0.2.1", "2001:db8::1"), or an Error when it does not resolve.
using Resolver = std::function<Result<std::vector<std::string>>(const std::string& host)>;

// getaddrinfo (A and AAAA records; IP literals come back as themselves); "localhost" and names under it are
// 127.0.0.1 and ::1 without asking (RFC 6761), so a machine without /etc/hosts judges them the same.
Result<std::vector<std::string>> SystemResolve(const std::string& host);

// Why `address` (an IPv4 or IPv6 literal) must not be called — "loopback", "private", "link-local", "multicast",
// "unspecified", "shared (CGNAT)", "reserved" — or nullopt for an address on the public internet. Text that is not
// an IP literal answers "unparsable".
std::optional<std::string> ForbiddenAddressClass(std::string_view address);

// A URL taken apart (no checks beyond the syntax).
struct UrlParts {
  std::string scheme;    // lower case
  std::string host;      // lower case, IPv6 without brackets
  int port = 0;          // the explicit port, or the scheme's default
  bool has_userinfo = false;
};
Result<UrlParts> SplitOutboundUrl(std::string_view url);

class OutboundPolicy {
 public:
  OutboundPolicy() : OutboundPolicy(OutboundRules{}) {}                      // no allow-list, no http tenant
  explicit OutboundPolicy(OutboundRules rules, Resolver resolve = {});        // {} = SystemResolve

  // The address a request to `url` for `tenant_id` will connect to, after every check above; Error "invalid_url".
  Result<std::string> Check(std::string_view url, std::string_view tenant_id) const;

  // Check(request.url), then `transport.Send` pinned to the checked address. Errors: Check's, or the transport's.
  Result<net::HttpResponse> Send(net::HttpTransport& transport, net::HttpRequest request,
                                 std::string_view tenant_id) const;

  const OutboundRules& rules() const { return rules_; }

 private:
  bool AllowListed(const UrlParts& parts) const;

  OutboundRules rules_;
  Resolver resolve_;
};

// A transport that sends every request through `policy.Send` for one tenant — for code that takes a transport (the
// Teams webhook adapter). Borrows both; as thread-safe as `inner`.
class GuardedTransport final : public net::HttpTransport {
 public:
  GuardedTransport(const OutboundPolicy& policy, net::HttpTransport& inner, std::string tenant_id)
      : policy_(policy), inner_(inner), tenant_id_(std::move(tenant_id)) {}
  Result<net::HttpResponse> Send(const net::HttpRequest& request) override {
    return policy_.Send(inner_, request, tenant_id_);
  }

 private:
  const OutboundPolicy& policy_;
  net::HttpTransport& inner_;
  std::string tenant_id_;
};

}  // namespace slotwise::auth
