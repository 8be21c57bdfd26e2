// org_access_registry.h — the only door from the product to a customer organisation: each tenant's organisation
// access, made from that tenant's own organisation connections (org_connections.h), and the steps that create them.
//
// Contract:
// - For(tenant_id) answers an OrgAccess bound to that tenant (org_access.h, OrgAccessScope): Google only when the
//   tenant connected its Workspace, Microsoft only for the tenant's consenting Microsoft organisation, and only for
//   addresses in the domains verified for the tenant. There is no server-wide organisation access: a tenant that
//   connected nothing gets an OrgAccess configured for nothing, whose sources say how to connect.
//   Built once per tenant and kept until the tenant's connections change through this registry (Connect*/Check/
//   Disconnect); several processes on one database are not told of each other's changes (issue: replicas).
// - The deployment provides the credentials (ProviderRegistry::org_access(): the Google service account, Microsoft
//   app-only through the Microsoft registration); offers(provider) says whether it does.
// - ConnectGoogle(domain, admin_email): proven at once by a delegated grant acting as admin_email, which must be an
//   address of `domain` — it succeeds only when the Workspace's administrator authorised the service account's
//   client id for the configured scopes. ConnectMicrosoft(microsoft_tenant): after the admin consent round trip, an
//   app-only token for the customer's tenant must be granted and Graph must name the organisation's verified domains.
//   A failing first connect stores nothing and answers the check's error (consent_required, subject_refused,
//   invalid_client, provider_unavailable, …). Check() re-runs the function check and stores its outcome (status
//   "failed" with the error's code and message, or "active").
// - One organisation, one tenant: a Google domain, a Microsoft organisation, or any domain verified through either,
//   can belong to only one Slotwise tenant; connecting it to a second is refused with "domain_not_verified" naming the
//   reason (the first tenant must disconnect it).
// - Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "connections/org_access.h"
#include "connections/org_connections.h"
#include "connections/provider_registry.h"
#include "net/url.h"
#include "oauth/oauth_state.h"

namespace slotwise {

class OrgAccessRegistry {
 public:
  using Clock = OrgAccess::Clock;

  // All borrowed; they must outlive the registry.
  OrgAccessRegistry(const ProviderRegistry& providers, net::HttpTransport& transport, OrgConnectionStore& store,
                    Clock clock);

  bool offers(oauth::Provider provider) const;  // the deployment has credentials for it (Google, Microsoft)
  // The deployment's service account as an administrator must authorise it (client id, or client e-mail, and scopes).
  const oauth::ServiceAccount& google_service_account() const { return providers_.org_access().google_service_account; }

  Result<std::shared_ptr<OrgAccess>> For(const std::string& tenant_id);
  // Token sources of the tenant's OrgAccess (GoogleAs / MicrosoftAppOnly there); each keeps that OrgAccess alive for
  // as long as it exists, so a source outlives a change of the tenant's connections safely.
  Result<std::unique_ptr<providers::AccessTokenSource>> GoogleAs(const std::string& tenant_id, std::string subject);
  Result<std::unique_ptr<providers::AccessTokenSource>> MicrosoftAppOnly(const std::string& tenant_id,
                                                                         std::string_view mailbox);
  // A source acting as the administrator who connected the tenant's Google Workspace (OrgConnection::admin_email)
  // and asking exactly `scopes` (the Admin SDK's, which only an administrator may call). "provider_not_configured"
  // when the tenant has no active Google Workspace connection.
  Result<std::unique_ptr<providers::AccessTokenSource>> GoogleAdmin(const std::string& tenant_id,
                                                                    std::vector<std::string> scopes);

  Result<OrgConnection> ConnectGoogle(const std::string& tenant_id, const std::string& domain,
                                      const std::string& admin_email);
  Result<OrgConnection> ConnectMicrosoft(const std::string& tenant_id, const std::string& microsoft_tenant);
  Result<OrgConnection> Check(const std::string& tenant_id, oauth::Provider provider);

  // The Microsoft organisation round trip, in two legs through the one redirect URI (…/oauth/microsoft/callback):
  // 1. StartMicrosoftConsent answers the link the tenant gives its Microsoft 365 administrator: an OpenID sign-in
  //    (OAuthClient::SignInUrl, PKCE) with a single-use state bound to the tenant (kConsentStatePrefix + 43
  //    characters, valid 10 minutes, in memory).
  // 2. ContinueMicrosoftConsent on the sign-in's callback (code, state) redeems the code at the token endpoint and
  //    reads the id_token's "tid" — the organisation the administrator really signed in to — and answers `redirect`:
  //    the adminconsent link for exactly that organisation, with a new single-use state remembering it.
  // 3. ContinueMicrosoftConsent on the consent's callback (admin_consent, tenant, state — or error,
  //    error_description, state) connects the organisation to the state's tenant (ConnectMicrosoft) only when
  //    Microsoft's "tenant" is the one signed in to: a forged or edited callback cannot name another organisation.
  // Errors: the state's ("invalid_state", "expired_state"; a state used for the wrong leg is "invalid_state"), the
  // code exchange's, "consent_required" (the administrator declined, with Microsoft's words), "invalid_request"
  // (no code, no tid, or a consent for another organisation than the one signed in to), ConnectMicrosoft's.
  static constexpr std::string_view kConsentStatePrefix = "org.";
  struct ConsentStep {
    std::string redirect;                    // continue there (leg 2)
    std::optional<OrgConnection> connected;  // done (leg 3)
  };
  Result<std::string> StartMicrosoftConsent(const std::string& tenant_id);
  static bool IsConsentState(std::string_view state) {
    return state.substr(0, kConsentStatePrefix.size()) == kConsentStatePrefix;
  }
  Result<ConsentStep> ContinueMicrosoftConsent(const net::Params& query);
  Result<bool> Disconnect(const std::string& tenant_id, oauth::Provider provider);

  Result<std::vector<OrgConnection>> List(const std::string& tenant_id) { return store_.List(tenant_id); }
  // Drops the tenant's OrgAccess built so far (after the tenant was deleted: nothing of it may serve a later tenant of
  // the same id). Sources handed out keep theirs alive until they go.
  void ForgetTenant(const std::string& tenant_id) { Forget(tenant_id); }
  // The domains verified for the tenant through its active organisation connections (lower-case, no duplicates).
  Result<std::vector<std::string>> VerifiedDomains(const std::string& tenant_id);

 private:
  // Runs the function check of `connection` (its domains are filled in for Microsoft); Error = the check failed.
  Result<OrgConnection> RunCheck(OrgConnection connection);
  // Refuses when one of `domains` (or the organisation) already belongs to another tenant.
  Result<bool> RefuseIfOwnedElsewhere(const OrgConnection& connection);
  void Forget(const std::string& tenant_id);

  const ProviderRegistry& providers_;
  net::HttpTransport& transport_;
  OrgConnectionStore& store_;
  Clock clock_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<OrgAccess>> by_tenant_;
  oauth::StateStore consent_states_;
};

}  // namespace slotwise
