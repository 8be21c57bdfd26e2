// messages_service.cpp — see messages_service.h.
#include "messages_service.h"

#include <set>

#include <nlohmann/json.hpp>

#include "crypto_primitives.h"
#include "email_templates.h"
#include "locale_format.h"
#include "message_payload.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

using nlohmann::json;

HttpReply Answer(int status, const json& body) { return HttpReply{status, DumpJson(body), {}}; }

HttpReply Refuse(int status, const std::string& code, const std::string& message, const std::string& field = "") {
  json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return Answer(status, {{"error", error}});
}

HttpReply Refuse(const Error& error) { return Refuse(422, error.code, error.message, error.field); }

// {"name": "text", …} into TemplateValues::text; values must be strings.
Result<bool> ReadVariables(const json& object, const std::string& field, invites::TemplateValues& values) {
  if (object.is_null()) return true;
  if (!object.is_object()) return Error{"invalid_request", field + " must be an object of texts", field};
  for (const auto& [name, value] : object.items()) {
    if (!value.is_string()) return Error{"invalid_request", field + "." + name + " must be a text", field + "." + name};
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

HttpReply MessagesService::Compose(const std::string& tenant_id, const std::string& body_text,
                                   const std::string& public_url) {
  const json body = json::parse(body_text, nullptr, false);
  if (!body.is_object()) return Refuse(400, "invalid_json", "the request body is not a JSON object");
  static const std::set<std::string> kMembers = {"template", "variables", "start", "end", "provider", "recipients", "send"};
  for (const auto& [name, value] : body.items()) {
    if (!kMembers.count(name)) return Refuse(422, "invalid_request", "unknown member " + name, name);
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
  } else {
    return Refuse(422, "invalid_request", "template is \"connect_conferencing\" or {\"subject\", \"body\"}", "template");
  }

  invites::TemplateValues shared;
  if (Result<bool> read = ReadVariables(body.value("variables", json()), "variables", shared); !read) return Refuse(read.error());
  for (const char* time : {"start", "end"}) {
    if (!body.contains(time)) continue;
    std::optional<Instant> at = body.at(time).is_string() ? ParseRfc3339(body.at(time).get<std::string>()) : std::nullopt;
    if (!at) return Refuse(422, "invalid_request", std::string(time) + " must be an RFC 3339 time", time);
    (std::string(time) == "start" ? shared.start : shared.end) = at;
  }
  if (kind == "connect_conferencing") {
    const std::string provider = body.value("provider", "");
    const std::string display = ProviderDisplayName(provider);
    if (display.empty()) return Refuse(422, "invalid_request", "provider must be zoom, teams or goto", "provider");
    if (!shared.text.count("provider_name")) shared.text["provider_name"] = display;
    if (!shared.text.count("connect_url")) shared.text["connect_url"] = public_url + "/";
  }

  const json recipients = body.value("recipients", json());
  if (!recipients.is_array() || recipients.empty() || recipients.size() > kMaxRecipients) {
    return Refuse(422, "invalid_request", "recipients must hold 1 to 500 {\"email\", …}", "recipients");
  }
  std::vector<invites::TemplateValues> each;
  std::vector<std::pair<std::string, std::string>> addresses;  // email, name
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    const json& recipient = recipients[i];
    const std::string field = "recipients[" + std::to_string(i) + "]";
    if (!recipient.is_object() || !recipient.contains("email") || !recipient.at("email").is_string() ||
        recipient.at("email").get<std::string>().find('@') == std::string::npos) {
      return Refuse(422, "invalid_request", field + " needs an e-mail address", field + ".email");
    }
    invites::TemplateValues values;
    if (Result<bool> read = ReadVariables(recipient.value("variables", json()), field + ".variables", values); !read) {
      return Refuse(read.error());
    }
    const std::string name = recipient.value("name", "");
    if (!name.empty() && !values.text.count("candidate_name")) values.text["candidate_name"] = name;
    if (recipient.contains("locale")) values.locale = invites::ParseLocale(recipient.value("locale", "en"));
    if (recipient.contains("time_zone")) {
      values.zone = zones_.Find(recipient.value("time_zone", ""));
      if (!values.zone) return Refuse(422, "invalid_request", field + ".time_zone is not a known IANA zone", field + ".time_zone");
    }
    each.push_back(std::move(values));
    addresses.emplace_back(recipient.at("email").get<std::string>(), name);
  }

  Result<std::vector<invites::RenderedEmail>> rendered =
      own ? invites::RenderForRecipients(*own, shared, each)
          : invites::RenderForRecipients(invites::TemplateKind::kConnectConferencing, shared, each);
  if (!rendered) return Refuse(rendered.error());

  const bool send = body.value("send", false);
  json messages = json::array();
  for (std::size_t i = 0; i < rendered->size(); ++i) {
    const invites::RenderedEmail& email = (*rendered)[i];
    if (send && !email.unresolved.empty()) {
      return Refuse(422, "unresolved_placeholders",
                    "recipients[" + std::to_string(i) + "] would get {{" + email.unresolved.front() +
                        "}} unfilled: give its value first",
                    "recipients[" + std::to_string(i) + "]");
    }
    messages.push_back({{"to", {{"email", addresses[i].first}, {"name", addresses[i].second}}},
                        {"subject", email.subject},
                        {"body", email.body},
                        {"unresolved", email.unresolved}});
  }
  if (!send) return Answer(200, {{"messages", messages}});

  const std::int64_t now = clock_();
  json queued = json::array();
  for (std::size_t i = 0; i < rendered->size(); ++i) {
    OutgoingMessage message;
    message.delivery_id = "msg_" + crypto::RandomToken(12);
    message.kind = kind;
    message.to_email = addresses[i].first;
    message.to_name = addresses[i].second;
    message.subject = (*rendered)[i].subject;
    message.text_body = (*rendered)[i].body;
    if (Result<bool> enqueued = outbox_.EnqueueMessage(tenant_id, message.delivery_id, DumpJson(MessagePayload(message)), now);
        !enqueued) {
      return Refuse(500, "storage_error", enqueued.error().message);
    }
    queued.push_back(message.delivery_id);
  }
  if (outbox_wake_) outbox_wake_();
  return Answer(202, {{"messages", messages}, {"queued", queued}});
}

}  // namespace slotwise
