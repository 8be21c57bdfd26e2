// adapter_gateway.h — ProviderGateway over the real provider adapters (or the sandbox: only base URLs differ).
//
// Whose token: the organiser's own calendar connection (ConnectionStore, user id = the organiser's e-mail) when there
// is one, else the organisation's access (Google service account acting as the organiser, Microsoft app-only on the
// organiser's mailbox) when configured, else "not_connected". The calendar system is the organiser's
// `calendar_provider`, else the tenant's. Zoom/GoTo meetings use the host account's own connection.
// Delivery of candidate messages (DeliveryOptions::mode): "ats_webhook" (default) POSTs them as JSON to the tenant's
// ATS webhook, signed with its secret (auth/webhook_signature.h; the ATS sends the e-mail, as in docs/PRODUCT.md
// R001.10), through DeliveryOptions::outbound (auth/outbound_policy.h: checked again, the checked address pinned, no
// redirect followed); a webhook without a secret is never called. Every failure of the webhook reads the same to the
// API caller (no status, port or address class: that would make the server a scanner of other networks); the precise
// reason goes to the server log (stderr) — without a webhook the message is only recorded (GET /v1/interviews/{id}/candidate.ics serves it); "smtp"
// sends a MIME e-mail with the invitation (text/calendar part and invite.ics) through the configured relay; "none" only
// records. Thread-safe.
#pragma once

#include <functional>

#include "auth/outbound_policy.h"
#include "booking/provider_gateway.h"
#include "connections/connection_store.h"
#include "connections/org_access_registry.h"
#include "connections/provider_registry.h"
#include "connections/token_manager.h"
#include "mail/smtp_client.h"
#include "net/http_transport.h"
#include "providers/concurrency_limiter.h"
#include "store/directory_store.h"

namespace slotwise {

struct DeliveryOptions {
  std::string mode = "ats_webhook";  // "ats_webhook" | "smtp" | "none"
  auth::OutboundPolicy outbound;     // mode "ats_webhook": the tenant's URL is checked again and its address pinned
  mail::SmtpSettings smtp;           // mode "smtp": the relay
  std::string smtp_from;             // mode "smtp": envelope and header sender
};

class AdapterGateway final : public ProviderGateway {
 public:
  using Clock = std::function<std::int64_t()>;

  // Everything is borrowed; `org_access` may be null (no organisation access at all). Organisation access is always
  // the booking tenant's own (org_access_registry.h).
  AdapterGateway(DirectoryStore& directory, ProviderRegistry& providers, ConnectionStore& connections,
                 TokenManager& tokens, OrgAccessRegistry* org_access, net::HttpTransport& transport, ZoneSource* zones,
                 Clock clock, DeliveryOptions delivery = {},
                 std::shared_ptr<providers::ConcurrencyLimiter> graph_limiter = nullptr);

  Result<providers::CreatedEvent> CreateEvent(const Tenant& tenant, const std::string& organizer,
                                              const providers::EventSpec& spec) override;
  Result<providers::CreatedEvent> UpdateEvent(const Tenant& tenant, const std::string& organizer,
                                              const std::string& event_id, const providers::EventSpec& spec) override;
  Result<bool> DeleteEvent(const Tenant& tenant, const std::string& organizer, const std::string& event_id) override;
  Result<providers::CreatedEvent> GetEvent(const Tenant& tenant, const std::string& organizer,
                                           const std::string& event_id) override;
  Result<providers::CalendarChanges> ChangesOn(const Tenant& tenant, const std::string& organizer,
                                               const std::string& cursor, Interval window) override;
  Result<std::string> CalendarSystem(const Tenant& tenant, const std::string& organizer) override;

  Result<MeetingInfo> CreateMeeting(const Tenant& tenant, const HostAccount& host, const MeetingSpec& spec) override;
  Result<std::optional<MeetingInfo>> FindMeeting(const Tenant& tenant, const HostAccount& host,
                                                 const std::string& marker) override;
  Result<bool> UpdateMeeting(const Tenant& tenant, const HostAccount& host, const std::string& meeting_id,
                             const MeetingSpec& spec) override;
  Result<bool> DeleteMeeting(const Tenant& tenant, const HostAccount& host, const std::string& meeting_id) override;
  Result<MeetingState> GetMeeting(const Tenant& tenant, const HostAccount& host,
                                  const std::string& meeting_id) override;

  Result<bool> Deliver(const Tenant& tenant, const OutgoingMessage& message) override;

 private:
  struct Calendar;  // an adapter with the token source it borrows
  Result<std::unique_ptr<Calendar>> CalendarFor(const Tenant& tenant, const std::string& organizer);
  // Whether the tenant's own organisation access covers `provider` (false without any).
  Result<bool> OrganisationReaches(const std::string& tenant_id, oauth::Provider provider);
  Result<std::unique_ptr<providers::AccessTokenSource>> HostTokens(const HostAccount& host);

  DirectoryStore& directory_;
  ProviderRegistry& providers_;
  ConnectionStore& connections_;
  TokenManager& tokens_;
  OrgAccessRegistry* org_access_;
  net::HttpTransport& transport_;
  ZoneSource* zones_;
  Clock clock_;
  DeliveryOptions delivery_;
  // Graph allows 4 concurrent requests per mailbox: one limiter for every adapter this gateway makes (and, when the
  // runtime passes it, shared with the availability side), not one per call.
  std::shared_ptr<providers::ConcurrencyLimiter> graph_limiter_;
};

}  // namespace slotwise
