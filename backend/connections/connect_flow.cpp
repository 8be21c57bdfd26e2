// connect_flow.cpp — see connect_flow.h.
#include "connections/connect_flow.h"

#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

Error NotConfigured(oauth::Provider provider) {
  return Error{codes::kProviderNotConfigured,
               std::string(oauth::ProviderName(provider)) + " is not configured on this server", "provider"};
}

// Maps the error a provider put on the redirect (?error=…&error_description=…) to our error object.
Error CallbackError(const oauth::OAuthClient& client, const std::string& error, const std::string& description) {
  const bool consent = description.find("AADSTS65001") != std::string::npos ||
                       description.find("AADSTS90094") != std::string::npos || error == "consent_required";
  if (consent) {
    return Error{codes::kConsentRequired,
                 "An administrator of your Microsoft 365 organisation must allow Slotwise first. Send them this "
                 "link: " + client.AdminConsentUrl("organizations"),
                 ""};
  }
  if (error == "access_denied") {
    return Error{codes::kAccessDenied, "The connection was cancelled at the provider; nothing was connected.", ""};
  }
  return Error{codes::kProviderError, "The provider refused the connection: " + error +
                                     (description.empty() ? "" : " (" + description + ")"),
               ""};
}

}  // namespace

Result<ConnectStart> ConnectFlow::Start(const std::string& tenant_id, const std::string& user_id,
                                        oauth::Provider provider, const std::string& session_id,
                                        const std::string& return_origin, const std::string& login_hint,
                                        ConnectPurpose purpose) {
  const oauth::OAuthClient* client = providers_.Client(provider);
  if (!client) return NotConfigured(provider);
  if (session_id.empty()) return Error{codes::kNoSession, "connecting needs a browser session", ""};
  if (Result<bool> fits = CheckConnectPurpose(provider, purpose); !fits) return fits.error();
  oauth::PkcePair pkce = oauth::MakePkcePair();
  oauth::PendingAuthorization pending;
  pending.provider = provider;
  pending.session_id = session_id;
  pending.tenant_id = tenant_id;
  pending.user_id = user_id;
  pending.code_verifier = pkce.verifier;
  pending.return_origin = return_origin;
  const std::string state = states_.Create(std::move(pending), clock_());
  return ConnectStart{client->AuthorizeUrl(state, pkce.challenge, login_hint, providers_.ScopesFor(provider, purpose))};
}

ConnectOutcome ConnectFlow::Complete(oauth::Provider provider, const net::Params& query, const std::string& session_id) {
  ConnectOutcome outcome;
  const std::int64_t now = clock_();
  const oauth::OAuthClient* client = providers_.Client(provider);
  if (!client) {
    outcome.connection = NotConfigured(provider);
    return outcome;
  }
  const std::string state = net::ParamValue(query, "state").value_or("");
  Result<oauth::PendingAuthorization> pending = states_.Consume(state, provider, session_id, now);
  if (!pending) {
    outcome.connection = pending.error();
    return outcome;
  }
  outcome.return_origin = pending->return_origin;
  outcome.tenant_id = pending->tenant_id;
  outcome.user_id = pending->user_id;
  if (std::optional<std::string> error = net::ParamValue(query, "error")) {
    outcome.connection = CallbackError(*client, *error, net::ParamValue(query, "error_description").value_or(""));
    return outcome;
  }
  const std::string code = net::ParamValue(query, "code").value_or("");
  if (code.empty()) {
    outcome.connection = Error{codes::kInvalidCallback, "the provider's redirect carried neither a code nor an error", ""};
    return outcome;
  }
  Result<oauth::TokenSet> tokens = client->ExchangeCode(code, pending->code_verifier, now);
  if (!tokens) {
    outcome.connection = tokens.error();
    return outcome;
  }
  Result<AccountIdentity> identity = probes_.Identify(provider, tokens.value());
  if (!identity) {
    outcome.connection = identity.error();
    return outcome;
  }
  Connection connection;
  connection.tenant_id = pending->tenant_id;
  connection.user_id = pending->user_id;
  connection.provider = provider;
  connection.account_id = identity->account_id;
  connection.account_email = identity->email;
  connection.scopes = tokens->scope;
  connection.access_token = tokens->access_token;
  connection.refresh_token = tokens->refresh_token;
  connection.expires_at = tokens->expires_at;
  Result<Connection> stored = connections_.Upsert(std::move(connection), now);
  if (!stored) {
    outcome.connection = stored.error();
    return outcome;
  }
  std::unique_ptr<providers::AccessTokenSource> source = tokens_.SourceFor(stored->id);
  outcome.checks = probes_.Check(stored.value(), *source);
  if (connected_hook_) {
    if (std::optional<FunctionCheck> check = connected_hook_(stored.value())) outcome.checks.push_back(std::move(*check));
  }
  connections_.SaveChecks(stored->id, outcome.checks);
  outcome.connection = std::move(stored);
  return outcome;
}

Result<std::vector<FunctionCheck>> ConnectFlow::Recheck(const std::string& connection_id) {
  Result<std::optional<Connection>> found = connections_.Find(connection_id);
  if (!found) return found.error();
  if (!found->has_value()) return Error{codes::kNotFound, "no connection " + connection_id, "id"};
  std::unique_ptr<providers::AccessTokenSource> source = tokens_.SourceFor(connection_id);
  std::vector<FunctionCheck> checks = probes_.Check(found->value(), *source);
  Result<bool> saved = connections_.SaveChecks(connection_id, checks);
  if (!saved) return saved.error();
  return checks;
}

}  // namespace slotwise
