// lifecycle_dispatcher.cpp — see lifecycle_dispatcher.h.
#include "lifecycle/lifecycle_dispatcher.h"

#include <algorithm>
#include <iostream>
#include <random>

#include "auth/standard_webhooks.h"
#include "slotwise/error_codes.h"
#include "store/lifecycle_events.h"

namespace slotwise::lifecycle {

namespace {

LifecycleDispatcher::Random DefaultRandom() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  auto mutex = std::make_shared<std::mutex>();
  return [engine, mutex] {
    std::lock_guard lock(*mutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
  };
}

// The reason of a failed attempt for the server's log: tenant, event, why. Never the URL or the secret.
void LogFailure(const LifecycleEvent& event, const std::string& why) {
  std::cerr << "slotwise: tenant " << event.tenant_id << ": lifecycle webhook " << lifecycle_events::WebhookId(event.id)
            << " (" << event.type << ") not delivered: " << why << "\n";
}

}  // namespace

LifecycleDispatcher::LifecycleDispatcher(EventLog& log, DirectoryStore& directory, net::HttpTransport& transport,
                                         auth::OutboundPolicy outbound, Clock clock, DispatchOptions options,
                                         Random random, std::function<void(std::int64_t)> before_pass)
    : log_(log),
      directory_(directory),
      transport_(transport),
      outbound_(std::move(outbound)),
      clock_(std::move(clock)),
      options_(options),
      random_(random ? std::move(random) : DefaultRandom()),
      before_pass_(std::move(before_pass)) {}

LifecycleDispatcher::~LifecycleDispatcher() { Stop(); }

void LifecycleDispatcher::Start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void LifecycleDispatcher::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void LifecycleDispatcher::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void LifecycleDispatcher::Loop() {
  while (!stopping_) {
    DeliverDue();
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.idle_poll, [this] { return stopping_.load() || woken_; });
    woken_ = false;
  }
}

int LifecycleDispatcher::DeliverDue() {
  std::lock_guard pass(pass_mutex_);
  if (before_pass_) before_pass_(clock_());
  if (const std::int64_t now = clock_(); now >= next_purge_at_) {
    next_purge_at_ = now + options_.purge_every_seconds;
    if (Result<int> purged = log_.Purge(now - options_.keep_seconds); !purged) {
      std::cerr << "slotwise: old lifecycle events could not be purged: " << purged.error().message << "\n";
    }
  }
  std::atomic<int> attempts{0};
  while (!stopping_) {
    const std::int64_t now = clock_();
    Result<std::vector<LifecycleEvent>> due = log_.Due(now, options_.batch, options_.per_tenant_batch);
    if (!due) {
      std::cerr << "slotwise: the lifecycle events could not be read: " << due.error().message << "\n";
      return attempts.load();
    }
    // One group per tenant, in the order of its oldest event; tenants whose ATS is resting are left for later.
    std::vector<std::vector<LifecycleEvent>> groups;
    std::map<std::string, std::size_t> group_of;
    {
      std::lock_guard lock(unreachable_mutex_);
      for (LifecycleEvent& event : *due) {
        auto resting = unreachable_until_.find(event.tenant_id);
        if (resting != unreachable_until_.end() && resting->second > now) continue;
        auto [slot, added] = group_of.emplace(event.tenant_id, groups.size());
        if (added) groups.emplace_back();
        groups[slot->second].push_back(std::move(event));
      }
    }
    if (groups.empty()) return attempts.load();
    const int before = attempts.load();
    std::atomic<bool> record_failed{false};
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
      for (std::size_t i = next++; i < groups.size() && !stopping_; i = next++) {
        if (!DeliverTenant(groups[i], attempts)) record_failed = true;
      }
    };
    const std::size_t helpers =
        std::min(groups.size(), static_cast<std::size_t>(std::max(1, options_.parallel_tenants))) - 1;
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < helpers; ++i) threads.emplace_back(work);
    work();
    for (std::thread& thread : threads) thread.join();
    if (record_failed || attempts.load() == before) return attempts.load();
  }
  return attempts.load();
}

bool LifecycleDispatcher::DeliverTenant(const std::vector<LifecycleEvent>& events, std::atomic<int>& attempts) {
  for (const LifecycleEvent& event : events) {
    if (stopping_) return true;
    const std::int64_t at = clock_();
    const AttemptRecord record = Attempt(event, at);
    if (Result<bool> recorded = log_.Record(event.id, record, at); !recorded) {
      std::cerr << "slotwise: the outcome of lifecycle webhook " << lifecycle_events::WebhookId(event.id)
                << " could not be recorded: " << recorded.error().message << "\n";
      return false;  // the event stays pending and is sent again (at least once)
    }
    ++attempts;
    const bool unanswered = record.status == 0 && (record.state == "pending" || record.state == "dead");
    if (unanswered) {
      // Nothing answered: the tenant's other events would wait for the same timeout. They rest until this one's retry.
      std::lock_guard lock(unreachable_mutex_);
      unreachable_until_[event.tenant_id] = record.state == "pending" ? record.next_attempt_at : at + 1;
      return true;
    }
  }
  return true;
}

AttemptRecord LifecycleDispatcher::Attempt(const LifecycleEvent& event, std::int64_t now) {
  AttemptRecord record;
  record.attempts = event.attempts + 1;
  const auto failed = [&](int status, std::string for_tenant, const std::string& why,
                          std::optional<std::int64_t> retry_after = std::nullopt) {
    LogFailure(event, why);
    record.status = status;
    record.error = std::move(for_tenant);
    if (IsLastAttempt(options_.retry, record.attempts)) {
      record.state = "dead";
      record.next_attempt_at = 0;
    } else {
      record.state = "pending";
      record.next_attempt_at = now + RetryDelay(options_.retry, record.attempts, retry_after, random_());
    }
    return record;
  };

  Result<std::optional<Tenant>> tenant = directory_.GetTenant(event.tenant_id);
  if (!tenant) return failed(0, "the tenant could not be read", tenant.error().message);
  if (!tenant->has_value() || (*tenant)->ats_webhook_url.empty()) {
    record.state = "skipped";
    record.attempts = event.attempts;
    record.error = "no ats_webhook_url was set when the event was due";
    return record;
  }
  if ((*tenant)->ats_webhook_secret.empty()) {
    return failed(0, "the tenant has no ats_webhook_secret (nothing is sent unsigned)", "no ats_webhook_secret");
  }
  net::HttpRequest request;
  request.method = "POST";
  request.url = (*tenant)->ats_webhook_url;
  request.timeout = options_.request_timeout;
  request.body = event.payload;
  request.With("Content-Type", "application/json");
  for (auto& [name, value] : auth::StandardWebhookHeaders((*tenant)->ats_webhook_secret,
                                                          lifecycle_events::WebhookId(event.id), now, event.payload)) {
    request.With(name, value);
  }
  Result<net::HttpResponse> response = outbound_.Send(transport_, std::move(request), event.tenant_id);
  if (!response) {
    const bool refused = response.error().code == codes::kInvalidUrl;
    return failed(0, refused ? "the ats_webhook_url is not allowed (the server log says why)"
                             : "the ATS could not be reached (the server log says why)",
                  response.error().message);
  }
  if (response->Ok()) {
    record.state = "delivered";
    record.status = response->status;
    return record;
  }
  const std::string answered = "the ATS answered " + std::to_string(response->status) +
                               (response->status / 100 == 3 ? " (redirects are not followed)" : "");
  return failed(response->status, answered, answered, ParseRetryAfter(response->Header("Retry-After")));
}

}  // namespace slotwise::lifecycle
