// error_codes_test.cpp — the one error vocabulary (shared/include/slotwise/error_codes.h) holds together: codes are
// unique snake_case names, every kind has its HTTP status, docs/openapi.json documents exactly these codes with the
// status the server answers, and no product source writes a code as an inline string.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "api/http_status.h"
#include "slotwise/error_codes.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using slotwise::AllErrorCodes;
using slotwise::ErrorCodeInfo;
using slotwise::testing::ReadFile;

}  // namespace

TEST_CASE("Error codes: every code is a unique snake_case name with a kind, a status and a meaning") {
  std::set<std::string_view> seen;
  const std::regex snake("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  for (const ErrorCodeInfo& info : AllErrorCodes()) {
    CHECK_MESSAGE(seen.insert(info.code).second, "listed twice: " << info.code);
    CHECK_MESSAGE(std::regex_match(std::string(info.code), snake), "not snake_case: " << info.code);
    CHECK_MESSAGE(!info.meaning.empty(), info.code << " has no meaning");
    const int status = slotwise::HttpStatusFor(info.code);
    CHECK_MESSAGE((status >= 400 && status <= 599), info.code << " maps to " << status);
    CHECK(slotwise::KindOf(info.code) == info.kind);
    // A failure the caller cannot fix by changing the request is a 5xx, and only those are server faults.
    CHECK_MESSAGE(slotwise::IsServerFault(info.kind) == (status >= 500), info.code);
  }
  CHECK(seen.size() > 100);
  CHECK(slotwise::codes::kSlotTaken == std::string_view("slot_taken"));
}

TEST_CASE("Error codes: statuses follow the kinds, and the engine's answers keep the engine's contract") {
  using slotwise::ErrorKind;
  using slotwise::HttpStatusFor;
  CHECK(HttpStatusFor(ErrorKind::kMalformedRequest) == 400);
  CHECK(HttpStatusFor(ErrorKind::kInvalidArgument) == 422);
  CHECK(HttpStatusFor(ErrorKind::kFailedDependency) == 424);
  CHECK(HttpStatusFor(slotwise::codes::kSlotTaken) == 409);
  CHECK(HttpStatusFor(slotwise::codes::kBookingInvalid) == 422);
  CHECK(HttpStatusFor(slotwise::codes::kProviderUnauthorized) == 424);  // a provider's 401 is never the caller's
  CHECK(HttpStatusFor("no_such_code") == 500);
  CHECK(HttpStatusFor(slotwise::EngineStatus::kInvalidInput) == 422);
  CHECK(HttpStatusFor(slotwise::EngineStatus::kUnknownOperation) == 404);
}

TEST_CASE("Error codes: docs/openapi.json documents exactly the vocabulary, each code with its status") {
  const nlohmann::json document =
      nlohmann::json::parse(ReadFile(fs::path(SLOTWISE_SOURCE_DIR) / "docs" / "openapi.json"), nullptr, false);
  REQUIRE(document.is_object());
  const nlohmann::json& schema = document.at("components").at("schemas").at("ErrorCode");
  std::set<std::string> documented;
  for (const nlohmann::json& code : schema.at("enum")) documented.insert(code.get<std::string>());
  std::set<std::string> listed;
  for (const ErrorCodeInfo& info : AllErrorCodes()) {
    listed.insert(std::string(info.code));
    const nlohmann::json& entry = schema.at("x-slotwise-codes").at(std::string(info.code));
    CHECK_MESSAGE(entry.at("status").get<int>() == slotwise::HttpStatusFor(info.code), info.code);
  }
  CHECK(documented == listed);
  const nlohmann::json& error = document.at("components").at("schemas").at("Error");
  CHECK(error.at("properties").at("error").at("properties").at("code").at("$ref") == "#/components/schemas/ErrorCode");
}

TEST_CASE("Error codes: product sources name codes by their constant, never as an inline string") {
  // An error made or compared with a literal error code bypasses the vocabulary (and the test above). Other
  // vocabularies (the engine's violation and relaxation codes, provider states) are not error codes.
  std::set<std::string> known;
  for (const ErrorCodeInfo& info : AllErrorCodes()) known.insert(std::string(info.code));
  const std::regex inline_code(
      R"re((Error\{|MakeError\(|Fail\(|SendError\(res, |\.code\(\) ==|\bcode [!=]= |error\(\)\.code [!=]= )"[a-z_]+")re");
  std::vector<std::string> offenders;
  for (const char* tree : {"shared", "backend", "wasm"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SLOTWISE_SOURCE_DIR) / tree)) {
      const std::string path = entry.path().string();
      if (!entry.is_regular_file() || path.find("/backend/sandbox/") != std::string::npos) continue;  // the providers'
      if (entry.path().extension() != ".cpp" && entry.path().extension() != ".h") continue;          // own vocabulary
      std::ifstream in(entry.path());
      std::string line;
      for (int number = 1; std::getline(in, line); ++number) {
        const std::string code = line.substr(0, line.find("//"));
        for (auto it = std::sregex_iterator(code.begin(), code.end(), inline_code); it != std::sregex_iterator(); ++it) {
          const std::string literal = (*it)[0].str();
          const std::size_t open = literal.rfind('"', literal.size() - 2);
          if (known.count(literal.substr(open + 1, literal.size() - open - 2))) {
            offenders.push_back(path + ":" + std::to_string(number) + ": " + line);
          }
        }
      }
    }
  }
  std::string shown;
  for (const std::string& offender : offenders) shown += offender + "\n";
  CHECK_MESSAGE(offenders.empty(), shown);
}
