// provider_busy_icalendar.cpp — iCalendar (RFC 5545) VFREEBUSY and VEVENT -> BusyEvent (provider_busy.h).
//
// [SECTION] Content lines: unfolding (§3.1) and name;param=value:value splitting
// [SECTION] Values: DATE, DATE-TIME, DURATION, PERIOD
// [SECTION] Components: VFREEBUSY and VEVENT
#include <cctype>

#include "provider_busy_internal.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/provider_busy.h"

namespace slotwise {

namespace {

using codes::kInvalidProviderData;

// [SECTION] Content lines

struct ContentLine {
  std::string name;                                         // upper-cased
  std::vector<std::pair<std::string, std::string>> params;  // upper-cased names, unquoted values
  std::string value;
  int line_number = 0;  // 1-based physical line where the logical line starts

  const std::string* Param(std::string_view param_name) const {
    for (const auto& [key, param_value] : params)
      if (key == param_name) return &param_value;
    return nullptr;
  }
};

Error LineError(const ContentLine& line, const std::string& field, const std::string& problem) {
  return Error{codes::kInvalidProviderData, field + " (line " + std::to_string(line.line_number) + ") " + problem, field};
}

// Splits `text` into unfolded logical lines: a physical line starting with a space or tab continues the previous one.
std::vector<std::pair<std::string, int>> Unfold(std::string_view text) {
  std::vector<std::pair<std::string, int>> lines;
  int number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view physical = text.substr(pos, end - pos);
    if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
    ++number;
    pos = end + 1;
    if (!physical.empty() && (physical[0] == ' ' || physical[0] == '\t') && !lines.empty()) {
      lines.back().first.append(physical.substr(1));
    } else if (!physical.empty()) {
      lines.emplace_back(std::string(physical), number);
    }
  }
  return lines;
}

// "NAME;P1=v;P2=\"q:v\":value" -> ContentLine. nullopt when there is no ':' outside quotes or no name.
std::optional<ContentLine> SplitContentLine(const std::string& text, int line_number) {
  ContentLine line;
  line.line_number = line_number;
  std::size_t pos = 0;
  while (pos < text.size() && text[pos] != ';' && text[pos] != ':') ++pos;
  if (pos == 0 || pos == text.size()) return std::nullopt;
  line.name = AsciiUpper(std::string_view(text).substr(0, pos));
  while (text[pos] == ';') {
    const std::size_t name_start = ++pos;
    while (pos < text.size() && text[pos] != '=') ++pos;
    if (pos == text.size()) return std::nullopt;
    std::string param_name = AsciiUpper(std::string_view(text).substr(name_start, pos - name_start));
    std::string param_value;
    ++pos;
    bool quoted = false;
    while (pos < text.size() && (quoted || (text[pos] != ';' && text[pos] != ':'))) {
      if (text[pos] == '"') quoted = !quoted;
      else param_value += text[pos];
      ++pos;
    }
    if (pos == text.size()) return std::nullopt;
    line.params.emplace_back(std::move(param_name), std::move(param_value));
  }
  line.value = text.substr(pos + 1);
  return line;
}

// TEXT value unescaping (§3.3.11).
std::string UnescapeText(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[++i];
      out += (next == 'n' || next == 'N') ? '\n' : next;
    } else {
      out += text[i];
    }
  }
  return out;
}

// [SECTION] Values

std::optional<std::int32_t> Digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  std::int32_t value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<CivilDate> ParseDate(std::string_view text) {  // "YYYYMMDD"
  if (text.size() != 8) return std::nullopt;
  const auto year = Digits(text, 0, 4), month = Digits(text, 4, 2), day = Digits(text, 6, 2);
  if (!year || !month || !day) return std::nullopt;
  const CivilDate date{*year, *month, *day};
  if (!IsValidDate(date)) return std::nullopt;
  return date;
}

// "YYYYMMDDTHHMMSS[Z]" -> wall time and whether it is UTC.
std::optional<std::pair<LocalDateTime, bool>> ParseDateTime(std::string_view text) {
  const bool utc = text.size() == 16 && text[15] == 'Z';
  if (text.size() != 15 && !utc) return std::nullopt;
  std::optional<CivilDate> date = ParseDate(text.substr(0, 8));
  const auto hour = Digits(text, 9, 2), minute = Digits(text, 11, 2), second = Digits(text, 13, 2);
  if (!date || text[8] != 'T' || !hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59)
    return std::nullopt;
  return std::make_pair(LocalDateTime{*date, (*hour * 60 + *minute) * 60 + *second}, utc);
}

struct IcalDuration {
  std::int64_t days = 0;     // nominal (calendar) days, weeks included
  std::int64_t seconds = 0;  // exact seconds
};

// "[+]P(nW | [nD][T[nH][nM][nS]])"; negative durations are refused.
std::optional<IcalDuration> ParseDuration(std::string_view text) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.size() < 3 || text[0] != 'P') return std::nullopt;
  IcalDuration duration;
  bool in_time = false, any = false;
  std::int64_t number = -1;
  for (std::size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      number = (number < 0 ? 0 : number) * 10 + (c - '0');
      if (number > 100000000) return std::nullopt;
      continue;
    }
    if (c == 'T' && !in_time && number < 0) { in_time = true; continue; }
    if (number < 0) return std::nullopt;
    if (!in_time && c == 'W') duration.days += 7 * number;
    else if (!in_time && c == 'D') duration.days += number;
    else if (in_time && c == 'H') duration.seconds += number * kSecondsPerHour;
    else if (in_time && c == 'M') duration.seconds += number * kSecondsPerMinute;
    else if (in_time && c == 'S') duration.seconds += number;
    else return std::nullopt;
    number = -1;
    any = true;
  }
  if (!any || number >= 0) return std::nullopt;
  return duration;
}

// A DTSTART/DTEND value resolved to a date (all-day) or to an instant plus the zone it is local to.
struct IcalTime {
  bool is_date = false;
  CivilDate date;                    // when is_date
  LocalDateTime local;               // wall time in `zone` (UTC wall time when zone == nullptr)
  const TimeZone* zone = nullptr;    // nullptr for UTC values
  Instant instant = 0;               // when !is_date
};

Result<IcalTime> ParseIcalTime(const ContentLine& line, const std::string& field, const TimeZone& owner_zone,
                               ZoneSource& zones) {
  IcalTime time;
  const std::string* value_type = line.Param("VALUE");
  if ((value_type != nullptr && AsciiUpper(*value_type) == "DATE") || line.value.size() == 8) {
    std::optional<CivilDate> date = ParseDate(line.value);
    if (!date) return LineError(line, field, "is not a DATE (YYYYMMDD): \"" + line.value + "\"");
    time.is_date = true;
    time.date = *date;
    return time;
  }
  std::optional<std::pair<LocalDateTime, bool>> parsed = ParseDateTime(line.value);
  if (!parsed) return LineError(line, field, "is not a DATE-TIME (YYYYMMDDTHHMMSS[Z]): \"" + line.value + "\"");
  time.local = parsed->first;
  if (parsed->second) {
    time.instant = ToLocalSeconds(time.local);
    return time;
  }
  time.zone = &owner_zone;  // floating time: the owner's wall clock
  if (const std::string* tzid = line.Param("TZID")) {
    time.zone = ResolveProviderZone(*tzid, zones);
    if (time.zone == nullptr)
      return Error{codes::kUnknownTimeZone,
                   field + " (line " + std::to_string(line.line_number) + ") has unknown TZID \"" + *tzid + "\"",
                   field};
  }
  time.instant = time.zone->FromLocal(time.local);
  return time;
}

// start + duration: days on the start's wall clock (calendar days), then exact seconds.
Instant AddDuration(const IcalTime& start, const IcalDuration& duration) {
  const std::int64_t wall = ToLocalSeconds(start.local) + duration.days * kSecondsPerDay;
  const Instant shifted = start.zone == nullptr ? wall : start.zone->FromLocalSeconds(wall);
  return shifted + duration.seconds;
}

// [SECTION] Components

const ContentLine* Property(const std::vector<ContentLine>& properties, std::string_view name) {
  for (const ContentLine& line : properties)
    if (line.name == name) return &line;
  return nullptr;
}

Result<bool> AddFreeBusy(const ContentLine& line, const std::string& field, std::vector<BusyEvent>& events) {
  const std::string* type_param = line.Param("FBTYPE");
  const std::string type = type_param != nullptr ? AsciiUpper(*type_param) : "BUSY";
  BusyStatus status = BusyStatus::kBusy;  // also for unknown types (§3.2.9)
  if (type == "FREE") return true;
  if (type == "BUSY-TENTATIVE") status = BusyStatus::kTentative;
  if (type == "BUSY-UNAVAILABLE") status = BusyStatus::kOutOfOffice;
  std::size_t pos = 0;
  while (pos <= line.value.size()) {
    std::size_t comma = line.value.find(',', pos);
    if (comma == std::string::npos) comma = line.value.size();
    const std::string period = line.value.substr(pos, comma - pos);
    pos = comma + 1;
    const std::size_t slash = period.find('/');
    if (slash == std::string::npos) return LineError(line, field, "has a period without '/': \"" + period + "\"");
    std::optional<std::pair<LocalDateTime, bool>> start = ParseDateTime(std::string_view(period).substr(0, slash));
    if (!start || !start->second) return LineError(line, field, "period must start with a UTC DATE-TIME: \"" + period + "\"");
    const std::string_view rest = std::string_view(period).substr(slash + 1);
    const Instant start_instant = ToLocalSeconds(start->first);
    Instant end_instant = 0;
    if (std::optional<std::pair<LocalDateTime, bool>> end = ParseDateTime(rest)) {
      if (!end->second) return LineError(line, field, "period must end with a UTC DATE-TIME: \"" + period + "\"");
      end_instant = ToLocalSeconds(end->first);
    } else if (std::optional<IcalDuration> duration = ParseDuration(rest)) {
      end_instant = start_instant + duration->days * kSecondsPerDay + duration->seconds;  // UTC: days are 24 h
    } else {
      return LineError(line, field, "period has neither an end nor a duration: \"" + period + "\"");
    }
    if (end_instant <= start_instant) return LineError(line, field, "period must end after it starts: \"" + period + "\"");
    events.push_back(BusyEvent{{start_instant, end_instant}, status, false, false, ""});
  }
  return true;
}

// One VEVENT -> an event, or nullopt when cancelled.
Result<std::optional<BusyEvent>> ConvertEvent(const std::vector<ContentLine>& properties, const std::string& path,
                                              int begin_line, const TimeZone& owner_zone, ZoneSource& zones) {
  for (const char* name : {"RRULE", "RDATE"})
    if (const ContentLine* line = Property(properties, name))
      return Error{codes::kUnsupportedRecurrence,
                   path + " (line " + std::to_string(line->line_number) + "): recurrence not supported (" + name + ")",
                   path + "." + name};
  const ContentLine* status_line = Property(properties, "STATUS");
  const std::string status = status_line != nullptr ? AsciiUpper(status_line->value) : "CONFIRMED";
  if (status == "CANCELLED") return std::optional<BusyEvent>();

  const ContentLine* start_line = Property(properties, "DTSTART");
  if (start_line == nullptr)
    return Error{codes::kInvalidProviderData, path + " (line " + std::to_string(begin_line) + ") has no DTSTART", path + ".DTSTART"};
  Result<IcalTime> start = ParseIcalTime(*start_line, path + ".DTSTART", owner_zone, zones);
  if (!start) return start.error();
  const ContentLine* end_line = Property(properties, "DTEND");
  const ContentLine* duration_line = Property(properties, "DURATION");
  if (end_line != nullptr && duration_line != nullptr)
    return LineError(*duration_line, path + ".DURATION", "must not appear together with DTEND");

  Interval interval;
  if (end_line != nullptr) {
    const std::string field = path + ".DTEND";
    Result<IcalTime> end = ParseIcalTime(*end_line, field, owner_zone, zones);
    if (!end) return end.error();
    if (end->is_date != start->is_date) return LineError(*end_line, field, "must have the same value type as DTSTART");
    if (start->is_date) {
      Result<Interval> all_day = provider_detail::AllDayInterval(owner_zone, start->date, end->date, field);
      if (!all_day) return LineError(*end_line, field, "must be after DTSTART");
      interval = *all_day;
    } else {
      interval = Interval{start->instant, end->instant};
    }
    if (interval.empty()) return LineError(*end_line, field, "must be after DTSTART");
  } else if (duration_line != nullptr) {
    const std::string field = path + ".DURATION";
    std::optional<IcalDuration> duration = ParseDuration(duration_line->value);
    if (!duration) return LineError(*duration_line, field, "is not a positive duration: \"" + duration_line->value + "\"");
    if (start->is_date) {
      if (duration->seconds != 0) return LineError(*duration_line, field, "must be whole days or weeks for a DATE start");
      const CivilDate end_date = CivilFromDays(DaysFromCivil(start->date) + duration->days);
      Result<Interval> all_day = provider_detail::AllDayInterval(owner_zone, start->date, end_date, field);
      if (!all_day) return LineError(*duration_line, field, "must be positive");
      interval = *all_day;
    } else {
      interval = Interval{start->instant, AddDuration(*start, *duration)};
    }
    if (interval.empty()) return LineError(*duration_line, field, "must be positive");
  } else if (start->is_date) {  // §3.6.1: a DATE start without end lasts one day
    const CivilDate next = CivilFromDays(DaysFromCivil(start->date) + 1);
    interval = Interval{owner_zone.FromLocal({start->date, 0}), owner_zone.FromLocal({next, 0})};
  } else {
    return LineError(*start_line, path + ".DTEND", "is missing: an event without DTEND or DURATION has zero length");
  }

  BusyEvent event;
  event.interval = interval;
  const ContentLine* transp = Property(properties, "TRANSP");
  const ContentLine* cdo = Property(properties, "X-MICROSOFT-CDO-BUSYSTATUS");
  const std::string cdo_status = cdo != nullptr ? AsciiUpper(cdo->value) : "";
  if (cdo_status == "FREE") event.status = BusyStatus::kFree;
  else if (cdo_status == "TENTATIVE") event.status = BusyStatus::kTentative;
  else if (cdo_status == "BUSY") event.status = BusyStatus::kBusy;
  else if (cdo_status == "OOF") event.status = BusyStatus::kOutOfOffice;
  else if (cdo_status == "WORKINGELSEWHERE") event.status = BusyStatus::kWorkingElsewhere;
  else if (transp != nullptr && AsciiUpper(transp->value) == "TRANSPARENT") event.status = BusyStatus::kFree;
  else if (status == "TENTATIVE") event.status = BusyStatus::kTentative;
  else event.status = BusyStatus::kBusy;
  const ContentLine* klass = Property(properties, "CLASS");
  const std::string class_value = klass != nullptr ? AsciiUpper(klass->value) : "PUBLIC";
  event.is_private = class_value == "PRIVATE" || class_value == "CONFIDENTIAL";
  if (const ContentLine* summary = Property(properties, "SUMMARY"); summary != nullptr && !event.is_private)
    event.summary = UnescapeText(summary->value);
  return std::optional<BusyEvent>(std::move(event));
}

}  // namespace

Result<std::vector<BusyEvent>> ICalendarToBusy(std::string_view text, const TimeZone& owner_zone, ZoneSource& zones) {
  std::vector<BusyEvent> events;
  std::vector<std::string> stack;          // open components, innermost last
  std::vector<ContentLine> properties;     // of the open VEVENT
  int event_count = 0, freebusy_count = 0, event_begin_line = 0;
  bool saw_calendar = false;
  for (const auto& [raw, number] : Unfold(text)) {
    std::optional<ContentLine> line = SplitContentLine(raw, number);
    if (!line)
      return Error{codes::kInvalidProviderData, "line " + std::to_string(number) + " is not a content line (NAME[;PARAM=V]:VALUE)", ""};
    const std::string innermost = stack.empty() ? "" : stack.back();
    if (line->name == "BEGIN") {
      const std::string component = AsciiUpper(line->value);
      if (stack.empty() && component != "VCALENDAR")
        return LineError(*line, "BEGIN", "must open a VCALENDAR first");
      saw_calendar = true;
      if (component == "VEVENT" && innermost == "VCALENDAR") {
        properties.clear();
        event_begin_line = number;
      }
      stack.push_back(component);
    } else if (line->name == "END") {
      const std::string component = AsciiUpper(line->value);
      if (stack.empty() || innermost != component)
        return LineError(*line, "END", "closes " + component + " but " + (stack.empty() ? "nothing" : innermost) +
                                           " is open");
      stack.pop_back();
      if (component == "VEVENT" && !stack.empty() && stack.back() == "VCALENDAR") {
        const std::string path = "VEVENT[" + std::to_string(event_count++) + "]";
        Result<std::optional<BusyEvent>> event = ConvertEvent(properties, path, event_begin_line, owner_zone, zones);
        if (!event) return event.error();
        if (event->has_value()) events.push_back(**event);
      } else if (component == "VFREEBUSY") {
        ++freebusy_count;
      }
    } else if (innermost == "VEVENT" && stack.size() == 2) {
      properties.push_back(std::move(*line));
    } else if (innermost == "VFREEBUSY" && line->name == "FREEBUSY") {
      Result<bool> added = AddFreeBusy(*line, "VFREEBUSY[" + std::to_string(freebusy_count) + "].FREEBUSY", events);
      if (!added) return added.error();
    }
  }
  if (!stack.empty()) return Error{codes::kInvalidProviderData, "the text ends inside " + stack.back() + " (missing END)", ""};
  if (!saw_calendar) return Error{codes::kInvalidProviderData, "the text has no VCALENDAR", ""};
  return events;
}

}  // namespace slotwise
