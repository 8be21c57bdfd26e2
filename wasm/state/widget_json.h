// widget_json.h — the few JSON readers and builders the widget's state functions share (widget_data, widget_solve,
// widget_booking, widget_loop_booking, widget_proposal): tolerant reads of server answers (a missing or mistyped
// member reads as empty / 0, never throws) and the docs/ENGINE.md member list [{"sub": …}].
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/json_input.h"

namespace slotwise::widget {

// Bodies are parsed with slotwise::ParseJson (slotwise/json_input.h: bounded nesting, never throws).

// object[key] when it is a string, else "".
inline std::string JsonText(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object.at(key).is_string()) return "";
  return object.at(key).get<std::string>();
}

// object[key] when it is an integer, else 0.
inline std::int64_t JsonInt(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object.at(key).is_number_integer()) return 0;
  return object.at(key).get<std::int64_t>();
}

// The subs of a members list [{"sub": …}] (items without a string sub are skipped; not a list: none).
inline std::vector<std::string> SubsOf(const nlohmann::json& list) {
  std::vector<std::string> subs;
  if (!list.is_array()) return subs;
  for (const nlohmann::json& item : list) {
    if (item.is_object() && item.contains("sub") && item.at("sub").is_string()) subs.push_back(item.at("sub").get<std::string>());
  }
  return subs;
}

// [{"sub": s} for s in subs] — a members list of docs/ENGINE.md's query and booking.
inline nlohmann::json SubMembers(const std::vector<std::string>& subs) {
  nlohmann::json members = nlohmann::json::array();
  for (const std::string& sub : subs) members.push_back({{"sub", sub}});
  return members;
}

}  // namespace slotwise::widget
