// provider_errors.cpp — see provider_errors.h.
#include "sandbox/provider_errors.h"

#include <nlohmann/json.hpp>

#include "sandbox/http_util.h"
#include "slotwise/time.h"

namespace slotwise::sandbox {

using nlohmann::json;

void GoogleError(httplib::Response& res, int status, std::string_view reason, std::string_view message,
                 std::string_view domain, std::string_view location) {
  json item = {{"domain", domain}, {"reason", reason}, {"message", message}};
  if (!location.empty()) {
    item["locationType"] = location == "Authorization" ? "header" : "parameter";
    item["location"] = location;
  }
  SendJson(res, status, {{"error", {{"errors", json::array({item})}, {"code", status}, {"message", message}}}});
}

void GoogleUnauthorized(httplib::Response& res) {
  GoogleError(res, 401, "authError", "Invalid Credentials", "global", "Authorization");
  res.set_header("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
}

void GoogleOAuthError(httplib::Response& res, int status, std::string_view error, std::string_view description) {
  SendJson(res, status, {{"error", error}, {"error_description", description}});
}

void GraphError(httplib::Response& res, int status, std::string_view code, std::string_view message,
                std::int64_t now) {
  std::string request_id = NewGuid();
  SendJson(res, status,
           {{"error",
             {{"code", code},
              {"message", message},
              {"innerError", {{"date", FormatRfc3339(now)}, {"request-id", request_id}, {"client-request-id", request_id}}}}}});
  res.set_header("request-id", request_id);
}

void MicrosoftOAuthError(httplib::Response& res, int status, std::string_view error, int aadsts,
                         std::string_view description, std::int64_t now) {
  std::string trace_id = NewGuid();
  std::string correlation_id = NewGuid();
  std::string timestamp = FormatRfc3339(now);
  std::string text = "AADSTS" + std::to_string(aadsts) + ": " + std::string(description) + "\r\nTrace ID: " +
                     trace_id + "\r\nCorrelation ID: " + correlation_id + "\r\nTimestamp: " + timestamp;
  SendJson(res, status,
           {{"error", error},
            {"error_description", text},
            {"error_codes", json::array({aadsts})},
            {"timestamp", timestamp},
            {"trace_id", trace_id},
            {"correlation_id", correlation_id},
            {"error_uri", "https://login.microsoftonline.com/error?code=" + std::to_string(aadsts)}});
}

void ZoomError(httplib::Response& res, int status, int code, std::string_view message) {
  SendJson(res, status, {{"code", code}, {"message", message}});
}

void ZoomOAuthError(httplib::Response& res, int status, std::string_view error, std::string_view reason) {
  SendJson(res, status, {{"reason", reason}, {"error", error}});
}

void GoToError(httplib::Response& res, int status, std::string_view code, std::string_view message) {
  SendJson(res, status, {{"int_err_code", code}, {"msg", message}});
}

void GoToOAuthError(httplib::Response& res, int status, std::string_view error, std::string_view description) {
  SendJson(res, status, {{"error", error}, {"error_description", description}});
}

void SendServerError(httplib::Response& res, std::string_view provider, std::string_view path, int status,
                     std::string_view detail, std::int64_t now, std::string_view zoom_rate_limit_type) {
  bool oauth = path.find("/token") != std::string_view::npos || path.find("/oauth") != std::string_view::npos ||
               path.find("/authorize") != std::string_view::npos;
  bool throttled = status == 429;
  if (provider == "google") {
    if (oauth) {
      GoogleOAuthError(res, status, throttled ? "rate_limit_exceeded" : "internal_failure",
                       detail.empty() ? "Backend Error" : detail);
    } else if (throttled) {
      GoogleError(res, status, "rateLimitExceeded", "Rate Limit Exceeded", "usageLimits");
    } else if (status >= 500) {
      GoogleError(res, status, "backendError", detail.empty() ? "Backend Error" : detail);
    } else {
      GoogleError(res, status, "failedPrecondition", detail.empty() ? "Injected failure" : detail);
    }
  } else if (provider == "microsoft") {
    if (oauth) {
      MicrosoftOAuthError(res, status, throttled ? "temporarily_unavailable" : "server_error", throttled ? 50196 : 90033,
                          detail.empty() ? "A transient error has occurred. Please try again." : detail, now);
    } else if (throttled) {
      GraphError(res, status, "TooManyRequests", "Too many requests. Retry after the time given in Retry-After.", now);
    } else if (status == 503) {
      GraphError(res, status, "ServiceNotAvailable", detail.empty() ? "Service unavailable." : detail, now);
    } else if (status == 504) {
      GraphError(res, status, "GatewayTimeout", detail.empty() ? "Gateway timeout." : detail, now);
    } else {
      GraphError(res, status, status >= 500 ? "InternalServerError" : "BadRequest",
                 detail.empty() ? "Injected failure." : detail, now);
    }
  } else if (provider == "zoom") {
    if (oauth) {
      ZoomOAuthError(res, status, "server_error", detail.empty() ? "Internal Error" : detail);
    } else if (throttled) {
      bool daily = zoom_rate_limit_type == "Daily-limit";
      ZoomError(res, status, 429,
                daily ? "You have reached the maximum daily rate limit for this API. Try again later."
                      : "You have reached the maximum per-second rate limit for this API. Try again later.");
      res.set_header("X-RateLimit-Type", daily ? "Daily-limit" : (zoom_rate_limit_type.empty() ? "QPS" : std::string(zoom_rate_limit_type)));
    } else {
      ZoomError(res, status, status, detail.empty() ? "Internal Error" : detail);
    }
  } else if (provider == "goto") {
    if (oauth) {
      GoToOAuthError(res, status, throttled ? "rate_limited" : "server_error", detail.empty() ? "Internal error" : detail);
    } else {
      GoToError(res, status, throttled ? "TooManyRequests" : "InternalError",
                detail.empty() ? (throttled ? "Rate limit exceeded" : "Internal error") : detail);
    }
  } else {
    SendJson(res, status, {{"error", detail.empty() ? "internal_error" : detail}});
  }
}

}  // namespace slotwise::sandbox
