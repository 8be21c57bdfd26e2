// config_loading.h — helpers of the configuration suites: load a configuration text that must load (or must not),
// failing the running test case with the reason otherwise.
#pragma once

#include <string_view>

#include <doctest/doctest.h>

#include "config/server_config.h"

namespace slotwise::config {

inline ServerConfig LoadOk(std::string_view text) {
  Result<ServerConfig> config = LoadServerConfig(text);
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? "" : config.error().field + ": " + config.error().message));
  return config.value();
}

inline Error LoadError(std::string_view text) {
  Result<ServerConfig> config = LoadServerConfig(text);
  REQUIRE_MESSAGE(!config.ok(), "loaded unexpectedly: " << text);
  return config.error();
}

}  // namespace slotwise::config
