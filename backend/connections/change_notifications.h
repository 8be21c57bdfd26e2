// change_notifications.h — the hub of provider change notifications: it subscribes to a calendar's changes when a
// connection is made (Google events.watch channel, Graph subscription), keeps the registries the webhook routes verify
// against (persisted, secrets sealed), and runs the worker that hands an accepted notification to its listeners
// (booking/booked_object_sync.h re-reads what Slotwise booked there; the free/busy cache forgets the calendar).
//
// Contract:
// - A notification is never data: routes only Push a SyncKey (coalescing) and answer at once. The worker (one thread,
//   Start/Stop) pops keys and calls the listeners (SetListeners) with the connection's tenant and calendar, or with
//   the Zoom meeting; the listeners may call providers (they run on the worker thread, which exists for that).
// - Subscribing never fails a connection: OnConnectionMade returns a FunctionCheck "subscribe_changes" (passed,
//   failed with the reason, or skipped for a Microsoft connection without the calendar — CalendarGranted) for Google
//   and Microsoft connections, nullopt for providers without per-connection
//   subscriptions (Zoom webhooks are configured once per app: SetZoomWebhookSecret).
// - Webhook addresses: <public base>/webhooks/google, /webhooks/microsoft, /webhooks/zoom. Graph validates the address
//   DURING the subscription call, so the routes must be served before OnConnectionMade runs.
// - Channel tokens and clientStates are secrets: sealed with the TokenVault (associated data
//   "webhook/<provider>/<id>") in table change_subscriptions; LoadPersisted re-registers them after a restart.
// - Watches are kept alive: every periodic tick (and RenewDue) renews those expiring within kRenewMarginSeconds — a
//   Graph subscription is extended (PATCH; recreated when Graph no longer knows it), a Google channel cannot be, so a
//   new channel replaces it (the old one is stopped once the new one is stored). Graph lifecycle notifications (same
//   URL) are acted on by the worker: reauthorizationRequired renews, subscriptionRemoved recreates, missed queues a
//   sync of the mailbox.
// - Times are Unix seconds from the injected clock.
// - Thread-safe. Stop() (also run by the destructor) closes the queue, interrupts retry back-off and joins the
//   worker; syncs still pending are dropped (the next notification or a full sync catches up).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "connections/connection_store.h"
#include "connections/provider_registry.h"
#include "connections/token_manager.h"
#include "crypto/token_vault.h"
#include "providers/retry.h"
#include "store/sqlite_store.h"
#include "webhooks/google_channels.h"
#include "webhooks/graph_notifications.h"
#include "webhooks/replay_cache.h"
#include "webhooks/sync_queue.h"

namespace slotwise {

inline constexpr std::int64_t kGoogleChannelTtlSeconds = 7 * 24 * 3600;       // asked for; Google may grant less
inline constexpr std::int64_t kGraphSubscriptionSeconds = 10080 * 60 - 3600;  // Graph's event maximum, minus margin
inline constexpr std::int64_t kRenewMarginSeconds = 2 * 24 * 3600;              // renew watches expiring within this

// One persisted watch: a Google channel or a Graph subscription.
struct ChangeWatch {
  std::string id;        // Google channel id / Graph subscription id
  std::string provider;  // "google" or "microsoft"
  std::string connection_id;
  std::string calendar_id;  // Google calendar id / Graph mailbox
  std::string secret;       // channel token / clientState — plaintext in memory only; never serve it over HTTP
  std::string resource_id;  // Google resourceId (needed to stop the channel); "" for Graph
  std::int64_t expires_at = 0;
};

struct ChangeNotificationStats {
  webhooks::SyncQueueStats queue;
  std::uint64_t syncs_completed = 0;  // keys handed to the listeners
  std::uint64_t sync_errors = 0;      // keys whose connection is gone
  std::uint64_t zoom_replays = 0;     // Zoom deliveries dropped as replays
  std::uint64_t renewals = 0;         // watches extended or replaced before they expired
  std::uint64_t recreations = 0;      // watches made anew after the provider dropped them
  std::uint64_t renewal_errors = 0;   // renewals that failed (tried again at the next tick)
};

class ChangeNotifications {
 public:
  using Clock = std::function<std::int64_t()>;

  ChangeNotifications(SqliteStore& database, const crypto::TokenVault& vault, const ProviderRegistry& providers,
                      ConnectionStore& connections, TokenManager& tokens, Clock clock);
  ~ChangeNotifications();
  ChangeNotifications(const ChangeNotifications&) = delete;
  ChangeNotifications& operator=(const ChangeNotifications&) = delete;

  void SetPublicBaseUrl(std::string url);         // webhook addresses derive from it
  void SetZoomWebhookSecret(std::string secret);  // the Zoom app's "secret token"; "" = Zoom webhooks refused (503)
  std::string ZoomWebhookSecret() const;

  Result<std::size_t> LoadPersisted();  // registers the stored, unexpired watches; returns how many
  void Start();                         // starts the worker (idempotent)
  void Stop();                          // see the contract; idempotent

  // After a connection was stored and checked: replaces its watches with a fresh one (see the contract).
  std::optional<FunctionCheck> OnConnectionMade(const Connection& connection);
  // Stops every watch of a connection at the provider (best effort), forgets and deletes them; returns how many.
  Result<std::size_t> Unsubscribe(const std::string& connection_id);
  // The stored watches of a connection, secrets opened (in-process use only).
  Result<std::vector<ChangeWatch>> Watches(const std::string& connection_id);

  // What the worker tells about an accepted notification. `calendar_changed(tenant id, provider ("google" |
  // "microsoft"), calendar id)` — the watched calendar (Google calendar id / Graph mailbox, i.e. the account's
  // e-mail); `meeting_changed(provider ("zoom"), meeting id)`; `periodic()` once every kPeriodicSeconds of the
  // injected clock (the safety net for notifications that never arrive). Any may be empty.
  struct Listeners {
    std::function<void(const std::string& tenant_id, const std::string& provider, const std::string& calendar_id)>
        calendar_changed;
    std::function<void(const std::string& provider, const std::string& meeting_id)> meeting_changed;
    std::function<void()> periodic;
  };
  static constexpr std::int64_t kPeriodicSeconds = 15 * 60;
  // Replaces the listeners; waits until no listener call is running, so the old ones' targets may go away after.
  void SetListeners(Listeners listeners);

  // Queues a sync of this Zoom meeting; false when the queue refused it.
  bool QueueZoomMeeting(const std::string& meeting_id);
  // A verified Graph lifecycle notification for a subscription; the worker acts on it (see the contract).
  void OnGraphLifecycle(const std::string& subscription_id, const std::string& lifecycle_event);
  // Renews every watch expiring within kRenewMarginSeconds (and acts on pending lifecycle notifications); returns how
  // many watches were renewed or recreated. The worker runs it every periodic tick; tests may call it.
  std::size_t RenewDue();
  void CountZoomReplay() { zoom_replays_.fetch_add(1); }

  // What the webhook routes verify against and feed.
  webhooks::ChannelRegistry& channels() { return channels_; }
  webhooks::SubscriptionRegistry& subscriptions() { return subscriptions_; }
  webhooks::ReplayCache& graph_replays() { return graph_replays_; }
  webhooks::ReplayCache& zoom_replays() { return zoom_replay_cache_; }
  webhooks::SyncQueue& queue() { return queue_; }
  std::int64_t Now() const { return clock_(); }

  ChangeNotificationStats Stats() const;

 private:
  Result<ChangeWatch> WatchGoogle(const Connection& connection, providers::AccessTokenSource& source);
  Result<ChangeWatch> SubscribeGraph(const Connection& connection, providers::AccessTokenSource& source);
  Result<bool> Persist(const ChangeWatch& watch);
  Result<std::vector<ChangeWatch>> LoadWatches(const std::string& where, const std::vector<std::string>& args);
  std::string WebhookUrl(std::string_view provider) const;
  providers::RetryHooks InterruptibleHooks();

  void Work();
  void RunSync(const webhooks::SyncKey& key);
  bool Renew(const ChangeWatch& watch, bool recreate);
  Result<bool> Forget(const ChangeWatch& watch, bool stop_at_provider);

  SqliteStore& database_;
  const crypto::TokenVault& vault_;
  const ProviderRegistry& providers_;
  ConnectionStore& connections_;
  TokenManager& tokens_;
  Clock clock_;

  webhooks::ChannelRegistry channels_;
  webhooks::SubscriptionRegistry subscriptions_;
  webhooks::ReplayCache graph_replays_;
  webhooks::ReplayCache zoom_replay_cache_;
  webhooks::SyncQueue queue_;

  mutable std::mutex mutex_;  // guards the fields below and the worker's stop signal
  std::condition_variable stop_signal_;
  bool stopping_ = false;
  std::int64_t next_periodic_ = 0;  // worker thread only
  std::mutex listener_call_mutex_;  // held while a listener runs (SetListeners waits for it)
  std::mutex renew_mutex_;          // one RenewDue at a time
  std::vector<std::pair<std::string, std::string>> lifecycle_;  // (subscription id, event) to act on; under mutex_
  std::string public_base_url_;
  std::string zoom_secret_;
  Listeners listeners_;
  std::thread worker_;
  std::recursive_mutex& store_mutex_ = database_.lock();  // change_subscriptions statements (SqliteStore::lock)

  std::atomic<std::uint64_t> syncs_completed_{0};
  std::atomic<std::uint64_t> sync_errors_{0};
  std::atomic<std::uint64_t> zoom_replays_{0};
  std::atomic<std::uint64_t> renewals_{0};
  std::atomic<std::uint64_t> recreations_{0};
  std::atomic<std::uint64_t> renewal_errors_{0};
};

// Re-seals every stored webhook secret (channel token, clientState) sealed under a key other than the vault's active
// one; returns how many (`slotwise keys rotate`). Not thread-safe against a running server's writes: run it offline.
Result<int> RotateWatchSecrets(SqliteStore& database, const crypto::TokenVault& vault);

}  // namespace slotwise
