// widget_find.cpp — see widget_find.h.
#include "state/widget_find.h"

#include <algorithm>

#include "slotwise/json_input.h"
#include "state/widget_json.h"

namespace slotwise::widget {

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// 3: `text` starts with `query`; 2: a word of it does; 1: it contains it; 0: no match. Both lower-cased.
int MatchScore(const std::string& text, const std::string& query) {
  const std::size_t at = text.find(query);
  if (at == std::string::npos) return 0;
  if (at == 0) return 3;
  for (std::size_t from = at; from != std::string::npos; from = text.find(query, from + 1)) {
    const char before = text[from - 1];
    if (before == ' ' || before == '.' || before == '-' || before == '_' || before == '/' || before == '@') return 2;
  }
  return 1;
}

}  // namespace

bool FreeDuring(const WidgetModel& model, const std::string& sub, Interval when) {
  const auto events = model.busy.find(sub);
  if (events == model.busy.end()) return true;
  for (const BusyEvent& event : events->second) {
    if (event.status == BusyStatus::kFree || event.status == BusyStatus::kWorkingElsewhere) continue;
    if (event.when.start < when.end && when.start < event.when.end) return false;
  }
  return true;
}

std::vector<FoundRow> FindRows(const WidgetModel& model, std::string_view query, const std::optional<Interval>& when,
                               std::size_t limit) {
  const std::string wanted = Lower(query);
  std::vector<std::pair<int, FoundRow>> scored;
  if (wanted.find_first_not_of(' ') == std::string::npos) return {};
  for (std::size_t i = 0; i < model.rows.size(); ++i) {
    const Row& row = model.rows[i];
    if (row.kind == RowKind::kHost) continue;
    const int score = std::max({MatchScore(Lower(row.name), wanted) * 2, MatchScore(Lower(row.sub), wanted),
                                MatchScore(Lower(row.building), wanted)});
    if (score == 0) continue;
    FoundRow found;
    found.row = static_cast<int>(i);
    found.has_when = when.has_value();
    found.free = when && FreeDuring(model, row.sub, *when) && !model.unknown_free_busy.count(row.sub);
    scored.emplace_back(score, found);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<FoundRow> out;
  for (std::size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(scored[i].second);
  return out;
}

std::vector<ZoneChoice> ParseZoneChoices(std::string_view text) {
  const nlohmann::json list = slotwise::ParseJson(text);
  std::vector<ZoneChoice> zones;
  if (!list.is_object() || !list.contains("zones") || !list.at("zones").is_array()) return zones;
  for (const nlohmann::json& item : list.at("zones")) {
    ZoneChoice zone;
    zone.id = JsonText(item, "id");
    if (zone.id.empty()) continue;
    zone.offset = JsonText(item, "offset");
    const std::size_t slash = zone.id.rfind('/');
    zone.city = zone.id.substr(slash == std::string::npos ? 0 : slash + 1);
    std::replace(zone.city.begin(), zone.city.end(), '_', ' ');
    zones.push_back(std::move(zone));
  }
  return zones;
}

std::vector<std::size_t> FindZones(const std::vector<ZoneChoice>& zones, std::string_view query, std::size_t limit) {
  const std::string wanted = Lower(query);
  std::vector<std::pair<int, std::size_t>> scored;
  const bool everything = wanted.find_first_not_of(' ') == std::string::npos;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const int score = everything ? 1
                                 : std::max({MatchScore(Lower(zones[i].city), wanted) * 2, MatchScore(Lower(zones[i].id), wanted),
                                             MatchScore(Lower(zones[i].offset), wanted)});
    if (score > 0) scored.emplace_back(score, i);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(scored[i].second);
  return out;
}

}  // namespace slotwise::widget
