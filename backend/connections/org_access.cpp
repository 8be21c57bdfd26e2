// org_access.cpp — see org_access.h.
#include "connections/org_access.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "net/url.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise {

// One cached token and the lock that makes its grants single-flight.
struct OrgAccess::Slot {
  bool microsoft = false;
  std::string subject;      // Google: the address to act as, as first asked for; Microsoft: unused
  std::vector<std::string> scopes;  // Google: the scopes to ask for; empty = the service account's configured ones
  std::mutex grant_mutex;   // held across a grant request (single flight)
  std::mutex state_mutex;   // guards the fields below; never held across I/O
  std::string token;        // "" = none yet
  std::int64_t refresh_at = 0;        // Unix seconds from which `token` counts as expired
  std::uint64_t generation = 0;       // grants finished (successful or not)
  std::optional<Error> last_error;    // of the latest finished grant, when it failed
};

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Sources
// -----------------------------------------------------------------------------------------------------------------

class OrgAccess::Source final : public providers::AccessTokenSource {
 public:
  Source(OrgAccess& owner, Slot& slot) : owner_(owner), slot_(slot) {}
  Result<std::string> Current() override { return owner_.Current(slot_); }
  Result<std::string> AfterRejection(std::string_view rejected) override {
    return owner_.AfterRejection(slot_, rejected);
  }

 private:
  OrgAccess& owner_;
  Slot& slot_;
};

namespace {

// A source that only says why there is no token.
class RefusingSource final : public providers::AccessTokenSource {
 public:
  explicit RefusingSource(Error error) : error_(std::move(error)) {}
  Result<std::string> Current() override { return error_; }
  Result<std::string> AfterRejection(std::string_view) override { return error_; }

 private:
  Error error_;
};

bool Mentions(const std::string& message, std::string_view needle) {
  return AsciiLower(message).find(AsciiLower(needle)) != std::string::npos;
}

// Replaces the path segment just before `suffix` ("…/{tenant}/oauth2/v2.0/token") with `tenant`. Returns the old
// segment through `old_tenant`; false when `url` has no such segment.
bool ReplaceTenant(std::string& url, std::string_view suffix, const std::string& tenant, std::string& old_tenant) {
  const std::size_t at = url.rfind(suffix);
  if (at == std::string::npos || at == 0) return false;
  const std::size_t start = url.rfind('/', at - 1);
  if (start == std::string::npos) return false;
  old_tenant = url.substr(start + 1, at - start - 1);
  if (!tenant.empty()) url = url.substr(0, start + 1) + net::PercentEncode(tenant) + url.substr(at);
  return true;
}

bool IsMultiTenantAlias(const std::string& tenant) {
  const std::string lowered = AsciiLower(tenant);
  return lowered == "common" || lowered == "organizations" || lowered == "consumers";
}

// Google's answers to a service-account grant, in words an administrator can act on. invalid_grant comes back from
// the OAuth client as "reauth_needed", which means nothing here: no user can connect again.
Error GoogleError(Error error, const oauth::ServiceAccount& account, const std::string& subject) {
  const std::string who = "Google service account " + account.client_email +
                          (subject.empty() ? std::string() : " acting as " + subject);
  const std::string& said = error.message;
  if (error.code != codes::kReauthNeeded) {
    error.message = who + ": " + said;
    return error;
  }
  if (Mentions(said, "email or user id")) {
    return Error{codes::kSubjectRefused,
                 who + ": Google refused the subject: " + subject +
                     " is not a user or resource of the Google Workspace domain that delegated to this service "
                     "account. Use an address of that domain, or have that person connect their calendar "
                     "individually (" + said + ")",
                 ""};
  }
  if (Mentions(said, "signature")) {
    return Error{codes::kInvalidClient,
                 who + ": Google did not accept the signature: the configured private key is not an active key of "
                       "this service account. An administrator must create a JSON key for it (Google Cloud console "
                       "> IAM & Admin > Service accounts > " + account.client_email +
                     " > Keys) and configure that key file on this server (" + said + ")",
                 ""};
  }
  if (Mentions(said, "account not found")) {
    return Error{codes::kInvalidClient,
                 who + ": Google does not know this service account (deleted, disabled or misspelt). An "
                       "administrator must configure the client_email and key of an existing service account (" +
                     said + ")",
                 ""};
  }
  return Error{codes::kInvalidClient,
               who + ": Google refused the service account's assertion. An administrator must check the configured "
                     "client_email and key, and that this server's clock is synchronised (" + said + ")",
               ""};
}

// Microsoft's answers to client credentials. Consent errors already carry the admin-consent link.
Error MicrosoftError(Error error, const std::string& tenant) {
  const std::string who = "Microsoft app-only access to tenant " + tenant;
  const std::string& said = error.message;
  if (error.code == codes::kProviderError && Mentions(said, "AADSTS90002")) {
    return Error{codes::kInvalidClient,
                 who + ": Microsoft does not know this tenant. An administrator must configure the organisation's "
                       "tenant id (Microsoft Entra admin center > Overview > Tenant ID) or one of its verified "
                       "domains (" + said + ")",
                 ""};
  }
  if (error.code == codes::kReauthNeeded) {
    return Error{codes::kInvalidClient,
                 who + ": Microsoft refused the application's grant. A tenant administrator must check the Slotwise "
                       "enterprise application (enabled, application permissions granted) (" + said + ")",
                 ""};
  }
  error.message = who + ": " + said;
  return error;
}

}  // namespace

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Construction
// -----------------------------------------------------------------------------------------------------------------

std::string AddressDomain(std::string_view address) {
  const std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : AsciiLower(address.substr(at + 1));
}

bool OrgAccessScope::Covers(std::string_view address) const {
  const std::string domain = AddressDomain(address);
  return !domain.empty() && std::find(domains.begin(), domains.end(), domain) != domains.end();
}

OrgAccess::OrgAccess(const OrgAccessConfig& config, const oauth::OAuthClient* microsoft, net::HttpTransport& transport,
                     Clock clock, OrgAccessScope scope)
    : scope_(std::move(scope)), google_(config.google_service_account), transport_(transport), clock_(std::move(clock)) {
  for (std::string& domain : scope_.domains) domain = AsciiLower(domain);
  if (!scope_.google) google_.client_email.clear();
  const std::string microsoft_tenant = scope_.microsoft_tenant;
  if (!config.microsoft_app_only || microsoft == nullptr || microsoft_tenant.empty() ||
      microsoft->registration().provider != oauth::Provider::kMicrosoft) {
    return;
  }
  oauth::ClientRegistration registration = microsoft->registration();
  std::string registered_tenant;
  if (!ReplaceTenant(registration.endpoints.token_url, "/oauth2/v2.0/token", microsoft_tenant, registered_tenant)) {
    microsoft_problem_ = "the Microsoft token URL " + registration.endpoints.token_url +
                         " has no tenant segment (…/{tenant}/oauth2/v2.0/token); an operator must fix the "
                         "endpoint configuration";
  }
  std::string unused;
  ReplaceTenant(registration.endpoints.admin_consent_url, "/v2.0/adminconsent", microsoft_tenant, unused);
  microsoft_tenant_ = microsoft_tenant.empty() ? registered_tenant : microsoft_tenant;
  if (microsoft_problem_.empty() && IsMultiTenantAlias(microsoft_tenant_)) {
    microsoft_problem_ = "app-only tokens are issued by one tenant, not by \"" + microsoft_tenant_ +
                         "\": an administrator must configure the organisation's tenant id (Microsoft Entra admin "
                         "center > Overview > Tenant ID) or one of its verified domains";
  }
  microsoft_ = std::make_unique<oauth::OAuthClient>(std::move(registration), transport_);
  microsoft_slot_ = std::make_unique<Slot>();
  microsoft_slot_->microsoft = true;
}

OrgAccess::~OrgAccess() = default;

bool OrgAccess::configured(oauth::Provider provider) const {
  switch (provider) {
    case oauth::Provider::kGoogle:
      return !google_.client_email.empty();
    case oauth::Provider::kMicrosoft:
      return microsoft_ != nullptr;
    case oauth::Provider::kZoom:
    case oauth::Provider::kGoTo:
      return false;
  }
  return false;
}

std::unique_ptr<providers::AccessTokenSource> OrgAccess::GoogleAs(std::string subject_email) {
  return GoogleAs(std::move(subject_email), {});
}

std::unique_ptr<providers::AccessTokenSource> OrgAccess::GoogleAs(std::string subject_email,
                                                                  std::vector<std::string> scopes) {
  if (!configured(oauth::Provider::kGoogle)) {
    return std::make_unique<RefusingSource>(Error{
        codes::kProviderNotConfigured,
        "tenant " + scope_.tenant_id + " has no Google Workspace organisation access: its administrator connects the "
        "organisation (PUT /v1/organisation/google) after authorising the deployment's service account", ""});
  }
  if (!scope_.Covers(subject_email)) return std::make_unique<RefusingSource>(OutsideDomains(subject_email));
  return std::make_unique<Source>(*this, GoogleSlot(subject_email, scopes));
}

std::unique_ptr<providers::AccessTokenSource> OrgAccess::MicrosoftAppOnly(std::string_view mailbox) {
  if (!configured(oauth::Provider::kMicrosoft)) {
    return std::make_unique<RefusingSource>(Error{
        codes::kProviderNotConfigured,
        "tenant " + scope_.tenant_id + " has no Microsoft 365 organisation access: its administrator connects the "
        "organisation (POST /v1/organisation/microsoft/consent) and grants admin consent", ""});
  }
  if (!mailbox.empty() && !scope_.Covers(mailbox)) {
    return std::make_unique<RefusingSource>(OutsideDomains(std::string(mailbox)));
  }
  return std::make_unique<Source>(*this, *microsoft_slot_);
}

Error OrgAccess::OutsideDomains(const std::string& address) const {
  std::string domains;
  for (const std::string& domain : scope_.domains) domains += (domains.empty() ? "" : ", ") + domain;
  return Error{codes::kDomainNotVerified,
               (address.empty() ? std::string("no address") : address) + " is not in the domains verified for tenant " +
                   scope_.tenant_id + " (" + (domains.empty() ? std::string("none") : domains) +
                   "): organisation access acts only for the tenant's own organisation",
               ""};
}

OrgAccess::Slot& OrgAccess::GoogleSlot(const std::string& subject, const std::vector<std::string>& scopes) {
  std::string scope_key;
  for (const std::string& scope : scopes) scope_key += scope + " ";
  std::lock_guard guard(slots_mutex_);
  std::unique_ptr<Slot>& slot = google_slots_[{AsciiLower(subject), scope_key}];
  if (!slot) {
    slot = std::make_unique<Slot>();
    slot->subject = subject;
    slot->scopes = scopes;
  }
  return *slot;
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Tokens (single flight)
// -----------------------------------------------------------------------------------------------------------------

Result<std::string> OrgAccess::Current(Slot& slot) {
  std::string known;
  std::uint64_t seen_generation = 0;
  {
    std::lock_guard state(slot.state_mutex);
    if (!slot.token.empty() && clock_() < slot.refresh_at) return slot.token;
    known = slot.token;
    seen_generation = slot.generation;
  }
  std::lock_guard grant(slot.grant_mutex);
  return GrantUnlessReplaced(slot, known, seen_generation);
}

Result<std::string> OrgAccess::AfterRejection(Slot& slot, std::string_view rejected) {
  std::uint64_t seen_generation = 0;
  {
    std::lock_guard state(slot.state_mutex);
    seen_generation = slot.generation;
  }
  std::lock_guard grant(slot.grant_mutex);
  return GrantUnlessReplaced(slot, rejected, seen_generation);
}

Result<std::string> OrgAccess::GrantUnlessReplaced(Slot& slot, std::string_view stale, std::uint64_t seen_generation) {
  const std::int64_t now = clock_();
  {
    std::lock_guard state(slot.state_mutex);
    if (!slot.token.empty() && slot.token != stale && now < slot.refresh_at) {
      return slot.token;  // another caller made a grant while we waited for the lock
    }
    if (slot.generation != seen_generation && slot.last_error) {
      return *slot.last_error;  // the grant we waited for failed: share its answer instead of asking again
    }
  }
  Result<oauth::TokenSet> granted = Grant(slot, now);
  std::lock_guard state(slot.state_mutex);
  ++slot.generation;
  if (!granted) {
    slot.last_error = granted.error();
    return granted.error();
  }
  slot.last_error.reset();
  const std::int64_t lifetime = std::max<std::int64_t>(0, granted->expires_at - now);
  slot.token = granted->access_token;
  slot.refresh_at = granted->expires_at - std::min(kRefreshMargin, lifetime / 2);
  return slot.token;
}

Result<oauth::TokenSet> OrgAccess::Grant(const Slot& slot, std::int64_t now) {
  if (slot.microsoft) {
    if (!microsoft_problem_.empty()) {
      return Error{codes::kInvalidClient,
                   "Microsoft app-only access to tenant " + microsoft_tenant_ + ": " + microsoft_problem_, ""};
    }
    ++grants_started_;
    Result<oauth::TokenSet> granted = microsoft_->ClientCredentials(now);
    if (!granted) return MicrosoftError(granted.error(), microsoft_tenant_);
    return granted;
  }
  ++grants_started_;
  oauth::ServiceAccount account = google_;
  if (!slot.scopes.empty()) account.scopes = slot.scopes;
  Result<oauth::TokenSet> granted = oauth::ServiceAccountToken(account, slot.subject, now, transport_);
  if (!granted) return GoogleError(granted.error(), account, slot.subject);
  return granted;
}

}  // namespace slotwise
