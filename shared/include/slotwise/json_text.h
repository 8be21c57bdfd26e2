// json_text.h — the one way the engine turns JSON values into text: compact, keys in insertion order as nlohmann
// keeps them (sorted), invalid UTF-8 replaced with U+FFFD instead of throwing. Used everywhere output must be
// byte-identical between the native and the WebAssembly builds.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace slotwise {

inline std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

}  // namespace slotwise
