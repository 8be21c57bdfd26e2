// widget_find.h — finding things in the widget: people and rooms by what the recruiter types (the "Find people and
// rooms" field: a person found is added to the interview, a room chosen), and time zones by city, IANA name or
// offset (the candidate's zone picker). Matching is case-insensitive for Latin letters and plain substring for other
// scripts; better matches first: the name's start, then a word's start, then anywhere. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "state/widget_model.h"

namespace slotwise::widget {

struct FoundRow {
  int row = 0;              // index into model.rows
  bool free = false;        // nothing busy, tentative or out of office overlaps `when` (the selected time)
  bool has_when = false;    // whether there was a time to check
};

// People (interviewers, observers) and rooms matching `query` in name, e-mail or building, best first, at most
// `limit`. An empty query finds nothing. `when` (optional) is the selected time each result is checked against.
std::vector<FoundRow> FindRows(const WidgetModel& model, std::string_view query, const std::optional<Interval>& when,
                               std::size_t limit);

// Whether nothing busy, tentative or out of office of `sub` overlaps `when`.
bool FreeDuring(const WidgetModel& model, const std::string& sub, Interval when);

// A time zone as the page lists it (the browser's Intl: every IANA zone with its offset now).
struct ZoneChoice {
  std::string id;      // "America/New_York"
  std::string city;    // "New York"
  std::string offset;  // "UTC−05:00"
};

// The page's list {"zones": [{"id", "offset"}, …]} (the city is derived from the id); malformed entries skipped.
std::vector<ZoneChoice> ParseZoneChoices(std::string_view json);

// Indexes of the zones matching `query` in city, id or offset, best first (city start, then anywhere), at most
// `limit`; an empty query lists the first `limit` in the page's order.
std::vector<std::size_t> FindZones(const std::vector<ZoneChoice>& zones, std::string_view query, std::size_t limit);

}  // namespace slotwise::widget
