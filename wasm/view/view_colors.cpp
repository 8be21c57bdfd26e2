// view_colors.cpp — see view_colors.h.
#include "view/view_colors.h"

namespace slotwise::widget {

namespace {
Palette& Current() {
  static Palette palette = PaletteOf(Theme::kLight);
  return palette;
}
}  // namespace

const Palette& Colors() { return Current(); }
void UsePalette(const Palette& palette) { Current() = palette; }

}  // namespace slotwise::widget
