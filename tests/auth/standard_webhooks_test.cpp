// standard_webhooks_test.cpp — the Standard Webhooks signature (auth/standard_webhooks.h). The expected signatures
// were computed independently with Python's hmac/hashlib/base64; the first is also the example the Standard Webhooks
// specification publishes, so a receiver's off-the-shelf library agrees with it.
#include <doctest/doctest.h>

#include "auth/standard_webhooks.h"

using namespace slotwise::auth;

TEST_CASE("standard webhooks: a whsec_ secret signs with its base64-decoded key") {
  const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  CHECK(StandardSignature(SigningKey(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})") ==
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  CHECK(StandardSecretFor(secret) == secret);
  const auto headers = StandardWebhookHeaders(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                                              R"({"test": 2432232314})");
  REQUIRE(headers.size() == 3);
  CHECK(headers[0] == std::pair<std::string, std::string>{"webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"});
  CHECK(headers[1] == std::pair<std::string, std::string>{"webhook-timestamp", "1614265330"});
  CHECK(headers[2] ==
        std::pair<std::string, std::string>{"webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="});
}

TEST_CASE("standard webhooks: any other secret signs with its own bytes; its library secret is whsec_ + base64") {
  const std::string secret = "legacy-secret-1234";
  CHECK(SigningKey(secret) == secret);
  CHECK(StandardSignature(SigningKey(secret), "evt_42", 1700000000, R"({"type":"interview.confirmed"})") ==
        "v1,Aixj+ohtS8xBXOGa5brkm0elk/1K/JyUBI7eT2EwLbM=");
  CHECK(StandardSecretFor(secret) == "whsec_bGVnYWN5LXNlY3JldC0xMjM0");
  // The library secret signs exactly what the stored secret signs.
  CHECK(StandardSignature(SigningKey(StandardSecretFor(secret)), "evt_42", 1700000000, "{}") ==
        StandardSignature(SigningKey(secret), "evt_42", 1700000000, "{}"));
}

TEST_CASE("standard webhooks: a whsec_ prefix without base64 after it is an ordinary secret") {
  CHECK(SigningKey("whsec_") == "whsec_");
  CHECK(SigningKey("whsec_not base64!") == "whsec_not base64!");
  CHECK(StandardSecretFor("whsec_not base64!").rfind("whsec_", 0) == 0);
  CHECK(StandardSecretFor("whsec_not base64!") != "whsec_not base64!");
}

TEST_CASE("standard webhooks: id, timestamp and body are all signed") {
  const std::string key = SigningKey("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  const std::string base = StandardSignature(key, "evt_1", 100, "{}");
  CHECK(StandardSignature(key, "evt_2", 100, "{}") != base);
  CHECK(StandardSignature(key, "evt_1", 101, "{}") != base);
  CHECK(StandardSignature(key, "evt_1", 100, "{ }") != base);
}
