// dial_in.h — how to join a video conference by phone, as the provider states it (Teams' onlineMeeting toll numbers
// and conference ID, a Meet conference's "phone" entry points and PIN, Zoom's global dial-in numbers and meeting ID).
// Slotwise copies these into the candidate's invitation unchanged (docs/PROVIDERS.md, "Phone dial-in").
//
// Contract: plain values; DialInJson / DialInFromJson round-trip a list (the form kept in an interview's artifacts:
// [{"number", "region"?, "access_code"?}]); entries without a number are dropped when reading. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace slotwise::providers {

struct DialIn {
  std::string number;       // as the provider writes it: "+49 69 365 0000"
  std::string region;       // "DE", "Germany", …; "" when the provider does not say
  std::string access_code;  // what to key in after dialling (conference ID, PIN, meeting ID); "" when none
};

nlohmann::json DialInJson(const std::vector<DialIn>& dial_in);
std::vector<DialIn> DialInFromJson(const nlohmann::json& value);

}  // namespace slotwise::providers
