// service_account_key.h — reads a Google service-account key file (the JSON document Google Cloud hands out for a
// service account's key) into the oauth::ServiceAccount that signs domain-wide-delegation grants.
//
// Contract:
// - Needs "type": "service_account", "client_email" and "private_key" (a PEM private key); "client_id" (the numeric id
//   a Workspace administrator pastes into domain-wide delegation) is taken when present. Other members are ignored —
//   "token_uri" too: the token URL comes from the endpoint set in use (oauth/provider.h), so pointing the providers
//   at the sandbox covers the service account as well.
// - Errors: "invalid_config" whose message names the member that is missing or of the wrong type (field = that
//   member). No message ever contains key material.
#pragma once

#include <string_view>

#include "oauth/oauth_client.h"
#include "slotwise/result.h"

namespace slotwise::oauth {

// `token_url` and `scopes` of the result are left empty for the caller (the endpoint set and the features decide).
Result<ServiceAccount> ParseServiceAccountKey(std::string_view json_text);

}  // namespace slotwise::oauth
