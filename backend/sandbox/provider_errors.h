// provider_errors.h — every provider's error bodies, as docs/PROVIDERS.md describes them (internal).
//
// Contract: each function fills `res` (status, headers, JSON body); pure apart from the clock passed in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <httplib.h>

namespace slotwise::sandbox {

// Google API envelope {"error":{"errors":[{domain, reason, message[, locationType, location]}], code, message}}.
void GoogleError(httplib::Response& res, int status, std::string_view reason, std::string_view message,
                 std::string_view domain = "global", std::string_view location = {});
void GoogleUnauthorized(httplib::Response& res);  // 401 authError "Invalid Credentials"
// Google OAuth {"error","error_description"}.
void GoogleOAuthError(httplib::Response& res, int status, std::string_view error, std::string_view description);

// Graph {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.
void GraphError(httplib::Response& res, int status, std::string_view code, std::string_view message,
                std::int64_t now);
// Microsoft identity platform {"error","error_description":"AADSTSn: …\r\nTrace ID: …\r\nCorrelation ID: …\r\n
// Timestamp: …","error_codes":[n],"timestamp","trace_id","correlation_id","error_uri"}.
void MicrosoftOAuthError(httplib::Response& res, int status, std::string_view error, int aadsts,
                         std::string_view description, std::int64_t now);

// Zoom API {"code","message"}; Zoom OAuth {"reason","error"}.
void ZoomError(httplib::Response& res, int status, int code, std::string_view message);
void ZoomOAuthError(httplib::Response& res, int status, std::string_view error, std::string_view reason);

// GoTo G2M {"int_err_code","msg"} (unconfirmed shape); GoTo OAuth {"error","error_description"}.
void GoToError(httplib::Response& res, int status, std::string_view code, std::string_view message);
void GoToOAuthError(httplib::Response& res, int status, std::string_view error, std::string_view description);

// The provider's default body for an injected (or internal) failure with `status` (429, 500, 503, …) on `path`:
// token endpoints answer in the OAuth format, APIs in the API format.
void SendServerError(httplib::Response& res, std::string_view provider, std::string_view path, int status,
                     std::string_view detail = {}, std::int64_t now = 0, std::string_view zoom_rate_limit_type = {});

}  // namespace slotwise::sandbox
