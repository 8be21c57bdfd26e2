// widget_fonts.h — which of the lazily loaded script fonts the widget needs, so that every name renders and a page
// whose names and language need none downloads none. Latin (with Greek and Cyrillic) is compiled in; the Japanese
// font (kana and the common kanji) is fetched for locale ja or a name with kana or Han; the Chinese font for locale
// zh (whose Han it draws first) or Han the fonts already loaded cannot draw; the Korean font for locale ko or Hangul;
// the right-to-left font (Hebrew, Arabic and the Arabic presentation forms that widget_bidi.h draws) for a name with
// Hebrew or Arabic letters.
// The Chinese and Korean fonts are baked only for the characters the texts use (ScriptCodePoints: the names, and on a
// Chinese or Korean page its own strings), so their glyph atlas stays small. Pure.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "state/widget_i18n.h"

namespace slotwise::widget {

enum class ScriptFont { kJapanese = 0, kChinese = 1, kKorean = 2, kRightToLeft = 3 };
inline constexpr std::size_t kScriptFontCount = 4;
inline constexpr std::array<ScriptFont, kScriptFontCount> kScriptFonts = {ScriptFont::kJapanese, ScriptFont::kChinese,
                                                                         ScriptFont::kKorean, ScriptFont::kRightToLeft};

// "fonts/slotwise-cjk.ttf", "fonts/slotwise-zh.ttf", "fonts/slotwise-ko.ttf", "fonts/slotwise-rtl.ttf" (staged by
// wasm/CMakeLists.txt).
const char* ScriptFontPath(ScriptFont font);

// What the right-to-left font is baked for, whole (a few hundred glyphs): Hebrew, Arabic, and the Hebrew and Arabic
// presentation forms — Dear ImGui glyph ranges, pairs of first and last code point, 0-terminated. The blocks
// wasm/fonts/make_fonts.py cuts the font to.
inline constexpr unsigned short kRightToLeftRanges[] = {0x0590, 0x05FF, 0x0600, 0x06FF, 0xFB1D, 0xFDFF, 0xFE70, 0xFEFF, 0};

bool IsKana(char32_t c);
bool IsHan(char32_t c);
bool IsHangul(char32_t c);
// The code points of UTF-8 text (a malformed byte reads as U+FFFD).
std::u32string CodePoints(std::string_view utf8);

struct ScriptFontState {
  bool requested = false;  // fetched or being fetched
  bool settled = false;    // arrived (and baked) or failed: what it can draw is known
};

// The fonts to fetch now for `names` in `locale`, given what is requested already and whether a code point can be
// drawn with the fonts baked so far. The Chinese font waits for the Japanese one to settle (it draws most Han names).
std::vector<ScriptFont> FontsToFetch(Locale locale, const std::vector<std::string>& names,
                                     const std::function<bool(char32_t)>& drawable,
                                     const std::array<ScriptFontState, kScriptFontCount>& state);

// The code points of `names` that `font` is baked for: Han for the Chinese font, Hangul for the Korean one (sorted,
// unique); empty for the Japanese font (baked with its whole range: Japanese may be typed, not only read) and the
// right-to-left one (kRightToLeftRanges: its letters are drawn in forms the names do not hold).
std::vector<char32_t> ScriptCodePoints(ScriptFont font, const std::vector<std::string>& names);

}  // namespace slotwise::widget
