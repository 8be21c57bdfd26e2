// widget_time_format.h — instants as wall-clock text per locale and zone (pure; zones come in as values).
//
//   en  "Tue, Dec 1"     "9:30 AM"    (12-hour clock)
//   de  "Di., 1. Dez."   "09:30"
//   ja  "12月1日(火)"     "9:30"
//   nl  "di 1 dec"       "09:30"
// A range on one local day: "<day>, <clock>–<clock>" (ja: "<day> <clock>–<clock>"). Month and weekday names come from
// fixed tables here, not from the browser, so native tests and the page agree.
#pragma once

#include <string>
#include <string_view>

#include "slotwise/time_zone.h"
#include "state/widget_model.h"

namespace slotwise::widget {

std::string FormatClock(Locale locale, std::int32_t second_of_day);        // "9:30 AM" / "09:30" / "9:30"
// An hour of the grid's axis, as short as the locale writes it: "7 AM" / "12 PM" (en), "07" (de, nl: the axis of a
// 24-hour clock), "7時" (ja).
std::string FormatHourLabel(Locale locale, int hour);
std::string FormatDay(Locale locale, const CivilDate& date);              // "Tue, Dec 1" …
std::string FormatDateTime(Locale locale, Instant t, const TimeZone& zone);  // day + clock
// "Tue, Dec 1, 9:00 AM–10:00 AM"; when the end falls on another local day both days are written.
std::string FormatRange(Locale locale, Interval interval, const TimeZone& zone);
std::string FormatDuration(Locale locale, std::int32_t minutes);          // "1 h 30 min", "1時間30分", …
// The city of an IANA name: "America/New_York" -> "New York"; "UTC" stays.
// Every fixed piece of text the formats of `locale` write (weekday and month names, units), for font baking.
std::string FormatTexts(Locale locale);

std::string ZoneCity(std::string_view zone_name);
// The zone's UT offset at t as "UTC+9" / "UTC-5" / "UTC+5:30".
std::string FormatOffset(const TimeZone& zone, Instant t);

}  // namespace slotwise::widget
