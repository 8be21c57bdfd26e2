// Tests for wasm/widget_find: people and rooms found by name, e-mail or building (best matches first, free or busy at
// the selected time), and time zones by city, IANA name or offset.
#include <doctest/doctest.h>

#include "state/widget_find.h"

using namespace slotwise;
using namespace slotwise::widget;

namespace {
Row Person(std::string sub, std::string name, RowKind kind = RowKind::kInterviewer) {
  Row row;
  row.kind = kind;
  row.sub = std::move(sub);
  row.name = std::move(name);
  return row;
}
WidgetModel Directory() {
  WidgetModel model;
  model.rows = {Person("anna.schmidt@kumo.example", "Anna Schmidt"), Person("hanna.berg@kumo.example", "Hanna Berg"),
                Person("jonas.becker@kumo.example", "Jonas Becker"), Person("ken.sato@kumo.example", "佐藤 健"),
                Person("room-spree@kumo.example", "Berlin · Spree", RowKind::kRoom),
                Person("zoom:anna.schmidt@kumo.example", "Anna Schmidt", RowKind::kHost)};
  model.rows[4].building = "Berlin HQ";
  model.busy["jonas.becker@kumo.example"] = {{{1000, 2000}, BusyStatus::kBusy, false}};
  model.busy["anna.schmidt@kumo.example"] = {{{1000, 2000}, BusyStatus::kWorkingElsewhere, false}};
  return model;
}
std::vector<std::string> Names(const WidgetModel& model, const std::vector<FoundRow>& found) {
  std::vector<std::string> names;
  for (const FoundRow& row : found) names.push_back(model.rows[static_cast<std::size_t>(row.row)].name);
  return names;
}
}  // namespace

TEST_CASE("WidgetFind: people and rooms by name, best first; host accounts are not offered") {
  const WidgetModel model = Directory();
  CHECK(Names(model, FindRows(model, "anna", std::nullopt, 10)) == std::vector<std::string>{"Anna Schmidt", "Hanna Berg"});
  CHECK(Names(model, FindRows(model, "ANNA", std::nullopt, 10)).front() == "Anna Schmidt");  // any case
  CHECK(Names(model, FindRows(model, "becker", std::nullopt, 10)) == std::vector<std::string>{"Jonas Becker"});
  CHECK(Names(model, FindRows(model, "佐藤", std::nullopt, 10)) == std::vector<std::string>{"佐藤 健"});
  CHECK(Names(model, FindRows(model, "hq", std::nullopt, 10)) == std::vector<std::string>{"Berlin · Spree"});  // building
  CHECK(Names(model, FindRows(model, "ken.sato@", std::nullopt, 10)) == std::vector<std::string>{"佐藤 健"});  // e-mail
  CHECK(FindRows(model, "  ", std::nullopt, 10).empty());
  CHECK(FindRows(model, "zzz", std::nullopt, 10).empty());
  CHECK(FindRows(model, "a", std::nullopt, 2).size() == 2);  // the limit
}

TEST_CASE("WidgetFind: each result says whether it is free at the selected time") {
  const WidgetModel model = Directory();
  const std::vector<FoundRow> found = FindRows(model, "o", Interval{1500, 1800}, 10);
  for (const FoundRow& row : found) {
    const std::string& sub = model.rows[static_cast<std::size_t>(row.row)].sub;
    CHECK(row.has_when);
    CHECK(row.free == (sub != "jonas.becker@kumo.example"));  // working elsewhere is not busy
  }
  CHECK_FALSE(FindRows(model, "jonas", std::nullopt, 10).front().has_when);
}

TEST_CASE("WidgetFind: time zones from the page, found by city, name or offset") {
  const std::vector<ZoneChoice> zones = ParseZoneChoices(
      R"({"zones": [{"id": "America/New_York", "offset": "UTC-05:00"}, {"id": "America/Argentina/Buenos_Aires",
          "offset": "UTC-03:00"}, {"id": "Europe/Berlin", "offset": "UTC+01:00"}, {"offset": "UTC"}, 7]})");
  REQUIRE(zones.size() == 3);
  CHECK(zones[0].city == "New York");
  CHECK(zones[1].city == "Buenos Aires");
  CHECK(FindZones(zones, "new york", 10) == std::vector<std::size_t>{0});
  CHECK(FindZones(zones, "york", 10) == std::vector<std::size_t>{0});
  CHECK(FindZones(zones, "buenos", 10) == std::vector<std::size_t>{1});
  CHECK(FindZones(zones, "europe/", 10) == std::vector<std::size_t>{2});
  CHECK(FindZones(zones, "+01", 10) == std::vector<std::size_t>{2});
  CHECK(FindZones(zones, "", 2) == std::vector<std::size_t>{0, 1});
  CHECK(ParseZoneChoices("not json").empty());
}
