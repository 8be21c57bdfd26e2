// busy.cpp — status names of the busy model (see busy.h).
#include "slotwise/busy.h"

namespace slotwise {

std::optional<BusyStatus> ParseBusyStatus(std::string_view name) {
  if (name == "busy") return BusyStatus::kBusy;
  if (name == "tentative") return BusyStatus::kTentative;
  if (name == "oof") return BusyStatus::kOutOfOffice;
  if (name == "working_elsewhere") return BusyStatus::kWorkingElsewhere;
  if (name == "free") return BusyStatus::kFree;
  return std::nullopt;
}

std::string_view BusyStatusName(BusyStatus status) {
  switch (status) {
    case BusyStatus::kBusy: return "busy";
    case BusyStatus::kTentative: return "tentative";
    case BusyStatus::kOutOfOffice: return "oof";
    case BusyStatus::kWorkingElsewhere: return "working_elsewhere";
    case BusyStatus::kFree: return "free";
  }
  return "busy";
}

}  // namespace slotwise
