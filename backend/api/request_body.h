// request_body.h — the JSON body of a REST request, or the error answer: 415 unsupported_media_type when it is not
// sent as Content-Type: application/json, 400 invalid_json when it is not a
// JSON object (docs/ENGINE.md's error object).
//
// The media type is matched exactly (RFC 9110 §8.3.1): "application/json" in any letter case, optionally followed by
// parameters ("; charset=utf-8"); "application/jsonxyz", "application/json-patch+json" or "application/json x" are
// other media types and answer 415.
#pragma once

#include <httplib.h>

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/http_errors.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise {

// True when `content_type` (a Content-Type value) names the media type application/json, with or without parameters.
inline bool IsJsonMediaType(std::string_view content_type) {
  const std::string_view type = TrimBlanks(content_type.substr(0, content_type.find(';')));
  return EqualsIgnoreCase(type, "application/json");
}

// True when the request says its body is JSON; otherwise writes 415 and answers false.
inline bool RequireJsonContent(const httplib::Request& req, httplib::Response& res) {
  if (IsJsonMediaType(req.get_header_value("Content-Type"))) return true;
  SendError(res, codes::kUnsupportedMediaType, "send the body as Content-Type: application/json");
  return false;
}

inline std::optional<nlohmann::json> ObjectBodyOfAnyType(const httplib::Request& req, httplib::Response& res);

// The body as a JSON object sent as application/json; 415 or 400 invalid_json (written) else.
inline std::optional<nlohmann::json> JsonObjectBody(const httplib::Request& req, httplib::Response& res) {
  if (!RequireJsonContent(req, res)) return std::nullopt;
  return ObjectBodyOfAnyType(req, res);
}

// The body as a JSON object whatever its Content-Type says (routes that never required one); 400 invalid_json else.
inline std::optional<nlohmann::json> ObjectBodyOfAnyType(const httplib::Request& req, httplib::Response& res) {
  if (const std::optional<std::size_t> deep = JsonNestingBeyond(req.body)) {
    SendError(res, codes::kInvalidJson, NestingTooDeepMessage(*deep));
    return std::nullopt;
  }
  nlohmann::json body = slotwise::ParseJson(req.body);
  if (body.is_discarded() || !body.is_object()) {
    SendError(res, codes::kInvalidJson, "the request body is not a JSON object");
    return std::nullopt;
  }
  return body;
}

}  // namespace slotwise
