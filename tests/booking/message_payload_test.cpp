// Tests for backend/booking/message_payload: a message job's payload and back, and a secret in the text (a proposal's
// capability) sealed with the token vault — never in the stored payload, put back byte for byte only with the vault
// and the job's tenant, and a payload that does not open refused without its value.
#include <doctest/doctest.h>

#include <string>
#include <tuple>

#include "booking/message_payload.h"
#include "crypto/token_vault.h"

using namespace slotwise;
using nlohmann::json;

namespace {

crypto::TokenVault VaultOf(const std::string& kid) {
  Result<crypto::Keyring> ring = crypto::Keyring::Parse(crypto::Keyring::NewKeySpec(kid));
  REQUIRE(ring.ok());
  return crypto::TokenVault(std::move(ring).value());
}

OutgoingMessage ProposalMail(const std::string& secret) {
  OutgoingMessage message;
  message.delivery_id = "prp_1:proposal";
  message.kind = "candidate_proposal";
  message.to_name = "Hanako Sato";
  message.to_email = "hanako@candidate.example";
  message.subject = "Please choose a time";
  message.text_body = "Open https://s.example/candidate/?tenant=kumo#p=" + secret + "\nor again: #p=" + secret;
  return message;
}

}  // namespace

TEST_CASE("MessagePayload: a plain message goes and comes back") {
  OutgoingMessage message = ProposalMail("x");
  message.interview_id = "int_1";
  Result<OutgoingMessage> back = MessageFromPayload(MessagePayload(message));
  REQUIRE(back.ok());
  CHECK(back->text_body == message.text_body);
  CHECK(back->interview_id == "int_1");
  CHECK(back->to_email == message.to_email);
  CHECK_FALSE(MessageFromPayload(json{{"delivery_id", "d"}}).ok());
}

TEST_CASE("MessagePayload: a sealed secret is never in the payload and comes back only with the vault and tenant") {
  const std::string secret = "swp_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
  const crypto::TokenVault vault = VaultOf("k1");
  const OutgoingMessage message = ProposalMail(secret);
  Result<json> payload = SealedMessagePayload(message, secret, vault, "kumo");
  REQUIRE(payload.ok());
  const std::string stored = payload->dump();
  CHECK(stored.find(secret) == std::string::npos);
  CHECK(stored.find("swp_") == std::string::npos);
  CHECK(payload->at("sealed").at("at").size() == 2);

  Result<OutgoingMessage> opened = MessageFromPayload(*payload, &vault, "kumo");
  REQUIRE(opened.ok());
  CHECK(opened->text_body == message.text_body);
  CHECK(opened->subject == message.subject);

  // Without the vault, under another tenant, another delivery id, another key or tampered: refused, never revealed.
  const crypto::TokenVault other = VaultOf("k2");
  json moved = *payload;
  moved["delivery_id"] = "prp_2:proposal";
  json shifted = *payload;
  shifted["sealed"]["at"] = json::array({1000000});
  json forged = *payload;
  forged["sealed"]["secret"] = forged["sealed"]["secret"].get<std::string>() + "A";
  for (const auto& [payload_json, vault_used, tenant] :
       {std::tuple{*payload, static_cast<const crypto::TokenVault*>(nullptr), "kumo"},
        std::tuple{*payload, &vault, "other"}, std::tuple{moved, &vault, "kumo"}, std::tuple{*payload, &other, "kumo"},
        std::tuple{shifted, &vault, "kumo"}, std::tuple{forged, &vault, "kumo"}}) {
    Result<OutgoingMessage> refused = MessageFromPayload(payload_json, vault_used, tenant);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "invalid_payload");
    CHECK(refused.error().message.find(secret) == std::string::npos);
  }

  // The secret may not stand in the subject (it would be stored there in plain text), nor be empty.
  OutgoingMessage in_subject = message;
  in_subject.subject = "link " + secret;
  CHECK_FALSE(SealedMessagePayload(in_subject, secret, vault, "kumo").ok());
  CHECK_FALSE(SealedMessagePayload(message, "", vault, "kumo").ok());
}
