// widget_palette.h — every colour the widget draws, in one place, with the contrast each must keep (pure; no ImGui).
//
// Contract (WCAG 2.x AA, checked by tests/wasm/widget_palette_test.cpp): text colours reach 4.5:1 against the
// surfaces they are drawn on (the window, the suggestions row, the notice box, their buttons); the grid's graphics —
// busy, out of office, suggestions, selection, "now", focus — reach 3:1 against the tracks they sit on. The view turns
// these into ImGui colours (view/view_colors.h); the style (wasm/app/widget_main.cpp) takes the window and dim text.
#pragma once

#include <cstdint>

namespace slotwise::widget {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

namespace palette {
// Surfaces.
inline constexpr Rgb kWindow{247, 247, 250};         // the window and the panels
inline constexpr Rgb kButton{175, 208, 250};         // ImGui's light button (its blue at 40% over kWindow)
inline constexpr Rgb kPrimaryButton{36, 102, 196};   // the main action (book, move, apply)
inline constexpr Rgb kDangerButton{179, 41, 41};     // "Cancel the interview"
inline constexpr Rgb kNoticeBox{255, 242, 219};      // connection problems
inline constexpr Rgb kFrame{255, 255, 255};          // a checkbox's, radio button's, combo box's and text field's inside
inline constexpr Rgb kControlBorder{118, 122, 132};  // their outline, so an empty checkbox or radio button is seen
inline constexpr Rgb kWorkingHours{255, 255, 255};   // a track inside working hours
inline constexpr Rgb kOffHours{226, 229, 235};       // a track outside them
inline constexpr Rgb kSuggestionsRow{240, 248, 242}; // the grid's suggestions row
// Text.
inline constexpr Rgb kText{0, 0, 0};
inline constexpr Rgb kTextDim{102, 104, 112};        // hints, hour labels, people not included (was ImGui's 153 grey)
inline constexpr Rgb kOnDark{255, 255, 255};         // on the primary and danger buttons
inline constexpr Rgb kTextRed{191, 38, 38};          // refusals, load failures
inline constexpr Rgb kTextGreen{20, 115, 60};        // booked, possible
inline constexpr Rgb kTextAmber{150, 86, 0};         // in progress, warnings
inline constexpr Rgb kTextBlue{33, 92, 179};         // moving an interview
// The grid's graphics.
inline constexpr Rgb kBusy{214, 93, 77};
inline constexpr Rgb kTentativeFill{248, 214, 208};
inline constexpr Rgb kOof{124, 86, 178};
inline constexpr Rgb kElsewhere{25, 128, 142};
inline constexpr Rgb kSuggestion{46, 160, 90};
inline constexpr Rgb kSelectionEdge{50, 100, 220};   // also the keyboard focus ring, the check marks and "booked"
inline constexpr Rgb kNowLine{200, 30, 30};          // also its label
inline constexpr Rgb kThisInterview{96, 150, 230};
inline constexpr Rgb kGridLine{205, 209, 216};
inline constexpr Rgb kDayLine{150, 156, 168};
inline constexpr Rgb kUnknownFill{219, 222, 230};
inline constexpr Rgb kUnknownStripe{160, 166, 180};
inline constexpr Rgb kUnknownText{55, 60, 70};
}  // namespace palette

// WCAG 2.x contrast ratio of two opaque colours, 1 (same) to 21 (black on white).
double ContrastRatio(Rgb a, Rgb b);

}  // namespace slotwise::widget
