// client_address.h — the client's IP address for logs and rate limiting, behind trusted reverse proxies.
//
// Forwarding headers are written by whoever sent the request, so they are believed only as far as a chain of trusted
// proxies vouches for them: when the TCP peer (remote_addr) is not a trusted proxy, X-Forwarded-For and Forwarded are
// ignored entirely; otherwise the list is walked from the right (the entry the nearest proxy appended) while the
// entries are trusted proxies, and the first untrusted address is the client.
//
// Addresses come back in canonical text: IPv4 dotted quad, IPv6 in RFC 5952 form (inet_ntop), and IPv4-mapped IPv6
// ("::ffff:192.0.2.1", as dual-stack sockets report IPv4 peers) as the IPv4 address, so one client has one key.
//
// Thread safety: pure functions, callable concurrently. No function throws except std::bad_alloc.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "slotwise/result.h"

namespace slotwise::auth {

enum class IpFamily { kV4, kV6 };

struct IpAddress {
  IpFamily family = IpFamily::kV4;
  std::array<std::uint8_t, 16> bytes{};  // network order; IPv4 uses the first 4

  bool operator==(const IpAddress&) const = default;
};

struct Cidr {
  IpAddress network;      // host bits zero
  int prefix_length = 0;  // 0..32 for IPv4, 0..128 for IPv6

  bool operator==(const Cidr&) const = default;
};

// A literal IPv4 (strict dotted quad, no leading zeros) or IPv6 address (no zone id, no brackets), via inet_pton.
// IPv4-mapped IPv6 becomes IPv4. nullopt otherwise.
std::optional<IpAddress> ParseIpAddress(std::string_view text);

// Canonical text of `address` (inet_ntop).
std::string FormatIpAddress(const IpAddress& address);

// "10.0.0.0/8", "2001:db8::/32", "::1/128", or a bare address ("127.0.0.1" = /32, "::1" = /128). Surrounding
// spaces are ignored. An IPv4-mapped IPv6 block with prefix >= 96 ("::ffff:10.0.0.0/104") becomes the IPv4 block.
// Error "invalid_cidr" for an unparsable address, a prefix that is not 1..3 digits within the family's range, or
// host bits set past the prefix ("10.0.0.1/8"; the message names the network meant).
Result<Cidr> ParseCidr(std::string_view text);

// True when `address` is inside `block` (same family and equal first prefix_length bits).
bool CidrContains(const Cidr& block, const IpAddress& address);

// The client's address. Arguments:
//   remote_addr       the TCP peer address (cpp-httplib's req.remote_addr)
//   x_forwarded_for   every X-Forwarded-For header line joined with ","; "" when absent (cpp-httplib's
//                     get_header_value returns only the first line: join all of them, in order)
//   forwarded         every Forwarded (RFC 7239) line joined with ","; "" when absent; read only when
//                     x_forwarded_for is empty
//   trusted_proxies   the proxies in front of the server
// Rules:
//   remote_addr not an IP address      -> remote_addr unchanged (e.g. a Unix socket path); headers ignored
//   remote_addr not in trusted_proxies -> remote_addr (canonical); headers IGNORED, whatever they claim
//   otherwise walk the list from the right: a trusted entry is skipped, the first untrusted entry is the answer;
//   a malformed entry (not an address, an empty item, Forwarded's "unknown"/"_obfuscated" or an element without
//   for=) stops the walk and the last trusted hop is the answer; when every entry is trusted the leftmost is.
// Entries may carry a port: "192.0.2.1:4711", "[2001:db8::1]:4711" (Forwarded values in quotes as RFC 7239 says).
// Proxies must be configured to write X-Forwarded-For (nginx $proxy_add_x_forwarded_for, HAProxy `option
// forwardfor`); a proxy that only writes Forwarded must also drop any X-Forwarded-For the client sent, or the client
// could choose the answer.
std::string ClientAddress(std::string_view remote_addr, std::string_view x_forwarded_for, std::string_view forwarded,
                          const std::vector<Cidr>& trusted_proxies);

}  // namespace slotwise::auth
