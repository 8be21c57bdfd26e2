// Tests for backend/webhooks/google_channels: every rejection path, sync handshake, message-number duplicates.
#include <doctest/doctest.h>

#include <string>

#include "support/error_code.h"
#include "webhooks/google_channels.h"

using namespace slotwise::webhooks;
using slotwise::testing::ErrorCode;

namespace {

constexpr std::int64_t kNow = 1'700'000'000;
const std::string kToken = "tok-0123456789abcdef0123456789abcdef";

GoogleChannel Channel(std::string id = "chan-1", std::string resource_id = "") {
  return GoogleChannel{std::move(id), kToken, GoogleResource{"conn-7", "primary@example.com"}, std::move(resource_id),
                       kNow + 3600};
}

GoogleHeaders Headers(std::string_view state, std::string_view number, std::string_view token = kToken,
                      std::string_view channel_id = "chan-1") {
  return GoogleHeaders{channel_id, token, "res-abc", state, number};
}


}  // namespace

TEST_CASE("Webhooks: Google sync handshake is acknowledged, exists/not_exists ask for a sync of the calendar") {
  ChannelRegistry registry;
  REQUIRE(registry.Register(Channel()));
  CHECK(registry.Size() == 1);

  auto sync = VerifyGoogleNotification(registry, Headers("sync", "1"), kNow);
  REQUIRE(sync);
  CHECK(sync->kind == GoogleNoticeKind::kSync);
  CHECK_FALSE(sync->duplicate);
  CHECK(sync->message_number == 1);

  auto exists = VerifyGoogleNotification(registry, Headers("exists", "2"), kNow);
  REQUIRE(exists);
  CHECK(exists->kind == GoogleNoticeKind::kChanged);
  CHECK_FALSE(exists->duplicate);
  CHECK(exists->channel_id == "chan-1");
  CHECK(exists->resource_id == "res-abc");
  CHECK(exists->resource_state == "exists");
  CHECK(exists->resource.connection_id == "conn-7");
  CHECK(exists->resource.calendar_id == "primary@example.com");

  auto gone = VerifyGoogleNotification(registry, Headers("not_exists", "3"), kNow);
  REQUIRE(gone);
  CHECK(gone->kind == GoogleNoticeKind::kChanged);
  CHECK(gone->resource_state == "not_exists");
}

TEST_CASE("Webhooks: Google message numbers at or below the highest seen are duplicates") {
  ChannelRegistry registry;
  REQUIRE(registry.Register(Channel()));
  CHECK_FALSE(VerifyGoogleNotification(registry, Headers("exists", "5"), kNow)->duplicate);
  CHECK(VerifyGoogleNotification(registry, Headers("exists", "5"), kNow)->duplicate);
  CHECK(VerifyGoogleNotification(registry, Headers("exists", "4"), kNow)->duplicate);
  CHECK(VerifyGoogleNotification(registry, Headers("sync", "1"), kNow)->duplicate);
  CHECK_FALSE(VerifyGoogleNotification(registry, Headers("exists", "9"), kNow)->duplicate);  // gaps are normal
  CHECK(VerifyGoogleNotification(registry, Headers("exists", "6"), kNow)->duplicate);        // did not lower it

  // A rejected notification records nothing.
  CHECK(ErrorCode(VerifyGoogleNotification(registry, Headers("exists", "50", "wrong"), kNow)) == "invalid_token");
  CHECK_FALSE(VerifyGoogleNotification(registry, Headers("exists", "10"), kNow)->duplicate);

  // Numbers are per channel, and re-registering a channel forgets them.
  REQUIRE(registry.Register(Channel("chan-2")));
  CHECK_FALSE(VerifyGoogleNotification(registry, Headers("exists", "2", kToken, "chan-2"), kNow)->duplicate);
  REQUIRE(registry.Register(Channel()));
  CHECK_FALSE(VerifyGoogleNotification(registry, Headers("exists", "1"), kNow)->duplicate);
}

TEST_CASE("Webhooks: Google unknown channels are rejected with unknown_channel") {
  ChannelRegistry registry;
  REQUIRE(registry.Register(Channel()));
  CHECK(ErrorCode(VerifyGoogleNotification(registry, Headers("exists", "1", kToken, "chan-9"), kNow)) ==
        "unknown_channel");
  CHECK(ErrorCode(VerifyGoogleNotification(registry, Headers("exists", "1", kToken, ""), kNow)) == "unknown_channel");
  const std::string long_id(65, 'a');
  CHECK(ErrorCode(VerifyGoogleNotification(registry, Headers("exists", "1", kToken, long_id), kNow)) ==
        "unknown_channel");
  CHECK(registry.Unregister("chan-1"));
  CHECK_FALSE(registry.Unregister("chan-1"));
  CHECK(ErrorCode(VerifyGoogleNotification(registry, Headers("exists", "1"), kNow)) == "unknown_channel");
}

TEST_CASE("Webhooks: Google tokens are compared exactly, equal-length wrong tokens included") {
  ChannelRegistry registry;
  REQUIRE(registry.Register(Channel()));
  std::string last_flipped = kToken;
  last_flipped.back() = 'X';
  std::string first_flipped = kToken;
  first_flipped.front() = 'X';
  const auto code = [&](std::string_view token) {
    return ErrorCode(VerifyGoogleNotification(registry, Headers("exists", "1", token), kNow));
  };
  CHECK(code(last_flipped) == "invalid_token");
  CHECK(code(first_flipped) == "invalid_token");
  CHECK(code(kToken.substr(0, kToken.size() - 1)) == "invalid_token");
  CHECK(code(kToken + "x") == "invalid_token");
  CHECK(code("") == "invalid_token");
  CHECK(code(std::string(300, 'a')) == "invalid_token");
  CHECK(code(kToken).empty());
}

TEST_CASE("Webhooks: Google expired channels are rejected after the token check") {
  ChannelRegistry registry;
  REQUIRE(registry.Register(Channel()));
  const std::int64_t expires_at = kNow + 3600;
  CHECK(ErrorCode(VerifyGoogleNotification(registry, Headers("exists", "1"), expires_at - 1)).empty());
  CHECK(ErrorCode(VerifyGoogleNotification(registry, Headers("exists", "2"), expires_at)) == "expired_channel");
  CHECK(ErrorCode(VerifyGoogleNotification(registry, Headers("exists", "3", "nope"), expires_at)) == "invalid_token");
  CHECK(registry.PruneExpired(expires_at - 1) == 0);
  CHECK(registry.PruneExpired(expires_at) == 1);
  CHECK(registry.Size() == 0);
}

TEST_CASE("Webhooks: Google resource id is checked when registered") {
  ChannelRegistry registry;
  REQUIRE(registry.Register(Channel("chan-1", "res-abc")));
  CHECK(ErrorCode(VerifyGoogleNotification(registry, Headers("exists", "1"), kNow)).empty());
  GoogleHeaders other = Headers("exists", "2");
  other.resource_id = "res-other";
  CHECK(ErrorCode(VerifyGoogleNotification(registry, other, kNow)) == "resource_mismatch");
}

TEST_CASE("Webhooks: Google malformed state or message number is invalid_notification") {
  ChannelRegistry registry;
  REQUIRE(registry.Register(Channel()));
  for (const char* state : {"", "EXISTS", "deleted", "exists "}) {
    CAPTURE(state);
    CHECK(ErrorCode(VerifyGoogleNotification(registry, Headers(state, "1"), kNow)) == "invalid_notification");
  }
  for (const char* number : {"", "abc", "-1", "+1", "1.5", " 1", "12345678901234567890", "99999999999999999999"}) {
    CAPTURE(number);
    CHECK(ErrorCode(VerifyGoogleNotification(registry, Headers("exists", number), kNow)) == "invalid_notification");
  }
  CHECK(ErrorCode(VerifyGoogleNotification(registry, Headers("exists", "9223372036854775807"), kNow)).empty());
}

TEST_CASE("Webhooks: Google channel registration is validated") {
  ChannelRegistry registry;
  const auto field = [&](GoogleChannel channel) {
    auto result = registry.Register(std::move(channel));
    REQUIRE_FALSE(result);
    CHECK(result.error().code == "invalid_channel");
    return result.error().field;
  };
  CHECK(field(Channel("")) == "channel_id");
  CHECK(field(Channel(std::string(65, 'a'))) == "channel_id");
  CHECK(field(Channel("has space")) == "channel_id");
  GoogleChannel channel = Channel();
  channel.token.clear();
  CHECK(field(channel) == "token");
  channel.token = std::string(257, 't');
  CHECK(field(channel) == "token");
  channel = Channel();
  channel.resource.connection_id.clear();
  CHECK(field(channel) == "resource.connection_id");
  channel = Channel();
  channel.resource.calendar_id.clear();
  CHECK(field(channel) == "resource.calendar_id");
  CHECK(registry.Size() == 0);
  CHECK(registry.Register(Channel(std::string(64, 'a'))));
}

TEST_CASE("Webhooks: Google channel ids and tokens are fresh random values the registry accepts") {
  const std::string id = NewGoogleChannelId();
  const std::string token = NewGoogleChannelToken();
  CHECK(id.size() == 32);
  CHECK(token.size() == 43);
  CHECK(id != NewGoogleChannelId());
  CHECK(token != NewGoogleChannelToken());
  ChannelRegistry registry;
  CHECK(registry.Register(GoogleChannel{id, token, GoogleResource{"c", "cal"}, "", kNow + 10}));
  CHECK(VerifyGoogleNotification(registry, GoogleHeaders{id, token, "r", "sync", "1"}, kNow));
}
