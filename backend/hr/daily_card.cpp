// daily_card.cpp — see daily_card.h.
#include "hr/daily_card.h"

#include <algorithm>
#include <tuple>

#include "hr/absence_days.h"
#include "hr/hr_text.h"

namespace slotwise::hr {

namespace {

using nlohmann::json;

const std::string& UnitOf(const Employee& e, OrgUnitKind kind) {
  switch (kind) {
    case OrgUnitKind::kOffice: return e.office;
    case OrgUnitKind::kDepartment: return e.department;
    case OrgUnitKind::kTeam: break;
  }
  return e.team;
}

bool IsMember(const ChannelMapping& mapping, const Employee& e, std::int64_t day) {
  if (UnitOf(e, mapping.unit_kind) != mapping.unit_name || e.status == "inactive") return false;
  if (std::optional<std::int64_t> hired = DayNumber(e.hire_date); hired && *hired > day) return false;
  if (std::optional<std::int64_t> left = DayNumber(e.termination_date); left && *left < day) return false;
  return true;
}

// Month and day of `date` fall on `day`; 29 February counts on 28 February of common years.
bool SameMonthDay(const std::string& date, std::int64_t day) {
  std::optional<CivilDate> parsed = ParseIsoDate(date);
  if (!parsed) return false;
  const CivilDate today = CivilFromDays(day);
  if (parsed->month == 2 && parsed->day == 29 && !IsLeapYear(today.year)) return today.month == 2 && today.day == 28;
  return parsed->month == today.month && parsed->day == today.day;
}

DigestPerson PersonOf(const Employee& e) { return {e.id, e.first_name, e.last_name}; }

bool ByName(const DigestPerson& a, const DigestPerson& b) {
  return std::tie(a.last_name, a.first_name, a.employee_id) < std::tie(b.last_name, b.first_name, b.employee_id);
}

json Heading(const std::string& text) {
  return {{"type", "TextBlock"}, {"text", text}, {"weight", "Bolder"}, {"spacing", "Medium"}, {"wrap", true}};
}

json Line(const std::string& text) {
  return {{"type", "TextBlock"}, {"text", "• " + text}, {"spacing", "Small"}, {"wrap", true}};
}

}  // namespace

DailyDigest BuildDailyDigest(const ChannelMapping& mapping, std::int64_t day, const std::vector<Employee>& employees,
                             const std::vector<Absence>& absences, const HoursOf& hours_of) {
  DailyDigest digest;
  for (const Employee& e : employees) {
    if (!IsMember(mapping, e, day)) continue;
    if (mapping.toggles.absences) {
      for (const Absence& a : absences) {
        DayPart part = DayPart::kFull;
        if (a.employee_id != e.id || a.status != AbsenceStatus::kApproved || !CoversDay(a, day, &part)) continue;
        AbsentPerson absent{PersonOf(e), part, false, 0, DayPart::kMorning};
        if (std::optional<ReturnDay> back = ReturnDayOf(a, hours_of(e))) {
          absent.has_return = true;
          absent.return_day = back->day_number;
          absent.return_part = back->part;
        }
        digest.absent.push_back(absent);
        break;  // one line per person
      }
    }
    if (mapping.toggles.birthdays && SameMonthDay(e.birthday, day)) digest.birthdays.push_back(PersonOf(e));
    if (std::optional<CivilDate> hired = ParseIsoDate(e.hire_date)) {
      const std::int64_t years = CivilFromDays(day).year - hired->year;
      if (mapping.toggles.anniversaries && years >= 1 && SameMonthDay(e.hire_date, day)) {
        digest.anniversaries.push_back({PersonOf(e), years});
      }
      if (mapping.toggles.new_joiners && DaysFromCivil(*hired) == day) digest.new_joiners.push_back(PersonOf(e));
    }
  }
  std::sort(digest.absent.begin(), digest.absent.end(),
            [](const AbsentPerson& a, const AbsentPerson& b) { return ByName(a.person, b.person); });
  std::sort(digest.birthdays.begin(), digest.birthdays.end(), ByName);
  std::sort(digest.anniversaries.begin(), digest.anniversaries.end(),
            [](const Anniversary& a, const Anniversary& b) { return ByName(a.person, b.person); });
  std::sort(digest.new_joiners.begin(), digest.new_joiners.end(), ByName);
  return digest;
}

std::string PostMarker(const std::string& mapping_id, const std::string& local_day) {
  return "slotwise-hr-" + mapping_id + "-" + local_day;
}

json DailyCard(const ChannelMapping& mapping, std::int64_t day, const DailyDigest& digest) {
  const Locale locale = invites::ParseLocale(mapping.language);
  auto name = [locale](const DigestPerson& p) { return FullName(p.first_name, p.last_name, locale); };
  json body = json::array();
  body.push_back({{"type", "Container"},
                  {"id", PostMarker(mapping.id, FormatIsoDay(day))},
                  {"items", json::array({{{"type", "TextBlock"},
                                          {"text", Text(TextId::kDailyTitle, locale, {mapping.unit_name})},
                                          {"weight", "Bolder"},
                                          {"size", "Medium"},
                                          {"wrap", true}},
                                         {{"type", "TextBlock"},
                                          {"text", FormatDay(day, locale)},
                                          {"isSubtle", true},
                                          {"spacing", "None"},
                                          {"wrap", true}}})}});
  if (!digest.absent.empty()) {
    body.push_back(Heading(Text(TextId::kAbsentToday, locale)));
    for (const AbsentPerson& a : digest.absent) {
      std::string line = name(a.person);
      if (a.part_today == DayPart::kMorning) line += " " + Text(TextId::kMorningOnly, locale);
      if (a.part_today == DayPart::kAfternoon) line += " " + Text(TextId::kAfternoonOnly, locale);
      if (a.has_return) {
        const TextId id = a.return_part == DayPart::kAfternoon ? TextId::kBackOnAfternoon : TextId::kBackOn;
        line += " — " + Text(id, locale, {FormatDay(a.return_day, locale)});
      }
      body.push_back(Line(line));
    }
  }
  if (!digest.birthdays.empty()) {
    body.push_back(Heading(Text(TextId::kBirthdays, locale)));
    for (const DigestPerson& p : digest.birthdays) body.push_back(Line(name(p)));
  }
  if (!digest.anniversaries.empty()) {
    body.push_back(Heading(Text(TextId::kAnniversaries, locale)));
    for (const Anniversary& a : digest.anniversaries) {
      body.push_back(Line(name(a.person) + " — " + FormatYears(a.years, locale)));
    }
  }
  if (!digest.new_joiners.empty()) {
    body.push_back(Heading(Text(TextId::kNewJoiners, locale)));
    for (const DigestPerson& p : digest.new_joiners) body.push_back(Line(name(p)));
  }
  return {{"type", "AdaptiveCard"},
          {"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
          {"version", "1.2"},
          {"lang", mapping.language},
          {"body", body}};
}

}  // namespace slotwise::hr
