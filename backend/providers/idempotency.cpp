// idempotency.cpp — see idempotency.h.
#include "providers/idempotency.h"

#include "crypto/crypto_primitives.h"

namespace slotwise::providers {

std::string Sha256Hex(std::string_view data) { return crypto::HexEncode(crypto::Sha256(data)); }

std::string GoogleEventIdFor(std::string_view idempotency_key) { return Sha256Hex(idempotency_key); }

bool ContainsMarker(std::string_view text, std::string_view marker) {
  if (marker.empty()) return false;
  for (std::size_t at = text.find(marker); at != std::string_view::npos; at = text.find(marker, at + 1)) {
    const std::size_t after = at + marker.size();
    if (after == text.size()) return true;
    const char c = text[after];
    const bool continues = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '_';
    if (!continues) return true;
  }
  return false;
}

}  // namespace slotwise::providers
