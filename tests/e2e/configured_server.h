// configured_server.h — `slotwise serve --config <file>` as a child process, started the way an operator starts it:
// the test gives the configuration as JSON (written to <dir>/slotwise.json; listen on 127.0.0.1 port 0 unless it says
// otherwise) and the server gets a fixed token keyring in SLOTWISE_TOKEN_KEYS. Calls go to the origin the server
// printed. Needs SLOTWISE_CLI_PATH (the test file's compile definition, tests/e2e/CMakeLists.txt).
//
// Contract: the constructor fails the test (REQUIRE) when the server does not say it is running within 20 s; the
// destructor stops it (SIGTERM, then SIGKILL). One test thread uses an object.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "crypto/crypto_primitives.h"
#include "support/http_call.h"
#include "support/process_harness.h"

namespace slotwise::testing {

class ConfiguredServer {
 public:
  ConfiguredServer(const std::filesystem::path& dir, nlohmann::json configuration) {
    if (!configuration.contains("listen")) configuration["listen"] = {{"host", "127.0.0.1"}, {"port", 0}};
    const std::filesystem::path file = dir / "slotwise.json";
    std::ofstream(file) << configuration.dump(2);
    const ChildProcess::EnvChanges environment = {
        {"SLOTWISE_TOKEN_KEYS", "k1:" + crypto::Base64Encode(std::string(32, '\x5a'))}};
    REQUIRE(process_.Start({SLOTWISE_CLI_PATH, "serve", "--config", file.string()}, environment));
    const std::optional<std::string> running = process_.WaitForLine("Slotwise is running at", std::chrono::seconds(20));
    REQUIRE_MESSAGE(running.has_value(), process_.Output());
    origin_ = OriginInLine(*running);
  }
  ~ConfiguredServer() { process_.Terminate(); }
  ConfiguredServer(const ConfiguredServer&) = delete;
  ConfiguredServer& operator=(const ConfiguredServer&) = delete;

  // `method` `path` with `Authorization: Bearer <key>` and `body` as JSON (none when null).
  HttpReply Call(const std::string& key, const std::string& method, const std::string& path,
                 const nlohmann::json& body = nullptr) const {
    return HttpCall(method, origin_ + path, body.is_null() ? "" : body.dump(), {{"Authorization", "Bearer " + key}});
  }
  // The same with a body sent as it is, as `content_type`.
  HttpReply Raw(const std::string& key, const std::string& method, const std::string& path, const std::string& body,
                const std::string& content_type = "application/json") const {
    return HttpCall(method, origin_ + path, body, {{"Authorization", "Bearer " + key}}, content_type);
  }
  // A GET without credentials, with `headers`.
  HttpReply Anonymous(const std::string& path, const httplib::Headers& headers = {}) const {
    return HttpCall("GET", origin_ + path, "", headers);
  }
  const std::string& origin() const { return origin_; }
  std::string Output() const { return process_.Output(); }  // what the server wrote (its log lines), so far

 private:
  ChildProcess process_;
  std::string origin_;
};

}  // namespace slotwise::testing
