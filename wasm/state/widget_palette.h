// widget_palette.h — every colour the widget draws, in one place, with the contrast each must keep (pure; no ImGui).
//
// Contract (WCAG 2.x AA, checked by tests/wasm/widget_palette_test.cpp): text colours reach 4.5:1 against the
// surfaces they are drawn on (the window, the suggestions row, the notice box, their buttons); the grid's graphics —
// busy, out of office, suggestions, selection, "now", focus — reach 3:1 against the tracks they sit on; controls'
// outlines, check marks and the focus ring reach 3:1 too. Four themes keep it (light, dark and two high contrast);
// the view turns the current one into ImGui colours (view/view_colors.h) and the style (wasm/app/widget_main.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace slotwise::widget {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

// One theme's colours. Every theme keeps the contract above (tests/wasm/widget_palette_test.cpp checks them all).
struct Palette {
  // Surfaces.
  Rgb window;           // the window and the panels (also the canvas's clear colour)
  Rgb button;           // a plain button
  Rgb button_hovered;
  Rgb button_active;
  Rgb header;           // a chosen suggestion, a list's hovered entry
  Rgb primary_button;   // the main action (book, move, apply); the brand colour when the page gives one
  Rgb danger_button;    // "Cancel the interview"
  Rgb notice_box;       // connection problems
  Rgb frame;            // a checkbox's, radio button's, combo box's and text field's inside
  Rgb control_border;   // their outline, so an empty checkbox or radio button is seen
  Rgb working_hours;    // a track inside working hours
  Rgb off_hours;        // a track outside them
  Rgb suggestions_row;  // the grid's suggestions row
  // Text.
  Rgb text;
  Rgb text_dim;         // hints, hour labels, people not included
  Rgb on_primary;       // on the primary and danger buttons
  Rgb text_red;         // refusals, load failures
  Rgb text_green;       // booked, possible
  Rgb text_amber;       // in progress, warnings
  Rgb text_blue;        // moving an interview
  // The grid's graphics.
  Rgb busy;
  Rgb tentative_fill;
  Rgb oof;
  Rgb elsewhere;
  Rgb suggestion;
  Rgb selection_edge;   // also the keyboard focus ring, the check marks and "booked"
  Rgb now_line;         // also its label
  Rgb this_interview;
  Rgb grid_line;
  Rgb day_line;
  Rgb past;             // laid over the tracks before now (translucent)
  Rgb unknown_fill;
  Rgb unknown_stripe;
  Rgb unknown_text;
};

enum class Theme { kLight, kDark, kHighContrastLight, kHighContrastDark };

// The built-in themes: light (the default), dark (prefers-color-scheme: dark or the embed option), and the two high
// contrast ones (forced-colors or prefers-contrast: more, on a light or a dark page).
const Palette& PaletteOf(Theme theme);

// "light", "dark", "high-contrast-light", "high-contrast-dark" (as web/app.js resolves the page's wishes); anything
// else: light.
Theme ParseTheme(std::string_view name);

// "#rrggbb" (or "#rgb"), else nullopt.
std::optional<Rgb> ParseHexColor(std::string_view text);

// The palette with a brand colour on its primary button, darkened as little as needed for its label to keep 4.5:1 —
// a brand colour never makes the main action unreadable. The high contrast themes keep their own.
Palette WithAccent(const Palette& palette, Theme theme, Rgb accent);
// The theme's palette, with the accent when there is one.
Palette PaletteFor(Theme theme, std::optional<Rgb> accent);

// WCAG 2.x contrast ratio of two opaque colours, 1 (same) to 21 (black on white).
double ContrastRatio(Rgb a, Rgb b);

}  // namespace slotwise::widget
