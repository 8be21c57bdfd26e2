// daily_scheduler.cpp — see daily_scheduler.h.
#include "hr/daily_scheduler.h"

#include <algorithm>
#include <map>
#include <memory>

#include "hr/absence_days.h"
#include "hr/daily_card.h"
#include "hr/work_schedule.h"
#include "slotwise/error_codes.h"

namespace slotwise::hr {

namespace {

std::int64_t Backoff(std::int64_t attempts) {
  std::int64_t delay = 60;
  for (std::int64_t i = 1; i < attempts && delay < 1800; ++i) delay *= 2;
  return std::min<std::int64_t>(delay, 1800);
}

bool IsTransient(const Error& error) {
  return error.code == codes::kRateLimited || error.code == codes::kProviderUnavailable || error.code == codes::kStorageError;
}

std::string ThrottleKey(const ChannelMapping& m) {
  return m.target_kind == TargetKind::kWorkflowWebhook ? "webhook:" + m.webhook_url
                                                       : "graph:" + m.team_id + "/" + m.channel_id;
}

}  // namespace

// The HR data of one tenant, read at most once per tick.
struct DailyScheduler::TenantData {
  bool loaded = false;
  std::vector<Employee> employees;
};

DailyScheduler::DailyScheduler(HrStore& store, ChannelPoster& poster, ZoneSource& zones, Clock clock,
                               SchedulerOptions options)
    : store_(store), poster_(poster), zones_(zones), clock_(std::move(clock)), options_(std::move(options)) {}

DailyScheduler::~DailyScheduler() { Stop(); }

void DailyScheduler::Start() {
  std::lock_guard lock(thread_mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock wait_lock(thread_mutex_);
    while (!stopping_) {
      wait_lock.unlock();
      (void)Tick(clock_());
      wait_lock.lock();
      wake_.wait_for(wait_lock, options_.poll_interval, [this] { return stopping_; });
    }
  });
}

void DailyScheduler::Stop() {
  {
    std::lock_guard lock(thread_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void DailyScheduler::Finish(PostRecord record, PostState state, std::int64_t now, const std::string& error,
                            TickReport& report) {
  record.state = state;
  record.updated_at = now;
  if (!error.empty()) record.last_error = error;
  switch (state) {
    case PostState::kPosted: ++report.posted; record.posted_at = now; record.last_error.clear(); break;
    case PostState::kEmpty: ++report.empty; break;
    case PostState::kRetry: ++report.retry; record.next_attempt_at = now + Backoff(record.attempts); break;
    case PostState::kFailed: ++report.failed; break;
    case PostState::kUncertain: ++report.uncertain; break;
    case PostState::kIntent: break;
  }
  if (!error.empty()) report.errors.push_back(record.mapping_id + " " + record.local_day + ": " + error);
  if (Result<bool> updated = store_.UpdatePost(record); !updated) {
    report.errors.push_back(record.mapping_id + " " + record.local_day + ": " + updated.error().message);
  }
}

void DailyScheduler::SettlePastDays(std::int64_t now, TickReport& report) {
  Result<std::vector<PostRecord>> unfinished = store_.ListUnfinishedPosts();
  if (!unfinished || unfinished->empty()) return;
  Result<std::vector<ChannelMapping>> mappings = store_.ListAllMappings();
  if (!mappings) return;
  std::map<std::string, const ChannelMapping*> by_id;
  for (const ChannelMapping& m : *mappings) by_id[m.id] = &m;
  for (const PostRecord& record : *unfinished) {
    auto found = by_id.find(record.mapping_id);
    if (found == by_id.end()) continue;
    const ChannelMapping& mapping = *found->second;
    const TimeZone* zone = zones_.Find(mapping.time_zone);
    if (!zone || FormatIsoDay(LocalDayNumber(now, *zone)) <= record.local_day) continue;  // today's: planner's job
    if (record.state == PostState::kRetry) {
      Finish(record, PostState::kFailed, now, "the local day ended before Teams accepted the post", report);
    } else if (mapping.target_kind == TargetKind::kWorkflowWebhook) {
      Finish(record, PostState::kUncertain, now,
             "the server stopped while posting; a Workflows webhook cannot be read back, so the post may be missing",
             report);
    } else {
      Result<std::optional<std::string>> found_post = poster_.FindPost(mapping, PostMarker(mapping.id, record.local_day));
      if (found_post && found_post->has_value()) {
        PostRecord posted = record;
        posted.message_id = **found_post;
        Finish(posted, PostState::kPosted, now, "", report);
      } else {
        Finish(record, PostState::kFailed, now, "the server stopped while posting and the local day ended", report);
      }
    }
  }
}

Result<TickReport> DailyScheduler::Tick(std::int64_t now) {
  std::lock_guard lock(tick_mutex_);
  TickReport report;
  SettlePastDays(now, report);
  Result<std::vector<ChannelMapping>> mappings = store_.ListAllMappings();
  if (!mappings) return mappings.error();
  std::vector<PlannerMapping> inputs;
  PostRecords records;
  for (const ChannelMapping& mapping : *mappings) {
    const TimeZone* zone = zones_.Find(mapping.time_zone);
    inputs.push_back({&mapping, zone});
    if (!zone) continue;
    const std::string day = FormatIsoDay(LocalDayNumber(now, *zone));
    Result<std::optional<PostRecord>> record = store_.GetPost(mapping.id, day);
    if (!record) return record.error();
    if (record->has_value()) records[{mapping.id, day}] = **record;
  }
  std::map<std::string, TenantData> tenants;
  crashed_ = false;
  for (const DuePost& due : PlanDuePosts(inputs, records, now)) {
    Execute(due, now, tenants[due.mapping->tenant_id], report);
    if (crashed_) break;  // a simulated crash ends the tick with nothing more written
  }
  return report;
}

void DailyScheduler::Execute(const DuePost& due, std::int64_t now, TenantData& data, TickReport& report) {
  const ChannelMapping& mapping = *due.mapping;
  const std::string marker = PostMarker(mapping.id, due.local_day);
  const bool graph = mapping.target_kind == TargetKind::kGraphChannel;

  PostRecord record;
  if (due.kind == DueKind::kFirst) {
    if (!throttle_.TryAcquire(ThrottleKey(mapping), now)) {
      ++report.deferred;
      return;
    }
    record = PostRecord{mapping.id, due.local_day, PostState::kIntent, 1, 0, "", "", due.scheduled_at, 0, now};
    Result<bool> claimed = store_.ClaimPost(record);
    if (!claimed || !*claimed) return;  // another tick or process owns this day
  } else {
    Result<std::optional<PostRecord>> stored = store_.GetPost(mapping.id, due.local_day);
    if (!stored || !stored->has_value()) return;
    record = **stored;
    if (!graph && due.kind == DueKind::kRecover) {
      Finish(record, PostState::kUncertain, now,
             "the server stopped while posting; a Workflows webhook cannot be read back, so it is not sent again",
             report);
      return;
    }
    if (graph) {  // the post may exist already: look before posting again
      Result<std::optional<std::string>> found = poster_.FindPost(mapping, marker);
      if (!found) return Finish(record, PostState::kRetry, now, found.error().message, report);
      if (found->has_value()) {
        record.message_id = **found;
        return Finish(record, PostState::kPosted, now, "", report);
      }
    }
    if (!throttle_.TryAcquire(ThrottleKey(mapping), now)) {
      ++report.deferred;
      return;
    }
    record.state = PostState::kIntent;
    record.attempts += 1;
    record.updated_at = now;
    if (Result<bool> updated = store_.UpdatePost(record); !updated) return;
  }

  if (graph) {
    Result<std::string> membership = poster_.ChannelMembership(mapping);
    if (!membership) {
      const bool again = IsTransient(membership.error()) && record.attempts < options_.max_attempts;
      return Finish(record, again ? PostState::kRetry : PostState::kFailed, now, membership.error().message, report);
    }
    if (*membership != "standard") {
      return Finish(record, PostState::kFailed, now,
                    "the channel is " + *membership + "; daily updates go to standard (public) channels only", report);
    }
  }

  if (!data.loaded) {
    Result<std::vector<Employee>> employees = store_.ListEmployees(mapping.tenant_id);
    if (!employees) return Finish(record, PostState::kRetry, now, employees.error().message, report);
    data.employees = std::move(employees).value();
    data.loaded = true;
  }
  Result<std::vector<Absence>> absences = store_.ListAbsences(mapping.tenant_id, "", due.local_day, due.local_day);
  if (!absences) return Finish(record, PostState::kRetry, now, absences.error().message, report);
  const DailyDigest digest = BuildDailyDigest(mapping, due.day_number, data.employees, *absences, [](const Employee& e) {
    Result<WorkingHours> hours = ParseWorkingHoursText(e.working_hours_json, "working_hours");
    return hours ? *hours : DefaultWorkingHours();
  });
  if (digest.Empty()) return Finish(record, PostState::kEmpty, now, "", report);

  if (Crash("before_post")) return;
  Result<std::string> posted = poster_.Post(mapping, DailyCard(mapping, due.day_number, digest));
  if (Crash("after_post")) return;
  if (posted) {
    record.message_id = *posted;
    return Finish(record, PostState::kPosted, now, "", report);
  }
  const Error& error = posted.error();
  if (!graph && MayHaveDelivered(error)) {
    return Finish(record, PostState::kUncertain, now, error.message + " — the post may have arrived; not sent again",
                  report);
  }
  const bool again = IsTransient(error) && record.attempts < options_.max_attempts;
  Finish(record, again ? PostState::kRetry : PostState::kFailed, now, error.message, report);
}

}  // namespace slotwise::hr
