// graph_notifications.h — verification of Microsoft Graph change notifications (subscriptions on users/{id}/events).
//
// Two kinds of request reach the notification URL:
//  1. Validation: POST notificationUrl?validationToken=… when a subscription is created or renewed. Answer within
//     10 s with 200, Content-Type text/plain, body = ValidationReply(token). Set X-Content-Type-Options: nosniff: the
//     request is unauthenticated, so the reply reflects text from anyone.
//  2. Notifications: {"value":[{subscriptionId, changeType, resource, resourceData{id}, clientState, tenantId}]}.
//     The same URL is the subscription's lifecycleNotificationUrl: lifecycle items carry `lifecycleEvent`
//     ("reauthorizationRequired", "subscriptionRemoved", "missed") instead of changeType and resource.
//     Answer within 3 s (202) — VerifyGraphNotifications does no I/O; push the accepted changes on the SyncQueue.
//     A change notification is not data: it only asks for an incremental sync of the subscription's mailbox.
//
// Thread safety: SubscriptionRegistry is thread-safe (reader/writer lock); the functions below may run concurrently.
// No function throws except std::bad_alloc (JSON errors are caught and returned as Error values).
#pragma once

#include <cstddef>
#include <cstdint>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "slotwise/result.h"
#include "webhooks/replay_cache.h"

namespace slotwise::webhooks {

inline constexpr std::size_t kMaxGraphValidationTokenBytes = 1024;
inline constexpr std::size_t kMaxGraphBodyBytes = 1024 * 1024;  // larger bodies: "body_too_large"
inline constexpr std::size_t kMaxGraphItems = 1000;             // more items: "invalid_notification"
inline constexpr std::size_t kMaxGraphIdBytes = 128;            // subscriptionId, clientState (Graph: <= 128), tenantId
inline constexpr std::size_t kMaxGraphResourceBytes = 2048;     // resource, resourceData.id
// Duplicates (same subscriptionId + changeType + resourceData.id) are dropped for this long. Kept short on purpose:
// Outlook often sends several identical notifications within a second or two, but a genuine second change inside
// the window whose sync has already started would be missed until the next notification or periodic sync.
inline constexpr std::int64_t kGraphDuplicateWindowSeconds = 30;

struct GraphResource {
  std::string connection_id;  // the stored connection (OAuth grant or app-only tenant grant) to sync with
  std::string mailbox;        // the user id / SMTP address whose calendar the subscription watches
};

struct GraphSubscription {
  std::string subscription_id;  // `id` from POST /subscriptions: 1..128 bytes
  std::string client_state;     // the `clientState` secret sent at creation: 1..128 bytes (see NewGraphClientState)
  GraphResource resource;       // connection_id and mailbox must be non-empty
};

struct GraphChange {
  std::string subscription_id;
  std::string change_type;  // "created", "updated", "deleted" (passed through as sent); "" for lifecycle items
  std::string lifecycle_event;  // "" for change notifications, else the lifecycle event (passed through as sent)
  std::string resource;     // e.g. "Users/{id}/Events/{id}"
  std::string resource_id;  // resourceData.id; empty when absent
  std::string tenant_id;    // empty when absent
  GraphResource target;     // what the subscription was registered for
};

class SubscriptionRegistry {
 public:
  // Adds or replaces (same subscription_id). Error "invalid_subscription" (field = the member) on a bound violation.
  Result<bool> Register(GraphSubscription subscription);
  bool Unregister(std::string_view subscription_id);  // false when it was not registered
  std::size_t Size() const;

 private:
  friend Result<std::vector<GraphChange>> VerifyGraphNotifications(const SubscriptionRegistry& registry,
                                                                   std::string_view body, ReplayCache& replay_cache,
                                                                   std::int64_t now,
                                                                   std::int64_t duplicate_window_seconds);

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, GraphSubscription> subscriptions_;
};

// The text to echo for a validation request. `validation_token` must ALREADY be URL-decoded — cpp-httplib's
// Request::get_param_value does that; this function never decodes again (a token may legitimately contain '%' or
// '+'). Error "invalid_validation_token" when empty, longer than 1 KiB, or holding an ASCII control character
// (CR/LF included, so it cannot split the response).
Result<std::string> ValidationReply(std::string_view validation_token);

// Verifies a notification body. Each item's clientState is compared in constant time (SHA-256 digests: hides length)
// with its subscription's; an item with an unknown subscription, a wrong or missing clientState, or a missing /
// non-string / over-long field is rejected on its own. Accepted items whose (subscriptionId, changeType,
// resourceData.id — or resource when there is no id) key is still in `replay_cache` are dropped as duplicates; only
// accepted items are ever inserted into the cache. Returns the accepted, non-duplicate items in body order (possibly
// empty: answer 202). Errors:
//   "body_too_large"        body over kMaxGraphBodyBytes
//   "invalid_notification"  not JSON, no non-empty "value" array, more than kMaxGraphItems items, or every item
//                           malformed
//   "invalid_client_state"  no item accepted and at least one failed the subscription/clientState check (answer 401)
Result<std::vector<GraphChange>> VerifyGraphNotifications(
    const SubscriptionRegistry& registry, std::string_view body, ReplayCache& replay_cache, std::int64_t now,
    std::int64_t duplicate_window_seconds = kGraphDuplicateWindowSeconds);

std::string NewGraphClientState();  // 43 random base64url characters (256 bits)

}  // namespace slotwise::webhooks
