// request_body.h — the JSON object body of a REST request, or the error answer: 415 unsupported_media_type when it is
// not sent as Content-Type: application/json, 400 invalid_json when it is not a JSON object (API.md's error object).
#pragma once

#include <httplib.h>

#include <optional>

#include <nlohmann/json.hpp>

#include "http_errors.h"

namespace slotwise {

inline std::optional<nlohmann::json> JsonObjectBody(const httplib::Request& req, httplib::Response& res) {
  if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    SendError(res, 415, "unsupported_media_type", "send the body as Content-Type: application/json");
    return std::nullopt;
  }
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    SendError(res, 400, "invalid_json", "the request body is not a JSON object");
    return std::nullopt;
  }
  return body;
}

}  // namespace slotwise
