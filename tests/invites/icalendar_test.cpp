// Tests for backend/invites/icalendar: the candidate's invitation (RFC 5545). Expected local times, transition
// dates and offsets were worked out by hand from a calendar and the EU / US DST rules (EU: last Sunday of March and
// October at 01:00 UTC; US: second Sunday of March and first Sunday of November at 02:00 local).
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "invites/ical_text.h"
#include "invites/icalendar.h"
#include "zones.h"

using namespace slotwise;
using namespace slotwise::invites;
using slotwise::invites::testing::At;
using slotwise::invites::testing::Zone;

namespace {

CandidateInvite SampleInvite() {
  CandidateInvite invite;
  invite.uid = "interview-42@slotwise.test";
  invite.sequence = 0;
  invite.summary = "Interview: Backend Engineer";
  invite.description = "Hello Anna,\nwe look forward to meeting you.";
  invite.join_url = "https://zoom.example/j/123456789?pwd=abc";
  invite.start = At("2026-10-24T08:00:00Z");  // Saturday, 10:00 CEST (+02:00)
  invite.end = At("2026-10-24T09:00:00Z");
  invite.organizer = {"Lena Fischer", "lena.fischer@kumo.example"};
  invite.candidate = {"Anna Schmidt", "anna.schmidt@mail.example"};
  invite.dtstamp = At("2026-10-01T12:00:00Z");
  return invite;
}

std::string RenderOk(const CandidateInvite& invite, const TimeZone& zone) {
  Result<std::string> text = RenderICalendar(invite, zone);
  REQUIRE_MESSAGE(text.ok(), (text.ok() ? "" : text.error().message));
  return text.value();
}

// Undoes folding: CRLF followed by one space or tab joins lines.
std::vector<std::string> Unfold(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t crlf = text.find("\r\n", pos);
    REQUIRE(crlf != std::string::npos);
    const std::string physical = text.substr(pos, crlf - pos);
    if (!physical.empty() && physical[0] == ' ') {
      REQUIRE(!lines.empty());
      lines.back() += physical.substr(1);
    } else {
      lines.push_back(physical);
    }
    pos = crlf + 2;
  }
  return lines;
}

bool HasLine(const std::vector<std::string>& lines, const std::string& line) {
  for (const std::string& l : lines) {
    if (l == line) return true;
  }
  return false;
}

// The VTIMEZONE read back by hand: each observance's onset (DTSTART wall time minus TZOFFSETFROM) and new offset.
struct Observance {
  std::string kind;
  std::string dtstart;
  std::string from;
  std::string to;
};

std::vector<Observance> Observances(const std::vector<std::string>& lines) {
  std::vector<Observance> out;
  for (const std::string& line : lines) {
    if (line == "BEGIN:STANDARD" || line == "BEGIN:DAYLIGHT") out.push_back({line.substr(6), "", "", ""});
    if (out.empty()) continue;
    if (line.rfind("DTSTART:", 0) == 0) out.back().dtstart = line.substr(8);
    if (line.rfind("TZOFFSETFROM:", 0) == 0) out.back().from = line.substr(13);
    if (line.rfind("TZOFFSETTO:", 0) == 0) out.back().to = line.substr(11);
  }
  return out;
}

std::int32_t ParseOffset(const std::string& text) {
  REQUIRE((text.size() == 5 || text.size() == 7));
  const std::int32_t sign = text[0] == '-' ? -1 : 1;
  std::int32_t seconds = std::stoi(text.substr(1, 2)) * 3600 + std::stoi(text.substr(3, 2)) * 60;
  if (text.size() == 7) seconds += std::stoi(text.substr(5, 2));
  return sign * seconds;
}

Instant ParseLocalDateTime(const std::string& text) {  // "YYYYMMDDTHHMMSS" as local seconds
  REQUIRE(text.size() == 15);
  const CivilDate date{std::stoi(text.substr(0, 4)), std::stoi(text.substr(4, 2)), std::stoi(text.substr(6, 2))};
  return DaysFromCivil(date) * kSecondsPerDay + std::stoi(text.substr(9, 2)) * 3600 +
         std::stoi(text.substr(11, 2)) * 60 + std::stoi(text.substr(13, 2));
}

// The VTIMEZONE as a client reads it: from each onset (DTSTART wall time minus TZOFFSETFROM) on, TZOFFSETTO holds.
struct Onset {
  Instant at;
  std::int32_t offset;
};

std::vector<Onset> Onsets(const std::vector<Observance>& observances) {
  std::vector<Onset> onsets;
  for (const Observance& o : observances) {
    onsets.push_back({ParseLocalDateTime(o.dtstart) - ParseOffset(o.from), ParseOffset(o.to)});
  }
  return onsets;
}

// The offset a client computes at instant t: that of the latest onset <= t; nullopt before the first onset.
std::optional<std::int32_t> ClientOffset(const std::vector<Onset>& onsets, Instant t) {
  std::optional<Onset> best;
  for (const Onset& onset : onsets) {
    if (onset.at <= t && (!best || onset.at > best->at)) best = onset;
  }
  if (!best) return std::nullopt;
  return best->offset;
}

std::int32_t ClientOffsetAt(const std::vector<Observance>& observances, Instant t) {
  const std::optional<std::int32_t> offset = ClientOffset(Onsets(observances), t);
  REQUIRE_MESSAGE(offset.has_value(), "no observance covers " << FormatRfc3339(t));
  return *offset;
}

}  // namespace

TEST_CASE("ICalendar: a request has the calendar, the event and the candidate as attendee") {
  const std::string text = RenderOk(SampleInvite(), Zone("Europe/Berlin"));
  const std::vector<std::string> lines = Unfold(text);
  REQUIRE(lines.size() > 10);
  CHECK(lines.front() == "BEGIN:VCALENDAR");
  CHECK(lines.back() == "END:VCALENDAR");
  CHECK(HasLine(lines, "VERSION:2.0"));
  CHECK(HasLine(lines, "CALSCALE:GREGORIAN"));
  CHECK(HasLine(lines, "METHOD:REQUEST"));
  CHECK(text.find("PRODID:-//") != std::string::npos);
  CHECK(HasLine(lines, "TZID:Europe/Berlin"));
  CHECK(HasLine(lines, "UID:interview-42@slotwise.test"));
  CHECK(HasLine(lines, "SEQUENCE:0"));
  CHECK(HasLine(lines, "DTSTAMP:20261001T120000Z"));
  CHECK(HasLine(lines, "DTSTART;TZID=Europe/Berlin:20261024T100000"));
  CHECK(HasLine(lines, "DTEND;TZID=Europe/Berlin:20261024T110000"));
  CHECK(HasLine(lines, "SUMMARY:Interview: Backend Engineer"));
  CHECK(HasLine(lines, "DESCRIPTION:Hello Anna\\,\\nwe look forward to meeting you."));
  CHECK(HasLine(lines, "LOCATION:https://zoom.example/j/123456789?pwd=abc"));  // no room: the join URL
  CHECK(HasLine(lines, "URL:https://zoom.example/j/123456789?pwd=abc"));
  CHECK(HasLine(lines, "ORGANIZER;CN=Lena Fischer:mailto:lena.fischer@kumo.example"));
  CHECK(HasLine(lines,
                "ATTENDEE;CN=Anna Schmidt;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:"
                "mailto:anna.schmidt@mail.example"));
  CHECK(HasLine(lines, "STATUS:CONFIRMED"));
  CHECK(HasLine(lines, "TRANSP:OPAQUE"));
  // Every line ends in CRLF: no bare LF or CR anywhere.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') CHECK((i > 0 && text[i - 1] == '\r'));
    if (text[i] == '\r') CHECK((i + 1 < text.size() && text[i + 1] == '\n'));
  }
  CHECK(text.substr(text.size() - 2) == "\r\n");
}

TEST_CASE("ICalendar: a room is the location and the join URL stays the URL") {
  CandidateInvite invite = SampleInvite();
  invite.location = "Room 4.12; Main St. 1, Berlin";
  const std::vector<std::string> lines = Unfold(RenderOk(invite, Zone("Europe/Berlin")));
  CHECK(HasLine(lines, "LOCATION:Room 4.12\\; Main St. 1\\, Berlin"));
  CHECK(HasLine(lines, "URL:https://zoom.example/j/123456789?pwd=abc"));

  invite.join_url.clear();
  const std::string on_site = RenderOk(invite, Zone("Europe/Berlin"));
  CHECK(on_site.find("\r\nURL:") == std::string::npos);
}

TEST_CASE("ICalendar: a cancel keeps the UID and says CANCELLED") {
  CandidateInvite invite = SampleInvite();
  invite.method = InviteMethod::kCancel;
  invite.sequence = 2;
  const std::vector<std::string> lines = Unfold(RenderOk(invite, Zone("Europe/Berlin")));
  CHECK(HasLine(lines, "METHOD:CANCEL"));
  CHECK(HasLine(lines, "STATUS:CANCELLED"));
  CHECK_FALSE(HasLine(lines, "STATUS:CONFIRMED"));
  CHECK_FALSE(HasLine(lines, "METHOD:REQUEST"));
  CHECK(HasLine(lines, "UID:interview-42@slotwise.test"));
  CHECK(HasLine(lines, "SEQUENCE:2"));
}

TEST_CASE("ICalendar: Europe/Berlin VTIMEZONE around the 2026-10-25 change") {
  const std::vector<std::string> lines = Unfold(RenderOk(SampleInvite(), Zone("Europe/Berlin")));
  const std::vector<Observance> observances = Observances(lines);
  // 2026-10-25 is the last Sunday of October: at 03:00 CEST (01:00 UTC) clocks go back to 02:00 CET.
  bool autumn = false;
  bool spring = false;
  for (const Observance& o : observances) {
    if (o.dtstart == "20261025T030000") {
      autumn = true;
      CHECK(o.kind == "STANDARD");
      CHECK(o.from == "+0200");
      CHECK(o.to == "+0100");
    }
    if (o.dtstart == "20260329T020000") {  // last Sunday of March: 02:00 CET -> 03:00 CEST
      spring = true;
      CHECK(o.kind == "DAYLIGHT");
      CHECK(o.from == "+0100");
      CHECK(o.to == "+0200");
    }
  }
  CHECK(autumn);
  CHECK(spring);
  // A year either side: the changes of 2025-10-26 and 2027-03-28 are there too.
  bool before = false;
  bool after = false;
  for (const Observance& o : observances) {
    before = before || o.dtstart == "20251026T030000";
    after = after || o.dtstart == "20270328T020000";
  }
  CHECK(before);
  CHECK(after);

  // What a client computes from it, an hour either side of the change and at the event.
  CHECK(ClientOffsetAt(observances, At("2026-10-25T00:59:59Z")) == 7200);
  CHECK(ClientOffsetAt(observances, At("2026-10-25T01:00:00Z")) == 3600);
  CHECK(ClientOffsetAt(observances, At("2026-10-24T08:00:00Z")) == 7200);
  CHECK(ClientOffsetAt(observances, At("2026-12-01T09:15:00Z")) == 3600);
  CHECK(ClientOffsetAt(observances, At("2027-07-01T00:00:00Z")) == 7200);
}

TEST_CASE("ICalendar: the same wall time before and after the Berlin change is a different UTC offset") {
  CandidateInvite after = SampleInvite();
  after.start = At("2026-10-26T09:00:00Z");  // Monday 10:00 CET (+01:00)
  after.end = At("2026-10-26T10:00:00Z");
  const std::vector<std::string> lines = Unfold(RenderOk(after, Zone("Europe/Berlin")));
  CHECK(HasLine(lines, "DTSTART;TZID=Europe/Berlin:20261026T100000"));
  CHECK(HasLine(lines, "DTEND;TZID=Europe/Berlin:20261026T110000"));
}

TEST_CASE("ICalendar: America/New_York VTIMEZONE around the 2026-11-01 change") {
  CandidateInvite invite = SampleInvite();
  invite.start = At("2026-11-02T15:00:00Z");  // Monday 10:00 EST (-05:00)
  invite.end = At("2026-11-02T16:00:00Z");
  const std::vector<std::string> lines = Unfold(RenderOk(invite, Zone("America/New_York")));
  CHECK(HasLine(lines, "TZID:America/New_York"));
  CHECK(HasLine(lines, "DTSTART;TZID=America/New_York:20261102T100000"));
  const std::vector<Observance> observances = Observances(lines);
  bool autumn = false;
  bool spring = false;
  for (const Observance& o : observances) {
    if (o.dtstart == "20261101T020000") {  // first Sunday of November: 02:00 EDT -> 01:00 EST
      autumn = true;
      CHECK(o.kind == "STANDARD");
      CHECK(o.from == "-0400");
      CHECK(o.to == "-0500");
    }
    if (o.dtstart == "20260308T020000") {  // second Sunday of March: 02:00 EST -> 03:00 EDT
      spring = true;
      CHECK(o.kind == "DAYLIGHT");
      CHECK(o.from == "-0500");
      CHECK(o.to == "-0400");
    }
  }
  CHECK(autumn);
  CHECK(spring);
  CHECK(ClientOffsetAt(observances, At("2026-11-01T05:59:59Z")) == -4 * 3600);
  CHECK(ClientOffsetAt(observances, At("2026-11-01T06:00:00Z")) == -5 * 3600);
  CHECK(ClientOffsetAt(observances, At("2026-10-30T14:00:00Z")) == -4 * 3600);

  CandidateInvite before = invite;
  before.start = At("2026-10-30T14:00:00Z");  // Friday 10:00 EDT (-04:00)
  before.end = At("2026-10-30T15:00:00Z");
  CHECK(HasLine(Unfold(RenderOk(before, Zone("America/New_York"))), "DTSTART;TZID=America/New_York:20261030T100000"));
}

TEST_CASE("ICalendar: the VTIMEZONE gives the zone's own offset for every hour of the covered years") {
  // Zones with odd shapes: half-hour DST, negative DST in winter, no DST, DST abolished (Sao Paulo, 2019).
  struct Case {
    const char* zone;
    const char* start;
  };
  for (const Case& c :
       {Case{"Australia/Lord_Howe", "2026-04-05T00:00:00Z"}, Case{"Europe/Dublin", "2026-10-24T08:00:00Z"},
        Case{"Asia/Tokyo", "2026-12-01T01:00:00Z"}, Case{"America/Sao_Paulo", "2019-06-01T12:00:00Z"},
        Case{"Asia/Kolkata", "2026-03-01T04:30:00Z"}}) {
    CAPTURE(c.zone);
    const TimeZone& zone = Zone(c.zone);
    CandidateInvite invite = SampleInvite();
    invite.start = At(c.start);
    invite.end = invite.start + 3600;
    const std::vector<Onset> onsets = Onsets(Observances(Unfold(RenderOk(invite, zone))));
    REQUIRE(!onsets.empty());
    for (Instant t = invite.start - 365 * kSecondsPerDay; t < invite.end + 365 * kSecondsPerDay; t += 1800) {
      if (ClientOffset(onsets, t) != std::optional<std::int32_t>(zone.OffsetAt(t))) {
        FAIL_CHECK("offset differs at " << FormatRfc3339(t));
        break;
      }
    }
  }
}

TEST_CASE("ICalendar: the UTC zone gives Z times and no VTIMEZONE") {
  CandidateInvite invite = SampleInvite();
  invite.start = At("2026-12-01T09:15:00Z");
  invite.end = At("2026-12-01T10:15:00Z");
  for (const char* name : {"UTC", "Etc/UTC"}) {
    CAPTURE(name);
    const std::string text = RenderOk(invite, Zone(name));
    const std::vector<std::string> lines = Unfold(text);
    CHECK(text.find("VTIMEZONE") == std::string::npos);
    CHECK(text.find("TZID") == std::string::npos);
    CHECK(HasLine(lines, "DTSTART:20261201T091500Z"));
    CHECK(HasLine(lines, "DTEND:20261201T101500Z"));
  }
  const std::string defaulted = RenderOk(invite, TimeZone());
  CHECK(defaulted.find("VTIMEZONE") == std::string::npos);
}

TEST_CASE("ICalendar: a start in the repeated hour keeps its instant") {
  CandidateInvite invite = SampleInvite();
  // 2026-10-25 02:30 happens twice in Berlin: 00:30 UTC (+02:00) and 01:30 UTC (+01:00).
  invite.start = At("2026-10-25T00:30:00Z");
  invite.end = At("2026-10-25T01:30:00Z");
  const std::vector<std::string> lines = Unfold(RenderOk(invite, Zone("Europe/Berlin")));
  CHECK(HasLine(lines, "DTSTART;TZID=Europe/Berlin:20261025T023000"));  // the first 02:30: TZID says it
  CHECK(HasLine(lines, "DTEND:20261025T013000Z"));                      // the second 02:30: only UTC can say it
}

TEST_CASE("ICalendar: Japanese names and long texts are folded at 75 octets without splitting characters") {
  CandidateInvite invite = SampleInvite();
  invite.candidate = {"山田 太郎（やまだ たろう）, 採用候補者", "taro.yamada@mail.example"};
  invite.organizer = {"佐藤 健 \"Ken\"", "ken.sato@kumo.example"};
  invite.summary = "面接のご案内：バックエンドエンジニア（東京オフィス）一次面接・二次面接・最終面接";
  invite.description =
      std::string("ご応募ありがとうございます。\n当日は") + std::string(40, 'x') + "よろしくお願いします。";
  const std::string text = RenderOk(invite, Zone("Asia/Tokyo"));
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t crlf = text.find("\r\n", pos);
    REQUIRE(crlf != std::string::npos);
    CHECK(crlf - pos <= 75);
    if (crlf > pos) CHECK((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80);  // no line starts mid-character
    if (crlf > pos + 1 && text[pos] == ' ') CHECK((static_cast<unsigned char>(text[pos + 1]) & 0xC0) != 0x80);
    pos = crlf + 2;
  }
  const std::vector<std::string> lines = Unfold(text);
  CHECK(HasLine(lines,
                "ATTENDEE;CN=\"山田 太郎（やまだ たろう）, 採用候補者\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;"
                "RSVP=TRUE:mailto:taro.yamada@mail.example"));
  CHECK(HasLine(lines, "ORGANIZER;CN=佐藤 健 Ken:mailto:ken.sato@kumo.example"));  // quotes removed
  CHECK(HasLine(lines, "SUMMARY:面接のご案内：バックエンドエンジニア（東京オフィス）一次面接・二次面接・最終面接"));
  CHECK(HasLine(lines, "DTSTART;TZID=Asia/Tokyo:20261024T170000"));
}

TEST_CASE("ICalendar: invalid invitations are errors naming the field") {
  struct Case {
    const char* field;
    void (*change)(CandidateInvite&);
  };
  const Case cases[] = {
      {"uid", [](CandidateInvite& i) { i.uid.clear(); }},
      {"uid", [](CandidateInvite& i) { i.uid = "a\r\nSTATUS:CANCELLED"; }},
      {"sequence", [](CandidateInvite& i) { i.sequence = -1; }},
      {"end", [](CandidateInvite& i) { i.end = i.start; }},
      {"end", [](CandidateInvite& i) { i.end = i.start - 60; }},
      {"end", [](CandidateInvite& i) { i.end = i.start + 400 * kSecondsPerDay; }},
      {"start", [](CandidateInvite& i) { i.start = -5000000000; }},
      {"organizer.email", [](CandidateInvite& i) { i.organizer.email.clear(); }},
      {"candidate.email", [](CandidateInvite& i) { i.candidate.email.clear(); }},
      {"candidate.email", [](CandidateInvite& i) { i.candidate.email = "a@b.example\r\nATTENDEE:mailto:x@y"; }},
      {"organizer.email", [](CandidateInvite& i) { i.organizer.email = "lena@kumo.example\n"; }},
      {"candidate.email", [](CandidateInvite& i) { i.candidate.email = "not-an-address"; }},
      {"join_url", [](CandidateInvite& i) { i.join_url = "https://x.example/a\r\nURL:https://evil.example"; }},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    CandidateInvite invite = SampleInvite();
    c.change(invite);
    const Result<std::string> result = RenderICalendar(invite, Zone("Europe/Berlin"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "invalid_invite");
    CHECK(result.error().field == c.field);
    CHECK(!result.error().message.empty());
  }
}

TEST_CASE("ICalendar: texts cannot inject properties") {
  CandidateInvite invite = SampleInvite();
  invite.summary = "Hi\r\nATTENDEE:mailto:spy@evil.example";
  invite.description = "x\nORGANIZER:mailto:spy@evil.example";
  invite.location = "Room\r\nEND:VEVENT";
  invite.candidate.name = "Anna\r\nATTENDEE:mailto:spy@evil.example";
  const std::vector<std::string> lines = Unfold(RenderOk(invite, Zone("Europe/Berlin")));
  for (const std::string& line : lines) {
    CAPTURE(line);
    const bool inside_a_value = line.rfind("SUMMARY:", 0) == 0 || line.rfind("DESCRIPTION:", 0) == 0 ||
                                line.rfind("ATTENDEE;CN=\"Anna  ATTENDEE:mailto:spy@evil.example\";", 0) == 0;
    CHECK((line.find("spy@evil.example") == std::string::npos || inside_a_value));
  }
  CHECK(HasLine(lines, "SUMMARY:Hi\\nATTENDEE:mailto:spy@evil.example"));
  CHECK(HasLine(lines, "LOCATION:Room\\nEND:VEVENT"));
}
