// hr_text.h — every word the HR features show in Teams, in en, de, nl and ja: the daily update's headings and
// phrases, absence types, the absence request's confirmation and refusal texts, and the dates, durations and names
// they contain. Pure functions, thread-safe, UTF-8 output; no English is left in a de/nl/ja text except the data
// (people's names, unit names) itself. The e-mails speak six more languages (invites::Locale); for these the HR texts
// are English, dates and numbers included (HrLocale).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hr/hr_model.h"
#include "invites/locale_format.h"

namespace slotwise::hr {

using invites::Locale;

// The languages of channel mappings: exactly "en", "de", "nl", "ja".
bool IsLanguage(std::string_view tag);
// The language the HR texts are shown in for `locale`: en, de, nl and ja as they are; fr, es, it, pt, zh and ko
// (which only the e-mails speak) fall back to English, so a card never mixes an English text with a French date.
// Every function below applies it; a caller that also formats with invites:: functions applies it first.
Locale HrLocale(Locale locale);

// Absence types: vacation, sick_leave, parental_leave, special_leave, unpaid_leave, training.
bool IsAbsenceType(std::string_view type);
std::string AbsenceTypeList();  // "vacation, sick_leave, …" for messages
std::string_view AbsenceTypeLabel(std::string_view type, Locale locale);
// The built-in set as AbsenceTypes (names in en, de, nl, ja) — what a tenant without its own types offers.
std::vector<AbsenceType> BuiltInAbsenceTypes();
// The name of absence type `id` in `locale`: the tenant's own (`types`; its English name when the language is
// missing), else the built-in label, else the id itself.
std::string AbsenceTypeName(const std::vector<AbsenceType>& types, std::string_view id, Locale locale);

enum class TextId : std::uint8_t {
  kDailyTitle,          // {0} = unit name
  kAbsentToday,
  kBackOn,              // {0} = date
  kBackOnAfternoon,     // {0} = date
  kMorningOnly,         // marker after a name: absent in the morning only
  kAfternoonOnly,
  kBirthdays,
  kAnniversaries,
  kNewJoiners,
  kRequestReceived,     // confirmation card title
  kRequestRefused,      // refusal card title
  kFieldType,
  kFieldFirstDay,
  kFieldLastDay,
  kFieldSubstitute,
  kFieldDuration,
  kFieldStatus,
  kStatusRequested,
  kPartFull,
  kPartMorning,
  kPartAfternoon,
  kConflictingInterviews,
  kRefusedOverlap,           // {0} = first day, {1} = last day of the existing absence
  kRefusedSubstituteAbsent,  // {0} = substitute's name, {1} = date
  kRefusedUnknownRequester,
  kRefusedUnknownSubstitute,
  kRefusedInvalid,           // {0} = the field
  // The Teams app's cards (hr/teams_bot.h)
  kBotFormTitle,
  kBotStepOne,
  kBotStepTwo,
  kBotType,
  kBotFirstDayPart,
  kBotLastDayPart,
  kBotNext,
  kBotSubmit,
  kBotSubstitute,
  kBotNoSubstitute,
  kBotComment,
  kBotHelp,
  kBotNotConnected,
  kBotRequired,
  kBotNoColleagues,
};

// The text `id` in `locale` with {0}, {1} replaced by `args` (missing arguments stay empty).
std::string Text(TextId id, Locale locale, const std::vector<std::string>& args = {});

// A calendar day (time.h day number) as the locale writes it, with the weekday: de "Montag, 26. Oktober 2026".
std::string FormatDay(std::int64_t day_number, Locale locale);
// Work anniversaries: en "1 year" / "5 years", de "1 Jahr" / "5 Jahre", nl "5 jaar", ja "5周年".
std::string FormatYears(std::int64_t years, Locale locale);
// Working days from half days: en "2.5 working days" / "1 working day", de "2,5 Arbeitstage" / "1 Arbeitstag",
// nl "2,5 werkdagen" / "1 werkdag", ja "2.5営業日".
std::string FormatWorkingDays(std::int64_t half_days, Locale locale);
// A person's name: "First Last"; ja "Last First".
std::string FullName(std::string_view first, std::string_view last, Locale locale);

}  // namespace slotwise::hr
