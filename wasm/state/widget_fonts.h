// widget_fonts.h — which of the lazily loaded script fonts the widget needs, so that every name renders and a page
// whose names and language need none downloads none. Latin (with Greek and Cyrillic) is compiled in; the Japanese
// font (kana and the common kanji) is fetched for locale ja or a name with kana or Han; the Chinese font for locale
// zh (whose Han it draws first) or Han the fonts already loaded cannot draw; the Korean font for locale ko or Hangul.
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

enum class ScriptFont { kJapanese = 0, kChinese = 1, kKorean = 2 };
inline constexpr std::array<ScriptFont, 3> kScriptFonts = {ScriptFont::kJapanese, ScriptFont::kChinese,
                                                           ScriptFont::kKorean};

// "fonts/slotwise-cjk.ttf", "fonts/slotwise-zh.ttf", "fonts/slotwise-ko.ttf" (staged by wasm/CMakeLists.txt).
const char* ScriptFontPath(ScriptFont font);

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
                                     const std::array<ScriptFontState, 3>& state);

// The code points of `names` that `font` is baked for: Han for the Chinese font, Hangul for the Korean one (sorted,
// unique); empty for the Japanese font (baked with its whole range: Japanese may be typed, not only read).
std::vector<char32_t> ScriptCodePoints(ScriptFont font, const std::vector<std::string>& names);

}  // namespace slotwise::widget
