// messages_service.cpp — see messages_service.h.
#include "messages/messages_service.h"

#include <set>

#include <nlohmann/json.hpp>

#include "booking/candidate_messages.h"
#include "booking/message_payload.h"
#include "crypto/crypto_primitives.h"
#include "invites/email_templates.h"
#include "invites/locale_format.h"
#include "mail/mail_message.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

using nlohmann::json;

// {"name": "text", …} into TemplateValues::text; values must be strings.
Result<bool> ReadVariables(const json& object, const std::string& field, invites::TemplateValues& values) {
  if (object.is_null()) return true;
  if (!object.is_object()) return Error{codes::kInvalidRequest, field + " must be an object of texts", field};
  for (const auto& [name, value] : object.items()) {
    if (!value.is_string()) return Error{codes::kInvalidRequest, field + "." + name + " must be a text", field + "." + name};
    values.text[name] = value.get<std::string>();
  }
  return true;
}

std::string ProviderDisplayName(const std::string& provider) {
  if (provider == "zoom") return "Zoom";
  if (provider == "teams") return "Microsoft Teams";
  if (provider == "goto") return "GoTo Meeting";
  return "";
}

}  // namespace

Result<MessagesService::InterviewTemplate> MessagesService::InterviewValues(const std::string& tenant_id,
                                                                          const std::string& interview_id) {
  Result<std::optional<Interview>> interview = interviews_.GetInterview(tenant_id, interview_id);
  if (!interview) return Error{codes::kStorageError, interview.error().message, ""};
  if (!interview->has_value()) return Error{codes::kNotFound, "no interview " + interview_id, "interview_id"};
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(tenant_id);
  if (!tenant) return Error{codes::kStorageError, tenant.error().message, ""};
  if (!tenant->has_value()) return Error{codes::kUnknownTenant, "no tenant " + tenant_id, ""};
  const CandidateMessageContext context = CandidateContextFor(directory_, **tenant, **interview,
                                                              slotwise::ParseJson((*interview)->artifacts_json), clock_());
  Result<invites::TemplateValues> values = CandidateTemplateValues(context, zones_);
  if (!values) return values.error();
  const InterviewCandidate& who = (*interview)->spec.candidate;
  return InterviewTemplate{std::move(values).value(), who.email, who.name};
}

Result<Composition> MessagesService::Compose(const std::string& tenant_id, const json& body,
                                             const std::string& public_url, const ConnectUrlFor& connect_url_for) {
  static const std::set<std::string> kMembers = {"template",  "variables",  "start", "end",
                                                 "provider",  "recipients", "send",  "interview_id"};
  for (const auto& [name, value] : body.items()) {
    if (!kMembers.count(name)) return Error{codes::kInvalidRequest, "unknown member " + name, name};
  }
  // The template: built in (connect_conferencing, in each recipient's language) or the caller's own.
  std::optional<invites::EmailTemplate> own;
  std::string kind;
  const json template_value = body.value("template", json());
  if (template_value.is_string() && template_value.get<std::string>() == "connect_conferencing") {
    kind = "connect_conferencing";
  } else if (template_value.is_object() && template_value.contains("subject") && template_value.at("subject").is_string() &&
             template_value.contains("body") && template_value.at("body").is_string()) {
    kind = "custom";
    own = invites::EmailTemplate{template_value.at("subject").get<std::string>(), template_value.at("body").get<std::string>()};
    if (Result<bool> header = mail::CheckHeaderInput(own->subject, "template.subject"); !header) return header.error();
  } else {
    return Error{codes::kInvalidRequest, "template is \"connect_conferencing\" or {\"subject\", \"body\"}", "template"};
  }

  invites::TemplateValues shared;
  std::optional<std::pair<std::string, std::string>> candidate;  // the interview's candidate: e-mail, name
  if (body.contains("interview_id")) {
    if (!body.at("interview_id").is_string()) return Error{codes::kInvalidRequest, "interview_id must be a text", "interview_id"};
    Result<InterviewTemplate> about = InterviewValues(tenant_id, body.at("interview_id").get<std::string>());
    if (!about) return about.error();
    shared = std::move(about->values);
    candidate = std::make_pair(about->candidate_email, about->candidate_name);
  }
  if (Result<bool> read = ReadVariables(body.value("variables", json()), "variables", shared); !read) return read.error();
  for (const char* time : {"start", "end"}) {
    if (!body.contains(time)) continue;
    const CallerInstant at =
        body.at(time).is_string() ? ParseCallerInstant(body.at(time).get<std::string>()) : CallerInstant{};
    if (at.out_of_range) return Error{codes::kInvalidRequest, OutOfRangeMessage(time), time};
    if (!at.instant) return Error{codes::kInvalidRequest, std::string(time) + " must be an RFC 3339 time", time};
    (std::string(time) == "start" ? shared.start : shared.end) = at.instant;
  }
  if (kind == "connect_conferencing") {
    const std::string provider = body.value("provider", "");
    const std::string display = ProviderDisplayName(provider);
    if (display.empty()) return Error{codes::kInvalidRequest, "provider must be zoom, teams or goto", "provider"};
    if (!shared.text.count("provider_name")) shared.text["provider_name"] = display;
    if (!shared.text.count("connect_url") && !connect_url_for) shared.text["connect_url"] = public_url + "/";
  }
  const bool send = body.value("send", false);
  const bool personal_links = kind == "connect_conferencing" && !shared.text.count("connect_url");

  json recipients = body.value("recipients", json());
  if (!body.contains("recipients") && candidate && !candidate->first.empty()) {
    recipients = json::array({{{"email", candidate->first}, {"name", candidate->second}}});
  }
  if (!recipients.is_array() || recipients.empty() || recipients.size() > kMaxRecipients) {
    return Error{codes::kInvalidRequest, "recipients must hold 1 to 500 {\"email\", …}", "recipients"};
  }
  std::vector<invites::TemplateValues> each;
  std::vector<std::pair<std::string, std::string>> addresses;  // email, name
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    const json& recipient = recipients[i];
    const std::string field = "recipients[" + std::to_string(i) + "]";
    if (!recipient.is_object() || !recipient.contains("email") || !recipient.at("email").is_string() ||
        recipient.at("email").get<std::string>().find('@') == std::string::npos) {
      return Error{codes::kInvalidRequest, field + " needs an e-mail address", field + ".email"};
    }
    invites::TemplateValues values;
    if (Result<bool> read = ReadVariables(recipient.value("variables", json()), field + ".variables", values); !read) {
      return read.error();
    }
    const std::string name = recipient.value("name", "");
    if (Result<bool> header = mail::CheckHeaderInput(name, field + ".name"); !header) return header.error();
    if (!name.empty() && !values.text.count("candidate_name")) values.text["candidate_name"] = name;
    if (recipient.contains("locale")) values.locale = invites::ParseLocale(recipient.value("locale", "en"));
    if (recipient.contains("time_zone")) {
      values.zone = zones_.Find(recipient.value("time_zone", ""));
      if (!values.zone) return Error{codes::kInvalidRequest, field + ".time_zone is not a known IANA zone", field + ".time_zone"};
    }
    const std::string address = recipient.at("email").get<std::string>();
    if (personal_links && !values.text.count("connect_url")) {
      if (!send) {
        values.text["connect_url"] = public_url + "/connect?link=…";
      } else {
        Result<std::string> url = connect_url_for(address, body.value("provider", ""));
        if (!url) return Error{url.error().code, field + ": " + url.error().message, field + ".email"};
        values.text["connect_url"] = *url;
      }
    }
    each.push_back(std::move(values));
    addresses.emplace_back(address, name);
  }

  Result<std::vector<invites::RenderedEmail>> rendered =
      own ? invites::RenderForRecipients(*own, shared, each)
          : invites::RenderForRecipients(invites::TemplateKind::kConnectConferencing, shared, each);
  if (!rendered) return rendered.error();

  Composition composition;
  composition.sent = send;
  for (std::size_t i = 0; i < rendered->size(); ++i) {
    const invites::RenderedEmail& email = (*rendered)[i];
    const std::string field = "recipients[" + std::to_string(i) + "]";
    if (Result<bool> header = mail::CheckHeaderInput(email.subject, field); !header) {  // a variable broke the subject
      return Error{codes::kInvalidRequest, field + "'s subject would contain a line break or control character from "
                                           "a variable's value", field};
    }
    if (send && !email.unresolved.empty()) {
      return Error{codes::kUnresolvedPlaceholders,
                   "recipients[" + std::to_string(i) + "] would get {{" + email.unresolved.front() +
                       "}} unfilled: give its value first",
                   "recipients[" + std::to_string(i) + "]"};
    }
    composition.messages.push_back({addresses[i].first, addresses[i].second, email.subject, email.body,
                                    email.unresolved});
  }
  if (!send) return composition;

  const std::int64_t now = clock_();
  for (std::size_t i = 0; i < rendered->size(); ++i) {
    OutgoingMessage message;
    message.delivery_id = "msg_" + crypto::RandomToken(12);
    message.kind = kind;
    message.to_email = addresses[i].first;
    message.to_name = addresses[i].second;
    message.subject = (*rendered)[i].subject;
    message.text_body = (*rendered)[i].body;
    message.interview_id = body.value("interview_id", "");
    if (Result<bool> enqueued = interviews_.EnqueueMessage(tenant_id, message.delivery_id, DumpJson(MessagePayload(message)), now);
        !enqueued) {
      return Error{codes::kStorageError, enqueued.error().message, ""};
    }
    composition.queued.push_back(message.delivery_id);
  }
  if (outbox_wake_) outbox_wake_();
  return composition;
}

}  // namespace slotwise
