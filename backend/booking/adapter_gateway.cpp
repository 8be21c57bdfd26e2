// adapter_gateway.cpp — see adapter_gateway.h.
#include "booking/adapter_gateway.h"

#include <iostream>

#include <nlohmann/json.hpp>

#include "auth/standard_webhooks.h"
#include "auth/webhook_signature.h"
#include "crypto/crypto_primitives.h"
#include "mail/mail_message.h"
#include "providers/google_calendar.h"
#include "providers/goto_meetings.h"
#include "providers/microsoft_graph_calendar.h"
#include "providers/zoom_meetings.h"
#include "slotwise/error_codes.h"

namespace slotwise {

using nlohmann::json;

bool IsRetryable(const Error& error) {
  static const std::vector<std::string> kTransient = {codes::kRateLimited, codes::kProviderUnavailable, codes::kTimeout, codes::kNetworkError,
                                                      codes::kStorageError, codes::kSmtpUnavailable, codes::kDeliveryUnavailable};
  return std::find(kTransient.begin(), kTransient.end(), error.code) != kTransient.end();
}

struct AdapterGateway::Calendar {
  std::unique_ptr<providers::AccessTokenSource> tokens;
  std::unique_ptr<providers::CalendarAdapter> adapter;
};

AdapterGateway::AdapterGateway(DirectoryStore& directory, ProviderRegistry& providers, ConnectionStore& connections,
                               TokenManager& tokens, OrgAccessRegistry* org_access, net::HttpTransport& transport,
                               ZoneSource* zones, Clock clock, DeliveryOptions delivery,
                               std::shared_ptr<providers::ConcurrencyLimiter> graph_limiter)
    : directory_(directory),
      providers_(providers),
      connections_(connections),
      tokens_(tokens),
      org_access_(org_access),
      transport_(transport),
      zones_(zones),
      clock_(std::move(clock)),
      delivery_(std::move(delivery)),
      graph_limiter_(graph_limiter ? std::move(graph_limiter)
                                   : std::make_shared<providers::ConcurrencyLimiter>(
                                         providers::kGraphConcurrentRequestsPerMailbox)) {}

Result<bool> AdapterGateway::OrganisationReaches(const std::string& tenant_id, oauth::Provider provider) {
  if (org_access_ == nullptr) return false;
  Result<std::shared_ptr<OrgAccess>> access = org_access_->For(tenant_id);
  if (!access) return access.error();
  return (*access)->configured(provider);
}

Result<std::unique_ptr<AdapterGateway::Calendar>> AdapterGateway::CalendarFor(const Tenant& tenant,
                                                                              const std::string& organizer) {
  Result<std::string> known = CalendarSystem(tenant, organizer);
  if (!known) return known.error();
  const std::string& system = *known;
  const oauth::Provider provider = system == "google" ? oauth::Provider::kGoogle : oauth::Provider::kMicrosoft;
  const std::optional<std::string> api_base = providers_.ApiBase(provider);
  if (!api_base) return Error{codes::kProviderNotConfigured, system + " is not configured on this server", ""};
  auto calendar = std::make_unique<Calendar>();
  bool delegated = false;
  Result<std::optional<Connection>> connection = connections_.FindForUser(tenant.id, organizer, provider);
  if (!connection) return connection.error();
  if (connection->has_value() && (*connection)->status == ConnectionStatus::kActive) {
    calendar->tokens = tokens_.SourceFor((*connection)->id);
    delegated = true;
  } else if (Result<bool> organisation = OrganisationReaches(tenant.id, provider); !organisation) {
    return organisation.error();
  } else if (*organisation) {
    Result<std::unique_ptr<providers::AccessTokenSource>> held =
        provider == oauth::Provider::kGoogle ? org_access_->GoogleAs(tenant.id, organizer)
                                             : org_access_->MicrosoftAppOnly(tenant.id, organizer);
    if (!held) return held.error();
    calendar->tokens = std::move(held).value();
  } else {
    return Error{codes::kNotConnected,
                 organizer + " has not connected a " + system + " calendar and tenant " + tenant.id +
                     " has not connected its organisation",
                 "organizer"};
  }
  if (provider == oauth::Provider::kGoogle) {
    calendar->adapter = std::make_unique<providers::GoogleCalendar>(transport_, *calendar->tokens, *api_base);
  } else {
    providers::MicrosoftGraphOptions options;
    options.default_mailbox = delegated ? "me" : organizer;
    options.zones = zones_;
    options.limiter = graph_limiter_;
    calendar->adapter = std::make_unique<providers::MicrosoftGraphCalendar>(transport_, *calendar->tokens, *api_base,
                                                                            providers::RetryPolicy{}, providers::RetryHooks{},
                                                                            options);
  }
  return calendar;
}

Result<std::string> AdapterGateway::CalendarSystem(const Tenant& tenant, const std::string& organizer) {
  Result<std::optional<Person>> person = directory_.GetPerson(tenant.id, organizer);
  if (!person) return person.error();
  std::string system = person->has_value() ? (*person)->calendar_provider : "";
  if (system.empty()) system = tenant.calendar_provider;
  if (system != "google" && system != "microsoft") {
    return Error{codes::kNotConnected, "no calendar system is set for " + organizer + " (person or tenant calendar_provider)",
                 "organizer"};
  }
  return system;
}

Result<providers::CreatedEvent> AdapterGateway::GetEvent(const Tenant& tenant, const std::string& organizer,
                                                         const std::string& event_id) {
  Result<std::unique_ptr<Calendar>> calendar = CalendarFor(tenant, organizer);
  if (!calendar) return calendar.error();
  return (*calendar)->adapter->GetEvent(event_id);
}

Result<providers::CalendarChanges> AdapterGateway::ChangesOn(const Tenant& tenant, const std::string& organizer,
                                                            const std::string& cursor, Interval window) {
  Result<std::unique_ptr<Calendar>> calendar = CalendarFor(tenant, organizer);
  if (!calendar) return calendar.error();
  return (*calendar)->adapter->Changes(cursor, window);
}

Result<providers::CreatedEvent> AdapterGateway::CreateEvent(const Tenant& tenant, const std::string& organizer,
                                                            const providers::EventSpec& spec) {
  Result<std::unique_ptr<Calendar>> calendar = CalendarFor(tenant, organizer);
  if (!calendar) return calendar.error();
  return (*calendar)->adapter->CreateEvent(spec);
}

Result<providers::CreatedEvent> AdapterGateway::UpdateEvent(const Tenant& tenant, const std::string& organizer,
                                                            const std::string& event_id,
                                                            const providers::EventSpec& spec) {
  Result<std::unique_ptr<Calendar>> calendar = CalendarFor(tenant, organizer);
  if (!calendar) return calendar.error();
  return (*calendar)->adapter->UpdateEvent(event_id, spec);
}

Result<bool> AdapterGateway::DeleteEvent(const Tenant& tenant, const std::string& organizer,
                                         const std::string& event_id) {
  Result<std::unique_ptr<Calendar>> calendar = CalendarFor(tenant, organizer);
  if (!calendar) return calendar.error();
  return (*calendar)->adapter->DeleteEvent(event_id);
}

Result<std::unique_ptr<providers::AccessTokenSource>> AdapterGateway::HostTokens(const HostAccount& host) {
  if (host.connection_id.empty()) {
    return Error{codes::kNotConnected, "the host account " + host.id + " has no provider connection", "conferencing.host"};
  }
  return tokens_.SourceFor(host.connection_id);
}

namespace {

providers::ZoomMeetingSpec ZoomSpecFor(const MeetingSpec& spec) {
  providers::ZoomMeetingSpec meeting;
  meeting.topic = spec.topic.substr(0, 200);
  meeting.start = spec.start;
  meeting.duration_minutes = (spec.end - spec.start) / 60;
  meeting.timezone = spec.time_zone;
  meeting.agenda = spec.marker;  // the recovery marker (FindMeeting)
  if (spec.open_without_host) {
    meeting.join_before_host = true;
    meeting.waiting_room = false;
  }
  return meeting;
}

std::string GoToSubject(const MeetingSpec& spec) {
  const std::string suffix = " (" + spec.marker + ")";
  const std::size_t room = suffix.size() < 100 ? 100 - suffix.size() : 0;
  return spec.topic.substr(0, room) + suffix;
}

}  // namespace

Result<MeetingInfo> AdapterGateway::CreateMeeting(const Tenant&, const HostAccount& host, const MeetingSpec& spec) {
  Result<std::unique_ptr<providers::AccessTokenSource>> tokens = HostTokens(host);
  if (!tokens) return tokens.error();
  if (host.provider == "zoom") {
    const std::optional<std::string> base = providers_.ApiBase(oauth::Provider::kZoom);
    if (!base) return Error{codes::kProviderNotConfigured, "Zoom is not configured on this server", ""};
    providers::ZoomMeetings zoom(transport_, **tokens, *base);
    Result<providers::ZoomMeeting> created = zoom.CreateMeeting(ZoomSpecFor(spec));
    if (!created) return created.error();
    return MeetingInfo{"zoom", created->id, created->join_url, created->password, created->dial_in,
                       created->join_before_host};
  }
  if (host.provider == "goto") {
    const std::optional<std::string> base = providers_.ApiBase(oauth::Provider::kGoTo);
    if (!base) return Error{codes::kProviderNotConfigured, "GoTo is not configured on this server", ""};
    providers::GoToMeetings goto_meetings(transport_, **tokens, *base);
    providers::GoToMeetingSpec meeting;
    meeting.subject = GoToSubject(spec);
    meeting.start = spec.start;
    meeting.end = spec.end;
    Result<providers::GoToMeeting> created = goto_meetings.CreateMeeting(meeting);
    if (!created) return created.error();
    return MeetingInfo{"goto", created->meeting_id, created->join_url, "", {}, std::nullopt};
  }
  return Error{codes::kInvalidRequest, "no meeting API for " + host.provider, "conferencing.provider"};
}

Result<std::optional<MeetingInfo>> AdapterGateway::FindMeeting(const Tenant&, const HostAccount& host,
                                                               const std::string& marker) {
  Result<std::unique_ptr<providers::AccessTokenSource>> tokens = HostTokens(host);
  if (!tokens) return tokens.error();
  if (host.provider == "zoom") {
    const std::optional<std::string> base = providers_.ApiBase(oauth::Provider::kZoom);
    if (!base) return Error{codes::kProviderNotConfigured, "Zoom is not configured on this server", ""};
    providers::ZoomMeetings zoom(transport_, **tokens, *base);
    Result<std::vector<providers::ZoomMeeting>> listed = zoom.ListMeetings("me");
    if (!listed) return listed.error();
    const std::vector<providers::ZoomMeeting> found = providers::FindMeetingsByMarker(*listed, marker);
    if (found.empty()) return std::optional<MeetingInfo>();
    // A list item carries no settings: the meeting itself is read, so the one found again is known as fully as one
    // just created (its dial-in for the candidate, its join-before-host for the host rule).
    Result<providers::ZoomMeeting> meeting = zoom.GetMeeting(found.front().id);
    if (!meeting) return meeting.error();
    return std::optional<MeetingInfo>(MeetingInfo{"zoom", meeting->id, meeting->join_url, meeting->password,
                                                  meeting->dial_in, meeting->join_before_host});
  }
  if (host.provider == "goto") {
    const std::optional<std::string> base = providers_.ApiBase(oauth::Provider::kGoTo);
    if (!base) return Error{codes::kProviderNotConfigured, "GoTo is not configured on this server", ""};
    providers::GoToMeetings goto_meetings(transport_, **tokens, *base);
    Result<std::vector<providers::GoToMeeting>> listed = goto_meetings.UpcomingMeetings();
    if (!listed) return listed.error();
    const std::vector<providers::GoToMeeting> found = providers::FindGoToMeetingsByMarker(*listed, marker);
    if (found.empty()) return std::optional<MeetingInfo>();
    return std::optional<MeetingInfo>(MeetingInfo{"goto", found.front().meeting_id, found.front().join_url, "", {}, std::nullopt});
  }
  return std::optional<MeetingInfo>();
}

Result<bool> AdapterGateway::UpdateMeeting(const Tenant&, const HostAccount& host, const std::string& meeting_id,
                                           const MeetingSpec& spec) {
  Result<std::unique_ptr<providers::AccessTokenSource>> tokens = HostTokens(host);
  if (!tokens) return tokens.error();
  if (host.provider == "zoom") {
    providers::ZoomMeetings zoom(transport_, **tokens, providers_.ApiBase(oauth::Provider::kZoom).value_or(""));
    return zoom.UpdateMeeting(meeting_id, ZoomSpecFor(spec));
  }
  providers::GoToMeetings goto_meetings(transport_, **tokens, providers_.ApiBase(oauth::Provider::kGoTo).value_or(""));
  providers::GoToMeetingSpec meeting;
  meeting.subject = GoToSubject(spec);
  meeting.start = spec.start;
  meeting.end = spec.end;
  return goto_meetings.UpdateMeeting(meeting_id, meeting);
}

Result<bool> AdapterGateway::DeleteMeeting(const Tenant&, const HostAccount& host, const std::string& meeting_id) {
  Result<std::unique_ptr<providers::AccessTokenSource>> tokens = HostTokens(host);
  if (!tokens) return tokens.error();
  if (host.provider == "zoom") {
    providers::ZoomMeetings zoom(transport_, **tokens, providers_.ApiBase(oauth::Provider::kZoom).value_or(""));
    return zoom.DeleteMeeting(meeting_id);
  }
  providers::GoToMeetings goto_meetings(transport_, **tokens, providers_.ApiBase(oauth::Provider::kGoTo).value_or(""));
  return goto_meetings.DeleteMeeting(meeting_id);
}

Result<MeetingState> AdapterGateway::GetMeeting(const Tenant&, const HostAccount& host, const std::string& meeting_id) {
  if (host.provider != "zoom") {
    return Error{codes::kNotSupported, "meetings of " + host.provider + " cannot be read one by one", ""};
  }
  Result<std::unique_ptr<providers::AccessTokenSource>> tokens = HostTokens(host);
  if (!tokens) return tokens.error();
  const std::optional<std::string> base = providers_.ApiBase(oauth::Provider::kZoom);
  if (!base) return Error{codes::kProviderNotConfigured, "Zoom is not configured on this server", ""};
  providers::ZoomMeetings zoom(transport_, **tokens, *base);
  Result<providers::ZoomMeeting> read = zoom.GetMeeting(meeting_id);
  if (!read) return read.error();
  return MeetingState{read->start, read->start + read->duration_minutes * 60};
}

Result<bool> AdapterGateway::Deliver(const Tenant& tenant, const OutgoingMessage& message) {
  if (delivery_.mode == "none") return true;  // recorded only (the journal keeps the message)
  if (delivery_.mode == "smtp") {
    mail::MailMessage mail_message;
    mail_message.from = {tenant.name, delivery_.smtp_from};
    mail_message.to = {{message.to_name, message.to_email}};
    mail_message.subject = message.subject;
    mail_message.text_body = message.text_body;
    if (!message.ics.empty()) mail_message.calendar = mail::CalendarPart{message.ics_method, message.ics};
    mail_message.date = clock_();
    mail_message.extra_headers = {{"X-Slotwise-Delivery", message.delivery_id}, {"Auto-Submitted", "auto-generated"}};
    Result<std::string> rendered = mail::RenderMessage(mail_message);
    if (!rendered) return Error{codes::kDeliveryRefused, "the e-mail could not be built: " + rendered.error().message, ""};
    return mail::SendMail(delivery_.smtp, delivery_.smtp_from, {message.to_email}, *rendered);
  }
  if (tenant.ats_webhook_url.empty()) return true;  // recorded only (the journal keeps the message)
  json attachments = json::array();  // messages of no interview (bulk, colleague e-mails) have no invitation
  if (!message.ics.empty()) {
    attachments.push_back({{"filename", "invite.ics"},
                           {"content_type", "text/calendar; charset=UTF-8; method=" + message.ics_method},
                           {"content_base64", crypto::Base64Encode(message.ics)}});
  }
  const json payload = {{"type", "email.send"},
                        {"delivery_id", message.delivery_id},
                        {"kind", message.kind},
                        {"interview_id", message.interview_id},
                        {"to", {{"name", message.to_name}, {"email", message.to_email}}},
                        {"subject", message.subject},
                        {"text", message.text_body},
                        {"attachments", attachments}};
  // The API caller learns that the webhook failed and whether a retry may help, never why: the log has that.
  const auto failed = [&](std::string_view code, const std::string& why) {
    std::cerr << "slotwise: tenant " << tenant.id << ": the ATS webhook did not take delivery " << message.delivery_id
              << ": " << why << "\n";
    return Error{std::string(code), "the ATS webhook did not take the message (the server log says why)", ""};
  };
  if (tenant.ats_webhook_secret.empty()) {
    return failed(codes::kDeliveryRefused, "the tenant's ats_webhook_secret is empty (nothing is signed with no key)");
  }
  net::HttpRequest request;
  request.method = "POST";
  request.url = tenant.ats_webhook_url;
  request.timeout = std::chrono::seconds(10);
  request.body = payload.dump();
  request.With("Content-Type", "application/json");
  const std::int64_t signed_at = clock_();
  // Standard Webhooks headers (auth/standard_webhooks.h), the delivery id as webhook-id; the older
  // Slotwise-Signature stays for receivers written against it.
  for (auto& [name, value] :
       auth::StandardWebhookHeaders(tenant.ats_webhook_secret, message.delivery_id, signed_at, request.body)) {
    request.With(name, value);
  }
  request.With(std::string(auth::kSignatureHeader), auth::SignWebhook(tenant.ats_webhook_secret, signed_at, request.body));
  request.With("Slotwise-Delivery", message.delivery_id);
  Result<net::HttpResponse> response = delivery_.outbound.Send(transport_, request, tenant.id);
  if (!response) {
    const bool refused = response.error().code == codes::kInvalidUrl;
    return failed(refused ? codes::kDeliveryRefused : codes::kDeliveryUnavailable, response.error().message);
  }
  if (response->status >= 200 && response->status < 300) return true;
  const std::string answered = "it answered " + std::to_string(response->status);
  if (response->status == 429 || response->status >= 500) return failed(codes::kDeliveryUnavailable, answered);
  return failed(codes::kDeliveryRefused, answered + (response->status / 100 == 3 ? " (redirects are not followed)" : ""));
}

}  // namespace slotwise
