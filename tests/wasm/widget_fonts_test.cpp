// Tests for wasm/widget_fonts: which script fonts a page fetches — none for Latin, Greek and Cyrillic names; the
// Japanese one for kana, kanji or locale ja; the Chinese one only for Han the Japanese one cannot draw; the Korean one
// for Hangul — and which characters the Chinese and Korean fonts are baked for.
#include <doctest/doctest.h>

#include <set>

#include "state/widget_fonts.h"

using namespace slotwise::widget;

namespace {
using State = std::array<ScriptFontState, kScriptFontCount>;
// What the compiled-in font draws: everything below U+3000 (Latin, Greek, Cyrillic).
bool LatinOnly(char32_t c) { return c < 0x3000; }
std::set<ScriptFont> Fetch(Locale locale, const std::vector<std::string>& names, const std::function<bool(char32_t)>& drawable,
                           State state = {}) {
  const std::vector<ScriptFont> fonts = FontsToFetch(locale, names, drawable, state);
  return {fonts.begin(), fonts.end()};
}
}  // namespace

TEST_CASE("WidgetFonts: code points of UTF-8, malformed bytes as U+FFFD") {
  CHECK(CodePoints("Aș山한") == std::u32string{U'A', U'\u0219', U'\u5C71', U'\uD55C'});
  CHECK(CodePoints(std::string("a\xC3", 2)) == std::u32string{U'a', U'\uFFFD'});
  CHECK(CodePoints("\xE5\xB1x") == std::u32string{U'\uFFFD', U'\uFFFD', U'x'});
}

TEST_CASE("WidgetFonts: an English page with Latin, Greek and Cyrillic names fetches no script font") {
  CHECK(Fetch(Locale::kEn, {"Anna Schmidt", "Ștefan Ionescu", "Ελένη Παππά", "Иван Петров"}, LatinOnly).empty());
}

TEST_CASE("WidgetFonts: Japanese for locale ja, kana or kanji; Korean for Hangul") {
  CHECK(Fetch(Locale::kJa, {"Anna Schmidt"}, LatinOnly) == std::set{ScriptFont::kJapanese});
  CHECK(Fetch(Locale::kEn, {"山本 花"}, LatinOnly) == std::set{ScriptFont::kJapanese});
  CHECK(Fetch(Locale::kEn, {"さくら"}, LatinOnly) == std::set{ScriptFont::kJapanese});
  CHECK(Fetch(Locale::kEn, {"김민준"}, LatinOnly) == std::set{ScriptFont::kKorean});
  State requested;
  requested[static_cast<std::size_t>(ScriptFont::kKorean)].requested = true;
  CHECK(Fetch(Locale::kEn, {"김민준"}, LatinOnly, requested).empty());  // once
}

TEST_CASE("WidgetFonts: the Chinese font only for Han the Japanese font cannot draw, once that one has settled") {
  const std::vector<std::string> names = {"王伟", "山本 花"};  // 伟 is simplified Chinese, not in the Japanese font
  State state;
  CHECK(Fetch(Locale::kEn, names, LatinOnly, state) == std::set{ScriptFont::kJapanese});
  state[0].requested = true;
  CHECK(Fetch(Locale::kEn, names, LatinOnly, state).empty());  // waiting for the Japanese font
  state[0].settled = true;
  const auto japanese = [](char32_t c) { return c < 0x3000 || c == U'王' || c == U'山' || c == U'本' || c == U'花'; };
  CHECK(Fetch(Locale::kEn, names, japanese, state) == std::set{ScriptFont::kChinese});
  CHECK(Fetch(Locale::kEn, {"山本 花"}, japanese, state).empty());  // all drawn: no Chinese font
}

TEST_CASE("WidgetFonts: the Chinese and Korean fonts are baked for the names' own characters only") {
  const std::vector<std::string> names = {"王伟", "김민준", "王芳", "Anna"};
  CHECK(ScriptCodePoints(ScriptFont::kChinese, names) == std::vector<char32_t>{U'伟', U'王', U'芳'}  /* sorted */);
  CHECK(ScriptCodePoints(ScriptFont::kKorean, names) == std::vector<char32_t>{U'김', U'민', U'준'});
  CHECK(ScriptCodePoints(ScriptFont::kJapanese, names).empty());
}

TEST_CASE("WidgetFonts: a Chinese page takes the Chinese font at once, a Korean page the Korean one") {
  CHECK(Fetch(Locale::kZh, {"Anna Schmidt"}, LatinOnly) == std::set{ScriptFont::kChinese});
  CHECK(Fetch(Locale::kZh, {"山本 花"}, LatinOnly) == std::set{ScriptFont::kChinese});  // Han: the Chinese font first
  CHECK(Fetch(Locale::kZh, {"さくら"}, LatinOnly) == std::set{ScriptFont::kChinese, ScriptFont::kJapanese});  // kana
  CHECK(Fetch(Locale::kKo, {"Anna Schmidt"}, LatinOnly) == std::set{ScriptFont::kKorean});
  CHECK(Fetch(Locale::kFr, {"Anna Schmidt"}, LatinOnly).empty());
}

TEST_CASE("WidgetFonts: the right-to-left font for a Hebrew or Arabic name, once, baked whole") {
  CHECK(Fetch(Locale::kEn, {"Anna Schmidt", "דוד לוי"}, LatinOnly) == std::set{ScriptFont::kRightToLeft});
  CHECK(Fetch(Locale::kDe, {"محمد علي"}, LatinOnly) == std::set{ScriptFont::kRightToLeft});
  CHECK(Fetch(Locale::kEn, {"مريم 山本"}, LatinOnly) == std::set{ScriptFont::kRightToLeft, ScriptFont::kJapanese});
  State requested;
  requested[static_cast<std::size_t>(ScriptFont::kRightToLeft)].requested = true;
  CHECK(Fetch(Locale::kEn, {"محمد علي"}, LatinOnly, requested).empty());
  CHECK(ScriptCodePoints(ScriptFont::kRightToLeft, {"محمد"}).empty());
  // Its ranges hold the presentation forms VisualOrder draws (lam-alef, the Persian letters' forms).
  const auto baked = [](char32_t c) {
    for (const unsigned short* r = kRightToLeftRanges; *r != 0; r += 2) {
      if (c >= r[0] && c <= r[1]) return true;
    }
    return false;
  };
  CHECK(baked(U'\uFEFC'));
  CHECK(baked(U'\uFB58'));
  CHECK(baked(U'\u05D0'));
  CHECK_FALSE(baked(U'A'));
}
