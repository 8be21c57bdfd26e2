// Fuzz target: the change-notification (webhook) parsers of backend/webhooks — Zoom deliveries, Microsoft Graph
// notifications and validation tokens, Google channel headers. Input: one byte choosing the provider, then the body
// (Zoom, Graph) or five header values separated by '\n' (Google: channel id, token, resource id, state, message
// number). Registries and replay caches are fresh for every input.
// Properties:
//   - Zoom: a body signed with the secret verifies (when within the size bound), and the same delivery again is
//     "replayed"; a parsed event keeps its bounds (event 1..1024 bytes, at most 64 object fields), and a validation
//     event's reply echoes its token;
//   - Graph: accepted changes belong to registered subscriptions; the same body again yields no change (duplicates);
//     an accepted validation token is echoed unchanged;
//   - Google: an accepted notice is for the registered channel with a known state; the same message again is a
//     duplicate.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "crypto/crypto_primitives.h"
#include "fuzz_support.h"
#include "webhooks/google_channels.h"
#include "webhooks/graph_notifications.h"
#include "webhooks/replay_cache.h"
#include "webhooks/zoom_webhooks.h"

namespace {

namespace webhooks = slotwise::webhooks;
constexpr std::int64_t kNow = 1796083200;  // 2026-12-01T00:00:00Z
constexpr std::string_view kZoomSecret = "zoom-secret-token";

void Zoom(std::string_view body) {
  webhooks::ReplayCache cache;
  const std::string timestamp = std::to_string(kNow);
  const std::string signed_text = "v0:" + timestamp + ":" + std::string(body);
  const std::string signature =
      "v0=" + slotwise::crypto::HexEncode(slotwise::crypto::HmacSha256(kZoomSecret, signed_text));
  const slotwise::Result<bool> verified =
      webhooks::VerifyZoomSignature(kZoomSecret, timestamp, signature, body, kNow, cache);
  if (body.size() <= webhooks::kMaxZoomBodyBytes) {
    FUZZ_CHECK(verified.ok(), "a correctly signed delivery is refused: " << verified.error().code);
    const slotwise::Result<bool> replay =
        webhooks::VerifyZoomSignature(kZoomSecret, timestamp, signature, body, kNow + 1, cache);
    FUZZ_CHECK(!replay.ok() && replay.error().code == "replayed", "a replayed delivery is not refused as replayed");
  }
  const slotwise::Result<webhooks::ZoomEvent> event = webhooks::ParseZoomEvent(body);
  if (!event.ok()) return;
  FUZZ_CHECK(!event->event.empty() && event->event.size() <= webhooks::kMaxZoomFieldBytes,
             "kept an event name of " << event->event.size() << " bytes");
  FUZZ_CHECK(event->object.fields.size() <= 64, "kept " << event->object.fields.size() << " object fields");
  if (event->event == "endpoint.url_validation") {
    const slotwise::Result<std::string> reply = webhooks::UrlValidationReply(kZoomSecret, event->plain_token);
    if (reply.ok()) {
      const nlohmann::json answer = nlohmann::json::parse(*reply, nullptr, false);
      FUZZ_CHECK(answer.is_object() && answer.value("plainToken", std::string()) == event->plain_token,
                 "the validation reply does not echo the token: " << *reply);
    }
  }
}

void Graph(std::string_view body) {
  webhooks::SubscriptionRegistry registry;
  FUZZ_CHECK(registry.Register({"sub-1", "client-state-1", {"conn-1", "anna@acme.test"}}).ok() &&
                 registry.Register({"sub-2", "client-state-2", {"conn-2", "ben@acme.test"}}).ok(),
             "the fixed subscriptions do not register");
  webhooks::ReplayCache cache;
  const auto changes = webhooks::VerifyGraphNotifications(registry, body, cache, kNow);
  if (changes.ok()) {
    for (const webhooks::GraphChange& change : *changes) {
      FUZZ_CHECK(change.subscription_id == "sub-1" || change.subscription_id == "sub-2",
                 "accepted a change of subscription " << change.subscription_id);
    }
    if (!changes->empty()) {
      const auto again = webhooks::VerifyGraphNotifications(registry, body, cache, kNow + 1);
      FUZZ_CHECK(again.ok() && again->empty(), "the same notifications again are not all duplicates");
    }
  }
  const slotwise::Result<std::string> reply = webhooks::ValidationReply(body);
  if (reply.ok()) FUZZ_CHECK(*reply == body, "the validation reply differs from the token");
}

void Google(slotwise::fuzz::FuzzInput& input) {
  webhooks::ChannelRegistry registry;
  FUZZ_CHECK(registry.Register({"chan-1", "channel-token-1", {"conn-1", "anna@acme.test"}, "res-1", kNow + 3600}).ok(),
             "the fixed channel does not register");
  webhooks::GoogleHeaders headers;
  headers.channel_id = input.Until('\n');
  headers.channel_token = input.Until('\n');
  headers.resource_id = input.Until('\n');
  headers.resource_state = input.Until('\n');
  headers.message_number = input.Rest();
  const slotwise::Result<webhooks::GoogleNotice> notice = webhooks::VerifyGoogleNotification(registry, headers, kNow);
  if (!notice.ok()) return;
  FUZZ_CHECK(notice->channel_id == "chan-1" && notice->resource.connection_id == "conn-1",
             "accepted a notice for channel " << notice->channel_id);
  FUZZ_CHECK(notice->resource_state == "sync" || notice->resource_state == "exists" ||
                 notice->resource_state == "not_exists",
             "accepted the state " << notice->resource_state);
  const auto again = webhooks::VerifyGoogleNotification(registry, headers, kNow);
  FUZZ_CHECK(again.ok() && again->duplicate, "the same message number again is not a duplicate");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  slotwise::fuzz::FuzzInput input(data, size);
  switch (input.Byte() % 3) {
    case 0: Zoom(input.Rest()); break;
    case 1: Graph(input.Rest()); break;
    default: Google(input); break;
  }
  return 0;
}
