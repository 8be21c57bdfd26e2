// config_loading.h — helpers of the configuration suites: load a configuration text that must load (or must not),
// failing the running test case with the reason otherwise; apply an environment given as a map (the process
// environment is never read or changed).
#pragma once

#include <map>
#include <optional>
#include <string>
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

using Variables = std::map<std::string, std::string, std::less<>>;

inline Result<bool> Apply(ServerConfig& config, const Variables& variables) {
  return ApplyEnvironment(config, [&](std::string_view name) -> std::optional<std::string> {
    const auto found = variables.find(name);
    if (found == variables.end()) return std::nullopt;
    return found->second;
  });
}

}  // namespace slotwise::config
