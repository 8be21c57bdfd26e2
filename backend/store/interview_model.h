// interview_model.h — an interview as Slotwise keeps it: what was asked for (InterviewSpec), where it stands, what the
// providers made for it (artifacts), and the outbox jobs and step journal that carry it out. Plain values; stored by
// InterviewStore (interview_store.h).
//
// Times are Unix seconds (UTC); [start, end) half-open. E-mails lower-cased. JSON-valued fields are JSON text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slotwise {

enum class InterviewStatus : std::uint8_t {
  kPending,    // committed; the outbox is creating (or changing) the provider objects
  kConfirmed,  // every provider object exists as booked
  kFailed,     // a step failed for good; what had been created was removed again (failure_reason says why)
  kCancelled,  // cancelled through the API; provider objects removed, the candidate told
};
std::string_view InterviewStatusName(InterviewStatus status);  // "pending", "confirmed", "failed", "cancelled"
std::optional<InterviewStatus> ParseInterviewStatus(std::string_view name);

struct InterviewCandidate {
  std::string id;  // the ATS's candidate id; may be empty
  std::string name;
  std::string email;
  std::string time_zone = "UTC";
  std::string locale = "en";
};

// What the booking asked for, after validation. The internal notes never reach the candidate.
struct InterviewSpec {
  std::string title;
  std::string organizer;                  // the recruiter whose calendar holds the event
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::int64_t buffer_before = 0;         // seconds
  std::int64_t buffer_after = 0;          // seconds
  std::vector<std::string> interviewers;  // e-mails
  std::vector<std::string> observers;     // e-mails
  std::string room;                       // room e-mail; "" = none
  std::string video;                      // "none", "google_meet", "teams", "zoom", "goto"
  std::string host_account;               // host account id for zoom/goto (e.g. "zoom:rita@acme.test"); "" otherwise
  InterviewCandidate candidate;
  std::string notes;                      // internal, only on the internal event
  std::string candidate_message;          // shown to the candidate in the invitation e-mail
  std::string time_zone = "UTC";          // the organiser's display zone
};

struct Interview {
  std::string id;
  std::string tenant_id;
  InterviewStatus status = InterviewStatus::kPending;
  std::string failure_reason;
  InterviewSpec spec;
  std::int64_t sequence = 0;         // iCalendar SEQUENCE of the candidate's invitation; +1 per reschedule/cancel
  std::string artifacts_json = "{}";  // {"event": {...}, "meeting": {...}, "candidate_invite": {...}}
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// Where an interview stands in a tenant's list ordered by start time: (start_at, id) is unique (keyset paging).
struct InterviewPosition {
  std::int64_t start_at = 0;
  std::string id;
};

struct HistoryEntry {
  std::int64_t at = 0;
  std::string action;              // "booked", "confirmed", "failed", "rescheduled", "cancelled", …
  std::string detail_json = "{}";
};

// kMessage: an e-mail that belongs to no interview (bulk sends, the colleague "connect your account" mail); its job
// carries the rendered message and runs under the pseudo interview id "msg_…".
// kHold / kRelease: a proposal's times held as tentative events in its people's calendars, and removed again
// (booking/proposal_holds.h); they run under the proposal's id ("prp_…"), so a release never overtakes its hold.
enum class OutboxKind : std::uint8_t { kBook, kReschedule, kCancel, kMessage, kHold, kRelease };
std::string_view OutboxKindName(OutboxKind kind);  // "book", "reschedule", "cancel", "message", "hold", "release"
std::optional<OutboxKind> ParseOutboxKind(std::string_view name);

struct OutboxJob {
  std::int64_t id = 0;
  std::string tenant_id;
  std::string interview_id;
  OutboxKind kind = OutboxKind::kBook;
  std::int64_t attempts = 0;
  std::string last_error;
  std::string payload_json = "{}";
};

// The outbox's queue at one moment (GET /metrics, GET /readyz): jobs due now and not yet claimed, waiting for a later
// retry, running, and given up; `oldest_due_at` is the earliest next_attempt_at among the due ones (0 = none due) —
// how long work has waited for a worker.
struct OutboxBacklog {
  int due = 0;
  int waiting = 0;
  int running = 0;
  int dead = 0;
  std::int64_t oldest_due_at = 0;
};

// One step of an outbox job's work, journalled before and after its provider call so that a restart knows what may
// exist at the provider ("started": the call may or may not have happened; "done": data holds what it made).
struct StepRecord {
  std::string step;                // e.g. "meeting", "event", "candidate_invite:3"
  std::string state;               // "started" | "done"
  std::string data_json = "{}";
  std::int64_t updated_at = 0;
};

// Who differs between the people Slotwise booked on an event and its attendees now (flag "attendees_changed").
// E-mails in lower case, each list sorted.
struct AttendeeChange {
  std::vector<std::string> removed;   // booked interviewers or observers no longer invited
  std::vector<std::string> added;     // people invited outside Slotwise (not the organiser, not a room)
  std::vector<std::string> declined;  // booked interviewers who declined

  bool empty() const { return removed.empty() && added.empty() && declined.empty(); }
  bool operator==(const AttendeeChange&) const = default;
};

// Something the outbox made at a provider for an interview, which Slotwise watches (booked_objects): the organiser's
// calendar event (with the room as a resource attendee, and Meet/Teams made with it) and the Zoom/GoTo meeting.
// Recorded in the same transaction as the journal step that says it exists; removed with the step that says it is
// gone. `flag` is what the last sync saw: "" (as booked), "moved_externally", "deleted_externally", "room_declined",
// "attendees_changed" (booking/change_assessment.h).
struct BookedObject {
  std::string interview_id;
  std::string object;              // "event" | "meeting"
  std::string tenant_id;
  std::string provider;            // "google" | "microsoft" (events), "zoom" | "goto" (meetings)
  std::string calendar_id;         // the organiser's e-mail (events) / the host account id (meetings)
  std::string provider_object_id;  // the provider's event / meeting id
  std::int64_t expected_start = 0;
  std::int64_t expected_end = 0;
  std::string flag;
  std::string detail;              // one human sentence about the flag; "" when none
  std::int64_t flagged_at = 0;     // when the current flag was first seen; 0 when none
  std::int64_t checked_at = 0;     // the last sync that compared it; 0 = never
  std::int64_t observed_start = 0;  // where the last sync saw it (0 when gone, all-day or never checked)
  std::int64_t observed_end = 0;
  AttendeeChange attendees;         // set with the flag "attendees_changed"; empty otherwise
};

// A calendar holding booked events still to come (InterviewStore::BookedCalendars): what an incremental sync watches.
struct BookedCalendar {
  std::string tenant_id;
  std::string provider;     // "google" | "microsoft"
  std::string calendar_id;  // the organiser's e-mail, as the first of its booked objects spells it
};

// What a journal step changes in the interview's booked objects: start (or restart, clearing the flag) watching
// `track`, and/or stop watching the object named `untrack` ("event" | "meeting"; "" = none).
struct TrackingChange {
  std::optional<BookedObject> track;
  std::string untrack;
};

// What a sync saw of a booked object: the flag (see BookedObject) and what it observed, as history detail.
struct Observation {
  std::string flag;
  std::string detail;
  std::int64_t observed_start = 0;  // 0 when gone or all-day
  std::int64_t observed_end = 0;
  AttendeeChange attendees;         // with "attendees_changed"
};

}  // namespace slotwise
