// Tests for wasm/widget_palette: in every theme (light, dark, both high contrast ones) every text colour reaches WCAG
// AA (4.5:1) on the surfaces it is drawn on, and controls and the grid's graphics reach 3:1 against what they sit on;
// a brand colour is darkened until the main action's label reads.
#include <doctest/doctest.h>

#include <string>

#include "state/widget_palette.h"

using namespace slotwise::widget;

namespace {
constexpr Theme kThemes[] = {Theme::kLight, Theme::kDark, Theme::kHighContrastLight, Theme::kHighContrastDark};
const char* Name(Theme theme) {
  switch (theme) {
    case Theme::kLight: return "light";
    case Theme::kDark: return "dark";
    case Theme::kHighContrastLight: return "high-contrast-light";
    case Theme::kHighContrastDark: return "high-contrast-dark";
  }
  return "?";
}
void CheckContrast(Theme theme, const std::string& what, Rgb a, Rgb b, double least) {
  INFO(Name(theme) << ": " << what << ": " << ContrastRatio(a, b) << ":1, at least " << least << ":1");
  CHECK(ContrastRatio(a, b) >= least);
}
}  // namespace

TEST_CASE("WidgetPalette: the contrast ratio is WCAG's") {
  CHECK(ContrastRatio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
  CHECK(ContrastRatio({255, 255, 255}, {255, 255, 255}) == doctest::Approx(1.0));
  CHECK(ContrastRatio({153, 153, 153}, PaletteOf(Theme::kLight).window) == doctest::Approx(2.66).epsilon(0.01));  // ImGui's dim
}

TEST_CASE("WidgetPalette: text reaches 4.5:1 on every surface it is drawn on, in every theme") {
  for (Theme theme : kThemes) {
    const Palette& p = PaletteOf(theme);
    for (const auto& [name, text] : {std::pair{"text", p.text}, std::pair{"dim text", p.text_dim}, std::pair{"red", p.text_red},
                                     std::pair{"green", p.text_green}, std::pair{"amber", p.text_amber},
                                     std::pair{"blue", p.text_blue}}) {
      CheckContrast(theme, std::string(name) + " on the window", text, p.window, 4.5);
    }
    for (const auto& [name, surface] : {std::pair{"a button", p.button}, std::pair{"a hovered button", p.button_hovered},
                                        std::pair{"a pressed button", p.button_active}, std::pair{"a chosen entry", p.header},
                                        std::pair{"a control", p.frame}, std::pair{"the notice box", p.notice_box},
                                        std::pair{"a track", p.off_hours}, std::pair{"a working-hours track", p.working_hours}}) {
      CheckContrast(theme, std::string("text on ") + name, p.text, surface, 4.5);
    }
    CheckContrast(theme, "the primary button's label", p.on_primary, p.primary_button, 4.5);
    CheckContrast(theme, "the danger button's label", p.on_primary, p.danger_button, 4.5);
    CheckContrast(theme, "dim text in the notice box", p.text_dim, p.notice_box, 4.5);
    CheckContrast(theme, "the 'now' label on the suggestions row", p.now_line, p.suggestions_row, 4.5);
    CheckContrast(theme, "the 'booked' label on the suggestions row", p.selection_edge, p.suggestions_row, 4.5);
    CheckContrast(theme, "'free/busy unknown' on its hatching", p.unknown_text, p.unknown_fill, 4.5);
  }
}

TEST_CASE("WidgetPalette: controls are seen: outlines, check marks and the focus ring reach 3:1, in every theme") {
  for (Theme theme : kThemes) {
    const Palette& p = PaletteOf(theme);
    CheckContrast(theme, "a control's outline on the window", p.control_border, p.window, 3.0);
    CheckContrast(theme, "a check mark in its box", p.selection_edge, p.frame, 3.0);
    CheckContrast(theme, "the focus ring on the window", p.selection_edge, p.window, 3.0);
    CheckContrast(theme, "the focus ring around a button", p.selection_edge, p.button, 3.0);
  }
}

TEST_CASE("WidgetPalette: the grid's graphics reach 3:1 against the tracks, in every theme") {
  for (Theme theme : kThemes) {
    const Palette& p = PaletteOf(theme);
    for (const auto& [name, mark] : {std::pair{"busy", p.busy}, std::pair{"out of office", p.oof},
                                     std::pair{"working elsewhere", p.elsewhere}, std::pair{"selection edge", p.selection_edge},
                                     std::pair{"now line", p.now_line}}) {
      CheckContrast(theme, std::string(name) + " on working hours", mark, p.working_hours, 3.0);
      CheckContrast(theme, std::string(name) + " on off hours", mark, p.off_hours, 3.0);
    }
    CheckContrast(theme, "a suggestion on the suggestions row", p.suggestion, p.suggestions_row, 3.0);
    CheckContrast(theme, "the tentative outline on its fill", p.busy, p.tentative_fill, 2.0);  // outline + stripes carry it
    CheckContrast(theme, "the interview's dot on a busy block", p.window, p.busy, 3.0);
  }
}

TEST_CASE("WidgetPalette: themes by name, colours by hex") {
  CHECK(ParseTheme("dark") == Theme::kDark);
  CHECK(ParseTheme("high-contrast-dark") == Theme::kHighContrastDark);
  CHECK(ParseTheme("high-contrast-light") == Theme::kHighContrastLight);
  CHECK(ParseTheme("light") == Theme::kLight);
  CHECK(ParseTheme("sepia") == Theme::kLight);
  const auto red = ParseHexColor("#ff0010");
  REQUIRE(red);
  CHECK((red->r == 255 && red->g == 0 && red->b == 16));
  const auto short_form = ParseHexColor("#0a8");
  REQUIRE(short_form);
  CHECK((short_form->r == 0 && short_form->g == 170 && short_form->b == 136));
  CHECK_FALSE(ParseHexColor("ff0010"));
  CHECK_FALSE(ParseHexColor("#ff00"));
  CHECK_FALSE(ParseHexColor("#gg0000"));
  CHECK_FALSE(ParseHexColor("red"));
}

TEST_CASE("WidgetPalette: a brand colour on the main action keeps its label readable") {
  const Palette& light = PaletteOf(Theme::kLight);
  // A dark enough brand colour is taken as it is.
  const Palette navy = WithAccent(light, Theme::kLight, Rgb{20, 40, 120});
  CHECK((navy.primary_button.r == 20 && navy.primary_button.g == 40 && navy.primary_button.b == 120));
  // A light one (yellow, 1.07:1 with white) is darkened until white reaches 4.5:1, keeping its hue.
  for (Theme theme : {Theme::kLight, Theme::kDark}) {
    const Palette branded = WithAccent(PaletteOf(theme), theme, Rgb{255, 220, 0});
    CheckContrast(theme, "white on a darkened yellow brand", branded.on_primary, branded.primary_button, 4.5);
    CHECK(branded.primary_button.r > branded.primary_button.b);
  }
  // High contrast keeps its own.
  const Palette& hc = PaletteOf(Theme::kHighContrastDark);
  CHECK(WithAccent(hc, Theme::kHighContrastDark, Rgb{255, 220, 0}).primary_button.b == hc.primary_button.b);
}
