// cli.cpp — the `slotwise` command line (see cli.h).
#include "app/cli.h"
#include "app/build_info.h"

#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/cli_commands.h"
#include "slotwise/engine_api.h"
#include "zoneinfo/zoneinfo_directory.h"

namespace slotwise {

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  slotwise --version           version, commit and build flavour of this binary\n"
    "  slotwise solve [FILE]        solve an availability document (docs/ENGINE.md); stdin when no FILE\n"
    "  slotwise validate [FILE]     validate the document's \"booking\" (exit 0 valid or not; 2 malformed)\n"
    "  slotwise engine OP [FILE]    run one engine operation on a JSON document\n"
    "  slotwise batch OP            one JSON document per stdin line -> one answer per line\n"
    "  slotwise serve [--demo] [--host 127.0.0.1] [--port 8080] [--web-root DIR] [--db FILE] [--zoneinfo DIR]\n"
    "                 [--public-url URL] [--sandbox-url URL] [--config FILE] [--print-config]\n"
    "  slotwise sandbox [--host 127.0.0.1] [--port 4100] [--empty]   the provider sandbox on its own port\n"
    "  slotwise keys new KID        print a new token-key entry for SLOTWISE_TOKEN_KEYS / the key file\n"
    "  slotwise keys rotate [--db FILE]   re-seal every stored token with the active (first) key\n"
    "  slotwise invite render [--zoneinfo DIR] [FILE]   candidate invitation (.ics) from JSON; stdin when no FILE\n"
    "  slotwise backup --to FILE [--force] [--config FILE] [--db FILE]   a consistent copy of the database while the\n"
    "                 server runs (the token keyring and other key files are not copied: docs/BACKUP.md)\n"
    "  slotwise restore --from FILE [--force] [--config FILE] [--db FILE]   install a backup as the database (the\n"
    "                 server must be stopped)\n";

std::optional<std::string> ReadInput(const std::vector<std::string>& args, std::size_t index) {
  if (index >= args.size() || args[index] == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream file(args[index], std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

int ExitCodeFor(EngineStatus status) {
  return status == EngineStatus::kOk ? kExitOk : status == EngineStatus::kInvalidInput ? kExitInvalidInput : kExitFailure;
}

int RunEngineCommand(const std::string& operation, const std::vector<std::string>& args, std::size_t file_index,
                     const std::string& zoneinfo) {
  std::optional<std::string> input = ReadInput(args, file_index);
  if (!input) {
    std::cerr << "slotwise: cannot read " << args[file_index] << "\n";
    return kExitFailure;
  }
  ZoneinfoDirectory zones(zoneinfo);
  const EngineAnswer answer = CallEngine(operation, *input, zones);
  std::cout << answer.body << "\n";
  return ExitCodeFor(answer.status);
}

int RunBatch(const std::string& operation, const std::string& zoneinfo) {
  ZoneinfoDirectory zones(zoneinfo);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    std::cout << CallEngine(operation, line, zones).body << "\n";
  }
  return kExitOk;
}

// The folder of staged web assets next to the binary: build/bin/slotwise -> build/web.
std::string DefaultWebRoot(const char* argv0) {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::canonical("/proc/self/exe", ec);
  const std::filesystem::path base = ec ? std::filesystem::path(argv0).parent_path() : exe.parent_path();
  return (base / ".." / "web").lexically_normal().string();
}

}  // namespace

int RunCli(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? kExitInvalidInput : kExitOk;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::cout << VersionLine() << "\n";
    return kExitOk;
  }
  const std::string zoneinfo = "/usr/share/zoneinfo";
  const std::string& command = args[0];
  if (command == "solve") return RunEngineCommand("solve", args, 1, zoneinfo);
  if (command == "validate") return RunEngineCommand("validate", args, 1, zoneinfo);
  if (command == "engine" && args.size() >= 2) return RunEngineCommand(args[1], args, 2, zoneinfo);
  if (command == "batch" && args.size() >= 2) return RunBatch(args[1], zoneinfo);
  if (command == "serve") return RunServe(args, DefaultWebRoot(argv[0]), kUsage);
  if (command == "sandbox") return RunSandbox(args, kUsage);
  if (command == "keys") return RunKeys(args, kUsage);
  if (command == "invite") return RunInvite(args, kUsage);
  if (command == "backup") return RunBackup(args, kUsage);
  if (command == "restore") return RunRestore(args, kUsage);
  std::cerr << "slotwise: unknown command \"" << command << "\"\n" << kUsage;
  return kExitInvalidInput;
}

}  // namespace slotwise
