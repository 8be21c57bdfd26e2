// busy.h — the one busy model every provider is normalized into.
//
// Contract:
// - A `BusyEvent` is a half-open UTC interval with a status. All-day events are converted by their producer into
//   [local midnight of the first day, local midnight after the last day) in the OWNER's zone (calendar days, never
//   "+24 h"), so a 23- or 25-hour DST day is covered exactly.
// - Private events carry no details but block exactly like public ones (`is_private` only hides text).
// - `interview` marks events that count toward a person's interview load limits
// (docs/ENGINE.md "The rules", load limits).
// - Which statuses block: busy and oof always; tentative unless the query sets "tentative_blocks": false;
//   free and working_elsewhere never.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "slotwise/intervals.h"

namespace slotwise {

enum class BusyStatus : std::uint8_t { kFree, kTentative, kBusy, kOutOfOffice, kWorkingElsewhere };

struct BusyEvent {
  Interval interval;
  BusyStatus status = BusyStatus::kBusy;
  bool interview = false;   // counts toward max_interviews_per_day / _per_week
  bool is_private = false;  // details withheld by the provider; still blocks
  std::string summary;      // empty when private or unknown; never used for decisions
  // Not a provider event: the engine's stand-in for a calendar whose free/busy is unknown (availability.h,
  // Calendar::free_busy_unknown), covering every supported instant. Explanations and validation name the calendar
  // and the reason instead of a time.
  bool unknown = false;
};

// Wire names: "free", "tentative", "busy", "oof", "working_elsewhere". nullopt for anything else.
std::optional<BusyStatus> ParseBusyStatus(std::string_view name);
std::string_view BusyStatusName(BusyStatus status);

inline bool StatusBlocks(BusyStatus status, bool tentative_blocks) {
  switch (status) {
    case BusyStatus::kBusy:
    case BusyStatus::kOutOfOffice: return true;
    case BusyStatus::kTentative: return tentative_blocks;
    case BusyStatus::kFree:
    case BusyStatus::kWorkingElsewhere: return false;
  }
  return true;
}

}  // namespace slotwise
