// availability_json.cpp — the solver's answer as API.md JSON (see solver.h). Printed with DumpJson by the caller.
#include "slotwise/solver.h"

#include "slotwise/host_rules.h"

namespace slotwise {

namespace {

nlohmann::json SubList(const std::vector<std::size_t>& indices, const std::vector<Calendar>& calendars) {
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i : indices) list.push_back({{"sub", calendars[i].sub}});
  return list;
}

}  // namespace

nlohmann::json AnswerToJson(const Problem& problem, const std::vector<SlotMatch>& items) {
  nlohmann::json list = nlohmann::json::array();
  for (const SlotMatch& item : items) {
    nlohmann::json entry = {{"start", FormatRfc3339(item.interval.start)},
                            {"end", FormatRfc3339(item.interval.end)},
                            {"participants", SubList(item.participants, problem.calendars)}};
    if (problem.query.rooms) entry["rooms"] = SubList(item.rooms, problem.calendars);
    if (problem.query.conferencing) {
      nlohmann::json hosts = nlohmann::json::array();
      for (std::size_t h : item.hosts) {
        const Calendar& host = problem.calendars[h];
        hosts.push_back(HostItemJson(host, problem.query, OwnerAmong(host, item.participants)));
      }
      entry["hosts"] = std::move(hosts);
    }
    list.push_back(std::move(entry));
  }
  const char* key =
      problem.query.response_format == ResponseFormat::kPeriods ? "available_periods" : "available_slots";
  return nlohmann::json{{key, std::move(list)}};
}

}  // namespace slotwise
