// scheduling_runtime.h — everything the server needs for tenants, availability and booking, built once at start-up and
// owned in one place: the directory and interview stores, organisation access, the free/busy cache and gatherer, the
// availability and booking services, the provider gateway and the outbox worker, proposals,
// messages, and the HR runtime (Teams daily posts, absences — which the gatherer adds to people as out of office).
//
// Contract: build after ConnectionsRuntime (it borrows its registry, connections, tokens, vault and transport) and
// after the providers are configured; Start() starts the outbox worker (resuming jobs a crash interrupted) and the
// lifecycle webhook dispatcher (which also records proposal expiries before each pass, and runs the retention purge
// every kRetentionPurgeInterval); destruction stops them before
// anything they use goes away. Thread-safe afterwards.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "availability/availability_service.h"
#include "availability/busy_sources.h"
#include "availability/calendar_gatherer.h"
#include "availability/free_busy_cache.h"
#include "availability/host_meetings.h"
#include "booking/adapter_gateway.h"
#include "booking/booked_object_sync.h"
#include "booking/calendar_delta_sync.h"
#include "booking/booking_service.h"
#include "booking/outbox_executor.h"
#include "booking/outbox_worker.h"
#include "booking/provider_gateway.h"
#include "connections/org_access_registry.h"
#include "directory/room_refresh.h"
#include "displays/display_service.h"
#include "displays/display_store.h"
#include "hr/hr_runtime.h"
#include "lifecycle/event_log.h"
#include "lifecycle/lifecycle_dispatcher.h"
#include "messages/messages_service.h"
#include "proposals/proposal_service.h"
#include "proposals/proposal_store.h"
#include "runtime/connections_runtime.h"
#include "store/personal_data_retention.h"
#include "store/sqlite_audit_log_store.h"
#include "store/sqlite_directory_store.h"
#include "store/sqlite_interview_store.h"
#include "store/sqlite_sync_cursor_store.h"

namespace slotwise {

struct SchedulingOptions {
  OutboxPolicy outbox;
  std::int64_t availability_max_age_seconds = 120;
  std::size_t cache_entries = 10'000;
  DeliveryOptions delivery;                           // how candidate messages leave (adapter_gateway.h)
  // What tenant-supplied URLs (ATS and Workflows webhooks) may be: the server passes outbound.allowed_hosts and, under
  // --demo, the demo tenant as an http tenant. Used for delivery.outbound and the HR posts too (Create copies it).
  auth::OutboundPolicy outbound;
  lifecycle::DispatchOptions lifecycle;               // lifecycle webhooks to the ATS (lifecycle_dispatcher.h)
  RoomRefreshOptions room_refresh;                    // the organisation directories' rooms (directory/room_refresh.h)
  hr::BotFrameworkSettings teams_bot;                 // the Teams app's bot (hr/teams_bot.h); app_id "" = none
};

// The safety net: every periodic tick, one incremental-sync call per calendar holding booked events
// (booking/calendar_delta_sync.h) re-checks what changed; as the last resort (meetings, which have no incremental
// sync, and anything a sync missed) every booked object still to come is re-read at least this often, this many per
// tick.
inline constexpr std::int64_t kBookedObjectCheckInterval = 24 * 3600;
// How often (runtime clock) the lifecycle dispatcher's pass also runs the tenants' retention purge
// (store/personal_data_retention.h); the first pass after start-up always does.
inline constexpr std::int64_t kRetentionPurgeInterval = 3600;
inline constexpr int kBookedObjectCheckBatch = 200;

class SchedulingRuntime {
 public:
  using Clock = std::function<std::int64_t()>;

  // Opens the interview store's own connections to `database_path` (the file `database` has open).
  static Result<std::unique_ptr<SchedulingRuntime>> Create(SqliteStore& database, ConnectionsRuntime& connections,
                                                           ZoneSource& zones, SchedulingOptions options,
                                                           Clock clock = {});
  ~SchedulingRuntime();  // stops the outbox worker and the cache-invalidation callback

  void Start();  // the outbox worker, the HR daily-post scheduler and the lifecycle webhook dispatcher

  // Deletes the tenant and everything held for it (DirectoryStore::DeleteTenant, all or nothing), then drops what this
  // process keeps of it in memory: its organisation access and its cached free/busy. Logs kind "tenant_deleted".
  Result<TenantDataDeletion> DeleteTenant(const std::string& tenant_id);

  DirectoryStore& directory() { return *directory_; }
  InterviewStore& interviews() { return *interviews_; }
  AuditLogStore& audit_log() { return *audit_log_; }  // every tenant's audit log (api/audit_recorder.h writes it)
  AvailabilityService& availability() { return *availability_; }
  BookingService& booking() { return *booking_; }
  OutboxWorker& outbox() { return *worker_; }
  BookedObjectSync& booked_sync() { return *booked_sync_; }
  CalendarDeltaSync& delta_sync() { return *delta_sync_; }
  FreeBusyCache& cache() { return *cache_; }
  OrgAccessRegistry& org_access() { return connections_->org_access(); }  // each tenant's organisation access
  ConnectionsRuntime& connections() { return *connections_; }
  ProposalService& proposals() { return *proposals_; }
  RoomRefresher& room_refresher() { return *room_refresher_; }  // rooms read from the organisation directories
  displays::DisplayService& displays() { return *displays_; }  // room displays (docs/ROOM_DISPLAYS.md)
  MessagesService& messages() { return *messages_; }
  hr::HrRuntime& hr() { return *hr_; }
  lifecycle::LifecycleDispatcher& lifecycle() { return *lifecycle_; }  // its log() is the tenants' delivery log
  const auth::OutboundPolicy& outbound() const { return outbound_; }  // the routes' write-time check
  const Clock& clock() const { return clock_; }  // the runtime's "now" (Unix seconds), shared by every part
  // The database file's shared handle (the erasure and the exports run on it: store/candidate_erasure.h).
  SqliteStore& database() { return *database_; }

 private:
  SchedulingRuntime() = default;

  Clock clock_;
  auth::OutboundPolicy outbound_;
  ConnectionsRuntime* connections_ = nullptr;     // borrowed
  SqliteStore* database_ = nullptr;               // borrowed
  ChangeNotifications* notifications_ = nullptr;  // borrowed; its listeners point into cache_ and booked_sync_
  std::unique_ptr<SqliteDirectoryStore> directory_;
  std::unique_ptr<SqliteInterviewStore> interviews_;
  std::unique_ptr<FreeBusyCache> cache_;
  std::unique_ptr<OrgBusySourceFactory> org_busy_sources_;
  std::unique_ptr<DelegatedBusySourceFactory> delegated_busy_sources_;
  std::unique_ptr<TenantBusySourceFactory> busy_sources_;  // chooses between the two above
  std::unique_ptr<ProviderHostMeetingSource> host_meetings_;  // Zoom hosts' own meetings as busy time
  std::unique_ptr<CalendarGatherer> gatherer_;
  std::unique_ptr<AvailabilityService> availability_;
  std::unique_ptr<ProviderGateway> gateway_;
  std::unique_ptr<OutboxExecutor> executor_;
  std::unique_ptr<BookedObjectSync> booked_sync_;  // called by notifications_'s worker (its listeners)
  std::unique_ptr<SqliteSyncCursorStore> sync_cursors_;
  std::unique_ptr<SqliteAuditLogStore> audit_log_;
  std::unique_ptr<CalendarDeltaSync> delta_sync_;  // called by notifications_'s worker (its periodic listener)
  std::unique_ptr<BookingService> booking_;
  std::unique_ptr<SqliteProposalStore> proposal_store_;
  std::unique_ptr<ProposalService> proposals_;
  std::unique_ptr<displays::SqliteDisplayStore> display_store_;
  std::unique_ptr<displays::DisplayService> displays_;
  std::unique_ptr<MessagesService> messages_;
  std::unique_ptr<hr::HrRuntime> hr_;     // its scheduler thread is joined before the stores it reads go away
  std::unique_ptr<lifecycle::EventLog> lifecycle_log_;
  std::unique_ptr<lifecycle::LifecycleDispatcher> lifecycle_;  // joined before the log and the stores go away
  std::unique_ptr<RoomRefresher> room_refresher_;  // its thread is joined before the stores it writes go away
  std::unique_ptr<OutboxWorker> worker_;  // last: destroyed (threads joined) first
};

}  // namespace slotwise
