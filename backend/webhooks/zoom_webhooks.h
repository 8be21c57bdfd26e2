// zoom_webhooks.h — verification and parsing of Zoom webhook deliveries (event subscriptions of a Zoom app).
//
// A delivery carries `x-zm-request-timestamp` and `x-zm-signature: v0=<hex HMAC-SHA256(secret, "v0:" + timestamp +
// ":" + raw body)>`, secret = the app's "secret token". Route order: VerifyZoomSignature on the RAW body bytes (before
// any JSON parsing), then ParseZoomEvent; an `endpoint.url_validation` event is answered 200 with
// UrlValidationReply(secret, event.plain_token) as application/json; other events push a sync (they carry no data we
// trust). Zoom expects an answer within 3 s; nothing here does I/O.
//
// Thread safety: pure functions apart from the ReplayCache passed in (itself thread-safe); callable concurrently.
// No function throws except std::bad_alloc (JSON errors are caught and returned as Error values).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "slotwise/result.h"
#include "webhooks/replay_cache.h"

namespace slotwise::webhooks {

inline constexpr std::int64_t kZoomTimestampToleranceSeconds = 300;          // accepted skew, both directions
inline constexpr std::int64_t kZoomMillisecondsThreshold = 100'000'000'000;  // timestamps above this are in ms
inline constexpr std::size_t kMaxZoomBodyBytes = 1024 * 1024;
inline constexpr std::size_t kMaxZoomPlainTokenBytes = 256;
inline constexpr std::size_t kMaxZoomFieldBytes = 1024;  // any string field ParseZoomEvent keeps

// Verifies one delivery; `now` in Unix seconds. The timestamp header must be 1..19 ASCII digits; Zoom documents it
// in seconds, but a value > 1e11 (year 5138 in seconds, 1973 in ms) is read as milliseconds, so both forms work.
// Checks, in this order:
//   "missing_signature"  either header empty
//   "missing_secret"     `secret` empty (configuration error: nothing can verify)
//   "body_too_large"     raw_body over kMaxZoomBodyBytes
//   "invalid_timestamp"  timestamp not 1..19 digits
//   "stale_timestamp"    timestamp more than 300 s before or after now
//   "invalid_signature"  not "v0=" + 64 hex digits, or the HMAC differs (constant-time compare of the 32 bytes)
//   "replayed"           this (timestamp, signature) pair was already accepted; it is remembered for 601 s, longer
//                        than any timestamp stays acceptable. Zoom's own retries of an accepted delivery end here
//                        too: the route may answer 200 and do nothing.
// Returns true on success (the pair is then recorded in replay_cache; failed checks record nothing).
Result<bool> VerifyZoomSignature(std::string_view secret, std::string_view timestamp_header,
                                 std::string_view signature_header, std::string_view raw_body, std::int64_t now,
                                 ReplayCache& replay_cache);

// The JSON body answering `endpoint.url_validation`: {"encryptedToken":hex HMAC-SHA256(secret, plainToken),
// "plainToken":plain_token} (keys sorted, compact). Errors: "missing_secret"; "invalid_plain_token" when empty,
// longer than 256 bytes, or not printable ASCII (0x21..0x7e: the echo must be byte-exact).
Result<std::string> UrlValidationReply(std::string_view secret, std::string_view plain_token);

struct ZoomMeetingObject {
  std::string id;          // payload.object.id as decimal text (Zoom sends a number; a string is kept as sent)
  std::string uuid;        // empty when absent
  std::string host_id;     // empty when absent
  std::string topic;       // empty when absent
  std::string start_time;  // ISO 8601 as sent; empty when absent
  std::string timezone;    // empty when absent
  std::int64_t duration_minutes = -1;  // -1 when absent
  std::int64_t type = -1;              // Zoom meeting type (2 = scheduled); -1 when absent
  // Every member name of payload.object (for meeting.updated: the fields that changed, besides id/uuid). At most 64.
  std::vector<std::string> fields;
};

struct ZoomEvent {
  std::string event;           // e.g. "meeting.updated", "endpoint.url_validation"
  std::int64_t event_ts = -1;  // milliseconds since the epoch; -1 when absent
  std::string account_id;      // payload.account_id; empty when absent
  std::string plain_token;     // payload.plainToken (endpoint.url_validation only)
  bool has_object = false;     // payload.object was present
  ZoomMeetingObject object;
};

// Parses a delivery body (verify the signature first). Errors: "body_too_large"; "invalid_event" when the body is not
// a JSON object, `event` is missing / not a 1..1024-byte string, `payload` is present but not an object, a kept field
// has the wrong type or is over 1024 bytes, an `endpoint.url_validation` event has no string payload.plainToken, or a
// `meeting.*` event has no payload.object with an integer or non-empty string id.
Result<ZoomEvent> ParseZoomEvent(std::string_view body);

}  // namespace slotwise::webhooks
