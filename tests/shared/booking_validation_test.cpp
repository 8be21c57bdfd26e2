// Scenarios for shared/booking_validation: one booking per violation code, through the "validate" engine operation.
// The day is Tuesday 2026-12-01 (UTC); anna and ben interview, rita's Zoom account hosts, rooms a (4 seats) and b (10).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/engine_api.h"

using namespace slotwise;
using nlohmann::json;

namespace {

ZoneSource& Zones() {
  static InMemoryZoneSource zones;
  return zones;
}

// A valid booking 10:00–11:00 with anna, ben, room-b and zoom:rita; `booking`, `query`, `calendars` patch it.
json Document(const json& booking = json::object(), const json& query = json::object(),
              const json& calendars = json::object()) {
  json document = R"({
    "now": "2026-11-30T12:00:00Z",
    "query": {
      "participants": [{"members": [{"sub": "anna"}, {"sub": "ben"}], "required": "all"}],
      "required_duration": {"minutes": 60},
      "start_interval": {"minutes": 30},
      "buffer": {"before": {"minutes": 15}},
      "query_periods": [{"start": "2026-12-01T08:00:00Z", "end": "2026-12-01T18:00:00Z"}],
      "minimum_notice": {"minutes": 60},
      "rooms": {"members": [{"sub": "room-a"}, {"sub": "room-b"}], "required": 1, "min_capacity": 6},
      "conferencing": {"provider": "zoom", "host": "zoom:rita"}
    },
    "calendars": {
      "anna": {"working_hours": {"tue": [["09:00", "17:00"]]}, "max_interviews_per_day": 2,
               "busy": [{"start": "2026-12-01T13:00:00Z", "end": "2026-12-01T14:00:00Z", "status": "tentative"}]},
      "ben": {"busy": [{"start": "2026-12-01T15:00:00Z", "end": "2026-12-01T15:50:00Z"}]},
      "room-a": {"capacity": 4},
      "room-b": {"capacity": 10, "busy": [{"start": "2026-12-01T16:00:00Z", "end": "2026-12-01T17:00:00Z"}]},
      "zoom:rita": {"conferencing_account": {"provider": "zoom", "owner": "rita", "join_before_host": true,
                                             "passcode": {"enabled": true, "locked": true}},
                    "busy": [{"start": "2026-12-01T12:00:00Z", "end": "2026-12-01T12:30:00Z"}]},
      "rita": {}
    },
    "booking": {
      "start": "2026-12-01T10:00:00Z", "end": "2026-12-01T11:00:00Z",
      "participants": [{"sub": "anna"}, {"sub": "ben"}],
      "rooms": [{"sub": "room-b"}],
      "conferencing": {"provider": "zoom", "host": "zoom:rita"}
    }
  })"_json;
  document["booking"].merge_patch(booking);
  document["query"].merge_patch(query);
  document["calendars"].merge_patch(calendars);
  return document;
}

json Validate(const json& document) {
  EngineAnswer answer = CallEngine("validate", document.dump(), Zones());
  REQUIRE_MESSAGE(answer.status == EngineStatus::kOk, answer.body);
  return json::parse(answer.body);
}

std::vector<std::string> Codes(const json& answer) {
  std::vector<std::string> codes;
  for (const json& v : answer["violations"]) codes.push_back(v["code"].get<std::string>());
  return codes;
}

using Codes_ = std::vector<std::string>;

json At(const char* start, const char* end) { return {{"start", start}, {"end", end}}; }

}  // namespace

TEST_CASE("BookingValidation: a booking that keeps every rule is valid and reports its passcode") {
  const json answer = Validate(Document());
  CHECK(answer["valid"] == true);
  CHECK(answer["violations"].empty());
  CHECK(answer["warnings"].empty());
  CHECK(answer["passcode"] == json({{"passcode", true}, {"reason", "admin_locked"}}));
}

TEST_CASE("BookingValidation: time rules — duration, grid, query period, notice") {
  CHECK(Codes(Validate(Document(At("2026-12-01T10:00:00Z", "2026-12-01T10:45:00Z")))) == Codes_{"duration_mismatch"});
  CHECK(Codes(Validate(Document(At("2026-12-01T10:10:00Z", "2026-12-01T11:10:00Z")))) == Codes_{"not_on_grid"});
  CHECK(Codes(Validate(Document(At("2026-12-01T17:30:00Z", "2026-12-01T18:30:00Z")))) ==
        Codes_{"outside_query_period", "outside_working_hours"});
  CHECK(Codes(Validate(Document(json::object(), {{"minimum_notice", {{"minutes", 2000}}}}))) ==
        Codes_{"minimum_notice"});
}

TEST_CASE("BookingValidation: each person's rules name the culprit") {
  const json busy = Validate(Document(At("2026-12-01T13:00:00Z", "2026-12-01T14:00:00Z")));
  CHECK(Codes(busy) == Codes_{"busy"});
  CHECK(busy["violations"][0]["sub"] == "anna");
  CHECK(busy["violations"][0]["message"] ==
        "anna has a tentative event from 2026-12-01T13:00:00Z to 2026-12-01T14:00:00Z during the interview.");
  const json buffer = Validate(Document(At("2026-12-01T16:00:00Z", "2026-12-01T17:00:00Z"), json::object(),
                                        {{"room-b", {{"busy", json::array()}}}}));
  CHECK(Codes(buffer) == Codes_{"buffer"});  // ben's event ends 15:50, inside the 15-minute buffer
  CHECK(buffer["violations"][0]["sub"] == "ben");
  CHECK(Codes(Validate(Document(At("2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z")))) ==
        Codes_{"outside_working_hours"});
  const json two_interviews = {{"anna", {{"busy", {{{"start", "2026-12-01T07:00:00Z"}, {"end", "2026-12-01T07:30:00Z"},
                                                    {"interview", true}},
                                                   {{"start", "2026-12-01T17:00:00Z"}, {"end", "2026-12-01T17:30:00Z"},
                                                    {"interview", true}}}}}}};
  const json load = Validate(Document(json::object(), json::object(), two_interviews));
  CHECK(Codes(load) == Codes_{"load_limit"});
  CHECK(load["violations"][0]["message"] == "anna already has 2 interviews that day (limit 2).");
}

TEST_CASE("BookingValidation: groups need their members, and strangers are not in the query") {
  CHECK(Codes(Validate(Document({{"participants", {{{"sub", "anna"}}}}}))) == Codes_{"group_short"});
  CHECK(Codes(Validate(Document({{"participants", {{{"sub", "anna"}}, {{"sub", "ben"}}, {{"sub", "rita"}}}}}))) ==
        Codes_{"not_in_query"});
  CHECK(Codes(Validate(Document({{"participants", {{{"sub", "anna"}}, {{"sub", "ben"}}, {{"sub", "zed"}}}}}))) ==
        Codes_{"not_in_query"});
}

TEST_CASE("BookingValidation: rooms — busy, too small, too few") {
  CHECK(Codes(Validate(Document(At("2026-12-01T16:00:00Z", "2026-12-01T17:00:00Z"), json::object(),
                                {{"ben", {{"busy", json::array()}}}}))) == Codes_{"room_busy"});
  CHECK(Codes(Validate(Document({{"rooms", {{{"sub", "room-a"}}}}}))) == Codes_{"room_too_small"});
  CHECK(Codes(Validate(Document({{"rooms", json::array()}}))) == Codes_{"rooms_short"});
}

TEST_CASE("BookingValidation: host accounts — busy, rules by policy, provider, too few") {
  CHECK(Codes(Validate(Document(At("2026-12-01T11:30:00Z", "2026-12-01T12:30:00Z")))) == Codes_{"host_busy"});
  const json jbh_off = {{"zoom:rita", {{"conferencing_account", {{"join_before_host", false}}}}}};
  const json refused = Validate(Document(json::object(), json::object(), jbh_off));
  CHECK(Codes(refused) == Codes_{"host_absent_no_jbh"});
  CHECK(refused["violations"][0]["sub"] == "zoom:rita");
  const json warned = Validate(Document(json::object(), {{"host_rules", {{"host_absent_no_jbh", "warn"}}}}, jbh_off));
  CHECK(warned["valid"] == true);
  CHECK(warned["warnings"][0]["code"] == "host_absent_no_jbh");
  const json waiting = {{"zoom:rita", {{"conferencing_account", {{"waiting_room", true}}}}}};
  CHECK(Validate(Document(json::object(), json::object(), waiting))["warnings"][0]["code"] ==
        "waiting_room_overrides_jbh");
  CHECK(Codes(Validate(Document({{"conferencing", {{"provider", "teams"}}}}))) == Codes_{"provider_mismatch"});
  json no_video = Document();
  no_video["booking"].erase("conferencing");
  CHECK(Codes(Validate(no_video)) == Codes_{"hosts_short"});
  CHECK(Codes(Validate(Document({{"conferencing", {{"host", "zoom:nobody"}}}}))) ==
        Codes_{"not_in_query", "hosts_short"});
}

TEST_CASE("BookingValidation: every violation is reported, not only the first") {
  const json answer = Validate(Document({{"start", "2026-12-01T13:00:00Z"}, {"end", "2026-12-01T14:00:00Z"},
                                         {"rooms", {{{"sub", "room-a"}}}}}));
  CHECK(answer["valid"] == false);
  CHECK(Codes(answer) == Codes_{"busy", "room_too_small"});
}

TEST_CASE("BookingValidation: a malformed booking is invalid_query with its field") {
  auto field = [](const json& document) {
    EngineAnswer answer = CallEngine("validate", document.dump(), Zones());
    CHECK(answer.status == EngineStatus::kInvalidInput);
    return json::parse(answer.body)["error"]["field"].get<std::string>();
  };
  json document = Document();
  document.erase("booking");
  CHECK(field(document) == "booking");
  CHECK(field(Document({{"end", "2026-12-01T09:00:00Z"}})) == "booking.end");
  CHECK(field(Document({{"participants", {{{"id", "anna"}}}}})) == "booking.participants[0].sub");
  CHECK(field(Document({{"conferencing", {{"provider", "skype"}}}})) == "booking.conferencing.provider");
}
