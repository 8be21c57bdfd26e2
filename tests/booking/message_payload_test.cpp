// Tests for backend/booking/message_payload: a message job's payload and back, and a secret in the text (a proposal's
// capability) sealed with the token vault — never in the stored payload, put back byte for byte only with the vault
// and the job's tenant, and a payload that does not open refused without its value.
#include <doctest/doctest.h>

#include <string>
#include <tuple>

#include "booking/message_payload.h"
#include "booking/queued_message_keys.h"
#include "crypto/token_vault.h"
#include "store/outbox_rows.h"
#include "store/sqlite_query.h"
#include "store/sqlite_store.h"
#include "support/temp_dir.h"

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

TEST_CASE("RotateQueuedMessageSecrets: queued e-mails' sealed secrets are re-sealed with the active key, nothing else") {
  const testing::TempDir dir("slotwise-rotate");
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open((dir.path() / "slotwise.db").string());
  REQUIRE(store.ok());
  const std::string k1 = crypto::Keyring::NewKeySpec("k1"), k2 = crypto::Keyring::NewKeySpec("k2");
  const crypto::TokenVault old_vault(crypto::Keyring::Parse(k1).value());
  const std::string secret = "swp_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
  Result<json> sealed = SealedMessagePayload(ProposalMail(secret), secret, old_vault, "kumo");
  REQUIRE(sealed.ok());
  OutgoingMessage plain = ProposalMail("nothing secret");
  plain.delivery_id = "msg_2";
  sqlite3* db = store.value()->handle();
  REQUIRE(InsertOutboxJob(db, "kumo", "prp_1", OutboxKind::kMessage, 100, sealed->dump()).ok());
  REQUIRE(InsertOutboxJob(db, "kumo", "msg_2", OutboxKind::kMessage, 100, MessagePayload(plain).dump()).ok());
  const auto payload_of = [&](const std::string& subject) {
    return json::parse(First(Query<std::string>(db, "SELECT payload FROM outbox WHERE interview_id = ?1", {subject},
                                                [](SqlRow& row) { return row.Text(); }))
                           .value()
                           .value());
  };
  const json plain_before = payload_of("msg_2");

  // k2 becomes the active key, k1 is still known: the sealed secret moves to k2.
  const crypto::TokenVault both(crypto::Keyring::Parse(k2 + "," + k1).value());
  Result<int> rotated = RotateQueuedMessageSecrets(*store.value(), both);
  REQUIRE_MESSAGE(rotated.ok(), rotated.error().message);
  CHECK(*rotated == 1);
  const json after = payload_of("prp_1");
  CHECK_FALSE(both.NeedsRotation(after.at("sealed").at("secret").get<std::string>()));
  CHECK(after.at("text") == sealed->at("text"));
  CHECK(after.at("sealed").at("at") == sealed->at("sealed").at("at"));
  CHECK(payload_of("msg_2") == plain_before);
  // Once k1 is dropped, the e-mail still opens — byte for byte — with k2 alone.
  const crypto::TokenVault only_new(crypto::Keyring::Parse(k2).value());
  Result<OutgoingMessage> opened = MessageFromPayload(after, &only_new, "kumo");
  REQUIRE(opened.ok());
  CHECK(opened->text_body == ProposalMail(secret).text_body);
  CHECK(RotateQueuedMessageSecrets(*store.value(), both).value() == 0);  // nothing left to move

  // A secret no configured key opens is named, and nothing is written.
  REQUIRE(Exec(db, "UPDATE outbox SET payload = ?1 WHERE interview_id = 'prp_1'", {sealed->dump()}).ok());
  const crypto::TokenVault stranger(crypto::Keyring::Parse(crypto::Keyring::NewKeySpec("k3")).value());
  Result<int> refused = RotateQueuedMessageSecrets(*store.value(), stranger);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("outbox job") != std::string::npos);
  CHECK(refused.error().message.find(secret) == std::string::npos);
  CHECK(payload_of("prp_1") == *sealed);
}
