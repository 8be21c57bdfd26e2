// display_store_test.cpp — the displays' table on a real SQLite file (displays/display_store.h): a code pairs once,
// only before it expires; a token finds its display only until revocation; the tenant's deletion takes its displays.
#include <doctest/doctest.h>

#include "displays/display_secrets.h"
#include "displays/display_store.h"
#include "support/temp_directory_store.h"

using namespace slotwise;
using namespace slotwise::displays;

namespace {

struct World {
  testing::TempDirectoryStore directory;
  SqliteDisplayStore store{*directory.database};
  World() {
    for (const char* id : {"acme", "globex"}) {
      Tenant tenant;
      tenant.id = id;
      tenant.name = id;
      REQUIRE(directory.store->CreateTenant(tenant).ok());
    }
  }
  Display Make(const std::string& id, const std::string& tenant, const std::string& code, std::int64_t expires) {
    Display display;
    display.id = id;
    display.tenant_id = tenant;
    display.room = "board@acme.test";
    display.code_hash = SecretHash(code);
    display.code_expires_at = expires;
    display.created_at = 1000;
    REQUIRE(store.Create(display).ok());
    return display;
  }
};

}  // namespace

TEST_CASE("a pairing code pairs its display once, and never after it expired") {
  World world;
  world.Make("dsp_a", "acme", "AAAA2222", 2000);
  world.Make("dsp_b", "acme", "BBBB3333", 2000);

  CHECK_FALSE(world.store.Pair(SecretHash("AAAA2222"), SecretHash("swd_t1"), 2000).value().has_value());  // expired
  Result<std::optional<Display>> paired = world.store.Pair(SecretHash("AAAA2222"), SecretHash("swd_t1"), 1999);
  REQUIRE(paired.ok());
  REQUIRE(paired->has_value());
  CHECK((*paired)->id == "dsp_a");
  CHECK((*paired)->paired_at == 1999);
  // The same code again: nothing, and the first token still holds.
  CHECK_FALSE(world.store.Pair(SecretHash("AAAA2222"), SecretHash("swd_t2"), 1999).value().has_value());
  CHECK(world.store.FindByToken(SecretHash("swd_t1")).value().value().id == "dsp_a");
  CHECK_FALSE(world.store.FindByToken(SecretHash("swd_t2")).value().has_value());
  // Unknown codes change nothing; an unpaired display has no token that finds it.
  CHECK_FALSE(world.store.Pair(SecretHash("ZZZZ9999"), SecretHash("swd_t3"), 1500).value().has_value());
  CHECK_FALSE(world.store.FindByToken("unpaired:dsp_b").value().has_value());
  CHECK_FALSE(world.store.FindByToken(SecretHash("unpaired:dsp_b")).value().has_value());
}

TEST_CASE("revoking a display refuses its token at once; only its own tenant and room can revoke it") {
  World world;
  world.Make("dsp_a", "acme", "AAAA2222", 2000);
  REQUIRE(world.store.Pair(SecretHash("AAAA2222"), SecretHash("swd_t1"), 1500).value().has_value());
  CHECK_FALSE(world.store.Revoke("globex", "board@acme.test", "dsp_a").value());
  CHECK_FALSE(world.store.Revoke("acme", "other@acme.test", "dsp_a").value());
  CHECK(world.store.FindByToken(SecretHash("swd_t1")).value().has_value());
  CHECK(world.store.List("acme", "board@acme.test").value().size() == 1);
  CHECK(world.store.List("globex", "board@acme.test").value().empty());
  CHECK(world.store.Revoke("acme", "board@acme.test", "dsp_a").value());
  CHECK_FALSE(world.store.FindByToken(SecretHash("swd_t1")).value().has_value());
  CHECK(world.store.List("acme", "board@acme.test").value().empty());
}

TEST_CASE("deleting the tenant deletes its displays") {
  World world;
  world.Make("dsp_a", "acme", "AAAA2222", 2000);
  world.Make("dsp_g", "globex", "GGGG2222", 2000);
  REQUIRE(world.store.Pair(SecretHash("AAAA2222"), SecretHash("swd_t1"), 1500).value().has_value());
  Result<TenantDataDeletion> deleted = world.directory.store->DeleteTenant("acme");
  REQUIRE(deleted.ok());
  CHECK_FALSE(world.store.FindByToken(SecretHash("swd_t1")).value().has_value());
  CHECK(world.store.List("acme", "board@acme.test").value().empty());
  CHECK(world.store.List("globex", "board@acme.test").value().size() == 1);
}
