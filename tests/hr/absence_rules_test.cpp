// absence_rules_test.cpp — the pure HR rules: half-day absences (overlap, working days, return day), absences as
// out-of-office busy time across DST, the daily planner's scheduled instants across DST, the post throttle, the
// Teams HMAC signature, the texts of every language and the attribute allow-list. Every expected value is worked
// out by hand in the comment next to it (dates checked against `zdump` and a calendar).
#include <doctest/doctest.h>

#include <tuple>

#include <set>

#include "crypto/crypto_primitives.h"
#include "hr/absence_busy.h"
#include "hr/absence_days.h"
#include "hr/daily_planner.h"
#include "hr/hr_attributes.h"
#include "hr/hr_credentials.h"
#include "hr/hr_text.h"
#include "hr/post_throttle.h"
#include "hr/teams_signature.h"
#include "hr/work_schedule.h"
#include "support/instants.h"
#include "support/openssl_cli.h"
#include "zoneinfo/zoneinfo_directory.h"

namespace slotwise::hr {
namespace {

using slotwise::testing::At;

Absence Make(const char* first, DayPart first_part, const char* last, DayPart last_part,
             AbsenceStatus status = AbsenceStatus::kApproved) {
  Absence a;
  a.id = std::string("a-") + first;
  a.employee_id = "e1";
  a.type = "vacation";
  a.first_day = first;
  a.first_day_part = first_part;
  a.last_day = last;
  a.last_day_part = last_part;
  a.status = status;
  return a;
}

std::int64_t Day(const char* iso) { return DayNumber(iso).value(); }

TEST_CASE("HR absences: half-day runs, overlaps, working days and the return day") {
  const WorkingHours week = DefaultWorkingHours();  // Monday–Friday
  // 2026-10-26 is a Monday. Afternoon of Mon .. morning of Wed: Mon PM, Tue AM, Tue PM, Wed AM = 4 halves = 2 days.
  const Absence a = Make("2026-10-26", DayPart::kAfternoon, "2026-10-28", DayPart::kMorning);
  REQUIRE(ValidateAbsenceShape(a, "a").ok());
  CHECK(WorkingHalfDays(a, week) == 4);
  // The last day is morning-only on a working Wednesday: back that Wednesday at midday.
  std::optional<ReturnDay> back = ReturnDayOf(a, week);
  REQUIRE(back.has_value());
  CHECK(back->day_number == Day("2026-10-28"));
  CHECK(back->part == DayPart::kAfternoon);

  // Same-day halves that do not touch: Wednesday afternoon vs the absence's Wednesday morning; Monday morning vs its
  // Monday afternoon. A full Monday does overlap.
  CHECK_FALSE(AbsencesOverlap(a, Make("2026-10-28", DayPart::kAfternoon, "2026-10-28", DayPart::kAfternoon)));
  CHECK_FALSE(AbsencesOverlap(a, Make("2026-10-26", DayPart::kMorning, "2026-10-26", DayPart::kMorning)));
  CHECK(AbsencesOverlap(a, Make("2026-10-26", DayPart::kFull, "2026-10-26", DayPart::kFull)));
  CHECK(AbsencesOverlap(a, Make("2026-10-27", DayPart::kFull, "2026-11-03", DayPart::kFull)));

  // Friday 2026-10-30 .. Monday 2026-11-02, full: Fri + Mon are working days = 2 days; back Tuesday 2026-11-03.
  const Absence weekend = Make("2026-10-30", DayPart::kFull, "2026-11-02", DayPart::kFull);
  CHECK(WorkingHalfDays(weekend, week) == 4);
  CHECK(ReturnDayOf(weekend, week)->day_number == Day("2026-11-03"));
  CHECK(ReturnDayOf(weekend, week)->part == DayPart::kMorning);

  // Someone working Monday–Thursday: a Friday off costs nothing; back after Thursday 2026-10-29 on Monday 2026-11-02.
  Result<WorkingHours> four_days = ParseWorkingHoursText(
      R"({"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]]})",
      "working_hours");
  REQUIRE_MESSAGE(four_days.ok(), (four_days.ok() ? "" : four_days.error().message));
  CHECK(WorkingHalfDays(Make("2026-10-30", DayPart::kFull, "2026-10-30", DayPart::kFull), *four_days) == 0);
  CHECK(ReturnDayOf(Make("2026-10-29", DayPart::kFull, "2026-10-29", DayPart::kFull), *four_days)->day_number ==
        Day("2026-11-02"));

  DayPart part = DayPart::kFull;
  CHECK(CoversDay(a, Day("2026-10-26"), &part));
  CHECK(part == DayPart::kAfternoon);
  CHECK(CoversDay(a, Day("2026-10-27"), &part));
  CHECK(part == DayPart::kFull);
  CHECK_FALSE(CoversDay(a, Day("2026-10-29"), &part));
}

TEST_CASE("HR absences: invalid shapes name their field") {
  CHECK(ValidateAbsenceShape(Make("2026-10-26", DayPart::kMorning, "2026-10-27", DayPart::kFull), "x").error().field ==
        "x.first_day_part");
  CHECK(ValidateAbsenceShape(Make("2026-10-26", DayPart::kFull, "2026-10-27", DayPart::kAfternoon), "x").error().field ==
        "x.last_day_part");
  CHECK(ValidateAbsenceShape(Make("2026-10-27", DayPart::kFull, "2026-10-26", DayPart::kFull), "x").error().field ==
        "x.last_day");
  CHECK(ValidateAbsenceShape(Make("2026-10-26", DayPart::kMorning, "2026-10-26", DayPart::kAfternoon), "x")
            .error()
            .field == "x.last_day_part");
  Absence bad_type = Make("2026-10-26", DayPart::kFull, "2026-10-26", DayPart::kFull);
  bad_type.type = "holiday";
  CHECK(ValidateAbsenceShape(bad_type, "x").error().field == "x.type");
  Absence bad_date = Make("2026-02-30", DayPart::kFull, "2026-03-01", DayPart::kFull);
  CHECK(ValidateAbsenceShape(bad_date, "x").error().field == "x.first_day");
  // Outside the supported range 1970-01-01 .. 2200-12-31 (docs/ENGINE.md "Conventions"): refused, naming the range.
  for (const auto& [first, last, field] : {std::tuple{"9999-12-30", "9999-12-31", "x.first_day"},
                                           std::tuple{"0000-01-01", "0000-01-02", "x.first_day"},
                                           std::tuple{"1969-12-31", "1970-01-01", "x.first_day"},
                                           std::tuple{"2200-12-31", "2201-01-01", "x.last_day"}}) {
    CAPTURE(first);
    const Result<bool> refused = ValidateAbsenceShape(Make(first, DayPart::kFull, last, DayPart::kFull), "x");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().field == field);
    CHECK(refused.error().message == std::string(field) + " is outside the supported range 1970-01-01 .. 2200-12-31 (UTC)");
  }
  CHECK(ValidateAbsenceShape(Make("2200-12-30", DayPart::kFull, "2200-12-31", DayPart::kFull), "x"));
  CHECK(ParseWorkingHoursText(R"({"mon":[["17:00","09:00"]]})", "employees[0].working_hours").error().field.rfind(
            "employees[0].working_hours", 0) == 0);
}

TEST_CASE("HR absences become out-of-office time: halves split at the middle of the working day, DST days exact") {
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const TimeZone* berlin = zones.Find("Europe/Berlin");
  REQUIRE(berlin != nullptr);
  const Interval window{At("2026-10-01T00:00:00Z"), At("2026-11-30T00:00:00Z")};
  // Sunday 2026-10-25 is the 25-hour day (CEST→CET at 03:00 local): local midnight is 2026-10-24T22:00Z (UTC+2),
  // the next local midnight 2026-10-25T23:00Z (UTC+1).
  std::vector<BusyEvent> busy =
      AbsencesToBusy({Make("2026-10-25", DayPart::kFull, "2026-10-25", DayPart::kFull)}, *berlin, DefaultWorkingHours(),
                     window);
  REQUIRE(busy.size() == 1);
  CHECK(busy[0].interval.start == At("2026-10-24T22:00:00Z"));
  CHECK(busy[0].interval.end == At("2026-10-25T23:00:00Z"));
  CHECK(busy[0].interval.length() == 25 * 3600);
  CHECK(busy[0].status == BusyStatus::kOutOfOffice);
  CHECK(BusyStatusName(busy[0].status) == "oof");

  // Monday 2026-10-26 morning with 09:00–17:00: midday 13:00 CET = 12:00Z; from local midnight 2026-10-25T23:00Z.
  busy = AbsencesToBusy({Make("2026-10-26", DayPart::kMorning, "2026-10-26", DayPart::kMorning)}, *berlin,
                        DefaultWorkingHours(), window);
  REQUIRE(busy.size() == 1);
  CHECK(busy[0].interval.start == At("2026-10-25T23:00:00Z"));
  CHECK(busy[0].interval.end == At("2026-10-26T12:00:00Z"));

  // Tuesday hours 08:00–16:30: midday (480 + 990) / 2 = 735 min = 12:15 CET = 11:15Z; afternoon runs to the next
  // local midnight, 2026-10-27T23:00Z.
  Result<WorkingHours> hours = ParseWorkingHoursText(R"({"tue":[["08:00","16:30"]]})", "working_hours");
  REQUIRE(hours.ok());
  busy = AbsencesToBusy({Make("2026-10-27", DayPart::kAfternoon, "2026-10-27", DayPart::kAfternoon)}, *berlin, *hours,
                        window);
  REQUIRE(busy.size() == 1);
  CHECK(busy[0].interval.start == At("2026-10-27T11:15:00Z"));
  CHECK(busy[0].interval.end == At("2026-10-27T23:00:00Z"));

  // Requested (not approved) absences do not block; the window clips.
  CHECK(AbsencesToBusy({Make("2026-10-26", DayPart::kFull, "2026-10-26", DayPart::kFull, AbsenceStatus::kRequested)},
                       *berlin, DefaultWorkingHours(), window)
            .empty());
  busy = AbsencesToBusy({Make("2026-10-26", DayPart::kFull, "2026-10-30", DayPart::kFull)}, *berlin,
                        DefaultWorkingHours(), Interval{At("2026-10-27T00:00:00Z"), At("2026-10-28T00:00:00Z")});
  REQUIRE(busy.size() == 1);
  CHECK(busy[0].interval == Interval{At("2026-10-27T00:00:00Z"), At("2026-10-28T00:00:00Z")});
}

TEST_CASE("HR planner: exactly one scheduled instant per local day through DST gaps and overlaps") {
  ZoneinfoDirectory zones("/usr/share/zoneinfo");
  const TimeZone* berlin = zones.Find("Europe/Berlin");
  const TimeZone* new_york = zones.Find("America/New_York");
  REQUIRE(berlin != nullptr);
  REQUIRE(new_york != nullptr);
  ChannelMapping m;
  m.id = "m1";
  m.time_of_day = 2 * 3600 + 30 * 60;  // 02:30, a time that DST nights skip or repeat
  m.weekdays = {0, 1, 2, 3, 4, 5, 6};
  // 2026-10-25: 02:30 occurs twice in Berlin (CEST 00:30Z, CET 01:30Z); the first occurrence counts.
  CHECK(ScheduledAt(m, Day("2026-10-25"), *berlin) == At("2026-10-25T00:30:00Z"));
  // 2026-03-29: 02:00–03:00 is skipped; 02:30 is read with the offset before the gap (UTC+1) = 01:30Z = 03:30 CEST.
  CHECK(ScheduledAt(m, Day("2026-03-29"), *berlin) == At("2026-03-29T01:30:00Z"));
  // New York 2026-11-01 at 01:30 (repeated): first occurrence EDT (UTC−4) = 05:30Z.
  ChannelMapping ny = m;
  ny.time_of_day = 3600 + 30 * 60;
  CHECK(ScheduledAt(ny, Day("2026-11-01"), *new_york) == At("2026-11-01T05:30:00Z"));

  std::vector<PlannerMapping> inputs = {{&m, berlin}};
  PostRecords records;
  CHECK(PlanDuePosts(inputs, records, At("2026-10-25T00:29:59Z")).empty());
  std::vector<DuePost> due = PlanDuePosts(inputs, records, At("2026-10-25T00:30:00Z"));
  REQUIRE(due.size() == 1);
  CHECK(due[0].local_day == "2026-10-25");
  CHECK(due[0].kind == DueKind::kFirst);
  // Posted at the first 02:30: when 02:30 comes round again (01:30Z) nothing is due.
  records[{"m1", "2026-10-25"}] = PostRecord{"m1", "2026-10-25", PostState::kPosted, 1, 0, "", "", 0, 0, 0};
  CHECK(PlanDuePosts(inputs, records, At("2026-10-25T01:30:00Z")).empty());
  // Downtime: still the same local day at 23:59 local (22:59Z, CET) → due late; the next local day starts at 23:00Z.
  records.clear();
  CHECK(PlanDuePosts(inputs, records, At("2026-10-25T22:59:00Z")).size() == 1);
  CHECK(PlanDuePosts(inputs, records, At("2026-10-25T23:00:00Z")).empty());  // 2026-10-26 00:00: not yet 02:30
  // An intent is recovered only after the lease; a retry only at next_attempt_at.
  records[{"m1", "2026-10-25"}] =
      PostRecord{"m1", "2026-10-25", PostState::kIntent, 1, 0, "", "", 0, 0, At("2026-10-25T10:00:00Z")};
  CHECK(PlanDuePosts(inputs, records, At("2026-10-25T10:01:59Z")).empty());
  REQUIRE(PlanDuePosts(inputs, records, At("2026-10-25T10:02:00Z")).size() == 1);
  CHECK(PlanDuePosts(inputs, records, At("2026-10-25T10:02:00Z"))[0].kind == DueKind::kRecover);
  records[{"m1", "2026-10-25"}] = PostRecord{"m1", "2026-10-25", PostState::kRetry, 1, At("2026-10-25T11:00:00Z"), "",
                                             "", 0, 0, 0};
  CHECK(PlanDuePosts(inputs, records, At("2026-10-25T10:59:59Z")).empty());
  CHECK(PlanDuePosts(inputs, records, At("2026-10-25T11:00:00Z"))[0].kind == DueKind::kRetry);
  // Weekdays and the enabled flag: a Monday-only mapping has nothing due on a Sunday.
  ChannelMapping monday = m;
  monday.weekdays = {1};
  CHECK(PlanDuePosts({{&monday, berlin}}, {}, At("2026-10-25T12:00:00Z")).empty());
  ChannelMapping off = m;
  off.enabled = false;
  CHECK(PlanDuePosts({{&off, berlin}}, {}, At("2026-10-25T12:00:00Z")).empty());
}

TEST_CASE("HR post throttle: 4 per second, 60 per 30 seconds, 100 per hour, 1800 per day") {
  PostThrottle throttle;
  for (int i = 0; i < 4; ++i) CHECK(throttle.TryAcquire("w", 1000));
  CHECK_FALSE(throttle.TryAcquire("w", 1000));  // the fifth in the same second
  CHECK(throttle.TryAcquire("other", 1000));    // per key
  // 4 per second for 15 seconds = 60 in [1000, 1014]: the 61st within 30 s waits until 1000 leaves the window (1030).
  for (std::int64_t t = 1001; t < 1015; ++t) {
    for (int i = 0; i < 4; ++i) REQUIRE(throttle.TryAcquire("w", t));
  }
  CHECK_FALSE(throttle.TryAcquire("w", 1015));
  CHECK_FALSE(throttle.TryAcquire("w", 1029));
  CHECK(throttle.TryAcquire("w", 1030));  // 4 posts at 1000 left the window (1000, 1030]
  // 100 per hour: 61 so far; 39 more spread out, then the 101st within the hour is refused.
  for (int i = 0; i < 39; ++i) REQUIRE(throttle.TryAcquire("w", 1100 + i * 10));
  CHECK_FALSE(throttle.TryAcquire("w", 1100 + 39 * 10));
  CHECK(throttle.TryAcquire("w", 1000 + 3600));  // the 4 at 1000 are an hour old
}

TEST_CASE("HR Teams signature: HMAC-SHA256 of the raw body with the base64-decoded token, as openssl computes it") {
  const std::string token_text = "secret-teams-token-123456";
  const std::string token = crypto::Base64Encode(token_text);
  const std::string body = R"({"type":"message","id":"1","text":"hi"})";
  const std::string expected_hex = slotwise::testing::OpensslHmacSha256HexKey(crypto::HexEncode(token_text), body);
  const std::string expected = "HMAC " + crypto::Base64Encode(crypto::HexDecode(expected_hex).value());
  CHECK(VerifyTeamsRequest(expected, body, token).ok());
  CHECK(VerifyTeamsRequest("hmac " + expected.substr(5), body, token).ok());  // scheme is case-insensitive
  CHECK(VerifyTeamsRequest(expected, body + " ", token).error().code == "invalid_signature");
  CHECK(VerifyTeamsRequest(expected, body, crypto::Base64Encode("another-token")).error().code == "invalid_signature");
  CHECK(VerifyTeamsRequest("", body, token).error().code == "missing_signature");
  CHECK(VerifyTeamsRequest("Bearer " + expected.substr(5), body, token).error().code == "missing_signature");
  CHECK(VerifyTeamsRequest("HMAC !!!", body, token).error().code == "invalid_signature");
}

TEST_CASE("HR texts exist in every language and de/nl/ja carry no English words") {
  const std::vector<std::string> english = {"Daily update", "Absent", "back on", "afternoon", "morning", "Birthday",
                                            "anniversar", "joiner", "request", "received", "waiting", "approval",
                                            "Substitute", "Duration", "First day", "Last day", "interview", "You ",
                                            "Please", "full day", "working day", "year", "Vacation", "Sick",
                                            "Monday", "Sunday", "October", "December", "January", "March"};
  for (Locale locale : {Locale::kEn, Locale::kDe, Locale::kNl, Locale::kJa}) {
    for (int id = 0; id <= static_cast<int>(TextId::kRefusedInvalid); ++id) {
      const std::string text = Text(static_cast<TextId>(id), locale, {"X", "Y"});
      CHECK_MESSAGE(!text.empty(), "text " << id << " is empty in " << invites::LocaleTag(locale));
      if (locale == Locale::kEn) continue;
      for (const std::string& word : english) {
        CHECK_MESSAGE(text.find(word) == std::string::npos,
                      "\"" << text << "\" (" << invites::LocaleTag(locale) << ") contains \"" << word << "\"");
      }
    }
  }
  // Dates and numbers per language (2026-10-26 is a Monday).
  CHECK(FormatDay(Day("2026-10-26"), Locale::kEn) == "Monday, 26 October 2026");
  CHECK(FormatDay(Day("2026-10-26"), Locale::kDe) == "Montag, 26. Oktober 2026");
  CHECK(FormatDay(Day("2026-10-26"), Locale::kNl) == "maandag 26 oktober 2026");
  CHECK(FormatDay(Day("2026-10-26"), Locale::kJa) == "2026年10月26日(月)");
  CHECK(FormatWorkingDays(5, Locale::kDe) == "2,5 Arbeitstage");
  CHECK(FormatWorkingDays(2, Locale::kNl) == "1 werkdag");
  CHECK(FormatWorkingDays(3, Locale::kJa) == "1.5営業日");
  CHECK(FormatYears(1, Locale::kDe) == "1 Jahr");
  CHECK(FormatYears(5, Locale::kEn) == "5 years");
  CHECK(FullName("Ken", "Sato", Locale::kJa) == "Sato Ken");
}

TEST_CASE("HR texts: the languages only the e-mails speak (fr, es, it, pt, zh, ko) get English, dates included") {
  for (Locale locale : {Locale::kEn, Locale::kDe, Locale::kNl, Locale::kJa}) CHECK(HrLocale(locale) == locale);
  for (Locale locale : {Locale::kFr, Locale::kEs, Locale::kIt, Locale::kPt, Locale::kZh, Locale::kKo}) {
    CAPTURE(invites::LocaleTag(locale));
    CHECK(HrLocale(locale) == Locale::kEn);
    for (int id = 0; id <= static_cast<int>(TextId::kRefusedInvalid); ++id) {
      CHECK(Text(static_cast<TextId>(id), locale, {"X", "Y"}) == Text(static_cast<TextId>(id), Locale::kEn, {"X", "Y"}));
    }
    CHECK(FormatDay(Day("2026-10-26"), locale) == "Monday, 26 October 2026");  // not "lundi 26 octobre 2026"
    CHECK(FormatWorkingDays(5, locale) == "2.5 working days");
    CHECK(FormatYears(1, locale) == "1 year");
    CHECK(AbsenceTypeLabel("sick_leave", locale) == "Sick leave");
    CHECK(FullName("Minjun", "Kim", locale) == "Minjun Kim");
  }
}

TEST_CASE("HR attributes: the preset, unknown names, and reads that leave out what is not granted") {
  Result<std::vector<std::string>> preset = ParseAttributeList(nlohmann::json::array({"microsoft_teams"}), "attributes");
  REQUIRE(preset.ok());
  // The ten of docs/PRODUCT.md R003.3: first/last name, e-mail, termination/hire date,
  // position, status, office, department, team.
  CHECK(std::set<std::string>(preset->begin(), preset->end()) ==
        std::set<std::string>{"first_name", "last_name", "email", "termination_date", "hire_date", "position",
                              "status", "office", "department", "team"});
  CHECK(ParseAttributeList(nlohmann::json::array({"email", "salary"}), "attributes").error().field == "attributes[1]");
  CHECK(ParseAttributeList(nlohmann::json::array(), "attributes").error().field == "attributes");
  Employee e;
  e.id = "e1";
  e.email = "a@b.example";
  e.first_name = "Anna";
  const nlohmann::json cut = EmployeeJson(e, AttributeSet({"first_name"}));
  CHECK(cut == nlohmann::json({{"id", "e1"}, {"first_name", "Anna"}}));
  CHECK(CheckWritable({{"email", "x@y.example"}}, AttributeSet({"first_name"}), "").error().code ==
        "attribute_not_allowed");
  CHECK(CheckWritable({{"salary", 1}}, AttributeSet({"first_name"}), "").error().code == "invalid_request");
}

TEST_CASE("HR credentials: swhr_<16 hex>_<43 base64url>, distinct from API keys") {
  const GeneratedHrCredential credential = GenerateHrCredential();
  CHECK(credential.plaintext.size() == 65);  // 5 + 16 + 1 + 43
  CHECK(credential.plaintext.rfind("swhr_" + credential.credential_id + "_", 0) == 0);
  CHECK(ParseHrCredential(credential.plaintext).value() == credential.credential_id);
  CHECK(credential.secret_hash == slotwise::testing::OpensslSha256Hex(credential.plaintext));
  CHECK_FALSE(ParseHrCredential("swk_" + credential.plaintext.substr(5)).ok());
  CHECK_FALSE(ParseHrCredential(credential.plaintext.substr(0, 64)).ok());
}

}  // namespace
}  // namespace slotwise::hr
