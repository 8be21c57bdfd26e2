// locale.cpp — see slotwise/locale.h.
#include "slotwise/locale.h"

#include <array>

#include "slotwise/ascii.h"

namespace slotwise {

namespace {
// By enumeration value.
constexpr std::array<std::string_view, kLocaleCount> kTags = {"en", "de", "ja", "nl", "fr", "es", "it", "pt", "zh", "ko"};
}  // namespace

Locale ParseLocale(std::string_view tag) {
  const std::string primary = AsciiLower(tag.substr(0, tag.find_first_of("-_")));
  for (std::size_t i = 0; i < kTags.size(); ++i) {
    if (primary == kTags[i]) return static_cast<Locale>(i);
  }
  return Locale::kEn;
}

std::string_view LocaleTag(Locale locale) {
  const auto index = static_cast<std::size_t>(locale);
  return index < kTags.size() ? kTags[index] : kTags[0];
}

}  // namespace slotwise
