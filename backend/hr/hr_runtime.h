// hr_runtime.h — everything the HR features need, built once and owned in one place: the HR store (its own SQLite
// connection), the Teams poster, the daily scheduler (its background thread) and the absence-request handler.
//
// Wiring (the server does exactly this; see docs/HR.md "Wiring"):
//   HrRuntimeOptions hr_options;
//   hr_options.graph_api_base = connections.providers().ApiBase(oauth::Provider::kMicrosoft).value_or("");
//   hr_options.graph_tokens = [&connections](const std::string& tenant, const std::string& id) { … a source of the
//                                 tenant's own Microsoft connection `id`, else nullptr … };
//   auto hr = HrRuntime::Create(database, connections.vault(), connections.transport(), zones,
//                               &scheduling.interviews(), hr_options, clock);      // after SchedulingRuntime
//   RegisterHrRoutes(server, **hr, auth);                            // api/hr_routes.h
//   (*hr)->Start();                                                                // the daily scheduler thread
//   … shutdown: destroy the HrRuntime (joins the scheduler) BEFORE the SchedulingRuntime, ConnectionsRuntime,
//   the zone source and the database it borrows.
// The availability hook: OutOfOffice below (absence_busy.h explains the events).
//
// Contract: every borrowed object must outlive the runtime; `zones` is wrapped so the scheduler thread and the HTTP
// threads may share it. Thread-safe after Create.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "availability/calendar_gatherer.h"
#include "crypto/token_vault.h"
#include "connections/org_connections.h"
#include "hr/absence_requests.h"
#include "hr/bot_connector.h"
#include "hr/channel_poster.h"
#include "hr/daily_scheduler.h"
#include "hr/hr_store.h"
#include "hr/teams_bot.h"
#include "net/http_transport.h"
#include "slotwise/busy.h"
#include "slotwise/time_zone.h"
#include "slotwise/working_hours.h"
#include "store/interview_store.h"
#include "store/sqlite_store.h"

namespace slotwise::hr {

struct HrRuntimeOptions {
  std::string graph_api_base;     // Microsoft Graph v1.0 base (the sandbox's in tests); "" = Graph targets refused
  GraphTokenFactory graph_tokens; // delegated token of a Slotwise Microsoft connection (ChannelMessage.Send)
  SchedulerOptions scheduler;
  providers::RetryHooks hooks;    // for the Graph reads ({} = real sleeps)
  auth::OutboundPolicy outbound;  // what a Workflows webhook URL may be (checked when written and at each post)
  BotFrameworkSettings bot;       // the Teams app's bot (teams_bot.h); app_id "" = no bot (its route answers 404)
};

class HrRuntime final : public OutOfOfficeSource {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds

  // Opens the HR store on `database`'s file (migration 6 must be applied, which SqliteStore::Open does).
  // `interviews` may be null (absence confirmations then list no interviews). `clock` {} = system clock.
  static Result<std::unique_ptr<HrRuntime>> Create(SqliteStore& database, const crypto::TokenVault& vault,
                                                   net::HttpTransport& transport, ZoneSource& zones,
                                                   InterviewStore* interviews, HrRuntimeOptions options,
                                                   Clock clock = {});
  ~HrRuntime();  // stops the scheduler thread first

  void Start();  // the daily scheduler's background thread (ticks every options.scheduler.poll_interval)
  void Stop();   // idempotent

  HrStore& store() { return *store_; }
  DailyScheduler& scheduler() { return *scheduler_; }
  AbsenceRequests& absence_requests() { return *requests_; }
  TeamsBot* teams_bot() { return bot_.get(); }  // null when no bot is configured
  ChannelPoster& poster() { return *poster_; }
  const auth::OutboundPolicy& outbound() const { return outbound_; }  // for the routes' write-time check

  // The daily-update mapping's picker: the teams the user of the tenant's Microsoft connection `connection_id` is a
  // member of, each with its channels ({"teams": [{"id", "name", "channels": [{"id", "name", "membership_type"}]}]}),
  // read through Graph with that connection's delegated token. "invalid_request" (field connection_id) when it is no
  // Microsoft connection of this tenant; the provider's errors otherwise (a connection without the Teams
  // permissions: provider_forbidden).
  Result<nlohmann::json> TeamsAndChannels(const std::string& tenant_id, const std::string& connection_id);
  // Whether `connection_id` is a Microsoft connection of the tenant (what a Graph mapping may post through).
  bool HasGraphConnection(const std::string& tenant_id, const std::string& connection_id) const;
  ZoneSource& zones() { return *zones_; }  // thread-safe
  std::int64_t Now() const { return clock_(); }

  // Approved absences of the tenant's HR employee with `email` (case-insensitive) as out-of-office events over
  // `window`, split into halves with `hours` in `zone` — the person's zone and working hours as the engine uses
  // them. Empty when no employee has that e-mail. Errors: "storage_error".
  // Availability asks this for every person of every query: the tenant's approved absences are kept in memory,
  // by e-mail, until HrStore::people_generation() moves — a steady-state call reads no SQLite.
  Result<std::vector<BusyEvent>> OutOfOffice(const std::string& tenant_id, const std::string& email,
                                             const TimeZone& zone, const WorkingHours& hours, Interval window) override;
  // Whether the employee with `email` has any approved absence (the availability gatherer asks first).
  Result<bool> HasOutOfOffice(const std::string& tenant_id, const std::string& email) override;

 private:
  HrRuntime() = default;
  struct TenantAbsences {
    std::uint64_t generation = 0;
    std::unordered_map<std::string, std::vector<Absence>> approved_by_email;  // lower-cased e-mail
  };
  Result<std::shared_ptr<const TenantAbsences>> AbsencesOf(const std::string& tenant_id);

  std::mutex absences_mutex_;
  std::unordered_map<std::string, std::shared_ptr<const TenantAbsences>> absences_;  // by tenant

  Clock clock_;
  auth::OutboundPolicy outbound_;
  net::HttpTransport* transport_ = nullptr;  // borrowed
  std::string graph_api_base_;
  GraphTokenFactory graph_tokens_;
  providers::RetryHooks hooks_;
  std::unique_ptr<ZoneSource> zones_;
  std::unique_ptr<HrStore> store_;
  std::unique_ptr<ChannelPoster> poster_;
  std::unique_ptr<AbsenceRequests> requests_;
  std::unique_ptr<OrgConnectionStore> org_connections_;  // the bot's tenant lookup (read only)
  std::unique_ptr<BotConnector> bot_connector_;
  std::unique_ptr<TeamsBot> bot_;
  std::unique_ptr<DailyScheduler> scheduler_;  // last: destroyed (thread joined) first
};

}  // namespace slotwise::hr
