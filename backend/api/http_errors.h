// http_errors.h — how every route answers: an error as docs/ENGINE.md's error object {"error": {"code", "message",
// "field"?}} with the status HttpStatusFor(code) gives (http_status.h), or a JSON document with a success status.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "api/http_status.h"
#include "slotwise/json_text.h"
#include "slotwise/result.h"

namespace slotwise {

// Writes `error` with HttpStatusFor(error.code). `extra` members (a refusal's "violations", "conflicts"…) are added
// inside "error"; members of `outer` beside it (e.g. a proposal's "options").
inline void SendError(httplib::Response& res, const Error& error, const nlohmann::json& extra = nullptr,
                      const nlohmann::json& outer = nullptr) {
  nlohmann::json body = ErrorObject(error);
  if (extra.is_object()) body["error"].update(extra);
  if (outer.is_object()) body.update(outer);
  res.status = HttpStatusFor(error.code);
  res.set_content(DumpJson(body), "application/json");
}

inline void SendError(httplib::Response& res, const std::string& code, const std::string& message,
                      const std::string& field = "") {
  SendError(res, Error{code, message, field});
}

// A success answer (2xx) with a JSON document.
inline void SendJson(httplib::Response& res, int status, const nlohmann::json& document) {
  res.status = status;
  res.set_content(DumpJson(document), "application/json");
}

}  // namespace slotwise
