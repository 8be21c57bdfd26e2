// Tests for wasm/widget_palette: every text colour reaches WCAG AA (4.5:1) on the surfaces it is drawn on, and the
// grid's graphics reach 3:1 against the tracks they sit on.
#include <doctest/doctest.h>

#include <string>

#include "state/widget_palette.h"

using namespace slotwise::widget;
namespace p = slotwise::widget::palette;

namespace {
void CheckContrast(const std::string& what, Rgb a, Rgb b, double least) {
  INFO(what << ": " << ContrastRatio(a, b) << ":1, at least " << least << ":1");
  CHECK(ContrastRatio(a, b) >= least);
}
}  // namespace

TEST_CASE("WidgetPalette: the contrast ratio is WCAG's") {
  CHECK(ContrastRatio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
  CHECK(ContrastRatio({255, 255, 255}, {255, 255, 255}) == doctest::Approx(1.0));
  CHECK(ContrastRatio({153, 153, 153}, p::kWindow) == doctest::Approx(2.66).epsilon(0.01));  // ImGui's light dim text
}

TEST_CASE("WidgetPalette: text reaches 4.5:1 on every surface it is drawn on") {
  for (const auto& [name, text] : {std::pair{"text", p::kText}, std::pair{"dim text", p::kTextDim}, std::pair{"red", p::kTextRed},
                                   std::pair{"green", p::kTextGreen}, std::pair{"amber", p::kTextAmber},
                                   std::pair{"blue", p::kTextBlue}}) {
    CheckContrast(std::string(name) + " on the window", text, p::kWindow, 4.5);
  }
  CheckContrast("text on a button", p::kText, p::kButton, 4.5);
  CheckContrast("white on the primary button", p::kOnDark, p::kPrimaryButton, 4.5);
  CheckContrast("white on the danger button", p::kOnDark, p::kDangerButton, 4.5);
  CheckContrast("text in the notice box", p::kText, p::kNoticeBox, 4.5);
  CheckContrast("dim text in the notice box", p::kTextDim, p::kNoticeBox, 4.5);
  CheckContrast("text on a track", p::kText, p::kOffHours, 4.5);
  CheckContrast("dim text (hour labels) on the window", p::kTextDim, p::kWindow, 4.5);
  CheckContrast("the 'now' label on the suggestions row", p::kNowLine, p::kSuggestionsRow, 4.5);
  CheckContrast("the 'booked' label on the suggestions row", p::kSelectionEdge, p::kSuggestionsRow, 4.5);
  CheckContrast("'free/busy unknown' on its hatching", p::kUnknownText, p::kUnknownFill, 4.5);
}

TEST_CASE("WidgetPalette: controls are seen: outlines, check marks and the focus ring reach 3:1") {
  CheckContrast("a control's outline on the window", p::kControlBorder, p::kWindow, 3.0);
  CheckContrast("a check mark in its box", p::kSelectionEdge, p::kFrame, 3.0);
  CheckContrast("the focus ring on the window", p::kSelectionEdge, p::kWindow, 3.0);
  CheckContrast("the focus ring around a button", p::kSelectionEdge, p::kButton, 3.0);
  CheckContrast("text in a control", p::kText, p::kFrame, 4.5);
}

TEST_CASE("WidgetPalette: the grid's graphics reach 3:1 against the tracks") {
  for (const auto& [name, mark] : {std::pair{"busy", p::kBusy}, std::pair{"out of office", p::kOof},
                                   std::pair{"working elsewhere", p::kElsewhere}, std::pair{"selection edge", p::kSelectionEdge},
                                   std::pair{"now line", p::kNowLine}}) {
    CheckContrast(std::string(name) + " on working hours", mark, p::kWorkingHours, 3.0);
    CheckContrast(std::string(name) + " on off hours", mark, p::kOffHours, 3.0);
  }
  CheckContrast("a suggestion on the suggestions row", p::kSuggestion, p::kSuggestionsRow, 3.0);
  CheckContrast("the tentative outline on its fill", p::kBusy, p::kTentativeFill, 2.0);  // outline + stripes carry it
}
