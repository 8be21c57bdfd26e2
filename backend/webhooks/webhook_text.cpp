// webhook_text.cpp — see webhook_text.h.
#include "webhook_text.h"

#include <charconv>

#include "crypto_primitives.h"

namespace slotwise::webhooks::detail {

Error MakeError(std::string code, std::string message, std::string field) {
  return Error{std::move(code), std::move(message), std::move(field)};
}

std::optional<std::int64_t> ParseDecimal(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool SecretEquals(std::string_view a, std::string_view b) {
  return crypto::ConstantTimeEquals(crypto::Sha256(a), crypto::Sha256(b));
}

bool HasControlCharacter(std::string_view text) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace slotwise::webhooks::detail
