// connections_runtime.cpp — see connections_runtime.h.
#include "runtime/connections_runtime.h"

#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sandbox/sandbox.h"
#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

Result<crypto::Keyring> LoadKeyring(const std::string& demo_key_file) {
  const bool configured = std::getenv("SLOTWISE_TOKEN_KEYS") != nullptr || std::getenv("SLOTWISE_TOKEN_KEY_FILE") != nullptr;
  if (configured || demo_key_file.empty()) return crypto::Keyring::FromEnvironment();
  std::error_code ec;
  if (!std::filesystem::exists(demo_key_file, ec)) {
    std::filesystem::create_directories(std::filesystem::path(demo_key_file).parent_path(), ec);
    const mode_t old_mask = umask(077);
    {
      std::ofstream out(demo_key_file);
      out << "# Slotwise demo token key (created by serve --demo). Keep it out of backups of the database.\n"
          << crypto::Keyring::NewKeySpec("demo-1") << "\n";
    }
    umask(old_mask);
  }
  std::ifstream in(demo_key_file);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return Error{codes::kInvalidKeyFile, "cannot read the token key file " + demo_key_file, ""};
  return crypto::Keyring::Parse(text.str());
}

ConnectionsRuntime::ConnectionsRuntime(SqliteStore& database, crypto::Keyring keyring,
                                       std::unique_ptr<net::HttpTransport> transport, Clock clock)
    : transport_(std::make_unique<observability::InstrumentedTransport>(std::move(transport))),
      vault_(std::make_unique<crypto::TokenVault>(std::move(keyring))),
      providers_(std::make_unique<ProviderRegistry>(*transport_, "")),
      connections_(std::make_unique<ConnectionStore>(database, *vault_)),
      states_(std::make_unique<oauth::StateStore>()) {
  if (!clock) clock = UnixNow;
  tickets_ = std::make_unique<ConnectTickets>(database, clock);
  org_connections_ = std::make_unique<OrgConnectionStore>(database);
  org_access_ = std::make_unique<OrgAccessRegistry>(*providers_, *transport_, *org_connections_, clock);
  tokens_ = std::make_unique<TokenManager>(
      *connections_, [this](oauth::Provider provider) { return providers_->Client(provider); }, clock);
  probes_ = std::make_unique<ConnectionProbes>(*providers_, clock);
  flow_ = std::make_unique<ConnectFlow>(*providers_, *states_, *connections_, *tokens_, *probes_, clock);
  notifications_ =
      std::make_unique<ChangeNotifications>(database, *vault_, *providers_, *connections_, *tokens_, clock);
  if (const char* secret = std::getenv("SLOTWISE_ZOOM_WEBHOOK_SECRET")) notifications_->SetZoomWebhookSecret(secret);
  notifications_->LoadPersisted();  // a failure leaves the registries empty: notifications then answer 404/401
  flow_->SetConnectedHook([this](const Connection& connection) { return notifications_->OnConnectionMade(connection); });
  notifications_->Start();
}

ConnectionsRuntime::~ConnectionsRuntime() { notifications_->Stop(); }

void ConnectionsRuntime::ConfigureProviders(const std::string& public_base_url, const ProviderSetup& setup) {
  providers_->SetPublicBaseUrl(public_base_url);
  notifications_->SetPublicBaseUrl(public_base_url);
  transport_->SetProviderPrefixes(ProviderUrlPrefixes(setup));
  for (oauth::Provider provider : {oauth::Provider::kGoogle, oauth::Provider::kMicrosoft, oauth::Provider::kZoom,
                                   oauth::Provider::kGoTo}) {
    std::optional<ProviderRegistrationSetting> registration = RegistrationFor(setup, provider);
    if (!registration) continue;
    const bool chosen = !registration->scopes.empty();
    std::vector<std::string> scopes = chosen ? registration->scopes : ProviderRegistry::DefaultScopes(provider);
    providers_->Configure(provider, EndpointsFor(setup, provider), registration->client_id,
                          registration->client_secret, std::move(scopes), chosen);
  }
  OrgAccessConfig& organisation = providers_->org_access();
  if (setup.google_service_account) {
    organisation.google_service_account = *setup.google_service_account;
    organisation.google_service_account.token_url = EndpointsFor(setup, oauth::Provider::kGoogle).token_url;
    organisation.google_service_account.scopes = ProviderRegistry::OrganisationScopes(oauth::Provider::kGoogle);
  }
  organisation.microsoft_app_only = setup.microsoft_app_only;
}

void ConnectionsRuntime::ConfigureSandboxProviders(const std::string& public_base_url, const std::string& sandbox_root) {
  ConfigureProviders(public_base_url, ProviderSetup::SandboxDemo(sandbox_root));
}

}  // namespace slotwise
