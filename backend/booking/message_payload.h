// message_payload.h — an outgoing e-mail as the payload of an outbox job (OutboxKind::kMessage) and back.
//
// Contract: MessageFromPayload(MessagePayload(m)) == m for every field a message job carries (delivery_id, kind,
// to_name, to_email, subject, text_body, interview_id when the message is about one; no .ics — only the interview's
// own invitation flow sends one). A payload missing
// delivery_id, to_email or subject is "invalid_payload". Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "booking/provider_gateway.h"

namespace slotwise {

nlohmann::json MessagePayload(const OutgoingMessage& message);
Result<OutgoingMessage> MessageFromPayload(const nlohmann::json& payload);

}  // namespace slotwise
