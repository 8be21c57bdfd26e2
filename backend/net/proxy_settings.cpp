// proxy_settings.cpp — see proxy_settings.h.
#include "net/proxy_settings.h"

#include <cstdlib>



namespace slotwise::net {

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '/')) text.remove_suffix(1);
  return text;
}

// "host:port" / "[v6]:port" / "host" → host and port (0 when absent); false when the port is not 1..65535.
bool SplitHostPort(std::string_view text, std::string& host, int& port) {
  port = 0;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) return false;
    host = std::string(text.substr(1, close - 1));
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') return false;
      port_text = text.substr(close + 2);
    }
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon != std::string_view::npos && text.find(':') == colon) {
      host = std::string(text.substr(0, colon));
      port_text = text.substr(colon + 1);
    } else {
      host = std::string(text);
    }
  }
  if (!port_text.empty()) {
    if (port_text.size() > 5) return false;
    for (char c : port_text) {
      if (c < '0' || c > '9') return false;
      port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) return false;
  }
  return !host.empty();
}

std::optional<ProxyEndpoint> ParseProxy(std::string_view name, std::string_view value,
                                        std::vector<std::string>& problems) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  std::string_view rest = value;
  if (const std::size_t scheme = rest.find("://"); scheme != std::string_view::npos) {
    if (Lower(rest.substr(0, scheme)) != "http") {
      problems.push_back(std::string(name) + ": only http:// proxies are supported; ignored");
      return std::nullopt;
    }
    rest.remove_prefix(scheme + 3);
  }
  ProxyEndpoint proxy;
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    const std::string_view userinfo = rest.substr(0, at);
    const std::size_t colon = userinfo.find(':');
    proxy.username = std::string(userinfo.substr(0, colon));
    if (colon != std::string_view::npos) proxy.password = std::string(userinfo.substr(colon + 1));
    rest.remove_prefix(at + 1);
  }
  if (rest.find('/') != std::string_view::npos || !SplitHostPort(rest, proxy.host, proxy.port)) {
    problems.push_back(std::string(name) + ": not http://[user:password@]host[:port]; ignored");
    return std::nullopt;
  }
  if (proxy.port == 0) proxy.port = 80;
  proxy.host = Lower(proxy.host);
  return proxy;
}

std::optional<std::string> Either(const ProxySettings::Getenv& getenv, std::string_view lower, std::string_view upper,
                                  std::string& used) {
  if (std::optional<std::string> value = getenv(lower); value && !value->empty()) {
    used = std::string(lower);
    return value;
  }
  used = std::string(upper);
  return getenv(upper);
}

}  // namespace

ProxySettings ProxySettings::FromEnvironment(const Getenv& getenv) {
  ProxySettings settings;
  std::string used;
  if (std::optional<std::string> https = Either(getenv, "https_proxy", "HTTPS_PROXY", used)) {
    settings.https_ = ParseProxy(used, *https, settings.problems_);
  }
  if (std::optional<std::string> http = Either(getenv, "http_proxy", "HTTP_PROXY", used)) {
    settings.http_ = ParseProxy(used, *http, settings.problems_);
  }
  if (std::optional<std::string> no_proxy = Either(getenv, "no_proxy", "NO_PROXY", used)) {
    std::string_view list = *no_proxy;
    while (!list.empty()) {
      const std::size_t comma = list.find(',');
      std::string_view entry = Trim(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      if (entry.empty()) continue;
      if (entry.find('/') != std::string_view::npos) {
        settings.problems_.push_back(used + ": \"" + std::string(entry) + "\" (ranges are not read); ignored");
        continue;
      }
      Exemption exemption;
      if (entry == "*") {
        exemption.host = "*";
      } else {
        if (entry.substr(0, 2) == "*.") entry.remove_prefix(1);  // "*.example.com" reads as ".example.com"
        if (entry.front() == '.') entry.remove_prefix(1);
        if (!SplitHostPort(entry, exemption.host, exemption.port)) {
          settings.problems_.push_back(used + ": \"" + std::string(entry) + "\" is not host[:port]; ignored");
          continue;
        }
        exemption.host = Lower(exemption.host);
      }
      settings.no_proxy_.push_back(std::move(exemption));
    }
  }
  return settings;
}

ProxySettings ProxySettings::FromProcessEnvironment() {
  return FromEnvironment([](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  });
}

std::optional<ProxyEndpoint> ProxySettings::ProxyFor(std::string_view scheme, std::string_view host, int port) const {
  const std::optional<ProxyEndpoint>& proxy = scheme == "https" ? https_ : http_;
  if (!proxy) return std::nullopt;
  const std::string name = Lower(host);
  // Loopback never goes through a proxy: the proxy's loopback is not ours (the sandbox, a local relay).
  if (name == "localhost" || name == "::1" || name.rfind("127.", 0) == 0) return std::nullopt;
  for (const Exemption& exemption : no_proxy_) {
    if (exemption.host == "*") return std::nullopt;
    if (exemption.port != 0 && exemption.port != port) continue;
    if (name == exemption.host) return std::nullopt;
    if (name.size() > exemption.host.size() && name.compare(name.size() - exemption.host.size(), std::string::npos,
                                                            exemption.host) == 0 &&
        name[name.size() - exemption.host.size() - 1] == '.') {
      return std::nullopt;
    }
  }
  return proxy;
}

}  // namespace slotwise::net
