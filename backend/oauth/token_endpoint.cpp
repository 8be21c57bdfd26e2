// token_endpoint.cpp — token-endpoint POSTs with bounded retries and error classification (see token_endpoint.h).
#include "oauth/token_endpoint.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <random>
#include <thread>

#include "crypto/crypto_primitives.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise::oauth {

namespace {

using nlohmann::json;

constexpr std::int64_t kDefaultLifetimeSeconds = 3600;           // when expires_in is absent (RFC 6749 §5.1: optional)
constexpr std::int64_t kMaxLifetimeSeconds = 400LL * 24 * 3600;  // clamp absurd values
constexpr std::size_t kMaxDescriptionLength = 400;

// Microsoft AADSTS codes (docs/PROVIDERS.md, Microsoft identity platform): where they lead.
constexpr long kConsentCodes[] = {65001, 90094};
constexpr long kReauthCodes[] = {700082, 50173, 70008};
constexpr long kInvalidClientCodes[] = {7000215};

// ---------------------------------------------------------------------------------------------------------------
// [SECTION] Small helpers
// ---------------------------------------------------------------------------------------------------------------

std::string Redact(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "[redacted]");
      at += 10;
    }
  }
  return text;
}

// One line of at most kMaxDescriptionLength characters (Microsoft descriptions carry "\r\nTrace ID: …").
std::string OneLine(std::string_view text) {
  std::string line;
  for (char c : text.substr(0, kMaxDescriptionLength)) line.push_back(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
  if (text.size() > kMaxDescriptionLength) line += "…";
  return line;
}

std::string StringMember(const json& object, const char* name) {
  const auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// Every AADSTS code in error_codes and in "AADSTS<digits>" inside the description.
std::vector<long> MicrosoftCodes(const json& body, std::string_view description) {
  std::vector<long> codes;
  const auto listed = body.find("error_codes");
  if (listed != body.end() && listed->is_array()) {
    for (const json& code : *listed) {
      if (code.is_number_integer()) codes.push_back(code.get<long>());
    }
  }
  constexpr std::string_view kPrefix = "AADSTS";
  for (std::size_t at = description.find(kPrefix); at != std::string_view::npos; at = description.find(kPrefix, at)) {
    at += kPrefix.size();
    long code = 0;
    std::size_t digits = 0;
    while (at < description.size() && digits < 9 && std::isdigit(static_cast<unsigned char>(description[at]))) {
      code = code * 10 + (description[at] - '0');
      ++at;
      ++digits;
    }
    if (digits > 0) codes.push_back(code);
  }
  return codes;
}

template <std::size_t N>
bool AnyOf(const std::vector<long>& codes, const long (&wanted)[N]) {
  return std::any_of(codes.begin(), codes.end(), [&](long code) {
    return std::find(std::begin(wanted), std::end(wanted), code) != std::end(wanted);
  });
}

std::chrono::milliseconds JitteredBackoff(const TokenRequestPolicy& policy, int retry) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  const double ceiling = std::min(static_cast<double>(policy.max_backoff.count()),
                                  static_cast<double>(policy.base_backoff.count()) * std::ldexp(1.0, retry));
  std::uniform_real_distribution<double> uniform(0.0, std::max(0.0, ceiling));
  return std::chrono::milliseconds(static_cast<std::int64_t>(uniform(generator)));
}

bool Retriable(int status) {
  return status == 429 || status >= 500;
}

}  // namespace

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Reading answers
// -----------------------------------------------------------------------------------------------------------------

std::optional<double> ParseRetryAfterSeconds(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty() || value.size() > 32) return std::nullopt;
  for (char c : value) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return std::nullopt;  // HTTP dates are not used
  }
  const std::string text(value);
  char* end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(seconds) || seconds < 0) return std::nullopt;
  return seconds;
}

Result<TokenSet> ParseTokenSuccess(std::string_view body, std::int64_t now, std::string_view previous_refresh_token) {
  const json parsed = slotwise::ParseJson(body);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return Error{codes::kProviderError, "the token endpoint answered 2xx without a JSON object", ""};
  }
  TokenSet tokens;
  tokens.access_token = StringMember(parsed, "access_token");
  if (tokens.access_token.empty()) {
    return Error{codes::kProviderError, "the token endpoint's answer has no access_token", ""};
  }
  const std::string token_type = StringMember(parsed, "token_type");
  if (!token_type.empty() && !EqualsIgnoreCase(token_type, "bearer")) {
    return Error{codes::kProviderError, "unsupported token_type \"" + OneLine(token_type) + "\"", ""};
  }

  std::int64_t lifetime = kDefaultLifetimeSeconds;
  const auto expires_in = parsed.find("expires_in");
  if (expires_in != parsed.end()) {
    if (expires_in->is_number()) {
      lifetime = static_cast<std::int64_t>(std::clamp(expires_in->get<double>(), 0.0, double(kMaxLifetimeSeconds)));
    } else if (expires_in->is_string()) {  // some servers send "3599"
      const std::optional<double> seconds = ParseRetryAfterSeconds(expires_in->get<std::string>());
      if (seconds) lifetime = static_cast<std::int64_t>(std::min(*seconds, double(kMaxLifetimeSeconds)));
    }
  }
  tokens.expires_at = now + lifetime;
  tokens.scope = StringMember(parsed, "scope");
  tokens.id_token = StringMember(parsed, "id_token");
  tokens.principal = StringMember(parsed, "principal");

  const std::string refresh_token = StringMember(parsed, "refresh_token");
  if (!refresh_token.empty()) {
    tokens.refresh_token = refresh_token;
    tokens.refresh_token_rotated = !previous_refresh_token.empty() && refresh_token != previous_refresh_token;
  } else {
    tokens.refresh_token = std::string(previous_refresh_token);
  }
  return tokens;
}

namespace {

struct ErrorAnswer {
  std::string error;        // "invalid_grant", …
  std::string reason;       // Zoom's "reason"
  std::vector<long> codes;  // Microsoft AADSTS codes
  std::string summary;      // "<provider> token endpoint answered HTTP <status>: <error>: <description> (<reason>)"
};

ErrorAnswer ReadErrorAnswer(int status, std::string_view body, const std::string& provider_label) {
  const json parsed = slotwise::ParseJson(body);
  const json object = parsed.is_object() ? parsed : json::object();
  ErrorAnswer answer;
  answer.error = StringMember(object, "error");
  answer.reason = StringMember(object, "reason");
  const std::string description = StringMember(object, "error_description");
  answer.codes = MicrosoftCodes(object, description);

  std::string said = answer.error.empty() ? "no OAuth error code" : OneLine(answer.error);
  if (!description.empty()) said += ": " + OneLine(description);
  if (!answer.reason.empty()) said += " (" + OneLine(answer.reason) + ")";
  if (answer.error.empty() && description.empty() && answer.reason.empty() && !body.empty()) {
    said += " (body: " + OneLine(body.substr(0, 120)) + ")";
  }
  answer.summary = provider_label + " token endpoint answered HTTP " + std::to_string(status) + ": " + said;
  return answer;
}

}  // namespace

Error ClassifyTokenError(int status, std::string_view body, const TokenCall& call) {
  const ErrorAnswer answer = ReadErrorAnswer(status, body, call.provider_label);
  const std::string& error = answer.error;
  const std::string& reason = answer.reason;
  const std::vector<long>& codes = answer.codes;
  const std::string& provider_said = answer.summary;
  const auto make = [&](std::string_view code, const std::string& message) {
    return Error{std::string(code), Redact(message, call.secrets), ""};
  };

  if (AnyOf(codes, kConsentCodes) || (call.unauthorized_client_is_consent && error == "unauthorized_client")) {
    return make(codes::kConsentRequired, "An administrator must grant consent to this app before it can connect" +
                                      (call.consent_hint.empty() ? std::string() : ": " + call.consent_hint) + " (" +
                                      provider_said + ")");
  }
  if (error == "invalid_client" || AnyOf(codes, kInvalidClientCodes)) {
    return make(codes::kInvalidClient,
                "the OAuth client registration (client id or secret) was refused; an operator must "
                "fix the configuration (" +
                    provider_said + ")");
  }
  if (error == "invalid_grant" || reason == "Invalid Token!" || AnyOf(codes, kReauthCodes)) {
    return make(codes::kReauthNeeded, "the grant is no longer valid; the user must connect again (" + provider_said + ")");
  }
  return make(codes::kProviderError, provider_said);
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Sending with retries
// -----------------------------------------------------------------------------------------------------------------

Result<TokenSet> CallTokenEndpoint(net::HttpTransport& transport, const TokenCall& call, std::int64_t now,
                                   std::string_view previous_refresh_token) {
  net::HttpRequest request;
  request.method = "POST";
  request.url = call.url;
  request.body = net::FormEncode(call.form);
  request.timeout = call.policy.timeout;
  request.With("Content-Type", "application/x-www-form-urlencoded").With("Accept", "application/json");
  if (call.basic_auth) {
    request.With("Authorization",
                 "Basic " + crypto::Base64Encode(call.basic_auth->first + ":" + call.basic_auth->second));
  }

  const int max_attempts = std::max(1, call.policy.max_attempts);
  std::string last_failure;
  int attempts = 0;
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    attempts = attempt;
    std::optional<double> retry_after;
    Result<net::HttpResponse> sent = transport.Send(request);
    if (!sent) {
      const Error& failure = sent.error();
      if (failure.code != codes::kTimeout && failure.code != codes::kNetworkError) {  // no_timeout, invalid_url: configuration
        return Error{codes::kProviderError, Redact(failure.message, call.secrets), ""};
      }
      last_failure = failure.message;
    } else if (Retriable(sent->status)) {
      last_failure = ReadErrorAnswer(sent->status, sent->body, call.provider_label).summary;
      retry_after = ParseRetryAfterSeconds(sent->Header("Retry-After"));
    } else if (sent->Ok()) {
      return ParseTokenSuccess(sent->body, now, previous_refresh_token);
    } else {
      return ClassifyTokenError(sent->status, sent->body, call);
    }

    if (attempt == max_attempts) break;
    std::chrono::milliseconds wait = JitteredBackoff(call.policy, attempt - 1);
    if (retry_after) {
      const double capped = std::min(*retry_after * 1000.0, double(call.policy.max_retry_after.count()) + 1.0);
      wait = std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(capped)));
      if (wait > call.policy.max_retry_after) {
        last_failure += " (asked to retry after " + std::to_string(static_cast<std::int64_t>(*retry_after)) + " s)";
        break;
      }
    }
    std::this_thread::sleep_for(wait);
  }
  return Error{codes::kProviderUnavailable,
               Redact(call.provider_label + " token endpoint unavailable (" + std::to_string(attempts) +
                          (attempts == 1 ? " attempt): " : " attempts): ") + last_failure,
                      call.secrets),
               ""};
}

}  // namespace slotwise::oauth
