// interview_artifacts.cpp — see interview_artifacts.h.
#include "booking/interview_artifacts.h"

namespace slotwise {

using nlohmann::json;

namespace {

const json* Part(const json& artifacts, const char* name) {
  if (!artifacts.is_object()) return nullptr;
  const auto part = artifacts.find(name);
  return part != artifacts.end() && part->is_object() ? &*part : nullptr;
}

std::string Text(const json* part, const char* key) {
  if (!part) return "";
  const auto value = part->find(key);
  return value != part->end() && value->is_string() ? value->get<std::string>() : "";
}

std::vector<providers::DialIn> DialIn(const json* part) {
  if (!part || !part->contains("dial_in")) return {};
  return providers::DialInFromJson(part->at("dial_in"));
}

}  // namespace

bool HasMeetingArtifact(const json& artifacts) { return Part(artifacts, "meeting") != nullptr; }

ConferenceDetails MeetingDetails(const json& artifacts) {
  const json* meeting = Part(artifacts, "meeting");
  return {Text(meeting, "join_url"), Text(meeting, "passcode"), Text(meeting, "id"), DialIn(meeting)};
}

ConferenceDetails ConferenceOf(const json& artifacts) {
  ConferenceDetails details = MeetingDetails(artifacts);
  const json* event = Part(artifacts, "event");
  if (details.join_url.empty()) details.join_url = Text(event, "join_url");
  if (details.dial_in.empty()) details.dial_in = DialIn(event);
  return details;
}

}  // namespace slotwise
