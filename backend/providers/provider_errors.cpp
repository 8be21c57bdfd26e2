// provider_errors.cpp — see provider_errors.h.
#include "providers/provider_errors.h"

#include <cstddef>

#include "providers/provider_json.h"
#include "slotwise/error_codes.h"

namespace slotwise::providers {
namespace {

using nlohmann::json;
constexpr std::size_t kMaxMessageLength = 300;

std::string Truncate(std::string text) {
  if (text.size() > kMaxMessageLength) {
    text.resize(kMaxMessageLength);
    text += "…";
  }
  return text;
}

// The provider's human message from its envelope, or the raw body when it is not the documented envelope.
std::string ProviderMessage(Provider provider, const net::HttpResponse& response) {
  std::optional<json> body = detail::ParseJson(response.body);
  if (!body) return Truncate(response.body);
  switch (provider) {
    case Provider::kGoogle:
    case Provider::kGraph: {
      const json* error = detail::Member(*body, "error");
      if (error != nullptr && error->is_object()) return Truncate(detail::StringOr(*error, "message"));
      if (error != nullptr && error->is_string()) {  // OAuth-style {"error","error_description"}
        return Truncate(detail::StringOr(*body, "error_description", error->get<std::string>()));
      }
      break;
    }
    case Provider::kZoom: {
      std::string message = detail::StringOr(*body, "message");
      if (const json* errors = detail::Member(*body, "errors"); errors != nullptr && errors->is_array()) {
        for (const json& item : *errors) {
          message += " [" + detail::StringOr(item, "field") + ": " + detail::StringOr(item, "message") + "]";
        }
      }
      if (!message.empty()) return Truncate(message);
      break;
    }
    case Provider::kGoTo: {
      for (const char* key : {"error_description", "description", "message", "error"}) {
        if (std::optional<std::string> text = detail::StringAt(*body, key)) return Truncate(*text);
      }
      break;
    }
    case Provider::kTeamsWebhook: break;
  }
  return Truncate(response.body);
}

}  // namespace

std::string_view ProviderName(Provider provider) {
  switch (provider) {
    case Provider::kGoogle: return "Google Calendar";
    case Provider::kGraph: return "Microsoft Graph";
    case Provider::kZoom: return "Zoom";
    case Provider::kGoTo: return "GoTo";
    case Provider::kTeamsWebhook: return "Teams webhook";
  }
  return "provider";
}

std::string ProviderErrorCode(Provider provider, const net::HttpResponse& response) {
  std::optional<json> body = detail::ParseJson(response.body);
  if (!body) return "";
  switch (provider) {
    case Provider::kGoogle: {
      const json* error = detail::Member(*body, "error");
      if (error == nullptr) return "";
      if (error->is_string()) return error->get<std::string>();
      if (const json* errors = detail::Member(*error, "errors"); errors != nullptr && errors->is_array()) {
        for (const json& item : *errors) {
          if (std::optional<std::string> reason = detail::StringAt(item, "reason")) return *reason;
        }
      }
      return detail::StringOr(*error, "status");
    }
    case Provider::kGraph: {
      const json* error = detail::Member(*body, "error");
      if (error == nullptr) return "";
      if (error->is_string()) return error->get<std::string>();
      return detail::StringOr(*error, "code");
    }
    case Provider::kZoom: return detail::IdAt(*body, "code").value_or("");
    case Provider::kGoTo: {
      if (std::optional<std::string> code = detail::StringAt(*body, "error")) return *code;
      return detail::IdAt(*body, "errorCode").value_or("");
    }
    case Provider::kTeamsWebhook: return "";
  }
  return "";
}

bool IsGoogleRateLimit(const net::HttpResponse& response) {
  if (response.status != 403 && response.status != 429) return false;
  const std::string reason = ProviderErrorCode(Provider::kGoogle, response);
  return reason == "rateLimitExceeded" || reason == "userRateLimitExceeded";
}

Error ErrorFromResponse(Provider provider, const net::HttpResponse& response) {
  const std::string provider_code = ProviderErrorCode(provider, response);
  const int status = response.status;
  std::string code = codes::kProviderError;
  if (status == 401) code = codes::kProviderUnauthorized;
  else if (status == 403) {
    code = codes::kProviderForbidden;
    if (provider == Provider::kGoogle &&
        (IsGoogleRateLimit(response) || provider_code == "quotaExceeded" || provider_code == "dailyLimitExceeded")) {
      code = codes::kRateLimited;
    }
  } else if (status == 404 || status == 410) code = codes::kProviderNotFound;
  else if (status == 409 || status == 412) code = codes::kConflict;
  else if (status == 429) code = codes::kRateLimited;
  else if (status >= 500 && status <= 599) code = codes::kProviderUnavailable;
  else if (status >= 400 && status <= 499) code = codes::kProviderRejected;
  else if (status >= 200 && status <= 299) code = codes::kProviderError;

  std::string message = std::string(ProviderName(provider)) + " answered HTTP " + std::to_string(status);
  if (!provider_code.empty()) message += " " + provider_code;
  const std::string text = ProviderMessage(provider, response);
  if (!text.empty()) message += ": " + text;
  if (code == codes::kRateLimited) {
    const std::string_view retry_after = response.Header("Retry-After");
    if (!retry_after.empty()) message += " (retry after " + std::string(retry_after) + ")";
  }
  return Error{code, RedactSecret(std::move(message), {}), provider_code};
}

Error ErrorFromTransport(Provider provider, const Error& transport_error) {
  const bool unavailable = transport_error.code == codes::kTimeout || transport_error.code == codes::kNetworkError;
  return Error{unavailable ? codes::kProviderUnavailable : codes::kProviderError,
               std::string(ProviderName(provider)) + " could not be reached (" + transport_error.code + "): " +
                   RedactSecret(transport_error.message, {}),
               transport_error.code};
}

std::string RedactSecret(std::string text, std::string_view secret) {
  if (!secret.empty()) {
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "[redacted]");
      at += 10;
    }
  }
  for (std::size_t at = text.find("Bearer "); at != std::string::npos; at = text.find("Bearer ", at + 7)) {
    std::size_t end = at + 7;
    while (end < text.size() && text[end] != ' ' && text[end] != '"' && text[end] != ',' && text[end] != '\n') ++end;
    text.replace(at + 7, end - (at + 7), "[redacted]");
  }
  return text;
}

Error InvalidRequest(std::string message, std::string field) {
  return Error{codes::kInvalidRequest, std::move(message), std::move(field)};
}

Error MalformedResponse(Provider provider, std::string_view what) {
  return Error{codes::kProviderError,
               std::string(ProviderName(provider)) + " sent a response that is not as documented: " + std::string(what),
               ""};
}

}  // namespace slotwise::providers
