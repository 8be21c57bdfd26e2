// ascii.cpp — see ascii.h.
#include "slotwise/ascii.h"

#include <charconv>

namespace slotwise {

namespace {
char LowerChar(char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; }
char UpperChar(char ch) { return ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch; }
bool IsBlank(char ch) { return ch == ' ' || ch == '\t'; }
bool IsWhitespace(char ch) { return IsBlank(ch) || ch == '\r' || ch == '\n'; }

template <class Predicate>
std::string_view TrimIf(std::string_view text, Predicate drop) {
  while (!text.empty() && drop(text.front())) text.remove_prefix(1);
  while (!text.empty() && drop(text.back())) text.remove_suffix(1);
  return text;
}
}  // namespace

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = LowerChar(ch);
  return out;
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = UpperChar(ch);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (LowerChar(a[i]) != LowerChar(b[i])) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

std::string_view TrimBlanks(std::string_view text) { return TrimIf(text, IsBlank); }

std::string_view TrimWhitespace(std::string_view text) { return TrimIf(text, IsWhitespace); }

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      pieces.push_back(text.substr(start));
      return pieces;
    }
    pieces.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

std::optional<std::int64_t> ParseDecimal(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool HasControlCharacter(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i++]);
    if (lead < 0x80) continue;
    // Unicode's table of well-formed sequences: the continuation bytes that may follow, the first one narrowed for
    // the leads where a wider range would be an overlong form (E0, F0), a surrogate (ED) or beyond U+10FFFF (F4).
    std::size_t continuation = 0;
    unsigned char first_low = 0x80, first_high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      continuation = 1;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      continuation = 2;
      if (lead == 0xe0) first_low = 0xa0;
      if (lead == 0xed) first_high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      continuation = 3;
      if (lead == 0xf0) first_low = 0x90;
      if (lead == 0xf4) first_high = 0x8f;
    } else {
      return false;  // a continuation byte without a lead, C0/C1 (overlong) or F5..FF
    }
    if (text.size() - i < continuation) return false;
    for (std::size_t k = 0; k < continuation; ++k) {
      const auto byte = static_cast<unsigned char>(text[i + k]);
      const unsigned char low = k == 0 ? first_low : 0x80, high = k == 0 ? first_high : 0xbf;
      if (byte < low || byte > high) return false;
    }
    i += continuation;
  }
  return true;
}

}  // namespace slotwise
