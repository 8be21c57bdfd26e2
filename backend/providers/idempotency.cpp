// idempotency.cpp — see idempotency.h.
#include "idempotency.h"

#include "crypto_primitives.h"

namespace slotwise::providers {

std::string Sha256Hex(std::string_view data) { return crypto::HexEncode(crypto::Sha256(data)); }

std::string GoogleEventIdFor(std::string_view idempotency_key) { return Sha256Hex(idempotency_key); }

}  // namespace slotwise::providers
