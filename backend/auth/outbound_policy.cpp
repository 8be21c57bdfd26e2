// outbound_policy.cpp — see outbound_policy.h.
#include "auth/outbound_policy.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>

#include "auth/client_address.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::auth {

namespace {

constexpr std::size_t kMaxUrlChars = 2048;

Error Refused(std::string message) { return Error{codes::kInvalidUrl, std::move(message), ""}; }

struct Block {
  Cidr cidr;
  const char* why;
};

// The blocks no tenant-supplied URL may reach, most specific first (a /32 inside a /8 names its own class).
const std::vector<Block>& ForbiddenBlocks() {
  static const std::vector<Block> blocks = [] {
    const std::array<std::pair<const char*, const char*>, 19> table = {{
        {"0.0.0.0/8", "unspecified"},
        {"127.0.0.0/8", "loopback"},
        {"10.0.0.0/8", "private"},
        {"172.16.0.0/12", "private"},
        {"192.168.0.0/16", "private"},
        {"169.254.0.0/16", "link-local"},
        {"100.64.0.0/10", "shared (CGNAT)"},
        {"192.0.0.0/24", "reserved"},
        {"198.18.0.0/15", "reserved"},
        {"224.0.0.0/4", "multicast"},
        {"240.0.0.0/4", "reserved"},
        {"::/128", "unspecified"},
        {"::1/128", "loopback"},
        {"fc00::/7", "private"},
        {"fec0::/10", "private"},
        {"fe80::/10", "link-local"},
        {"ff00::/8", "multicast"},
        {"100::/64", "reserved"},
        {"2001:db8::/32", "reserved"},
    }};
    std::vector<Block> parsed;
    for (const auto& [text, why] : table) parsed.push_back({ParseCidr(text).value(), why});
    return parsed;
  }();
  return blocks;
}

// The IPv4 address an IPv6 address carries inside it, for the forms that reach IPv4 hosts: IPv4-compatible
// (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:AABB:CCDD::). (IPv4-mapped ::ffff:a.b.c.d is already IPv4 after
// ParseIpAddress.)
std::optional<IpAddress> EmbeddedIpv4(const IpAddress& address) {
  if (address.family != IpFamily::kV6) return std::nullopt;
  const auto& b = address.bytes;
  const auto zero = [&](std::size_t from, std::size_t to) {
    return std::all_of(b.begin() + static_cast<long>(from), b.begin() + static_cast<long>(to),
                       [](std::uint8_t byte) { return byte == 0; });
  };
  IpAddress v4;
  v4.family = IpFamily::kV4;
  if (zero(0, 12)) {
    std::copy(b.begin() + 12, b.end(), v4.bytes.begin());
  } else if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && zero(4, 12)) {
    std::copy(b.begin() + 12, b.end(), v4.bytes.begin());
  } else if (b[0] == 0x20 && b[1] == 0x02) {
    std::copy(b.begin() + 2, b.begin() + 6, v4.bytes.begin());
  } else {
    return std::nullopt;
  }
  return v4;
}

std::optional<std::string> ClassOf(const IpAddress& address) {
  for (const Block& block : ForbiddenBlocks()) {
    if (CidrContains(block.cidr, address)) return std::string(block.why);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ForbiddenAddressClass(std::string_view text) {
  const std::optional<IpAddress> address = ParseIpAddress(text);
  if (!address) return std::string("unparsable");
  if (std::optional<std::string> why = ClassOf(*address)) return why;
  if (std::optional<IpAddress> inner = EmbeddedIpv4(*address)) {
    if (std::optional<std::string> why = ClassOf(*inner)) return why;
    if (address->bytes[0] == 0 && address->bytes[1] == 0) return std::string("reserved");  // ::a.b.c.d is deprecated
  }
  return std::nullopt;
}

Result<std::vector<std::string>> SystemResolve(const std::string& host) {
  // "localhost" and names under it are loopback by definition (RFC 6761), whatever /etc/hosts says or lacks.
  std::string name = host;
  for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (!name.empty() && name.back() == '.') name.pop_back();
  if (name == "localhost" || (name.size() > 10 && name.compare(name.size() - 10, 10, ".localhost") == 0)) {
    return std::vector<std::string>{"127.0.0.1", "::1"};
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int status = getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (status != 0) return Refused("the host " + host + " does not resolve (" + gai_strerror(status) + ")");
  std::vector<std::string> addresses;
  for (const addrinfo* entry = found; entry != nullptr; entry = entry->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw = entry->ai_family == AF_INET
                          ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(entry->ai_addr)->sin_addr)
                          : static_cast<const void*>(&reinterpret_cast<const sockaddr_in6*>(entry->ai_addr)->sin6_addr);
    if ((entry->ai_family == AF_INET || entry->ai_family == AF_INET6) &&
        inet_ntop(entry->ai_family, raw, text, sizeof text) != nullptr &&
        std::find(addresses.begin(), addresses.end(), text) == addresses.end()) {
      addresses.emplace_back(text);
    }
  }
  freeaddrinfo(found);
  if (addresses.empty()) return Refused("the host " + host + " has no IPv4 or IPv6 address");
  return addresses;
}

Result<UrlParts> SplitOutboundUrl(std::string_view url) {
  if (url.empty() || url.size() > kMaxUrlChars) return Refused("the URL must be an https:// URL of 1 to 2048 characters");
  if (HasControlCharacter(url) || url.find(' ') != std::string_view::npos) {
    return Refused("the URL must be an https:// URL without spaces or control characters");
  }
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return Refused("the URL must start with https://");
  UrlParts parts;
  parts.scheme = AsciiLower(url.substr(0, scheme_end));
  if (parts.scheme != "https" && parts.scheme != "http") {
    return Refused("only https URLs are called, not " + parts.scheme + ":");
  }
  if (url.find('#') != std::string_view::npos) return Refused("the URL must not have a fragment (#…)");
  const std::string_view rest = url.substr(scheme_end + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    parts.has_userinfo = true;
    authority = authority.substr(at + 1);
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return Refused("the URL's IPv6 host has no closing ]");
    parts.host = AsciiLower(authority.substr(1, close - 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return Refused("the URL's host is malformed");
    if (!after.empty()) port_text = after.substr(1);
    if (!ParseIpAddress(parts.host)) return Refused("the URL's host [" + parts.host + "] is not an IPv6 address");
  } else {
    const std::size_t colon = authority.rfind(':');
    parts.host = AsciiLower(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    if (parts.host.find_first_of("[]:") != std::string::npos) return Refused("the URL's host is malformed");
  }
  if (parts.host.empty()) return Refused("the URL has no host");
  parts.port = parts.scheme == "https" ? 443 : 80;
  if (!port_text.empty()) {
    const std::optional<std::int64_t> port = port_text.size() <= 5 ? ParseDecimal(port_text) : std::nullopt;
    if (!port || *port < 1 || *port > 65535) return Refused("the URL's port must be 1 to 65535");
    parts.port = static_cast<int>(*port);
  }
  return parts;
}

OutboundPolicy::OutboundPolicy(OutboundRules rules, Resolver resolve)
    : rules_(std::move(rules)), resolve_(resolve ? std::move(resolve) : Resolver(SystemResolve)) {}

bool OutboundPolicy::AllowListed(const UrlParts& parts) const {
  const std::string host = parts.host.find(':') != std::string::npos ? "[" + parts.host + "]" : parts.host;
  const std::string with_port = host + ":" + std::to_string(parts.port);
  return std::any_of(rules_.allowed_hosts.begin(), rules_.allowed_hosts.end(), [&](const std::string& entry) {
    return EqualsIgnoreCase(entry, host) || EqualsIgnoreCase(entry, with_port);
  });
}

Result<std::string> OutboundPolicy::Check(std::string_view url, std::string_view tenant_id) const {
  Result<UrlParts> parts = SplitOutboundUrl(url);
  if (!parts) return parts.error();
  if (parts->has_userinfo) return Refused("a URL with user info (user:password@) is refused; put credentials elsewhere");
  const bool allow_listed = AllowListed(*parts);
  const bool http_tenant =
      std::find(rules_.http_tenants.begin(), rules_.http_tenants.end(), tenant_id) != rules_.http_tenants.end();
  if (parts->scheme == "http" && !allow_listed && !http_tenant) {
    return Refused("only https URLs are called; plain http is for the demo tenant and the hosts in "
                   "outbound.allowed_hosts");
  }
  Result<std::vector<std::string>> addresses = resolve_(parts->host);
  if (!addresses) return Refused(addresses.error().message);
  if (addresses->empty()) return Refused("the host " + parts->host + " has no address");
  if (!allow_listed) {
    for (const std::string& address : *addresses) {
      if (std::optional<std::string> why = ForbiddenAddressClass(address)) {
        const std::string named = address == parts->host ? address : parts->host + " resolves to " + address + ", which";
        return Refused(named + " is a " + *why + " address; the server calls only public internet addresses (a "
                       "deployment's own hosts go in outbound.allowed_hosts)");
      }
    }
  }
  return addresses->front();
}

Result<net::HttpResponse> OutboundPolicy::Send(net::HttpTransport& transport, net::HttpRequest request,
                                               std::string_view tenant_id) const {
  Result<std::string> address = Check(request.url, tenant_id);
  if (!address) return address.error();
  request.connect_address = *address;
  return transport.Send(request);
}

}  // namespace slotwise::auth
