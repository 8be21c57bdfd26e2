// crash_points.cpp — see crash_points.h.
#include "booking/crash_points.h"

#include <csignal>
#include <cstdlib>
#include <mutex>
#include <string>

namespace slotwise {

namespace {

struct CrashPlan {
  std::string name;  // "" = never crash
  long nth = 1;
};

const CrashPlan& Plan() {
  static const CrashPlan plan = [] {
    CrashPlan parsed;
    const char* value = std::getenv("SLOTWISE_CRASH_AT");
    if (!value) return parsed;
    std::string text(value);
    const std::size_t colon = text.find(':');
    parsed.name = text.substr(0, colon);
    if (colon != std::string::npos) parsed.nth = std::max(1L, std::strtol(text.c_str() + colon + 1, nullptr, 10));
    return parsed;
  }();
  return plan;
}

}  // namespace

void CrashPoint(std::string_view name) {
  const CrashPlan& plan = Plan();
  if (plan.name.empty() || plan.name != name) return;
  static std::mutex mutex;
  static long reached = 0;
  std::lock_guard lock(mutex);
  if (++reached == plan.nth) std::raise(SIGKILL);
}

}  // namespace slotwise
