// ical_text.cpp — RFC 5545 content-line text (see ical_text.h).
#include "invites/ical_text.h"

#include <cassert>
#include <cstdio>
#include <cstdlib>

namespace slotwise::invites {

namespace {

bool IsControl(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

bool IsContinuationByte(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

}  // namespace

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF is one line break
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += c;
        break;
      default:
        if (!IsControl(static_cast<unsigned char>(c))) out += c;
    }
  }
  return out;
}

std::string QuoteParameter(std::string_view value) {
  std::string cleaned;
  cleaned.reserve(value.size());
  bool needs_quotes = false;
  for (const char c : value) {
    if (c == '"') continue;
    if (IsControl(static_cast<unsigned char>(c))) {
      cleaned += ' ';
      continue;
    }
    if (c == ':' || c == ';' || c == ',') needs_quotes = true;
    cleaned += c;
  }
  return needs_quotes ? "\"" + cleaned + "\"" : cleaned;
}

std::string FoldLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + (line.size() / (kMaxLineOctets - 1) + 1) * 3);
  std::size_t pos = 0;
  std::size_t budget = kMaxLineOctets;  // octets the current physical line may still take
  while (line.size() - pos > budget) {
    std::size_t cut = pos + budget;
    // Back off to the start of a UTF-8 sequence (at most 3 continuation bytes in valid UTF-8).
    std::size_t back = cut;
    while (back > pos && IsContinuationByte(static_cast<unsigned char>(line[back])) && cut - back < 3) --back;
    if (back > pos && !IsContinuationByte(static_cast<unsigned char>(line[back]))) cut = back;
    out.append(line.substr(pos, cut - pos));
    out += kCrlf;
    out += ' ';
    pos = cut;
    budget = kMaxLineOctets - 1;  // the leading space counts
  }
  out.append(line.substr(pos));
  out += kCrlf;
  return out;
}

std::string FormatLocalDateTime(std::int64_t local_seconds) {
  const LocalDateTime local = FromLocalSeconds(local_seconds);
  assert(local.date.year >= 0 && local.date.year <= 9999 && "FormatLocalDateTime: year outside 0..9999");
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02d%02dT%02d%02d%02d", static_cast<int>(local.date.year),
                static_cast<int>(local.date.month), static_cast<int>(local.date.day),
                static_cast<int>(local.second_of_day / 3600), static_cast<int>(local.second_of_day / 60 % 60),
                static_cast<int>(local.second_of_day % 60));
  return text;
}

std::string FormatUtcDateTime(Instant instant) {
  return FormatLocalDateTime(instant) + "Z";
}

std::string FormatUtcOffset(std::int32_t offset_seconds) {
  const char sign = offset_seconds < 0 ? '-' : '+';
  const std::int64_t magnitude = std::llabs(static_cast<long long>(offset_seconds));
  const int hours = static_cast<int>(magnitude / 3600);
  const int minutes = static_cast<int>(magnitude / 60 % 60);
  const int seconds = static_cast<int>(magnitude % 60);
  char text[16];
  if (seconds != 0) {
    std::snprintf(text, sizeof text, "%c%02d%02d%02d", sign, hours, minutes, seconds);
  } else {
    std::snprintf(text, sizeof text, "%c%02d%02d", sign, hours, minutes);
  }
  return text;
}

bool HasControlCharacter(std::string_view text) {
  for (const char c : text) {
    if (IsControl(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

}  // namespace slotwise::invites
