// Test helpers for backend/availability: a tenant directory on a temporary SQLite file, a BusySource that counts its
// calls, a factory handing it out, and an in-memory HoldsReader. Instants are written with At (support/instants.h).
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "api/http_status.h"
#include "availability/busy_sources.h"
#include "availability/calendar_gatherer.h"
#include "slotwise/engine_api.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"
#include "store/interview_holds.h"
#include "store/sqlite_directory_store.h"
#include "support/instants.h"
#include "support/temp_directory_store.h"

namespace slotwise::testing {

// What POST /v1/availability answers for a service result: the status and body the HTTP edge writes.
struct AvailabilityAnswer {
  int http_status = 200;
  std::string body;
};

inline AvailabilityAnswer Answered(const Result<EngineAnswer>& answer) {
  if (!answer) return {HttpStatusFor(answer.error().code), DumpJson(ErrorObject(answer.error()))};
  return {HttpStatusFor(answer->status), answer->body};
}

inline BusyEvent Busy(const char* start, const char* end, BusyStatus status = BusyStatus::kBusy) {
  BusyEvent event;
  event.interval = {At(start), At(end)};
  event.status = status;
  event.summary = "from the provider";
  return event;
}

inline BusyEvent Event(Instant start, Instant end, BusyStatus status = BusyStatus::kBusy) {
  BusyEvent event;
  event.interval = {start, end};
  event.status = status;
  return event;
}

// Answers from a fixed table: events per calendar id (lower-cased), per-calendar errors, or an outer error. Returns
// every stored event whatever the window (the gatherer must select), and counts calls.
class FakeBusySource final : public BusySource {
 public:
  Result<std::vector<CalendarBusy>> FetchBusy(const std::vector<std::string>& calendar_ids, Interval window) override {
    std::lock_guard lock(mutex);
    ++calls;
    requested.push_back(calendar_ids);
    windows.push_back(window);
    if (outer) return *outer;
    std::vector<CalendarBusy> answer;
    for (const std::string& id : calendar_ids) {
      CalendarBusy busy;
      busy.calendar_id = id;
      if (auto error = errors.find(id); error != errors.end()) {
        busy.busy = error->second;
      } else {
        busy.busy = events.count(id) ? events[id] : std::vector<BusyEvent>{};
      }
      answer.push_back(std::move(busy));
    }
    return answer;
  }

  int Calls() {
    std::lock_guard lock(mutex);
    return calls;
  }

  std::mutex mutex;
  int calls = 0;
  std::vector<std::vector<std::string>> requested;
  std::vector<Interval> windows;
  std::map<std::string, std::vector<BusyEvent>> events;
  std::map<std::string, Error> errors;
  std::optional<Error> outer;
};

class FakeSourceFactory final : public BusySourceFactory {
 public:
  Result<std::shared_ptr<BusySource>> SourceFor(const std::string& tenant_id, std::string_view provider,
                                                const std::vector<std::string>& acting) override {
    std::lock_guard lock(mutex);
    asked.emplace_back(tenant_id, std::string(provider), acting.front());
    acting_asked.push_back(acting);
    if (refuse) return *refuse;
    return std::shared_ptr<BusySource>(source);
  }
  std::mutex mutex;
  std::shared_ptr<FakeBusySource> source = std::make_shared<FakeBusySource>();
  std::vector<std::tuple<std::string, std::string, std::string>> asked;  // (tenant, provider, first acting person)
  std::vector<std::vector<std::string>> acting_asked;                    // every acting person, in order
  std::optional<Error> refuse;
};

class FakeHolds final : public HoldsReader {
 public:
  Result<std::vector<Hold>> ActiveHolds(const std::string& tenant_id, const std::vector<std::string>& resources,
                                        Interval window, const std::string& except_interview_id) override {
    std::lock_guard lock(mutex);
    ++calls;
    last_except = except_interview_id;
    last_window = window;
    if (failure) return *failure;
    std::vector<Hold> out;
    for (const auto& [tenant, hold] : holds) {
      if (tenant != tenant_id || hold.interview_id == except_interview_id) continue;
      if (hold.end <= window.start || hold.start >= window.end) continue;
      if (std::find(resources.begin(), resources.end(), hold.resource) == resources.end()) continue;
      out.push_back(hold);
    }
    return out;
  }
  void Add(const std::string& tenant, std::string resource, std::string interview, const char* start, const char* end) {
    std::lock_guard lock(mutex);
    holds.emplace_back(tenant, Hold{std::move(resource), std::move(interview), At(start), At(end)});
  }
  std::mutex mutex;
  std::vector<std::pair<std::string, Hold>> holds;
  int calls = 0;
  std::string last_except;
  Interval last_window;
  std::optional<Error> failure;
};

// A tenant directory on a temporary SQLite file (support/temp_directory_store.h), with shorthands to fill it.
struct Directory : TempDirectoryStore {
  void AddTenant(const std::string& id, const std::string& provider, const std::string& policies = "{}") {
    Tenant tenant;
    tenant.id = id;
    tenant.name = id;
    tenant.calendar_provider = provider;
    tenant.time_zone = "Europe/Berlin";
    tenant.policies_json = policies;
    Result<Tenant> created = store->CreateTenant(tenant);
    REQUIRE_MESSAGE(created.ok(), created.error().message);
  }
  void AddPerson(Person person) {
    Result<Person> stored = store->UpsertPerson(person);
    REQUIRE_MESSAGE(stored.ok(), stored.error().message);
  }
  void AddRoom(Room room) {
    Result<Room> stored = store->UpsertRoom(room);
    REQUIRE_MESSAGE(stored.ok(), stored.error().message);
  }
  void AddHost(HostAccount host) {
    Result<HostAccount> stored = store->UpsertHostAccount(host);
    REQUIRE_MESSAGE(stored.ok(), stored.error().message);
  }
};

inline Person MakePerson(const std::string& tenant, const std::string& email, const std::string& zone,
                         const std::string& hours_json, std::vector<std::string> roles = {"interviewer"}) {
  Person person;
  person.tenant_id = tenant;
  person.email = email;
  person.name = email;
  person.time_zone = zone;
  person.working_hours_json = hours_json;
  person.roles = std::move(roles);
  return person;
}

}  // namespace slotwise::testing
