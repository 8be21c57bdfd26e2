// daily_card.h — what a mapping's daily Teams post says (docs/PRODUCT.md R003.1), as pure functions: the digest of
// one org unit for one local day, and the Adaptive Card that shows it in the mapping's language.
//
// Who appears (every rule on the mapping's local calendar day `day`, a time.h day number):
// - members: employees whose office / department / team (the mapping's unit kind) equals the unit name, whose status
//   is not "inactive", who were hired on or before `day` (or have no hire date) and are not terminated before it;
// - absent today (toggle "absences"): members with an APPROVED absence covering any half of `day` — a half day is
//   marked (morning/afternoon) — with the day they are back (absence_days.h ReturnDayOf, their own working days);
// - birthdays: members whose birthday's month and day are `day`'s (29 February is
//   celebrated on 28 February in other years);
// - work anniversaries: members hired on this month and day in an earlier year, with the number of years;
// - new joiners: members whose hire date is `day`.
// Each list is sorted by (last name, first name, id). The absence type is never shown (it may be sick leave).
// The card: Adaptive Card 1.2 (what Teams renders in channels and Workflows webhooks), "lang" set to the language,
// its first element a Container whose "id" is PostMarker(mapping id, day) — the scheduler finds an earlier post of
// the same day by it. Every word comes from hr_text.h; dates are written as the language writes them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hr/hr_model.h"
#include "slotwise/working_hours.h"

namespace slotwise::hr {

struct DigestPerson {
  std::string employee_id;
  std::string first_name;
  std::string last_name;
};

struct AbsentPerson {
  DigestPerson person;
  DayPart part_today = DayPart::kFull;  // kMorning / kAfternoon: absent for that half only
  bool has_return = false;
  std::int64_t return_day = 0;          // day number
  DayPart return_part = DayPart::kMorning;  // kAfternoon: back at midday
};

struct Anniversary {
  DigestPerson person;
  std::int64_t years = 0;
};

struct DailyDigest {
  std::vector<AbsentPerson> absent;
  std::vector<DigestPerson> birthdays;
  std::vector<Anniversary> anniversaries;
  std::vector<DigestPerson> new_joiners;
  bool Empty() const { return absent.empty() && birthdays.empty() && anniversaries.empty() && new_joiners.empty(); }
};

using HoursOf = std::function<WorkingHours(const Employee&)>;

// The digest of `mapping`'s unit for `day` (sections of disabled toggles stay empty). `absences` may hold anyone's.
DailyDigest BuildDailyDigest(const ChannelMapping& mapping, std::int64_t day, const std::vector<Employee>& employees,
                             const std::vector<Absence>& absences, const HoursOf& hours_of);

// "slotwise-hr-<mapping id>-<YYYY-MM-DD>".
std::string PostMarker(const std::string& mapping_id, const std::string& local_day);

// The Adaptive Card of a non-empty digest.
nlohmann::json DailyCard(const ChannelMapping& mapping, std::int64_t day, const DailyDigest& digest);

}  // namespace slotwise::hr
