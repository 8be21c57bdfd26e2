// dial_in.cpp — see dial_in.h.
#include "providers/dial_in.h"

namespace slotwise::providers {

using nlohmann::json;

json DialInJson(const std::vector<DialIn>& dial_in) {
  json list = json::array();
  for (const DialIn& entry : dial_in) {
    json item = {{"number", entry.number}};
    if (!entry.region.empty()) item["region"] = entry.region;
    if (!entry.access_code.empty()) item["access_code"] = entry.access_code;
    list.push_back(std::move(item));
  }
  return list;
}

std::vector<DialIn> DialInFromJson(const json& value) {
  std::vector<DialIn> dial_in;
  if (!value.is_array()) return dial_in;
  for (const json& item : value) {
    if (!item.is_object() || !item.contains("number") || !item.at("number").is_string()) continue;
    DialIn entry{item.at("number").get<std::string>(), item.value("region", ""), item.value("access_code", "")};
    if (!entry.number.empty()) dial_in.push_back(std::move(entry));
  }
  return dial_in;
}

}  // namespace slotwise::providers
