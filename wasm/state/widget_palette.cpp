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
}  // namespace

double ContrastRatio(Rgb a, Rgb b) {
  const double la = Luminance(a), lb = Luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace slotwise::widget
