// json_text.h — the one way the engine turns JSON values into text: compact, keys in insertion order as nlohmann
// keeps them (sorted), invalid UTF-8 replaced with U+FFFD instead of throwing. Used everywhere output must be
// byte-identical between the native and the WebAssembly builds.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "slotwise/result.h"

namespace slotwise {

inline std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

// The wire form of an error (docs/ENGINE.md "Errors"): {"error": {"code", "message", "field"?}} — "field" only when
// the error names one. Every error answer of the engine, the CLI and the server is this object, sometimes with more
// members inside "error" (a booking's violations, a conflict's holds).
inline nlohmann::json ErrorObject(const Error& error) {
  nlohmann::json body = {{"error", {{"code", error.code}, {"message", error.message}}}};
  if (!error.field.empty()) body["error"]["field"] = error.field;
  return body;
}

}  // namespace slotwise
