// concurrency_limiter.h — a counting semaphore per key (mailbox, Zoom user, Google user) with RAII permits.
//
// Contract:
// - At most `max_per_key` permits for the same key are alive at once (Microsoft Graph: 4 concurrent requests per app
//   and mailbox; Zoom and Google: configurable). Keys are compared case-insensitively (ASCII), so "Anna@X" and
//   "anna@x" share a budget. A limit below 1 counts as 1.
// - `Acquire` blocks until a permit is free; `TryAcquire` never blocks. A Permit releases on destruction (or
//   `Release()`); it is movable, not copyable, and must not outlive its limiter.
// - Thread-safe. Idle keys are forgotten, so memory follows the number of keys in use, not ever seen.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace slotwise::providers {

class ConcurrencyLimiter {
 public:
  class Permit {
   public:
    Permit() = default;  // holds nothing
    Permit(Permit&& other) noexcept;
    Permit& operator=(Permit&& other) noexcept;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit() { Release(); }

    void Release();                                  // gives the permit back (no-op when empty)
    bool held() const { return limiter_ != nullptr; }

   private:
    friend class ConcurrencyLimiter;
    Permit(ConcurrencyLimiter* limiter, std::string key) : limiter_(limiter), key_(std::move(key)) {}
    ConcurrencyLimiter* limiter_ = nullptr;
    std::string key_;
  };

  explicit ConcurrencyLimiter(int max_per_key);

  Permit Acquire(std::string_view key);                  // blocks until a permit for `key` is free
  std::optional<Permit> TryAcquire(std::string_view key);  // nullopt when `key` is at its limit
  int max_per_key() const { return max_per_key_; }
  int InUse(std::string_view key) const;                 // permits of `key` alive now (for tests and metrics)

 private:
  void ReleaseKey(const std::string& key);
  static std::string NormalizeKey(std::string_view key);

  const int max_per_key_;
  mutable std::mutex mutex_;
  std::condition_variable released_;
  std::map<std::string, int, std::less<>> in_use_;
};

}  // namespace slotwise::providers
