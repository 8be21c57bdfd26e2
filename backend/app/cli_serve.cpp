// cli_serve.cpp — `slotwise serve` (the API server; with --demo also the in-process provider sandbox) and
// `slotwise sandbox` (the sandbox alone).
#include <pthread.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <variant>
#include <iostream>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "app/build_info.h"
#include "app/cli_commands.h"
#include "app/http_server.h"
#include "app/provider_settings.h"
#include "auth/outbound_policy.h"
#include "config/server_config.h"
#include "crypto/crypto_primitives.h"
#include "demo/demo_ats_server.h"
#include "demo/demo_tenant.h"
#include "mail/smtp_client.h"
#include "net/http_transport.h"
#include "net/proxy_settings.h"
#include "net/url.h"
#include "runtime/connections_runtime.h"
#include "runtime/scheduling_runtime.h"
#include "hr/bot_connector.h"
#include "sandbox/sandbox.h"
#include "slotwise/error_codes.h"
#include "store/sqlite_store.h"
#include "zoneinfo/zoneinfo_directory.h"

namespace slotwise {

int ParsePort(const std::string& text) {
  try {
    std::size_t used = 0;
    const int port = std::stoi(text, &used);
    return used == text.size() && port >= 0 && port <= 65535 ? port : -1;
  } catch (const std::exception&) {
    return -1;
  }
}

// SIGINT and SIGTERM, blocked in the calling thread — and so in every thread it starts afterwards. Call before the
// first thread starts: a stop signal delivered to a worker would otherwise kill the process without a clean stop.
sigset_t BlockStopSignals() {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  return stop_signals;
}

void RunUntilSignal(const std::function<void()>& run, const std::function<void()>& stop) {
  sigset_t stop_signals = BlockStopSignals();
  std::thread signal_waiter([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    if (signal_number != 0) stop();
  });
  run();
  pthread_kill(signal_waiter.native_handle(), SIGTERM);  // wakes the waiter if the server stopped another way
  signal_waiter.join();
}

namespace {

// Registers this server's redirect URIs with a sandbox running in another process (POST /sandbox/clients).
Result<bool> RegisterWithExternalSandbox(const std::string& sandbox_root, ProviderRegistry& providers) {
  std::unique_ptr<net::HttpTransport> transport = net::MakeHttplibTransport();
  for (oauth::Provider provider : {oauth::Provider::kGoogle, oauth::Provider::kMicrosoft, oauth::Provider::kZoom,
                                   oauth::Provider::kGoTo}) {
    const oauth::OAuthClient* client = providers.Client(provider);
    if (!client) continue;
    net::HttpRequest request;
    request.method = "POST";
    request.url = sandbox_root + "/sandbox/clients";
    request.timeout = std::chrono::seconds(5);
    request.With("Content-Type", "application/json");
    request.body = nlohmann::json{{"provider", oauth::ProviderName(provider)},
                                  {"client_id", client->registration().client_id},
                                  {"client_secret", client->registration().client_secret},
                                  {"redirect_uris", {client->registration().redirect_uri}}}
                       .dump();
    Result<net::HttpResponse> response = transport->Send(request);
    if (!response) return response.error();
    if (!response->Ok()) {
      return Error{codes::kSandboxError, "the sandbox refused the client registration: " + response->body, ""};
    }
  }
  return true;
}

void RegisterWithInProcessSandbox(sandbox::Sandbox& box, ProviderRegistry& providers) {
  for (oauth::Provider provider : {oauth::Provider::kGoogle, oauth::Provider::kMicrosoft, oauth::Provider::kZoom,
                                   oauth::Provider::kGoTo}) {
    const oauth::OAuthClient* client = providers.Client(provider);
    if (!client) continue;
    box.RegisterClient({std::string(oauth::ProviderName(provider)), client->registration().client_id,
                        client->registration().client_secret, {client->registration().redirect_uri}});
  }
}

// Widget token signing keys: the configured set (widget_tokens.signing_key as kid "w1", widget_tokens.keys; the
// current one signs, every one verifies) or, for the demo, a random key in a file created on first use next to the
// database. Neither: widget tokens are off.
std::optional<auth::WidgetKeySet> LoadWidgetKeys(const config::WidgetTokensConfig& configured,
                                                 const std::string& demo_key_file) {
  const config::EffectiveWidgetKeys effective = config::WidgetKeysOf(configured);
  if (!effective.keys.empty()) {
    auth::WidgetKeySet keys;
    keys.current_kid = effective.current_kid;
    for (const auto& [kid, secret] : effective.keys) keys.secrets[kid] = secret;
    return keys;
  }
  if (demo_key_file.empty()) return std::nullopt;
  std::string secret;
  std::ifstream in(demo_key_file);
  std::string text;
  if (in && std::getline(in, text)) secret = crypto::Base64Decode(text).value_or("");
  if (secret.size() < auth::kMinWidgetKeyBytes) {
    secret = crypto::RandomBytes(auth::kMinWidgetKeyBytes);
    std::ofstream out(demo_key_file, std::ios::trunc);
    out << crypto::Base64Encode(secret) << "\n";
    std::filesystem::permissions(demo_key_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  auth::WidgetKeySet keys;
  keys.current_kid = std::string(config::kLegacyWidgetKid);
  keys.secrets[keys.current_kid] = secret;
  return keys;
}

// The demo tenant "kumo" (the sandbox's demo organisation) and its API key, kept in <db folder>/demo-api-key.
std::string EnsureDemoTenant(SchedulingRuntime& scheduling, net::HttpTransport& transport, const std::string& sandbox_url,
                             const std::filesystem::path& folder) {
  const std::filesystem::path key_file = folder / "demo-api-key";
  Result<std::optional<Tenant>> existing = scheduling.directory().GetTenant(kDemoTenantId);
  if (existing && existing->has_value()) {
    // A demo database from before organisation access was per tenant has the tenant but no organisation connection.
    if (Result<std::vector<OrgConnection>> organisations = scheduling.org_access().List(kDemoTenantId);
        organisations && organisations->empty()) {
      if (Result<bool> connected = ConnectDemoOrganisation(scheduling.org_access(), kDemoTenantId); !connected) {
        std::cerr << "slotwise: the demo tenant's organisations could not be connected: "
                  << connected.error().message << "\n";
      }
    }
    std::ifstream in(key_file);
    std::string key;
    std::getline(in, key);
    return key;
  }
  Result<std::string> key = SeedDemoTenant(scheduling.directory(), transport, sandbox_url, kDemoTenantId, scheduling.clock()());
  if (!key) {
    std::cerr << "slotwise: the demo tenant could not be created: " << key.error().message << "\n";
    return "";
  }
  if (Result<bool> organisation = ConnectDemoOrganisation(scheduling.org_access(), kDemoTenantId); !organisation) {
    std::cerr << "slotwise: the demo tenant's organisations could not be connected: " << organisation.error().message
              << "\n";
  }
  if (Result<int> hosts = SeedDemoHostAccounts(scheduling.directory(), scheduling.connections(), sandbox_url,
                                               kDemoTenantId);
      !hosts) {
    std::cerr << "slotwise: the demo's Zoom and GoTo host accounts could not be linked: " << hosts.error().message
              << "\n";
  }
  std::ofstream out(key_file, std::ios::trunc);
  out << *key << "\n";
  out.close();
  std::filesystem::permissions(key_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return *key;
}

}  // namespace

// The effective configuration: defaults < --config FILE < SLOTWISE_* environment < command-line flags
// (docs/CONFIG.md). Answers the exit status on failure.
std::variant<config::ServerConfig, int> ResolveConfig(const std::vector<std::string>& args,
                                                      const std::string& default_web_root, const char* usage,
                                                      bool& print_config) {
  config::ServerConfig settings;
  std::vector<std::pair<std::string, std::string>> flags;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--demo" || arg == "--print-config") {
      flags.emplace_back(arg, "");
    } else if ((arg == "--config" || arg == "--host" || arg == "--port" || arg == "--web-root" || arg == "--db" ||
                arg == "--zoneinfo" || arg == "--public-url" || arg == "--sandbox-url") &&
               has_value) {
      flags.emplace_back(arg, args[++i]);
    } else {
      std::cerr << "slotwise: unknown or incomplete option " << arg << "\n" << usage;
      return kExitInvalidInput;
    }
  }
  for (const auto& [flag, value] : flags) {
    if (flag != "--config") continue;
    std::ifstream in(value);
    if (!in) {
      std::cerr << "slotwise: cannot read the configuration file " << value << "\n";
      return kExitFailure;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Result<config::ServerConfig> loaded = config::LoadServerConfig(text);
    if (!loaded) {
      std::cerr << "slotwise: " << value << ": " << loaded.error().message
                << (loaded.error().field.empty() ? "" : " (" + loaded.error().field + ")") << "\n";
      return kExitInvalidInput;
    }
    settings = std::move(loaded).value();
  }
  if (Result<bool> environment = config::ApplyEnvironment(settings, config::ProcessEnvironment); !environment) {
    std::cerr << "slotwise: " << environment.error().message << "\n";
    return kExitInvalidInput;
  }
  for (const auto& [flag, value] : flags) {
    if (flag == "--demo") settings.demo = true;
    if (flag == "--print-config") print_config = true;
    if (flag == "--host") settings.listen.host = value;
    if (flag == "--web-root") settings.web_root = value;
    if (flag == "--db") settings.database.path = value;
    if (flag == "--zoneinfo") settings.zoneinfo = value;
    if (flag == "--public-url") settings.public_url = value;
    if (flag == "--sandbox-url") settings.sandbox_url = value;
    if (flag == "--port") {
      settings.listen.port = ParsePort(value);
      if (settings.listen.port < 0) {
        std::cerr << "slotwise: --port takes a number from 0 to 65535\n";
        return kExitInvalidInput;
      }
    }
  }
  if (settings.web_root.empty()) settings.web_root = default_web_root;
  if (Result<bool> secrets = config::ResolveSecretFiles(settings); !secrets) {
    std::cerr << "slotwise: " << secrets.error().message << "\n";
    return kExitFailure;
  }
  if (Result<bool> valid = config::ValidateServerConfig(settings); !valid) {
    std::cerr << "slotwise: " << valid.error().message << "\n";
    return kExitInvalidInput;
  }
  return settings;
}

int RunServe(const std::vector<std::string>& args, const std::string& default_web_root, const char* usage) {
  bool print_config = false;
  std::variant<config::ServerConfig, int> resolved = ResolveConfig(args, default_web_root, usage, print_config);
  if (std::holds_alternative<int>(resolved)) return std::get<int>(resolved);
  const config::ServerConfig& settings = std::get<config::ServerConfig>(resolved);
  // The providers this server talks to: their real hosts with the configured registrations, or a sandbox.
  Result<ProviderSetup> provider_setup = ProviderSetupFor(settings);
  if (!provider_setup) {
    std::cerr << "slotwise: " << provider_setup.error().message << " (" << provider_setup.error().field << ")\n";
    return kExitInvalidInput;
  }
  const bool demo_providers = UsesSandboxDemoProviders(settings);
  if (print_config) {
    nlohmann::ordered_json described = nlohmann::ordered_json::parse(config::DescribeConfig(settings));
    described["provider_endpoints"] = DescribeProviderSetup(
        *provider_setup,
        settings.demo && settings.sandbox_url.empty() ? "in-process sandbox on a loopback port chosen at start" : "");
    std::cout << described.dump(2) << std::endl;
    return kExitOk;
  }
  BlockStopSignals();  // before the sandbox, server and outbox threads start
  if (settings.demo && !demo_providers) {
    std::cerr << "slotwise: note: --demo uses the sandbox's own clients; the configured registrations are not used\n";
  }
  ServerOptions options;
  options.host = settings.listen.host;
  options.port = settings.listen.port;
  options.web_root = settings.web_root;
  options.demo = settings.demo;
  options.max_body_bytes = settings.limits.max_body_bytes;
  options.read_timeout_seconds = settings.limits.read_timeout_seconds;
  options.write_timeout_seconds = settings.limits.write_timeout_seconds;
  options.keep_alive_seconds = settings.limits.keep_alive_seconds;
  options.threads = settings.limits.threads;
  options.max_header_bytes = settings.limits.max_header_bytes;
  options.max_connections = settings.limits.max_connections;
  options.max_connections_per_address = settings.limits.max_connections_per_address;
  options.trusted_proxies = settings.trusted_proxies;
  options.rate_limits = {settings.limits.rate_per_key_per_minute, settings.limits.rate_per_tenant_per_minute,
                         settings.limits.rate_per_address_per_minute,
                         static_cast<std::size_t>(settings.limits.rate_max_tracked_keys)};
  const std::string db_path = settings.database.path;
  const std::string zoneinfo = settings.zoneinfo;
  std::string public_url = settings.public_url;
  std::string sandbox_url = settings.sandbox_url;
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(db_path);
  if (!store) {
    std::cerr << "slotwise: " << store.error().message << "\n";
    return kExitFailure;
  }
  // Connections need the token keyring; without one only a server with no provider at all may start.
  const bool needs_connections = options.demo || !sandbox_url.empty() || !provider_setup->registrations.empty();
  const std::string demo_key_file =
      options.demo ? (std::filesystem::path(db_path).parent_path() / "token.key").string() : "";
  Result<crypto::Keyring> keyring = LoadKeyring(demo_key_file);
  std::unique_ptr<ConnectionsRuntime> connections;
  if (keyring) {
    // Provider calls through the forward proxy the environment names (https_proxy, no_proxy; net/proxy_settings.h).
    net::ProxySettings proxies = net::ProxySettings::FromProcessEnvironment();
    for (const std::string& problem : proxies.problems()) std::cerr << "slotwise: " << problem << "\n";
    connections = std::make_unique<ConnectionsRuntime>(*store.value(), std::move(keyring).value(),
                                                       net::MakeHttplibTransport(std::move(proxies)));
    options.connections = connections.get();
  } else if (needs_connections) {
    std::cerr << "slotwise: " << keyring.error().message << "\n";
    return kExitFailure;
  } else {
    std::cerr << "slotwise: provider connections are off: " << keyring.error().message << "\n";
  }

  // --demo without --sandbox-url: the sandbox runs in this process, on its own loopback port.
  std::unique_ptr<sandbox::SandboxServer> in_process_sandbox;
  std::thread sandbox_thread;
  if (options.demo && sandbox_url.empty()) {
    in_process_sandbox = std::make_unique<sandbox::SandboxServer>();
    Result<int> sandbox_port = in_process_sandbox->Bind("127.0.0.1", 0);
    if (!sandbox_port) {
      std::cerr << "slotwise: " << sandbox_port.error().message << "\n";
      return kExitFailure;
    }
    sandbox_url = "http://127.0.0.1:" + std::to_string(*sandbox_port);
    in_process_sandbox->sandbox().SetPublicBaseUrl(sandbox_url);
    sandbox_thread = std::thread([&] { in_process_sandbox->Run(); });
  }
  auto stop_sandbox = [&] {
    if (in_process_sandbox) {
      in_process_sandbox->Stop();
      sandbox_thread.join();
    }
  };

  ZoneinfoDirectory zones(zoneinfo);
  HttpServer server(options, zones);
  Result<int> port = server.Bind();
  if (!port) {
    std::cerr << "slotwise: " << port.error().message << "\n";
    stop_sandbox();
    return kExitFailure;
  }
  if (public_url.empty()) public_url = "http://" + options.host + ":" + std::to_string(*port);
  server.SetPublicUrl(public_url);
  if (connections && !demo_providers) {
    connections->ConfigureProviders(public_url, *provider_setup);
  } else if (connections && !sandbox_url.empty()) {
    connections->ConfigureSandboxProviders(public_url, sandbox_url);
    if (in_process_sandbox) {
      RegisterWithInProcessSandbox(in_process_sandbox->sandbox(), connections->providers());
    } else if (Result<bool> registered = RegisterWithExternalSandbox(sandbox_url, connections->providers()); !registered) {
      std::cerr << "slotwise: " << registered.error().message << "\n";
      return kExitFailure;
    }
  }
  std::unique_ptr<SchedulingRuntime> scheduling;
  std::string demo_api_key;
  if (connections) {
    if (demo_providers && !sandbox_url.empty()) {
      if (Result<bool> org = ConfigureSandboxOrgAccess(connections->providers(), connections->transport(), sandbox_url);
          !org) {
        std::cerr << "slotwise: organisation access to the sandbox failed: " << org.error().message << "\n";
        stop_sandbox();
        return kExitFailure;
      }
    }
    SchedulingOptions scheduling_options;
    scheduling_options.outbox.max_attempts = settings.outbox.max_attempts;
    scheduling_options.outbox.base_backoff = std::chrono::milliseconds(settings.outbox.base_backoff_ms);
    scheduling_options.outbox.max_backoff = std::chrono::milliseconds(settings.outbox.max_backoff_ms);
    scheduling_options.availability_max_age_seconds = settings.availability_cache.ttl_seconds;
    scheduling_options.cache_entries = settings.availability_cache.max_entries;
    scheduling_options.delivery.mode = std::string(config::MailModeName(settings.mail.mode));
    // The SMTP sender (mail/smtp_client.h): its settings are checked now, so a CA file that cannot be read stops the
    // start instead of failing every message later.
    const config::SmtpConfig& smtp = settings.mail.smtp;
    mail::SmtpSettings& sender = scheduling_options.delivery.smtp;
    sender.host = smtp.host;
    sender.port = smtp.port;  // 0 = the security's port
    sender.security = smtp.security == config::SmtpSecurity::kTls    ? mail::SmtpSecurity::kImplicitTls
                      : smtp.security == config::SmtpSecurity::kNone ? mail::SmtpSecurity::kNone
                                                                     : mail::SmtpSecurity::kStartTls;
    sender.helo_name = smtp.helo_name;
    sender.username = smtp.username;
    sender.password = smtp.password;
    sender.ca_file = smtp.ca_file;
    sender.timeout = std::chrono::seconds(smtp.timeout_seconds);
    scheduling_options.delivery.smtp_from = smtp.from;
    if (Result<bool> usable = mail::CheckSmtpSettings(sender);
        settings.mail.mode == config::MailMode::kSmtp && !usable) {
      std::cerr << "slotwise: mail.smtp." << usable.error().field << ": " << usable.error().message << "\n";
      stop_sandbox();
      return kExitFailure;
    }
    // Tenant-supplied webhook URLs (auth/outbound_policy.h): the configured allow-list; plain http for the demo tenant.
    auth::OutboundRules outbound_rules;
    outbound_rules.allowed_hosts = settings.outbound.allowed_hosts;
    if (options.demo) outbound_rules.http_tenants.push_back(kDemoTenantId);
    scheduling_options.outbound = auth::OutboundPolicy(std::move(outbound_rules));
    // The Teams app's bot (docs/TEAMS_APP.md): the configured registration at the real Bot Connector, or at the
    // sandbox's; with a sandbox and none configured, the sandbox's built-in bot.
    if (!settings.teams_bot.app_id.empty()) {
      scheduling_options.teams_bot =
          sandbox_url.empty()
              ? hr::RealBotFramework(settings.teams_bot.app_id, settings.teams_bot.app_secret)
              : hr::SandboxBotFramework(sandbox_url, settings.teams_bot.app_id, settings.teams_bot.app_secret);
    } else if (!sandbox_url.empty()) {
      scheduling_options.teams_bot = hr::SandboxBotFramework(sandbox_url, std::string(sandbox::kBotAppId),
                                                             std::string(sandbox::kBotAppSecret));
    }
    const std::filesystem::path data_folder = std::filesystem::path(db_path).parent_path();
    ApiAuthOptions auth_options;
    auth_options.admin_key_hashes = config::AdminKeyHashesOf(settings.admin);
    auth_options.widget_keys =
        LoadWidgetKeys(settings.widget_tokens, options.demo ? (data_folder / "widget.key").string() : "");
    Result<std::unique_ptr<SchedulingRuntime>> created =
        SchedulingRuntime::Create(*store.value(), *connections, zones, scheduling_options);
    if (!created) {
      std::cerr << "slotwise: " << created.error().message << "\n";
      stop_sandbox();
      return kExitFailure;
    }
    scheduling = std::move(created).value();
    if (Result<bool> enabled = server.EnableScheduling(*scheduling, std::move(auth_options)); !enabled) {
      std::cerr << "slotwise: " << enabled.error().message << "\n";
      stop_sandbox();
      return kExitFailure;
    }
    if (options.demo) demo_api_key = EnsureDemoTenant(*scheduling, connections->transport(), sandbox_url, data_folder);
    scheduling->Start();
  }
  // --demo: a second origin with the demo ATS page that embeds the widget (demo_ats_server.h).
  std::unique_ptr<DemoAtsServer> demo_ats;
  std::thread demo_ats_thread;
  if (options.demo && !demo_api_key.empty()) {
    demo_ats = std::make_unique<DemoAtsServer>(
        DemoAtsOptions{options.web_root, public_url, demo_api_key, kDemoRecruiter, 0}, connections->transport());
    if (Result<int> ats_port = demo_ats->Bind(); !ats_port) {
      std::cerr << "slotwise: " << ats_port.error().message << "\n";
      demo_ats.reset();
    } else {
      demo_ats_thread = std::thread([&] { demo_ats->Run(); });
    }
    std::vector<std::string> origins = {public_url};
    if (demo_ats) origins.push_back(demo_ats->origin());
    if (Result<bool> allowed = AllowDemoOrigins(scheduling->directory(), kDemoTenantId, origins); !allowed) {
      std::cerr << "slotwise: the demo tenant's origins could not be set: " << allowed.error().message << "\n";
    }
  }
  std::cout << "Slotwise is running at " << public_url << "/" << (options.demo ? " (demo data)" : "") << std::endl;
  if (!demo_api_key.empty()) std::cout << "Demo tenant \"kumo\" API key: " << demo_api_key << std::endl;
  if (!sandbox_url.empty()) std::cout << "Provider sandbox at " << sandbox_url << "/sandbox/" << std::endl;
  std::cout << VersionLine() << std::endl;
  if (!demo_providers) {
    std::cout << "Providers: " << (sandbox_url.empty() ? "the real hosts" : "the sandbox's copies of the real paths")
              << " (" << provider_setup->registrations.size() << " registered)" << std::endl;
  }
  if (demo_ats) std::cout << "ATS demo page: " << demo_ats->origin() << "/" << std::endl;
  RunUntilSignal([&] { server.Run(); }, [&] { server.Stop(); });
  if (demo_ats) {
    demo_ats->Stop();
    demo_ats_thread.join();
  }
  stop_sandbox();
  return kExitOk;
}

int RunSandbox(const std::vector<std::string>& args, const char* usage) {
  std::string host = "127.0.0.1";
  int port = 4100;
  sandbox::SandboxOptions options;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--host" && has_value) {
      host = args[++i];
    } else if (arg == "--port" && has_value) {
      port = ParsePort(args[++i]);
      if (port < 0) {
        std::cerr << "slotwise: --port takes a number from 0 to 65535\n";
        return kExitInvalidInput;
      }
    } else if (arg == "--empty") {
      options.seed_demo_org = false;
    } else {
      std::cerr << "slotwise: unknown or incomplete option " << arg << "\n" << usage;
      return kExitInvalidInput;
    }
  }
  BlockStopSignals();
  sandbox::SandboxServer server(options);
  Result<int> bound = server.Bind(host, port);
  if (!bound) {
    std::cerr << "slotwise: " << bound.error().message << "\n";
    return kExitFailure;
  }
  const std::string root = "http://" + host + ":" + std::to_string(*bound);
  server.sandbox().SetPublicBaseUrl(root);
  std::cout << "Slotwise provider sandbox is running at " << root << "/sandbox/" << std::endl;
  RunUntilSignal([&] { server.Run(); }, [&] { server.Stop(); });
  return kExitOk;
}

}  // namespace slotwise
