// http_util.h — small helpers shared by the route files (internal): JSON bodies, forms, Bearer/Basic credentials,
// HTML escaping, random ids, the per-request annotations that the request log records, and route registration.
//
// Contract: pure helpers except RequestNote (thread_local: the note belongs to the request the current thread serves).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "net/url.h"

namespace slotwise::sandbox {

class SandboxCore;

// Answers `status` with a compact JSON body.
void SendJson(httplib::Response& res, int status, const nlohmann::json& body);
void SendHtml(httplib::Response& res, int status, const std::string& html);
void Redirect(httplib::Response& res, const std::string& location);  // 302

// The request body as JSON (nullopt when empty, malformed, or not an object).
std::optional<nlohmann::json> ParseJsonObject(const std::string& body);
// The urlencoded body (or nullopt when malformed).
std::optional<net::Params> ParseFormBody(const std::string& body);
std::string Param(const net::Params& params, std::string_view name);  // "" when absent
// Query parameter of the request (first value) or "".
std::string Query(const httplib::Request& req, const std::string& name);

// "Bearer <token>" from the Authorization header, or "".
std::string BearerToken(const httplib::Request& req);
// {id, secret} from "Basic base64(id:secret)", or nullopt.
std::optional<std::pair<std::string, std::string>> BasicCredentials(const httplib::Request& req);

using net::HtmlEscape;  // net/url.h
std::string RandomId(std::size_t bytes);  // base64url
std::string RandomHex(std::size_t bytes);
std::string RandomDigits(std::size_t count);
std::string NewGuid();  // 8-4-4-4-12 lowercase hex

// json helpers that check types before access
std::string GetString(const nlohmann::json& object, std::string_view key, std::string fallback = "");
bool GetBool(const nlohmann::json& object, std::string_view key, bool fallback = false);
std::int64_t GetInt(const nlohmann::json& object, std::string_view key, std::int64_t fallback = 0);
const nlohmann::json* GetMember(const nlohmann::json& object, std::string_view key);  // nullptr when absent

// What the request log records besides method/path/status: set by handlers for the current request.
struct RequestNote {
  std::string user;
  std::string grant_type;
};
RequestNote& CurrentNote();

std::string ProviderOfPath(std::string_view path);  // "google" for /google/…, "" for /sandbox/… and others

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
// Registers a route whose handler runs under the core's exception guard and whose requests are logged.
void AddRoute(httplib::Server& server, SandboxCore& core, const std::string& method, const std::string& pattern,
              Handler handler);
// Appends one entry to the request log (requires the core mutex NOT held).
void LogRequest(SandboxCore& core, const httplib::Request& req, int status);

}  // namespace slotwise::sandbox
