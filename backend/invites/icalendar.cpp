// icalendar.cpp — the candidate's invitation as RFC 5545 text (see icalendar.h).
#include "invites/icalendar.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "invites/ical_text.h"
#include "slotwise/error_codes.h"

namespace slotwise::invites {

namespace {

constexpr std::string_view kProductId = "-//Slotwise//Interview Invites 1.0//EN";
// The VTIMEZONE spans at least this long on each side of the event (RFC 5545 §3.6.5 asks for the event's period;
// clients also use it for reminders and the surrounding days).
constexpr Duration kZoneCoverage = 366 * kSecondsPerDay;
// Offset changes this far beyond the covered window are looked at only to tell DAYLIGHT from STANDARD.
constexpr Duration kClassifyMargin = 400 * kSecondsPerDay;

constexpr std::array<std::string_view, 18> kUtcNames = {
    "UTC",       "Etc/UTC",   "Etc/UCT", "UCT",     "Etc/Universal", "Universal",
    "Etc/Zulu",  "Zulu",      "GMT",     "Etc/GMT", "Etc/GMT0",      "GMT0",
    "Etc/GMT+0", "Etc/GMT-0", "GMT+0",   "GMT-0",   "Etc/Greenwich", "Greenwich"};

Error InvalidInvite(std::string field, std::string message) {
  return Error{codes::kInvalidInvite, std::move(message), std::move(field)};
}

bool HasWhitespaceOrControl(std::string_view text) {
  for (const char c : text) {
    if (c == ' ' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::optional<Error> ValidateEmail(const std::string& email, const std::string& field) {
  if (email.empty()) return InvalidInvite(field, field + " is required");
  if (HasWhitespaceOrControl(email)) {
    return InvalidInvite(field, field + " must not contain spaces, line breaks or other control characters");
  }
  if (email.find('@') == std::string::npos) return InvalidInvite(field, field + " is not an e-mail address");
  return std::nullopt;
}

bool InRange(Instant t) {
  return t >= kMinInviteInstant && t < kMaxInviteInstant;
}

std::optional<Error> Validate(const CandidateInvite& invite) {
  if (invite.uid.empty()) return InvalidInvite("uid", "uid is required");
  if (HasControlCharacter(invite.uid)) {
    return InvalidInvite("uid", "uid must not contain line breaks or control characters");
  }
  if (invite.sequence < 0) return InvalidInvite("sequence", "sequence must be 0 or more");
  if (!InRange(invite.start)) return InvalidInvite("start", "start must lie between 1900 and 3000");
  if (!InRange(invite.end)) return InvalidInvite("end", "end must lie between 1900 and 3000");
  if (invite.end <= invite.start) return InvalidInvite("end", "end must be after start");
  if (invite.end - invite.start > kMaxInviteDuration) {
    return InvalidInvite("end", "the event must not last over 366 days");
  }
  if (!InRange(invite.dtstamp)) return InvalidInvite("dtstamp", "dtstamp must lie between 1900 and 3000");
  if (HasWhitespaceOrControl(invite.join_url)) {
    return InvalidInvite("join_url", "join_url must not contain spaces, line breaks or other control characters");
  }
  if (std::optional<Error> error = ValidateEmail(invite.organizer.email, "organizer.email")) return error;
  if (std::optional<Error> error = ValidateEmail(invite.candidate.email, "candidate.email")) return error;
  return std::nullopt;
}

// One STANDARD or DAYLIGHT sub-component: from `onset` (UTC) on, the offset is `offset_to` (was `offset_from`).
void AppendObservance(std::vector<std::string>& lines, bool daylight, Instant onset, std::int32_t offset_from,
                      std::int32_t offset_to) {
  const std::string_view kind = daylight ? "DAYLIGHT" : "STANDARD";
  lines.push_back("BEGIN:" + std::string(kind));
  lines.push_back("DTSTART:" + FormatLocalDateTime(onset + offset_from));  // wall time before the change
  lines.push_back("TZOFFSETFROM:" + FormatUtcOffset(offset_from));
  lines.push_back("TZOFFSETTO:" + FormatUtcOffset(offset_to));
  lines.push_back("END:" + std::string(kind));
}

// VTIMEZONE covering [from, to): the offset in force at `from`, then every change before `to`.
void AppendTimeZone(std::vector<std::string>& lines, const TimeZone& zone, Instant from, Instant to) {
  const std::vector<OffsetSpan> spans = zone.OffsetSpans(from - kClassifyMargin, to + kClassifyMargin);
  std::size_t first = 0;  // the span holding `from`
  while (first + 1 < spans.size() && spans[first].end <= from) ++first;
  const auto is_daylight = [&spans](std::size_t i) {
    return i > 0 && i + 1 < spans.size() && spans[i].offset > spans[i - 1].offset &&
           spans[i].offset > spans[i + 1].offset;
  };

  lines.push_back("BEGIN:VTIMEZONE");
  lines.push_back("TZID:" + zone.name());
  if (first == 0) {  // no change within the margin before `from`: fix the offset from `from` on
    AppendObservance(lines, false, from, spans[0].offset, spans[0].offset);
  }
  for (std::size_t i = first == 0 ? 1 : first; i < spans.size() && spans[i].start < to; ++i) {
    AppendObservance(lines, is_daylight(i), spans[i].start, spans[i - 1].offset, spans[i].offset);
  }
  lines.push_back("END:VTIMEZONE");
}

// DTSTART/DTEND: wall time with TZID, or UTC when the zone is UTC or the wall time would name another instant.
std::string DateTimeLine(std::string_view name, Instant instant, const TimeZone& zone, bool utc) {
  if (!utc) {
    const std::int64_t local = zone.ToLocalSeconds(instant);
    if (zone.FromLocalSeconds(local) == instant) {
      return std::string(name) + ";TZID=" + QuoteParameter(zone.name()) + ":" + FormatLocalDateTime(local);
    }
  }
  return std::string(name) + ":" + FormatUtcDateTime(instant);
}

std::string CalendarUserLine(std::string_view name, const Person& person, std::string_view parameters) {
  std::string line(name);
  const std::string cn = QuoteParameter(person.name);
  if (cn.find_first_not_of(" \"") != std::string::npos) line += ";CN=" + cn;  // skip blank names
  line += parameters;
  line += ":mailto:" + person.email;
  return line;
}

}  // namespace

bool IsUtcZone(const TimeZone& zone) {
  for (const std::string_view name : kUtcNames) {
    if (zone.name() == name) return zone.OffsetAt(0) == 0;
  }
  return false;
}

Result<std::string> RenderICalendar(const CandidateInvite& invite, const TimeZone& zone) {
  if (std::optional<Error> error = Validate(invite)) return *error;
  const bool cancel = invite.method == InviteMethod::kCancel;
  const bool utc = IsUtcZone(zone);

  std::vector<std::string> lines;
  lines.push_back("BEGIN:VCALENDAR");
  lines.push_back("PRODID:" + std::string(kProductId));
  lines.push_back("VERSION:2.0");
  lines.push_back("CALSCALE:GREGORIAN");
  lines.push_back(cancel ? "METHOD:CANCEL" : "METHOD:REQUEST");
  if (!utc) AppendTimeZone(lines, zone, invite.start - kZoneCoverage, invite.end + kZoneCoverage);

  lines.push_back("BEGIN:VEVENT");
  lines.push_back("UID:" + EscapeText(invite.uid));
  lines.push_back("SEQUENCE:" + std::to_string(invite.sequence));
  lines.push_back("DTSTAMP:" + FormatUtcDateTime(invite.dtstamp));
  lines.push_back(DateTimeLine("DTSTART", invite.start, zone, utc));
  lines.push_back(DateTimeLine("DTEND", invite.end, zone, utc));
  if (!invite.summary.empty()) lines.push_back("SUMMARY:" + EscapeText(invite.summary));
  if (!invite.description.empty()) lines.push_back("DESCRIPTION:" + EscapeText(invite.description));
  const std::string& location = invite.location.empty() ? invite.join_url : invite.location;
  if (!location.empty()) lines.push_back("LOCATION:" + EscapeText(location));
  if (!invite.join_url.empty()) lines.push_back("URL:" + invite.join_url);
  lines.push_back(CalendarUserLine("ORGANIZER", invite.organizer, ""));
  lines.push_back(
      CalendarUserLine("ATTENDEE", invite.candidate, ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE"));
  lines.push_back(cancel ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  lines.push_back("TRANSP:OPAQUE");
  lines.push_back("END:VEVENT");
  lines.push_back("END:VCALENDAR");

  std::string text;
  for (const std::string& line : lines) text += FoldLine(line);
  return text;
}

}  // namespace slotwise::invites
