// connection_json.h — a person's provider connection as the API shows it (GET /v1/connections, the organisation's
// people overview, the callback page's message): {"id", "provider", "user", "account_email", "status",
// "status_message"?, "checks": [{"name", "title", "outcome", "detail"}]}. Never a token. `title` says in words what
// the check proves (CheckTitle), so every page shows the same sentence.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "connections/connection_store.h"

namespace slotwise {

// What the function check `name` proves, in words ("read_free_busy" → "Reading when you are busy"); an unknown name
// is itself, made readable.
std::string CheckTitle(const std::string& name);

nlohmann::json ConnectionJson(const Connection& connection, const std::vector<FunctionCheck>& checks);

}  // namespace slotwise
