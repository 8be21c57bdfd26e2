// provider_gateway.h — every provider call the booking outbox makes, behind one interface: the organiser's calendar
// event, the video meeting on a host account, and delivery of the candidate's invitation. AdapterGateway
// (adapter_gateway.h) implements it with the provider adapters; tests may fake it.
//
// Contract (every implementation):
// - Calls are idempotent where the provider allows: CreateEvent with the same spec.idempotency_key returns the event
//   the first call made; Delete* of something already gone is success.
// - Meetings carry `marker` (in the Zoom agenda / GoTo subject) so FindMeeting can recover a meeting whose creation
//   was interrupted before Slotwise recorded its id.
// - Errors are values with the provider error vocabulary (provider_errors.h) plus "reauth_needed",
//   "consent_required", "provider_not_configured", "not_connected". IsRetryable tells transient from permanent.
// - Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "providers/calendar_adapter.h"
#include "slotwise/error_codes.h"
#include "slotwise/result.h"
#include "store/tenant_model.h"

namespace slotwise {

struct MeetingSpec {
  std::string topic;
  std::int64_t start = 0;     // UTC
  std::int64_t end = 0;       // UTC, exclusive
  std::string time_zone;      // display zone
  std::string marker;         // unique per interview and step; findable afterwards
  // The host's owner does not attend and the availability answer relied on the account letting participants in
  // before the host: the meeting must say so itself (Zoom: join_before_host on, waiting room off).
  bool open_without_host = false;
};

struct MeetingInfo {
  std::string provider;  // "zoom" | "goto"
  std::string id;
  std::string join_url;
  std::string passcode;
  std::vector<providers::DialIn> dial_in;  // phone numbers as the service states them (Zoom); none for GoTo
  std::optional<bool> join_before_host;    // as the created meeting has it (Zoom); unknown for a meeting found again
};

// A meeting as its service has it now (GetMeeting): its time.
struct MeetingState {
  std::int64_t start = 0;  // UTC
  std::int64_t end = 0;    // UTC, exclusive
};

struct OutgoingMessage {
  std::string delivery_id;   // stable per message: receivers de-duplicate on it
  std::string kind;          // "candidate_invitation", "candidate_update", "candidate_cancellation"
  std::string to_name;
  std::string to_email;
  std::string subject;
  std::string text_body;
  std::string ics;           // the iCalendar attachment
  std::string ics_method;    // "REQUEST" | "CANCEL"
  std::string interview_id;
};

class ProviderGateway {
 public:
  virtual ~ProviderGateway() = default;

  virtual Result<providers::CreatedEvent> CreateEvent(const Tenant& tenant, const std::string& organizer,
                                                      const providers::EventSpec& spec) = 0;
  virtual Result<providers::CreatedEvent> UpdateEvent(const Tenant& tenant, const std::string& organizer,
                                                      const std::string& event_id, const providers::EventSpec& spec) = 0;
  virtual Result<bool> DeleteEvent(const Tenant& tenant, const std::string& organizer, const std::string& event_id) = 0;
  // The event as the organiser's calendar has it now; "provider_not_found" when it is gone.
  virtual Result<providers::CreatedEvent> GetEvent(const Tenant& tenant, const std::string& organizer,
                                                   const std::string& event_id) = 0;
  // What changed on the organiser's calendar since `cursor` ("" = none yet: a full listing of `window` that only
  // establishes the cursor), read with the same access as GetEvent (providers::CalendarAdapter::Changes: every page
  // followed; `expired` when the provider no longer accepts the cursor). Default "not_supported": a gateway that
  // cannot list changes leaves the periodic re-read of every object as the only safety net.
  virtual Result<providers::CalendarChanges> ChangesOn(const Tenant& /*tenant*/, const std::string& /*organizer*/,
                                                       const std::string& /*cursor*/, Interval /*window*/) {
    return Error{codes::kNotSupported, "this gateway cannot list calendar changes", ""};
  }
  // Which calendar system holds the organiser's events: "google" or "microsoft" ("not_connected" when none is set).
  virtual Result<std::string> CalendarSystem(const Tenant& tenant, const std::string& organizer) = 0;

  virtual Result<MeetingInfo> CreateMeeting(const Tenant& tenant, const HostAccount& host, const MeetingSpec& spec) = 0;
  virtual Result<std::optional<MeetingInfo>> FindMeeting(const Tenant& tenant, const HostAccount& host,
                                                         const std::string& marker) = 0;
  virtual Result<bool> UpdateMeeting(const Tenant& tenant, const HostAccount& host, const std::string& meeting_id,
                                     const MeetingSpec& spec) = 0;
  virtual Result<bool> DeleteMeeting(const Tenant& tenant, const HostAccount& host, const std::string& meeting_id) = 0;
  // The meeting as its service has it now; "provider_not_found" when it is gone; "not_supported" for a service whose
  // meetings cannot be read one by one (GoTo).
  virtual Result<MeetingState> GetMeeting(const Tenant& tenant, const HostAccount& host,
                                          const std::string& meeting_id) = 0;

  virtual Result<bool> Deliver(const Tenant& tenant, const OutgoingMessage& message) = 0;
};

// Transient failures worth another attempt later (rate limits, 5xx, network, timeouts) vs permanent ones.
bool IsRetryable(const Error& error);

}  // namespace slotwise
