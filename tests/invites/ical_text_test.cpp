// Tests for backend/invites/ical_text: TEXT escaping, parameter quoting, folding at 75 octets, DATE-TIME and
// UTC-OFFSET values.
#include <doctest/doctest.h>

#include <string>

#include "invites/ical_text.h"

using namespace slotwise::invites;

namespace {

std::string Repeat(const std::string& piece, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("ICalText: TEXT values escape backslash, semicolon, comma and line breaks") {
  CHECK(EscapeText("a\\b;c,d") == "a\\\\b\\;c\\,d");
  CHECK(EscapeText("line 1\nline 2\r\nline 3\rline 4") == "line 1\\nline 2\\nline 3\\nline 4");
  CHECK(EscapeText("tab\there") == "tab\there");                  // HTAB is allowed in TEXT
  CHECK(EscapeText(std::string("nul\0bell\a", 9)) == "nulbell");  // other controls are dropped
  CHECK(EscapeText("Zoom: https://x.test/j/1?pwd=a") == "Zoom: https://x.test/j/1?pwd=a");  // ':' needs no escape
  CHECK(EscapeText("山田 太郎") == "山田 太郎");
}

TEST_CASE("ICalText: parameter values are quoted when they hold : ; , and lose DQUOTEs") {
  CHECK(QuoteParameter("Jane Doe") == "Jane Doe");
  CHECK(QuoteParameter("Doe, Jane") == "\"Doe, Jane\"");
  CHECK(QuoteParameter("a;b") == "\"a;b\"");
  CHECK(QuoteParameter("Dr: Who") == "\"Dr: Who\"");
  CHECK(QuoteParameter("Jane \"JJ\" Doe") == "Jane JJ Doe");
  CHECK(QuoteParameter("\"Smith, Bob\"") == "\"Smith, Bob\"");
  CHECK(QuoteParameter("two\r\nlines") == "two  lines");
  CHECK(QuoteParameter("山田 太郎") == "山田 太郎");
}

TEST_CASE("ICalText: a line of exactly 75 octets is not folded, 76 is") {
  const std::string line75 = "SUMMARY:" + std::string(67, 'x');
  REQUIRE(line75.size() == 75);
  CHECK(FoldLine(line75) == line75 + "\r\n");
  const std::string line76 = line75 + "y";
  CHECK(FoldLine(line76) == line75 + "\r\n y\r\n");
  // Continuation lines hold 74 octets after their leading space: 75 + 74 + 1.
  const std::string line150 = "SUMMARY:" + std::string(142, 'z');
  CHECK(FoldLine(line150) ==
        line150.substr(0, 75) + "\r\n " + line150.substr(75, 74) + "\r\n " + line150.substr(149) + "\r\n");
}

TEST_CASE("ICalText: folding never splits a UTF-8 sequence (Japanese, 3 octets each)") {
  // "SUMMARY:" is 8 octets; 22 characters make 74, the 23rd would end at octet 77: it moves to the next line.
  const std::string name = Repeat("面", 30);
  const std::string folded = FoldLine("SUMMARY:" + name);
  CHECK(folded == "SUMMARY:" + Repeat("面", 22) + "\r\n " + Repeat("面", 8) + "\r\n");

  // With one ASCII octet more, 9 + 22 * 3 = 75 fills the first line exactly.
  CHECK(FoldLine("SUMMARY:x" + name) == "SUMMARY:x" + Repeat("面", 22) + "\r\n " + Repeat("面", 8) + "\r\n");

  // 4-octet sequences (emoji) and 2-octet ones (umlauts) too: every physical line <= 75 octets, none starts with a
  // continuation byte, and unfolding gives the line back.
  const std::string mixed = "DESCRIPTION:" + Repeat("Grüße 🙂 山田 ", 40);
  const std::string out = FoldLine(mixed);
  std::string unfolded;
  std::size_t pos = 0;
  bool first = true;
  while (pos < out.size()) {
    const std::size_t crlf = out.find("\r\n", pos);
    REQUIRE(crlf != std::string::npos);
    std::string physical = out.substr(pos, crlf - pos);
    CHECK(physical.size() <= 75);
    if (!first) {
      REQUIRE(!physical.empty());
      CHECK(physical[0] == ' ');
      physical.erase(0, 1);
    }
    REQUIRE(!physical.empty());
    CHECK((static_cast<unsigned char>(physical[0]) & 0xC0) != 0x80);
    unfolded += physical;
    first = false;
    pos = crlf + 2;
  }
  CHECK(unfolded == mixed);
}

TEST_CASE("ICalText: DATE-TIME and UTC-OFFSET values") {
  CHECK(FormatUtcDateTime(0) == "19700101T000000Z");
  CHECK(FormatUtcDateTime(1796116500) == "20261201T091500Z");  // 2026-12-01 09:15:00 UTC
  CHECK(FormatLocalDateTime(1796116500 + 3600) == "20261201T101500");
  CHECK(FormatUtcOffset(3600) == "+0100");
  CHECK(FormatUtcOffset(-5 * 3600) == "-0500");
  CHECK(FormatUtcOffset(5 * 3600 + 1800) == "+0530");
  CHECK(FormatUtcOffset(-(3 * 3600 + 1800)) == "-0330");
  CHECK(FormatUtcOffset(0) == "+0000");
  CHECK(FormatUtcOffset(3208) == "+005328");  // Berlin's local mean time
}
