// queued_message_keys.h — `slotwise keys rotate` for the secrets sealed inside queued e-mails (message_payload.h
// SealedMessagePayload: a proposal's capability in the candidate's e-mail).
//
// Contract: RotateQueuedMessageSecrets re-seals, with the vault's active key, every outbox message whose payload holds
// a sealed secret under an older key (TokenVault::NeedsRotation), under the same associated data
// (MessageSealingContext of the job's tenant and the payload's delivery id); the rest of the payload is kept byte for
// byte. Answers how many were re-sealed. A sealed value no configured key opens is an Error naming the job (nothing is
// changed: all are re-sealed first, then written in one transaction). Serialised with the database's other writers.
#pragma once

#include "crypto/token_vault.h"
#include "slotwise/result.h"
#include "store/sqlite_store.h"

namespace slotwise {

Result<int> RotateQueuedMessageSecrets(SqliteStore& database, const crypto::TokenVault& vault);

}  // namespace slotwise
