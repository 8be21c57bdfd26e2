// availability_json.cpp — the solver's answer as docs/ENGINE.md JSON (see
// solver.h). Printed with DumpJson by the caller.
#include "slotwise/solver.h"

#include "slotwise/host_rules.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

nlohmann::json SubList(const std::vector<std::size_t>& indices, const std::vector<Calendar>& calendars) {
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i : indices) list.push_back({{"sub", calendars[i].sub}});
  return list;
}

// Appends `value` as DumpJson prints a JSON string. Plain printable ASCII (the usual e-mail address) is copied with
// only '"' and '\\' escaped, as nlohmann does; anything else (control characters, UTF-8, invalid bytes) goes through
// DumpJson itself, so the rare cases are exact by construction.
void AppendJsonString(std::string& out, const std::string& value) {
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f) {
      out += DumpJson(nlohmann::json(value));
      return;
    }
  }
  out.push_back('"');
  for (const char c : value) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

// [{"sub":"…"},…]
void AppendSubList(std::string& out, const std::vector<std::size_t>& indices, const std::vector<Calendar>& calendars) {
  out.push_back('[');
  for (std::size_t k = 0; k < indices.size(); ++k) {
    if (k > 0) out.push_back(',');
    out += "{\"sub\":";
    AppendJsonString(out, calendars[indices[k]].sub);
    out.push_back('}');
  }
  out.push_back(']');
}

void AppendInstant(std::string& out, Instant t) {
  out.push_back('"');
  AppendRfc3339(out, t);
  out.push_back('"');
}

}  // namespace

std::string AnswerToText(const Problem& problem, const std::vector<SlotMatch>& items) {
  // Keys in DumpJson's (sorted) order: end, hosts, participants, rooms, start.
  std::string out = problem.query.response_format == ResponseFormat::kPeriods ? "{\"available_periods\":["
                                                                              : "{\"available_slots\":[";
  out.reserve(out.size() + items.size() * 160);
  for (std::size_t n = 0; n < items.size(); ++n) {
    const SlotMatch& item = items[n];
    if (n > 0) out.push_back(',');
    out += "{\"end\":";
    AppendInstant(out, item.interval.end);
    if (problem.query.conferencing) {
      out += ",\"hosts\":[";
      for (std::size_t k = 0; k < item.hosts.size(); ++k) {
        if (k > 0) out.push_back(',');
        const Calendar& host = problem.calendars[item.hosts[k]];
        out += DumpJson(HostItemJson(host, problem.query, OwnerAmong(host, item.participants)));
      }
      out.push_back(']');
    }
    out += ",\"participants\":";
    AppendSubList(out, item.participants, problem.calendars);
    if (problem.query.rooms) {
      out += ",\"rooms\":";
      AppendSubList(out, item.rooms, problem.calendars);
    }
    out += ",\"start\":";
    AppendInstant(out, item.interval.start);
    out.push_back('}');
  }
  out.push_back(']');
  if (const nlohmann::json unknown = UnknownFreeBusyJson(problem); !unknown.empty()) {
    out += ",\"unknown_free_busy\":";  // after "available_…" and "explanation", as DumpJson orders keys
    out += DumpJson(unknown);
  }
  out.push_back('}');
  return out;
}

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
  nlohmann::json answer = {{key, std::move(list)}};
  if (nlohmann::json unknown = UnknownFreeBusyJson(problem); !unknown.empty()) {
    answer["unknown_free_busy"] = std::move(unknown);
  }
  return answer;
}

}  // namespace slotwise
