// Tests for backend/store/sqlite_directory_store: a real SQLite file per test in a temporary folder.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "store/sqlite_directory_store.h"
#include "store/sqlite_query.h"
#include "support/temp_directory_store.h"

using namespace slotwise;

namespace {

struct Fixture : testing::TempDirectoryStore {
  Tenant Acme() const {
    Tenant tenant;
    tenant.id = "acme";
    tenant.name = "Acme GmbH";
    tenant.allowed_origins = {"https://ats.example", "https://jobs.acme.test"};
    tenant.time_zone = "Europe/Berlin";
    tenant.locale = "de";
    tenant.calendar_provider = "google";
    tenant.policies_json = R"({"host_rules":{"host_absent_no_jbh":"warn"}})";
    tenant.ats_webhook_url = "https://ats.example/hooks/slotwise";
    tenant.ats_webhook_secret = "whsec-very-secret-value-1234";
    tenant.created_at = 1'700'000'000;
    return tenant;
  }
};

Person Anna() {
  Person person;
  person.tenant_id = "acme";
  person.email = "Anna.Schmidt@ACME.test";
  person.name = "Anna Schmidt";
  person.time_zone = "Europe/Berlin";
  person.working_hours_json = R"({"mon":[["09:00","17:00"]]})";
  person.roles = {"recruiter", "interviewer"};
  person.max_interviews_per_day = 3;
  person.locale = "de";
  return person;
}

}  // namespace

TEST_CASE("DirectoryStore: a tenant round-trips with its origins, policies and secret") {
  Fixture f;
  Result<Tenant> created = f.store->CreateTenant(f.Acme());
  REQUIRE_MESSAGE(created.ok(), created.error().message);

  Result<std::optional<Tenant>> read = f.store->GetTenant("acme");
  REQUIRE(read.ok());
  REQUIRE(read->has_value());
  const Tenant& t = read->value();
  CHECK(t.name == "Acme GmbH");
  CHECK(t.allowed_origins == std::vector<std::string>{"https://ats.example", "https://jobs.acme.test"});
  CHECK(t.time_zone == "Europe/Berlin");
  CHECK(t.locale == "de");
  CHECK(t.calendar_provider == "google");
  CHECK(t.policies_json == R"({"host_rules":{"host_absent_no_jbh":"warn"}})");
  CHECK(t.ats_webhook_url == "https://ats.example/hooks/slotwise");
  CHECK(t.ats_webhook_secret == "whsec-very-secret-value-1234");
  CHECK(t.created_at == 1'700'000'000);

  Result<Tenant> again = f.store->CreateTenant(f.Acme());
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == "tenant_exists");

  Tenant changed = f.Acme();
  changed.name = "Acme AG";
  changed.allowed_origins = {};
  changed.ats_webhook_secret = "";
  changed.created_at = 5;  // ignored: the stored creation time stays
  REQUIRE(f.store->UpdateTenant(changed).ok());
  Result<std::optional<Tenant>> updated = f.store->GetTenant("acme");
  REQUIRE(updated.ok());
  CHECK(updated->value().name == "Acme AG");
  CHECK(updated->value().allowed_origins.empty());
  CHECK(updated->value().ats_webhook_secret.empty());
  CHECK(updated->value().created_at == 1'700'000'000);

  Tenant beta = f.Acme();
  beta.id = "beta-2";
  REQUIRE(f.store->CreateTenant(beta).ok());
  Result<std::vector<Tenant>> all = f.store->ListTenants();
  REQUIRE(all.ok());
  REQUIRE(all->size() == 2);
  CHECK(all->at(0).id == "acme");
  CHECK(all->at(1).id == "beta-2");
}

TEST_CASE("DirectoryStore: tenant ids and values the store cannot keep are invalid_request; missing rows not_found") {
  Fixture f;
  for (const std::string& id : std::vector<std::string>{"", "Acme", "acme_1", "a/b", std::string(65, 'a')}) {
    CAPTURE(id);
    Tenant tenant = f.Acme();
    tenant.id = id;
    Result<Tenant> created = f.store->CreateTenant(tenant);
    REQUIRE_FALSE(created.ok());
    CHECK(created.error().code == "invalid_request");
    CHECK(created.error().field == "tenant_id");
  }
  Tenant longest = f.Acme();
  longest.id = std::string(64, 'a');
  CHECK(f.store->CreateTenant(longest).ok());

  Tenant bad_provider = f.Acme();
  bad_provider.calendar_provider = "yahoo";
  CHECK(f.store->CreateTenant(bad_provider).error().field == "calendar_provider");
  Tenant bad_policies = f.Acme();
  bad_policies.policies_json = "[1]";
  CHECK(f.store->CreateTenant(bad_policies).error().field == "policies_json");

  CHECK(f.store->UpdateTenant(f.Acme()).error().code == "not_found");
  Result<std::optional<Tenant>> missing = f.store->GetTenant("nobody");
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());
  Result<std::optional<Tenant>> invalid = f.store->GetTenant("../etc");
  REQUIRE(invalid.ok());
  CHECK_FALSE(invalid->has_value());

  // Rows of a tenant that does not exist.
  CHECK(f.store->UpsertPerson(Anna()).error().code == "not_found");
  REQUIRE(f.store->CreateTenant(f.Acme()).ok());
  Person nameless = Anna();
  nameless.email = "";
  CHECK(f.store->UpsertPerson(nameless).error().code == "invalid_request");
  Person negative = Anna();
  negative.max_interviews_per_week = -1;
  CHECK(f.store->UpsertPerson(negative).error().field == "max_interviews_per_week");
  Person bad_hours = Anna();
  bad_hours.working_hours_json = "mon 9-5";
  CHECK(f.store->UpsertPerson(bad_hours).error().field == "working_hours_json");

  CHECK(f.store->DeletePerson("acme", "nobody@acme.test").error().code == "not_found");
  CHECK(f.store->DeleteRoom("acme", "nowhere@acme.test").error().code == "not_found");
  CHECK(f.store->DeleteHostAccount("acme", "zoom:nobody@acme.test").error().code == "not_found");
  CHECK(f.store->RevokeApiKey("acme", "nokey", 1).error().code == "not_found");
  Result<std::optional<Person>> no_person = f.store->GetPerson("acme", "nobody@acme.test");
  REQUIRE(no_person.ok());
  CHECK_FALSE(no_person->has_value());
  Result<std::optional<Room>> no_room = f.store->GetRoom("acme", "nowhere@acme.test");
  REQUIRE(no_room.ok());
  CHECK_FALSE(no_room->has_value());
  Result<std::optional<Candidate>> no_candidate = f.store->GetCandidate("acme", "c-404");
  REQUIRE(no_candidate.ok());
  CHECK_FALSE(no_candidate->has_value());
  Result<std::optional<ApiKeyRecord>> no_key = f.store->FindApiKey("nokey");
  REQUIRE(no_key.ok());
  CHECK_FALSE(no_key->has_value());
}

TEST_CASE("DirectoryStore: people are keyed by lower-cased e-mail, found case-insensitively, upserted whole") {
  Fixture f;
  REQUIRE(f.store->CreateTenant(f.Acme()).ok());
  Result<Person> stored = f.store->UpsertPerson(Anna());
  REQUIRE_MESSAGE(stored.ok(), stored.error().message);
  CHECK(stored->email == "anna.schmidt@acme.test");

  Result<std::optional<Person>> read = f.store->GetPerson("acme", "ANNA.schmidt@acme.TEST");
  REQUIRE(read.ok());
  REQUIRE(read->has_value());
  const Person& p = read->value();
  CHECK(p.email == "anna.schmidt@acme.test");
  CHECK(p.name == "Anna Schmidt");
  CHECK(p.time_zone == "Europe/Berlin");
  CHECK(p.working_hours_json == R"({"mon":[["09:00","17:00"]]})");
  CHECK(p.roles == std::vector<std::string>{"recruiter", "interviewer"});
  CHECK(p.max_interviews_per_day == std::optional<std::int64_t>(3));
  CHECK_FALSE(p.max_interviews_per_week.has_value());  // NULL, not 0
  CHECK(p.locale == "de");
  CHECK(p.calendar_provider.empty());

  Person replaced = Anna();
  replaced.email = "anna.schmidt@acme.test";
  replaced.name = "Anna S.";
  replaced.max_interviews_per_day.reset();
  replaced.max_interviews_per_week = 0;  // 0 is a limit ("no interview may be added"), kept apart from "none"
  replaced.calendar_provider = "microsoft";
  REQUIRE(f.store->UpsertPerson(replaced).ok());
  Person ben = Anna();
  ben.email = "ben@acme.test";
  REQUIRE(f.store->UpsertPerson(ben).ok());

  Result<std::vector<Person>> people = f.store->ListPeople("acme");
  REQUIRE(people.ok());
  REQUIRE(people->size() == 2);  // the upsert replaced Anna's row instead of adding one
  CHECK(people->at(0).email == "anna.schmidt@acme.test");
  CHECK(people->at(0).name == "Anna S.");
  CHECK_FALSE(people->at(0).max_interviews_per_day.has_value());
  CHECK(people->at(0).max_interviews_per_week == std::optional<std::int64_t>(0));
  CHECK(people->at(0).calendar_provider == "microsoft");
  CHECK(people->at(1).email == "ben@acme.test");

  REQUIRE(f.store->DeletePerson("acme", "Ben@Acme.Test").ok());
  CHECK(f.store->ListPeople("acme")->size() == 1);
  CHECK(f.store->ListPeople("other")->empty());
}

TEST_CASE("DirectoryStore: rooms, host accounts, candidates and API keys") {
  Fixture f;
  REQUIRE(f.store->CreateTenant(f.Acme()).ok());

  Room room{"acme", "Room-A@Acme.test", "Room A", 6, "HQ", "3", ""};
  REQUIRE(f.store->UpsertRoom(room).ok());
  Room unknown_capacity{"acme", "room-b@acme.test", "Room B", std::nullopt, "", "", "microsoft"};
  REQUIRE(f.store->UpsertRoom(unknown_capacity).ok());
  Result<std::vector<Room>> rooms = f.store->ListRooms("acme");
  REQUIRE(rooms.ok());
  REQUIRE(rooms->size() == 2);
  CHECK(rooms->at(0).email == "room-a@acme.test");
  CHECK(rooms->at(0).capacity == std::optional<std::int64_t>(6));
  CHECK(rooms->at(0).floor == "3");
  CHECK_FALSE(rooms->at(1).capacity.has_value());
  CHECK(rooms->at(1).calendar_provider == "microsoft");
  CHECK(f.store->GetRoom("acme", "ROOM-A@acme.test")->value().name == "Room A");
  REQUIRE(f.store->DeleteRoom("acme", "Room-B@acme.test").ok());
  CHECK(f.store->ListRooms("acme")->size() == 1);

  HostAccount zoom{"acme", "", "zoom", "Rita@Acme.test", "con_1", R"({"join_before_host":false})"};
  Result<HostAccount> host = f.store->UpsertHostAccount(zoom);
  REQUIRE_MESSAGE(host.ok(), host.error().message);
  CHECK(host->id == "zoom:rita@acme.test");  // derived from provider and owner
  CHECK(host->owner_email == "rita@acme.test");
  Result<std::optional<HostAccount>> read_host = f.store->GetHostAccount("acme", "zoom:RITA@acme.test");
  REQUIRE(read_host.ok());
  REQUIRE(read_host->has_value());
  CHECK(read_host->value().settings_json == R"({"join_before_host":false})");
  CHECK(read_host->value().connection_id == "con_1");
  HostAccount wrong_id{"acme", "teams:rita@acme.test", "zoom", "rita@acme.test", "", "{}"};
  CHECK(f.store->UpsertHostAccount(wrong_id).error().field == "id");
  HostAccount wrong_provider{"acme", "", "webex", "rita@acme.test", "", "{}"};
  CHECK(f.store->UpsertHostAccount(wrong_provider).error().field == "provider");
  REQUIRE(f.store->UpsertHostAccount({"acme", "teams:rita@acme.test", "teams", "rita@acme.test", "", "{}"}).ok());
  Result<std::vector<HostAccount>> hosts = f.store->ListHostAccounts("acme");
  REQUIRE(hosts.ok());
  REQUIRE(hosts->size() == 2);
  CHECK(hosts->at(0).id == "teams:rita@acme.test");
  CHECK(hosts->at(1).id == "zoom:rita@acme.test");
  REQUIRE(f.store->DeleteHostAccount("acme", "teams:rita@acme.test").ok());
  CHECK(f.store->ListHostAccounts("acme")->size() == 1);

  Candidate candidate{"acme", "cand-17", "Mia Wong", "mia@example.org", "Asia/Tokyo", "ja"};
  REQUIRE(f.store->UpsertCandidate(candidate).ok());
  candidate.locale = "en";
  REQUIRE(f.store->UpsertCandidate(candidate).ok());
  Result<std::optional<Candidate>> read_candidate = f.store->GetCandidate("acme", "cand-17");
  REQUIRE(read_candidate.ok());
  CHECK(read_candidate->value().time_zone == "Asia/Tokyo");
  CHECK(read_candidate->value().locale == "en");

  ApiKeyRecord key{"k7f3", "acme", "ab12cd", "ATS production", 100, 0};
  REQUIRE(f.store->AddApiKey(key).ok());
  CHECK(f.store->AddApiKey(key).error().code == "key_exists");
  ApiKeyRecord orphan{"k999", "nobody", "ab", "", 1, 0};
  CHECK(f.store->AddApiKey(orphan).error().code == "not_found");
  REQUIRE(f.store->RevokeApiKey("acme", "k7f3", 200).ok());
  REQUIRE(f.store->RevokeApiKey("acme", "k7f3", 300).ok());  // the first revocation time stays
  Result<std::optional<ApiKeyRecord>> found = f.store->FindApiKey("k7f3");
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK(found->value().tenant_id == "acme");
  CHECK(found->value().secret_hash == "ab12cd");
  CHECK(found->value().revoked_at == 200);
  CHECK(f.store->RevokeApiKey("beta", "k7f3", 1).error().code == "not_found");  // another tenant's key
  CHECK(f.store->ListApiKeys("acme")->size() == 1);
}

TEST_CASE("DirectoryStore: the ATS webhook secret is sealed at rest and bound to its tenant") {
  Fixture f;
  REQUIRE(f.store->CreateTenant(f.Acme()).ok());
  Tenant other = f.Acme();
  other.id = "other";
  other.ats_webhook_secret = "whsec-the-other-tenant";
  REQUIRE(f.store->CreateTenant(other).ok());

  // Neither the database file nor its WAL holds the plaintext.
  const std::string raw = testing::ReadFile(f.db_path) + testing::ReadFile(f.db_path + "-wal");
  CHECK_FALSE(raw.empty());
  CHECK(raw.find("whsec-very-secret-value-1234") == std::string::npos);
  CHECK(raw.find("whsec-the-other-tenant") == std::string::npos);
  CHECK(raw.find("Acme GmbH") != std::string::npos);  // the reading above does see the rows

  // A sealed value copied into another tenant's row does not open there.
  Result<int> copied = Exec(f.database->handle(),
                            "UPDATE tenants SET ats_webhook_secret_sealed = (SELECT ats_webhook_secret_sealed FROM "
                            "tenants WHERE id = 'acme') WHERE id = 'other'",
                            {});
  REQUIRE(copied.ok());
  CHECK(*copied == 1);
  Result<std::optional<Tenant>> opened = f.store->GetTenant("other");
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().code == "decrypt_failed");
  CHECK(f.store->GetTenant("acme")->value().ats_webhook_secret == "whsec-very-secret-value-1234");
  // An update that sets a new secret repairs the row.
  REQUIRE(f.store->UpdateTenant(other).ok());
  CHECK(f.store->GetTenant("other")->value().ats_webhook_secret == "whsec-the-other-tenant");
}

TEST_CASE("DirectoryStore: generation increases on every successful write and only then") {
  Fixture f;
  std::uint64_t last = f.store->generation();
  auto wrote = [&] {
    const std::uint64_t now = f.store->generation();
    const bool increased = now > last;
    last = now;
    return increased;
  };
  REQUIRE(f.store->CreateTenant(f.Acme()).ok());
  CHECK(wrote());
  REQUIRE(f.store->UpdateTenant(f.Acme()).ok());
  CHECK(wrote());
  REQUIRE(f.store->UpsertPerson(Anna()).ok());
  CHECK(wrote());
  REQUIRE(f.store->UpsertRoom({"acme", "room-a@acme.test", "A", 4, "", "", ""}).ok());
  CHECK(wrote());
  REQUIRE(f.store->UpsertHostAccount({"acme", "", "zoom", "anna.schmidt@acme.test", "", "{}"}).ok());
  CHECK(wrote());
  REQUIRE(f.store->AddApiKey({"k1", "acme", "h", "", 1, 0}).ok());
  CHECK(wrote());
  REQUIRE(f.store->RevokeApiKey("acme", "k1", 2).ok());
  CHECK(wrote());
  REQUIRE(f.store->UpsertCandidate({"acme", "c1", "C", "c@x.test", "UTC", "en"}).ok());
  CHECK(wrote());
  REQUIRE(f.store->DeletePerson("acme", "anna.schmidt@acme.test").ok());
  CHECK(wrote());

  // Reads and refused writes leave it alone.
  CHECK(f.store->GetTenant("acme").ok());
  CHECK(f.store->ListPeople("acme").ok());
  CHECK_FALSE(f.store->CreateTenant(f.Acme()).ok());
  CHECK_FALSE(f.store->DeleteRoom("acme", "nowhere@acme.test").ok());
  CHECK_FALSE(wrote());
}
