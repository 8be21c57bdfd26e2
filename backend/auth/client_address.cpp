// client_address.cpp — see client_address.h.
#include "auth/client_address.h"

#include <algorithm>
#include <cstring>

#include <arpa/inet.h>

#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::auth {
namespace {


constexpr std::size_t kMaxAddressChars = 64;  // longer than any IPv6 text form

constexpr std::array<std::uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool IsV4Mapped(const IpAddress& address) {
  return address.family == IpFamily::kV6 && std::equal(kV4MappedPrefix.begin(), kV4MappedPrefix.end(),
                                                       address.bytes.begin());
}

IpAddress MappedToV4(const IpAddress& address) {
  IpAddress v4;
  std::copy(address.bytes.begin() + 12, address.bytes.end(), v4.bytes.begin());
  return v4;
}

int MaxPrefix(IpFamily family) { return family == IpFamily::kV4 ? 32 : 128; }

// `address` with the bits past `prefix_length` cleared.
IpAddress Masked(IpAddress address, int prefix_length) {
  for (int bit = prefix_length; bit < 128; ++bit) {
    address.bytes[static_cast<std::size_t>(bit / 8)] &= static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
  }
  return address;
}

// A list entry without its port: "a.b.c.d", "a.b.c.d:port", "v6", "[v6]" or "[v6]:port".
std::optional<IpAddress> ParseNode(std::string_view text) {
  if (text.starts_with('[')) {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || !ParseDecimal(rest.substr(1)))) return std::nullopt;
    const std::string_view inner = text.substr(1, close - 1);
    if (inner.find(':') == std::string_view::npos) return std::nullopt;  // "[192.0.2.1]" is not a form anyone sends
    return ParseIpAddress(inner);
  }
  const std::size_t colon = text.find(':');
  if (colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {  // IPv4 with port
    if (!ParseDecimal(text.substr(colon + 1))) return std::nullopt;
    auto address = ParseIpAddress(text.substr(0, colon));
    if (!address || address->family != IpFamily::kV4) return std::nullopt;
    return address;
  }
  return ParseIpAddress(text);
}

// Splits on `separator` outside double-quoted strings (Forwarded values may be quoted).
std::vector<std::string_view> SplitOutsideQuotes(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (quoted && text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      quoted = !quoted;
    } else if (!quoted && text[i] == separator) {
      pieces.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  pieces.push_back(text.substr(start));
  return pieces;
}

// The node of one Forwarded element's for= parameter; nullopt when absent or not an address.
std::optional<IpAddress> ForwardedFor(std::string_view element) {
  for (std::string_view pair : SplitOutsideQuotes(element, ';')) {
    pair = TrimBlanks(pair);
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos || !EqualsIgnoreCase(pair.substr(0, equals), "for")) continue;
    std::string_view value = pair.substr(equals + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (value.find_first_of("\\\"") != std::string_view::npos) return std::nullopt;  // no escapes in an address
    return ParseNode(value);
  }
  return std::nullopt;
}

bool IsTrusted(const IpAddress& address, const std::vector<Cidr>& trusted_proxies) {
  return std::any_of(trusted_proxies.begin(), trusted_proxies.end(),
                     [&](const Cidr& block) { return CidrContains(block, address); });
}

}  // namespace

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  if (text.empty() || text.size() > kMaxAddressChars) return std::nullopt;
  const std::string terminated(text);
  IpAddress address;
  if (terminated.find(':') == std::string::npos) {
    if (inet_pton(AF_INET, terminated.c_str(), address.bytes.data()) != 1) return std::nullopt;
    address.family = IpFamily::kV4;
    return address;
  }
  if (inet_pton(AF_INET6, terminated.c_str(), address.bytes.data()) != 1) return std::nullopt;
  address.family = IpFamily::kV6;
  if (IsV4Mapped(address)) return MappedToV4(address);
  return address;
}

std::string FormatIpAddress(const IpAddress& address) {
  char text[INET6_ADDRSTRLEN] = {};
  const int family = address.family == IpFamily::kV4 ? AF_INET : AF_INET6;
  if (inet_ntop(family, address.bytes.data(), text, sizeof text) == nullptr) return {};
  return text;
}

Result<Cidr> ParseCidr(std::string_view text) {
  text = TrimBlanks(text);
  const std::size_t slash = text.find('/');
  const auto address = ParseIpAddress(text.substr(0, slash));
  const std::string quoted = "'" + std::string(text) + "'";
  if (!address) {
    return Error{codes::kInvalidCidr, quoted + " is not an IPv4 or IPv6 address or CIDR block (e.g. 10.0.0.0/8).", ""};
  }
  // A mapped address was turned into IPv4 above; its prefix counts the 96 bits of the ::ffff:0:0/96 block.
  const bool was_mapped = address->family == IpFamily::kV4 && text.substr(0, slash).find(':') != std::string::npos;
  int prefix_length = MaxPrefix(address->family);
  if (slash != std::string_view::npos) {
    const std::string_view prefix_text = text.substr(slash + 1);
    const auto prefix = prefix_text.size() <= 3 ? ParseDecimal(prefix_text) : std::nullopt;
    const int limit = was_mapped ? 128 : MaxPrefix(address->family);
    if (!prefix || *prefix > limit || (was_mapped && *prefix < 96)) {
      return Error{codes::kInvalidCidr, quoted + " has a prefix length outside 0.." + std::to_string(limit) + ".", ""};
    }
    prefix_length = static_cast<int>(*prefix) - (was_mapped ? 96 : 0);
  }
  Cidr block{Masked(*address, prefix_length), prefix_length};
  if (!(block.network == *address)) {
    return Error{codes::kInvalidCidr, quoted + " has host bits set past the prefix; did you mean " +
                                         FormatIpAddress(block.network) + "/" + std::to_string(prefix_length) + "?", ""};
  }
  return block;
}

bool CidrContains(const Cidr& block, const IpAddress& address) {
  if (block.network.family != address.family) return false;
  return Masked(address, block.prefix_length) == block.network;
}

std::string ClientAddress(std::string_view remote_addr, std::string_view x_forwarded_for, std::string_view forwarded,
                          const std::vector<Cidr>& trusted_proxies) {
  const auto remote = ParseIpAddress(TrimBlanks(remote_addr));
  if (!remote) return std::string(remote_addr);
  if (!IsTrusted(*remote, trusted_proxies)) return FormatIpAddress(*remote);

  const bool use_xff = !TrimBlanks(x_forwarded_for).empty();
  const std::string_view list = use_xff ? x_forwarded_for : forwarded;
  if (TrimBlanks(list).empty()) return FormatIpAddress(*remote);
  const std::vector<std::string_view> entries = use_xff ? Split(list, ',') : SplitOutsideQuotes(list, ',');

  IpAddress last_trusted = *remote;
  for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
    const std::string_view item = TrimBlanks(*entry);
    const auto hop = use_xff ? ParseNode(item) : ForwardedFor(item);
    if (!hop) break;
    if (!IsTrusted(*hop, trusted_proxies)) return FormatIpAddress(*hop);
    last_trusted = *hop;
  }
  return FormatIpAddress(last_trusted);
}

}  // namespace slotwise::auth
