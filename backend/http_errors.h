// http_errors.h — the one way every route answers an error: API.md's error object
// {"error": {"code", "message", "field"?}} with Content-Type application/json and the given status.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "slotwise/json_text.h"
#include "slotwise/result.h"

namespace slotwise {

// The error object as a JSON value (for answers built away from httplib, e.g. stored idempotent responses).
inline nlohmann::json ErrorJson(const Error& error) {
  nlohmann::json body = {{"error", {{"code", error.code}, {"message", error.message}}}};
  if (!error.field.empty()) body["error"]["field"] = error.field;
  return body;
}

inline void SendError(httplib::Response& res, int status, const Error& error) {
  res.status = status;
  res.set_content(DumpJson(ErrorJson(error)), "application/json");
}

inline void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  SendError(res, status, Error{code, message, ""});
}

}  // namespace slotwise
