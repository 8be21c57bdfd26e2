// cli_commands.h — the long-running and administrative `slotwise` commands (cli_serve.cpp, cli_keys.cpp,
// cli_backup.cpp).
#pragma once

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "config/server_config.h"

namespace slotwise {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitInvalidInput = 2;

// `args` is argv without the program name (args[0] is the command). Each returns the process exit status.
int RunServe(const std::vector<std::string>& args, const std::string& default_web_root, const char* usage);
int RunSandbox(const std::vector<std::string>& args, const char* usage);
int RunKeys(const std::vector<std::string>& args, const char* usage);
int RunInvite(const std::vector<std::string>& args, const char* usage);  // `invite render` (cli_invite.cpp)
int RunBackup(const std::vector<std::string>& args, const char* usage);   // `backup --to FILE` (cli_backup.cpp)
int RunRestore(const std::vector<std::string>& args, const char* usage);  // `restore --from FILE` (cli_backup.cpp)

// The effective serve configuration of `args` (args[0] the command, then serve's options): defaults < --config FILE <
// SLOTWISE_* environment < flags (docs/CONFIG.md), secret files read, checked. On failure it has printed why and
// answers the exit status. `print_config` is set by --print-config. (cli_serve.cpp)
std::variant<config::ServerConfig, int> ResolveConfig(const std::vector<std::string>& args,
                                                      const std::string& default_web_root, const char* usage,
                                                      bool& print_config);

// Blocks SIGINT/SIGTERM in every thread, runs `run` (blocking) and calls `stop` from a waiter thread when a signal
// arrives. Returns when `run` returns.
void RunUntilSignal(const std::function<void()>& run, const std::function<void()>& stop);

// Parses a TCP port (0–65535); -1 when invalid.
int ParsePort(const std::string& text);

}  // namespace slotwise
