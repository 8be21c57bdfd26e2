// cli_backup.cpp — `slotwise backup --to FILE [--force]` and `slotwise restore --from FILE [--force]`, each with the
// options `slotwise serve` finds its database by (`--config FILE`, `--db FILE`, SLOTWISE_DB; docs/BACKUP.md). The
// work is store/database_backup.h and store/database_restore.h; this file reads the options, prints the outcome and
// the reminder of the secrets a backup leaves out (secrets_outside_database.h). Errors print "slotwise: <code>:
// <message>" on stderr; exit 2 for a malformed command line, 1 for any refusal or failure.
#include <cstdlib>
#include <iostream>
#include <optional>
#include <variant>

#include "app/cli_commands.h"
#include "app/secrets_outside_database.h"
#include "config/server_config.h"
#include "store/database_backup.h"
#include "store/database_restore.h"

namespace slotwise {

namespace {

// The command's own file option (`--to` / `--from`) and `--force`; the configuration options are handed to
// ResolveConfig as serve's would be.
struct FileCommand {
  std::string file;
  bool force = false;
  std::vector<std::string> config_args;  // args[0] and the --config / --db pairs
};

std::variant<FileCommand, int> ParseFileCommand(const std::vector<std::string>& args, const std::string& file_option,
                                                const char* usage) {
  FileCommand command;
  command.config_args.push_back(args[0]);
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--force") {
      command.force = true;
    } else if (arg == file_option && has_value) {
      command.file = args[++i];
    } else if ((arg == "--config" || arg == "--db") && has_value) {
      command.config_args.push_back(arg);
      command.config_args.push_back(args[++i]);
    } else {
      std::cerr << "slotwise: unknown or incomplete option " << arg << "\n" << usage;
      return kExitInvalidInput;
    }
  }
  if (command.file.empty()) {
    std::cerr << "slotwise: " << args[0] << " needs " << file_option << " FILE\n" << usage;
    return kExitInvalidInput;
  }
  return command;
}

// The database path serve would use with these options; an exit status when the configuration does not load.
std::variant<config::ServerConfig, int> ConfigFor(const FileCommand& command, const char* usage) {
  bool print_config = false;
  return ResolveConfig(command.config_args, "", usage, print_config);
}

int Failed(const Error& error) {
  std::cerr << "slotwise: " << error.code << ": " << error.message << "\n";
  return kExitFailure;
}

std::string ConfigFileOf(const FileCommand& command) {
  for (std::size_t i = 1; i + 1 < command.config_args.size(); i += 2) {
    if (command.config_args[i] == "--config") return command.config_args[i + 1];
  }
  return "";
}

}  // namespace

int RunBackup(const std::vector<std::string>& args, const char* usage) {
  std::variant<FileCommand, int> parsed = ParseFileCommand(args, "--to", usage);
  if (std::holds_alternative<int>(parsed)) return std::get<int>(parsed);
  const FileCommand& command = std::get<FileCommand>(parsed);
  std::variant<config::ServerConfig, int> resolved = ConfigFor(command, usage);
  if (std::holds_alternative<int>(resolved)) return std::get<int>(resolved);
  const config::ServerConfig& settings = std::get<config::ServerConfig>(resolved);
  Result<BackupReport> report = BackupDatabase(settings.database.path, command.file, command.force);
  if (!report) return Failed(report.error());
  std::cout << "backed up " << settings.database.path << " to " << report->path << ": " << report->bytes << " bytes ("
            << report->pages << " pages), schema version " << report->schema_version << ", integrity ok, in "
            << report->took.count() << " ms\n";
  std::vector<std::string> outside =
      SecretsOutsideDatabase(settings, [](const char* name) { return std::getenv(name); });
  if (const std::string file = ConfigFileOf(command); !file.empty())
    outside.push_back("the configuration file " + file);
  std::cout << "not copied, keep and escrow separately (docs/BACKUP.md):";
  for (std::size_t i = 0; i < outside.size(); ++i) std::cout << (i == 0 ? " " : "; ") << outside[i];
  std::cout << std::endl;
  return kExitOk;
}

int RunRestore(const std::vector<std::string>& args, const char* usage) {
  std::variant<FileCommand, int> parsed = ParseFileCommand(args, "--from", usage);
  if (std::holds_alternative<int>(parsed)) return std::get<int>(parsed);
  const FileCommand& command = std::get<FileCommand>(parsed);
  std::variant<config::ServerConfig, int> resolved = ConfigFor(command, usage);
  if (std::holds_alternative<int>(resolved)) return std::get<int>(resolved);
  const config::ServerConfig& settings = std::get<config::ServerConfig>(resolved);
  Result<RestoreReport> report = RestoreDatabase(command.file, settings.database.path, command.force);
  if (!report) return Failed(report.error());
  std::cout << "restored " << command.file << " to " << report->path << (report->replaced ? " (replaced)" : "") << ": "
            << report->bytes << " bytes, schema version " << report->schema_version
            << ", integrity ok; slotwise serve applies newer migrations at start" << std::endl;
  return kExitOk;
}

}  // namespace slotwise
