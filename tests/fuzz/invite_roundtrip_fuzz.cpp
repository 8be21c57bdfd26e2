// Fuzz target: the candidate's invitation, JSON in and iCalendar out (backend/invites: ParseInviteRequest,
// RenderICalendar — what `slotwise invite render` and the booking outbox write), read back by the engine's own
// iCalendar reader (ICalendarToBusy). Input: the invitation's JSON. Zones from /usr/share/zoneinfo.
// Properties of an invitation that renders:
//   - the text is CRLF-terminated content lines of at most 75 octets (icalendar.h's output contract);
//   - read back, a REQUEST is exactly one event [start, end) — the same instants, whatever the candidate's zone
//     (VTIMEZONE wall times, gaps and repeated hours included) — with the summary as given when it has no control
//     characters; a CANCEL is no busy time at all.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "fuzz_zones.h"
#include "invites/ical_text.h"
#include "invites/icalendar.h"
#include "invites/invite_json.h"
#include "slotwise/provider_busy.h"

namespace {

using slotwise::fuzz::SystemZones;

namespace invites = slotwise::invites;

void CheckLines(const std::string& text) {
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    const std::size_t crlf = text.find("\r\n", line_start);
    FUZZ_CHECK(crlf != std::string::npos, "the text does not end with CRLF");
    FUZZ_CHECK(crlf - line_start <= invites::kMaxLineOctets,
               "a line of " << (crlf - line_start) << " octets: " << text.substr(line_start, crlf - line_start));
    const std::string_view line(text.data() + line_start, crlf - line_start);
    FUZZ_CHECK(line.find('\r') == std::string_view::npos && line.find('\n') == std::string_view::npos,
               "a bare CR or LF inside a line: " << line);
    line_start = crlf + 2;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json_text(reinterpret_cast<const char*>(data), size);
  const slotwise::Result<invites::InviteRequest> request = invites::ParseInviteRequest(json_text);
  if (!request.ok()) return 0;
  const slotwise::TimeZone* zone = SystemZones().Find(request->time_zone);
  if (zone == nullptr) return 0;  // the CLI refuses an unknown zone before rendering
  invites::CandidateInvite invite = request->invite;
  if (!request->dtstamp) invite.dtstamp = 1796083200;  // the caller stamps "now"
  const slotwise::Result<std::string> text = invites::RenderICalendar(invite, *zone);
  if (!text.ok()) return 0;
  CheckLines(*text);

  const slotwise::Result<std::vector<slotwise::BusyEvent>> busy =
      slotwise::ICalendarToBusy(*text, *zone, SystemZones());
  FUZZ_CHECK(busy.ok(), "the engine cannot read the invitation back: " << busy.error().message << "\n" << *text);
  if (invite.method == invites::InviteMethod::kCancel) {
    FUZZ_CHECK(busy->empty(), "a cancelled invitation still reads as busy time\n" << *text);
    return 0;
  }
  FUZZ_CHECK(busy->size() == 1, "the invitation reads back as " << busy->size() << " events\n" << *text);
  const slotwise::BusyEvent& event = busy->front();
  FUZZ_CHECK(event.interval.start == invite.start && event.interval.end == invite.end,
             "the invitation from " << invite.start << " to " << invite.end << " reads back as " << event.interval.start
                                    << " to " << event.interval.end << " in " << request->time_zone << "\n"
                                    << *text);
  if (!invites::HasControlCharacter(invite.summary)) {
    FUZZ_CHECK(event.summary == invite.summary,
               "the summary \"" << invite.summary << "\" reads back as \"" << event.summary << "\"\n" << *text);
  }
  return 0;
}
