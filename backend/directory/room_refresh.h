// room_refresh.h — a tenant's rooms kept in step with its organisation directories: Google Workspace through the
// Admin SDK (resources.calendars and buildings, read as the administrator who connected the Workspace, scope
// kGoogleRoomDirectoryScope) and Microsoft 365 through Graph places (app-only). Run on demand
// (POST /v1/directory/rooms/refresh, POST /v1/directory/import) and on a schedule (RoomRefresher::Start).
//
// Contract:
// - ApplyDirectoryRooms applies one directory's complete listing (`source` "google" or "microsoft"):
//   a listed room that is new is added (source and calendar_provider = the directory); a listed room that is known
//   with the same source — or with source "" (written through the API, or imported before sources were kept) — is
//   brought up to date (name, capacity, building, floor, features; a retired one comes back: "returned"), unless
//   `update_existing` is false (then it is counted as kept); a listed room known from the OTHER directory is left
//   alone with a note. With `retire_missing`, a room of this source that the listing no longer names is retired
//   (retired_at = now): kept for history and the interviews that hold it, no longer offered or bookable. Rooms
//   written through the API (source "") are never retired.
// - RoomRefresher::Refresh(tenant) reads every directory the tenant connected (an active organisation connection)
//   and applies each complete listing with retire_missing; a directory whose read fails changes nothing (its rooms
//   stay as they were) and its error is the outcome. The outcome is recorded (DirectoryStore::RecordRoomRefresh):
//   when, "ok" or the error code, the counts and notes — GET /v1/directory/rooms/refresh shows it. A tenant that
//   connected no directory: "provider_not_configured", nothing recorded.
// - Errors of a Google read name what the Workspace administrator must do (authorise the scope for the service
//   account's client id; the connecting address must stay an administrator).
// - The schedule: RefreshDue(now) refreshes each tenant whose last attempt is `interval` old, or — never refreshed —
//   whose organisation connected `interval` ago (a new connection is read when its administrator asks, or a day
//   later). Each run is claimed first (ClaimRoomRefresh), so two threads or processes never run one tenant's refresh
//   at once. Start() runs RefreshDue(clock()) every poll_interval on a thread; Stop()/the destructor joins it.
// - Thread-safe; dependencies borrowed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "connections/org_access_registry.h"
#include "connections/provider_registry.h"
#include "providers/calendar_adapter.h"
#include "store/directory_store.h"

namespace slotwise {

struct RoomCounts {
  int added = 0, updated = 0, kept = 0, returned = 0, retired = 0, listed = 0;
};

Result<bool> ApplyDirectoryRooms(DirectoryStore& directory, const std::string& tenant_id, const std::string& source,
                                 const std::vector<providers::RoomInfo>& listing, std::int64_t now,
                                 bool update_existing, bool retire_missing, RoomCounts& counts,
                                 std::vector<std::string>& notes);

// Reads one directory's rooms: Google (Admin SDK) or Microsoft (Graph places), through the tenant's organisation
// access. "provider_not_configured" when the tenant did not connect that directory.
Result<std::vector<providers::RoomInfo>> ReadDirectoryRooms(OrgAccessRegistry& org_access,
                                                            const ProviderRegistry& providers,
                                                            const std::string& tenant_id, oauth::Provider provider);

struct RoomRefreshOptions {
  std::int64_t interval_seconds = 24 * 3600;     // how old a tenant's last refresh may get; 0 = no schedule
  std::chrono::milliseconds poll_interval{5000};  // how often the thread looks for due tenants (wall clock)
};

struct RoomRefreshReport {
  std::vector<std::string> sources;  // the directories read successfully
  RoomCounts counts;
  std::vector<std::string> notes;
  std::optional<Error> error;        // the first directory that could not be read (its rooms unchanged)
};

class RoomRefresher {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds

  RoomRefresher(DirectoryStore& directory, OrgAccessRegistry& org_access, const ProviderRegistry& providers,
                Clock clock, RoomRefreshOptions options = {});
  ~RoomRefresher();
  RoomRefresher(const RoomRefresher&) = delete;
  RoomRefresher& operator=(const RoomRefresher&) = delete;

  // Refreshes now, and records it like a scheduled run (which then waits `interval` again). Runs of one tenant in
  // this process are serialised (a manual run waits for a scheduled one under way, so the later read always wins).
  Result<RoomRefreshReport> Refresh(const std::string& tenant_id);
  // Refreshes every due tenant; answers how many ran.
  Result<int> RefreshDue(std::int64_t now);

  void Start();
  void Stop();

  std::int64_t interval_seconds() const { return options_.interval_seconds; }

 private:
  Result<RoomRefreshReport> RunClaimed(const std::string& tenant_id, std::int64_t now,
                                       const std::vector<oauth::Provider>& connected);
  Result<std::vector<oauth::Provider>> Connected(const std::string& tenant_id, std::int64_t* connected_at);
  std::shared_ptr<std::mutex> TenantLock(const std::string& tenant_id);

  DirectoryStore& directory_;
  OrgAccessRegistry& org_access_;
  const ProviderRegistry& providers_;
  Clock clock_;
  RoomRefreshOptions options_;
  std::mutex locks_mutex_;
  std::map<std::string, std::shared_ptr<std::mutex>> tenant_locks_;  // one per tenant that ever ran; never erased
  std::mutex thread_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace slotwise
