// room_refresh.cpp — see room_refresh.h.
#include "directory/room_refresh.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "observability/json_log.h"
#include "providers/google_room_directory.h"
#include "providers/microsoft_graph_calendar.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_text.h"

namespace slotwise {

namespace {

using nlohmann::json;

bool SameRoomData(const Room& room, const providers::RoomInfo& info) {
  return room.name == (info.name.empty() ? info.email : info.name) && room.capacity == info.capacity &&
         room.building == info.building && room.floor == info.floor && room.features == info.features &&
         room.room_list == info.room_list;
}

// What a Workspace administrator must do when Google refused the room read.
Error GoogleRoomsError(Error error, const std::string& client) {
  if (error.code == codes::kConsentRequired) {
    error.message = "Google refused the room directory: the Workspace administrator must authorise the service "
                    "account " + client + " for the scope " + std::string(providers::kGoogleRoomDirectoryScope) +
                    " (Admin console > Security > API controls > Domain-wide delegation) — " + error.message;
  } else if (error.code == codes::kProviderForbidden) {
    error.message = "Google refused the room directory: the address that connected the Workspace must be one of its "
                    "administrators (the Admin SDK answers administrators only); connect the Workspace again with "
                    "an administrator's address — " + error.message;
  }
  return error;
}

// The directory's name in an administrator's words.
std::string DirectoryName(const std::string& source) {
  return source == "google" ? "Google Workspace" : source == "microsoft" ? "Microsoft 365" : source;
}

json CountsJson(const RoomCounts& counts) {
  return {{"listed", counts.listed}, {"added", counts.added},   {"updated", counts.updated},
          {"kept", counts.kept},     {"returned", counts.returned}, {"retired", counts.retired}};
}

}  // namespace

Result<bool> ApplyDirectoryRooms(DirectoryStore& directory, const std::string& tenant_id, const std::string& source,
                                 const std::vector<providers::RoomInfo>& listing, std::int64_t now,
                                 bool update_existing, bool retire_missing, RoomCounts& counts,
                                 std::vector<std::string>& notes) {
  Result<std::vector<Room>> known = directory.ListRooms(tenant_id);
  if (!known) return known.error();
  std::map<std::string, Room> by_email;
  for (Room& room : *known) by_email.emplace(AsciiLower(room.email), std::move(room));

  std::map<std::string, bool> listed;
  for (const providers::RoomInfo& info : listing) {
    const std::string email = AsciiLower(info.email);
    if (email.empty() || !listed.emplace(email, true).second) continue;
    ++counts.listed;
    const auto found = by_email.find(email);
    Room room;
    if (found != by_email.end()) {
      room = found->second;
      if (!room.source.empty() && room.source != source) {
        notes.push_back(email + ": listed by " + DirectoryName(source) + " but read from " +
                        DirectoryName(room.source) + "; left as it is");
        ++counts.kept;
        continue;
      }
      const bool returning = room.retired_at != 0;
      if (!returning && (!update_existing || (room.source == source && SameRoomData(room, info)))) {
        ++counts.kept;
        continue;
      }
      returning ? ++counts.returned : ++counts.updated;
    } else {
      room.tenant_id = tenant_id;
      room.email = email;
      room.calendar_provider = source;
      ++counts.added;
    }
    room.source = source;
    room.retired_at = 0;
    room.name = info.name.empty() ? info.email : info.name;
    room.capacity = info.capacity;
    room.building = info.building;
    room.floor = info.floor;
    room.features = info.features;
    room.room_list = info.room_list;
    Result<Room> stored = directory.UpsertRoom(room);
    if (!stored) return stored.error();
  }
  if (!retire_missing) return true;
  for (auto& [email, room] : by_email) {
    if (room.source != source || room.retired_at != 0 || listed.count(email)) continue;
    room.retired_at = now;
    Result<Room> stored = directory.UpsertRoom(room);
    if (!stored) return stored.error();
    ++counts.retired;
    notes.push_back(email + ": no longer in the " + DirectoryName(source) +
                    " directory; retired (kept for history, not offered)");
  }
  return true;
}

Result<std::vector<providers::RoomInfo>> ReadDirectoryRooms(OrgAccessRegistry& org_access,
                                                            const ProviderRegistry& providers,
                                                            const std::string& tenant_id, oauth::Provider provider) {
  if (provider == oauth::Provider::kGoogle) {
    const std::optional<std::string> base = providers.DirectoryApiBase(oauth::Provider::kGoogle);
    if (!base) {
      return Error{codes::kProviderNotConfigured, "Google is not configured on this server: its rooms cannot be read",
                   ""};
    }
    Result<std::unique_ptr<providers::AccessTokenSource>> tokens =
        org_access.GoogleAdmin(tenant_id, {providers::kGoogleRoomDirectoryScope});
    if (!tokens) return tokens.error();
    providers::GoogleRoomDirectory google(providers.transport(), **tokens, *base);
    Result<std::vector<providers::RoomInfo>> rooms = google.ListRooms();
    if (!rooms) return GoogleRoomsError(rooms.error(), org_access.google_service_account().client_email);
    return rooms;
  }
  if (provider == oauth::Provider::kMicrosoft) {
    const std::optional<std::string> base = providers.ApiBase(oauth::Provider::kMicrosoft);
    Result<std::shared_ptr<OrgAccess>> access = org_access.For(tenant_id);
    if (!access) return access.error();
    if (!base || !(*access)->configured(oauth::Provider::kMicrosoft)) {
      return Error{codes::kProviderNotConfigured,
                   "tenant " + tenant_id + " has not connected its Microsoft 365 organisation: its administrator "
                   "connects it (POST /v1/organisation/microsoft/consent) before its rooms can be read",
                   ""};
    }
    Result<std::unique_ptr<providers::AccessTokenSource>> tokens = org_access.MicrosoftAppOnly(tenant_id, "");
    if (!tokens) return tokens.error();
    providers::MicrosoftGraphCalendar graph(providers.transport(), **tokens, *base);
    Result<std::vector<providers::RoomInfo>> rooms = graph.ListRooms();
    if (!rooms) return rooms;
    // Which room list each room is in (an organisation may have none).
    Result<std::map<std::string, std::vector<std::string>>> lists = graph.ListRoomLists();
    if (!lists) return lists.error();
    for (providers::RoomInfo& room : *rooms) {
      for (const auto& [list, members] : *lists) {
        if (std::find(members.begin(), members.end(), AsciiLower(room.email)) != members.end()) room.room_list = list;
      }
    }
    return rooms;
  }
  return Error{codes::kInvalidRequest, "rooms are read from Google Workspace or Microsoft 365", "provider"};
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] RoomRefresher
// -----------------------------------------------------------------------------------------------------------------

RoomRefresher::RoomRefresher(DirectoryStore& directory, OrgAccessRegistry& org_access,
                             const ProviderRegistry& providers, Clock clock, RoomRefreshOptions options)
    : directory_(directory), org_access_(org_access), providers_(providers), clock_(std::move(clock)),
      options_(options) {}

RoomRefresher::~RoomRefresher() { Stop(); }

Result<std::vector<oauth::Provider>> RoomRefresher::Connected(const std::string& tenant_id,
                                                              std::int64_t* connected_at) {
  Result<std::vector<OrgConnection>> connections = org_access_.List(tenant_id);
  if (!connections) return connections.error();
  std::vector<oauth::Provider> connected;
  for (const OrgConnection& connection : *connections) {
    if (connection.status != "active") continue;
    connected.push_back(connection.provider);
    if (connected_at != nullptr && (*connected_at == 0 || connection.created_at < *connected_at)) {
      *connected_at = connection.created_at;
    }
  }
  return connected;
}

std::shared_ptr<std::mutex> RoomRefresher::TenantLock(const std::string& tenant_id) {
  std::lock_guard lock(locks_mutex_);
  std::shared_ptr<std::mutex>& slot = tenant_locks_[tenant_id];
  if (!slot) slot = std::make_shared<std::mutex>();
  return slot;
}

Result<RoomRefreshReport> RoomRefresher::Refresh(const std::string& tenant_id) {
  Result<std::vector<oauth::Provider>> connected = Connected(tenant_id, nullptr);
  if (!connected) return connected.error();
  if (connected->empty()) {
    return Error{codes::kProviderNotConfigured,
                 "tenant " + tenant_id + " connected no organisation directory (Google Workspace or Microsoft 365): "
                 "its rooms are the ones written with PUT /v1/rooms",
                 ""};
  }
  const std::shared_ptr<std::mutex> tenant_lock = TenantLock(tenant_id);
  std::lock_guard run(*tenant_lock);
  const std::int64_t now = clock_();
  Result<bool> claimed = directory_.ClaimRoomRefresh(tenant_id, now, now);
  if (!claimed) return claimed.error();
  return RunClaimed(tenant_id, now, *connected);
}

Result<RoomRefreshReport> RoomRefresher::RunClaimed(const std::string& tenant_id, std::int64_t now,
                                                    const std::vector<oauth::Provider>& connected) {
  RoomRefreshReport report;
  for (oauth::Provider provider : connected) {
    const std::string source(oauth::ProviderName(provider));
    Result<std::vector<providers::RoomInfo>> listing = ReadDirectoryRooms(org_access_, providers_, tenant_id, provider);
    if (!listing) {
      if (!report.error) report.error = listing.error();
      report.notes.push_back(source + ": " + listing.error().message + " — its rooms are unchanged");
      continue;
    }
    Result<bool> applied =
        ApplyDirectoryRooms(directory_, tenant_id, source, *listing, now, true, true, report.counts, report.notes);
    if (!applied) return applied.error();
    report.sources.push_back(source);
  }
  RoomRefresh record;
  record.tenant_id = tenant_id;
  record.attempted_at = now;
  record.refreshed_at = report.error ? 0 : now;
  record.outcome = report.error ? report.error->code : "ok";
  json details = {{"sources", report.sources}, {"rooms", CountsJson(report.counts)}, {"notes", report.notes}};
  if (report.error) details["error"] = {{"code", report.error->code}, {"message", report.error->message}};
  record.report_json = DumpJson(details);
  if (Result<bool> recorded = directory_.RecordRoomRefresh(record); !recorded) return recorded.error();
  observability::WriteLog(report.error ? observability::LogLevel::kWarning : observability::LogLevel::kInfo,
                          "room_refresh",
                          {{"tenant", tenant_id}, {"outcome", record.outcome}, {"added", report.counts.added},
                           {"updated", report.counts.updated}, {"retired", report.counts.retired}});
  return report;
}

Result<int> RoomRefresher::RefreshDue(std::int64_t now) {
  if (options_.interval_seconds <= 0) return 0;
  Result<std::vector<Tenant>> tenants = directory_.ListTenants();
  if (!tenants) return tenants.error();
  int ran = 0;
  for (const Tenant& tenant : *tenants) {
    std::int64_t connected_at = 0;
    Result<std::vector<oauth::Provider>> connected = Connected(tenant.id, &connected_at);
    if (!connected) return connected.error();
    if (connected->empty()) continue;
    Result<RoomRefresh> last = directory_.GetRoomRefresh(tenant.id);
    if (!last) return last.error();
    const std::int64_t since = last->attempted_at != 0 ? last->attempted_at : connected_at;
    if (now - since < options_.interval_seconds) continue;
    const std::shared_ptr<std::mutex> tenant_lock = TenantLock(tenant.id);
    std::lock_guard run(*tenant_lock);
    Result<bool> claimed = directory_.ClaimRoomRefresh(tenant.id, now, now - options_.interval_seconds);
    if (!claimed) return claimed.error();
    if (!*claimed) continue;
    if (Result<RoomRefreshReport> run = RunClaimed(tenant.id, now, *connected); !run) {
      observability::LogProblem(observability::LogLevel::kError,
                                "the room refresh of tenant " + tenant.id + " failed: " + run.error().message);
    }
    ++ran;
  }
  return ran;
}

void RoomRefresher::Start() {
  std::lock_guard lock(thread_mutex_);
  if (thread_.joinable() || options_.interval_seconds <= 0) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock wait_lock(thread_mutex_);
    while (!stopping_) {
      wait_lock.unlock();
      if (Result<int> ran = RefreshDue(clock_()); !ran) {
        observability::LogProblem(observability::LogLevel::kError, "the room refresh failed: " + ran.error().message);
      }
      wait_lock.lock();
      wake_.wait_for(wait_lock, options_.poll_interval, [this] { return stopping_; });
    }
  });
}

void RoomRefresher::Stop() {
  std::thread joining;
  {
    std::lock_guard lock(thread_mutex_);
    stopping_ = true;
    joining = std::move(thread_);
  }
  wake_.notify_all();
  if (joining.joinable()) joining.join();
}

}  // namespace slotwise
