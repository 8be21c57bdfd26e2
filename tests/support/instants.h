// instants.h — test helper: instants written as RFC 3339 text in tests ("2026-03-10T09:00:00Z").
//
// Contract: At parses with the engine's ParseRfc3339; a malformed literal is a bug in the test, so it prints the text
// and aborts (no doctest assertion: At is usable at namespace scope, before any test runs). Pure otherwise.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <optional>

#include "slotwise/time.h"

namespace slotwise::testing {

inline Instant At(const char* rfc3339) {
  const std::optional<Instant> parsed = ParseRfc3339(rfc3339);
  if (!parsed) {
    std::fprintf(stderr, "bad RFC 3339 literal in a test: %s\n", rfc3339);
    std::abort();
  }
  return *parsed;
}

}  // namespace slotwise::testing
