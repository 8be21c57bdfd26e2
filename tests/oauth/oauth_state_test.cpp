// Tests for backend/oauth/oauth_state: single use, expiry, mix-up and session checks, bounds, threads.
#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "crypto/crypto_primitives.h"
#include "oauth/oauth_state.h"

using namespace slotwise::oauth;

namespace {

constexpr std::int64_t kNow = 1'700'000'000;

PendingAuthorization Pending(Provider provider = Provider::kGoogle, std::string session = "session-1") {
  PendingAuthorization pending;
  pending.provider = provider;
  pending.session_id = std::move(session);
  pending.tenant_id = "tenant-1";
  pending.user_id = "user-1";
  pending.code_verifier = "verifier-abc";
  pending.return_origin = "https://ats.example.com";
  return pending;
}

}  // namespace

TEST_CASE("OAuth: a state is 43 base64url characters and consumes once into its pending authorization") {
  StateStore store;
  const std::string state = store.Create(Pending(), kNow);
  CHECK(state.size() == 43);
  CHECK(slotwise::crypto::Base64UrlDecode(state).value().size() == 32);
  CHECK(store.Create(Pending(), kNow) != state);

  const auto pending = store.Consume(state, Provider::kGoogle, "session-1", kNow + 10);
  REQUIRE(pending.ok());
  CHECK(pending->code_verifier == "verifier-abc");
  CHECK(pending->tenant_id == "tenant-1");
  CHECK(pending->user_id == "user-1");
  CHECK(pending->return_origin == "https://ats.example.com");
  CHECK(pending->expires_at == kNow + 600);
  CHECK(store.Consume(state, Provider::kGoogle, "session-1", kNow + 11).error().code == "invalid_state");
  CHECK(store.Consume("made-up", Provider::kGoogle, "session-1", kNow).error().code == "invalid_state");
  CHECK(store.Consume("", Provider::kGoogle, "session-1", kNow).error().code == "invalid_state");
}

TEST_CASE("OAuth: an expired state fails with expired_state (600 s lifetime)") {
  StateStore store;
  const std::string fresh = store.Create(Pending(), kNow);
  CHECK(store.Consume(fresh, Provider::kGoogle, "session-1", kNow + 599).ok());
  const std::string stale = store.Create(Pending(), kNow);
  CHECK(store.Consume(stale, Provider::kGoogle, "session-1", kNow + 600).error().code == "expired_state");
  CHECK(store.Consume(stale, Provider::kGoogle, "session-1", kNow + 1).error().code == "invalid_state");  // burnt
}

TEST_CASE("OAuth: provider and session mismatches are refused and burn the state") {
  StateStore store;
  const std::string state = store.Create(Pending(Provider::kMicrosoft), kNow);
  CHECK(store.Consume(state, Provider::kGoogle, "session-1", kNow).error().code == "state_provider_mismatch");
  CHECK(store.Consume(state, Provider::kMicrosoft, "session-1", kNow).error().code == "invalid_state");

  const std::string other = store.Create(Pending(Provider::kZoom), kNow);
  CHECK(store.Consume(other, Provider::kZoom, "session-2", kNow).error().code == "state_session_mismatch");
  CHECK(store.Consume(other, Provider::kZoom, "session-1", kNow).error().code == "invalid_state");
  CHECK(store.size() == 0);
}

TEST_CASE("OAuth: the state store is bounded — expired entries go first, then the oldest pending ones") {
  StateStore store(/*capacity=*/3, /*lifetime_seconds=*/600);
  const std::string first = store.Create(Pending(), kNow);
  const std::string second = store.Create(Pending(), kNow + 1);
  store.Create(Pending(), kNow + 2);
  store.Create(Pending(), kNow + 3);  // over capacity: `first` goes
  CHECK(store.size() == 3);
  CHECK(store.Consume(first, Provider::kGoogle, "session-1", kNow + 4).error().code == "invalid_state");
  CHECK(store.Consume(second, Provider::kGoogle, "session-1", kNow + 4).ok());

  store.Create(Pending(), kNow + 700);  // everything older than 600 s is dropped on the way in
  CHECK(store.size() == 1);
}

TEST_CASE("OAuth: the state store is safe to use from many threads") {
  StateStore store;
  std::atomic<int> consumed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        const std::string state = store.Create(Pending(), kNow);
        if (store.Consume(state, Provider::kGoogle, "session-1", kNow).ok()) ++consumed;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(consumed == 800);
  CHECK(store.size() == 0);
}
