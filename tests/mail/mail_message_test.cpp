// Tests for RenderMessage (backend/mail/mail_message.h): headers, encoded-words, MIME structure, injection guards.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "mail/mail_message.h"
#include "support/openssl_cli.h"

namespace slotwise::mail {
namespace {

constexpr const char* kIcs =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Slotwise//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    "UID:abc@slotwise\r\nSUMMARY:Entretien — Zoë\r\nDTSTART:20231114T100000Z\r\nDTEND:20231114T110000Z\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";

MailMessage Sample() {
  MailMessage message;
  message.from = {"Slotwise", "interviews@example.com"};
  message.to = {{"Jane Doe", "jane@example.org"}, {"", "hiring@example.com"}};
  message.subject = "Your interview is confirmed";
  message.text_body = "Hello Jane,\nsee you on Tuesday.\n";
  message.message_id = "<booking-42@example.com>";
  message.date = 1700000000;
  return message;
}

std::string RenderOk(const MailMessage& message) {
  Result<std::string> rendered = RenderMessage(message);
  REQUIRE_MESSAGE(rendered.ok(), (rendered.ok() ? "" : rendered.error().field + ": " + rendered.error().message));
  return rendered.value();
}

struct Parsed {
  std::vector<std::pair<std::string, std::string>> headers;  // unfolded
  std::string body;
  std::string Header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return "";
  }
};

// Splits an entity at its first blank line and unfolds its headers.
Parsed Parse(const std::string& entity) {
  const std::size_t blank = entity.find("\r\n\r\n");
  REQUIRE(blank != std::string::npos);
  Parsed parsed;
  parsed.body = entity.substr(blank + 4);
  std::string head = entity.substr(0, blank);
  for (std::size_t fold; (fold = head.find("\r\n ")) != std::string::npos;) head.erase(fold, 2);
  std::size_t start = 0;
  while (start <= head.size()) {
    std::size_t end = head.find("\r\n", start);
    if (end == std::string::npos) end = head.size();
    const std::string line = head.substr(start, end - start);
    const std::size_t colon = line.find(": ");
    REQUIRE_MESSAGE(colon != std::string::npos, "not a header line: " << line);
    parsed.headers.emplace_back(line.substr(0, colon), line.substr(colon + 2));
    start = end + 2;
  }
  return parsed;
}

// The value of `param="…"` in a Content-Type.
std::string Param(const std::string& content_type, const std::string& param) {
  const std::size_t at = content_type.find(param + "=\"");
  REQUIRE(at != std::string::npos);
  const std::size_t start = at + param.size() + 2;
  return content_type.substr(start, content_type.find('"', start) - start);
}

// The parts between "--boundary" delimiter lines (preamble and epilogue dropped).
std::vector<std::string> Parts(const std::string& body, const std::string& boundary) {
  std::vector<std::string> parts;
  const std::string delimiter = "--" + boundary;
  std::size_t at = body.find(delimiter + "\r\n");
  REQUIRE(at != std::string::npos);
  while (true) {
    const std::size_t start = at + delimiter.size() + 2;
    const std::size_t next = body.find("\r\n" + delimiter, start);
    REQUIRE(next != std::string::npos);
    parts.push_back(body.substr(start, next - start));
    at = next + 2;
    if (body.compare(at + delimiter.size(), 2, "--") == 0) break;
  }
  return parts;
}

void CheckLines(const std::string& rendered) {
  std::size_t start = 0;
  while (start < rendered.size()) {
    const std::size_t end = rendered.find("\r\n", start);
    REQUIRE_MESSAGE(end != std::string::npos, "the message does not end with CRLF");
    const std::string line = rendered.substr(start, end - start);
    CHECK(line.size() <= 998);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find('\r') == std::string::npos);
    start = end + 2;
  }
  CHECK(std::all_of(rendered.begin(), rendered.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; }));
}

std::string DecodeEncodedWords(const std::string& value) {
  std::string decoded;
  std::size_t at = 0;
  while ((at = value.find("=?UTF-8?B?", at)) != std::string::npos) {
    const std::size_t end = value.find("?=", at + 10);
    REQUIRE(end != std::string::npos);
    CHECK(end + 2 - at <= 75);
    decoded += slotwise::testing::OpensslBase64Decode(value.substr(at + 10, end - at - 10));
    at = end + 2;
  }
  return decoded;
}

}  // namespace

TEST_CASE("Mail: a plain message has the standard headers and a base64 text/plain body") {
  const std::string rendered = RenderOk(Sample());
  CheckLines(rendered);
  const Parsed parsed = Parse(rendered);
  CHECK(parsed.Header("Date") == "Tue, 14 Nov 2023 22:13:20 +0000");
  CHECK(parsed.Header("From") == "Slotwise <interviews@example.com>");
  CHECK(parsed.Header("To") == "Jane Doe <jane@example.org>, hiring@example.com");
  CHECK(parsed.Header("Subject") == "Your interview is confirmed");
  CHECK(parsed.Header("Message-ID") == "<booking-42@example.com>");
  CHECK(parsed.Header("MIME-Version") == "1.0");
  CHECK(parsed.Header("Content-Type") == "text/plain; charset=UTF-8");
  CHECK(parsed.Header("Content-Transfer-Encoding") == "base64");
  // The body is canonicalised to CRLF before encoding.
  CHECK(slotwise::testing::OpensslBase64Decode(parsed.body) == "Hello Jane,\r\nsee you on Tuesday.\r\n");
}

TEST_CASE("Mail: UTF-8 subjects and display names become encoded-words that decode back") {
  MailMessage message = Sample();
  message.subject = "Entretien confirmé — Zoë Müller, mardi 14 novembre à 10:00 (面接の確認) 🎉 ";
  message.from.name = "Équipe Recrutement";
  message.to[0].name = "Zoë Müller";
  const std::string rendered = RenderOk(message);
  CheckLines(rendered);
  const Parsed parsed = Parse(rendered);
  CHECK(DecodeEncodedWords(parsed.Header("Subject")) == message.subject);
  CHECK(DecodeEncodedWords(parsed.Header("From")) == "Équipe Recrutement");
  CHECK(parsed.Header("From").find(" <interviews@example.com>") != std::string::npos);
  const std::string to = parsed.Header("To");
  CHECK(DecodeEncodedWords(to.substr(0, to.find('<'))) == "Zoë Müller");
  CHECK(to.find("<jane@example.org>, hiring@example.com") != std::string::npos);
}

TEST_CASE("Mail: CR or LF in addresses, names, subject or other header text is refused") {
  struct Case {
    const char* field;
    void (*spoil)(MailMessage&);
  };
  const Case cases[] = {
      {"from.name", [](MailMessage& m) { m.from.name = "Evil\r\nBcc: victim@example.net"; }},
      {"from.email", [](MailMessage& m) { m.from.email = "a@example.com\nBcc: x@y.z"; }},
      {"to[1].name", [](MailMessage& m) { m.to[1].name = "x\ny"; }},
      {"to[1].email", [](MailMessage& m) { m.to[1].email = "b@example.com\r\n"; }},
      {"subject", [](MailMessage& m) { m.subject = "Hi\r\nBcc: victim@example.net"; }},
      {"subject", [](MailMessage& m) { m.subject = "only a CR\r"; }},
      {"message_id", [](MailMessage& m) { m.message_id = "<a@b>\r\nX: y"; }},
      {"extra_headers[0].value",
       [](MailMessage& m) {
         m.extra_headers = {{"Reply-To", "a@b.c\r\nBcc: d@e.f"}};
       }},
      {"extra_headers[0].name",
       [](MailMessage& m) {
         m.extra_headers = {{"X\nY", "v"}};
       }},
      {"calendar.method",
       [](MailMessage& m) {
         m.calendar = CalendarPart{"REQUEST\r\nX: y", kIcs};
       }},
  };
  for (const Case& item : cases) {
    CAPTURE(item.field);
    MailMessage message = Sample();
    item.spoil(message);
    Result<std::string> rendered = RenderMessage(message);
    REQUIRE_FALSE(rendered.ok());
    CHECK(rendered.error().code == "header_injection");
    CHECK(rendered.error().field == item.field);
  }
}

TEST_CASE("Mail: other malformed input is refused with the field named") {
  struct Case {
    const char* field;
    void (*spoil)(MailMessage&);
  };
  const Case cases[] = {
      {"to", [](MailMessage& m) { m.to.clear(); }},
      {"from.email", [](MailMessage& m) { m.from.email = "no-at-sign"; }},
      {"to[0].email", [](MailMessage& m) { m.to[0].email = "Jane <jane@example.org>"; }},
      {"to[0].email", [](MailMessage& m) { m.to[0].email = "zoë@example.org"; }},
      {"subject", [](MailMessage& m) { m.subject = "bad \xc3 utf-8"; }},
      {"subject", [](MailMessage& m) { m.subject = std::string("nul \0 inside", 12); }},
      {"text_body", [](MailMessage& m) { m.text_body = "\xff"; }},
      {"message_id", [](MailMessage& m) { m.message_id = "no-at-sign"; }},
      {"extra_headers[0].name",
       [](MailMessage& m) {
         m.extra_headers = {{"Bcc", "x@y.z"}};
       }},
      {"extra_headers[0].name",
       [](MailMessage& m) {
         m.extra_headers = {{"content-type", "text/html"}};
       }},
      {"extra_headers[0].value",
       [](MailMessage& m) {
         m.extra_headers = {{"X-Name", "Zoë"}};
       }},
      {"calendar.method",
       [](MailMessage& m) {
         m.calendar = CalendarPart{"request", kIcs};
       }},
  };
  for (const Case& item : cases) {
    CAPTURE(item.field);
    MailMessage message = Sample();
    item.spoil(message);
    Result<std::string> rendered = RenderMessage(message);
    REQUIRE_FALSE(rendered.ok());
    CHECK(rendered.error().code == "invalid_message");
    CHECK(rendered.error().field == item.field);
  }
}

TEST_CASE("Mail: an invitation is text + calendar alternatives plus an invite.ics attachment") {
  MailMessage message = Sample();
  message.calendar = CalendarPart{"REQUEST", kIcs};
  message.extra_headers = {{"Auto-Submitted", "auto-generated"}};
  const std::string rendered = RenderOk(message);
  CheckLines(rendered);
  const Parsed top = Parse(rendered);
  CHECK(top.Header("Auto-Submitted") == "auto-generated");
  const std::string mixed_type = top.Header("Content-Type");
  REQUIRE(mixed_type.rfind("multipart/mixed; boundary=\"", 0) == 0);
  const std::string mixed = Param(mixed_type, "boundary");
  CHECK(mixed.size() <= 70);

  const std::vector<std::string> outer = Parts(top.body, mixed);
  REQUIRE(outer.size() == 2);
  const Parsed alternative_entity = Parse(outer[0]);
  const std::string alternative_type = alternative_entity.Header("Content-Type");
  REQUIRE(alternative_type.rfind("multipart/alternative; boundary=\"", 0) == 0);
  const std::string alternative = Param(alternative_type, "boundary");
  CHECK(alternative != mixed);

  const std::vector<std::string> inner = Parts(alternative_entity.body, alternative);
  REQUIRE(inner.size() == 2);
  const Parsed text = Parse(inner[0]);
  CHECK(text.Header("Content-Type") == "text/plain; charset=UTF-8");
  CHECK(slotwise::testing::OpensslBase64Decode(text.body) == "Hello Jane,\r\nsee you on Tuesday.\r\n");
  const Parsed calendar = Parse(inner[1]);
  CHECK(calendar.Header("Content-Type") == "text/calendar; charset=UTF-8; method=REQUEST");
  CHECK(calendar.Header("Content-Transfer-Encoding") == "base64");
  CHECK(slotwise::testing::OpensslBase64Decode(calendar.body) == kIcs);

  const Parsed attachment = Parse(outer[1]);
  CHECK(attachment.Header("Content-Type") == "application/ics; name=\"invite.ics\"");
  CHECK(attachment.Header("Content-Disposition") == "attachment; filename=\"invite.ics\"");
  CHECK(slotwise::testing::OpensslBase64Decode(attachment.body) == kIcs);

  // Boundaries occur only as delimiter lines: 2 + closing for each, and never inside a part's content.
  for (const std::string* part : {&text.body, &calendar.body, &attachment.body}) {
    CHECK(part->find(mixed) == std::string::npos);
    CHECK(part->find(alternative) == std::string::npos);
  }
  std::size_t count = 0;
  for (std::size_t at = 0; (at = rendered.find(mixed, at)) != std::string::npos; at += mixed.size()) ++count;
  CHECK(count == 4);  // the Content-Type parameter, two delimiters, the close delimiter
}

TEST_CASE("Mail: boundaries are fresh for every message") {
  MailMessage message = Sample();
  message.calendar = CalendarPart{"CANCEL", kIcs};
  const std::string first = Param(Parse(RenderOk(message)).Header("Content-Type"), "boundary");
  const std::string second = Param(Parse(RenderOk(message)).Header("Content-Type"), "boundary");
  CHECK(first != second);
}

TEST_CASE("Mail: long subjects, many recipients and long body lines keep every line within 998 characters") {
  MailMessage message = Sample();
  message.subject = std::string(3000, 'S');
  message.text_body = std::string(20000, 'b');
  message.to.clear();
  for (int i = 0; i < 60; ++i)
    message.to.push_back({"Recipient Number " + std::to_string(i), "r" + std::to_string(i) + "@example.com"});
  message.to.push_back({std::string(300, 'N'), "long-name@example.com"});
  message.calendar = CalendarPart{"REQUEST", std::string(5000, 'c')};
  const std::string rendered = RenderOk(message);
  CheckLines(rendered);
  CHECK(DecodeEncodedWords(Parse(rendered).Header("Subject")) == message.subject);
}

TEST_CASE("Mail: a missing Message-ID is generated at the sender's domain; a bare one gets brackets") {
  MailMessage message = Sample();
  message.message_id.clear();
  const std::string generated = Parse(RenderOk(message)).Header("Message-ID");
  CHECK(generated.front() == '<');
  CHECK(generated.size() > std::string("<@example.com>").size());
  CHECK(generated.substr(generated.size() - 13) == "@example.com>");
  CHECK(generated != Parse(RenderOk(message)).Header("Message-ID"));
  message.message_id = "x1@example.com";
  CHECK(Parse(RenderOk(message)).Header("Message-ID") == "<x1@example.com>");
}

}  // namespace slotwise::mail
