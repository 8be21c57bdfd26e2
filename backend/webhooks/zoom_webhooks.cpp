// zoom_webhooks.cpp — see zoom_webhooks.h.
#include "webhooks/zoom_webhooks.h"

#include <limits>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "crypto/crypto_primitives.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"

namespace slotwise::webhooks {
namespace {

using nlohmann::json;

constexpr std::string_view kSignaturePrefix = "v0=";
constexpr std::size_t kMaxObjectFields = 64;

// |a - b| <= tolerance without overflow for any int64 inputs (tolerance >= 0).
bool WithinTolerance(std::int64_t a, std::int64_t b, std::int64_t tolerance) {
  if (a >= b)
    return static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b) <= static_cast<std::uint64_t>(tolerance);
  return static_cast<std::uint64_t>(b) - static_cast<std::uint64_t>(a) <= static_cast<std::uint64_t>(tolerance);
}

Error InvalidEvent(std::string message, std::string field) {
  return Error{codes::kInvalidEvent, std::move(message), std::move(field)};
}

// Reads the optional string member `name` of `object` into `out`; false when present but not a short string.
bool ReadString(const json& object, const char* name, std::string& out) {
  const auto found = object.find(name);
  if (found == object.end() || found->is_null()) return true;
  if (!found->is_string()) return false;
  const auto& text = found->get_ref<const std::string&>();
  if (text.size() > kMaxZoomFieldBytes) return false;
  out = text;
  return true;
}

// Reads the optional integer member `name` into `out`; false when present but not an integer that fits int64.
bool ReadInteger(const json& object, const char* name, std::int64_t& out) {
  const auto found = object.find(name);
  if (found == object.end() || found->is_null()) return true;
  if (found->is_number_unsigned()) {
    const auto value = found->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
    out = static_cast<std::int64_t>(value);
    return true;
  }
  if (!found->is_number_integer()) return false;
  out = found->get<std::int64_t>();
  return true;
}

std::optional<std::string> ReadId(const json& object) {
  const auto found = object.find("id");
  if (found == object.end()) return std::nullopt;
  if (found->is_number_unsigned()) return std::to_string(found->get<std::uint64_t>());
  if (found->is_number_integer()) return std::to_string(found->get<std::int64_t>());
  if (found->is_string()) {
    const auto& text = found->get_ref<const std::string&>();
    if (text.empty() || text.size() > kMaxZoomFieldBytes) return std::nullopt;
    return text;
  }
  return std::nullopt;
}

std::optional<Error> ReadObject(const json& object, ZoomMeetingObject& out) {
  if (auto id = ReadId(object)) out.id = std::move(*id);
  if (!ReadString(object, "uuid", out.uuid)) return InvalidEvent("uuid is not a short string.", "payload.object.uuid");
  if (!ReadString(object, "host_id", out.host_id)) {
    return InvalidEvent("host_id is not a short string.", "payload.object.host_id");
  }
  if (!ReadString(object, "topic", out.topic))
    return InvalidEvent("topic is not a short string.", "payload.object.topic");
  if (!ReadString(object, "start_time", out.start_time)) {
    return InvalidEvent("start_time is not a short string.", "payload.object.start_time");
  }
  if (!ReadString(object, "timezone", out.timezone)) {
    return InvalidEvent("timezone is not a short string.", "payload.object.timezone");
  }
  if (!ReadInteger(object, "duration", out.duration_minutes)) {
    return InvalidEvent("duration is not an integer.", "payload.object.duration");
  }
  if (!ReadInteger(object, "type", out.type)) return InvalidEvent("type is not an integer.", "payload.object.type");
  for (const auto& [name, member] : object.items()) {
    if (out.fields.size() == kMaxObjectFields) break;
    if (name.size() <= kMaxZoomFieldBytes) out.fields.push_back(name);
  }
  return std::nullopt;
}

}  // namespace

Result<bool> VerifyZoomSignature(std::string_view secret, std::string_view timestamp_header,
                                 std::string_view signature_header, std::string_view raw_body, std::int64_t now,
                                 ReplayCache& replay_cache) {
  if (timestamp_header.empty() || signature_header.empty()) {
    return Error{codes::kMissingSignature, "x-zm-request-timestamp and x-zm-signature are required.",
                     timestamp_header.empty() ? "x-zm-request-timestamp" : "x-zm-signature"};
  }
  if (secret.empty()) return Error{codes::kMissingSecret, "No Zoom webhook secret token is configured.", ""};
  if (raw_body.size() > kMaxZoomBodyBytes) {
    return Error{codes::kBodyTooLarge, "The webhook body is larger than 1 MiB.", "body"};
  }
  const auto timestamp = ParseDecimal(timestamp_header);
  if (!timestamp) {
    return Error{codes::kInvalidTimestamp, "The timestamp is not a decimal number.", "x-zm-request-timestamp"};
  }
  const std::int64_t seconds = *timestamp > kZoomMillisecondsThreshold ? *timestamp / 1000 : *timestamp;
  if (!WithinTolerance(seconds, now, kZoomTimestampToleranceSeconds)) {
    return Error{codes::kStaleTimestamp, "The timestamp is more than 300 seconds away from now.",
                     "x-zm-request-timestamp"};
  }
  const std::string_view signature = signature_header;
  std::optional<std::string> received;
  if (signature.size() == kSignaturePrefix.size() + 64 &&
      signature.substr(0, kSignaturePrefix.size()) == kSignaturePrefix) {
    received = crypto::HexDecode(signature.substr(kSignaturePrefix.size()));
  }
  if (!received) return Error{codes::kInvalidSignature, "The signature is not v0= and 64 hex digits.", "x-zm-signature"};

  std::string message;
  message.reserve(4 + timestamp_header.size() + raw_body.size());
  message += "v0:";
  message += timestamp_header;
  message += ':';
  message += raw_body;
  if (!crypto::ConstantTimeEquals(crypto::HmacSha256(secret, message), *received)) {
    return Error{codes::kInvalidSignature, "The signature does not match the body.", "x-zm-signature"};
  }
  // Key on the decoded bytes so that an upper-case hex copy of the same signature is still a replay.
  std::string key = "zoom|";
  key += timestamp_header;
  key += '|';
  key += crypto::HexEncode(*received);
  if (!replay_cache.InsertIfNew(std::move(key), now, 2 * kZoomTimestampToleranceSeconds + 1)) {
    return Error{codes::kReplayed, "This delivery was already accepted.", "x-zm-signature"};
  }
  return true;
}

Result<std::string> UrlValidationReply(std::string_view secret, std::string_view plain_token) {
  if (secret.empty()) return Error{codes::kMissingSecret, "No Zoom webhook secret token is configured.", ""};
  bool printable = !plain_token.empty() && plain_token.size() <= kMaxZoomPlainTokenBytes;
  for (char ch : plain_token) {
    if (ch < 0x21 || ch > 0x7e) printable = false;
  }
  if (!printable) {
    return Error{codes::kInvalidPlainToken, "plainToken must be 1 to 256 printable ASCII characters.",
                     "payload.plainToken"};
  }
  json reply = json::object();
  reply["plainToken"] = std::string(plain_token);
  reply["encryptedToken"] = crypto::HexEncode(crypto::HmacSha256(secret, plain_token));
  return DumpJson(reply);
}

Result<ZoomEvent> ParseZoomEvent(std::string_view body) {
  if (body.size() > kMaxZoomBodyBytes)
    return Error{codes::kBodyTooLarge, "The webhook body is larger than 1 MiB.", "body"};
  json document;
  try {
    document = slotwise::ParseJson(body);
  } catch (const json::exception&) {
    document = json::value_t::discarded;
  }
  if (document.is_discarded() || !document.is_object()) return InvalidEvent("The body is not a JSON object.", "body");

  ZoomEvent event;
  if (!ReadString(document, "event", event.event) || event.event.empty()) {
    return InvalidEvent("event is missing or not a short string.", "event");
  }
  if (!ReadInteger(document, "event_ts", event.event_ts))
    return InvalidEvent("event_ts is not an integer.", "event_ts");

  const auto payload = document.find("payload");
  const bool has_payload = payload != document.end() && !payload->is_null();
  if (has_payload && !payload->is_object()) return InvalidEvent("payload is not an object.", "payload");

  if (event.event == "endpoint.url_validation") {
    if (!has_payload || !ReadString(*payload, "plainToken", event.plain_token) || event.plain_token.empty()) {
      return InvalidEvent("endpoint.url_validation needs payload.plainToken.", "payload.plainToken");
    }
    return event;
  }
  if (has_payload) {
    if (!ReadString(*payload, "account_id", event.account_id)) {
      return InvalidEvent("account_id is not a short string.", "payload.account_id");
    }
    const auto object = payload->find("object");
    if (object != payload->end() && !object->is_null()) {
      if (!object->is_object()) return InvalidEvent("payload.object is not an object.", "payload.object");
      event.has_object = true;
      if (auto error = ReadObject(*object, event.object)) return std::move(*error);
    }
  }
  if (event.event.rfind("meeting.", 0) == 0 && (!event.has_object || event.object.id.empty())) {
    return InvalidEvent("A meeting event needs payload.object with an id.", "payload.object.id");
  }
  return event;
}

}  // namespace slotwise::webhooks
