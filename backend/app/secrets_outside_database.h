// secrets_outside_database.h — what a backup of the database does not hold and an operator must keep (and escrow)
// beside it to run a restored server: named, never read.
//
// Contract: `SecretsOutsideDatabase(settings, getenv)` answers one short description per secret the configuration and
// environment point at, in this order — the token keyring that seals provider tokens and webhook secrets in the
// database (SLOTWISE_TOKEN_KEYS names only the variable, SLOTWISE_TOKEN_KEY_FILE its path; neither: the demo's
// <database folder>/token.key when it exists, else a sentence saying no keyring is configured here), the widget
// signing key files (widget_tokens.signing_key_file, keys[].secret_file; the demo's widget.key), the provider client
// secret files, the Google service-account key file, and SLOTWISE_ZOOM_WEBHOOK_SECRET when set. Descriptions hold
// paths and variable names, never a secret's value (inline secrets are named by their configuration key). Pure apart
// from existence checks of the demo files.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/server_config.h"

namespace slotwise {

using GetEnvironment = std::function<const char*(const char*)>;

std::vector<std::string> SecretsOutsideDatabase(const config::ServerConfig& settings, const GetEnvironment& getenv);

}  // namespace slotwise
