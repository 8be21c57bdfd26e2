// message_payload.cpp — see message_payload.h.
#include "booking/message_payload.h"

#include "slotwise/error_codes.h"

namespace slotwise {

using nlohmann::json;

namespace {

Error InvalidPayload(const std::string& why) { return Error{codes::kInvalidPayload, why, ""}; }

// The text with the sealed secret put back at its offsets (ascending, each within the text as it grows).
Result<std::string> Unsealed(const std::string& text, const json& sealed, const crypto::TokenVault* vault,
                             const std::string& tenant_id, const std::string& delivery_id) {
  const Error unopened = InvalidPayload("the queued message's sealed part could not be opened");
  if (vault == nullptr || !sealed.is_object() || !sealed.contains("secret") || !sealed.at("secret").is_string() ||
      !sealed.contains("at") || !sealed.at("at").is_array()) {
    return unopened;
  }
  Result<std::string> secret =
      vault->Open(sealed.at("secret").get<std::string>(), MessageSealingContext(tenant_id, delivery_id));
  if (!secret || secret->empty()) return unopened;
  std::string out;
  std::size_t copied = 0;
  for (const json& at : sealed.at("at")) {
    if (!at.is_number_unsigned() || at.get<std::size_t>() < copied || at.get<std::size_t>() > text.size()) {
      return unopened;
    }
    out.append(text, copied, at.get<std::size_t>() - copied).append(*secret);
    copied = at.get<std::size_t>();
  }
  out.append(text, copied, std::string::npos);
  return out;
}

}  // namespace

std::string MessageSealingContext(const std::string& tenant_id, const std::string& delivery_id) {
  return "message/" + tenant_id + "/" + delivery_id;
}

json MessagePayload(const OutgoingMessage& message) {
  json payload = {{"delivery_id", message.delivery_id}, {"kind", message.kind},
                  {"to", {{"name", message.to_name}, {"email", message.to_email}}},
                  {"subject", message.subject},         {"text", message.text_body}};
  if (!message.interview_id.empty()) payload["interview_id"] = message.interview_id;
  return payload;
}

Result<json> SealedMessagePayload(const OutgoingMessage& message, std::string_view secret,
                                  const crypto::TokenVault& vault, const std::string& tenant_id) {
  if (secret.empty()) return InvalidPayload("a sealed message needs a secret");
  if (message.subject.find(secret) != std::string::npos || message.to_name.find(secret) != std::string::npos) {
    return InvalidPayload("the message's subject or recipient would carry its secret");
  }
  // Offsets into the text without the secret: where each occurrence is put back.
  std::string text;
  json at = json::array();
  std::size_t from = 0;
  for (std::size_t found = message.text_body.find(secret); found != std::string::npos;
       found = message.text_body.find(secret, from)) {
    text.append(message.text_body, from, found - from);
    at.push_back(text.size());
    from = found + secret.size();
  }
  text.append(message.text_body, from, std::string::npos);
  OutgoingMessage stored = message;
  stored.text_body = std::move(text);
  json payload = MessagePayload(stored);
  payload["sealed"] = {{"secret", vault.Seal(secret, MessageSealingContext(tenant_id, message.delivery_id))},
                       {"at", std::move(at)}};
  return payload;
}

Result<OutgoingMessage> MessageFromPayload(const json& payload, const crypto::TokenVault* vault,
                                           const std::string& tenant_id) {
  OutgoingMessage message;
  if (payload.is_object()) {
    message.delivery_id = payload.value("delivery_id", "");
    message.kind = payload.value("kind", "");
    message.subject = payload.value("subject", "");
    message.text_body = payload.value("text", "");
    message.interview_id = payload.value("interview_id", "");
    if (auto to = payload.find("to"); to != payload.end() && to->is_object()) {
      message.to_name = to->value("name", "");
      message.to_email = to->value("email", "");
    }
  }
  if (message.delivery_id.empty() || message.to_email.empty() || message.subject.empty()) {
    return Error{codes::kInvalidPayload, "the queued message lacks its delivery id, recipient or subject", ""};
  }
  if (auto sealed = payload.find("sealed"); sealed != payload.end()) {
    Result<std::string> text = Unsealed(message.text_body, *sealed, vault, tenant_id, message.delivery_id);
    if (!text) return text.error();
    message.text_body = std::move(text).value();
  }
  return message;
}

}  // namespace slotwise
