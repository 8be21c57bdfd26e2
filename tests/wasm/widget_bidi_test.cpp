// Tests for wasm/widget_bidi: the drawing form of right-to-left names — Hebrew reversed, Arabic letters in their
// joining forms (lam-alef as one ligature) and reversed, digits kept left to right inside a right-to-left run, a
// right-to-left name inside an English sentence reversed in place, brackets mirrored, marks drawn after their letter,
// and every other script left as it is.
#include <doctest/doctest.h>

#include "state/widget_bidi.h"
#include "state/widget_fonts.h"

using namespace slotwise::widget;

namespace {
std::u32string Visual(std::string_view text) { return CodePoints(VisualOrder(text)); }
}  // namespace

TEST_CASE("WidgetBidi: left-to-right scripts are left as they are, and cheaply") {
  for (const char* text : {"Anna Schmidt", "Ștefan Ionescu", "Ελένη Παππά", "Иван Петров", "山田 太郎", "김민준",
                           "Łukasz Żółć", "Zoom · 10:30–11:15", "\xC3"}) {
    CHECK_FALSE(NeedsVisualOrder(text));
    CHECK(VisualOrder(text) == text);
  }
  CHECK(NeedsVisualOrder("Dr. דוד"));
  CHECK(NeedsVisualOrder("محمد"));
  CHECK(NeedsVisualOrder("\xEF\xBB\xBB"));  // U+FEFB, a presentation form
}

TEST_CASE("WidgetBidi: a Hebrew name is reversed, alone or inside an English line") {
  CHECK(VisualOrder("דוד לוי") == "יול דוד");
  CHECK(VisualOrder("Dr. דוד לוי") == "Dr. יול דוד");
  CHECK(VisualOrder("דוד לוי (Interviewer)") == "יול דוד (Interviewer)");
  CHECK(VisualOrder("Outside the times דוד לוי sent.") == "Outside the times יול דוד sent.");
}

TEST_CASE("WidgetBidi: Arabic letters take their joining forms before they are reversed") {
  // محمد: meem initial, hah medial, meem medial, dal final — drawn right to left.
  CHECK(Visual("محمد") == std::u32string{0xFEAA, 0xFEE4, 0xFEA4, 0xFEE3});
  // علي: ain initial, lam medial, yeh final.
  CHECK(Visual("علي") == std::u32string{0xFEF2, 0xFEE0, 0xFECB});
  // Two words: each shaped on its own, the whole run reversed (the second word drawn first, on the left).
  CHECK(Visual("محمد علي") == std::u32string{0xFEF2, 0xFEE0, 0xFECB, U' ', 0xFEAA, 0xFEE4, 0xFEA4, 0xFEE3});
  // A right-joining letter (reh) breaks the word: the letter after it starts anew.
  CHECK(Visual("غرفة") == std::u32string{0xFE94, 0xFED3, 0xFEAE, 0xFECF});
  // A letter alone is isolated; hamza never joins.
  CHECK(Visual("ب") == std::u32string{0xFE8F});
  CHECK(Visual("ءب") == std::u32string{0xFE8F, 0x0621});
}

TEST_CASE("WidgetBidi: lam followed by alef is one ligature, final after a joining letter") {
  CHECK(Visual("سلام") == std::u32string{0xFEE1, 0xFEFC, 0xFEB3});  // seen initial, lam-alef final, meem isolated
  CHECK(Visual("لا") == std::u32string{0xFEFB});                   // isolated
  CHECK(Visual("الله") == std::u32string{0xFEEA, 0xFEE0, 0xFEDF, 0xFE8D});  // alef, lam initial, lam medial, heh final
}

TEST_CASE("WidgetBidi: Persian and Urdu letters join too") {
  // پری (Pari): peh initial, reh final, farsi yeh isolated.
  CHECK(Visual("پری") == std::u32string{0xFBFC, 0xFEAE, 0xFB58});
  // گل (Gol): gaf initial, lam final.
  CHECK(Visual("گل") == std::u32string{0xFEDE, 0xFB94});
}

TEST_CASE("WidgetBidi: digits stay left to right inside a right-to-left run") {
  // غرفة 12 (room 12): the number is drawn to the left of the word, still reading 12.
  CHECK(Visual("غرفة 12") == std::u32string{U'1', U'2', U' ', 0xFE94, 0xFED3, 0xFEAE, 0xFECF});
  CHECK(VisualOrder("חדר 10:30") == "10:30 רדח");
  // After a Latin word, digits are Latin: "Room 12" stays in place.
  CHECK(VisualOrder("Room 12 לוי") == "Room 12 יול");
}

TEST_CASE("WidgetBidi: each line of a text is ordered on its own") {
  CHECK(VisualOrder("דוד לוי\nRoom 12") == "יול דוד\nRoom 12");
  CHECK(VisualOrder("Anna\nלוי 3") == "Anna\n3 יול");
}

TEST_CASE("WidgetBidi: brackets inside a right-to-left run are mirrored and stay a pair") {
  CHECK(VisualOrder("דוד (לוי)") == "(יול) דוד");
  CHECK(VisualOrder("(לוי)") == "(יול)");
  CHECK(VisualOrder("Anna (לוי)") == "Anna (יול)");
}

TEST_CASE("WidgetBidi: a combining mark is drawn after its letter") {
  // בָג (bet with qamats, gimel): reversed, the bet still carries its qamats.
  CHECK(Visual("\u05D1\u05B8\u05D2") == std::u32string{0x05D2, 0x05D1, 0x05B8});
  // A mark between two Arabic letters does not break their joining: beh initial + fatha, teh final.
  CHECK(Visual("\u0628\u064E\u062A") == std::u32string{0xFE96, 0xFE91, 0x064E});
}

TEST_CASE("WidgetBidi: right-to-left letters are recognised, presentation forms included") {
  CHECK(IsRightToLeft(U'\u05D0'));
  CHECK(IsRightToLeft(U'\u0627'));
  CHECK(IsRightToLeft(U'\uFEFB'));
  CHECK_FALSE(IsRightToLeft(U'a'));
  CHECK_FALSE(IsRightToLeft(U'\u0660'));  // an Arabic-Indic digit is a number, not a letter
  CHECK_FALSE(IsRightToLeft(U' '));
}
