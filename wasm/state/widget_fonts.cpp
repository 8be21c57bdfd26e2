// widget_fonts.cpp — see widget_fonts.h.
#include "state/widget_fonts.h"

#include <algorithm>

#include "state/widget_bidi.h"

namespace slotwise::widget {

const char* ScriptFontPath(ScriptFont font) {
  switch (font) {
    case ScriptFont::kJapanese: return "fonts/slotwise-cjk.ttf";
    case ScriptFont::kChinese: return "fonts/slotwise-zh.ttf";
    case ScriptFont::kKorean: return "fonts/slotwise-ko.ttf";
    case ScriptFont::kRightToLeft: return "fonts/slotwise-rtl.ttf";
  }
  return "";
}

bool IsKana(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F);
}
bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
}
bool IsHangul(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F);
}

std::u32string CodePoints(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const int length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    char32_t code = length == 1 ? byte : byte & (0x7F >> length);
    bool good = true;
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      good &= (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    out.push_back(good ? code : U'\uFFFD');
    i += good ? static_cast<std::size_t>(length) : 1;
  }
  return out;
}

std::vector<ScriptFont> FontsToFetch(Locale locale, const std::vector<std::string>& names,
                                     const std::function<bool(char32_t)>& drawable,
                                     const std::array<ScriptFontState, kScriptFontCount>& state) {
  // Chinese pages draw Han with the Chinese font first; other pages with the Japanese one first.
  const bool chinese_page = locale == Locale::kZh;
  bool japanese = locale == Locale::kJa, han_missing = false, hangul = locale == Locale::kKo, rtl = false;
  for (const std::string& name : names) {
    for (const char32_t c : CodePoints(name)) {
      japanese |= IsKana(c) || (IsHan(c) && !chinese_page);
      if (IsHan(c) && !drawable(c)) han_missing = true;
      hangul |= IsHangul(c);
      rtl |= IsRightToLeft(c);
    }
  }
  const auto& of = [&](ScriptFont font) { return state[static_cast<std::size_t>(font)]; };
  std::vector<ScriptFont> fetch;
  if (japanese && !of(ScriptFont::kJapanese).requested) fetch.push_back(ScriptFont::kJapanese);
  const bool japanese_known = !japanese || of(ScriptFont::kJapanese).settled;
  const bool chinese = chinese_page || (han_missing && japanese_known);
  if (chinese && !of(ScriptFont::kChinese).requested) fetch.push_back(ScriptFont::kChinese);
  if (hangul && !of(ScriptFont::kKorean).requested) fetch.push_back(ScriptFont::kKorean);
  if (rtl && !of(ScriptFont::kRightToLeft).requested) fetch.push_back(ScriptFont::kRightToLeft);
  return fetch;
}

std::vector<char32_t> ScriptCodePoints(ScriptFont font, const std::vector<std::string>& names) {
  std::vector<char32_t> points;
  if (font == ScriptFont::kJapanese || font == ScriptFont::kRightToLeft) return points;
  for (const std::string& name : names) {
    for (const char32_t c : CodePoints(name)) {
      if (font == ScriptFont::kChinese ? IsHan(c) : IsHangul(c)) points.push_back(c);
    }
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  return points;
}

}  // namespace slotwise::widget
