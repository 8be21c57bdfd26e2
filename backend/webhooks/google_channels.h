// google_channels.h — verification of Google Calendar push notifications ("watch" channels).
//
// Google POSTs an empty body with X-Goog-Channel-ID, X-Goog-Channel-Token, X-Goog-Resource-ID,
// X-Goog-Resource-State (sync | exists | not_exists) and X-Goog-Message-Number. Nothing in a notification is data: an
// accepted kChanged notice only asks for an incremental sync of the registered calendar (push is not guaranteed, so
// the periodic sync stays). Times are Unix seconds; Google's watch response gives `expiration` in MILLISECONDS —
// divide by 1000 before Register.
//
// Thread safety: ChannelRegistry is thread-safe (one mutex); VerifyGoogleNotification may be called concurrently.
// No function throws except std::bad_alloc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "slotwise/result.h"

namespace slotwise::webhooks {

inline constexpr std::size_t kMaxGoogleChannelIdBytes = 64;      // Google's limit for a channel id
inline constexpr std::size_t kMaxGoogleChannelTokenBytes = 256;  // Google's limit for a channel token
inline constexpr std::size_t kMaxGoogleResourceIdBytes = 256;

struct GoogleResource {
  std::string connection_id;  // the stored connection (OAuth grant) that created the channel
  std::string calendar_id;    // the watched calendarId
};

struct GoogleChannel {
  std::string channel_id;       // the `id` sent to events.watch: 1..64 of [A-Za-z0-9-_+/=]
  std::string token;            // the `token` sent to events.watch: 1..256 bytes, a secret (see NewGoogleChannelToken)
  GoogleResource resource;      // connection_id and calendar_id must be non-empty
  std::string resource_id;      // `resourceId` from the watch response; empty = not known, not checked
  std::int64_t expires_at = 0;  // Unix seconds; the channel is expired when now >= expires_at
};

// Header values of one notification, as received (absent header = empty). Views only need to live for the call.
struct GoogleHeaders {
  std::string_view channel_id;      // X-Goog-Channel-ID
  std::string_view channel_token;   // X-Goog-Channel-Token
  std::string_view resource_id;     // X-Goog-Resource-ID
  std::string_view resource_state;  // X-Goog-Resource-State
  std::string_view message_number;  // X-Goog-Message-Number
};

enum class GoogleNoticeKind {
  kSync,     // the handshake Google sends when a channel starts: acknowledge (200), trigger nothing
  kChanged,  // exists / not_exists: enqueue an incremental sync of `resource`
};

struct GoogleNotice {
  GoogleNoticeKind kind = GoogleNoticeKind::kSync;
  bool duplicate = false;  // message number <= the highest already accepted on this channel: answer 200, do nothing
  std::string channel_id;
  std::string resource_id;     // as sent (needed to stop the channel)
  std::string resource_state;  // "sync", "exists" or "not_exists"
  std::int64_t message_number = 0;
  GoogleResource resource;  // what the channel was registered for
};

// The channels this server created with events.watch.
class ChannelRegistry {
 public:
  // Adds or replaces (same channel_id) a channel; replacing forgets its message numbers.
  // Error "invalid_channel" (field = the offending member) when a bound above is not met.
  Result<bool> Register(GoogleChannel channel);
  bool Unregister(std::string_view channel_id);  // false when it was not registered
  std::size_t PruneExpired(std::int64_t now);    // drops channels with now >= expires_at; returns how many
  std::size_t Size() const;

 private:
  struct Entry {
    GoogleChannel channel;
    std::int64_t highest_message_number = -1;  // -1: none accepted yet
  };

  friend Result<GoogleNotice> VerifyGoogleNotification(ChannelRegistry& registry, const GoogleHeaders& headers,
                                                       std::int64_t now);

  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> channels_;
};

// Verifies one notification, in this order (authentication first, so a stranger learns nothing about formats):
//   "unknown_channel"      channel id empty, too long or not registered
//   "invalid_token"        token differs (constant-time compare of SHA-256 digests: hides content and length)
//   "expired_channel"      now >= expires_at
//   "resource_mismatch"    a resource_id was registered and X-Goog-Resource-ID differs
//   "invalid_notification" resource state not sync/exists/not_exists, or message number not 1..19 digits
// On success the message number is recorded; a number <= the highest already recorded gives duplicate = true (so an
// out-of-order older message is also ignored — the newer one already triggered a sync of the whole calendar).
// Takes the registry by non-const reference because it records message numbers.
Result<GoogleNotice> VerifyGoogleNotification(ChannelRegistry& registry, const GoogleHeaders& headers,
                                              std::int64_t now);

std::string NewGoogleChannelId();     // 32 random base64url characters (a valid channel id)
std::string NewGoogleChannelToken();  // 43 random base64url characters (256 bits)

}  // namespace slotwise::webhooks
