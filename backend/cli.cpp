// cli.cpp — the `slotwise` command line (see cli.h).
#include "cli.h"

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

#include "http_server.h"
#include "slotwise/engine_api.h"
#include "sqlite_store.h"
#include "zoneinfo_directory.h"

namespace slotwise {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitInvalidInput = 2;

constexpr const char* kUsage =
    "usage:\n"
    "  slotwise solve [FILE]        solve an availability document (API.md); stdin when no FILE\n"
    "  slotwise validate [FILE]     validate the document's \"booking\" (exit 0 valid or not; 2 malformed)\n"
    "  slotwise engine OP [FILE]    run one engine operation on a JSON document\n"
    "  slotwise batch OP            one JSON document per stdin line -> one answer per line\n"
    "  slotwise serve [--demo] [--host 127.0.0.1] [--port 8080] [--web-root DIR] [--db FILE] [--zoneinfo DIR]\n";

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

int RunServe(const std::vector<std::string>& args, const char* argv0) {
  ServerOptions options;
  options.web_root = DefaultWebRoot(argv0);
  std::string db_path = "var/slotwise.db";
  std::string zoneinfo = "/usr/share/zoneinfo";
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--demo") {
      options.demo = true;
    } else if (arg == "--host" && has_value) {
      options.host = args[++i];
    } else if (arg == "--port" && has_value) {
      try {
        options.port = std::stoi(args[++i]);
      } catch (const std::exception&) {
        options.port = -1;
      }
      if (options.port < 0 || options.port > 65535) {
        std::cerr << "slotwise: --port takes a number from 0 to 65535\n";
        return kExitInvalidInput;
      }
    } else if (arg == "--web-root" && has_value) {
      options.web_root = args[++i];
    } else if (arg == "--db" && has_value) {
      db_path = args[++i];
    } else if (arg == "--zoneinfo" && has_value) {
      zoneinfo = args[++i];
    } else {
      std::cerr << "slotwise: unknown or incomplete option " << arg << "\n" << kUsage;
      return kExitInvalidInput;
    }
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(db_path);
  if (!store) {
    std::cerr << "slotwise: " << store.error().message << "\n";
    return kExitFailure;
  }
  ZoneinfoDirectory zones(zoneinfo);
  HttpServer server(options, zones);
  Result<int> port = server.Bind();
  if (!port) {
    std::cerr << "slotwise: " << port.error().message << "\n";
    return kExitFailure;
  }
  // SIGINT/SIGTERM are blocked in every thread and taken by one waiter thread, which stops the server cleanly.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::thread signal_waiter([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    if (signal_number != 0) server.Stop();
  });
  std::cout << "Slotwise is running at http://" << options.host << ":" << *port << "/"
            << (options.demo ? " (demo data)" : "") << std::endl;
  server.Run();
  pthread_kill(signal_waiter.native_handle(), SIGTERM);  // wakes the waiter if the server stopped another way
  signal_waiter.join();
  return kExitOk;
}

}  // namespace

int RunCli(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? kExitInvalidInput : kExitOk;
  }
  const std::string zoneinfo = "/usr/share/zoneinfo";
  const std::string& command = args[0];
  if (command == "solve") return RunEngineCommand("solve", args, 1, zoneinfo);
  if (command == "validate") return RunEngineCommand("validate", args, 1, zoneinfo);
  if (command == "engine" && args.size() >= 2) return RunEngineCommand(args[1], args, 2, zoneinfo);
  if (command == "batch" && args.size() >= 2) return RunBatch(args[1], zoneinfo);
  if (command == "serve") return RunServe(args, argv[0]);
  std::cerr << "slotwise: unknown command \"" << command << "\"\n" << kUsage;
  return kExitInvalidInput;
}

}  // namespace slotwise
