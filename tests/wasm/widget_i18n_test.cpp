// Tests for wasm/widget_i18n: every string exists in en/de/ja/nl with the same placeholders.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "state/widget_i18n.h"

using namespace slotwise::widget;

namespace {
std::multiset<std::string> Placeholders(const std::string& text) {
  std::multiset<std::string> found;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] == '{' && text[i + 2] == '}') found.insert(text.substr(i, 3));
  }
  return found;
}
}  // namespace

TEST_CASE("WidgetI18n: every string has all four languages with the same placeholders") {
  for (int i = 0; i < static_cast<int>(StringId::kCount); ++i) {
    const auto id = static_cast<StringId>(i);
    const std::string en = Tr(Locale::kEn, id);
    CAPTURE(i);
    CHECK_FALSE(en.empty());
    for (Locale locale : {Locale::kDe, Locale::kJa, Locale::kNl}) {
      const std::string text = Tr(locale, id);
      CHECK_FALSE(text.empty());
      CHECK(Placeholders(text) == Placeholders(en));
    }
  }
}

TEST_CASE("WidgetI18n: locales parse from language tags; Format fills placeholders in the language's order") {
  CHECK(ParseLocale("de-AT") == Locale::kDe);
  CHECK(ParseLocale("ja") == Locale::kJa);
  CHECK(ParseLocale("nl_NL") == Locale::kNl);
  CHECK(ParseLocale("fr") == Locale::kEn);
  CHECK(ParseLocale("") == Locale::kEn);
  CHECK(std::string(LocaleCode(Locale::kNl)) == "nl");
  CHECK(Format(Locale::kDe, StringId::kReasonGroupShort, {"1", "2"}) == "Nur 1 der 2 nötigen Interviewer sind frei.");
  CHECK(Format(Locale::kJa, StringId::kReasonGroupShort, {"1", "2"}) == "必要な面接官 2 人のうち 1 人しか空いていません。");
  CHECK(Format(Locale::kEn, StringId::kMinutes, {}) == "{0} min");  // a missing argument stays visible
}
