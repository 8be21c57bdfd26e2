// concurrency_limiter.cpp — see concurrency_limiter.h.
#include "providers/concurrency_limiter.h"

#include <algorithm>
#include <utility>

namespace slotwise::providers {

ConcurrencyLimiter::Permit::Permit(Permit&& other) noexcept
    : limiter_(std::exchange(other.limiter_, nullptr)), key_(std::move(other.key_)) {}

ConcurrencyLimiter::Permit& ConcurrencyLimiter::Permit::operator=(Permit&& other) noexcept {
  if (this != &other) {
    Release();
    limiter_ = std::exchange(other.limiter_, nullptr);
    key_ = std::move(other.key_);
  }
  return *this;
}

void ConcurrencyLimiter::Permit::Release() {
  if (limiter_ != nullptr) std::exchange(limiter_, nullptr)->ReleaseKey(key_);
}

ConcurrencyLimiter::ConcurrencyLimiter(int max_per_key) : max_per_key_(std::max(1, max_per_key)) {}

std::string ConcurrencyLimiter::NormalizeKey(std::string_view key) {
  std::string normalized(key);
  for (char& c : normalized) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return normalized;
}

ConcurrencyLimiter::Permit ConcurrencyLimiter::Acquire(std::string_view key) {
  std::string normalized = NormalizeKey(key);
  std::unique_lock lock(mutex_);
  released_.wait(lock, [&] {
    auto it = in_use_.find(normalized);
    return it == in_use_.end() || it->second < max_per_key_;
  });
  ++in_use_[normalized];
  return Permit(this, std::move(normalized));
}

std::optional<ConcurrencyLimiter::Permit> ConcurrencyLimiter::TryAcquire(std::string_view key) {
  std::string normalized = NormalizeKey(key);
  std::lock_guard lock(mutex_);
  int& count = in_use_[normalized];
  if (count >= max_per_key_) return std::nullopt;
  ++count;
  return Permit(this, std::move(normalized));
}

int ConcurrencyLimiter::InUse(std::string_view key) const {
  const std::string normalized = NormalizeKey(key);
  std::lock_guard lock(mutex_);
  auto it = in_use_.find(normalized);
  return it == in_use_.end() ? 0 : it->second;
}

void ConcurrencyLimiter::ReleaseKey(const std::string& key) {
  {
    std::lock_guard lock(mutex_);
    auto it = in_use_.find(key);
    if (it != in_use_.end() && --it->second <= 0) in_use_.erase(it);
  }
  released_.notify_all();
}

}  // namespace slotwise::providers
