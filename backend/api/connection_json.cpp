// connection_json.cpp — see connection_json.h.
#include "api/connection_json.h"

namespace slotwise {

nlohmann::json ConnectionJson(const Connection& c, const std::vector<FunctionCheck>& checks) {
  nlohmann::json out = {{"id", c.id},
                        {"provider", oauth::ProviderName(c.provider)},
                        {"user", c.user_id},
                        {"account_email", c.account_email},
                        {"status", ConnectionStatusName(c.status)},
                        {"checks", nlohmann::json::array()}};
  if (!c.status_message.empty()) out["status_message"] = c.status_message;
  for (const FunctionCheck& check : checks) {
    out["checks"].push_back({{"name", check.name}, {"outcome", check.outcome}, {"detail", check.detail}});
  }
  return out;
}

}  // namespace slotwise
