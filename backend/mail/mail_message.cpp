// mail_message.cpp — RenderMessage (see mail_message.h).
#include "mail/mail_message.h"

#include <algorithm>
#include <array>

#include "crypto/crypto_primitives.h"
#include "mail/mime_encoding.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::mail {
namespace {

constexpr std::size_t kMaxMessageIdChars = 250;
constexpr std::size_t kMaxHeaderNameChars = 76;
constexpr std::size_t kMaxMethodChars = 32;
constexpr int kBoundaryAttempts = 16;
constexpr std::array<std::string_view, 11> kOwnHeaders = {"from",
                                                          "to",
                                                          "cc",
                                                          "bcc",
                                                          "subject",
                                                          "date",
                                                          "message-id",
                                                          "mime-version",
                                                          "content-type",
                                                          "content-transfer-encoding",
                                                          "content-disposition"};

Error Injection(const std::string& field) {
  return Error{codes::kHeaderInjection, field + " contains a line break; header fields cannot span lines.", field};
}

Error Invalid(const std::string& field, std::string message) {
  return Error{codes::kInvalidMessage, std::move(message), field};
}

bool HasLineBreak(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

bool HasControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f; });
}

// Header text (subject, display name): no line breaks, no other controls, UTF-8.
Result<bool> CheckHeaderText(std::string_view text, const std::string& field) {
  if (HasLineBreak(text)) return Injection(field);
  if (HasControl(text)) return Invalid(field, field + " contains a control character.");
  if (!IsValidUtf8(text)) return Invalid(field, field + " is not valid UTF-8.");
  return true;
}

}  // namespace

Result<bool> CheckHeaderInput(std::string_view text, const std::string& field) {
  Result<bool> checked = CheckHeaderText(text, field);
  if (checked) return true;
  std::string message = checked.error().message;
  if (checked.error().code == codes::kHeaderInjection) {
    message = field + " contains a line break (CR or LF); it is written into an e-mail header";
  }
  return Error{codes::kInvalidRequest, std::move(message), field};
}

namespace {

Result<bool> CheckAddress(const MailAddress& address, const std::string& field) {
  if (Result<bool> name = CheckHeaderText(address.name, field + ".name"); !name) return name;
  if (HasLineBreak(address.email)) return Injection(field + ".email");
  if (!IsValidAddress(address.email)) {
    return Invalid(field + ".email", field + ".email must be a plain ASCII address like name@example.com.");
  }
  return true;
}

Result<bool> CheckExtraHeader(const MailHeader& header, const std::string& field) {
  if (HasLineBreak(header.name)) return Injection(field + ".name");
  if (HasLineBreak(header.value)) return Injection(field + ".value");
  const bool name_ok =
      !header.name.empty() && header.name.size() <= kMaxHeaderNameChars &&
      std::all_of(header.name.begin(), header.name.end(), [](char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
      });
  if (!name_ok) return Invalid(field + ".name", field + ".name must be letters, digits and '-'.");
  if (std::find(kOwnHeaders.begin(), kOwnHeaders.end(), AsciiLower(header.name)) != kOwnHeaders.end()) {
    return Invalid(field + ".name",
                   header.name + " is written by the renderer and cannot be given as an extra header.");
  }
  const bool value_ok = std::all_of(header.value.begin(), header.value.end(),
                                    [](char ch) { return (ch >= 0x20 && ch < 0x7f) || ch == '\t'; });
  if (!value_ok) return Invalid(field + ".value", field + ".value must be printable ASCII.");
  if (header.name.size() + 2 + header.value.size() > kMaxLineChars) {
    return Invalid(field + ".value", field + " would make a header line longer than 998 characters.");
  }
  return true;
}

Result<bool> CheckMessage(const MailMessage& message) {
  if (Result<bool> from = CheckAddress(message.from, "from"); !from) return from;
  if (message.to.empty()) return Invalid("to", "A message needs at least one recipient.");
  for (std::size_t i = 0; i < message.to.size(); ++i) {
    if (Result<bool> to = CheckAddress(message.to[i], "to[" + std::to_string(i) + "]"); !to) return to;
  }
  if (Result<bool> subject = CheckHeaderText(message.subject, "subject"); !subject) return subject;
  if (HasLineBreak(message.message_id)) return Injection("message_id");
  if (!IsValidUtf8(message.text_body)) return Invalid("text_body", "text_body is not valid UTF-8.");
  if (message.calendar) {
    const std::string& method = message.calendar->method;
    if (HasLineBreak(method)) return Injection("calendar.method");
    const bool method_ok =
        !method.empty() && method.size() <= kMaxMethodChars &&
        std::all_of(method.begin(), method.end(), [](char ch) { return (ch >= 'A' && ch <= 'Z') || ch == '-'; });
    if (!method_ok) return Invalid("calendar.method", "calendar.method must be an iTIP method such as REQUEST.");
    if (!IsValidUtf8(message.calendar->ics_text)) {
      return Invalid("calendar.ics_text", "calendar.ics_text is not valid UTF-8.");
    }
  }
  for (std::size_t i = 0; i < message.extra_headers.size(); ++i) {
    const std::string field = "extra_headers[" + std::to_string(i) + "]";
    if (Result<bool> header = CheckExtraHeader(message.extra_headers[i], field); !header) return header;
  }
  return true;
}

// "<id@domain>": the caller's id (brackets added) or a random one at the sender's domain.
Result<std::string> MessageId(const MailMessage& message) {
  if (message.message_id.empty()) {
    const std::string domain = message.from.email.substr(message.from.email.find('@') + 1);
    return "<" + crypto::RandomToken(18) + "@" + domain + ">";
  }
  std::string id = message.message_id;
  if (id.front() != '<') id = "<" + id + ">";
  const std::string_view inner = std::string_view(id).substr(1, id.size() >= 2 ? id.size() - 2 : 0);
  const bool ok =
      id.size() <= kMaxMessageIdChars && id.back() == '>' && inner.find('@') != std::string_view::npos &&
      std::all_of(inner.begin(), inner.end(), [](char ch) { return ch > 0x20 && ch < 0x7f && ch != '<' && ch != '>'; });
  if (!ok) return Invalid("message_id", "message_id must look like <unique@domain> (printable ASCII, no spaces).");
  return id;
}

std::string FormatMailbox(const MailAddress& address, std::size_t used) {
  if (address.name.empty()) return address.email;
  return EncodePhrase(address.name, used) + " <" + address.email + ">";
}

// A part's base64 content, never empty (an empty part still ends its blank line before the next delimiter).
std::string EncodedContent(std::string_view text) {
  std::string content = Base64Lines(ToCrlf(text));
  return content.empty() ? "\r\n" : content;
}

// A boundary that occurs in none of `contents`.
std::string PickBoundary(const std::vector<const std::string*>& contents) {
  std::string boundary;
  for (int attempt = 0; attempt < kBoundaryAttempts; ++attempt) {
    boundary = "=_slotwise_" + crypto::RandomToken(18);
    const bool clash = std::any_of(contents.begin(), contents.end(), [&](const std::string* content) {
      return content->find(boundary) != std::string::npos;
    });
    if (!clash) return boundary;
  }
  return boundary;  // unreachable in practice: base64 content never contains "=_"
}

}  // namespace

bool IsValidAddress(std::string_view email) {
  if (email.empty() || email.size() > 254) return false;
  for (char ch : email) {
    if (ch <= 0x20 || ch >= 0x7f) return false;
  }
  if (email.find_first_of("<>()[],;:\"\\") != std::string_view::npos) return false;
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view domain = email.substr(at + 1);
  return !domain.empty() && domain.front() != '.' && domain.back() != '.';
}

Result<std::string> RenderMessage(const MailMessage& message) {
  if (Result<bool> checked = CheckMessage(message); !checked) return checked.error();
  Result<std::string> message_id = MessageId(message);
  if (!message_id) return message_id.error();

  std::string out;
  out += "Date: " + FormatRfc5322Date(message.date) + "\r\n";
  out += "From: " + FormatMailbox(message.from, 6) + "\r\n";
  out += "To: ";
  for (std::size_t i = 0; i < message.to.size(); ++i) {
    if (i > 0) out += ",\r\n ";
    out += FormatMailbox(message.to[i], i == 0 ? 4 : 1);
  }
  out += "\r\n";
  out += "Subject: " + EncodeUnstructured(message.subject, 9) + "\r\n";
  out += "Message-ID: " + *message_id + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  for (const MailHeader& header : message.extra_headers) out += header.name + ": " + header.value + "\r\n";

  const std::string text = EncodedContent(message.text_body);
  if (!message.calendar) {
    out += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    return out + text;
  }
  const std::string calendar = EncodedContent(message.calendar->ics_text);
  const std::string mixed = PickBoundary({&text, &calendar});
  std::string alternative = PickBoundary({&text, &calendar});
  while (alternative.find(mixed) != std::string::npos || mixed.find(alternative) != std::string::npos) {
    alternative = PickBoundary({&text, &calendar});
  }
  out += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n";
  out += "This is a multi-part message in MIME format.\r\n";
  out += "--" + mixed + "\r\n";
  out += "Content-Type: multipart/alternative; boundary=\"" + alternative + "\"\r\n\r\n";
  out += "--" + alternative + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + text;
  out += "--" + alternative + "\r\n";
  out += "Content-Type: text/calendar; charset=UTF-8; method=" + message.calendar->method + "\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n" + calendar;
  out += "--" + alternative + "--\r\n";
  out += "--" + mixed + "\r\n";
  out += "Content-Type: application/ics; name=\"invite.ics\"\r\n";
  out += "Content-Disposition: attachment; filename=\"invite.ics\"\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n" + calendar;
  out += "--" + mixed + "--\r\n";
  return out;
}

}  // namespace slotwise::mail
