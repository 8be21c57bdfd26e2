// Fuzz target: the `slotwise serve` configuration loader (backend/config/server_config.h): the file's JSON text, then
// optionally (after a NUL byte) environment overrides as NAME=value lines. Properties of a configuration that loads:
//   - the effective configuration DescribeConfig prints is JSON that loads again and describes itself identically
//     (a fixed point: what --print-config shows is what the server runs with), secrets standing in as "***" (the
//     redacted admin key hash replaced by a valid one);
//   - the cross-key checks run on it without failing in another way than an invalid_config error.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "config/server_config.h"
#include "fuzz_support.h"

namespace {

namespace config = slotwise::config;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  slotwise::fuzz::FuzzInput input(data, size);
  const std::string_view file_text = input.Until('\0');
  std::map<std::string, std::string, std::less<>> environment;
  for (std::string_view line = input.Until('\n'); !line.empty(); line = input.Until('\n')) {
    const std::size_t equals = line.find('=');
    if (equals != std::string_view::npos) environment[std::string(line.substr(0, equals))] = line.substr(equals + 1);
  }

  slotwise::Result<config::ServerConfig> loaded = config::LoadServerConfig(file_text);
  if (!loaded.ok()) {
    FUZZ_CHECK(!loaded.error().code.empty() && !loaded.error().message.empty(), "an error without code or message");
    return 0;
  }
  config::ServerConfig& server = loaded.value();
  const slotwise::Result<bool> applied =
      config::ApplyEnvironment(server, [&](std::string_view name) -> std::optional<std::string> {
        const auto found = environment.find(name);
        if (found == environment.end()) return std::nullopt;
        return found->second;
      });
  if (!applied.ok()) return 0;  // the server refuses to start; the configuration is discarded

  const slotwise::Result<bool> valid = config::ValidateServerConfig(server);
  FUZZ_CHECK(valid.ok() || valid.error().code == "invalid_config", "cross-key check answered " << valid.error().code);

  const std::string described = config::DescribeConfig(server);
  nlohmann::ordered_json document = nlohmann::ordered_json::parse(described, nullptr, /*allow_exceptions=*/false);
  FUZZ_CHECK(document.is_object(), "DescribeConfig printed something that is not a JSON object:\n" << described);
  if (document["admin"]["api_key_hash"] == "***") document["admin"]["api_key_hash"] = std::string(64, 'a');
  const slotwise::Result<config::ServerConfig> reloaded = config::LoadServerConfig(document.dump());
  FUZZ_CHECK(reloaded.ok(), "the described configuration does not load: " << reloaded.error().message << " ("
                                                                           << reloaded.error().field << ")\n"
                                                                           << described);
  FUZZ_CHECK(config::DescribeConfig(*reloaded) == described,
             "the described configuration describes itself differently:\n" << described << "\n---\n"
                                                                            << config::DescribeConfig(*reloaded));
  return 0;
}
