// locale.h — the languages Slotwise speaks, one enumeration for its two users: the backend's built-in e-mails
// (backend/invites) and the widget's interface (wasm/state). English, German, Japanese, Dutch, French, Spanish,
// Italian, Portuguese, Chinese (Simplified) and Korean; a feature may speak fewer (the HR texts: hr/hr_text.h).
// Pure.
#pragma once

#include <cstddef>
#include <string_view>

namespace slotwise {

enum class Locale { kEn, kDe, kJa, kNl, kFr, kEs, kIt, kPt, kZh, kKo };
inline constexpr std::size_t kLocaleCount = 10;

// The locale of a BCP 47 language tag, by its primary language subtag, case-insensitive ("de-DE", "de-AT", "DE",
// "ja", "nl-BE", "fr-CA", "es-419", "pt-BR", "pt-PT", "ko-KR"; "_" is accepted as a separator too). Every Chinese tag
// ("zh-CN", "zh-TW", "zh-Hant-HK") gives kZh, the Simplified texts: there are no Traditional ones yet. Empty,
// malformed or unsupported tags give kEn (English is every text's fallback).
Locale ParseLocale(std::string_view tag);
// The primary subtag: "en", "de", "ja", "nl", "fr", "es", "it", "pt", "zh", "ko" (a NUL-terminated literal).
std::string_view LocaleTag(Locale locale);

}  // namespace slotwise
