// calendar_gatherer.h — builds the engine's "calendars" object (docs/ENGINE.md "Calendars supplied inline") for a bare
// availability query: the tenant's directory (people, rooms, video host accounts), provider free/busy through the
// FreeBusyCache and the BusySourceFactory, and Slotwise's own interview holds.
//
// Contract:
// - Subs are read from query.participants[].members[].sub, query.rooms.members[].sub, query.conferencing.host /
//   query.conferencing.hosts.members[].sub, query.sequence[].participants[].members[].sub,
//   query.sequence[].rooms.members[].sub and query.loop_room.members[].sub (in that order). Participants are people,
//   rooms are rooms, hosts are host accounts ("<provider>:<owner e-mail>"); lookups are ASCII case-insensitive and the
//   calendars are keyed by the sub exactly as the query spells it. With "explain": true the owners of the named host
//   accounts who are people of the tenant are added too (the engine's add_host_owner relaxation needs them).
//   Malformed parts of the query are skipped, not reported: the engine validates the document and says what is wrong.
// - Per calendar: people {time_zone (the person's, else the tenant's), working_hours (absent = around the clock),
//   max_interviews_per_day/_per_week (when set), busy}; rooms {capacity (when known), busy}; host accounts
//   {conferencing_account: settings_json + "provider" + "owner" (the owner spelled as the query spells them, when
//   named), busy}. busy = provider events over the fetch window (people and rooms: their calendars; host accounts on
//   a provider the HostMeetingSource reads — Zoom — and with a connection: the host's own meetings there, without
//   Slotwise's own, host_meetings.h; other host accounts get none) + every hold from the HoldsReader as
//   {"start", "end", "status": "busy", "interview": true}.
// - Fetch window (FetchWindow): the hull of query_periods, widened by the larger buffer and by 7 days on each side
//   when a named person has a weekly load limit (1 day otherwise, for daily limits in any zone), then aligned to
//   whole UTC days so that cache entries are shared between queries. Unusable periods (missing, malformed, more than
//   400 days) mean no window: nothing is fetched and the engine reports the query's error.
// - Freshness: cached free/busy is used when it covers the window and is at most `max_age_seconds` old at `now`;
//   max_age_seconds 0 always fetches (and refreshes the cache). Misses are fetched in one call per
//   (provider, acting people): BusySourceFactory::SourceFor gets the tenant's ActingCandidates for that provider
//   (busy_sources.h), or the calendar itself when the tenant has no person on it.
// - A calendar the provider refuses on its own — it answered the call, with an error for that calendar
//   ("provider_calendar_error": Graph getSchedule's item `error`, Google freeBusy's `errors`, e.g. free/busy not
//   shared, not found) — is unknown, never free and never dropped: its calendar gets no provider events and
//   `"free_busy": {"status": "unknown", "reason": "<provider> did not give its free/busy: <provider's message>"}`
//   (docs/ENGINE.md), so the engine blocks it unless the query says "unknown_free_busy": "free", and names it with
//   the reason in the answer. Holds and absences are still added. Unknown is not cached: the next query asks again.
// - A host account whose meetings cannot be read (any error of HostMeetingSource: a revoked connection, a rate limit,
//   a provider failure) is unknown in the same way, with `"reason": "Zoom did not give the host's meetings: <code>:
//   <message>"` — one host never fails the whole query — unless GatherRequest::unreadable_host_fails (the booking's
//   re-check), where it is an error: "calendar_unavailable" (retryable) naming the host account, or the
//   connection-level code (see Errors) with a message that says the owner must reconnect. Host meetings are cached
//   like free/busy (key: the host account id) and follow the same freshness rule.
// - Errors (values, nothing throws): "unknown_tenant"; "unknown_participant" naming the sub and its field (as the
//   engine spells paths, e.g. "query.participants[0].members[1].sub"); "calendar_unavailable" naming the calendar
//   and the provider's message when a provider could not answer the call that covered it (transport, 5xx, a
//   malformed answer; never treated as free); connection-level
//   failures ("reauth_needed", "consent_required", "provider_not_configured", "subject_refused", "invalid_client",
//   "unauthorized") keep their code with a message that says what to fix; "storage_error" from the directory or
//   the holds. `field` names the first mention of the failing calendar.
// - Directory snapshots: one per tenant, cached and rebuilt when DirectoryStore::generation() changes, so a request
//   reads no SQLite in the steady state.
// - Cost: Collect hands out values (cached events are shared, not copied) and GatheredCalendars::AppendJson renders
//   them as text without building a JSON tree — the request path. Gather (a nlohmann::json tree) is for callers that
//   want to edit the document; both give the same JSON.
// - Thread-safe; the borrowed collaborators must be thread-safe and outlive the gatherer.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "availability/busy_sources.h"
#include "availability/free_busy_cache.h"
#include "availability/host_meetings.h"
#include "slotwise/availability.h"
#include "store/directory_store.h"
#include "store/interview_holds.h"

namespace slotwise {

// Out-of-office time of people beyond their calendars — HR absences (hr/hr_runtime.h) — as the engine's busy events,
// computed in the person's own zone and working hours. Thread-safe implementations.
class OutOfOfficeSource {
 public:
  virtual ~OutOfOfficeSource() = default;
  // False when `email` has nothing to add (cheap: asked for every person of every query).
  virtual Result<bool> HasOutOfOffice(const std::string& tenant_id, const std::string& email) = 0;
  virtual Result<std::vector<BusyEvent>> OutOfOffice(const std::string& tenant_id, const std::string& email,
                                                     const TimeZone& zone, const WorkingHours& hours,
                                                     Interval window) = 0;
};

// A tenant's directory, prepared for gathering (each calendar's JSON without busy is built once).
struct TenantSnapshot {
  struct Calendar {
    std::string id;         // lower-cased e-mail / host account id
    std::string provider;   // people and rooms: "google" | "microsoft" | "" (none); host accounts: the meeting provider
    nlohmann::json base;    // the engine calendar without "busy" (host accounts: owner lower-cased)
    std::string base_text;  // DumpJson(base)
    bool weekly_limit = false;
    std::string owner;          // host accounts: the owner's lower-cased e-mail
    std::string connection_id;  // host accounts: the owner's meeting-provider connection ("" = none)
  };
  std::uint64_t generation = 0;
  Tenant tenant;
  nlohmann::json policies = nlohmann::json::object();   // parsed policies_json
  std::unordered_map<std::string, Calendar> people;     // by lower-cased e-mail
  std::unordered_map<std::string, Calendar> rooms;      // by lower-cased e-mail; offered rooms only
  std::unordered_map<std::string, std::int64_t> retired_rooms;  // lower-cased e-mail -> retired_at (not offered)
  std::unordered_map<std::string, Calendar> hosts;      // by lower-cased id
  // calendar provider -> ActingCandidates (busy_sources.h; empty = the calendar itself)
  std::unordered_map<std::string, std::vector<std::string>> acting;
};

// The gathered calendars as values. Keeps the snapshot and the cache entries it points into alive.
class GatheredCalendars {
 public:
  struct Item {
    std::string sub;                                       // as the query spells it
    const TenantSnapshot::Calendar* calendar = nullptr;    // owned by the snapshot
    std::string owner;                                     // host accounts: the owner as spelled ("" = as stored)
    std::shared_ptr<const std::vector<BusyEvent>> events;  // provider events sorted by start; null = none
    std::vector<Interval> holds;                           // Slotwise's own interviews
    std::vector<BusyEvent> out_of_office;                  // people: HR absences (status oof), inside the window
    std::optional<std::string> unknown_reason;  // the provider refused this calendar (events null): free_busy unknown
  };

  // Appends the "calendars" object as compact JSON text, byte-identical to DumpJson(ToJson()).
  void AppendJson(std::string& out) const;
  nlohmann::json ToJson() const;
  // The calendars as the engine's values — what ParseCalendarValue makes of each member of AppendJson's text, busy
  // sorted as the parser sorts it — for AssembleProblem. An error (a calendar the parser would refuse, an empty
  // event) means: use the text, whose parse words the error.
  Result<std::vector<slotwise::Calendar>> ToEngineCalendars(ZoneSource& zones) const;
  const std::vector<Item>& items() const { return items_; }  // sorted by sub (the order of JSON object keys)
  std::optional<Interval> window() const { return window_; }

 private:
  friend class CalendarGatherer;
  std::shared_ptr<const TenantSnapshot> snapshot_;
  std::vector<Item> items_;
  std::optional<Interval> window_;  // events outside it are left out
};

struct GatherRequest {
  Instant now = 0;
  std::int64_t max_age_seconds = 120;  // 0 = always fetch and refresh the cache
  std::string except_interview_id;     // its holds are left out, and its own time is cut out of the provider busy of
                                       // the calendars it holds (its own events): a reschedule must not collide with itself;
                                       // a proposal's id ("prp_…"): its tentative holds' events are left out (one per hold)
  bool unreadable_host_fails = false;  // a host whose meetings cannot be read is an error, not unknown (booking)
};

class CalendarGatherer {
 public:
  CalendarGatherer(DirectoryStore& directory, HoldsReader& holds, BusySourceFactory& sources, FreeBusyCache& cache)
      : directory_(directory), holds_(holds), sources_(sources), cache_(cache) {}

  // Adds out-of-office time of people from `source` (borrowed; null = none). Set before serving; `zones` resolves
  // people's zones for it.
  void SetOutOfOfficeSource(OutOfOfficeSource* source, ZoneSource* zones) {
    out_of_office_ = source;
    zones_ = zones;
  }

  // The calendars for `query` as values (see the contract) — the fast path.
  Result<GatheredCalendars> Collect(const std::string& tenant_id, const nlohmann::json& query,
                                    const GatherRequest& request);
  // The engine's "calendars" object for `query`: Collect(…).ToJson().
  Result<nlohmann::json> Gather(const std::string& tenant_id, const nlohmann::json& query,
                                const GatherRequest& request);

  // The tenant's current snapshot ("unknown_tenant", "storage_error").
  Result<std::shared_ptr<const TenantSnapshot>> Snapshot(const std::string& tenant_id);

  // Reads the meetings of host accounts from `source` (borrowed; null = host accounts get no provider busy). Set
  // before serving.
  void SetHostMeetingSource(HostMeetingSource* source) { host_meetings_ = source; }

  FreeBusyCache& cache() { return cache_; }

 private:
  Result<std::shared_ptr<const TenantSnapshot>> Load(const std::string& tenant_id, std::uint64_t generation);

  DirectoryStore& directory_;
  HoldsReader& holds_;
  BusySourceFactory& sources_;
  FreeBusyCache& cache_;
  OutOfOfficeSource* out_of_office_ = nullptr;
  ZoneSource* zones_ = nullptr;
  HostMeetingSource* host_meetings_ = nullptr;
  std::shared_mutex snapshots_mutex_;
  std::unordered_map<std::string, std::shared_ptr<const TenantSnapshot>> snapshots_;
};

// The fetch window of `query` (see the contract); nullopt when its query_periods are unusable.
std::optional<Interval> FetchWindow(const nlohmann::json& query, bool weekly_limits);


}  // namespace slotwise
