// Fuzz target: the engine's text entry point CallEngine (slotwise/engine_api.h), as the CLI, the REST API and the
// WebAssembly module call it. Input: one byte choosing the operation (solve, validate, merge_intervals), then the
// request document. Zones come from /usr/share/zoneinfo through the server's own ZoneinfoDirectory.
// Properties:
//   - the status is kOk or kInvalidInput (kInternalError is an exception that escaped the engine: a bug), and the body
//     is one JSON object: the answer, or {"error": {"code", "message", "field"?}} with a non-empty code and message;
//   - solve → validate: the first and the last slot "solve" returns, booked with the participants, rooms and hosts it
//     lists, are valid for "validate" on the same document (the agreement booking_validation.h promises);
//   - merge_intervals is idempotent: merging its own answer gives the same answer.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "fuzz_zones.h"
#include "slotwise/engine_api.h"
#include "slotwise/json_input.h"

namespace {

using slotwise::fuzz::SystemZones;

using nlohmann::json;
using slotwise::CallEngine;
using slotwise::EngineAnswer;
using slotwise::EngineStatus;

// The answer's body as JSON, after checking the status/body contract.
json CheckedBody(const EngineAnswer& answer, std::string_view operation) {
  FUZZ_CHECK(answer.status == EngineStatus::kOk || answer.status == EngineStatus::kInvalidInput,
             operation << " answered status " << static_cast<int>(answer.status) << ": " << answer.body);
  const json body = json::parse(answer.body, nullptr, /*allow_exceptions=*/false);
  FUZZ_CHECK(body.is_object(), operation << " answered a body that is not a JSON object: " << answer.body);
  if (answer.status == EngineStatus::kInvalidInput) {
    const auto error = body.find("error");
    FUZZ_CHECK(error != body.end() && error->is_object() && error->value("code", json()).is_string() &&
                   !error->value("code", std::string()).empty() && !error->value("message", std::string()).empty() &&
                   (!error->contains("field") || error->at("field").is_string()),
               operation << " answered a malformed error object: " << answer.body);
  }
  return body;
}

json Subs(const json& slot, const char* key) {
  json subs = json::array();
  if (const auto list = slot.find(key); list != slot.end() && list->is_array()) {
    for (const json& item : *list) subs.push_back({{"sub", item.at("sub")}});
  }
  return subs;
}

// "validate" of `slot` on the document that produced it.
void CheckSlotValidates(json document, const json& slot) {
  json booking = {{"start", slot.at("start")}, {"end", slot.at("end")}, {"participants", Subs(slot, "participants")}};
  if (slot.contains("rooms")) booking["rooms"] = Subs(slot, "rooms");
  const json& query = document.at("query");
  if (const auto conferencing = query.find("conferencing"); conferencing != query.end() && conferencing->is_object()) {
    booking["conferencing"] = {{"provider", conferencing->value("provider", json())}, {"hosts", Subs(slot, "hosts")}};
  }
  document["booking"] = booking;
  const std::string text = document.dump();
  const EngineAnswer answer = CallEngine("validate", text, SystemZones());
  const json body = CheckedBody(answer, "validate");
  FUZZ_CHECK(answer.status == EngineStatus::kOk && body.value("valid", false),
             "a slot solve returned does not validate: " << answer.body << "\nslot " << slot.dump() << "\ndocument "
                                                         << text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  slotwise::fuzz::FuzzInput input(data, size);
  static const char* const kOperations[] = {"solve", "validate", "merge_intervals"};
  const char* operation = kOperations[input.Byte() % 3];
  const std::string_view text = input.Rest();
  const EngineAnswer answer = CallEngine(operation, text, SystemZones());
  const json body = CheckedBody(answer, operation);
  if (answer.status != EngineStatus::kOk) return 0;

  if (std::string_view(operation) == "merge_intervals") {
    const EngineAnswer again = CallEngine(operation, answer.body, SystemZones());
    FUZZ_CHECK(again.status == EngineStatus::kOk && again.body == answer.body,
               "merging a merged list changed it: " << answer.body << " -> " << again.body);
  } else if (std::string_view(operation) == "solve") {
    const auto slots = body.find("available_slots");
    if (slots == body.end() || slots->empty()) return 0;
    const json document = slotwise::ParseJson(text);
    CheckSlotValidates(document, slots->front());
    if (slots->size() > 1) CheckSlotValidates(document, slots->back());
  }
  return 0;
}
