// log_redaction.cpp — see log_redaction.h.
#include "observability/log_redaction.h"

#include <array>

namespace slotwise::observability {

namespace {

// ASCII letters, digits, the usual specials, and every byte of a UTF-8 sequence (internationalised addresses).
bool IsLocalPartCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '%' || c == '+' || c == '-' || c == '\'' || static_cast<unsigned char>(c) >= 0x80;
}

bool IsDomainCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

bool IsTokenCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || c == '~' || c == '+' || c == '/' || c == '=';
}

bool StartsWithAt(std::string_view text, std::size_t at, std::string_view prefix) {
  return text.substr(at, prefix.size()) == prefix;
}

// Replaces e-mail addresses in `text` (see the contract).
std::string RedactEmails(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > copied && IsLocalPartCharacter(text[begin - 1])) --begin;
    std::size_t end = at + 1;
    while (end < text.size() && IsDomainCharacter(text[end])) ++end;
    while (end > at + 1 && text[end - 1] == '.') --end;  // a sentence's full stop is not the domain's
    const std::string_view domain = text.substr(at + 1, end - at - 1);
    if (begin == at || domain.find('.') == std::string_view::npos) continue;
    out.append(text.substr(copied, begin - copied));
    out += "<e-mail>";
    copied = end;
    at = end - 1;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace

std::string RedactForLog(std::string_view text) {
  const std::string mailless = RedactEmails(text);
  static constexpr std::array<std::string_view, 5> kCredentialPrefixes{"swk_", "swt1", "swp_", "swd_", "Bearer "};
  std::string out;
  out.reserve(mailless.size());
  for (std::size_t i = 0; i < mailless.size();) {
    bool replaced = false;
    for (std::string_view prefix : kCredentialPrefixes) {
      if (!StartsWithAt(mailless, i, prefix)) continue;
      std::size_t end = i + prefix.size();
      while (end < mailless.size() && IsTokenCharacter(mailless[end])) ++end;
      if (end == i + prefix.size()) continue;  // the prefix alone ("Bearer " then nothing) is no credential
      out.append(prefix);
      out += "<redacted>";
      i = end;
      replaced = true;
      break;
    }
    if (!replaced) out += mailless[i++];
  }
  return out;
}

}  // namespace slotwise::observability
