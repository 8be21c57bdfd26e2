// Tests for wasm/widget_i18n: every string exists in all ten languages with the same placeholders.
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

TEST_CASE("WidgetI18n: every string has all ten languages with the same placeholders") {
  for (int i = 0; i < static_cast<int>(StringId::kCount); ++i) {
    const auto id = static_cast<StringId>(i);
    const std::string en = Tr(Locale::kEn, id);
    CAPTURE(i);
    CHECK_FALSE(en.empty());
    for (Locale locale : kLocales) {
      const std::string text = Tr(locale, id);
      CHECK_FALSE(text.empty());
      CHECK(Placeholders(text) == Placeholders(en));
    }
  }
}

TEST_CASE("WidgetI18n: the six newer locales parse from their tags and round-trip through their codes") {
  CHECK(ParseLocale("fr-CA") == Locale::kFr);
  CHECK(ParseLocale("es") == Locale::kEs);
  CHECK(ParseLocale("it-IT") == Locale::kIt);
  CHECK(ParseLocale("pt-BR") == Locale::kPt);
  CHECK(ParseLocale("zh-CN") == Locale::kZh);
  CHECK(ParseLocale("ko_KR") == Locale::kKo);
  for (Locale locale : kLocales) CHECK(ParseLocale(LocaleCode(locale)) == locale);
  CHECK(std::string(LanguageName(Locale::kKo)) == "한국어");
  CHECK(std::string(Tr(Locale::kFr, StringId::kBook)) != Tr(Locale::kEn, StringId::kBook));
}

TEST_CASE("WidgetI18n: locales parse from language tags; Format fills placeholders in the language's order") {
  CHECK(ParseLocale("de-AT") == Locale::kDe);
  CHECK(ParseLocale("ja") == Locale::kJa);
  CHECK(ParseLocale("nl_NL") == Locale::kNl);
  CHECK(ParseLocale("sv") == Locale::kEn);  // not (yet) a widget language
  CHECK(ParseLocale("") == Locale::kEn);
  CHECK(std::string(LocaleCode(Locale::kNl)) == "nl");
  CHECK(Format(Locale::kDe, StringId::kReasonGroupShort, {"1", "2"}) == "Nur 1 der 2 nötigen Interviewer sind frei.");
  CHECK(Format(Locale::kJa, StringId::kReasonGroupShort, {"1", "2"}) == "必要な面接官 2 人のうち 1 人しか空いていません。");
  CHECK(Format(Locale::kEn, StringId::kMinutes, {}) == "{0} min");  // a missing argument stays visible
}
