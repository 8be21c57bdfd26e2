// backup_restore_e2e_test.cpp — `slotwise backup` taken from a running server while interviews are booked at about
// 50 a second, then `slotwise restore` into a new data folder and a new `slotwise serve` on it: every booking answered
// 201 before the backup started is there, the restored file passes `PRAGMA integrity_check`, and the backup names the
// token keyring it did not copy without printing it (docs/BACKUP.md). The server is this process's (ProviderWorld);
// backup, restore and the second server are real `slotwise` child processes, so the copy is taken across processes
// from a WAL database that is being written.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "provider_world.h"
#include "slotwise/time.h"
#include "support/process_harness.h"
#include "support/temp_dir.h"

using namespace slotwise;
using namespace slotwise::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr const char* kCli = SLOTWISE_CLI_PATH;
using Clock = std::chrono::steady_clock;

// Booking `index`: 09:00 … 16:00 Berlin, fifteen half-hours a day (SeriesBooking), so every one can succeed.
json BookingNumber(std::int64_t now, int index) { return SeriesBooking(now, index, 9, 15, "Backup load "); }

struct Booked {
  std::string id;
  Clock::time_point sent;      // when the request left
  Clock::time_point answered;  // when the 201 arrived
};

// Books BookingNumber(0), (1), … one due every 20 ms (50 a second) until stopped, from kLanes threads taking turns
// (one answer takes longer than 20 ms on a busy machine); keeps the ids answered 201.
class BookingLoad {
 public:
  explicit BookingLoad(ProviderWorld& world) : world_(world), begun_(Clock::now()) {
    for (int lane = 0; lane < kLanes; ++lane) threads_.emplace_back([this, lane] { Run(lane); });
  }
  ~BookingLoad() { Stop(); }
  void Stop() {
    stop_ = true;
    for (std::thread& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }
  int created() const { return created_.load(); }
  int sent() const { return sent_.load(); }
  std::vector<Booked> booked() {
    std::lock_guard lock(mutex_);
    return booked_;
  }
  std::string refusal() {
    std::lock_guard lock(mutex_);
    return refusal_;
  }

 private:
  static constexpr int kLanes = 4;

  void Run(int lane) {
    for (int index = lane; !stop_.load(); index += kLanes) {
      std::this_thread::sleep_until(begun_ + index * 20ms);
      const Clock::time_point sent = Clock::now();
      const HttpAnswer answer = world_.Api("POST", "/v1/interviews", BookingNumber(world_.Now(), index),
                                           "backup-load-" + std::to_string(index));
      ++sent_;
      std::lock_guard lock(mutex_);
      if (answer.status == 201) {
        booked_.push_back({json::parse(answer.body, nullptr, false).value("id", ""), sent, Clock::now()});
        ++created_;
      } else if (refusal_.empty()) {
        refusal_ = std::to_string(answer.status) + " " + answer.body.substr(0, 300);
      }
    }
  }

  ProviderWorld& world_;
  const Clock::time_point begun_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stop_{false};
  std::atomic<int> created_{0};
  std::atomic<int> sent_{0};
  std::mutex mutex_;
  std::vector<Booked> booked_;
  std::string refusal_;
};

std::string IntegrityOf(const std::string& path) {
  sqlite3* db = nullptr;
  std::string answer = "cannot open";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    answer = "cannot check";
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      answer = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return answer;
}

}  // namespace

TEST_CASE(
    "Backup and restore: a backup taken while bookings commit holds every booking answered before it, and a "
    "server started on the restored copy serves them") {
  ProviderWorld world(true, true);
  TempDir dir("slotwise-backup-e2e");
  // The operator's keyring file (the same keys the running server seals with): named by the backup, never copied.
  const std::string key_file = dir.Write("token.keys", world.key_spec() + "\n");
  const ChildProcess::EnvChanges keyring = {{"SLOTWISE_TOKEN_KEY_FILE", key_file}};
  const std::vector<std::string> no_inline_keys = {"SLOTWISE_TOKEN_KEYS", "SLOTWISE_DB"};
  const std::string backup_file = dir.File("slotwise-backup.db");

  const Clock::time_point load_started = Clock::now();
  BookingLoad load(world);
  for (const Clock::time_point give_up = Clock::now() + 20s; load.created() < 60 && Clock::now() < give_up;) {
    std::this_thread::sleep_for(20ms);
  }
  REQUIRE_MESSAGE(load.created() >= 60, "bookings are not succeeding: " << load.refusal());

  const Clock::time_point backup_started = Clock::now();
  const int sent_before = load.sent();
  ChildProcess backup;
  REQUIRE(backup.Start({kCli, "backup", "--db", world.db_path(), "--to", backup_file}, keyring, no_inline_keys));
  const ProcessExit backup_exit = backup.Wait(60s);
  const Clock::time_point backup_ended = Clock::now();
  const int sent_during = load.sent() - sent_before;
  // Bookings go on after the copy, too: none of those may be in it.
  const int created_by_end = load.created();
  for (const Clock::time_point give_up = Clock::now() + 15s;
       load.created() < created_by_end + 5 && Clock::now() < give_up;) {
    std::this_thread::sleep_for(20ms);
  }
  load.Stop();
  const double load_seconds = std::chrono::duration<double>(Clock::now() - load_started).count();
  MESSAGE("booking load: " << load.sent() << " sent, " << load.created() << " booked in " << load_seconds << " s ("
                           << load.sent() / load_seconds << " per second)");
  REQUIRE_MESSAGE(backup_exit.finished, backup.Output());
  REQUIRE_MESSAGE(backup_exit.exit_code == 0, backup.Output());
  const std::string printed = backup.Output();
  CHECK_MESSAGE(printed.find("backed up " + world.db_path() + " to " + backup_file) != std::string::npos, printed);
  CHECK_MESSAGE(printed.find("integrity ok") != std::string::npos, printed);
  CHECK_MESSAGE(printed.find("not copied") != std::string::npos, printed);
  CHECK_MESSAGE(printed.find(key_file) != std::string::npos, printed);
  CHECK_MESSAGE(printed.find(world.key_spec().substr(world.key_spec().find(':') + 1)) == std::string::npos, printed);
  // The load ran before, during and after the copy (bookings answered before it and sent after it are both checked
  // below); how many were answered while the child ran is reported.
  MESSAGE("backup: " << printed << " — " << sent_during << " bookings answered while it ran ("
                     << std::chrono::duration_cast<std::chrono::milliseconds>(backup_ended - backup_started).count()
                     << " ms, the child process included)");

  std::vector<std::string> before;  // answered 201 before the backup started: the copy must hold each
  std::vector<std::string> after;   // sent after it ended (so committed after its snapshot): the copy holds none
  for (const Booked& booked : load.booked()) {
    if (booked.answered < backup_started) before.push_back(booked.id);
    if (booked.sent > backup_ended) after.push_back(booked.id);
  }
  REQUIRE(before.size() >= 60);

  const std::string restored_db = (dir.path() / "restored" / "slotwise.db").string();
  ChildProcess restore;
  REQUIRE(restore.Start({kCli, "restore", "--from", backup_file, "--db", restored_db}, keyring, no_inline_keys));
  const ProcessExit restore_exit = restore.Wait(60s);
  REQUIRE_MESSAGE(restore_exit.exit_code == 0, restore.Output());
  CHECK(IntegrityOf(restored_db) == "ok");

  ChildProcess server;
  REQUIRE(server.Start({kCli, "serve", "--db", restored_db, "--host", "127.0.0.1", "--port", "0"}, keyring,
                       no_inline_keys));
  const std::optional<std::string> running = server.WaitForLine("Slotwise is running at", 30s);
  REQUIRE_MESSAGE(running.has_value(), server.Output());
  const std::string origin = OriginInLine(*running);
  const httplib::Headers auth = {{"Authorization", "Bearer " + world.api_key()}};
  int missing = 0;
  for (const std::string& id : before) {
    const HttpAnswer answer = HttpJson("GET", origin + "/v1/interviews/" + id, nullptr, auth);
    if (answer.status != 200 || json::parse(answer.body).value("id", "") != id) {
      ++missing;
      MESSAGE("missing from the restored database: " << id << " (" << answer.status << ")");
    }
  }
  CHECK_MESSAGE(missing == 0, missing << " of " << before.size() << " bookings made before the backup are missing");
  REQUIRE_FALSE(after.empty());
  for (const std::string& id : after) {
    CHECK_MESSAGE(HttpJson("GET", origin + "/v1/interviews/" + id, nullptr, auth).status == 404, id);
  }
  server.Terminate();

  // The running server's database is in use: restoring over it is refused, and it keeps serving.
  ChildProcess refused;
  REQUIRE(refused.Start({kCli, "restore", "--from", backup_file, "--db", world.db_path(), "--force"}, keyring,
                        no_inline_keys));
  const ProcessExit refused_exit = refused.Wait(30s);
  CHECK(refused_exit.exit_code == 1);
  CHECK_MESSAGE(refused.Output().find("storage_conflict") != std::string::npos, refused.Output());
  CHECK(world.Api("GET", "/v1/interviews/" + before.front()).status == 200);
}
