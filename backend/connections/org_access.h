// org_access.h — organisation-level access tokens: a Google service account with domain-wide delegation acting as
// any user of its Workspace domain (RFC 7523 JWT bearer grant), and Microsoft app-only access (client credentials,
// Graph application permissions) for every mailbox and room of one tenant. For room calendars and for people who
// never connected their own calendar. docs/PROVIDERS.md "Google service accounts", "Microsoft app-only access".
//
// Contract:
// - Tokens are handed out as providers::AccessTokenSource, so GoogleCalendar / MicrosoftGraphCalendar use them
//   unchanged (for Graph, set MicrosoftGraphOptions::default_mailbox to a user: "/me" has no meaning app-only).
// - Caching: one token per Google subject (keyed by the address, ASCII case-insensitive) and one Microsoft app token,
//   kept in memory until kRefreshMargin seconds before expiry (or half the token's lifetime, when that is shorter).
//   Nothing is persisted; service-account and app tokens have no refresh token — a new grant replaces them.
// - Single flight, as in TokenManager: grants are serialised per subject (per app token for Microsoft). A caller that
//   waited while another made the grant gets that grant's token — or, when it failed, its error — without a second
//   grant. So 50 concurrent AfterRejection(t) calls with the same rejected token make exactly one grant request.
//   Different subjects never wait for each other.
// - Errors (codes from oauth_client.h, plus codes::kSubjectRefused). Every
// message says what an administrator has to do:
//     "consent_required"      Google: the Workspace admin has not authorised the service account's client id for
//                             these scopes (domain-wide delegation); Microsoft: no admin consent in the tenant
//                             (the message carries the tenant's admin-consent link).
//     "invalid_client"        the configuration is wrong: unreadable key, a key Google does not accept for this
//                             service account (signature refused), unknown service account, bad Microsoft client
//                             secret, or a Microsoft tenant that does not exist / is not set.
//     "subject_refused"       Google would not let the service account act as this address (not a user of the
//                             delegating Workspace domain).
//     "provider_unavailable"  5xx, 429 or network failure after the OAuth client's retries.
//     "provider_error"        anything else the provider refused (its words in the message).
//     "provider_not_configured"  GoogleAs/MicrosoftAppOnly on a provider that configured() says is not set up.
//   Never "reauth_needed": there is no user who could connect again. Failures are not cached beyond the callers that
//   were waiting for the failed grant: the next call tries again (so an admin's fix takes effect at once).
// - Bound to one Slotwise tenant (OrgAccessScope): an OrgAccess is made per tenant from that tenant's organisation
//   connection (connections/org_access_registry.h is the only place that makes them in the product), and acts only
//   for addresses in the domains verified for that tenant. GoogleAs(subject) and MicrosoftAppOnly(mailbox) for an
//   address outside them hand out a source whose calls fail with "domain_not_verified" — before any grant — so no
//   token of one customer's organisation is ever used on another's people.
// - Thread-safe. Sources borrow *this: the OrgAccess must outlive every source it returned.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "connections/provider_registry.h"
#include "oauth/oauth_client.h"
#include "providers/access_token_source.h"
#include "slotwise/error_codes.h"

namespace slotwise {


// The lower-cased domain of an e-mail address (after its last '@'); "" when it has none. The one reading of an
// address's domain for organisation access, verified domains and the people-domain rule.
std::string AddressDomain(std::string_view address);

// Whose organisation an OrgAccess is: the Slotwise tenant, the customer's Microsoft tenant (id or verified domain;
// "" = no Microsoft organisation access), whether its Google Workspace authorised the deployment's service account, and
// the domains verified for the tenant (lower-case; addresses outside them are refused).
struct OrgAccessScope {
  std::string tenant_id;
  std::string microsoft_tenant;
  bool google = false;
  std::vector<std::string> domains;

  // True when `address`'s domain (after the last '@', ASCII case-insensitive) is one of `domains`.
  bool Covers(std::string_view address) const;
};

class OrgAccess {
 public:
  static constexpr std::int64_t kRefreshMargin = 120;  // seconds before expiry when a cached token counts as expired

  using Clock = std::function<std::int64_t()>;  // Unix seconds

  // Google is configured when `config.google_service_account` has a client_email and `scope.google`. Microsoft is
  // configured when `config.microsoft_app_only`, `microsoft` (the deployment's Microsoft registration; borrowed, may be
  // null) is given and `scope.microsoft_tenant` names the customer's tenant, which replaces the tenant segment of the
  // registration's token and admin-consent URLs ("common", "organizations" and "consumers" are refused with
  // "invalid_client" at grant time). `transport` is borrowed (thread-safe); `clock` must be thread-safe.
  OrgAccess(const OrgAccessConfig& config, const oauth::OAuthClient* microsoft, net::HttpTransport& transport,
            Clock clock, OrgAccessScope scope);
  ~OrgAccess();
  OrgAccess(const OrgAccess&) = delete;
  OrgAccess& operator=(const OrgAccess&) = delete;

  bool configured(oauth::Provider provider) const;  // Google and Microsoft only; false for the others

  // A source of tokens acting as `subject_email`, a user or resource in the scope's domains. Not configured → a source
  // whose calls fail with "provider_not_configured"; outside the domains (or empty) → "domain_not_verified".
  std::unique_ptr<providers::AccessTokenSource> GoogleAs(std::string subject_email);
  // The same for a grant asking exactly `scopes` instead of the service account's configured ones (e.g. the Admin
  // SDK's room scope, which a Workspace administrator authorises separately: a calendar grant must not fail because
  // the directory scope is missing). Cached apart from GoogleAs(subject_email).
  std::unique_ptr<providers::AccessTokenSource> GoogleAs(std::string subject_email, std::vector<std::string> scopes);
  // A source of the customer tenant's app-only Graph token (scope https://graph.microsoft.com/.default), used for
  // `mailbox` (an address in the scope's domains, else "domain_not_verified"); "" = for tenant-wide reads (the
  // directory, the organisation's verified domains), not for any one mailbox.
  std::unique_ptr<providers::AccessTokenSource> MicrosoftAppOnly(std::string_view mailbox);

  const OrgAccessScope& scope() const { return scope_; }

  // Grants attempted so far (successful or not; a tenant alias refused up front is not counted), for tests/metrics.
  std::int64_t grants_started() const { return grants_started_.load(); }

 private:
  struct Slot;  // one cached token and its single-flight lock
  class Source;

  Slot& GoogleSlot(const std::string& subject, const std::vector<std::string>& scopes);
  Error OutsideDomains(const std::string& address) const;
  Result<std::string> Current(Slot& slot);
  Result<std::string> AfterRejection(Slot& slot, std::string_view rejected);
  Result<std::string> GrantUnlessReplaced(Slot& slot, std::string_view stale, std::uint64_t seen_generation);
  Result<oauth::TokenSet> Grant(const Slot& slot, std::int64_t now);

  OrgAccessScope scope_;
  oauth::ServiceAccount google_;
  std::unique_ptr<oauth::OAuthClient> microsoft_;  // the registration re-pointed at the tenant; null = not configured
  std::string microsoft_problem_;                  // why app-only cannot work ("" = it can)
  std::string microsoft_tenant_;
  net::HttpTransport& transport_;
  Clock clock_;

  mutable std::mutex slots_mutex_;
  // key: lower-cased subject, then the asked scopes ("" = the configured ones); never erased
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Slot>> google_slots_;
  std::unique_ptr<Slot> microsoft_slot_;
  std::atomic<std::int64_t> grants_started_{0};
};

}  // namespace slotwise
