// widget_model.h — the scheduling assistant's state as plain structs (no ImGui, no browser, no clock).
//
// The widget keeps everything it shows in one `WidgetModel`. Pure functions in the other widget_* files change it:
//   widget_data      answers of the backend (directory, solve document, connections) -> model
//   widget_solve     model -> the engine's solve document; the engine's answer -> suggestions / explanations
//   widget_selection the selected time, the suggestion cursor, the grid's visible range
//   widget_booking   the booking / reschedule / cancel state machine and its request bodies
//   widget_proposal  "propose times": choosing 2–5 suggestions, the proposal request, the candidate link
//   widget_loop_booking  an interview loop booked stage by stage, all or nothing (cancels what was booked on failure)
//   widget_keyboard  key presses -> the same state changes as mouse clicks
//   widget_i18n      every user-visible string in en / de / ja / nl
//   widget_time_format instants -> wall-clock text per locale and zone
// Times are UTC `Instant`s (seconds) and half-open [start, end) intervals; wall-clock values name their zone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/intervals.h"
#include "slotwise/locale.h"

namespace slotwise::widget {

using slotwise::Locale;  // the interface's language (slotwise/locale.h)
using slotwise::kLocaleCount;

enum class RowKind { kInterviewer, kObserver, kRoom, kHost };

// The engine's busy statuses (docs/ENGINE.md), drawn distinctly.
enum class BusyStatus { kBusy, kTentative, kOof, kWorkingElsewhere, kFree };

// What kind of interview: on site (with a room) or a video meeting of one provider.
enum class InterviewType { kOnSite, kGoogleMeet, kZoom, kTeams, kGoTo };

enum class LoadState { kIdle, kLoading, kLoaded, kFailed };

enum class ViewMode { kDay, kWeek, kTwoWeeks };  // one day; Monday–Friday; two such weeks

enum class Ranking { kEarliest, kBalancedLoad, kCandidateFriendly };

struct BusyEvent {
  Interval when;
  BusyStatus status = BusyStatus::kBusy;
  bool interview = false;  // a Slotwise or provider interview (counts toward load limits)
};

// One row of the grid: a person (interviewer / observer), a room, or a video host account.
struct Row {
  RowKind kind = RowKind::kInterviewer;
  std::string sub;        // calendar id: an e-mail, a room resource e-mail, or "<provider>:<owner e-mail>"
  std::string name;       // display name (may be CJK)
  std::string time_zone;  // IANA; empty = UTC
  bool included = true;   // takes part in the query (interviewers, rooms, hosts) / is invited (observers)
  std::optional<std::int64_t> capacity;  // rooms
  std::string building;                  // rooms: the directory's building ("" when unknown)
  std::string host_provider;             // hosts: "zoom", "goto", "teams", "google_meet"
  std::string host_owner;                // hosts: the owner's e-mail
  nlohmann::json host_settings;          // hosts: docs/ENGINE.md "conferencing_account" (null when unknown)
};

// A stage of an interview loop (docs/ENGINE.md "Interview loops"). The first stage's gap is ignored.
struct LoopStage {
  std::string id;                        // sequence_id
  std::int32_t duration_minutes = 45;
  std::vector<std::string> pool;         // interviewer subs; `required` of them do the stage
  std::int32_t required = 1;
  std::int32_t max_gap_minutes = 60;     // after the previous stage's end
};

// The minimum notice when the tenant sets none (policies.minimum_notice): a suggestion is never minutes away.
inline constexpr std::int32_t kDefaultMinimumNoticeMinutes = 240;

// Everything the recruiter can change; each change re-solves locally.
struct Settings {
  std::int32_t duration_minutes = 60;
  std::int32_t buffer_before_minutes = 0;
  std::int32_t buffer_after_minutes = 0;
  std::int32_t start_interval_minutes = 15;
  std::int32_t minimum_notice_minutes = kDefaultMinimumNoticeMinutes;
  // The candidate's reasonable hours, Monday–Friday in the candidate's zone (when it is known): required by default
  // (nothing outside them is suggested, and a start outside them is explained as such); the "what would help"
  // relaxation or the page option candidateHours.required = false makes them a preference only.
  std::int32_t candidate_day_start_minutes = 8 * 60;
  std::int32_t candidate_day_end_minutes = 19 * 60;
  bool candidate_hours_required = true;
  InterviewType type = InterviewType::kGoogleMeet;
  std::string host;                      // chosen host account sub; empty = any linked account of the provider
  std::string room;                      // chosen room sub; empty = any room that fits
  Ranking ranking = Ranking::kEarliest;
  bool tentative_blocks = true;          // false: tentative events do not block (a relaxation)
  std::map<std::string, std::string> host_rule_overrides;  // rule -> "warn"/"refuse", over the tenant's policy
  bool loop = false;                     // solve `loop_stages` as an interview loop instead of a single slot
  std::vector<LoopStage> loop_stages;
};

// One ranked suggestion (an available slot or loop), straight from the engine's answer.
struct HostOutcome {
  std::string sub;
  std::optional<bool> passcode;          // absent when the account's settings are unknown
  std::string passcode_reason;           // admin_locked, personal_account, unlocked_setting_not_applied, not_required
  std::vector<std::pair<std::string, std::string>> warnings;  // (code, engine message)
};

struct StagePick {
  std::string id;
  Interval when;
  std::vector<std::string> participants;
  std::vector<std::string> rooms;
};

struct Suggestion {
  Interval when;
  std::vector<std::string> participants;  // free members, query order
  std::vector<std::string> rooms;         // usable rooms, query order
  std::vector<HostOutcome> hosts;         // free host accounts (with passcode / warnings)
  std::vector<StagePick> stages;          // loops only
};

// One reason why a time is not possible (docs/ENGINE.md "Explanations"), kept with its parameters so that it can be
// worded in the viewer's language.
struct Reason {
  std::string code;        // busy, buffer, outside_working_hours, group_short, host_rule, ...
  std::string sub;         // the culprit, when the reason names one
  std::string status;      // busy/buffer: the event's status
  Interval interval;       // busy/buffer/room_busy/host_busy: the blocking event
  std::string rule;        // host_rule
  std::int64_t free = 0, required = 0, limit = 0, count = 0;
  std::string period;      // load_limit: day / week
  Instant earliest = 0;    // minimum_notice
  std::string why;         // free_busy_unknown: the reason the calendar could not be read
  std::string message;     // the engine's English sentence (fallback)
};

struct Relaxation {
  std::string code;        // drop_member, zero_buffers, warn_host_rule, add_host_owner, ...
  std::string sub;
  std::string rule;
  std::int64_t slots = 0;
  std::string message;
};

// Why the selected time is, or is not, possible.
struct Explanation {
  Instant start = 0;
  bool available = false;
  std::optional<Suggestion> slot;  // when available: who, which rooms and hosts (passcode, warnings)
  std::vector<Reason> reasons;     // when not
  std::string error;               // the engine refused the query (e.g. no interviewer chosen)
  std::uint64_t generation = 0;    // model.solve_generation it was computed for
};

// A calendar problem of one of the recruiter's connections (GET /v1/connections).
struct ConnectionIssue {
  std::string provider;
  std::string status;    // reauth_needed, consent_required
  std::string fix_url;   // opens the OAuth popup (/oauth/{provider}/start…)
  std::string message;
};

enum class BookingPhase {
  kIdle,          // nothing booked yet
  kSubmitting,    // POST /v1/interviews (or PATCH) sent
  kPending,       // 201 pending: polling GET /v1/interviews/{id}
  kConfirmed,     // status confirmed: links, what was created
  kFailed,        // status failed / refused: see message and violations
  kConfirmingChanges, // moving an interview would also change its people or length: shown, to be confirmed
  kConfirmingCancel,  // the recruiter is asked to confirm, with an optional message for the candidate
  kCancelScheduled,   // confirmed; the DELETE goes out at `cancel_at_ms` unless undone (nothing sent yet)
  kCancelling,    // DELETE sent
  kCancelled,
};

// A request of this booking is out or about to go (submitting, polling, a cancel being confirmed, scheduled or
// sent): no second one may start, and nothing else may be booked meanwhile.
inline bool BookingInFlight(BookingPhase phase) {
  return phase == BookingPhase::kSubmitting || phase == BookingPhase::kPending || phase == BookingPhase::kCancelling ||
         phase == BookingPhase::kConfirmingCancel || phase == BookingPhase::kCancelScheduled ||
         phase == BookingPhase::kConfirmingChanges;
}

struct Violation {
  std::string code;
  std::string message;
  std::string sub;
};

// Something booked for an existing interview that was changed outside Slotwise (GET /v1/interviews/{id} tracking).
struct ExternalChange {
  std::string object;  // "event" | "meeting"
  std::string state;   // "moved_externally" | "deleted_externally" | "room_declined" | "attendees_changed"
  std::string detail;  // the server's sentence (English)
  Interval booked;
  std::optional<Interval> observed;  // where it is now, when it still has a time
  // With "attendees_changed" (e-mails, lower case): who was removed from, added to, or declined the event.
  std::vector<std::string> removed, added, declined;
};


struct Booking {
  BookingPhase phase = BookingPhase::kIdle;
  bool rescheduling = false;        // the next submit is a PATCH of `interview_id`
  std::string idempotency_key;      // one per booking attempt (kept on retries of the same body)
  std::string interview_id;
  std::string status;               // the server's status text
  Interval when;
  std::string join_url;
  std::string passcode;
  std::string event_id;
  std::vector<std::string> created; // what the server reports it created (meeting, event, invitation, room)
  std::string error_code;           // slot_taken, slot_unavailable, booking_invalid, network, …
  std::string message;              // human sentence from the server
  std::vector<Violation> violations;
  int polls = 0;
  std::vector<ExternalChange> external_changes;  // an existing interview's objects changed outside Slotwise
  std::string cancel_message;        // the recruiter's message to the candidate when cancelling (may be empty)
  // The interview as booked (from the server's view): who takes part. While rescheduling, `moving_from` is its booked
  // time (`when` becomes the new one on submit); after a confirmed move, `moved_from` is where it was.
  std::vector<std::string> booked_interviewers, booked_observers;
  Interval moving_from;
  std::optional<Interval> moved_from;
  double cancel_at_ms = 0;          // kCancelScheduled: when the DELETE goes out (the page's clock, ms)
};

// Booking an interview loop: one interview per stage (POST /v1/interviews each, its own Idempotency-Key), all or
// nothing from the recruiter's view (widget_loop_booking.h holds the state machine).
enum class StageState {
  kWaiting,       // not sent yet
  kSubmitting,    // POST sent
  kPending,       // 201 pending: polled until confirmed / failed
  kConfirmed,
  kRefused,       // the POST was answered 4xx/5xx (or the network failed three times)
  kFailed,        // the interview ended "failed"
  kSkipped,       // never sent: an earlier stage was refused
  kCancelling,    // DELETE sent (rolling back)
  kCancelled,
  kCancelFailed,  // the DELETE failed: still booked, the recruiter must cancel it
};

struct StageBooking {
  std::string stage_id;
  Interval when;
  std::string body;              // the POST /v1/interviews body, fixed at start (a retry sends the same bytes)
  std::string idempotency_key;
  std::string interview_id;
  StageState state = StageState::kWaiting;
  std::string error_code;
  std::string message;
  int polls = 0;
  int network_retries = 0;
};

enum class LoopBookingPhase { kIdle, kBooking, kConfirmed, kRollingBack, kRolledBack, kRollbackIncomplete };

struct LoopBooking {
  LoopBookingPhase phase = LoopBookingPhase::kIdle;
  std::vector<StageBooking> stages;
  std::size_t failed_stage = 0;  // which stage made it roll back (kRollingBack and after)
  bool request_in_flight = false;  // one request at a time (submit, poll or cancel)
};

// "Propose times": the recruiter offers the candidate 2–5 of the suggestions; the candidate picks one on the
// candidate page (POST /v1/proposals, docs/EMBEDDING.md). widget_proposal.h holds the state machine.
enum class ProposalPhase {
  kIdle,        // nothing proposed (the "Propose times" button)
  kChoosing,    // the recruiter ticks suggestions
  kSubmitting,  // POST /v1/proposals sent
  kCreated,     // 201: the candidate link is shown
  kFailed,      // refused or the network failed: message, then back to choosing
};

struct ProposalOption {
  Interval when;
  bool available = true;  // the server's re-validation at creation
};

// The proposal this widget sent last, watched for the candidate's answer (widget_proposal.h WatchedProposalId): what
// the candidate did, as last read.
struct SentProposal {
  std::string id;             // "" = none sent
  std::string answer;         // "" (none yet), "declined", "picked", "expired"
  Instant picked_start = 0;   // picked: the time
  std::size_t offered = 0;    // declined: how many own periods (a changed offer is news again)
};

struct Proposal {
  ProposalPhase phase = ProposalPhase::kIdle;
  std::vector<Instant> chosen;           // starts of chosen suggestions, ascending
  std::string idempotency_key;           // one per body; kept for a retry after a network or server failure
  bool retry_same_key = false;           // the last failure may not have reached the server: resend the same key
  std::string proposal_id;
  std::string candidate_url;             // <server>/candidate/#p=<capability>
  std::string expires_at;                // RFC 3339
  std::vector<ProposalOption> options;   // as the server answered
  std::string error_code;                // network, invalid_request, unknown_participant, …
  std::string message;                   // the server's sentence
  bool copied = false;                   // the link was copied to the clipboard
};

// Where and how the widget is shown.
struct Viewport {
  ViewMode mode = ViewMode::kWeek;
  std::int64_t first_day = 0;        // local day number (viewer zone) of the first day shown
  std::string viewer_zone = "UTC";   // the recruiter's zone (times in the grid)
  std::string candidate_zone;        // shown side by side when set
  std::int32_t day_start_hour = 7;   // visible hours of each day, viewer zone
  std::int32_t day_end_hour = 20;
};

// The interview the page asked for (embed option `interview`, or an existing interview to reschedule).
struct InterviewRequest {
  std::string id;                    // existing interview (reschedule) or empty
  std::string title;
  std::string organizer;             // the recruiter (the token's user)
  std::vector<std::string> interviewers;  // preselected subs; empty = every interviewer of the directory
  std::vector<std::string> observers;
  nlohmann::json candidate;          // {"id","name","email","time_zone","locale"} or null
  std::string proposal_id;           // times proposed to the candidate before ("prp_…"), whose answer is shown
};

// The candidate's own times: the proposal `interview.proposal_id` was declined with times of the candidate's own
// (GET /v1/proposals/{id}, candidate_availability). Drawn as a row under the suggestions; while `only_these` is set,
// suggestions lie inside these times and any other time is explained as outside them.
struct CandidateOffer {
  std::vector<Interval> periods;  // sorted, UTC
  std::string note;               // the candidate's note ("" = none)
  bool only_these = true;
};

struct WidgetModel {
  Locale locale = Locale::kEn;
  LoadState load = LoadState::kIdle;
  std::string error;                       // why load failed (a sentence)
  InterviewRequest interview;
  std::vector<Row> rows;                   // interviewers, observers, rooms, hosts (in that order)
  std::map<std::string, std::vector<BusyEvent>> busy;  // by sub, sorted by start
  std::map<std::string, nlohmann::json> working_hours; // by sub: docs/ENGINE.md working_hours (absent = around the clock)
  // By sub: why the calendar's free/busy is unknown (calendars[sub].free_busy status "unknown"; docs/ENGINE.md
  // "Unknown free/busy"). Such a row is drawn as unknown across the grid, never as free.
  std::map<std::string, std::string> unknown_free_busy;
  nlohmann::json calendars = nlohmann::json::object();  // docs/ENGINE.md calendars, merged from every document fetched
  std::vector<std::string> loaded_providers;           // video providers whose host calendars are in `calendars`
  Interval document_range;                 // the UTC range the documents cover
  nlohmann::json base_query;               // the query of the solve document (tenant policies filled in)
  Instant now = 0;                         // the document's "now"
  bool document_loaded = false;
  Settings settings;
  Viewport viewport;
  std::vector<Suggestion> suggestions;     // ranked
  std::int32_t available_starts = 0;
  std::vector<Relaxation> relaxations;
  std::string solve_error;                 // the engine refused the current settings
  std::optional<Instant> selected;         // the selected start (grid click, keyboard, or suggestion)
  std::int32_t suggestion_cursor = -1;     // index into suggestions, -1 = none
  std::int32_t row_cursor = 0;             // keyboard focus row
  std::string find_query;                  // "Find people and rooms" as typed (widget_find.h)
  std::string zone_filter;                 // the candidate zone picker's search text
  bool settings_open = false;              // in a narrow page the settings bar is folded behind "Settings"
  bool drawer_open = false;                // in a narrow page the side panel is a drawer under the grid
                                           // (widget_layout.h): it opens by itself when the panel has news
  Explanation explanation;                 // of `selected`
  std::optional<CandidateOffer> candidate_offer;
  std::vector<ConnectionIssue> connection_issues;
  Booking booking;
  Proposal proposal;
  SentProposal sent_proposal;
  LoopBooking loop_booking;
  std::uint64_t solve_generation = 0;      // bumps on every change that needs a re-solve
};

// Index of the row with `sub`, or -1.
int FindRow(const WidgetModel& model, const std::string& sub);

// Display name of `sub` (the row's name, else the sub itself).
std::string DisplayName(const WidgetModel& model, const std::string& sub);

// The conferencing provider id of an interview type ("zoom", …); empty for on-site.
std::string ProviderOf(InterviewType type);

}  // namespace slotwise::widget
