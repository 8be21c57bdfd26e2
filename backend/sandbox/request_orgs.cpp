// request_orgs.cpp — see request_orgs.h.
#include "sandbox/request_orgs.h"

#include <algorithm>
#include <cctype>

#include "sandbox/http_util.h"

namespace slotwise::sandbox {

namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string DomainOf(const std::string& email) {
  const std::size_t at = email.find('@');
  return at == std::string::npos ? "" : Lower(email.substr(at + 1));
}

// A Microsoft domain's tenant id, or "" when no seeded tenant owns it.
std::string TenantOfDomain(const SandboxState& state, const std::string& domain) {
  for (const auto& [id, tenant] : state.tenants) {
    if (Lower(tenant.domain) == domain) return id;
  }
  return "";
}

std::string OrganisationOfUser(const User& user) {
  if (user.provider == "microsoft" && !user.tenant.empty()) return user.tenant;
  return DomainOf(user.email);
}

std::string OrganisationOfRoom(const SandboxState& state, const Room& room) {
  const std::string domain = room.domain.empty() ? DomainOf(room.email) : Lower(room.domain);
  if (room.provider == "microsoft") {
    if (std::string tenant = TenantOfDomain(state, domain); !tenant.empty()) return tenant;
  }
  return domain;
}

}  // namespace

RequestOrganisations OrganisationsOf(const SandboxState& state, const httplib::Request& req) {
  RequestOrganisations organisations;
  if (const std::string bearer = BearerToken(req); !bearer.empty()) {
    if (auto found = state.access_tokens.find(bearer); found != state.access_tokens.end()) {
      const AccessToken& token = found->second;
      if (!token.tenant.empty()) {
        organisations.token = token.tenant;
      } else {
        organisations.token = DomainOf(token.user_email);
        for (const User& user : state.users) {
          if (user.provider == token.provider && Lower(user.email) == Lower(token.user_email)) {
            organisations.token = OrganisationOfUser(user);
          }
        }
      }
    }
  }
  // Addresses arrive percent-encoded in paths and queries ("%40"); the body is as sent.
  const std::string haystack = Lower(net::PercentDecode(req.target).value_or(req.target) + "\n" + req.body);
  for (const User& user : state.users) {
    if (user.provider != "google" && user.provider != "microsoft") continue;
    if (haystack.find(Lower(user.email)) != std::string::npos ||
        (!user.id.empty() && haystack.find(Lower(user.id)) != std::string::npos)) {
      organisations.data.insert(OrganisationOfUser(user));
    }
  }
  for (const Room& room : state.rooms) {
    if (haystack.find(Lower(room.email)) != std::string::npos) organisations.data.insert(OrganisationOfRoom(state, room));
  }
  return organisations;
}

}  // namespace slotwise::sandbox
