// cli_keys.cpp — `slotwise keys new KID` and `slotwise keys rotate [--db FILE]` (see token_vault.h for the key format).
#include <iostream>

#include "app/cli_commands.h"
#include "booking/queued_message_keys.h"
#include "connections/change_notifications.h"
#include "connections/connection_store.h"
#include "runtime/connections_runtime.h"
#include "store/sqlite_store.h"

namespace slotwise {

int RunKeys(const std::vector<std::string>& args, const char* usage) {
  if (args.size() == 3 && args[1] == "new") {
    std::cout << crypto::Keyring::NewKeySpec(args[2]) << "\n";
    return kExitOk;
  }
  if (args.size() >= 2 && args[1] == "rotate") {
    std::string db_path = "var/slotwise.db";
    for (std::size_t i = 2; i < args.size(); ++i) {
      if (args[i] == "--db" && i + 1 < args.size()) {
        db_path = args[++i];
      } else {
        std::cerr << "slotwise: unknown or incomplete option " << args[i] << "\n" << usage;
        return kExitInvalidInput;
      }
    }
    Result<crypto::Keyring> keyring = LoadKeyring("");
    if (!keyring) {
      std::cerr << "slotwise: " << keyring.error().message << "\n";
      return kExitFailure;
    }
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(db_path);
    if (!store) {
      std::cerr << "slotwise: " << store.error().message << "\n";
      return kExitFailure;
    }
    const std::string active = keyring->active_kid();
    crypto::TokenVault vault(std::move(keyring).value());
    ConnectionStore connections(*store.value(), vault);
    Result<int> resealed = connections.RotateKeys();
    if (!resealed) {
      std::cerr << "slotwise: " << resealed.error().message << "\n";
      return kExitFailure;
    }
    Result<int> secrets = RotateWatchSecrets(*store.value(), vault);
    if (!secrets) {
      std::cerr << "slotwise: " << secrets.error().message << "\n";
      return kExitFailure;
    }
    Result<int> messages = RotateQueuedMessageSecrets(*store.value(), vault);
    if (!messages) {
      std::cerr << "slotwise: " << messages.error().message << "\n";
      return kExitFailure;
    }
    std::cout << "re-sealed " << *resealed << " token(s), " << *secrets << " webhook secret(s) and " << *messages
              << " queued e-mail(s) with key " << active << "\n";
    return kExitOk;
  }
  std::cerr << usage;
  return kExitInvalidInput;
}

}  // namespace slotwise
