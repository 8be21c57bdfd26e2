// api_auth_revocation_test.cpp — ApiAuth's cache of verified API keys never outlives a revocation: a key revoked
// while another request was verifying it (after that request read the key, before it cached the answer) is refused
// on the next request. The interleaving is forced by a directory store that revokes the key, and lets another
// request refresh the cache, right after answering the lookup.
#include <doctest/doctest.h>

#include <httplib.h>

#include <functional>
#include <string>
#include <utility>

#include "api/api_auth.h"
#include "api/api_key_issuer.h"
#include "support/temp_directory_store.h"

using namespace slotwise;

namespace {

// Every call goes to `inner`; FindApiKey runs `after_find` once, after the lookup answered.
class InterleavingStore : public DirectoryStore {
 public:
  explicit InterleavingStore(DirectoryStore& inner) : inner_(inner) {}
  std::function<void()> after_find;

  Result<Tenant> CreateTenant(const Tenant& t) override { return inner_.CreateTenant(t); }
  Result<Tenant> UpdateTenant(const Tenant& t) override { return inner_.UpdateTenant(t); }
  Result<std::optional<Tenant>> GetTenant(const std::string& id) override { return inner_.GetTenant(id); }
  Result<std::vector<Tenant>> ListTenants() override { return inner_.ListTenants(); }
  Result<TenantDataDeletion> DeleteTenant(const std::string& id) override { return inner_.DeleteTenant(id); }
  Result<bool> AddApiKey(const ApiKeyRecord& key) override { return inner_.AddApiKey(key); }
  Result<std::optional<ApiKeyRecord>> FindApiKey(const std::string& key_id) override {
    Result<std::optional<ApiKeyRecord>> found = inner_.FindApiKey(key_id);
    if (after_find) std::exchange(after_find, nullptr)();
    return found;
  }
  Result<std::vector<ApiKeyRecord>> ListApiKeys(const std::string& t) override { return inner_.ListApiKeys(t); }
  Result<bool> RevokeApiKey(const std::string& t, const std::string& k, std::int64_t now) override {
    return inner_.RevokeApiKey(t, k, now);
  }
  Result<bool> NoteApiKeyUse(const std::string& k, std::int64_t at) override { return inner_.NoteApiKeyUse(k, at); }
  Result<Person> UpsertPerson(const Person& p) override { return inner_.UpsertPerson(p); }
  Result<std::optional<Person>> GetPerson(const std::string& t, const std::string& e) override {
    return inner_.GetPerson(t, e);
  }
  Result<std::vector<Person>> ListPeople(const std::string& t) override { return inner_.ListPeople(t); }
  Result<bool> DeletePerson(const std::string& t, const std::string& e) override { return inner_.DeletePerson(t, e); }
  Result<Room> UpsertRoom(const Room& r) override { return inner_.UpsertRoom(r); }
  Result<std::optional<Room>> GetRoom(const std::string& t, const std::string& e) override { return inner_.GetRoom(t, e); }
  Result<std::vector<Room>> ListRooms(const std::string& t) override { return inner_.ListRooms(t); }
  Result<bool> DeleteRoom(const std::string& t, const std::string& e) override { return inner_.DeleteRoom(t, e); }
  Result<RoomRefresh> GetRoomRefresh(const std::string& t) override { return inner_.GetRoomRefresh(t); }
  Result<bool> ClaimRoomRefresh(const std::string& t, std::int64_t now, std::int64_t before) override {
    return inner_.ClaimRoomRefresh(t, now, before);
  }
  Result<bool> RecordRoomRefresh(const RoomRefresh& r) override { return inner_.RecordRoomRefresh(r); }
  Result<HostAccount> UpsertHostAccount(const HostAccount& a) override { return inner_.UpsertHostAccount(a); }
  Result<std::optional<HostAccount>> GetHostAccount(const std::string& t, const std::string& id) override {
    return inner_.GetHostAccount(t, id);
  }
  Result<std::vector<HostAccount>> ListHostAccounts(const std::string& t) override { return inner_.ListHostAccounts(t); }
  Result<bool> DeleteHostAccount(const std::string& t, const std::string& id) override {
    return inner_.DeleteHostAccount(t, id);
  }
  Result<Candidate> UpsertCandidate(const Candidate& c) override { return inner_.UpsertCandidate(c); }
  Result<std::optional<Candidate>> GetCandidate(const std::string& t, const std::string& id) override {
    return inner_.GetCandidate(t, id);
  }
  std::uint64_t generation() const override { return inner_.generation(); }

 private:
  DirectoryStore& inner_;
};

bool Accepted(ApiAuth& auth, const std::string& key) {
  httplib::Request req;
  req.set_header("Authorization", "Bearer " + key);
  httplib::Response res;
  return auth.ForTenantApiKey(req, res).has_value();
}

}  // namespace

TEST_CASE("ApiAuth: a key revoked while a request was verifying it is refused on the next request") {
  testing::TempDirectoryStore directory;
  Tenant acme;
  acme.id = "acme";
  REQUIRE(directory.store->CreateTenant(acme).ok());
  Result<IssuedApiKey> key = IssueApiKey(*directory.store, "acme", "race", 100);
  REQUIRE(key.ok());
  InterleavingStore store(*directory.store);
  ApiAuth auth(store, {}, std::nullopt, [] { return std::int64_t{200}; });

  // The lookup sees the key active; then it is revoked, and another request (here: an embedding-origin lookup, which
  // refreshes the same cache) notices the directory changed — all before the first request caches its answer.
  store.after_find = [&] {
    REQUIRE(directory.store->RevokeApiKey("acme", key->record.key_id, 150).ok());
    auth.EmbeddingOrigins("acme");
  };
  CHECK(Accepted(auth, key->plaintext));  // in flight when the revocation came: answered on what it read
  CHECK_FALSE(Accepted(auth, key->plaintext));
  CHECK_FALSE(Accepted(auth, key->plaintext));
}

TEST_CASE("ApiAuth: a verified key is served from the cache until the directory changes, then looked up again") {
  testing::TempDirectoryStore directory;
  Tenant acme;
  acme.id = "acme";
  REQUIRE(directory.store->CreateTenant(acme).ok());
  Result<IssuedApiKey> key = IssueApiKey(*directory.store, "acme", "cache", 100);
  REQUIRE(key.ok());
  InterleavingStore store(*directory.store);
  ApiAuth auth(store, {}, std::nullopt, [] { return std::int64_t{200}; });
  int lookups = 0;
  store.after_find = [&] { ++lookups; };
  CHECK(Accepted(auth, key->plaintext));
  CHECK(lookups == 1);
  store.after_find = [&] { ++lookups; };
  CHECK(Accepted(auth, key->plaintext));  // cached: no lookup
  CHECK(lookups == 1);
  REQUIRE(directory.store->RevokeApiKey("acme", key->record.key_id, 150).ok());
  CHECK_FALSE(Accepted(auth, key->plaintext));
  CHECK(lookups == 2);
}
