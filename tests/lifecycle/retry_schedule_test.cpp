// retry_schedule_test.cpp — exponential backoff with equal jitter, Retry-After and the attempt bound
// (lifecycle/retry_schedule.h).
#include <doctest/doctest.h>

#include "lifecycle/retry_schedule.h"

using namespace slotwise::lifecycle;

TEST_CASE("retry schedule: the nominal delay doubles per attempt up to the cap; jitter keeps it in [half, full]") {
  RetryPolicy policy;
  policy.base_delay_seconds = 10;
  policy.max_delay_seconds = 100;
  CHECK(RetryDelay(policy, 1, std::nullopt, 0.0) == 5);
  CHECK(RetryDelay(policy, 1, std::nullopt, 0.999) == 9);
  CHECK(RetryDelay(policy, 2, std::nullopt, 0.0) == 10);
  CHECK(RetryDelay(policy, 3, std::nullopt, 0.0) == 20);
  CHECK(RetryDelay(policy, 4, std::nullopt, 0.0) == 40);
  CHECK(RetryDelay(policy, 5, std::nullopt, 0.0) == 50);   // 160 capped at 100
  CHECK(RetryDelay(policy, 60, std::nullopt, 0.5) == 75);  // no overflow however many attempts
  for (int attempt = 1; attempt < 20; ++attempt) {
    for (double unit : {0.0, 0.25, 0.5, 0.75, 0.9999}) {
      const std::int64_t delay = RetryDelay(policy, attempt, std::nullopt, unit);
      CHECK(delay >= 1);
      CHECK(delay <= 100);
    }
  }
}

TEST_CASE("retry schedule: never below one second") {
  RetryPolicy policy;
  policy.base_delay_seconds = 1;
  CHECK(RetryDelay(policy, 1, std::nullopt, 0.0) == 1);
  policy.base_delay_seconds = 0;
  CHECK(RetryDelay(policy, 1, std::nullopt, 0.0) == 1);
}

TEST_CASE("retry schedule: Retry-After raises the delay, within its own cap; a shorter one does not lower it") {
  RetryPolicy policy;
  policy.base_delay_seconds = 10;
  policy.max_retry_after_seconds = 3600;
  CHECK(RetryDelay(policy, 1, 120, 0.0) == 120);
  CHECK(RetryDelay(policy, 1, 2, 0.0) == 5);
  CHECK(RetryDelay(policy, 1, 999999, 0.0) == 3600);
}

TEST_CASE("retry schedule: the last attempt, and Retry-After parsing") {
  RetryPolicy policy;
  policy.max_attempts = 3;
  CHECK_FALSE(IsLastAttempt(policy, 1));
  CHECK_FALSE(IsLastAttempt(policy, 2));
  CHECK(IsLastAttempt(policy, 3));
  CHECK(ParseRetryAfter("120") == 120);
  CHECK(ParseRetryAfter(" 7 ") == 7);
  CHECK_FALSE(ParseRetryAfter("").has_value());
  CHECK_FALSE(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT").has_value());
  CHECK_FALSE(ParseRetryAfter("-5").has_value());
}
