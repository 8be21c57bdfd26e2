// message_payload.h — an outgoing e-mail as the payload of an outbox job (OutboxKind::kMessage) and back.
//
// Contract: MessageFromPayload(MessagePayload(m)) == m for every field a message job carries (delivery_id, kind,
// to_name, to_email, subject, text_body, interview_id when the message is about one; no .ics — only the interview's
// own invitation flow sends one). A payload missing delivery_id, to_email or subject is "invalid_payload".
//
// A text carrying a secret (a proposal's capability, in the link to the candidate page): SealedMessagePayload stores
// the text with every occurrence of the secret cut out, the byte offsets where it stood, and the secret sealed with the
// server's token vault (crypto/token_vault.h) under the associated data MessageSealingContext(tenant, delivery id) —
// so the row never holds the secret in plain text, and a sealed value copied to another tenant's or message's row does
// not open. MessageFromPayload with the vault and the job's tenant opens it and puts it back, byte for byte; without a
// vault, with another tenant, tampered or malformed, it is "invalid_payload" and the message says only that the sealed
// part could not be opened (never the value). The secret must not be empty, nor occur in the subject (it would be
// stored in plain text there): invalid_payload. Pure apart from the vault's randomness; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "booking/provider_gateway.h"
#include "crypto/token_vault.h"

namespace slotwise {

nlohmann::json MessagePayload(const OutgoingMessage& message);
Result<nlohmann::json> SealedMessagePayload(const OutgoingMessage& message, std::string_view secret,
                                            const crypto::TokenVault& vault, const std::string& tenant_id);
// `vault` may be null when no payload is sealed; `tenant_id` is the job's.
Result<OutgoingMessage> MessageFromPayload(const nlohmann::json& payload, const crypto::TokenVault* vault = nullptr,
                                           const std::string& tenant_id = "");

// The associated data a message's secret is sealed under: "message/<tenant>/<delivery id>".
std::string MessageSealingContext(const std::string& tenant_id, const std::string& delivery_id);

}  // namespace slotwise
