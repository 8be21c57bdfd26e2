// oauth_state.cpp — single-use, bounded store of pending authorizations (see oauth_state.h).
#include "oauth/oauth_state.h"

#include <algorithm>

#include "crypto/crypto_primitives.h"
#include "slotwise/error_codes.h"

namespace slotwise::oauth {

namespace {

constexpr std::size_t kStateBytes = 32;

Error StateError(std::string code, std::string message) {
  return Error{std::move(code), std::move(message), ""};
}

}  // namespace

StateStore::StateStore(std::size_t capacity, std::int64_t lifetime_seconds)
    : capacity_(std::max<std::size_t>(1, capacity)), lifetime_seconds_(lifetime_seconds) {}

std::string StateStore::Create(PendingAuthorization pending, std::int64_t now) {
  std::string state = crypto::RandomToken(kStateBytes);
  std::string key = crypto::Sha256(state);
  pending.expires_at = now + lifetime_seconds_;

  std::lock_guard<std::mutex> lock(mutex_);
  DropExpiredAndOverflow(now);
  const std::uint64_t sequence = next_sequence_++;
  order_.emplace(sequence, key);
  entries_.insert_or_assign(std::move(key), Entry{state, std::move(pending), sequence});
  return state;
}

Result<PendingAuthorization> StateStore::Consume(std::string_view state, Provider provider, std::string_view session_id,
                                                 std::int64_t now) {
  Entry entry;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = entries_.find(crypto::Sha256(state));
    if (found == entries_.end()) {
      return StateError(codes::kInvalidState, "the sign-in link is unknown or was already used; start again");
    }
    entry = std::move(found->second);
    order_.erase(entry.sequence);
    entries_.erase(found);  // burnt whatever happens next
  }
  if (!crypto::ConstantTimeEquals(entry.state, state)) {  // only on a SHA-256 collision
    return StateError(codes::kInvalidState, "the sign-in link is unknown or was already used; start again");
  }
  if (now >= entry.pending.expires_at) {
    return StateError(codes::kExpiredState, "the sign-in took too long (over 10 minutes); start again");
  }
  if (entry.pending.provider != provider) {
    return StateError(codes::kStateProviderMismatch, "the answer came from " + std::string(ProviderName(provider)) +
                                                     ", but this sign-in was started for " +
                                                     std::string(ProviderName(entry.pending.provider)));
  }
  if (!crypto::ConstantTimeEquals(entry.pending.session_id, session_id)) {
    return StateError(codes::kStateSessionMismatch, "this sign-in was started in another browser session; start again");
  }
  return std::move(entry.pending);
}

std::size_t StateStore::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

void StateStore::DropExpiredAndOverflow(std::int64_t now) {
  // Every entry lives equally long, so creation order is expiry order (up to clock steps): prune from the front.
  while (!order_.empty()) {
    const auto oldest = order_.begin();
    const auto entry = entries_.find(oldest->second);
    const bool expired = entry == entries_.end() || now >= entry->second.pending.expires_at;
    if (!expired && entries_.size() < capacity_) break;
    if (entry != entries_.end()) entries_.erase(entry);
    order_.erase(oldest);
  }
}

}  // namespace slotwise::oauth
