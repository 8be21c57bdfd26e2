// zoom_meetings.h — Zoom API v2 adapter: the linked account's identity, its meeting settings as the engine's host
// rules want them, and scheduled meetings (docs/PROVIDERS.md "Zoom API").
//
// Requests (relative to `api_base`, e.g. "https://api.zoom.us/v2" or the sandbox's ".../zoom/v2"):
//   GetMe          GET /users/me
//   GetSettings    GET /users/{user}/settings, then GET /accounts/{account_id}/lock_settings (admin scope; when that
//                  is refused — 400/403/404 — the lock state is reported unknown, see ZoomHostSettings)
//   CreateMeeting  POST /users/{user}/meetings (type 2, start_time UTC "…Z") → 201 meeting
//   ListMeetings   GET /users/{user}/meetings?type=upcoming&page_size=N[&next_page_token=…], every page →
//                  {page_size, total_records, next_page_token ("" on the last page), meetings:[{uuid, id, host_id,
//                  topic, type, start_time, duration, timezone, agenda, created_at, join_url}]}
//   BusyMeetings   ListMeetings, then the meetings with a fixed time as busy events (ZoomMeetingsAsBusy)
//   UpdateMeeting  PATCH /meetings/{id} → 204
//   DeleteMeeting  DELETE /meetings/{id} → 204; 404 with code 3001 (meeting not found) is success (idempotent)
// Errors: provider_errors.h. A 401 (code 124, invalid or expired token) goes through the token refresh once. A 429
// with X-RateLimit-Type: Daily-limit is not retried (the quota resets at 00:00 UTC): "rate_limited" with field
// "Daily-limit" and the reset in the message; a QPS 429 is retried (retry.h). The bearer token travels only in the
// Authorization header (Zoom rejects tokens in query strings). Thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "providers/dial_in.h"
#include "providers/provider_client.h"
#include "slotwise/availability.h"
#include "slotwise/time.h"

namespace slotwise::providers {

struct ZoomUser {
  std::string id;
  std::string email;
  std::int64_t type = 0;   // 1 Basic (free), 2 Licensed, 99 None, …
  std::string timezone;    // IANA name; may be empty
  std::string account_id;  // the Zoom account the user belongs to: one Slotwise user ↔ one Zoom account (S8)
};

// The host-rule inputs of one Zoom user (host_rules.h / availability.h ConferencingAccount), as Zoom reports them.
struct ZoomHostSettings {
  bool join_before_host = false;        // settings.schedule_meeting.join_before_host
  std::int64_t jbh_time_minutes = 0;    // settings.schedule_meeting.jbh_time: 0, 5 or 10 (other values → 0)
  bool waiting_room = false;            // settings.in_meeting.waiting_room (or meeting_security.waiting_room)
  bool passcode_enabled = false;        // schedule_meeting.require_password_for_scheduling_new_meetings
  bool passcode_locked = false;         // lock_settings.schedule_meeting.require_password_for_scheduling_new_meetings
  bool lock_settings_known = false;     // false when the account's lock settings could not be read (no admin scope)
  bool meeting_authentication = false;  // only authenticated users may join (in_meeting/meeting_security/top level)
  bool personal = false;                // a personal (free, Basic) account: Zoom always applies a passcode
};

struct ZoomMeetingSpec {
  std::string user_id = "me";              // host: "me" or a user id/email
  std::string topic;                       // ≤ 200 characters
  Instant start = 0;                       // UTC; sent as "YYYY-MM-DDTHH:MM:SSZ"
  std::int64_t duration_minutes = 30;      // > 0
  std::string timezone;                    // IANA; display only (start is UTC)
  std::optional<std::string> password;     // ≤ 10 characters of [a-zA-Z0-9@-_*]; nullopt = account policy decides
  std::string agenda;
  std::string schedule_for;                // schedule on behalf of another host (optional)
  std::optional<bool> join_before_host;
  std::optional<std::int64_t> jbh_time;    // 0, 5 or 10
  std::optional<bool> waiting_room;
  std::optional<bool> meeting_authentication;
  std::vector<std::string> alternative_hosts;  // emails; sent as Zoom's semicolon-separated list
};

struct ZoomMeeting {
  std::string id;          // Zoom's numeric meeting id, as text
  std::string uuid;        // this instance's UUID (may be empty)
  std::string host_id;     // the host's Zoom user id (list answers carry this, not host_email)
  std::string host_email;
  std::string topic;
  std::string agenda;      // the meeting description; Slotwise's recovery marker lives here
  std::string timezone;    // IANA name the meeting is displayed in; may be empty
  std::string join_url;    // always set by ParseZoomMeeting; a ListMeetings item may lack it
  std::string start_url;   // carries a host token: do not show to attendees or log
  std::string password;
  std::vector<DialIn> dial_in;  // settings.global_dial_in_numbers, each with the meeting ID as the access code
  std::optional<bool> join_before_host;  // settings.join_before_host as Zoom applied it; nullopt when not stated
  std::string start_time;  // as Zoom answered
  Instant start = 0;       // start_time as a UTC instant; 0 when Zoom sent none or an unreadable one
  std::int64_t duration_minutes = 0;
  std::int64_t type = 0;   // 1 instant, 2 scheduled, 3 recurring without a fixed time, 8 recurring with one; 0 = absent
};

// How ListMeetings pages. Zoom expects the same page_size on every page of one listing.
struct ZoomListOptions {
  std::int64_t page_size = 300;  // 1..300 (Zoom's maximum); checked before any call
  int max_pages = 20;            // pages followed at most; a listing that needs more is an error, never truncated
};

struct ZoomOptions {
  std::shared_ptr<ConcurrencyLimiter> limiter;  // optional cap of concurrent calls per host user id
};

// Local check of a Zoom passcode: non-empty, ≤ 10 characters, only [a-zA-Z0-9@-_*]. "invalid_request" naming the
// rule, before any call is made.
Result<bool> ValidateZoomPasscode(std::string_view password);

// The engine's account description for a Zoom host owned by Slotwise user `owner_sub`.
ConferencingAccount ToConferencingAccount(const ZoomHostSettings& settings, std::string owner_sub);

class ZoomMeetings {
 public:
  ZoomMeetings(net::HttpTransport& transport, AccessTokenSource& tokens, std::string api_base, RetryPolicy policy = {},
               RetryHooks hooks = {}, ZoomOptions options = {});

  Result<ZoomUser> GetMe();                                                                   // GET /users/me
  // `user` from GetMe decides `personal` (type 1) and which account's lock settings are read.
  Result<ZoomHostSettings> GetSettings(const ZoomUser& user);
  Result<ZoomMeeting> CreateMeeting(const ZoomMeetingSpec& spec);
  Result<ZoomMeeting> GetMeeting(std::string_view meeting_id);                                 // GET /meetings/{id}
  // The host's upcoming scheduled meetings (type=upcoming: not yet ended, including live ones; instant meetings are
  // never listed), all pages concatenated in Zoom's order. `user_id` "me" or a user id/email ("" = "me").
  // Deleted meetings are not listed. Errors: as for every call; "invalid_request" (field "page_size"/"max_pages")
  // before any call for options out of range; "provider_error" (field "too_many_pages") when Zoom still has a
  // next_page_token after `max_pages` pages — a partial list is never returned, since recovery must not conclude
  // "no such meeting" from it. Zoom only lists about 6 months ahead for type=upcoming (docs/SANDBOX.md).
  Result<std::vector<ZoomMeeting>> ListMeetings(std::string_view user_id = "me", ZoomListOptions options = {});
  // The host's own meetings that overlap `window` as busy events (ListMeetings, then ZoomMeetingsAsBusy with
  // `skip_agenda_containing`) — what makes a Zoom host busy for availability. Errors: those of ListMeetings; a failure
  // is never an empty list.
  Result<std::vector<BusyEvent>> BusyMeetings(Interval window, std::string_view skip_agenda_containing,
                                              std::string_view user_id = "me");
  Result<bool> UpdateMeeting(std::string_view meeting_id, const ZoomMeetingSpec& spec);       // true on 204
  Result<bool> DeleteMeeting(std::string_view meeting_id);                                    // true; gone = true

 private:
  Result<net::HttpResponse> Send(std::string method, std::string path, std::string body, std::string_view key);
  Error ToError(const net::HttpResponse& response) const;
  Result<nlohmann::json> GetJson(std::string path, std::string_view key);

  ProviderClient client_;
  std::string api_base_;
};

// A Zoom meeting resource (create answer or GET /meetings/{id}); "provider_error" when id or join_url is missing.
Result<ZoomMeeting> ParseZoomMeeting(std::string_view body);

// The meetings whose agenda carries `marker` as a whole token: the occurrence is followed by the end of the agenda or
// by a character other than a letter, digit, '-' or '_', so "Ref: sw-12-1" does not match an agenda holding
// "Ref: sw-12-10". Every match is returned (a crash between create and record can leave more than one), in input
// order; an empty marker matches nothing. Pure.
std::vector<ZoomMeeting> FindMeetingsByMarker(const std::vector<ZoomMeeting>& meetings, std::string_view marker);

// The listed meetings that occupy their host during `window` (UTC, half-open), as busy events sorted by start
// (status busy, summary = topic): scheduled meetings (type 2) and the listed occurrence of a recurring meeting with a
// fixed time (type 8 — a list answer carries one start_time per series; later occurrences are not expanded, see
// docs/PROVIDERS.md "Zoom API"), each [start_time, start_time + duration). Skipped: instant meetings (1) and recurring
// meetings without a fixed time (3), which have no usable time; a meeting without a readable start_time or with no
// positive duration; and a meeting whose agenda contains `skip_agenda_containing` (when not empty; Slotwise's own
// meetings, already held by its interviews). Pure.
std::vector<BusyEvent> ZoomMeetingsAsBusy(const std::vector<ZoomMeeting>& meetings, Interval window,
                                          std::string_view skip_agenda_containing);

// Parses the two settings documents (user settings, account lock settings — null when unknown) into ZoomHostSettings.
ZoomHostSettings ParseZoomSettings(const nlohmann::json& user_settings, const nlohmann::json* lock_settings,
                                   bool personal);

}  // namespace slotwise::providers
