// messages_service.h — e-mails that belong to no interview, rendered per recipient and sent through the outbox
// (POST /v1/messages; docs/API_BACKEND.md "Messages"): bulk sends of the tenant's own template, and the ready-to-send
// colleague e-mail "please connect your Zoom / Teams / GoTo account" (seed 000).
//
// Request {"template": "connect_conferencing" | {"subject", "body"}, "variables"?: {...}, "start"?, "end"?,
//          "provider"?: "zoom"|"teams"|"goto", "recipients": [{"email", "name"?, "locale"?, "time_zone"?,
//          "variables"?}] (1–500), "send"?: false}
// - Each recipient gets their own rendering (invites::RenderForRecipients): their name, language (the built-in template
//   in that language; dates and times in their zone) and variables on top of the shared ones.
// - connect_conferencing: "provider" fills provider_name; connect_url defaults to the server's page ("<public>/").
// - "send": false (default) answers 200 with the renderings (a preview); true queues one outbox job per recipient
//   (delivered like the candidate's messages: the tenant's signed ATS webhook, or SMTP) and answers 202 with their
//   delivery ids. A rendering with placeholders still open (e.g. {{join_url}}) is never sent: 422 naming them.
// - Errors: 400 invalid_json; 422 invalid_request / unknown_template_variable / invalid_template (with the field).
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "booking_service.h"
#include "interview_store.h"
#include "slotwise/time_zone.h"

namespace slotwise {

class MessagesService {
 public:
  static constexpr std::size_t kMaxRecipients = 500;
  using Clock = std::function<std::int64_t()>;

  MessagesService(InterviewStore& outbox, ZoneSource& zones, Clock clock, std::function<void()> outbox_wake)
      : outbox_(outbox), zones_(zones), clock_(std::move(clock)), outbox_wake_(std::move(outbox_wake)) {}

  HttpReply Compose(const std::string& tenant_id, const std::string& body, const std::string& public_url);

 private:
  InterviewStore& outbox_;
  ZoneSource& zones_;
  Clock clock_;
  std::function<void()> outbox_wake_;
};

}  // namespace slotwise
