// change_notifications.cpp — see change_notifications.h.
//
// [SECTION] Configuration and lifetime
// [SECTION] Subscribing (Google events.watch, Graph subscriptions)
// [SECTION] Persistence (change_subscriptions)
// [SECTION] The sync worker
#include "connections/change_notifications.h"

#include <nlohmann/json.hpp>

#include "connections/connect_purpose.h"
#include "net/url.h"
#include "providers/provider_client.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"
#include "store/sqlite_query.h"

namespace slotwise {

namespace {

using nlohmann::json;
using webhooks::SyncKey;

std::string SealingContext(const ChangeWatch& watch) {
  return "webhook/" + watch.provider + "/" + watch.id;
}

FunctionCheck SubscribeCheck(const Result<ChangeWatch>& watch, std::int64_t now) {
  if (!watch) return {"subscribe_changes", "failed", watch.error().message, now};
  const std::string how = watch->provider == "google" ? "a Google push channel" : "a Microsoft Graph subscription";
  return {
      "subscribe_changes", "passed",
      "watching " + watch->calendar_id + " for changes through " + how + " until " + FormatRfc3339(watch->expires_at),
      now};
}

// Google answers `expiration` in milliseconds, as a string (the sandbox too) or a number.
std::int64_t ExpirationMs(const json& answer) {
  auto it = answer.find("expiration");
  if (it == answer.end()) return 0;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_string()) {
    const std::string text = it->get<std::string>();
    if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::stoll(text);
  }
  return 0;
}

}  // namespace

// [SECTION] Configuration and lifetime

ChangeNotifications::ChangeNotifications(SqliteStore& database, const crypto::TokenVault& vault,
                                         const ProviderRegistry& providers, ConnectionStore& connections,
                                         TokenManager& tokens, Clock clock)
    : database_(database),
      vault_(vault),
      providers_(providers),
      connections_(connections),
      tokens_(tokens),
      clock_(std::move(clock)) {}

ChangeNotifications::~ChangeNotifications() {
  Stop();
}

void ChangeNotifications::SetPublicBaseUrl(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  std::lock_guard lock(mutex_);
  public_base_url_ = std::move(url);
}

void ChangeNotifications::SetZoomWebhookSecret(std::string secret) {
  std::lock_guard lock(mutex_);
  zoom_secret_ = std::move(secret);
}

void ChangeNotifications::SetListeners(Listeners listeners) {
  std::lock_guard calls(listener_call_mutex_);
  std::lock_guard lock(mutex_);
  listeners_ = std::move(listeners);
}

std::string ChangeNotifications::ZoomWebhookSecret() const {
  std::lock_guard lock(mutex_);
  return zoom_secret_;
}

std::string ChangeNotifications::WebhookUrl(std::string_view provider) const {
  std::lock_guard lock(mutex_);
  if (public_base_url_.empty()) return "";
  return public_base_url_ + "/webhooks/" + std::string(provider);
}

void ChangeNotifications::Start() {
  std::lock_guard lock(mutex_);
  if (stopping_ || worker_.joinable()) return;
  worker_ = std::thread([this] { Work(); });
}

void ChangeNotifications::Stop() {
  std::thread worker;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    worker = std::move(worker_);
  }
  stop_signal_.notify_all();
  queue_.Close();
  if (worker.joinable()) worker.join();
}

providers::RetryHooks ChangeNotifications::InterruptibleHooks() {
  providers::RetryHooks hooks;
  hooks.sleep = [this](std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    stop_signal_.wait_for(lock, delay, [this] { return stopping_; });
  };
  hooks.now = clock_;
  return hooks;
}

ChangeNotificationStats ChangeNotifications::Stats() const {
  ChangeNotificationStats stats;
  stats.queue = queue_.Stats();
  stats.syncs_completed = syncs_completed_.load();
  stats.sync_errors = sync_errors_.load();
  stats.zoom_replays = zoom_replays_.load();
  stats.renewals = renewals_.load();
  stats.recreations = recreations_.load();
  stats.renewal_errors = renewal_errors_.load();
  return stats;
}

bool ChangeNotifications::QueueZoomMeeting(const std::string& meeting_id) {
  const webhooks::PushOutcome outcome = queue_.Push(SyncKey{"", "", meeting_id});
  return outcome == webhooks::PushOutcome::kQueued || outcome == webhooks::PushOutcome::kCoalesced;
}

// [SECTION] Subscribing (Google events.watch, Graph subscriptions)

std::optional<FunctionCheck> ChangeNotifications::OnConnectionMade(const Connection& connection) {
  if (connection.provider != oauth::Provider::kGoogle && connection.provider != oauth::Provider::kMicrosoft) {
    return std::nullopt;
  }
  const std::int64_t now = clock_();
  Unsubscribe(connection.id);  // a reconnect replaces the old watch; failures to stop it are not the user's problem
  if (!CalendarGranted(connection.provider, connection.scopes)) {
    return FunctionCheck{"subscribe_changes", "skipped",
                         "this connection was not granted the calendar (connected for Teams channel posts)", now};
  }
  std::unique_ptr<providers::AccessTokenSource> source = tokens_.SourceFor(connection.id);
  Result<ChangeWatch> watch = connection.provider == oauth::Provider::kGoogle ? WatchGoogle(connection, *source)
                                                                              : SubscribeGraph(connection, *source);
  if (watch) {
    if (Result<bool> saved = Persist(watch.value()); !saved) {
      watch =
          Error{saved.error().code, "subscribed, but could not store the subscription: " + saved.error().message, ""};
    }
  }
  return SubscribeCheck(watch, now);
}

Result<ChangeWatch> ChangeNotifications::WatchGoogle(const Connection& connection,
                                                     providers::AccessTokenSource& source) {
  const std::optional<std::string> api_base = providers_.ApiBase(oauth::Provider::kGoogle);
  const std::string address = WebhookUrl("google");
  if (!api_base || address.empty()) {
    return Error{codes::kNotConfigured, "change notifications need the server's public URL and Google's API base", ""};
  }
  ChangeWatch watch{webhooks::NewGoogleChannelId(),
                    "google",
                    connection.id,
                    connection.account_email,
                    webhooks::NewGoogleChannelToken(),
                    "",
                    clock_() + kGoogleChannelTtlSeconds};
  // Registered before the call: Google's "sync" ping may arrive before its answer to events.watch.
  webhooks::GoogleChannel channel{watch.id, watch.secret, {connection.id, watch.calendar_id}, "", watch.expires_at};
  if (Result<bool> registered = channels_.Register(channel); !registered) return registered.error();

  const json body = {{"id", watch.id},
                     {"type", "web_hook"},
                     {"address", address},
                     {"token", watch.secret},
                     {"params", {{"ttl", std::to_string(kGoogleChannelTtlSeconds)}}}};
  providers::ProviderClient client(
      providers_.transport(), source, providers::Provider::kGoogle,
      providers::RetryPolicy{2, std::chrono::milliseconds(250), std::chrono::milliseconds(2000),
                             std::chrono::milliseconds(10000)},
      InterruptibleHooks());
  const std::string url =
      providers::JoinUrl(*api_base, "/calendars/" + net::PercentEncode(watch.calendar_id) + "/events/watch");
  Result<net::HttpResponse> sent = client.Send(providers::ProviderClient::JsonRequest("POST", url, DumpJson(body)));
  Error failure;
  if (!sent)
    failure = client.ToError(sent.error());
  else if (!sent->Ok())
    failure = client.ToError(sent.value());
  if (!failure.code.empty()) {
    channels_.Unregister(watch.id);
    return Error{failure.code, "could not start a Google push channel: " + failure.message, ""};
  }
  const json answer = slotwise::ParseJson(sent->body);
  if (answer.is_object()) {
    if (auto it = answer.find("resourceId"); it != answer.end() && it->is_string()) watch.resource_id = *it;
    if (const std::int64_t ms = ExpirationMs(answer); ms > 0) watch.expires_at = ms / 1000;
  }
  channel.resource_id = watch.resource_id;
  channel.expires_at = watch.expires_at;
  if (Result<bool> registered = channels_.Register(channel); !registered) return registered.error();
  return watch;
}

Result<ChangeWatch> ChangeNotifications::SubscribeGraph(const Connection& connection,
                                                        providers::AccessTokenSource& source) {
  const std::optional<std::string> api_base = providers_.ApiBase(oauth::Provider::kMicrosoft);
  const std::string address = WebhookUrl("microsoft");
  if (!api_base || address.empty()) {
    return Error{codes::kNotConfigured, "change notifications need the server's public URL and Graph's API base", ""};
  }
  ChangeWatch watch{"",
                    "microsoft",
                    connection.id,
                    connection.account_email,
                    webhooks::NewGraphClientState(),
                    "",
                    clock_() + kGraphSubscriptionSeconds};
  const json body = {{"changeType", "created,updated,deleted"},
                     {"notificationUrl", address},
                     {"resource", "me/events"},
                     {"lifecycleNotificationUrl", address},
                     {"expirationDateTime", FormatRfc3339(watch.expires_at)},
                     {"clientState", watch.secret}};
  // Graph validates notificationUrl (≤ 10 s) before it answers: allow for that in the timeout.
  providers::ProviderClient client(
      providers_.transport(), source, providers::Provider::kGraph,
      providers::RetryPolicy{2, std::chrono::milliseconds(250), std::chrono::milliseconds(2000),
                             std::chrono::milliseconds(20000)},
      InterruptibleHooks());
  Result<net::HttpResponse> sent = client.Send(
      providers::ProviderClient::JsonRequest("POST", providers::JoinUrl(*api_base, "/subscriptions"), DumpJson(body)));
  if (!sent)
    return Error{codes::kSubscribeFailed, "could not create a Graph subscription: " + client.ToError(sent.error()).message,
                 ""};
  if (!sent->Ok()) {
    return Error{codes::kSubscribeFailed, "could not create a Graph subscription: " + client.ToError(sent.value()).message,
                 ""};
  }
  const json answer = slotwise::ParseJson(sent->body);
  if (!answer.is_object() || !answer.contains("id") || !answer["id"].is_string()) {
    return Error{codes::kProviderError, "Graph answered the subscription without an id", ""};
  }
  watch.id = answer["id"].get<std::string>();
  if (auto it = answer.find("expirationDateTime"); it != answer.end() && it->is_string()) {
    if (std::optional<Instant> expires = ParseRfc3339(it->get<std::string>())) watch.expires_at = *expires;
  }
  Result<bool> registered =
      subscriptions_.Register(webhooks::GraphSubscription{watch.id, watch.secret, {connection.id, watch.calendar_id}});
  if (!registered) return registered.error();
  return watch;
}

Result<std::size_t> ChangeNotifications::Unsubscribe(const std::string& connection_id) {
  Result<std::vector<ChangeWatch>> watches = Watches(connection_id);
  if (!watches) return watches.error();
  if (watches->empty()) return std::size_t{0};
  for (const ChangeWatch& watch : watches.value()) {
    if (Result<bool> forgotten = Forget(watch, true); !forgotten) return forgotten.error();
  }
  return watches->size();
}

// [SECTION] Persistence (change_subscriptions)

Result<bool> ChangeNotifications::Persist(const ChangeWatch& watch) {
  std::lock_guard lock(store_mutex_);
  Result<int> done =
      Exec(database_.handle(),
           "INSERT OR REPLACE INTO change_subscriptions (id, provider, connection_id, calendar_id, "
           "secret_sealed, resource_id, expires_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
           {watch.id, watch.provider, watch.connection_id, watch.calendar_id,
            vault_.Seal(watch.secret, SealingContext(watch)), watch.resource_id, watch.expires_at, clock_()});
  if (!done) return done.error();
  return true;
}

Result<std::vector<ChangeWatch>> ChangeNotifications::LoadWatches(const std::string& where,
                                                                  const std::vector<std::string>& args) {
  std::lock_guard lock(store_mutex_);
  return Query<ChangeWatch>(database_.handle(),
                            "SELECT id, provider, connection_id, calendar_id, secret_sealed, resource_id, expires_at "
                            "FROM change_subscriptions WHERE " +
                                where + " ORDER BY created_at, id",
                            std::vector<SqlValue>(args.begin(), args.end()),
                            [this](SqlRow& row) -> Result<ChangeWatch> {
                              ChangeWatch watch{row.Text(), row.Text(), row.Text(), row.Text(), "", "", 0};
                              const std::string sealed_secret = row.Text();
                              watch.resource_id = row.Text();
                              watch.expires_at = row.Int();
                              Result<std::string> secret = vault_.Open(sealed_secret, SealingContext(watch));
                              if (!secret) return secret.error();
                              watch.secret = std::move(secret).value();
                              return watch;
                            });
}

Result<std::vector<ChangeWatch>> ChangeNotifications::Watches(const std::string& connection_id) {
  return LoadWatches("connection_id = ?1", {connection_id});
}

Result<std::size_t> ChangeNotifications::LoadPersisted() {
  Result<std::vector<ChangeWatch>> watches = LoadWatches("expires_at > ?1", {std::to_string(clock_())});
  if (!watches) return watches.error();
  std::size_t loaded = 0;
  for (const ChangeWatch& watch : watches.value()) {
    Result<bool> registered =
        watch.provider == "google"
            ? channels_.Register({watch.id,
                                  watch.secret,
                                  {watch.connection_id, watch.calendar_id},
                                  watch.resource_id,
                                  watch.expires_at})
            : subscriptions_.Register({watch.id, watch.secret, {watch.connection_id, watch.calendar_id}});
    if (registered) ++loaded;
  }
  return loaded;
}

// [SECTION] Keeping watches alive

void ChangeNotifications::OnGraphLifecycle(const std::string& subscription_id, const std::string& lifecycle_event) {
  std::lock_guard lock(mutex_);
  if (lifecycle_.size() < 10'000) lifecycle_.emplace_back(subscription_id, lifecycle_event);
}

std::size_t ChangeNotifications::RenewDue() {
  std::lock_guard renewing(renew_mutex_);
  std::vector<std::pair<std::string, std::string>> lifecycle;
  {
    std::lock_guard lock(mutex_);
    lifecycle.swap(lifecycle_);
  }
  std::size_t renewed = 0;
  for (const auto& [subscription_id, event] : lifecycle) {
    Result<std::vector<ChangeWatch>> found = LoadWatches("id = ?1 AND provider = 'microsoft'", {subscription_id});
    if (!found || found->empty()) continue;
    const ChangeWatch& watch = found->front();
    if (event == "missed") {
      queue_.Push(SyncKey{watch.connection_id, watch.calendar_id, ""});
    } else if (event == "subscriptionRemoved" || event == "reauthorizationRequired") {
      renewed += Renew(watch, event == "subscriptionRemoved") ? 1 : 0;
    }
  }
  Result<std::vector<ChangeWatch>> due =
      LoadWatches("expires_at < ?1", {std::to_string(clock_() + kRenewMarginSeconds)});
  if (!due) return renewed;
  for (const ChangeWatch& watch : due.value()) renewed += Renew(watch, false) ? 1 : 0;
  return renewed;
}

// Extends or replaces one watch; `recreate` when the provider no longer has it. False (counted) on failure: the next
// tick tries again.
bool ChangeNotifications::Renew(const ChangeWatch& watch, bool recreate) {
  Result<std::optional<Connection>> found = connections_.Find(watch.connection_id);
  if (!found) return false;
  if (!found->has_value() || (*found)->status != ConnectionStatus::kActive) {
    Forget(watch, false);  // nothing to renew it with; a reconnect subscribes anew
    return false;
  }
  const Connection& connection = found->value();
  std::unique_ptr<providers::AccessTokenSource> source = tokens_.SourceFor(connection.id);
  if (watch.provider == "microsoft" && !recreate) {
    const std::optional<std::string> api_base = providers_.ApiBase(oauth::Provider::kMicrosoft);
    if (!api_base) return false;
    const std::int64_t expires_at = clock_() + kGraphSubscriptionSeconds;
    providers::ProviderClient client(
        providers_.transport(), *source, providers::Provider::kGraph,
        providers::RetryPolicy{2, std::chrono::milliseconds(250), std::chrono::milliseconds(2000),
                               std::chrono::milliseconds(10000)},
        InterruptibleHooks());
    Result<net::HttpResponse> sent = client.Send(providers::ProviderClient::JsonRequest(
        "PATCH", providers::JoinUrl(*api_base, "/subscriptions/" + net::PercentEncode(watch.id)),
        DumpJson({{"expirationDateTime", FormatRfc3339(expires_at)}})));
    if (sent && sent->Ok()) {
      ChangeWatch extended = watch;
      extended.expires_at = expires_at;
      const json answer = slotwise::ParseJson(sent->body);
      if (answer.is_object() && answer.contains("expirationDateTime") && answer["expirationDateTime"].is_string()) {
        if (std::optional<Instant> granted = ParseRfc3339(answer["expirationDateTime"].get<std::string>())) {
          extended.expires_at = *granted;
        }
      }
      if (!Persist(extended)) {
        renewal_errors_.fetch_add(1);
        return false;
      }
      renewals_.fetch_add(1);
      return true;
    }
    if (!sent || sent->status != 404) {
      renewal_errors_.fetch_add(1);
      return false;
    }
    recreate = true;  // Graph forgot it (expired or removed): make a new one
  }
  Result<ChangeWatch> fresh =
      watch.provider == "google" ? WatchGoogle(connection, *source) : SubscribeGraph(connection, *source);
  if (!fresh || !Persist(fresh.value())) {
    renewal_errors_.fetch_add(1);
    return false;
  }
  Forget(watch, !recreate);  // the old one worked until the new one was stored; stop it where it still exists
  (recreate ? recreations_ : renewals_).fetch_add(1);
  return true;
}

// Unregisters one watch, deletes its row and (when asked, best effort) stops it at the provider.
Result<bool> ChangeNotifications::Forget(const ChangeWatch& watch, bool stop_at_provider) {
  if (watch.provider == "google") {
    channels_.Unregister(watch.id);
  } else {
    subscriptions_.Unregister(watch.id);
  }
  if (stop_at_provider) {
    std::unique_ptr<providers::AccessTokenSource> source = tokens_.SourceFor(watch.connection_id);
    providers::RetryPolicy once{1, std::chrono::milliseconds(0), std::chrono::milliseconds(0),
                                std::chrono::milliseconds(5000)};
    if (watch.provider == "google") {
      if (std::optional<std::string> base = providers_.ApiBase(oauth::Provider::kGoogle)) {
        providers::ProviderClient client(providers_.transport(), *source, providers::Provider::kGoogle, once, {});
        client.Send(
            providers::ProviderClient::JsonRequest("POST", providers::JoinUrl(*base, "/channels/stop"),
                                                   DumpJson({{"id", watch.id}, {"resourceId", watch.resource_id}})));
      }
    } else if (std::optional<std::string> base = providers_.ApiBase(oauth::Provider::kMicrosoft)) {
      providers::ProviderClient client(providers_.transport(), *source, providers::Provider::kGraph, once, {});
      client.Send(providers::ProviderClient::JsonRequest(
          "DELETE", providers::JoinUrl(*base, "/subscriptions/" + net::PercentEncode(watch.id))));
    }
  }
  std::lock_guard lock(store_mutex_);
  Result<int> deleted = Exec(database_.handle(), "DELETE FROM change_subscriptions WHERE id = ?1", {watch.id});
  if (!deleted) return deleted.error();
  return true;
}

// [SECTION] The sync worker

void ChangeNotifications::Work() {
  for (;;) {
    std::optional<SyncKey> key = queue_.Pop(std::chrono::milliseconds(500));
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    bool lifecycle_pending = false;
    {
      std::lock_guard lock(mutex_);
      lifecycle_pending = !lifecycle_.empty();
    }
    if (lifecycle_pending) RenewDue();
    if (const std::int64_t now = clock_(); now >= next_periodic_) {
      next_periodic_ = now + kPeriodicSeconds;
      RenewDue();
      std::lock_guard calls(listener_call_mutex_);
      std::function<void()> periodic;
      {
        std::lock_guard lock(mutex_);
        periodic = listeners_.periodic;
      }
      if (periodic) periodic();
    }
    if (!key) {
      if (queue_.IsClosed()) return;
      continue;
    }
    RunSync(*key);
  }
}

void ChangeNotifications::RunSync(const SyncKey& key) {
  std::lock_guard calls(listener_call_mutex_);
  Listeners listeners;
  {
    std::lock_guard lock(mutex_);
    listeners = listeners_;
  }
  if (!key.meeting_id.empty()) {
    if (listeners.meeting_changed) listeners.meeting_changed("zoom", key.meeting_id);
    syncs_completed_.fetch_add(1);
    return;
  }
  Result<std::optional<Connection>> found = connections_.Find(key.connection_id);
  if (!found || !found->has_value()) {
    sync_errors_.fetch_add(1);
    return;
  }
  const Connection& connection = found->value();
  if (listeners.calendar_changed) {
    listeners.calendar_changed(connection.tenant_id, std::string(oauth::ProviderName(connection.provider)),
                               key.calendar_id);
  }
  syncs_completed_.fetch_add(1);
}

}  // namespace slotwise

namespace slotwise {

Result<int> RotateWatchSecrets(SqliteStore& database, const crypto::TokenVault& vault) {
  std::lock_guard lock(database.lock());
  struct Sealed {
    ChangeWatch watch;  // id and provider only: what the sealing context is made of
    std::string secret;
  };
  Result<std::vector<Sealed>> rows =
      Query<Sealed>(database.handle(), "SELECT id, provider, secret_sealed FROM change_subscriptions ORDER BY id", {},
                    [](SqlRow& row) {
                      Sealed sealed;
                      sealed.watch.id = row.Text();
                      sealed.watch.provider = row.Text();
                      sealed.secret = row.Text();
                      return sealed;
                    });
  if (!rows) return rows.error();
  std::vector<std::pair<std::string, std::string>> resealed;  // id -> new sealed value
  for (const Sealed& row : rows.value()) {
    if (!vault.NeedsRotation(row.secret)) continue;
    Result<std::string> fresh = vault.Reseal(row.secret, SealingContext(row.watch));
    if (!fresh) return fresh.error();
    resealed.emplace_back(row.watch.id, std::move(fresh).value());
  }
  for (const auto& [id, sealed] : resealed) {
    Result<int> done =
        Exec(database.handle(), "UPDATE change_subscriptions SET secret_sealed = ?2 WHERE id = ?1", {id, sealed});
    if (!done) return done.error();
  }
  return static_cast<int>(resealed.size());
}

}  // namespace slotwise
