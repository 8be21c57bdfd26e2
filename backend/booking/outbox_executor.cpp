// outbox_executor.cpp — see outbox_executor.h.
#include "booking/outbox_executor.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "booking/booking_request.h"
#include "booking/candidate_messages.h"
#include "booking/crash_points.h"
#include "booking/interview_artifacts.h"
#include "booking/message_payload.h"
#include "booking/proposal_holds.h"
#include "providers/idempotency.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise {

using nlohmann::json;

struct OutboxExecutor::Context {
  OutboxJob job;
  Tenant tenant;
  Interview interview;
  std::optional<HostAccount> host;
  json artifacts = json::object();
  std::string room_name;  // the room's display name (the event's location)
  bool last_attempt = false;
};

namespace {

bool HasMeeting(const InterviewSpec& spec) { return spec.video == "zoom" || spec.video == "goto"; }

std::string MeetingMarker(const std::string& interview_id) { return std::string(providers::kSlotwiseMarkerPrefix) + interview_id; }

std::string EventKey(const std::string& interview_id) { return "sw-" + interview_id + "-event"; }

providers::EventSpec EventSpecFor(const InterviewSpec& spec, const std::string& id,
                                  const json& artifacts, const std::string& room_name) {
  providers::EventSpec event;
  event.organiser_calendar_id = spec.organizer;
  event.idempotency_key = EventKey(id);
  event.summary = spec.title;
  std::string description = spec.notes;
  const ConferenceDetails meeting = MeetingDetails(artifacts);  // the event's text carries the separate meeting
  const std::string& join_url = meeting.join_url;
  if (!join_url.empty()) description += (description.empty() ? "" : "\n\n") + std::string("Join: ") + join_url;
  if (!meeting.passcode.empty()) description += "\nPasscode: " + meeting.passcode;
  event.description = description;
  event.start = spec.start;
  event.end = spec.end;
  event.time_zone = spec.time_zone.empty() ? "UTC" : spec.time_zone;
  for (const std::string& interviewer : spec.interviewers) event.attendees.push_back({interviewer, "", false, false});
  for (const std::string& observer : spec.observers) event.attendees.push_back({observer, "", true, false});
  if (!spec.room.empty()) event.attendees.push_back({spec.room, room_name, false, true});
  event.location = !room_name.empty() ? room_name : join_url;
  event.video = spec.video == "google_meet" ? providers::VideoKind::kMeet
                : spec.video == "teams"     ? providers::VideoKind::kTeams
                                            : providers::VideoKind::kNone;
  return event;
}

// Whether the event carries the conference its interview asked for (Meet, Teams). A conference the calendar refused
// for good (Google's "failure") is a permanent error; one still being made, or missing without a verdict (Graph
// states none), is transient: the job tries again and, on its last attempt, compensates.
Result<bool> ConferenceReady(const InterviewSpec& spec, const providers::CreatedEvent& event) {
  if (spec.video != "google_meet" && spec.video != "teams") return true;
  if (!event.join_url.empty()) return true;
  const std::string kind = spec.video == "teams" ? "Teams meeting" : "Google Meet conference";
  if (event.conference == providers::ConferenceStatus::kFailure) {
    return Error{codes::kProviderRejected,
                 "the calendar could not create the " + kind + " of the event: the interview is not confirmed without "
                 "its link",
                 "conferencing"};
  }
  return Error{codes::kProviderUnavailable, "the " + kind + " of the event has no link yet", "conferencing"};
}

// Whether the meeting must let participants in without its host: a Zoom host account whose owner does not attend,
// booked on the strength of the account's join-before-host setting (the engine's host_absent_no_jbh rule did not fire).
bool OpenWithoutHost(const InterviewSpec& spec, const std::optional<HostAccount>& host) {
  if (!host || host->provider != "zoom") return false;
  const std::vector<std::string> attendees = Attendees(spec);
  if (std::find(attendees.begin(), attendees.end(), host->owner_email) != attendees.end()) return false;
  const json settings = slotwise::ParseJson(host->settings_json);
  return settings.is_object() && settings.value("join_before_host", false);
}

MeetingSpec MeetingSpecFor(const InterviewSpec& spec, const std::string& id, const std::optional<HostAccount>& host) {
  return MeetingSpec{spec.title, spec.start, spec.end, spec.time_zone, MeetingMarker(id), OpenWithoutHost(spec, host)};
}

bool StepDone(const std::optional<StepRecord>& record) { return record && record->state == "done"; }

}  // namespace

Result<bool> OutboxExecutor::Journal(Context& context, const std::string& step, const std::string& state,
                                     const json& data, const TrackingChange& tracking) {
  return interviews_.PutStep(context.interview.id, StepRecord{step, state, data.dump(), clock_()}, tracking);
}

// What the journal's "done" record of an object starts watching: `object` at the interview's booked time.
TrackingChange OutboxExecutor::Watch(const Context& context, const std::string& object, const std::string& provider,
                                     const std::string& calendar_id, const std::string& provider_object_id) const {
  BookedObject booked;
  booked.interview_id = context.interview.id;
  booked.object = object;
  booked.tenant_id = context.interview.tenant_id;
  booked.provider = provider;
  booked.calendar_id = calendar_id;
  booked.provider_object_id = provider_object_id;
  booked.expected_start = context.interview.spec.start;
  booked.expected_end = context.interview.spec.end;
  return TrackingChange{booked, ""};
}

JobOutcome OutboxExecutor::Run(const OutboxJob& job, bool last_attempt) {
  if (job.kind == OutboxKind::kMessage) return SendQueuedMessage(job, last_attempt);
  if (job.kind == OutboxKind::kHold || job.kind == OutboxKind::kRelease) {
    return ProposalHoldKeeper(directory_, interviews_, gateway_).Run(job, last_attempt);
  }
  Context context;
  context.job = job;
  context.last_attempt = last_attempt;
  Result<std::optional<Interview>> interview = interviews_.GetInterview(job.tenant_id, job.interview_id);
  if (!interview) return {JobResult::kRetry, interview.error().message};
  if (!interview->has_value()) return {JobResult::kFailed, "the interview " + job.interview_id + " no longer exists"};
  context.interview = std::move(**interview);
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(job.tenant_id);
  if (!tenant) return {JobResult::kRetry, tenant.error().message};
  if (!tenant->has_value()) return {JobResult::kFailed, "the tenant " + job.tenant_id + " no longer exists"};
  context.tenant = std::move(**tenant);
  context.artifacts = slotwise::ParseJson(context.interview.artifacts_json);
  if (!context.artifacts.is_object()) context.artifacts = json::object();
  const InterviewSpec& spec = context.interview.spec;
  context.room_name = RoomDisplayName(directory_, job.tenant_id, context.interview.spec.room);
  if (HasMeeting(spec)) {
    Result<std::optional<HostAccount>> host = directory_.GetHostAccount(job.tenant_id, spec.host_account);
    if (!host) return {JobResult::kRetry, host.error().message};
    if (host->has_value()) context.host = **host;
  }
  switch (job.kind) {
    case OutboxKind::kBook: return Book(context);
    case OutboxKind::kReschedule: return Reschedule(context);
    case OutboxKind::kCancel: return Cancel(context);
    case OutboxKind::kMessage:
    case OutboxKind::kHold:
    case OutboxKind::kRelease: break;  // handled above, before any interview is read
  }
  return {JobResult::kFailed, "unknown job kind"};
}

// An e-mail of no interview: delivered once (receivers de-duplicate on delivery_id), retried while transient. A sealed
// part is opened here, just before delivery, and lives only in `message`.
JobOutcome OutboxExecutor::SendQueuedMessage(const OutboxJob& job, bool last_attempt) {
  Result<OutgoingMessage> message = MessageFromPayload(slotwise::ParseJson(job.payload_json), vault_, job.tenant_id);
  if (!message) return {JobResult::kFailed, message.error().message};
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(job.tenant_id);
  if (!tenant) return {JobResult::kRetry, tenant.error().message};
  if (!tenant->has_value()) return {JobResult::kFailed, "the tenant " + job.tenant_id + " no longer exists"};
  Result<bool> delivered = gateway_.Deliver(**tenant, *message);
  if (delivered) return {JobResult::kDone, ""};
  const std::string reason = delivered.error().code + ": " + delivered.error().message;
  return {IsRetryable(delivered.error()) && !last_attempt ? JobResult::kRetry : JobResult::kFailed, reason};
}

Result<bool> OutboxExecutor::EnsureMeeting(Context& context) {
  const InterviewSpec& spec = context.interview.spec;
  if (!HasMeeting(spec)) return true;
  if (!context.host) {
    return Error{codes::kNotConnected, "the host account " + spec.host_account + " is no longer linked", "conferencing.host"};
  }
  Result<std::optional<StepRecord>> record = interviews_.GetStep(context.interview.id, "meeting");
  if (!record) return record.error();
  if (StepDone(*record)) {
    context.artifacts["meeting"] = slotwise::ParseJson((*record)->data_json);
    return true;
  }
  const std::string marker = MeetingMarker(context.interview.id);
  const MeetingSpec meeting_spec = MeetingSpecFor(spec, context.interview.id, context.host);
  std::optional<MeetingInfo> meeting;
  if (record->has_value()) {  // started before a crash: the meeting may exist
    Result<std::optional<MeetingInfo>> found = gateway_.FindMeeting(context.tenant, *context.host, marker);
    if (!found) return found.error();
    meeting = *found;
    if (meeting && meeting->join_url.empty()) {  // GoTo lists no join URL: replace the meeting with a fresh one
      if (Result<bool> deleted = gateway_.DeleteMeeting(context.tenant, *context.host, meeting->id); !deleted) {
        return deleted;
      }
      meeting.reset();
    }
  }
  if (!meeting) {
    if (Result<bool> noted = Journal(context, "meeting", "started", {{"marker", marker}}, {}); !noted) return noted;
    CrashPoint("meeting_intent");
    Result<MeetingInfo> created = gateway_.CreateMeeting(context.tenant, *context.host, meeting_spec);
    if (!created) {
      // A definite refusal made nothing; a transient failure (timeout) may have: leave "started" for recovery.
      if (!IsRetryable(created.error())) Journal(context, "meeting", "done", {{"removed", true}}, {{}, "meeting"});
      return created.error();
    }
    CrashPoint("meeting_created");
    meeting = *created;
  }
  if (meeting_spec.open_without_host && meeting->join_before_host == false) {
    // The account's administrator holds join before host off: nobody could enter before the host. Checked on the
    // meeting as Zoom holds it, whether just made or found again after a crash. The step stays "started", so the
    // compensation finds the meeting by its marker and removes it.
    return Error{codes::kProviderRejected,
                 "Zoom did not let participants join before the host on this meeting (the setting is locked off for "
                 "the account of " + context.host->owner_email + "), and the host does not attend: link the host "
                 "account again to read its settings, or choose a host who attends",
                 "conferencing.host"};
  }
  json data = {{"provider", meeting->provider}, {"id", meeting->id}, {"join_url", meeting->join_url},
               {"passcode", meeting->passcode}, {"host_account", spec.host_account}};
  if (!meeting->dial_in.empty()) data["dial_in"] = providers::DialInJson(meeting->dial_in);
  const TrackingChange watch = Watch(context, "meeting", meeting->provider, spec.host_account, meeting->id);
  if (Result<bool> noted = Journal(context, "meeting", "done", data, watch); !noted) return noted;
  context.artifacts["meeting"] = data;
  return interviews_.SetArtifacts(context.interview.id, context.artifacts.dump(), clock_());
}

Result<bool> OutboxExecutor::EnsureEvent(Context& context) {
  Result<std::optional<StepRecord>> record = interviews_.GetStep(context.interview.id, "event");
  if (!record) return record.error();
  if (StepDone(*record)) {
    context.artifacts["event"] = slotwise::ParseJson((*record)->data_json);
    return true;
  }
  const bool first_attempt = !record->has_value();  // else an earlier attempt may have made the event
  if (first_attempt) {
    if (Result<bool> noted = Journal(context, "event", "started", json::object(), {}); !noted) return noted;
  }
  CrashPoint("event_intent");
  // Idempotent on the key: after a crash this returns the event the interrupted attempt made.
  Result<providers::CreatedEvent> event = gateway_.CreateEvent(
      context.tenant, context.interview.spec.organizer,
      EventSpecFor(context.interview.spec, context.interview.id, context.artifacts, context.room_name));
  if (!event) {
    // A definite refusal of the first attempt made nothing. After an earlier attempt whose answer was lost the event
    // may exist: the step stays "started", so a compensation finds it (idempotent create) and removes it.
    if (first_attempt && !IsRetryable(event.error())) {
      Journal(context, "event", "done", {{"removed", true}}, {{}, "event"});
    }
    return event.error();
  }
  CrashPoint("event_created");
  // A Meet or Teams interview is never confirmed without its link. The step stays "started": a later attempt finds
  // the same event (idempotent create) and looks again; a compensation finds it and removes it.
  if (Result<bool> linked = ConferenceReady(context.interview.spec, *event); !linked) return linked;
  Result<std::string> system = gateway_.CalendarSystem(context.tenant, context.interview.spec.organizer);
  if (!system) return system.error();  // the event was just made through it: transient (left "started" for recovery)
  json data = {{"id", event->id}, {"join_url", event->join_url}, {"web_link", event->web_link},
               {"ical_uid", event->ical_uid}, {"calendar", context.interview.spec.organizer}};
  if (!event->dial_in.empty()) data["dial_in"] = providers::DialInJson(event->dial_in);
  const TrackingChange watch = Watch(context, "event", *system, context.interview.spec.organizer, event->id);
  if (Result<bool> noted = Journal(context, "event", "done", data, watch); !noted) return noted;
  CrashPoint("event_recorded");
  context.artifacts["event"] = data;
  return interviews_.SetArtifacts(context.interview.id, context.artifacts.dump(), clock_());
}

Result<bool> OutboxExecutor::SendCandidateMessage(Context& context, int kind_value) {
  // An erased candidate (store/candidate_erasure.h) has no address left: there is nobody to tell.
  if (context.interview.spec.candidate.email.empty()) return true;
  const auto kind = static_cast<CandidateMessageKind>(kind_value);
  const std::string step = "candidate:" + std::to_string(context.interview.sequence) + ":" + std::to_string(kind_value);
  Result<std::optional<StepRecord>> record = interviews_.GetStep(context.interview.id, step);
  if (!record) return record.error();
  if (StepDone(*record)) return true;
  const CandidateMessageContext message_context =
      CandidateContextFor(directory_, context.tenant, context.interview, context.artifacts, clock_());
  Result<OutgoingMessage> message = ComposeCandidateMessage(kind, message_context, zones_);
  if (!message) return message.error();
  if (Result<bool> noted = Journal(context, step, "started", {{"delivery_id", message->delivery_id}}, {}); !noted) return noted;
  CrashPoint("invite_intent");
  // Delivery is at-least-once: a crash right here re-sends with the same delivery_id, which receivers de-duplicate.
  if (Result<bool> delivered = gateway_.Deliver(context.tenant, *message); !delivered) return delivered;
  CrashPoint("invite_sent");
  const json data = {{"delivery_id", message->delivery_id}, {"kind", message->kind}, {"subject", message->subject},
                     {"text_body", message->text_body}, {"ics", message->ics}, {"method", message->ics_method},
                     {"to", message->to_email}, {"sent_at", clock_()}};
  if (Result<bool> noted = Journal(context, step, "done", data, {}); !noted) return noted;
  context.artifacts["candidate_invite"] = {{"sequence", context.interview.sequence}, {"kind", message->kind},
                                           {"method", message->ics_method}};
  return interviews_.SetArtifacts(context.interview.id, context.artifacts.dump(), clock_());
}

Result<bool> OutboxExecutor::RemoveProviderObjects(Context& context) {
  const InterviewSpec& spec = context.interview.spec;
  Result<std::optional<StepRecord>> meeting = interviews_.GetStep(context.interview.id, "meeting");
  if (!meeting) return meeting.error();
  if (meeting->has_value() && context.host) {
    const json data = slotwise::ParseJson((*meeting)->data_json);
    if (!data.value("removed", false)) {
      std::vector<std::string> ids;
      if (StepDone(*meeting)) ids.push_back(data.value("id", ""));
      Result<std::optional<MeetingInfo>> found =
          gateway_.FindMeeting(context.tenant, *context.host, MeetingMarker(context.interview.id));
      // Without a connection nothing can have been created through it.
      if (!found && found.error().code != codes::kNotConnected) return found.error();
      if (found && found->has_value() && (ids.empty() || ids.front() != (*found)->id)) ids.push_back((*found)->id);
      for (const std::string& id : ids) {
        if (id.empty()) continue;
        if (Result<bool> deleted = gateway_.DeleteMeeting(context.tenant, *context.host, id); !deleted) return deleted;
      }
      if (Result<bool> noted = Journal(context, "meeting", "done", {{"removed", true}}, {{}, "meeting"}); !noted) {
        return noted;
      }
    }
  }
  Result<std::optional<StepRecord>> event = interviews_.GetStep(context.interview.id, "event");
  if (!event) return event.error();
  if (event->has_value()) {
    const json data = slotwise::ParseJson((*event)->data_json);
    if (!data.value("removed", false)) {
      std::string id = StepDone(*event) ? data.value("id", "") : "";
      if (id.empty()) {  // started: the create may have happened; the idempotent create finds it (or makes it)
        Result<providers::CreatedEvent> existing = gateway_.CreateEvent(
            context.tenant, spec.organizer, EventSpecFor(spec, context.interview.id, context.artifacts, context.room_name));
        if (!existing) return existing.error();
        id = existing->id;
      }
      if (Result<bool> deleted = gateway_.DeleteEvent(context.tenant, spec.organizer, id); !deleted) return deleted;
      if (Result<bool> noted = Journal(context, "event", "done", {{"removed", true}}, {{}, "event"}); !noted) {
        return noted;
      }
    }
  }
  context.artifacts.erase("meeting");
  context.artifacts.erase("event");
  return interviews_.SetArtifacts(context.interview.id, context.artifacts.dump(), clock_());
}

JobOutcome OutboxExecutor::Fail(Context& context, const Error& error) {
  if (IsRetryable(error) && !context.last_attempt) return {JobResult::kRetry, error.code + ": " + error.message};
  return Compensate(context, error.code + ": " + error.message);
}

JobOutcome OutboxExecutor::Compensate(Context& context, const std::string& failure) {
  std::string reason = failure;
  Result<std::optional<StepRecord>> begun = interviews_.GetStep(context.interview.id, "compensation");
  if (!begun) return {JobResult::kRetry, begun.error().message, true};
  if (begun->has_value()) {
    reason = slotwise::ParseJson((*begun)->data_json).value("reason", reason);
  } else if (Result<bool> noted = Journal(context, "compensation", "started", {{"reason", reason}}, {}); !noted) {
    return {JobResult::kRetry, noted.error().message, true};
  }
  if (Result<bool> removed = RemoveProviderObjects(context); !removed) {
    // Compensation itself failed: keep the job alive so it is tried again (nothing may be left behind).
    return {JobResult::kRetry, "compensation failed (" + removed.error().message + ") after: " + reason, true};
  }
  if (context.artifacts.contains("candidate_invite")) {
    SendCandidateMessage(context, static_cast<int>(CandidateMessageKind::kCancellation));
  }
  interviews_.SetStatus(context.interview.id, InterviewStatus::kFailed, reason, clock_());
  return {JobResult::kFailed, reason};
}

// A compensation begun by an earlier run of this interview's job is finished, never resumed as a booking.
std::optional<JobOutcome> OutboxExecutor::FinishCompensation(Context& context) {
  Result<std::optional<StepRecord>> begun = interviews_.GetStep(context.interview.id, "compensation");
  if (!begun) return JobOutcome{JobResult::kRetry, begun.error().message, true};
  if (!begun->has_value()) return std::nullopt;
  return Compensate(context, "");
}

JobOutcome OutboxExecutor::Book(Context& context) {
  if (context.interview.status != InterviewStatus::kPending) return {JobResult::kDone, ""};  // cancelled meanwhile
  if (std::optional<JobOutcome> compensated = FinishCompensation(context)) return *compensated;
  if (Result<bool> meeting = EnsureMeeting(context); !meeting) return Fail(context, meeting.error());
  if (Result<bool> event = EnsureEvent(context); !event) return Fail(context, event.error());
  if (Result<bool> sent = SendCandidateMessage(context, static_cast<int>(CandidateMessageKind::kInvitation)); !sent) {
    return Fail(context, sent.error());
  }
  CrashPoint("before_confirm");
  if (Result<bool> confirmed = interviews_.SetStatus(context.interview.id, InterviewStatus::kConfirmed, "", clock_());
      !confirmed) {
    return {JobResult::kRetry, confirmed.error().message};
  }
  return {JobResult::kDone, ""};
}

JobOutcome OutboxExecutor::Reschedule(Context& context) {
  if (context.interview.status != InterviewStatus::kPending) return {JobResult::kDone, ""};
  if (std::optional<JobOutcome> compensated = FinishCompensation(context)) return *compensated;
  const InterviewSpec& spec = context.interview.spec;
  Result<std::optional<StepRecord>> meeting = interviews_.GetStep(context.interview.id, "meeting");
  if (!meeting) return Fail(context, meeting.error());
  if (StepDone(*meeting) && context.host) {
    context.artifacts["meeting"] = slotwise::ParseJson((*meeting)->data_json);
    const json& data = context.artifacts["meeting"];
    Result<bool> updated = gateway_.UpdateMeeting(context.tenant, *context.host, data.value("id", ""),
                                                  MeetingSpecFor(spec, context.interview.id, context.host));
    if (!updated) return Fail(context, updated.error());
    const TrackingChange watch =
        Watch(context, "meeting", data.value("provider", ""), spec.host_account, data.value("id", ""));
    if (Result<bool> noted = Journal(context, "meeting", "done", data, watch); !noted) return Fail(context, noted.error());
  } else if (Result<bool> ensured = EnsureMeeting(context); !ensured) {
    return Fail(context, ensured.error());
  }
  Result<std::optional<StepRecord>> event = interviews_.GetStep(context.interview.id, "event");
  if (!event) return Fail(context, event.error());
  if (StepDone(*event)) {
    context.artifacts["event"] = slotwise::ParseJson((*event)->data_json);
    const json& data = context.artifacts["event"];
    Result<providers::CreatedEvent> updated =
        gateway_.UpdateEvent(context.tenant, spec.organizer, data.value("id", ""),
                             EventSpecFor(spec, context.interview.id, context.artifacts, context.room_name));
    if (!updated) return Fail(context, updated.error());
    Result<std::string> system = gateway_.CalendarSystem(context.tenant, spec.organizer);
    if (!system) return Fail(context, system.error());
    const TrackingChange watch = Watch(context, "event", *system, spec.organizer, data.value("id", ""));
    if (Result<bool> noted = Journal(context, "event", "done", data, watch); !noted) return Fail(context, noted.error());
  } else if (Result<bool> ensured = EnsureEvent(context); !ensured) {
    return Fail(context, ensured.error());
  }
  // A restore (InterviewStore::CommitRestore) puts back what the candidate's invitation already says: no update.
  const json payload = slotwise::ParseJson(context.job.payload_json);
  const bool tell_candidate = !payload.is_object() || payload.value("candidate", true);
  if (Result<bool> sent = tell_candidate ? SendCandidateMessage(context, static_cast<int>(CandidateMessageKind::kUpdate))
                                         : Result<bool>(true);
      !sent) {
    return Fail(context, sent.error());
  }
  if (Result<bool> confirmed = interviews_.SetStatus(context.interview.id, InterviewStatus::kConfirmed, "", clock_());
      !confirmed) {
    return {JobResult::kRetry, confirmed.error().message};
  }
  return {JobResult::kDone, ""};
}

JobOutcome OutboxExecutor::Cancel(Context& context) {
  if (Result<bool> removed = RemoveProviderObjects(context); !removed) {
    if (IsRetryable(removed.error())) return {JobResult::kRetry, removed.error().message, true};
    if (!context.last_attempt) return {JobResult::kRetry, removed.error().message};
    return {JobResult::kFailed, removed.error().message};
  }
  if (context.artifacts.contains("candidate_invite")) {
    if (Result<bool> sent = SendCandidateMessage(context, static_cast<int>(CandidateMessageKind::kCancellation)); !sent) {
      if (!context.last_attempt) return {JobResult::kRetry, sent.error().message};
      return {JobResult::kFailed, sent.error().message};
    }
  }
  return {JobResult::kDone, ""};
}

}  // namespace slotwise
