// scheduling_runtime.cpp — see scheduling_runtime.h.
#include "runtime/scheduling_runtime.h"

#include "observability/json_log.h"

#include <chrono>

#include "booking/adapter_gateway.h"
#include "providers/microsoft_graph_calendar.h"

namespace slotwise {

namespace {
std::int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}
}  // namespace

SchedulingRuntime::~SchedulingRuntime() {
  if (lifecycle_) lifecycle_->Stop();
  if (worker_) worker_->Stop();
  if (notifications_) notifications_->SetListeners({});
}

Result<std::unique_ptr<SchedulingRuntime>> SchedulingRuntime::Create(SqliteStore& database,
                                                                     ConnectionsRuntime& connections, ZoneSource& zones,
                                                                     SchedulingOptions options, Clock clock) {
  std::unique_ptr<SchedulingRuntime> runtime(new SchedulingRuntime());
  runtime->clock_ = clock ? std::move(clock) : Clock(SystemNow);
  runtime->database_ = &database;
  runtime->connections_ = &connections;
  runtime->outbound_ = options.outbound;
  options.delivery.outbound = options.outbound;
  const Clock& now = runtime->clock_;
  runtime->directory_ = std::make_unique<SqliteDirectoryStore>(database, connections.vault());
  runtime->room_refresher_ = std::make_unique<RoomRefresher>(*runtime->directory_, connections.org_access(),
                                                             connections.providers(), now, options.room_refresh);
  Result<std::unique_ptr<SqliteInterviewStore>> interviews = SqliteInterviewStore::Open(database.path());
  if (!interviews) return interviews.error();
  runtime->interviews_ = std::move(interviews).value();

  ProviderRegistry& providers = connections.providers();
  runtime->cache_ = std::make_unique<FreeBusyCache>(options.cache_entries);
  OrgBusySourceOptions source_options;
  source_options.google_api_base = providers.ApiBase(oauth::Provider::kGoogle);
  source_options.microsoft_api_base = providers.ApiBase(oauth::Provider::kMicrosoft);
  source_options.zones = &zones;
  // One per-mailbox Graph limiter for free/busy reads and the booking's event writes alike.
  auto graph_limiter = std::make_shared<providers::ConcurrencyLimiter>(providers::kGraphConcurrentRequestsPerMailbox);
  source_options.graph_limiter = graph_limiter;
  // Organisation access where the tenant has it; otherwise a person's own connection (busy_sources.h).
  runtime->org_busy_sources_ =
      std::make_unique<OrgBusySourceFactory>(connections.org_access(), connections.transport(), source_options);
  runtime->delegated_busy_sources_ = std::make_unique<DelegatedBusySourceFactory>(
      connections.connections(), connections.tokens(), connections.transport(), source_options);
  runtime->busy_sources_ = std::make_unique<TenantBusySourceFactory>(
      connections.org_access(), *runtime->org_busy_sources_, *runtime->delegated_busy_sources_);
  runtime->notifications_ = &connections.notifications();
  runtime->gatherer_ = std::make_unique<CalendarGatherer>(*runtime->directory_, *runtime->interviews_,
                                                          *runtime->busy_sources_, *runtime->cache_);
  // A Zoom host's own meetings (made outside Slotwise too) are busy time, read with the host's own connection.
  HostMeetingOptions host_meeting_options;
  host_meeting_options.zoom_api_base = providers.ApiBase(oauth::Provider::kZoom);
  runtime->host_meetings_ = std::make_unique<ProviderHostMeetingSource>(connections.tokens(), connections.transport(),
                                                                        host_meeting_options);
  runtime->gatherer_->SetHostMeetingSource(runtime->host_meetings_.get());
  AvailabilityOptions availability_options;
  availability_options.max_age_seconds = options.availability_max_age_seconds;
  runtime->availability_ = std::make_unique<AvailabilityService>(*runtime->gatherer_, zones, availability_options);

  runtime->gateway_ = std::make_unique<AdapterGateway>(*runtime->directory_, providers, connections.connections(),
                                                       connections.tokens(), &connections.org_access(),
                                                       connections.transport(), &zones, now, options.delivery,
                                                       graph_limiter);
  runtime->executor_ = std::make_unique<OutboxExecutor>(*runtime->directory_, *runtime->interviews_, *runtime->gateway_,
                                                        zones, now, &connections.vault());
  runtime->worker_ = std::make_unique<OutboxWorker>(*runtime->interviews_, *runtime->executor_, now, options.outbox);
  runtime->booked_sync_ =
      std::make_unique<BookedObjectSync>(*runtime->directory_, *runtime->interviews_, *runtime->gateway_, now);
  runtime->sync_cursors_ = std::make_unique<SqliteSyncCursorStore>(database);
  runtime->audit_log_ = std::make_unique<SqliteAuditLogStore>(database);
  runtime->delta_sync_ = std::make_unique<CalendarDeltaSync>(*runtime->directory_, *runtime->interviews_,
                                                             *runtime->sync_cursors_, *runtime->gateway_,
                                                             *runtime->booked_sync_, now);
  // A change notification for a calendar drops its cached free/busy (the next availability request reads it anew)
  // and re-reads what was booked there; the periodic tick asks each calendar with booked events what changed (the
  // safety net), then re-reads what is still due one by one (the last resort; the delta sync has just checked what
  // it listed, so a calendar's first contact is not read twice).
  FreeBusyCache* cache = runtime->cache_.get();
  BookedObjectSync* booked = runtime->booked_sync_.get();
  CalendarDeltaSync* delta = runtime->delta_sync_.get();
  ChangeNotifications::Listeners listeners;
  listeners.calendar_changed = [cache, booked](const std::string& tenant_id, const std::string& provider,
                                             const std::string& calendar_id) {
    cache->Invalidate(tenant_id, calendar_id);
    booked->CalendarChanged(tenant_id, provider, calendar_id);
  };
  listeners.meeting_changed = [booked](const std::string& provider, const std::string& meeting_id) {
    booked->MeetingChanged(provider, meeting_id);
  };
  listeners.periodic = [booked, delta] {
    delta->RunOnce();
    booked->CheckDue(kBookedObjectCheckInterval, kBookedObjectCheckBatch);
  };
  connections.notifications().SetListeners(std::move(listeners));
  AvailabilityService* availability = runtime->availability_.get();
  OutboxWorker* worker = runtime->worker_.get();
  runtime->booking_ = std::make_unique<BookingService>(
      *runtime->directory_, *runtime->interviews_, zones,
      [availability](const std::string& tenant_id, const nlohmann::json& query, const nlohmann::json& booking,
                     std::int64_t at, const std::string& except) {
        return availability->BuildValidationDocument(tenant_id, query, booking, at, except, true);
      },
      now, [worker] { worker->Wake(); });
  // A newly flagged interview is resolved at once where the tenant's policy says so (external_change_policy.h).
  BookingService* booking = runtime->booking_.get();
  runtime->booked_sync_->SetFlaggedListener([booking](const BookedObject& flagged) {
    std::optional<BookingOutcome> applied = booking->ApplyExternalChangePolicy(flagged.tenant_id, flagged.interview_id);
    if (applied && applied->interview() == nullptr) {
      observability::WriteLog(
          observability::LogLevel::kWarning, "external_change_policy",
          {{"tenant", flagged.tenant_id},
           {"interview_id", flagged.interview_id},
           {"outcome", "not_applied"},
           {"error", applied->error() ? applied->error()->message : std::string("other interviews hold that time")},
           {"message", "the flag stays for a person to resolve"}});
    }
  });

  runtime->proposal_store_ = std::make_unique<SqliteProposalStore>(database);
  runtime->proposals_ =
      std::make_unique<ProposalService>(*runtime->proposal_store_, *runtime->booking_, *runtime->directory_, zones, now,
                                        [worker] { worker->Wake(); }, &connections.vault());
  runtime->display_store_ = std::make_unique<displays::SqliteDisplayStore>(database);
  runtime->displays_ = std::make_unique<displays::DisplayService>(*runtime->display_store_, *runtime->directory_,
                                                                  *runtime->gatherer_, zones, now);
  runtime->messages_ = std::make_unique<MessagesService>(*runtime->interviews_, *runtime->directory_, zones, now, [worker] { worker->Wake(); });

  hr::HrRuntimeOptions hr_options;
  hr_options.graph_api_base = providers.ApiBase(oauth::Provider::kMicrosoft).value_or("");
  // Only a Microsoft connection of the mapping's own tenant lends its token to that tenant's Teams posts.
  hr_options.graph_tokens = [&connections](const std::string& tenant_id, const std::string& connection_id)
      -> std::unique_ptr<providers::AccessTokenSource> {
    Result<std::optional<Connection>> found = connections.connections().Find(connection_id);
    if (!found || !found->has_value() || (*found)->tenant_id != tenant_id ||
        (*found)->provider != oauth::Provider::kMicrosoft) {
      return nullptr;
    }
    return connections.tokens().SourceFor(connection_id);
  };
  hr_options.outbound = options.outbound;
  hr_options.bot = options.teams_bot;
  Result<std::unique_ptr<hr::HrRuntime>> hr = hr::HrRuntime::Create(
      database, connections.vault(), connections.transport(), zones, runtime->interviews_.get(), hr_options, now);
  if (!hr) return hr.error();
  runtime->hr_ = std::move(hr).value();
  runtime->gatherer_->SetOutOfOfficeSource(runtime->hr_.get(), &zones);

  Result<std::unique_ptr<lifecycle::EventLog>> lifecycle_log = lifecycle::EventLog::Open(database.path());
  if (!lifecycle_log) return lifecycle_log.error();
  runtime->lifecycle_log_ = std::move(lifecycle_log).value();
  SqliteProposalStore* proposal_store = runtime->proposal_store_.get();
  runtime->lifecycle_ = std::make_unique<lifecycle::LifecycleDispatcher>(
      *runtime->lifecycle_log_, *runtime->directory_, connections.transport(), options.outbound, now, options.lifecycle,
      lifecycle::LifecycleDispatcher::Random{},
      [proposal_store, worker, database_ptr = &database, last_purge = std::int64_t{0}](std::int64_t at) mutable {
        if (Result<int> reported = proposal_store->ReportExpired(at); !reported) {
          observability::LogProblem(observability::LogLevel::kError,
                                    "proposal expiries could not be recorded: " + reported.error().message);
        }
        // Held times of proposals that were picked, withdrawn or have expired are given back.
        if (Result<int> released = proposal_store->QueueHoldReleases(at); !released) {
          observability::LogProblem(observability::LogLevel::kError,
                                    "proposal holds could not be released: " + released.error().message);
        } else if (*released > 0) {
          worker->Wake();
        }
        if (at - last_purge < kRetentionPurgeInterval) return;
        last_purge = at;
        if (Result<int> purged = PurgeExpiredPersonalData(*database_ptr, at); !purged) {
          observability::LogProblem(observability::LogLevel::kError,
                                    "the retention purge failed: " + purged.error().message);
        } else if (*purged > 0) {
          observability::WriteLog(observability::LogLevel::kInfo, "retention_purge", {{"interviews", *purged}});
        }
      });
  return runtime;
}

Result<TenantDataDeletion> SchedulingRuntime::DeleteTenant(const std::string& tenant_id) {
  Result<TenantDataDeletion> deleted = directory_->DeleteTenant(tenant_id);
  if (!deleted) return deleted;
  org_access().ForgetTenant(tenant_id);
  cache_->InvalidateTenant(tenant_id);
  std::int64_t rows = 0;
  for (const auto& [table, count] : deleted->rows_by_table) rows += count;
  observability::WriteLog(observability::LogLevel::kInfo, "tenant_deleted", {{"tenant", tenant_id}, {"rows", rows}});
  return deleted;
}

void SchedulingRuntime::Start() {
  worker_->Start();
  hr_->Start();
  lifecycle_->Start();
  room_refresher_->Start();
}

}  // namespace slotwise
