// http_util.cpp — see http_util.h.
#include "sandbox/http_util.h"

#include <cctype>
#include <mutex>

#include "crypto/crypto_primitives.h"
#include "sandbox/provider_errors.h"
#include "sandbox/request_orgs.h"
#include "sandbox/sandbox_state.h"
#include "slotwise/ascii.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"

namespace slotwise::sandbox {

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(DumpJson(body), "application/json; charset=UTF-8");
}

void SendHtml(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  res.set_content(html, "text/html; charset=utf-8");
}

void Redirect(httplib::Response& res, const std::string& location) {
  res.status = 302;
  res.set_header("Location", location);
  res.set_content("", "text/html");
}

std::optional<nlohmann::json> ParseJsonObject(const std::string& body) {
  auto parsed = slotwise::ParseJson(body);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

std::optional<net::Params> ParseFormBody(const std::string& body) { return net::ParseForm(body); }

std::string Param(const net::Params& params, std::string_view name) {
  return net::ParamValue(params, name).value_or("");
}

std::string Query(const httplib::Request& req, const std::string& name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

std::string BearerToken(const httplib::Request& req) {
  std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (header.size() <= kPrefix.size() || !StartsWithIgnoreCase(header, kPrefix)) return "";
  return header.substr(kPrefix.size());
}

std::optional<std::pair<std::string, std::string>> BasicCredentials(const httplib::Request& req) {
  std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Basic ";
  if (header.rfind(kPrefix, 0) != 0) return std::nullopt;
  auto decoded = crypto::Base64Decode(std::string_view(header).substr(kPrefix.size()));
  if (!decoded) return std::nullopt;
  auto colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return std::make_pair(decoded->substr(0, colon), decoded->substr(colon + 1));
}

std::string RandomId(std::size_t bytes) { return crypto::RandomToken(bytes); }
std::string RandomHex(std::size_t bytes) { return crypto::HexEncode(crypto::RandomBytes(bytes)); }

std::string RandomDigits(std::size_t count) {
  std::string raw = crypto::RandomBytes(count);
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += static_cast<char>('0' + static_cast<unsigned char>(raw[i]) % 10);
  if (!out.empty() && out[0] == '0') out[0] = '7';
  return out;
}

std::string NewGuid() {
  std::string hex = RandomHex(16);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-4" + hex.substr(13, 3) + "-a" + hex.substr(17, 3) + "-" +
         hex.substr(20, 12);
}

const nlohmann::json* GetMember(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string GetString(const nlohmann::json& object, std::string_view key, std::string fallback) {
  const auto* member = GetMember(object, key);
  return member && member->is_string() ? member->get<std::string>() : fallback;
}

bool GetBool(const nlohmann::json& object, std::string_view key, bool fallback) {
  const auto* member = GetMember(object, key);
  return member && member->is_boolean() ? member->get<bool>() : fallback;
}

std::int64_t GetInt(const nlohmann::json& object, std::string_view key, std::int64_t fallback) {
  const auto* member = GetMember(object, key);
  if (member && member->is_number_integer()) return member->get<std::int64_t>();
  if (member && member->is_number_float()) return static_cast<std::int64_t>(member->get<double>());
  return fallback;
}

RequestNote& CurrentNote() {
  thread_local RequestNote note;
  return note;
}

std::string ProviderOfPath(std::string_view path) {
  for (std::string_view provider : {"google", "microsoft", "zoom", "goto"}) {
    if (path.size() > provider.size() + 1 && path[0] == '/' && path.substr(1, provider.size()) == provider &&
        path[provider.size() + 1] == '/')
      return std::string(provider);
  }
  return "";
}

void LogRequest(SandboxCore& core, const httplib::Request& req, int status) {
  std::string provider = ProviderOfPath(req.path);
  if (provider.empty()) return;
  RequestLogEntry entry;
  entry.provider = provider;
  entry.method = req.method;
  entry.path = req.path;
  auto question = req.target.find('?');
  if (question != std::string::npos) entry.query = req.target.substr(question + 1);
  entry.status = status;
  entry.user = CurrentNote().user;
  entry.grant_type = CurrentNote().grant_type;
  std::lock_guard<std::mutex> lock(core.mutex);
  RequestOrganisations organisations = OrganisationsOf(core.state, req);
  entry.token_org = std::move(organisations.token);
  entry.data_orgs = std::move(organisations.data);
  entry.at = core.Now();
  core.state.request_log.push_back(std::move(entry));
  if (core.state.request_log.size() > 20000) core.state.request_log.pop_front();
}

void AddRoute(httplib::Server& server, SandboxCore& core, const std::string& method, const std::string& pattern,
              Handler handler) {
  auto wrapped = [&core, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    CurrentNote() = RequestNote{};
    try {
      handler(req, res);
    } catch (const std::exception& error) {
      SendServerError(res, ProviderOfPath(req.path), req.path, 500, error.what());
    }
    LogRequest(core, req, res.status);
  };
  if (method == "GET") server.Get(pattern, wrapped);
  else if (method == "POST") server.Post(pattern, wrapped);
  else if (method == "PUT") server.Put(pattern, wrapped);
  else if (method == "PATCH") server.Patch(pattern, wrapped);
  else if (method == "DELETE") server.Delete(pattern, wrapped);
}

}  // namespace slotwise::sandbox
