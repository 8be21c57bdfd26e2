// request_body.h — the JSON body of a REST request, or the error answer: 415 unsupported_media_type when it is not
// sent as Content-Type: application/json, 400 invalid_json when it is not a
// JSON object (docs/ENGINE.md's error object).
#pragma once

#include <httplib.h>

#include <optional>

#include <nlohmann/json.hpp>

#include "api/http_errors.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise {

// True when the request says its body is JSON; otherwise writes 415 and answers false.
inline bool RequireJsonContent(const httplib::Request& req, httplib::Response& res) {
  if (req.get_header_value("Content-Type").rfind("application/json", 0) == 0) return true;
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
