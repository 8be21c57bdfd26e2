// proxy_settings.h — which outbound HTTP requests go through a forward proxy, read from the environment the way
// curl and most HTTP clients read it.
//
// Contract:
// - FromEnvironment reads https_proxy / HTTPS_PROXY (for https URLs), http_proxy / HTTP_PROXY (for http URLs) and
//   no_proxy / NO_PROXY; the lower-case name wins when both are set. A proxy is "http://[user:password@]host[:port]"
//   (port 80 when absent; "host:port" without a scheme is read as http). A value that does not read as such is
//   ignored and reported in `problems` (the server prints them at start) — never a silent half-setting.
// - NO_PROXY is a comma list: "*" (no proxy at all), a host name ("example.com", ".example.com" or "*.example.com":
//   that host and every host under it), an IP literal (exact), each with an optional ":port" that must then match too.
//   CIDR ranges are not read (reported in `problems`).
// - ProxyFor(scheme, host, port) answers the proxy for that request, or nullopt to connect directly; loopback
//   ("localhost", 127.0.0.0/8, ::1) is always direct.
// - Pure values; thread-safe to read.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slotwise::net {

struct ProxyEndpoint {
  std::string host;
  int port = 80;
  std::string username;  // "" = no proxy authentication
  std::string password;
};

class ProxySettings {
 public:
  using Getenv = std::function<std::optional<std::string>(std::string_view name)>;

  static ProxySettings FromEnvironment(const Getenv& getenv);
  static ProxySettings FromProcessEnvironment();  // std::getenv

  std::optional<ProxyEndpoint> ProxyFor(std::string_view scheme, std::string_view host, int port) const;

  const std::vector<std::string>& problems() const { return problems_; }

 private:
  struct Exemption {
    std::string host;  // lower case, no leading dot; "*" = everything
    int port = 0;      // 0 = any port
  };

  std::optional<ProxyEndpoint> https_;
  std::optional<ProxyEndpoint> http_;
  std::vector<Exemption> no_proxy_;
  std::vector<std::string> problems_;
};

}  // namespace slotwise::net
