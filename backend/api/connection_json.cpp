// connection_json.cpp — see connection_json.h.
#include "api/connection_json.h"

namespace slotwise {

// What a function check proves, in words (unknown names: the name itself, readable).
std::string CheckTitle(const std::string& name) {
  if (name == "read_free_busy") return "Reading when you are busy";
  if (name == "create_delete_probe_event") return "Adding an interview to the calendar (a test event, removed again)";
  if (name == "create_delete_probe_meeting") return "Creating a video meeting (a test meeting, removed again)";
  if (name == "list_rooms") return "Seeing the organisation's meeting rooms";
  if (name == "subscribe_changes") return "Watching the calendar for changes";
  if (name == "read_settings") return "Reading the meeting settings";
  if (name == "connection") return "Reaching the account";
  if (name == "configuration") return "The server's set-up for this provider";
  std::string readable = name;
  for (char& c : readable) c = (c == '_') ? ' ' : c;
  if (!readable.empty() && readable[0] >= 'a' && readable[0] <= 'z') readable[0] = static_cast<char>(readable[0] - 32);
  return readable;
}


nlohmann::json ConnectionJson(const Connection& c, const std::vector<FunctionCheck>& checks) {
  nlohmann::json out = {{"id", c.id},
                        {"provider", oauth::ProviderName(c.provider)},
                        {"user", c.user_id},
                        {"account_email", c.account_email},
                        {"status", ConnectionStatusName(c.status)},
                        {"checks", nlohmann::json::array()}};
  if (!c.status_message.empty()) out["status_message"] = c.status_message;
  for (const FunctionCheck& check : checks) {
    out["checks"].push_back(
        {{"name", check.name}, {"title", CheckTitle(check.name)}, {"outcome", check.outcome}, {"detail", check.detail}});
  }
  return out;
}

}  // namespace slotwise
