// connection_json.h — a person's provider connection as the API shows it (GET /v1/connections, the organisation's
// people overview, the callback page's message): {"id", "provider", "user", "account_email", "status",
// "status_message"?, "checks": [{"name", "outcome", "detail"}]}. Never a token.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "connections/connection_store.h"

namespace slotwise {

nlohmann::json ConnectionJson(const Connection& connection, const std::vector<FunctionCheck>& checks);

}  // namespace slotwise
