// message_payload.cpp — see message_payload.h.
#include "booking/message_payload.h"

#include "slotwise/error_codes.h"

namespace slotwise {

using nlohmann::json;

json MessagePayload(const OutgoingMessage& message) {
  json payload = {{"delivery_id", message.delivery_id}, {"kind", message.kind},
                  {"to", {{"name", message.to_name}, {"email", message.to_email}}},
                  {"subject", message.subject},         {"text", message.text_body}};
  if (!message.interview_id.empty()) payload["interview_id"] = message.interview_id;
  return payload;
}

Result<OutgoingMessage> MessageFromPayload(const json& payload) {
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
  return message;
}

}  // namespace slotwise
