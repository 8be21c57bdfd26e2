// Tests for backend/webhooks/zoom_webhooks. Every expected HMAC comes from the `openssl` command-line tool.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <string>

#include "support/error_code.h"
#include "support/openssl_cli.h"
#include "webhooks/zoom_webhooks.h"

using namespace slotwise::webhooks;
using slotwise::testing::ErrorCode;
using slotwise::testing::OpensslHmacSha256Hex;

namespace {

constexpr std::int64_t kNow = 1'700'000'000;
const std::string kSecret = "zoom-secret-token-Abc123";
const std::string kBody = R"({"event":"meeting.updated","event_ts":1700000000123,)"
                          R"("payload":{"account_id":"acc-9","object":{"id":85746065432,"topic":"Interview"}}})";

// "v0=" + hex HMAC computed by openssl over "v0:" + timestamp + ":" + body.
std::string OpensslSignature(const std::string& timestamp, const std::string& body,
                             const std::string& secret = kSecret) {
  return "v0=" + OpensslHmacSha256Hex(secret, "v0:" + timestamp + ":" + body);
}

}  // namespace

TEST_CASE("Webhooks: the openssl CLI helper reproduces RFC 4231 test case 2") {
  CHECK(OpensslHmacSha256Hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("Webhooks: Zoom signature computed by openssl verifies, a replay of it does not") {
  ReplayCache cache;
  const std::string timestamp = std::to_string(kNow);
  const std::string signature = OpensslSignature(timestamp, kBody);
  CHECK(ErrorCode(VerifyZoomSignature(kSecret, timestamp, signature, kBody, kNow, cache)).empty());
  CHECK(ErrorCode(VerifyZoomSignature(kSecret, timestamp, signature, kBody, kNow + 10, cache)) == "replayed");
  std::string upper = signature;
  std::transform(upper.begin() + 3, upper.end(), upper.begin() + 3, [](unsigned char c) { return std::toupper(c); });
  REQUIRE(upper != signature);
  CHECK(ErrorCode(VerifyZoomSignature(kSecret, timestamp, upper, kBody, kNow + 10, cache)) == "replayed");
  // Still a replay at the last second the timestamp is acceptable.
  CHECK(ErrorCode(VerifyZoomSignature(kSecret, timestamp, signature, kBody, kNow + 300, cache)) == "replayed");

  // Worst case: a timestamp 300 s ahead is accepted now and is still acceptable 600 s later, so it must still be
  // remembered then.
  const std::string ahead = std::to_string(kNow + 300);
  const std::string ahead_signature = OpensslSignature(ahead, kBody);
  CHECK(ErrorCode(VerifyZoomSignature(kSecret, ahead, ahead_signature, kBody, kNow, cache)).empty());
  CHECK(ErrorCode(VerifyZoomSignature(kSecret, ahead, ahead_signature, kBody, kNow + 600, cache)) == "replayed");
  CHECK(ErrorCode(VerifyZoomSignature(kSecret, ahead, ahead_signature, kBody, kNow + 601, cache)) == "stale_timestamp");

  // A new delivery of the same body with another timestamp is not a replay.
  const std::string later = std::to_string(kNow + 1);
  CHECK(ErrorCode(VerifyZoomSignature(kSecret, later, OpensslSignature(later, kBody), kBody, kNow + 1, cache)).empty());
}

TEST_CASE("Webhooks: Zoom signatures that do not match are invalid_signature") {
  ReplayCache cache;
  const std::string timestamp = std::to_string(kNow);
  const std::string signature = OpensslSignature(timestamp, kBody);
  const auto code = [&](std::string_view secret, std::string_view sig, std::string_view body) {
    return ErrorCode(VerifyZoomSignature(secret, timestamp, sig, body, kNow, cache));
  };
  std::string flipped = signature;
  flipped.back() = flipped.back() == '0' ? '1' : '0';  // same length, last digit wrong
  CHECK(code(kSecret, flipped, kBody) == "invalid_signature");
  std::string first_flipped = signature;
  first_flipped[3] = first_flipped[3] == '0' ? '1' : '0';
  CHECK(code(kSecret, first_flipped, kBody) == "invalid_signature");
  CHECK(code(kSecret, signature, kBody + " ") == "invalid_signature");               // body changed
  CHECK(code("zoom-secret-token-Abc124", signature, kBody) == "invalid_signature");  // other secret
  CHECK(code(kSecret, signature.substr(3), kBody) == "invalid_signature");           // no "v0="
  CHECK(code(kSecret, "v1=" + signature.substr(3), kBody) == "invalid_signature");
  CHECK(code(kSecret, signature.substr(0, 66), kBody) == "invalid_signature");
  CHECK(code(kSecret, signature + "0", kBody) == "invalid_signature");
  CHECK(code(kSecret, "v0=" + std::string(64, 'g'), kBody) == "invalid_signature");
  // The signature covers the timestamp: a valid pair with another timestamp fails.
  const std::string other = std::to_string(kNow + 1);
  CHECK(ErrorCode(VerifyZoomSignature(kSecret, other, signature, kBody, kNow, cache)) == "invalid_signature");
  // Failures recorded nothing: the genuine delivery still passes once.
  CHECK(code(kSecret, signature, kBody).empty());
}

TEST_CASE("Webhooks: Zoom missing headers, secret and oversized bodies are rejected") {
  ReplayCache cache;
  const std::string timestamp = std::to_string(kNow);
  const std::string signature = OpensslSignature(timestamp, kBody);
  CHECK(ErrorCode(VerifyZoomSignature(kSecret, "", signature, kBody, kNow, cache)) == "missing_signature");
  CHECK(ErrorCode(VerifyZoomSignature(kSecret, timestamp, "", kBody, kNow, cache)) == "missing_signature");
  CHECK(ErrorCode(VerifyZoomSignature("", timestamp, signature, kBody, kNow, cache)) == "missing_secret");
  const std::string big(kMaxZoomBodyBytes + 1, 'x');
  CHECK(ErrorCode(VerifyZoomSignature(kSecret, timestamp, signature, big, kNow, cache)) == "body_too_large");
}

TEST_CASE("Webhooks: Zoom timestamps must be digits within 300 s of now, in seconds or milliseconds") {
  ReplayCache cache;
  const auto verify = [&](const std::string& timestamp, std::int64_t now) {
    return ErrorCode(VerifyZoomSignature(kSecret, timestamp, OpensslSignature(timestamp, kBody), kBody, now, cache));
  };
  for (const char* bad :
       {"abc", "-1700000000", "+1700000000", "1700000000.5", " 1700000000", "1e9", "17000000000000000000"}) {
    CAPTURE(bad);
    CHECK(ErrorCode(VerifyZoomSignature(kSecret, bad, "v0=" + std::string(64, '0'), kBody, kNow, cache)) ==
          "invalid_timestamp");
  }
  CHECK(verify(std::to_string(kNow - 300), kNow).empty());
  CHECK(verify(std::to_string(kNow + 300), kNow).empty());
  CHECK(verify(std::to_string(kNow - 301), kNow) == "stale_timestamp");  // too old
  CHECK(verify(std::to_string(kNow + 301), kNow) == "stale_timestamp");  // from the future
  CHECK(verify(std::to_string(kNow * 1000 + 123), kNow).empty());        // milliseconds
  CHECK(verify(std::to_string((kNow - 301) * 1000), kNow) == "stale_timestamp");
  CHECK(verify(std::to_string((kNow + 302) * 1000), kNow) == "stale_timestamp");
  CHECK(verify("0", kNow) == "stale_timestamp");
  CHECK(verify("9223372036854775807", kNow) == "stale_timestamp");  // no overflow
  CHECK(verify("1", std::numeric_limits<std::int64_t>::min()) == "stale_timestamp");
}

TEST_CASE("Webhooks: Zoom url_validation reply carries the openssl-computed encryptedToken") {
  const std::string plain = "qgg8vlvZRS6UYooatFL8Aw";
  const std::string expected_hex = OpensslHmacSha256Hex(kSecret, plain);
  auto reply = UrlValidationReply(kSecret, plain);
  REQUIRE(reply);
  CHECK(reply.value() == R"({"encryptedToken":")" + expected_hex + R"(","plainToken":")" + plain + R"("})");

  const auto code = [](std::string_view secret, std::string_view token) {
    return ErrorCode(UrlValidationReply(secret, token));
  };
  CHECK(code("", plain) == "missing_secret");
  CHECK(code(kSecret, "") == "invalid_plain_token");
  CHECK(code(kSecret, std::string(257, 'a')) == "invalid_plain_token");
  CHECK(code(kSecret, std::string(256, 'a')).empty());
  CHECK(code(kSecret, "a b") == "invalid_plain_token");
  CHECK(code(kSecret, "a\"b\n") == "invalid_plain_token");
  CHECK(code(kSecret, "caf\xc3\xa9") == "invalid_plain_token");
}

TEST_CASE("Webhooks: Zoom events parse to what changed") {
  auto updated = ParseZoomEvent(kBody);
  REQUIRE(updated);
  CHECK(updated->event == "meeting.updated");
  CHECK(updated->event_ts == 1700000000123);
  CHECK(updated->account_id == "acc-9");
  CHECK(updated->has_object);
  CHECK(updated->object.id == "85746065432");
  CHECK(updated->object.topic == "Interview");
  CHECK(updated->object.duration_minutes == -1);
  CHECK(updated->object.fields == std::vector<std::string>{"id", "topic"});

  auto created = ParseZoomEvent(R"({"event":"meeting.created","payload":{"account_id":"a","object":{
      "id":"123","uuid":"4444AAAiAAAAAiAiAiiAii==","host_id":"h1","start_time":"2024-01-02T15:00:00Z",
      "duration":45,"timezone":"Europe/Paris","type":2}}})");
  REQUIRE(created);
  CHECK(created->object.id == "123");
  CHECK(created->object.uuid == "4444AAAiAAAAAiAiAiiAii==");
  CHECK(created->object.host_id == "h1");
  CHECK(created->object.start_time == "2024-01-02T15:00:00Z");
  CHECK(created->object.duration_minutes == 45);
  CHECK(created->object.timezone == "Europe/Paris");
  CHECK(created->object.type == 2);
  CHECK(created->event_ts == -1);

  auto validation = ParseZoomEvent(R"({"event":"endpoint.url_validation","payload":{"plainToken":"qgg8vlvZ"},
      "event_ts":1654503849680})");
  REQUIRE(validation);
  CHECK(validation->plain_token == "qgg8vlvZ");
  CHECK_FALSE(validation->has_object);

  auto other = ParseZoomEvent(R"({"event":"app_deauthorized","payload":{"account_id":"a"}})");
  REQUIRE(other);
  CHECK(other->account_id == "a");
}

TEST_CASE("Webhooks: Zoom malformed events are invalid_event") {
  for (const char* body : {"",
                           "nope",
                           "[]",
                           "{}",
                           R"({"event":""})",
                           R"({"event":5})",
                           R"({"event":"x","payload":[]})",
                           R"({"event":"x","event_ts":"soon"})",
                           R"({"event":"x","event_ts":1.5})",
                           R"({"event":"endpoint.url_validation"})",
                           R"({"event":"endpoint.url_validation","payload":{"plainToken":7}})",
                           R"({"event":"meeting.deleted","payload":{}})",
                           R"({"event":"meeting.deleted","payload":{"object":{}}})",
                           R"({"event":"meeting.deleted","payload":{"object":{"id":1.5}}})",
                           R"({"event":"meeting.deleted","payload":{"object":{"id":""}}})",
                           R"({"event":"meeting.deleted","payload":{"object":"x"}})",
                           R"({"event":"meeting.updated","payload":{"object":{"id":1,"duration":"30"}}})",
                           R"({"event":"meeting.updated","payload":{"object":{"id":1,"topic":7}}})",
                           R"({"event":"meeting.updated","payload":{"account_id":1,"object":{"id":1}}})",
                           R"({"event":"x","event_ts":18446744073709551615})"}) {
    CAPTURE(body);
    auto result = ParseZoomEvent(body);
    REQUIRE_FALSE(result);
    CHECK(result.error().code == "invalid_event");
  }
  const std::string long_topic = R"({"event":"meeting.updated","payload":{"object":{"id":1,"topic":")" +
                                 std::string(kMaxZoomFieldBytes + 1, 't') + R"("}}})";
  CHECK(ParseZoomEvent(long_topic).error().code == "invalid_event");
  CHECK(ParseZoomEvent(std::string(kMaxZoomBodyBytes + 1, ' ')).error().code == "body_too_large");
}
