// shared_handle_test.cpp — the stores that share the server's one SQLite handle (SqliteStore::handle(): directory,
// connections, proposals, …) never mix their statements into each other's transactions. On one connection a
// transaction belongs to the connection, not to a store: a directory write run while the proposal store's transaction
// is open would be committed or rolled back with it, and a second BEGIN would fail. SqliteStore::lock() serialises them.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "proposals/proposal_store.h"
#include "support/temp_directory_store.h"

using namespace slotwise;
using slotwise::testing::TempDirectoryStore;

TEST_CASE("shared handle: a proposal transaction that rolls back never takes a directory write with it") {
  TempDirectoryStore directory;
  Tenant tenant;
  tenant.id = "acme";
  tenant.name = "Acme";
  REQUIRE(directory.store->CreateTenant(tenant).ok());
  SqliteProposalStore proposals(*directory.database);

  std::atomic<bool> done{false};
  std::atomic<int> rollbacks{0};
  // Picks a proposal that does not exist, over and over: BEGIN IMMEDIATE, an UPDATE that changes nothing, ROLLBACK.
  std::thread picker([&] {
    while (!done) {
      Result<bool> picked = proposals.MarkPicked("prp_missing", "iv_1", 0, 0);
      if (picked.ok() && !*picked) ++rollbacks;
    }
  });
  int written = 0;
  std::string failures;
  for (int i = 0; i < 1500; ++i) {
    Person person;
    person.tenant_id = "acme";
    person.email = "p" + std::to_string(i) + "@acme.test";
    person.name = "Person " + std::to_string(i);
    Result<Person> upserted = directory.store->UpsertPerson(person);
    if (upserted.ok()) {
      ++written;
    } else if (failures.size() < 300) {
      failures += upserted.error().message + "; ";
    }
  }
  done = true;
  picker.join();
  REQUIRE(rollbacks > 0);
  Result<std::vector<Person>> people = directory.store->ListPeople("acme");
  REQUIRE(people.ok());
  CHECK_MESSAGE(written == 1500, failures);
  CHECK_MESSAGE(people->size() == static_cast<std::size_t>(written), "writes answered ok but rolled back");
}
