// microsoft_graph_calendar.h — CalendarAdapter over Microsoft Graph v1.0, plus the room and user directories
// (docs/PROVIDERS.md "Microsoft Graph").
//
// Requests (relative to `api_base`, e.g. "https://graph.microsoft.com/v1.0" or the sandbox's ".../microsoft/v1.0";
// {mb} is "/me" for mailbox "me", else "/users/{mailbox}"):
//   FreeBusy     POST {mb}/calendar/getSchedule — chunked to ≤ 20 schedules and ≤ 61 days per call (Graph: "under
//                62 days"), up to parallel_calls at once (merged in call order), availabilityViewInterval from the
//                options, times asked in UTC (Prefer: outlook.timezone).
//                scheduleItems are converted with GraphScheduleItemsToBusy; an item without scheduleItems falls back
//                to its availabilityView. An item's `error` (unknown address, …) makes that calendar an Error.
//   CreateEvent  POST {mb}/events with transactionId = idempotency_key (Graph answers a retry with the same event);
//                video kTeams → isOnlineMeeting:true, onlineMeetingProvider:"teamsForBusiness" (an event made without
//                its onlineMeeting is PATCHed once more with the same; still without, it is returned so); video kMeet →
//                "invalid_request". Resource attendees are type "resource" and the first one is the location's
//                locationEmailAddress. Times are sent as UTC wall times with timeZone "UTC".
//   UpdateEvent  PATCH {mb}/events/{eid};   DeleteEvent  DELETE {mb}/events/{eid} (204; 404/410 = success);
//   GetEvent     GET {mb}/events/{eid}
//   Changes      GET {mb}/calendarView/delta?startDateTime=…&endDateTime=… (no cursor: the window's events, which
//                only establish the cursor) or the stored @odata.deltaLink (the cursor), with Prefer:
//                odata.maxpagesize=change_page_size, following @odata.nextLink; the cursor is the last page's
//                @odata.deltaLink. An item with "@removed" is a deleted event (or one that left the window). 410 (or a
//                stored link outside the API base) → `expired`.
//   ListRooms    GET /places/microsoft.graph.room?$top=100, following @odata.nextLink
//   ListRoomLists  GET /places/microsoft.graph.roomlist, then /places/{list}/microsoft.graph.roomlist/rooms
//   ListUsers    GET /users?$select=id,displayName,mail,userPrincipalName&$top=100, following @odata.nextLink
//   GetMailboxSettings  GET /users/{user}/mailboxSettings
//   VerifiedDomains     GET /organization?$select=id,verifiedDomains (the token's organisation; names lower-cased)
// Every call on a mailbox holds a permit of the per-mailbox limiter (Graph allows 4 concurrent requests per app and
// mailbox); share one limiter between all adapters of the app (options.limiter) to enforce it process-wide.
// An @odata.nextLink is followed only when it points under `api_base` or under https://graph.microsoft.com/v1.0
// (rewritten onto `api_base`): the bearer token never goes to another host. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "providers/calendar_adapter.h"
#include "providers/provider_client.h"
#include "slotwise/time.h"
#include "slotwise/time_zone.h"

namespace slotwise::providers {

inline constexpr int kGraphConcurrentRequestsPerMailbox = 4;

struct MicrosoftGraphOptions {
  std::string default_mailbox = "me";                // "me" (delegated) or a user id/UPN (application permissions)
  std::size_t max_schedules_per_call = 20;
  Duration max_range_per_call = 61 * kSecondsPerDay;
  // getSchedule calls of one query in flight at once (merged in call order either way); the limiter keyed by the
  // mailbox still caps what reaches one mailbox.
  std::size_t parallel_calls = 1;
  std::int32_t availability_view_interval = 30;      // minutes, 5..1440
  std::size_t max_pages = 500;                       // bound on @odata.nextLink pages followed
  std::size_t change_page_size = 100;                // Changes: Prefer odata.maxpagesize
  std::shared_ptr<ConcurrencyLimiter> limiter;       // null = a private limiter of 4 per mailbox
  ZoneSource* zones = nullptr;                       // thread-safe source for Windows/IANA zone names; null = UTC only
};

struct DirectoryUser {
  std::string id;
  std::string email;         // mail, or userPrincipalName when mail is empty
  std::string display_name;
};

// A user's mailbox settings as far as scheduling needs them. Graph gives the zone as a Windows or an IANA name; both
// are passed on as given (the caller decides what it can use). Times are "HH:MM"; days are 0 = Sunday … 6 = Saturday.
struct MailboxSettings {
  std::string time_zone;
  std::vector<int> working_days;
  std::string working_start;           // "" when Graph gave no working hours
  std::string working_end;
  std::string working_hours_time_zone;  // the zone the working hours are in (often the same)
};

class MicrosoftGraphCalendar final : public CalendarAdapter {
 public:
  MicrosoftGraphCalendar(net::HttpTransport& transport, AccessTokenSource& tokens, std::string api_base,
                         RetryPolicy policy = {}, RetryHooks hooks = {}, MicrosoftGraphOptions options = {});

  Result<std::vector<CalendarBusy>> FreeBusy(const std::vector<std::string>& calendar_ids, Interval range,
                                             std::string_view time_zone) override;
  Result<CreatedEvent> CreateEvent(const EventSpec& spec) override;
  Result<CreatedEvent> UpdateEvent(std::string_view event_id, const EventSpec& spec) override;
  Result<bool> DeleteEvent(std::string_view event_id) override;
  Result<std::vector<RoomInfo>> ListRooms() override;
  Result<CreatedEvent> GetEvent(std::string_view event_id) override;
  Result<CalendarChanges> Changes(std::string_view cursor, Interval window) override;

  // The organisation's room lists and, for each, the addresses of its rooms (Place.Read.All; GET
  // /places/microsoft.graph.roomlist, then GET /places/{list}/microsoft.graph.roomlist/rooms; all pages): list
  // address -> room addresses (lower-case).
  Result<std::map<std::string, std::vector<std::string>>> ListRoomLists();
  // The organisation's users (application permission User.Read.All), all pages.
  Result<std::vector<DirectoryUser>> ListUsers();
  // GET /users/{user}/mailboxSettings (MailboxSettings.Read): zone and working hours.
  Result<MailboxSettings> GetMailboxSettings(std::string_view user);
  // The names of the verified domains of the organisation the token belongs to (Organization.Read.All or any
  // signed-in user of it), lower-case.
  Result<std::vector<std::string>> VerifiedDomains();

 private:
  std::string MailboxPath(std::string_view mailbox) const;
  Result<std::vector<nlohmann::json>> GetAllPages(std::string first_url);
  // `link` (an @odata.nextLink / deltaLink) as a URL to follow: under api_base_ as is, under the public Graph base
  // rewritten onto api_base_; anything else is refused (the bearer token never goes to another host).
  Result<std::string> ApiLink(std::string_view link) const;
  Result<CreatedEvent> SendEvent(std::string method, std::string url, std::string_view mailbox, const EventSpec& spec,
                                 bool with_transaction_id);

  ProviderClient client_;
  std::string api_base_;
  MicrosoftGraphOptions options_;
  InMemoryZoneSource utc_zones_;  // used when options_.zones is null; guarded by utc_zones_mutex_
  std::mutex utc_zones_mutex_;
};

// Parses a Graph event resource (`wants_online_meeting` decides between kNone and kPending when no joinUrl yet).
Result<CreatedEvent> ParseGraphEvent(std::string_view body, bool wants_online_meeting);

}  // namespace slotwise::providers
