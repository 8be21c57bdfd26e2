// host_account_import.h — a connected Zoom or GoTo account becomes a host account of its tenant (the directory import
// of video host accounts): id "<provider>:<owner e-mail>", the connection that will create its meetings, and, for
// Zoom, the meeting settings the host-before-join rules read, as Zoom reports them (GET /users/me, /users/{id}/settings
// and the account's lock settings). GoTo has no API for these settings: {} (the engine's defaults).
//
// The owner is the person of the tenant who connected the account (the connection's user), whatever e-mail the
// provider account has — a Zoom account registered under a private or old address still belongs to that person, and
// the host rules must see them attend. When the connection's user is not a person of the tenant, the owner is the
// provider account's e-mail.
//
// Contract: the connection must belong to `tenant_id` ("not_found" otherwise — another tenant's connection is not
// revealed) and be a Zoom or GoTo connection ("invalid_request"). Provider failures keep their codes
// (reauth_needed, …). Importing again refreshes the settings. Thread-safe (the borrowed parts are).
#pragma once

#include <string>

#include "connections/connection_store.h"
#include "connections/provider_registry.h"
#include "connections/token_manager.h"
#include "providers/zoom_meetings.h"
#include "store/directory_store.h"

namespace slotwise {

// `connections`, `registry` and `tokens` are the connection store, the provider registry and the token manager the
// connection lives in (ConnectionsRuntime owns all three).
Result<HostAccount> ImportHostAccount(DirectoryStore& directory, ConnectionStore& connections,
                                      ProviderRegistry& registry, TokenManager& tokens, const std::string& tenant_id,
                                      const std::string& connection_id);

// The engine's conferencing_account settings (docs/ENGINE.md "Host accounts") for Zoom's view of a user.
nlohmann::json ZoomHostSettingsJson(const providers::ZoomHostSettings& settings);

}  // namespace slotwise
