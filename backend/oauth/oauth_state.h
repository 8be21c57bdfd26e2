// oauth_state.h — the pending authorizations behind the OAuth `state` parameter (CSRF and mix-up defence).
//
// Contract:
// - `Create` stores what the callback will need (session, tenant, user, PKCE verifier, where to report back) and
//   returns a fresh state: 32 random bytes as base64url (43 characters). It expires `lifetime_seconds` (600) later.
// - `Consume` is single-use: a state that is found is removed on ANY attempt, successful or not, so a mismatching
//   attempt also burns it. Errors: "invalid_state" (unknown or already used), "expired_state",
//   "state_provider_mismatch" (the callback came from another provider than the one asked: mix-up attack),
//   "state_session_mismatch" (another browser session presents it: login CSRF). Secrets (the state and the
//   session id) are compared in constant time; the table is keyed by SHA-256(state).
// - Bounded: expired entries are dropped as new ones arrive, and past `capacity` the oldest pending one goes.
// - In memory only (a restart forgets pending authorizations: the user clicks Connect again). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "oauth/provider.h"
#include "slotwise/result.h"

namespace slotwise::oauth {

struct PendingAuthorization {
  Provider provider = Provider::kGoogle;
  std::string session_id;  // the browser session that started the flow
  std::string tenant_id;
  std::string user_id;
  std::string code_verifier;    // PKCE verifier (secret)
  std::string return_origin;    // the origin to postMessage the outcome to
  std::string directory;        // organisation consent: the Microsoft tenant its administrator signed in to
  std::int64_t expires_at = 0;  // Unix seconds; set by Create
};

class StateStore {
 public:
  static constexpr std::size_t kDefaultCapacity = 10'000;
  static constexpr std::int64_t kDefaultLifetimeSeconds = 600;

  explicit StateStore(std::size_t capacity = kDefaultCapacity, std::int64_t lifetime_seconds = kDefaultLifetimeSeconds);

  // `now` is Unix seconds. Returns the state to put in the authorize URL.
  std::string Create(PendingAuthorization pending, std::int64_t now);
  Result<PendingAuthorization> Consume(std::string_view state, Provider provider, std::string_view session_id,
                                       std::int64_t now);
  std::size_t size() const;  // pending entries (expired ones may still count until the next Create)

 private:
  struct Entry {
    std::string state;
    PendingAuthorization pending;
    std::uint64_t sequence = 0;
  };
  void DropExpiredAndOverflow(std::int64_t now);  // requires mutex_

  const std::size_t capacity_;
  const std::int64_t lifetime_seconds_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // SHA-256(state) -> entry
  std::map<std::uint64_t, std::string> order_;      // creation sequence -> SHA-256(state), oldest first
  std::uint64_t next_sequence_ = 0;
};

}  // namespace slotwise::oauth
