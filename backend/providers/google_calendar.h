// google_calendar.h — CalendarAdapter over Google Calendar API v3 (docs/PROVIDERS.md "Google Calendar").
//
// Requests (relative to `api_base`, e.g. "https://www.googleapis.com/calendar/v3" or the sandbox's
// "http://127.0.0.1:PORT/google/calendar/v3"):
//   FreeBusy     POST /freeBusy — chunked to ≤ max_calendars_per_call ids and ≤ max_range_per_call of time per call
//                (calls = ceil(ids/50) × ceil(range/60 days) by default), up to parallel_calls of them at once;
//                results merged per calendar in request order; a calendar's `errors` make that calendar an Error
//                (never "free"); a connection-level failure stops the calls not yet started.
//   CreateEvent  POST /calendars/{cid}/events?conferenceDataVersion=1&sendUpdates=… with the client-chosen id
//                GoogleEventIdFor(idempotency_key). A 409 (the id exists: an earlier attempt got through) is answered
//                by GET of that id and returned as success (or "conflict" when that event was since cancelled).
//                video kMeet adds conferenceData.createRequest{requestId, conferenceSolutionKey{type:"hangoutsMeet"}};
//                while the answer says "pending" the event is re-read up to conference_poll_attempts times,
//                conference_poll_interval apart (through the injected Sleeper). video kTeams → "invalid_request".
//   UpdateEvent  PATCH /calendars/{cid}/events/{eid}?conferenceDataVersion=1&sendUpdates=…
//   DeleteEvent  DELETE /calendars/{default}/events/{eid}?sendUpdates=… — 204, 404 and 410 are success.
//   GetEvent     GET /calendars/{default}/events/{eid}
//   ListRooms    "not_supported" (rooms need the Admin SDK directory, out of scope).
//   Changes      GET /calendars/{default}/events?syncToken=… (with a cursor: only the syncToken, Google refuses
//                timeMin/timeMax with it) or ?timeMin=…&timeMax=… (without: the full listing that yields the first
//                token), maxResults=change_page_size, following nextPageToken (≤ max_change_pages pages); the cursor
//                is the last page's nextSyncToken. A cancelled item is a deleted event. 410 → `expired`.
// Thread-safe. See calendar_adapter.h for the shared contract.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "providers/calendar_adapter.h"
#include "providers/provider_client.h"
#include "slotwise/time.h"

namespace slotwise::providers {

struct GoogleCalendarOptions {
  std::string default_calendar_id = "primary";      // for Create/Update without organiser id, Delete and Get
  std::size_t max_calendars_per_call = 50;           // freeBusy items per call (Google: calendarExpansionMax ≤ 50)
  Duration max_range_per_call = 60 * kSecondsPerDay; // freeBusy timeMax - timeMin per call (long ranges are refused)
  std::size_t parallel_calls = 1;  // freeBusy calls of one query in flight at once (merged in call order either way)
  int conference_poll_attempts = 5;                  // re-reads while the Meet link is "pending"
  std::chrono::milliseconds conference_poll_interval{1000};
  SendUpdates delete_send_updates = SendUpdates::kAll;
  std::shared_ptr<ConcurrencyLimiter> limiter;       // optional cap of concurrent calls per `limit_key`
  std::string limit_key;                             // e.g. the connected user's email
  int change_page_size = 250;                        // Changes: maxResults per page (Google: ≤ 2500)
  std::size_t max_change_pages = 200;                // Changes: bound on nextPageToken pages followed
};

class GoogleCalendar final : public CalendarAdapter {
 public:
  GoogleCalendar(net::HttpTransport& transport, AccessTokenSource& tokens, std::string api_base,
                 RetryPolicy policy = {}, RetryHooks hooks = {}, GoogleCalendarOptions options = {});

  Result<std::vector<CalendarBusy>> FreeBusy(const std::vector<std::string>& calendar_ids, Interval range,
                                             std::string_view time_zone) override;
  Result<CreatedEvent> CreateEvent(const EventSpec& spec) override;
  Result<CreatedEvent> UpdateEvent(std::string_view event_id, const EventSpec& spec) override;
  Result<bool> DeleteEvent(std::string_view event_id) override;
  Result<std::vector<RoomInfo>> ListRooms() override;
  Result<CreatedEvent> GetEvent(std::string_view event_id) override;
  Result<CalendarChanges> Changes(std::string_view cursor, Interval window) override;

 private:
  Result<CreatedEvent> GetEventIn(std::string_view calendar_id, std::string_view event_id);
  Result<CreatedEvent> PollConference(std::string_view calendar_id, CreatedEvent event);
  std::string EventUrl(std::string_view calendar_id, std::string_view event_id) const;

  ProviderClient client_;
  std::string api_base_;
  GoogleCalendarOptions options_;
};

// Parses a Google event resource into a CreatedEvent ("provider_error" when it is not an object with a string id).
Result<CreatedEvent> ParseGoogleEvent(std::string_view body);

}  // namespace slotwise::providers
