// retry.cpp — see retry.h.
#include "providers/retry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <string>
#include <thread>

#include "providers/provider_errors.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/time.h"

namespace slotwise::providers {
namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int> ParseDigits(std::string_view text) {
  if (!AllDigits(text) || text.size() > 9) return std::nullopt;
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

// "Wed, 21 Oct 2015 07:28:00 GMT" → Unix seconds.
std::optional<std::int64_t> ParseImfFixdate(std::string_view text) {
  static constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // Fixed layout: "Www, DD Mmm YYYY HH:MM:SS GMT" (29 characters).
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' ||
      text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  if (std::find(kDays.begin(), kDays.end(), text.substr(0, 3)) == kDays.end()) return std::nullopt;
  auto month_it = std::find(kMonths.begin(), kMonths.end(), text.substr(8, 3));
  if (month_it == kMonths.end()) return std::nullopt;
  std::optional<int> day = ParseDigits(text.substr(5, 2));
  std::optional<int> year = ParseDigits(text.substr(12, 4));
  std::optional<int> hour = ParseDigits(text.substr(17, 2));
  std::optional<int> minute = ParseDigits(text.substr(20, 2));
  std::optional<int> second = ParseDigits(text.substr(23, 2));
  if (!day || !year || !hour || !minute || !second) return std::nullopt;
  const CivilDate date{*year, static_cast<std::int32_t>(month_it - kMonths.begin()) + 1, *day};
  if (!IsValidDate(date) || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  return DaysFromCivil(date) * kSecondsPerDay + *hour * 3600 + *minute * 60 + std::min(*second, 59);
}

}  // namespace

std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value, std::int64_t now_unix_seconds) {
  value = TrimBlanks(value);
  if (value.empty()) return std::nullopt;
  if (value.front() >= '0' && value.front() <= '9') {
    // delta-seconds, optionally with a fraction ("0.5").
    const std::size_t dot = value.find('.');
    const std::string_view whole = value.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : value.substr(dot + 1);
    if (!AllDigits(whole) || (dot != std::string_view::npos && !AllDigits(fraction))) return std::nullopt;
    if (whole.size() > 9) return std::chrono::milliseconds{std::int64_t{999999999} * 1000};  // absurd but numeric
    std::int64_t millis = std::int64_t{*ParseDigits(whole)} * 1000;
    std::int64_t scale = 100;
    for (char c : fraction) {  // milliseconds from the first three fraction digits, the rest rounds up
      if (scale == 0) {
        if (c != '0') { millis += 1; break; }
        continue;
      }
      millis += (c - '0') * scale;
      scale /= 10;
    }
    return std::chrono::milliseconds{millis};
  }
  std::optional<std::int64_t> when = ParseImfFixdate(value);
  if (!when) return std::nullopt;
  return std::chrono::milliseconds{std::max<std::int64_t>(0, *when - now_unix_seconds) * 1000};
}

std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int retry_index, double random_unit) {
  const std::int64_t base = std::max<std::int64_t>(0, policy.base_delay.count());
  const std::int64_t cap = std::max<std::int64_t>(0, policy.max_delay.count());
  std::int64_t ceiling = base;
  for (int i = 0; i < retry_index && ceiling < cap; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, cap);
  if (!(random_unit >= 0.0)) random_unit = 0.0;  // also catches NaN
  if (random_unit >= 1.0) random_unit = std::nextafter(1.0, 0.0);
  return std::chrono::milliseconds{static_cast<std::int64_t>(random_unit * static_cast<double>(ceiling + 1))};
}

RetryVerdict ClassifyResponse(const net::HttpResponse& response, const ThrottleDetector& throttled) {
  if (response.status == 429) {
    if (net::HeaderNameEquals(response.Header("X-RateLimit-Type"), "Daily-limit")) return RetryVerdict::kGiveUp;
    return RetryVerdict::kRetry;
  }
  if (response.status >= 500 && response.status <= 599) return RetryVerdict::kRetry;
  if (response.status == 403 && IsGoogleRateLimit(response)) return RetryVerdict::kRetry;
  if (throttled && throttled(response)) return RetryVerdict::kRetry;
  return RetryVerdict::kDone;
}

RetryHooks WithDefaults(RetryHooks hooks) {
  if (!hooks.sleep) hooks.sleep = [](std::chrono::milliseconds delay) { std::this_thread::sleep_for(delay); };
  if (!hooks.random) {
    hooks.random = [] {
      thread_local std::mt19937_64 engine{std::random_device{}()};
      return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
    };
  }
  if (!hooks.now) {
    hooks.now = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
  return hooks;
}

Result<net::HttpResponse> SendWithRetry(net::HttpTransport& transport, net::HttpRequest request,
                                        const RetryPolicy& policy, const RetryHooks& given_hooks,
                                        const ThrottleDetector& throttled) {
  const RetryHooks hooks = WithDefaults(given_hooks);
  if (request.timeout.count() <= 0) request.timeout = policy.timeout;
  const int max_attempts = std::max(1, policy.max_attempts);
  for (int attempt = 1;; ++attempt) {
    Result<net::HttpResponse> sent = transport.Send(request);
    std::chrono::milliseconds delay{0};
    if (!sent) {
      const std::string& code = sent.error().code;
      if ((code != codes::kTimeout && code != codes::kNetworkError) || attempt >= max_attempts) return sent;
      delay = BackoffDelay(policy, attempt - 1, hooks.random());
    } else {
      const RetryVerdict verdict = ClassifyResponse(*sent, throttled);
      if (verdict != RetryVerdict::kRetry || attempt >= max_attempts) return sent;
      const std::string_view retry_after = sent->Header("Retry-After");
      std::optional<std::chrono::milliseconds> wait =
          retry_after.empty() ? std::nullopt : ParseRetryAfter(retry_after, hooks.now());
      if (wait && *wait > kMaxRetryAfter) return sent;  // not worth holding a worker: report rate_limited
      delay = wait ? *wait : BackoffDelay(policy, attempt - 1, hooks.random());
    }
    hooks.sleep(delay);
  }
}

}  // namespace slotwise::providers
