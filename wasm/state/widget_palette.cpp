// widget_palette.cpp — see widget_palette.h.
#include "state/widget_palette.h"

#include <algorithm>
#include <cmath>

namespace slotwise::widget {

namespace {
// Relative luminance of an sRGB colour (WCAG 2.x).
double Luminance(Rgb c) {
  const auto linear = [](std::uint8_t v) {
    const double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

// Field order as in Palette (widget_palette.h).
constexpr Palette kLight{
    {247, 247, 250}, {175, 208, 250}, {66, 150, 250}, {15, 135, 250}, {191, 217, 250}, {36, 102, 196}, {179, 41, 41},
    {255, 242, 219}, {255, 255, 255}, {118, 122, 132}, {255, 255, 255}, {226, 229, 235}, {240, 248, 242},
    {0, 0, 0}, {102, 104, 112}, {255, 255, 255}, {191, 38, 38}, {20, 115, 60}, {150, 86, 0}, {33, 92, 179},
    {214, 93, 77}, {248, 214, 208}, {124, 86, 178}, {25, 128, 142}, {46, 160, 90}, {50, 100, 220}, {200, 30, 30},
    {96, 150, 230}, {205, 209, 216}, {150, 156, 168}, {70, 76, 88}, {219, 222, 230}, {160, 166, 180}, {55, 60, 70}};
constexpr Palette kDark{
    {30, 31, 36}, {44, 79, 123}, {58, 100, 160}, {40, 80, 140}, {50, 80, 120}, {45, 105, 200}, {179, 41, 41},
    {66, 52, 20}, {20, 21, 25}, {140, 144, 156}, {46, 48, 56}, {28, 29, 33}, {28, 46, 36},
    {235, 236, 240}, {165, 169, 180}, {255, 255, 255}, {255, 125, 115}, {110, 205, 145}, {240, 180, 80}, {130, 175, 255},
    {235, 110, 95}, {90, 52, 48}, {175, 135, 235}, {60, 190, 200}, {75, 195, 115}, {120, 170, 255}, {255, 110, 110},
    {96, 150, 230}, {62, 65, 74}, {112, 118, 130}, {0, 0, 0}, {52, 54, 62}, {92, 97, 110}, {214, 218, 226}};
constexpr Palette kHighContrastLight{
    {255, 255, 255}, {235, 235, 235}, {210, 210, 210}, {190, 190, 190}, {190, 210, 255}, {0, 0, 160}, {160, 0, 0},
    {255, 255, 190}, {255, 255, 255}, {0, 0, 0}, {255, 255, 255}, {215, 215, 215}, {235, 255, 235},
    {0, 0, 0}, {70, 70, 70}, {255, 255, 255}, {170, 0, 0}, {0, 100, 0}, {120, 70, 0}, {0, 0, 190},
    {0, 0, 0}, {200, 200, 200}, {90, 0, 140}, {0, 100, 110}, {0, 120, 0}, {0, 0, 230}, {200, 0, 0},
    {0, 0, 230}, {150, 150, 150}, {0, 0, 0}, {0, 0, 0}, {225, 225, 225}, {90, 90, 90}, {0, 0, 0}};
constexpr Palette kHighContrastDark{
    {0, 0, 0}, {40, 40, 40}, {70, 70, 70}, {90, 90, 90}, {0, 60, 120}, {0, 70, 200}, {170, 0, 0},
    {60, 50, 0}, {0, 0, 0}, {255, 255, 255}, {40, 40, 40}, {0, 0, 0}, {0, 30, 0},
    {255, 255, 255}, {200, 200, 200}, {255, 255, 255}, {255, 110, 110}, {110, 255, 140}, {255, 200, 80}, {140, 190, 255},
    {255, 255, 255}, {70, 70, 70}, {220, 170, 255}, {0, 220, 230}, {0, 255, 100}, {255, 255, 0}, {255, 80, 80},
    {120, 200, 255}, {110, 110, 110}, {255, 255, 255}, {0, 0, 0}, {50, 50, 50}, {150, 150, 150}, {255, 255, 255}};

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

const Palette& PaletteOf(Theme theme) {
  switch (theme) {
    case Theme::kLight: return kLight;
    case Theme::kDark: return kDark;
    case Theme::kHighContrastLight: return kHighContrastLight;
    case Theme::kHighContrastDark: return kHighContrastDark;
  }
  return kLight;
}

Theme ParseTheme(std::string_view name) {
  if (name == "dark") return Theme::kDark;
  if (name == "high-contrast-light") return Theme::kHighContrastLight;
  if (name == "high-contrast-dark") return Theme::kHighContrastDark;
  return Theme::kLight;
}

std::optional<Rgb> ParseHexColor(std::string_view text) {
  if (text.empty() || text.front() != '#') return std::nullopt;
  text.remove_prefix(1);
  int digits[6];
  if (text.size() != 3 && text.size() != 6) return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    digits[i] = HexDigit(text[i]);
    if (digits[i] < 0) return std::nullopt;
  }
  const auto channel = [&](std::size_t i) {
    return static_cast<std::uint8_t>(text.size() == 3 ? digits[i] * 17 : digits[2 * i] * 16 + digits[2 * i + 1]);
  };
  return Rgb{channel(0), channel(1), channel(2)};
}

Palette WithAccent(const Palette& palette, Theme theme, Rgb accent) {
  Palette out = palette;
  if (theme == Theme::kHighContrastLight || theme == Theme::kHighContrastDark) return out;
  // Toward black in small steps until the label reads (white reaches 4.5:1 on black, so this ends).
  for (int step = 0; step <= 20 && ContrastRatio(accent, out.on_primary) < 4.5; ++step) {
    accent = Rgb{static_cast<std::uint8_t>(accent.r * 0.95), static_cast<std::uint8_t>(accent.g * 0.95),
                 static_cast<std::uint8_t>(accent.b * 0.95)};
  }
  if (ContrastRatio(accent, out.on_primary) < 4.5) accent = Rgb{0, 0, 0};
  out.primary_button = accent;
  return out;
}

Palette PaletteFor(Theme theme, std::optional<Rgb> accent) {
  return accent ? WithAccent(PaletteOf(theme), theme, *accent) : PaletteOf(theme);
}

double ContrastRatio(Rgb a, Rgb b) {
  const double la = Luminance(a), lb = Luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace slotwise::widget
