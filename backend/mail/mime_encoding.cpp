// mime_encoding.cpp — see mime_encoding.h.
#include "mail/mime_encoding.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

#include "crypto/crypto_primitives.h"
#include "slotwise/time.h"

namespace slotwise::mail {
namespace {

constexpr std::string_view kWordPrefix = "=?UTF-8?B?";
constexpr std::string_view kWordSuffix = "?=";
constexpr std::size_t kWordOverhead = kWordPrefix.size() + kWordSuffix.size();  // 12
constexpr std::size_t kMinFirstWordChars = 24;  // below this the first word takes a full 75 (the line may pass 78)
constexpr std::size_t kMaxFoldableWord = 800;   // a longer ASCII word is encoded (encoded-words can be split)
constexpr std::size_t kMaxPlainPhrase = 200;    // a longer ASCII display name is encoded (folds)

// Bytes of the UTF-8 sequence led by `lead` (1 for a stray continuation byte, which IsValidUtf8 rejects anyway).
std::size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

bool IsPlainAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char ch) { return ch >= 0x20 && ch < 0x7f; });
}

bool IsAtext(char ch) {
  if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(ch) != std::string_view::npos;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      code_point = lead & 0x1fu;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      code_point = lead & 0x0fu;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      code_point = lead & 0x07u;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0u) != 0x80u) return false;
      code_point = (code_point << 6) | (next & 0x3fu);
    }
    const std::uint32_t minimum = length == 2 ? 0x80u : length == 3 ? 0x800u : 0x10000u;
    if (code_point < minimum || code_point > 0x10ffffu || (code_point >= 0xd800u && code_point <= 0xdfffu)) {
      return false;
    }
    i += length;
  }
  return true;
}

std::string EncodeWords(std::string_view utf8, std::size_t first_line_used) {
  std::string out;
  std::size_t position = 0;
  bool first = true;
  while (position < utf8.size()) {
    std::size_t budget = kMaxEncodedWordChars;
    if (first && first_line_used + kMinFirstWordChars <= kFoldColumn) {
      budget = std::min(budget, kFoldColumn - first_line_used);
    }
    const std::size_t max_bytes = (budget - kWordOverhead) / 4 * 3;
    std::size_t take = 0;
    while (position + take < utf8.size()) {
      const std::size_t length =
          std::min(SequenceLength(static_cast<unsigned char>(utf8[position + take])), utf8.size() - position - take);
      if (take + length > max_bytes) break;
      take += length;
    }
    if (!first) out += "\r\n ";
    out += kWordPrefix;
    out += crypto::Base64Encode(utf8.substr(position, take));
    out += kWordSuffix;
    position += take;
    first = false;
  }
  return out;
}

std::string EncodeUnstructured(std::string_view text, std::size_t first_line_used) {
  bool needs_encoding = !IsPlainAscii(text) || text.find("=?") != std::string_view::npos;
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (true) {
    const std::size_t space = text.find(' ', start);
    words.push_back(text.substr(start, space == std::string_view::npos ? std::string_view::npos : space - start));
    if (words.back().size() > kMaxFoldableWord) needs_encoding = true;
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  if (needs_encoding) return EncodeWords(text, first_line_used);
  std::string out(words.front());
  std::size_t line_length = first_line_used + words.front().size();
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string_view word = words[i];
    if (!word.empty() && line_length + 1 + word.size() > kFoldColumn && line_length > first_line_used) {
      out += "\r\n";  // fold before the space: the space starts the continuation line
      line_length = 0;
    }
    out += ' ';
    out += word;
    line_length += 1 + word.size();
  }
  return out;
}

std::string EncodePhrase(std::string_view name, std::size_t first_line_used) {
  if (!IsPlainAscii(name) || name.size() > kMaxPlainPhrase || name.find("=?") != std::string_view::npos) {
    return EncodeWords(name, first_line_used);
  }
  const bool is_atoms = !name.empty() && name.front() != ' ' && name.back() != ' ' &&
                        name.find("  ") == std::string_view::npos &&
                        std::all_of(name.begin(), name.end(), [](char ch) { return ch == ' ' || IsAtext(ch); });
  if (is_atoms) return std::string(name);
  std::string quoted = "\"";
  for (char ch : name) {
    if (ch == '"' || ch == '\\') quoted += '\\';
    quoted += ch;
  }
  return quoted + "\"";
}

std::string Base64Lines(std::string_view bytes) {
  const std::string encoded = crypto::Base64Encode(bytes);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / kBase64LineChars * 2 + 2);
  for (std::size_t i = 0; i < encoded.size(); i += kBase64LineChars) {
    out.append(encoded, i, kBase64LineChars);
    out += "\r\n";
  }
  return out;
}

std::string ToCrlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (ch == '\n') {
      out += "\r\n";
    } else {
      out += ch;
    }
  }
  return out;
}

std::string FormatRfc5322Date(std::int64_t unix_seconds) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::int64_t days = FloorDiv(unix_seconds, kSecondsPerDay);
  const std::int64_t second_of_day = FloorMod(unix_seconds, kSecondsPerDay);
  const CivilDate date = CivilFromDays(days);
  const auto weekday = static_cast<std::size_t>(WeekdayFromDays(days));
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[weekday], date.day,
                kMonths[static_cast<std::size_t>(date.month - 1)], date.year, static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
  return buffer;
}

}  // namespace slotwise::mail
