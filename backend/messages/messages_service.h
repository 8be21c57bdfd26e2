// messages_service.h — e-mails outside an interview's own invitation flow, rendered per recipient and sent through
// the outbox (POST /v1/messages; docs/API_BACKEND.md "Messages"): bulk sends of the tenant's own template, the
// ready-to-send colleague e-mail "please connect your Zoom / Teams / GoTo account" (docs/PRODUCT.md R000.6), and a
// message about one interview (its join link, time and place filled in).
//
// Request {"template": "connect_conferencing" | {"subject", "body"}, "interview_id"?, "variables"?: {...}, "start"?,
//          "end"?, "provider"?: "zoom"|"teams"|"goto", "recipients"?: [{"email", "name"?, "locale"?, "time_zone"?,
//          "variables"?}] (1–500), "send"?: false}
// - interview_id (of the caller's tenant, else not_found): the interview's values are the shared ones underneath
//   "variables" and start/end — its time, position, company, organiser, interviewers, room, location, join_url and
//   passcode, in the candidate's zone and language (booking/candidate_messages.h CandidateTemplateValues). Without
//   "recipients" the one recipient is the interview's candidate.
// - Each recipient gets their own rendering (invites::RenderForRecipients): their name, language (the built-in template
//   in that language; dates and times in their zone) and variables on top of the shared ones.
// - connect_conferencing: "provider" fills provider_name; connect_url, unless given, is each recipient's own connect
//   link from `connect_url_for` (made only when sending; a preview shows "<public>/connect?link=…"), or without one
//   the server's page ("<public>/"). An error of `connect_url_for` fails the whole request, naming the recipient.
// - "send": false (default) answers the renderings (a preview); true queues one outbox job per recipient (delivered
//   like the candidate's messages: the tenant's signed ATS webhook, or SMTP) and answers their delivery ids too. A
//   rendering with placeholders still open (e.g. {{join_url}}) is never sent: unresolved_placeholders naming them.
// - Errors (values; api/message_routes.cpp answers them): invalid_request / unknown_template_variable /
//   invalid_template / unresolved_placeholders (with the field); storage_error. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/result.h"
#include "slotwise/time_zone.h"
#include "invites/email_templates.h"
#include "store/directory_store.h"
#include "store/interview_store.h"

namespace slotwise {

// One recipient's rendering.
struct ComposedMessage {
  std::string to_email;
  std::string to_name;
  std::string subject;
  std::string body;
  std::vector<std::string> unresolved;  // placeholders no value filled ({{join_url}} …)
};

struct Composition {
  std::vector<ComposedMessage> messages;  // in the order of the request's recipients
  bool sent = false;                      // queued for delivery (else a preview)
  std::vector<std::string> queued;        // sent: the delivery ids, in the same order
};

class MessagesService {
 public:
  static constexpr std::size_t kMaxRecipients = 500;
  using Clock = std::function<std::int64_t()>;

  MessagesService(InterviewStore& interviews, DirectoryStore& directory, ZoneSource& zones, Clock clock,
                  std::function<void()> outbox_wake)
      : interviews_(interviews), directory_(directory), zones_(zones), clock_(std::move(clock)),
        outbox_wake_(std::move(outbox_wake)) {}

  // A recipient's personal connect link: (recipient e-mail, "zoom" | "teams" | "goto") → URL.
  using ConnectUrlFor = std::function<Result<std::string>(const std::string& email, const std::string& provider)>;

  // Renders (and with "send": true queues) the messages of a POST /v1/messages body.
  Result<Composition> Compose(const std::string& tenant_id, const nlohmann::json& body, const std::string& public_url,
                              const ConnectUrlFor& connect_url_for = {});

 private:
  struct InterviewTemplate {
    invites::TemplateValues values;
    std::string candidate_email;
    std::string candidate_name;
  };
  // The template values of the tenant's interview `interview_id` (not_found when it has none by that id).
  Result<InterviewTemplate> InterviewValues(const std::string& tenant_id, const std::string& interview_id);

  InterviewStore& interviews_;
  DirectoryStore& directory_;
  ZoneSource& zones_;
  Clock clock_;
  std::function<void()> outbox_wake_;
};

}  // namespace slotwise
