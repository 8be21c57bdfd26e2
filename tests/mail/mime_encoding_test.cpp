// Tests for the MIME building blocks (backend/mail/mime_encoding.h). base64 is decoded by the openssl CLI.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "mail/mime_encoding.h"
#include "support/openssl_cli.h"

namespace slotwise::mail {
namespace {

std::vector<std::string> SplitFolds(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    const std::size_t fold = text.find("\r\n", start);
    lines.push_back(text.substr(start, fold == std::string::npos ? std::string::npos : fold - start));
    if (fold == std::string::npos) return lines;
    start = fold + 2;
  }
}

// Decodes "=?UTF-8?B?…?=" words separated by folds; checks each word's shape, length and self-containedness.
std::string DecodeWords(const std::string& encoded) {
  std::string decoded;
  for (std::string word : SplitFolds(encoded)) {
    if (!word.empty() && word.front() == ' ') word.erase(0, 1);
    CHECK(word.size() <= 75);
    REQUIRE(word.rfind("=?UTF-8?B?", 0) == 0);
    REQUIRE(word.size() >= 12);
    REQUIRE(word.substr(word.size() - 2) == "?=");
    const std::string bytes = slotwise::testing::OpensslBase64Decode(word.substr(10, word.size() - 12));
    // Self-contained: no word starts with a continuation byte or ends inside a sequence.
    REQUIRE_FALSE(bytes.empty());
    CHECK((static_cast<unsigned char>(bytes.front()) & 0xc0u) != 0x80u);
    std::size_t last_lead = bytes.size() - 1;
    while (last_lead > 0 && (static_cast<unsigned char>(bytes[last_lead]) & 0xc0u) == 0x80u) --last_lead;
    const auto lead = static_cast<unsigned char>(bytes[last_lead]);
    const std::size_t expected = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    CHECK(bytes.size() - last_lead == expected);
    decoded += bytes;
  }
  return decoded;
}

}  // namespace

TEST_CASE("MIME: encoded-words decode back to the text, stay within 75 characters and never split a character") {
  std::string long_mixed;
  for (int i = 0; i < 40; ++i) long_mixed += "Entretien avec Zoë — 面接 🎉 ";
  for (const std::string& text : {std::string("Zoë"), std::string("Entretien — Zoë Müller"),
                                  std::string("面接の日程調整のお知らせ：エンジニア職（東京オフィス）"),
                                  std::string("🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉"), long_mixed}) {
    CAPTURE(text);
    for (std::size_t used : {std::size_t{0}, std::size_t{9}, std::size_t{60}}) {
      const std::string encoded = EncodeWords(text, used);
      CHECK(DecodeWords(encoded) == text);
      const std::vector<std::string> lines = SplitFolds(encoded);
      for (std::size_t i = 1; i < lines.size(); ++i) CHECK(lines[i].size() <= 78);
      if (used <= 54) CHECK(used + lines.front().size() <= 78);
    }
  }
  CHECK(EncodeWords("", 9).empty());
}

TEST_CASE("MIME: ASCII subjects are folded at spaces, anything else is encoded") {
  const std::string subject =
      "Your interview for Senior Backend Engineer (Payments Platform) is confirmed for Tuesday 14 November at 10:00";
  const std::string folded = EncodeUnstructured(subject, 9);
  CHECK(folded.find("=?") == std::string::npos);
  std::string unfolded = folded;
  for (std::size_t fold; (fold = unfolded.find("\r\n")) != std::string::npos;) unfolded.erase(fold, 2);
  CHECK(unfolded == subject);
  const std::vector<std::string> lines = SplitFolds(folded);
  CHECK(lines.size() > 1);
  CHECK(9 + lines.front().size() <= 78);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    CHECK(lines[i].size() <= 78);
    CHECK(lines[i].front() == ' ');
  }
  CHECK(EncodeUnstructured("Short", 9) == "Short");
  // Text that looks like an encoded-word, control characters and overlong words are encoded.
  CHECK(EncodeUnstructured("=?UTF-8?B?eA==?=", 9).rfind("=?UTF-8?B?", 0) == 0);
  CHECK(DecodeWords(EncodeUnstructured("=?UTF-8?B?eA==?=", 9)) == "=?UTF-8?B?eA==?=");
  const std::string long_word(2000, 'x');
  const std::string encoded = EncodeUnstructured(long_word, 9);
  CHECK(DecodeWords(encoded) == long_word);
}

TEST_CASE("MIME: display names are atoms, quoted strings or encoded-words") {
  CHECK(EncodePhrase("Jane Doe", 6) == "Jane Doe");
  CHECK(EncodePhrase("Doe, Jane", 6) == "\"Doe, Jane\"");
  CHECK(EncodePhrase("J. \"JD\" Doe \\ Co", 6) == "\"J. \\\"JD\\\" Doe \\\\ Co\"");
  CHECK(EncodePhrase(" padded", 6) == "\" padded\"");
  const std::string encoded = EncodePhrase("Zoë Müller", 6);
  CHECK(encoded.rfind("=?UTF-8?B?", 0) == 0);
  CHECK(DecodeWords(encoded) == "Zoë Müller");
}

TEST_CASE("MIME: base64 bodies are wrapped at 76 characters and decode back") {
  std::string bytes;
  for (int i = 0; i < 1000; ++i) bytes += static_cast<char>(i * 7 % 256);
  const std::string encoded = Base64Lines(bytes);
  const std::vector<std::string> lines = SplitFolds(encoded);
  REQUIRE(lines.back().empty());  // ends with CRLF
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    CHECK(lines[i].size() <= 76);
    if (i + 2 < lines.size()) CHECK(lines[i].size() == 76);
  }
  CHECK(slotwise::testing::OpensslBase64Decode(encoded) == bytes);
  CHECK(Base64Lines("").empty());
}

TEST_CASE("MIME: text is put in canonical CRLF form") {
  CHECK(ToCrlf("a\nb\r\nc\rd\n\n") == "a\r\nb\r\nc\r\nd\r\n\r\n");
  CHECK(ToCrlf("\r\r\n") == "\r\n\r\n");
  CHECK(ToCrlf("no breaks") == "no breaks");
}

TEST_CASE("MIME: dates are RFC 5322 in UTC") {
  // Expected values printed by `date -u -R -d @<seconds>`.
  CHECK(FormatRfc5322Date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
  CHECK(FormatRfc5322Date(1700000000) == "Tue, 14 Nov 2023 22:13:20 +0000");
  CHECK(FormatRfc5322Date(951782400) == "Tue, 29 Feb 2000 00:00:00 +0000");
}

TEST_CASE("MIME: UTF-8 validation") {
  CHECK(IsValidUtf8("plain"));
  CHECK(IsValidUtf8("Zoë 面接 🎉"));
  CHECK_FALSE(IsValidUtf8("\xc3"));              // truncated
  CHECK_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong
  CHECK_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  CHECK_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(IsValidUtf8("\x80"));
}

}  // namespace slotwise::mail
