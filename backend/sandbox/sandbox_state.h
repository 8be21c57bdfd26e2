// sandbox_state.h — the sandbox's in-memory world (internal): directory, OAuth clients and grants, tokens, calendar
// objects, meetings, faults and the request log, plus SandboxCore which owns it all behind one mutex.
//
// Contract:
// - Every member of SandboxState is read and written only while holding SandboxCore::mutex.
// - Route files (google_routes.cpp, …) lock the mutex for the whole handling of a request, except for work that
//   leaves the process (Graph's validation handshake), which runs unlocked.
// - Times are Unix seconds on the sandbox clock (SandboxCore::Now).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sandbox/notifier.h"
#include "sandbox/sandbox.h"
#include "sandbox/zones.h"
#include "slotwise/time.h"

namespace slotwise::sandbox {

using nlohmann::json;

// [SECTION] Directory

struct WorkHours {
  std::vector<int> days{1, 2, 3, 4, 5};  // 0 = Sunday … 6 = Saturday
  std::string start = "09:00";            // local wall time "HH:MM"
  std::string end = "17:00";
};

struct User {
  std::string provider;   // google | microsoft | zoom | goto
  std::string id;         // provider-style id (Graph GUID, Zoom id, numeric Google id, GoTo organizer key)
  std::string email;
  std::string name;
  std::string time_zone = "UTC";  // IANA
  WorkHours working_hours;
  std::string tenant;       // microsoft: tenant id
  std::string domain;       // google/microsoft: the mail domain
  std::string zoom_account; // zoom: account id
  bool consent_revoked = false;        // microsoft: refresh fails with AADSTS65001 until the user consents again
  bool rotate_refresh_strict = false;  // microsoft: a refresh invalidates the old refresh token
  // google/microsoft: false = the user shares no free/busy with colleagues. Another user's token (Google: any token
  // acting as someone else, also a service account's; Microsoft: delegated) gets a per-calendar refusal for this
  // calendar inside a successful answer — Google freeBusy `errors: [{reason: "notFound"}]`, Graph getSchedule an item
  // `error` with responseCode "ErrorNoFreeBusyAccess" (docs/SANDBOX.md). The user's own token and Microsoft app-only
  // tokens still read it.
  bool free_busy_shared = true;
  // google: a Workspace administrator (the Admin SDK Directory API answers only administrators; seed `admin`).
  bool admin = false;
};

struct Room {
  std::string provider;  // google | microsoft
  std::string email;     // the room's calendar id / mailbox
  std::string name;
  int capacity = 0;
  std::string building;
  int floor = 0;
  std::string time_zone = "UTC";
  std::string room_list;  // microsoft: the room list's address (may be empty)
  std::string domain;
  std::vector<std::string> features;  // google featureInstances / Graph tags, e.g. "Whiteboard"
};

struct Tenant {
  std::string id;
  std::string domain;
  std::string name;
  bool admin_consent_required = false;
  bool rotate_refresh_strict = false;
  // The application permissions the tenant's administrator consented to: the `roles` of its app-only tokens (seed
  // `app_roles`; default graph_permissions.h DefaultAppRoles).
  std::set<std::string> app_roles;
};

struct ZoomAccount {
  std::string id;
  bool personal = false;           // personal (non-company) accounts always get a passcode
  json settings = json::object();  // {join_before_host, jbh_time, waiting_room, passcode_required}
  json locks = json::object();     // same keys, true = locked by the admin
};

struct TeamsChannel {
  std::string id;
  std::string name;
  std::string membership_type = "standard";  // standard | private
  std::vector<std::string> members;          // private channels: member emails
};

struct Team {
  std::string id;
  std::string name;
  std::string tenant;
  std::vector<TeamsChannel> channels;
};

// A service account and the Workspace domains whose administrators authorised it (domain-wide delegation).
// `scopes`: per domain, the scopes its administrator authorised the account for; a domain missing there authorised
// every scope (seed `scopes`). A grant asking for a scope its subject's domain did not authorise is refused the way
// Google refuses it (401 unauthorized_client).
struct ServiceAccount {
  std::string client_email;
  std::string public_key_pem;
  std::vector<std::string> domains;
  std::map<std::string, std::set<std::string>> scopes;
};

// [SECTION] OAuth

struct Client {
  std::string provider;
  std::string id;
  std::string secret;
  std::vector<std::string> redirect_uris;
};

// An authorize (or adminconsent) request waiting for the consent form.
struct PendingAuthorize {
  std::string provider;
  bool admin_consent = false;
  std::string client_id;
  std::string redirect_uri;
  std::string state;
  std::string scope;
  std::string code_challenge;
  std::string code_challenge_method;
  std::string access_type;  // google
  std::string prompt;
  std::string tenant;       // microsoft: the path's tenant
  std::int64_t created_at = 0;
};

struct AuthCode {
  std::string provider;
  std::string client_id;
  std::string redirect_uri;
  std::string user_email;
  std::string scope;
  std::string code_challenge;
  bool offline = false;
  bool force_refresh = false;  // google prompt=consent
  std::int64_t expires_at = 0;
  bool used = false;
};

struct AccessToken {
  std::string provider;
  std::string user_email;  // empty for app-only tokens
  std::string tenant;      // microsoft
  std::string client_id;
  std::set<std::string> scopes;  // delegated permissions (`scp`); app-only tokens hold ".default" here
  std::set<std::string> roles;   // app-only: the application permissions (`roles`) of the tenant's consent
  bool app_only = false;
  std::int64_t expires_at = 0;
};

struct RefreshToken {
  std::string provider;
  std::string client_id;
  std::string user_email;
  std::string scope;
  std::string tenant;
  bool revoked = false;  // -> 50173 / invalid_grant
  bool expired = false;  // -> 700082 / invalid_grant
  bool rotated = false;  // zoom (always) / microsoft strict: replaced by a newer one
};

// [SECTION] Objects created through the APIs

// A calendar event of Google or Microsoft, kept in the provider's own JSON shape (`resource`), plus the fields the
// sandbox needs to compute free/busy.
struct CalendarEvent {
  std::string provider;  // google | microsoft
  std::string calendar;  // owner's calendar id (email)
  std::string id;
  json resource = json::object();
  Instant start = 0;
  Instant end = 0;
  std::string show_as = "busy";  // free | tentative | busy | oof | workingElsewhere
  bool is_private = false;
  bool deleted = false;
  std::uint64_t change = 0;       // global change counter value of the last change (google sync tokens)
  std::string origin = "api";     // seed | api | external
  std::vector<std::string> attendee_emails;    // accepted/pending attendees (block their calendars too)
};

struct ZoomMeeting {
  std::int64_t id = 0;
  std::string host_email;
  json resource = json::object();
  bool deleted = false;
  bool seeded = false;  // from the seed (`zoom_meetings`): made "in Zoom" before the test, not listed in /sandbox/objects
};

struct GoToMeeting {
  std::int64_t id = 0;
  std::string organizer_email;
  json resource = json::object();
  bool deleted = false;
};

struct LoggedObject {  // teams messages and webhook posts
  std::string kind;    // teams_message | workflow_post | incoming_webhook_post
  std::string id;
  std::string owner;
  json fields = json::object();
  std::int64_t at = 0;
};

// [SECTION] Faults and logs

struct Fault {
  std::string provider;     // "" = any
  std::string method;       // "" = any
  std::string path_prefix;  // "" = any; matched against the full path or the path after /<provider>
  int status = 0;           // 0 = only delay
  std::string retry_after;
  std::optional<json> body;  // verbatim body (JSON) instead of the provider's default
  std::string rate_limit_type;  // zoom 429: QPS | Daily-limit
  int times = 1;
  int delay_ms = 0;
};

struct RequestLogEntry {
  std::string provider, method, path, query, user, grant_type;
  std::string token_org;             // request_orgs.h: the access token's organisation ("" = no token)
  std::set<std::string> data_orgs;   // the organisations of the seeded accounts and rooms the call named
  int status = 0;
  std::int64_t at = 0;
};

struct GoogleChannel {
  std::string id, resource_id, token, address, calendar;
  std::int64_t expiration_ms = 0;
  std::int64_t message_number = 0;
  bool stopped = false;
};

struct GraphSubscription {
  std::string id, resource, change_type, notification_url, client_state, tenant, user_email;
  std::string lifecycle_url;  // lifecycleNotificationUrl; "" when none was given
  std::string expiration;
  std::int64_t expires_at = 0;  // the same instant; past it the subscription is gone (Graph deletes it)
  int renewals = 0;             // PATCHes that extended it
};

// One Graph calendarView delta round in progress or done (key: the $skiptoken / $deltatoken value). A round reports
// the mailbox's events changed after `since` and up to `until` (values of the global change counter, which stamps
// every event's last change and so orders each calendar's changes too), `offset` of them already sent.
struct GraphDeltaRound {
  std::string mailbox;  // lower-case address
  Instant from = 0;     // the window of the round's first request
  Instant to = 0;
  std::uint64_t since = 0;
  std::uint64_t until = 0;
  std::size_t offset = 0;
  bool initial = false;  // the round's first request had no $deltatoken: deleted events are left out
};

struct ZoomWebhook {
  std::string url;
  std::string secret;
};

// A personal chat between a seeded Microsoft user and a bot (bot_connector_routes.cpp): made by the first activity the
// sandbox sends for that pair, the place the bot's replies go.
struct BotConversation {
  std::string id;       // "a:…"
  std::string app_id;   // the bot's Microsoft app id
  std::string user_email;
  std::string tenant;   // the user's Microsoft tenant
};

struct SandboxState {
  std::map<std::string, Client> clients;  // key: client id (also the Bot Framework bots: provider "botframework")
  std::vector<User> users;
  std::vector<Room> rooms;
  std::map<std::string, Tenant> tenants;
  std::map<std::string, ZoomAccount> zoom_accounts;
  std::vector<Team> teams;
  std::map<std::string, ServiceAccount> service_accounts;  // key: client_email

  std::map<std::string, PendingAuthorize> pending;  // key: request id
  std::map<std::string, AuthCode> codes;
  std::map<std::string, AccessToken> access_tokens;
  std::map<std::string, RefreshToken> refresh_tokens;
  std::set<std::string> google_consented;  // client_id + "\n" + user: already received a refresh token

  std::map<std::string, CalendarEvent> events;  // key: provider \n calendar \n id
  std::uint64_t change_counter = 0;
  std::set<std::string> sync_tokens;
  std::map<std::string, GraphDeltaRound> graph_delta_tokens;  // $skiptoken / $deltatoken -> the round it continues
  std::map<std::string, std::string> graph_transactions;  // user \n transactionId -> event key
  std::map<std::int64_t, ZoomMeeting> zoom_meetings;
  std::map<std::string, int> zoom_daily_counts;  // host \n day -> create/update calls
  std::map<std::int64_t, GoToMeeting> goto_meetings;
  std::vector<LoggedObject> logged_objects;
  std::map<std::string, std::deque<std::int64_t>> incoming_webhook_hits;  // webhook id -> ms timestamps

  std::vector<Fault> faults;
  int meet_pending = 0;  // next N Meet creations answer statusCode "pending"
  int meet_failure = 0;  // next N Meet creations answer statusCode "failure" (for good: no entry points, no link)
  int teams_meeting_failure = 0;  // next N Teams events are made without their onlineMeeting
  std::deque<RequestLogEntry> request_log;

  std::vector<GoogleChannel> channels;
  std::vector<GraphSubscription> subscriptions;
  std::optional<ZoomWebhook> zoom_webhook;
  std::map<std::string, BotConversation> bot_conversations;  // key: conversation id
};

// The Bot Connector's signing keys (bot_connector_routes.cpp): made once per process on first use (~0.2 s), kept
// across resets. `published` is in the JWKS; `rogue` is not (forged tokens).
struct BotSigningKeys {
  std::string kid;
  std::string published_private_pem;
  std::string published_public_pem;
  std::string rogue_private_pem;
};

// [SECTION] SandboxCore

class SandboxCore {
 public:
  explicit SandboxCore(SandboxOptions options);

  std::int64_t Now() const;  // sandbox clock, Unix seconds
  std::int64_t NowMs() const;

  // Everything below requires `mutex` held by the caller.
  void ResetLocked(bool seed_demo_org);
  void AddDefaultClientsLocked();
  const User* FindUser(std::string_view provider, std::string_view email_or_id) const;
  User* FindUserMutable(std::string_view provider, std::string_view email_or_id);
  const Room* FindRoom(std::string_view provider, std::string_view email) const;
  const Client* FindClient(std::string_view provider, std::string_view client_id) const;
  // Mints a token pair (refresh only when `with_refresh`). Returns {access, refresh}.
  std::pair<std::string, std::string> MintLocked(const std::string& provider, const std::string& client_id,
                                                 const std::string& user_email, const std::string& tenant,
                                                 const std::string& scope, bool with_refresh, bool app_only);
  std::string NewRefreshTokenLocked(const RefreshToken& token);
  void TouchEvent(CalendarEvent& event);  // bumps the change counter and queues notifications
  static std::string EventKey(std::string_view provider, std::string_view calendar, std::string_view id);

  std::mutex mutex;
  SandboxOptions options;
  SandboxState state;
  ZoneCache zones;
  std::int64_t clock_offset = 0;
  std::string public_base_url = "http://127.0.0.1";
  std::optional<BotSigningKeys> bot_keys;  // requires `mutex`; made by bot_connector_routes.cpp on first use
  Notifier notifier;
};

// Applies a seed document (POST /sandbox/seed) to `state`; requires the mutex. Error code "invalid_seed".
Result<bool> ApplySeedLocked(SandboxCore& core, const json& seed);
// Seeds the demo organisation relative to the current week (demo_org.cpp); requires the mutex.
void SeedDemoOrgLocked(SandboxCore& core);

}  // namespace slotwise::sandbox
