// provider_registry.h — the providers this server is configured for: one OAuth client registration and one API base
// URL per provider, pointing at the real providers or at the sandbox (only the base URLs differ).
//
// Contract: built once at start-up, then read-only (thread-safe). A provider that is not configured has no client;
// routes for it answer "provider_not_configured".
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "oauth/oauth_client.h"
#include "connections/connect_purpose.h"
#include "oauth/provider.h"

namespace slotwise {

struct OrgAccessConfig {
  // Google service account with domain-wide delegation (empty client_email = not configured).
  oauth::ServiceAccount google_service_account;
  // Microsoft app-only (client credentials) uses the Microsoft client registration of this server when true. Which
  // customer's Microsoft tenant a token is for is each Slotwise tenant's own (connections/org_access_registry.h).
  bool microsoft_app_only = false;
};

class ProviderRegistry {
 public:
  ProviderRegistry(net::HttpTransport& transport, std::string public_base_url)
      : transport_(transport), public_base_url_(std::move(public_base_url)) {}

  // Sets the base URL this server is reached at (redirect URIs derive from it). Call before Configure.
  void SetPublicBaseUrl(std::string url) { public_base_url_ = std::move(url); }

  // Adds (or replaces) a provider. The redirect URI is derived: <public base>/oauth/<provider>/callback.
  // `scopes_configured`: the operator chose the scopes (providers.<p>.scopes), which then serve every purpose.
  void Configure(oauth::Provider provider, oauth::ProviderEndpoints endpoints, std::string client_id,
                 std::string client_secret, std::vector<std::string> scopes, bool scopes_configured = false);

  const oauth::OAuthClient* Client(oauth::Provider provider) const;
  std::optional<std::string> ApiBase(oauth::Provider provider) const;
  // Google's Admin SDK Directory API base (rooms, buildings); nullopt when Google is not configured.
  std::optional<std::string> DirectoryApiBase(oauth::Provider provider) const;
  std::string RedirectUri(oauth::Provider provider) const;
  net::HttpTransport& transport() const { return transport_; }

  OrgAccessConfig& org_access() { return org_access_; }
  const OrgAccessConfig& org_access() const { return org_access_; }

  // The scopes Slotwise asks for, per provider (calendar read/write, rooms, meetings, identity): every feature's.
  static std::vector<std::string> DefaultScopes(oauth::Provider provider);
  // The scopes a connection for `purpose` asks for: the operator's when configured, else the least the feature needs
  // (Microsoft: kCalendar and kMeetings leave Place.Read.All out; kHrPosting asks the Teams channel permissions of
  // the HR daily post and no calendar; every Graph call the purpose's features make is covered, as the sandbox checks
  // per route — docs/SANDBOX.md "Permissions per route"). Callers check CheckConnectPurpose first.
  std::vector<std::string> ScopesFor(oauth::Provider provider, ConnectPurpose purpose) const;
  // The scopes organisation access asks for (Google: what a Workspace administrator authorises for the service
  // account under domain-wide delegation); empty for providers without organisation access.
  static std::vector<std::string> OrganisationScopes(oauth::Provider provider);

 private:
  net::HttpTransport& transport_;
  std::string public_base_url_;
  std::map<oauth::Provider, std::unique_ptr<oauth::OAuthClient>> clients_;
  std::set<oauth::Provider> configured_scopes_;  // providers whose scopes the operator chose
  OrgAccessConfig org_access_;
};

}  // namespace slotwise
