// Tests for backend/auth/webhook_signature. Every expected HMAC comes from the `openssl` command-line tool.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "auth/webhook_signature.h"
#include "support/error_code.h"
#include "support/openssl_cli.h"

using namespace slotwise::auth;
using slotwise::testing::ErrorCode;
using slotwise::testing::OpensslHmacSha256Hex;

namespace {

constexpr std::int64_t kNow = 1'700'000'000;
const std::string kSecret = "whsec_3f9a8b7c6d5e4f30";
const std::string kBody =
    R"({"type":"email.send","id":"evt_1","data":{"to":"cand@example.com","subject":"Ihr Termin"}})";

std::string OpensslHeader(std::int64_t timestamp, const std::string& body, const std::string& secret = kSecret) {
  const std::string t = std::to_string(timestamp);
  return "t=" + t + ",v1=" + OpensslHmacSha256Hex(secret, t + "." + body);
}

}  // namespace

TEST_CASE("WebhookSignature: the header is t=<ts>,v1=<openssl HMAC of \"<ts>.<body>\">") {
  CHECK(kSignatureHeader == "Slotwise-Signature");
  CHECK(SignWebhook(kSecret, kNow, kBody) == OpensslHeader(kNow, kBody));
  CHECK(SignWebhook(kSecret, kNow, "") == OpensslHeader(kNow, ""));
  // The documented example.
  CHECK(SignWebhook("whsec_test", 1700000000, R"({"a":1})") ==
        "t=1700000000,v1=" + OpensslHmacSha256Hex("whsec_test", R"(1700000000.{"a":1})"));
  const std::string binary_body("\x00\xff\r\n{}", 6);
  CHECK(SignWebhook(kSecret, 0, binary_body) == OpensslHeader(0, binary_body));
}

TEST_CASE("WebhookSignature: rotation signs with every secret and verifies with any of them") {
  const std::string old_secret = "whsec_old_0000";
  const std::string new_secret = "whsec_new_1111";
  const std::string header = SignWebhook(std::vector<std::string>{old_secret, new_secret}, kNow, kBody);
  const std::string signed_text = std::to_string(kNow) + "." + kBody;
  CHECK(header == "t=" + std::to_string(kNow) + ",v1=" + OpensslHmacSha256Hex(old_secret, signed_text) +
                      ",v1=" + OpensslHmacSha256Hex(new_secret, signed_text));
  CHECK(ErrorCode(VerifyWebhookSignature(old_secret, header, kBody, kNow)).empty());
  CHECK(ErrorCode(VerifyWebhookSignature(new_secret, header, kBody, kNow)).empty());
  CHECK(ErrorCode(VerifyWebhookSignature("whsec_other", header, kBody, kNow)) == "bad_signature");
}

TEST_CASE("WebhookSignature: an openssl-made header verifies; spaces, order and unknown keys are tolerated") {
  const std::string header = OpensslHeader(kNow, kBody);
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, header, kBody, kNow)).empty());
  const std::string hex = header.substr(header.find("v1=") + 3);
  const std::string t = std::to_string(kNow);
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, "v1=" + hex + ",t=" + t, kBody, kNow)).empty());
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, " t=" + t + " , v1=" + hex + " ", kBody, kNow)).empty());
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, "t=" + t + ",v0=abc,v2=zz,v1=" + hex, kBody, kNow)).empty());
  std::string upper = hex;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, "t=" + t + ",v1=" + upper, kBody, kNow)).empty());
  // One wrong v1 next to a right one: accepted (rotation).
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, "t=" + t + ",v1=" + std::string(64, '0') + ",v1=" + hex, kBody, kNow))
            .empty());
}

TEST_CASE("WebhookSignature: tampering gives bad_signature") {
  const std::string header = OpensslHeader(kNow, kBody);
  const std::string t = std::to_string(kNow);
  std::string hex = header.substr(header.find("v1=") + 3);
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, header, kBody + " ", kNow)) == "bad_signature");
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, header, kBody.substr(1), kNow)) == "bad_signature");
  CHECK(ErrorCode(VerifyWebhookSignature("whsec_3f9a8b7c6d5e4f31", header, kBody, kNow)) == "bad_signature");
  for (std::size_t position : {std::size_t{0}, std::size_t{31}, std::size_t{63}}) {
    std::string flipped = hex;
    flipped[position] = flipped[position] == '0' ? '1' : '0';
    CHECK(ErrorCode(VerifyWebhookSignature(kSecret, "t=" + t + ",v1=" + flipped, kBody, kNow)) == "bad_signature");
  }
  // The timestamp is signed: moving it breaks the signature even inside the tolerance.
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, "t=" + std::to_string(kNow + 1) + ",v1=" + hex, kBody, kNow)) ==
        "bad_signature");
  // A zero-padded t is a different signed string.
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, "t=0" + t + ",v1=" + hex, kBody, kNow)) == "bad_signature");
}

TEST_CASE("WebhookSignature: the tolerance is 300 seconds both ways, inclusive") {
  const std::string header = OpensslHeader(kNow, kBody);
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, header, kBody, kNow + 300)).empty());
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, header, kBody, kNow + 301)) == "stale_signature");
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, header, kBody, kNow - 300)).empty());
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, header, kBody, kNow - 301)) == "stale_signature");
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, header, kBody, kNow + 10, 10)).empty());
  CHECK(ErrorCode(VerifyWebhookSignature(kSecret, header, kBody, kNow + 11, 10)) == "stale_signature");
  // A stale header that is not authentic is bad_signature, not stale.
  CHECK(ErrorCode(VerifyWebhookSignature("whsec_wrong", header, kBody, kNow + 10'000)) == "bad_signature");
}

TEST_CASE("WebhookSignature: malformed headers are malformed_signature") {
  const std::string header = OpensslHeader(kNow, kBody);
  const std::string t = std::to_string(kNow);
  const std::string hex = header.substr(header.find("v1=") + 3);
  const auto code = [&](const std::string& value) {
    return ErrorCode(VerifyWebhookSignature(kSecret, value, kBody, kNow));
  };
  CHECK(code("") == "malformed_signature");
  CHECK(code("v1=" + hex) == "malformed_signature");                          // no t
  CHECK(code("t=" + t) == "malformed_signature");                             // no v1
  CHECK(code("t=" + t + ",t=" + t + ",v1=" + hex) == "malformed_signature");  // two t
  CHECK(code("t=-5,v1=" + hex) == "malformed_signature");
  CHECK(code("t=,v1=" + hex) == "malformed_signature");
  CHECK(code("t=17e8,v1=" + hex) == "malformed_signature");
  CHECK(code("t=99999999999999999999,v1=" + hex) == "malformed_signature");   // 20 digits
  CHECK(code("t=" + t + ",v1=" + hex.substr(1)) == "malformed_signature");    // 63 digits
  CHECK(code("t=" + t + ",v1=" + hex + "0") == "malformed_signature");        // 65 digits
  CHECK(code("t=" + t + ",v1=" + hex.substr(1) + "g") == "malformed_signature");
  CHECK(code("t=" + t + ",v1") == "malformed_signature");
  CHECK(code("t=" + t + ",v1=" + hex + "," + std::string(5000, 'x')) == "malformed_signature");
  CHECK(ErrorCode(VerifyWebhookSignature("", header, kBody, kNow)) == "missing_secret");
}
