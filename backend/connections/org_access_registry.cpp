// org_access_registry.cpp — see org_access_registry.h.
#include "connections/org_access_registry.h"

#include <algorithm>
#include <utility>

#include "providers/microsoft_graph_calendar.h"
#include "oauth/id_token.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

void AddUnique(std::vector<std::string>& into, const std::vector<std::string>& domains) {
  for (const std::string& domain : domains) {
    if (std::find(into.begin(), into.end(), domain) == into.end()) into.push_back(domain);
  }
}

// A source that keeps the OrgAccess it borrows from alive.
class KeepingSource final : public providers::AccessTokenSource {
 public:
  KeepingSource(std::shared_ptr<OrgAccess> access, std::unique_ptr<providers::AccessTokenSource> source)
      : access_(std::move(access)), source_(std::move(source)) {}
  Result<std::string> Current() override { return source_->Current(); }
  Result<std::string> AfterRejection(std::string_view rejected) override { return source_->AfterRejection(rejected); }

 private:
  std::shared_ptr<OrgAccess> access_;  // declared first: destroyed after the source that borrows it
  std::unique_ptr<providers::AccessTokenSource> source_;
};

}  // namespace

OrgAccessRegistry::OrgAccessRegistry(const ProviderRegistry& providers, net::HttpTransport& transport,
                                     OrgConnectionStore& store, Clock clock)
    : providers_(providers), transport_(transport), store_(store), clock_(std::move(clock)) {}

bool OrgAccessRegistry::offers(oauth::Provider provider) const {
  const OrgAccessConfig& config = providers_.org_access();
  switch (provider) {
    case oauth::Provider::kGoogle:
      return !config.google_service_account.client_email.empty() && providers_.ApiBase(provider).has_value();
    case oauth::Provider::kMicrosoft:
      return config.microsoft_app_only && providers_.Client(provider) != nullptr &&
             providers_.ApiBase(provider).has_value();
    case oauth::Provider::kZoom:
    case oauth::Provider::kGoTo:
      return false;
  }
  return false;
}

Result<std::shared_ptr<OrgAccess>> OrgAccessRegistry::For(const std::string& tenant_id) {
  {
    std::lock_guard lock(mutex_);
    if (auto found = by_tenant_.find(tenant_id); found != by_tenant_.end()) return found->second;
  }
  Result<std::vector<OrgConnection>> connections = store_.List(tenant_id);
  if (!connections) return connections.error();
  OrgAccessScope scope;
  scope.tenant_id = tenant_id;
  for (const OrgConnection& connection : *connections) {
    if (connection.status != "active") continue;
    if (connection.provider == oauth::Provider::kGoogle) scope.google = true;
    if (connection.provider == oauth::Provider::kMicrosoft) scope.microsoft_tenant = connection.directory_id;
    AddUnique(scope.domains, connection.domains);
  }
  auto access = std::make_shared<OrgAccess>(providers_.org_access(), providers_.Client(oauth::Provider::kMicrosoft),
                                            transport_, clock_, std::move(scope));
  std::lock_guard lock(mutex_);
  return by_tenant_.emplace(tenant_id, std::move(access)).first->second;  // a racing builder's copy wins: same data
}

Result<std::unique_ptr<providers::AccessTokenSource>> OrgAccessRegistry::GoogleAs(const std::string& tenant_id,
                                                                                   std::string subject) {
  Result<std::shared_ptr<OrgAccess>> access = For(tenant_id);
  if (!access) return access.error();
  std::unique_ptr<providers::AccessTokenSource> source = (*access)->GoogleAs(std::move(subject));
  return std::unique_ptr<providers::AccessTokenSource>(std::make_unique<KeepingSource>(*access, std::move(source)));
}

Result<std::unique_ptr<providers::AccessTokenSource>> OrgAccessRegistry::MicrosoftAppOnly(const std::string& tenant_id,
                                                                                          std::string_view mailbox) {
  Result<std::shared_ptr<OrgAccess>> access = For(tenant_id);
  if (!access) return access.error();
  std::unique_ptr<providers::AccessTokenSource> source = (*access)->MicrosoftAppOnly(mailbox);
  return std::unique_ptr<providers::AccessTokenSource>(std::make_unique<KeepingSource>(*access, std::move(source)));
}

Result<std::unique_ptr<providers::AccessTokenSource>> OrgAccessRegistry::GoogleAdmin(const std::string& tenant_id,
                                                                                      std::vector<std::string> scopes) {
  Result<std::optional<OrgConnection>> connection = store_.Get(tenant_id, oauth::Provider::kGoogle);
  if (!connection) return connection.error();
  if (!connection->has_value() || (*connection)->status != "active" || (*connection)->admin_email.empty()) {
    return Error{codes::kProviderNotConfigured,
                 "tenant " + tenant_id + " has no active Google Workspace connection: its administrator connects the "
                 "organisation (PUT /v1/organisation/google) after authorising the deployment's service account",
                 ""};
  }
  Result<std::shared_ptr<OrgAccess>> access = For(tenant_id);
  if (!access) return access.error();
  std::unique_ptr<providers::AccessTokenSource> source =
      (*access)->GoogleAs((*connection)->admin_email, std::move(scopes));
  return std::unique_ptr<providers::AccessTokenSource>(std::make_unique<KeepingSource>(*access, std::move(source)));
}

void OrgAccessRegistry::Forget(const std::string& tenant_id) {
  std::lock_guard lock(mutex_);
  by_tenant_.erase(tenant_id);
}

Result<std::vector<std::string>> OrgAccessRegistry::VerifiedDomains(const std::string& tenant_id) {
  Result<std::vector<OrgConnection>> connections = store_.List(tenant_id);
  if (!connections) return connections.error();
  std::vector<std::string> domains;
  for (const OrgConnection& connection : *connections) {
    if (connection.status == "active") AddUnique(domains, connection.domains);
  }
  return domains;
}

Result<bool> OrgAccessRegistry::RefuseIfOwnedElsewhere(const OrgConnection& connection) {
  Result<std::vector<OrgConnection>> all = store_.ListAll();
  if (!all) return all.error();
  for (const OrgConnection& other : *all) {
    if (other.tenant_id == connection.tenant_id) continue;
    const bool same_organisation = other.provider == connection.provider &&
                                   AsciiLower(other.directory_id) == AsciiLower(connection.directory_id);
    bool shared_domain = false;
    for (const std::string& domain : connection.domains) {
      shared_domain = shared_domain || std::find(other.domains.begin(), other.domains.end(), domain) != other.domains.end();
    }
    if (same_organisation || shared_domain) {
      return Error{codes::kDomainNotVerified,
                   "this " + std::string(connection.provider == oauth::Provider::kGoogle ? "Google Workspace domain"
                                                                                           : "Microsoft 365 organisation") +
                       " is already connected to another Slotwise tenant; an organisation can belong to one tenant "
                       "only (the other tenant's administrator must disconnect it first)",
                   ""};
    }
  }
  return true;
}

Result<OrgConnection> OrgAccessRegistry::RunCheck(OrgConnection connection) {
  OrgAccessScope scope;
  scope.tenant_id = connection.tenant_id;
  if (connection.provider == oauth::Provider::kGoogle) {
    scope.google = true;
    scope.domains = {AsciiLower(connection.directory_id)};
    OrgAccess access(providers_.org_access(), nullptr, transport_, clock_, scope);
    Result<std::string> token = access.GoogleAs(connection.admin_email)->Current();
    if (!token) return token.error();
    connection.domains = scope.domains;
  } else {
    scope.microsoft_tenant = connection.directory_id;
    OrgAccess access(providers_.org_access(), providers_.Client(oauth::Provider::kMicrosoft), transport_, clock_, scope);
    std::unique_ptr<providers::AccessTokenSource> tokens = access.MicrosoftAppOnly("");
    providers::MicrosoftGraphCalendar graph(transport_, *tokens, *providers_.ApiBase(oauth::Provider::kMicrosoft));
    Result<std::vector<std::string>> domains = graph.VerifiedDomains();
    if (!domains) return domains.error();
    if (domains->empty()) {
      return Error{codes::kConsentRequired,
                   "Microsoft named no verified domain for organisation " + connection.directory_id +
                       ": an administrator must verify the organisation's domains in Microsoft Entra",
                   ""};
    }
    connection.domains = std::move(domains).value();
  }
  connection.status = "active";
  connection.check_code.clear();
  connection.check_message = "organisation access works for " + std::to_string(connection.domains.size()) +
                             (connection.domains.size() == 1 ? " domain" : " domains");
  connection.checked_at = clock_();
  return connection;
}

Result<OrgConnection> OrgAccessRegistry::ConnectGoogle(const std::string& tenant_id, const std::string& domain,
                                                       const std::string& admin_email) {
  if (!offers(oauth::Provider::kGoogle)) {
    return Error{codes::kProviderNotConfigured,
                 "this deployment has no Google service account configured (org_access.google_service_account_file)",
                 ""};
  }
  const std::string lowered = AsciiLower(domain);
  if (lowered.empty() || AddressDomain(admin_email) != lowered) {
    return Error{codes::kInvalidRequest,
                 "admin_email must be an address of the domain " + domain + " (the check acts as that administrator)",
                 "admin_email"};
  }
  OrgConnection connection;
  connection.tenant_id = tenant_id;
  connection.provider = oauth::Provider::kGoogle;
  connection.directory_id = lowered;
  connection.admin_email = AsciiLower(admin_email);
  connection.domains = {lowered};
  connection.created_at = clock_();
  if (Result<bool> free = RefuseIfOwnedElsewhere(connection); !free) return free.error();
  Result<OrgConnection> checked = RunCheck(connection);
  if (!checked) return checked.error();
  Result<OrgConnection> stored = store_.Put(*checked);
  Forget(tenant_id);
  return stored;
}

Result<OrgConnection> OrgAccessRegistry::ConnectMicrosoft(const std::string& tenant_id,
                                                          const std::string& microsoft_tenant) {
  if (!offers(oauth::Provider::kMicrosoft)) {
    return Error{codes::kProviderNotConfigured,
                 "this deployment has no Microsoft app-only access configured (org_access.microsoft_app_only and a "
                 "Microsoft registration)",
                 ""};
  }
  OrgConnection connection;
  connection.tenant_id = tenant_id;
  connection.provider = oauth::Provider::kMicrosoft;
  connection.directory_id = microsoft_tenant;
  connection.created_at = clock_();
  if (Result<bool> free = RefuseIfOwnedElsewhere(connection); !free) return free.error();
  Result<OrgConnection> checked = RunCheck(connection);
  if (!checked) return checked.error();
  if (Result<bool> free = RefuseIfOwnedElsewhere(*checked); !free) return free.error();  // now with its domains
  Result<OrgConnection> stored = store_.Put(*checked);
  Forget(tenant_id);
  return stored;
}

Result<OrgConnection> OrgAccessRegistry::Check(const std::string& tenant_id, oauth::Provider provider) {
  Result<std::optional<OrgConnection>> existing = store_.Get(tenant_id, provider);
  if (!existing) return existing.error();
  if (!existing->has_value()) {
    return Error{codes::kNotFound,
                 "tenant " + tenant_id + " has no " + std::string(oauth::ProviderName(provider)) +
                     " organisation connection",
                 ""};
  }
  OrgConnection connection = **existing;
  Result<OrgConnection> checked = RunCheck(connection);
  if (checked) {
    connection = *checked;
  } else {
    connection.status = "failed";
    connection.check_code = checked.error().code;
    connection.check_message = checked.error().message;
    connection.checked_at = clock_();
  }
  Result<OrgConnection> stored = store_.Put(connection);
  Forget(tenant_id);
  return stored;
}

Result<std::string> OrgAccessRegistry::StartMicrosoftConsent(const std::string& tenant_id) {
  const oauth::OAuthClient* microsoft = providers_.Client(oauth::Provider::kMicrosoft);
  if (!offers(oauth::Provider::kMicrosoft) || microsoft == nullptr) {
    return Error{codes::kProviderNotConfigured,
                 "this deployment has no Microsoft app-only access configured (org_access.microsoft_app_only and a "
                 "Microsoft registration)",
                 ""};
  }
  const oauth::PkcePair pkce = oauth::MakePkcePair();
  oauth::PendingAuthorization pending;
  pending.provider = oauth::Provider::kMicrosoft;
  pending.tenant_id = tenant_id;
  pending.code_verifier = pkce.verifier;
  const std::string state = std::string(kConsentStatePrefix) + consent_states_.Create(pending, clock_());
  return microsoft->SignInUrl(state, pkce.challenge);
}

Result<OrgAccessRegistry::ConsentStep> OrgAccessRegistry::ContinueMicrosoftConsent(const net::Params& query) {
  std::string state, code, error, description, granted, microsoft_tenant;
  for (const auto& [name, value] : query) {
    if (name == "state") state = value;
    if (name == "code") code = value;
    if (name == "error") error = value;
    if (name == "error_description") description = value;
    if (name == "admin_consent") granted = value;
    if (name == "tenant") microsoft_tenant = value;
  }
  if (!IsConsentState(state)) {
    return Error{codes::kInvalidState, "this consent link is not valid: start again from Slotwise", "state"};
  }
  Result<oauth::PendingAuthorization> pending = consent_states_.Consume(
      std::string_view(state).substr(kConsentStatePrefix.size()), oauth::Provider::kMicrosoft, "", clock_());
  if (!pending) return pending.error();
  if (!error.empty()) {
    return Error{codes::kConsentRequired,
                 "the Microsoft 365 administrator did not " +
                     std::string(pending->directory.empty() ? "sign in" : "grant consent") + " (" + error +
                     (description.empty() ? "" : ": " + description) +
                     "); an administrator of the organisation can start again from Slotwise",
                 ""};
  }
  const oauth::OAuthClient* microsoft = providers_.Client(oauth::Provider::kMicrosoft);
  if (microsoft == nullptr) return Error{codes::kProviderNotConfigured, "Microsoft is not configured", ""};

  if (pending->directory.empty()) {  // leg 2: who signed in, and where
    if (code.empty()) return Error{codes::kInvalidState, "this sign-in answer is not for this step: start again", "state"};
    Result<oauth::TokenSet> tokens = microsoft->ExchangeCode(code, pending->code_verifier, clock_());
    if (!tokens) return tokens.error();
    const std::optional<nlohmann::json> claims = oauth::IdTokenClaims(tokens->id_token);
    const std::string tid = claims && claims->contains("tid") && (*claims)["tid"].is_string()
                                ? (*claims)["tid"].get<std::string>()
                                : std::string();
    if (tid.empty()) {
      return Error{codes::kInvalidRequest,
                   "Microsoft's sign-in named no organisation: sign in with a work account of the organisation",
                   "tid"};
    }
    oauth::PendingAuthorization next;
    next.provider = oauth::Provider::kMicrosoft;
    next.tenant_id = pending->tenant_id;
    next.directory = tid;
    const std::string next_state = std::string(kConsentStatePrefix) + consent_states_.Create(next, clock_());
    return ConsentStep{microsoft->AdminConsentUrl(tid, next_state), std::nullopt};
  }

  if (AsciiLower(granted) != "true") {  // leg 3
    return Error{codes::kInvalidState, "this consent answer is not for this step: start again", "state"};
  }
  if (AsciiLower(microsoft_tenant) != AsciiLower(pending->directory)) {
    return Error{codes::kInvalidRequest,
                 "the consent came back for another organisation than the one its administrator signed in to; start "
                 "again from Slotwise",
                 "tenant"};
  }
  Result<OrgConnection> connected = ConnectMicrosoft(pending->tenant_id, pending->directory);
  if (!connected) return connected.error();
  return ConsentStep{"", std::move(connected).value()};
}

Result<bool> OrgAccessRegistry::Disconnect(const std::string& tenant_id, oauth::Provider provider) {
  Result<bool> removed = store_.Remove(tenant_id, provider);
  Forget(tenant_id);
  return removed;
}

}  // namespace slotwise
