// Tests for backend/store/sqlite_query.h: Exec, Exists, Query with SqlRow mappers, First, PreparedSql and
// WriteTransaction, on a real SQLite file in a temporary folder.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "slotwise/error_codes.h"
#include "store/sqlite_query.h"
#include "store/sqlite_store.h"
#include "support/temp_dir.h"

using namespace slotwise;

namespace {

struct Item {
  std::string name;
  std::int64_t count = 0;
};

// A database with one table `items (name TEXT UNIQUE, count INTEGER)`.
struct Fixture {
  Fixture() {
    Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::Open(dir.File("query.db"));
    REQUIRE(opened.ok());
    database = std::move(opened).value();
    REQUIRE(Exec(db(), "CREATE TABLE items (name TEXT NOT NULL UNIQUE, count INTEGER NOT NULL)", {}).ok());
  }
  sqlite3* db() const { return database->handle(); }
  Result<std::vector<Item>> Items() const {
    return Query<Item>(db(), "SELECT name, count FROM items ORDER BY name", {},
                       [](SqlRow& row) { return Item{row.Text(), row.Int()}; });
  }

  testing::TempDir dir{"slotwise-query"};
  std::unique_ptr<SqliteStore> database;
};

}  // namespace

TEST_CASE("sqlite_query: Exec binds ?1… in order and answers the rows it changed") {
  Fixture f;
  const std::vector<SqlValue> a = {std::string("a"), std::int64_t{1}};
  const std::vector<SqlValue> b = {std::string("b"), std::int64_t{2}};
  CHECK(Exec(f.db(), "INSERT INTO items (name, count) VALUES (?1, ?2)", a).value() == 1);
  CHECK(Exec(f.db(), "INSERT INTO items (name, count) VALUES (?, ?)", b).value() == 1);
  CHECK(Exec(f.db(), "UPDATE items SET count = count + 10", {}).value() == 2);
  CHECK(Exec(f.db(), "DELETE FROM items WHERE name = ?1", {std::string("none")}).value() == 0);
  const Result<std::vector<Item>> items = f.Items();
  REQUIRE(items.ok());
  REQUIRE(items->size() == 2);
  CHECK(items->at(0).name == "a");
  CHECK(items->at(0).count == 11);
  CHECK(items->at(1).count == 12);
}

TEST_CASE("sqlite_query: a unique constraint is storage_conflict, bad SQL storage_error") {
  Fixture f;
  REQUIRE(Exec(f.db(), "INSERT INTO items VALUES ('a', 1)", {}).ok());
  const Result<int> again = Exec(f.db(), "INSERT INTO items VALUES ('a', 2)", {});
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == codes::kStorageConflict);
  const Result<int> broken = Exec(f.db(), "INSERT INTO nowhere VALUES (1)", {});
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().code == codes::kStorageError);
  const Result<std::vector<Item>> unreadable =
      Query<Item>(f.db(), "SELECT nothing FROM items", {}, [](SqlRow& row) { return Item{row.Text(), 0}; });
  REQUIRE_FALSE(unreadable.ok());
  CHECK(unreadable.error().code == codes::kStorageError);
}

TEST_CASE("sqlite_query: Exists answers whether a row comes back, also from a write … RETURNING") {
  Fixture f;
  REQUIRE(Exec(f.db(), "INSERT INTO items VALUES ('a', 1)", {}).ok());
  CHECK(Exists(f.db(), "SELECT 1 FROM items WHERE name = ?1", {std::string("a")}).value());
  CHECK_FALSE(Exists(f.db(), "SELECT 1 FROM items WHERE name = ?1", {std::string("b")}).value());
  CHECK(Exists(f.db(), "UPDATE items SET count = 5 WHERE name = 'a' RETURNING 1", {}).value());
  CHECK_FALSE(Exists(f.db(), "UPDATE items SET count = 6 WHERE name = 'b' RETURNING 1", {}).value());
  CHECK(f.Items()->at(0).count == 5);  // the write happened at the first step
}

TEST_CASE("sqlite_query: a mapper reads columns left to right; its failure ends the query; First takes one row") {
  Fixture f;
  REQUIRE(Exec(f.db(), "INSERT INTO items VALUES ('a', 1), ('b', -1), ('c', 3)", {}).ok());
  const auto positive = [](SqlRow& row) -> Result<Item> {
    Item item{row.Text(), row.Int()};
    if (item.count < 0) return Error{codes::kStorageError, item.name + " is negative", ""};
    return item;
  };
  const Result<std::vector<Item>> all =
      Query<Item>(f.db(), "SELECT name, count FROM items ORDER BY name", {}, positive);
  REQUIRE_FALSE(all.ok());
  CHECK(all.error().message == "b is negative");
  const Result<std::optional<Item>> first =
      First(Query<Item>(f.db(), "SELECT name, count FROM items WHERE count > ?1 ORDER BY name", {std::int64_t{0}},
                        positive));
  REQUIRE(first.ok());
  REQUIRE(first->has_value());
  CHECK(first->value().name == "a");
  const Result<std::optional<Item>> none =
      First(Query<Item>(f.db(), "SELECT name, count FROM items WHERE count > 99", {}, positive));
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
}

TEST_CASE("sqlite_query: a PreparedSql runs again with new values") {
  Fixture f;
  Result<PreparedSql> insert = PreparedSql::Prepare(f.db(), "INSERT INTO items (name, count) VALUES (?1, ?2)");
  REQUIRE(insert.ok());
  for (std::int64_t i = 0; i < 3; ++i) REQUIRE(insert->Exec({"n" + std::to_string(i), i}).value() == 1);
  Result<PreparedSql> select = PreparedSql::Prepare(f.db(), "SELECT name, count FROM items WHERE count >= ?1");
  REQUIRE(select.ok());
  const auto read = [](SqlRow& row) { return Item{row.Text(), row.Int()}; };
  CHECK(select->Query<Item>({std::int64_t{1}}, read).value().size() == 2);
  CHECK(select->Query<Item>({std::int64_t{2}}, read).value().size() == 1);
  CHECK(select->Exists({std::int64_t{3}}).value() == false);
}

TEST_CASE("sqlite_query: a WriteTransaction rolls back unless committed") {
  Fixture f;
  {
    WriteTransaction transaction(f.db());
    REQUIRE(transaction.Began().ok());
    REQUIRE(Exec(f.db(), "INSERT INTO items VALUES ('gone', 1)", {}).ok());
  }
  CHECK(f.Items()->empty());
  {
    WriteTransaction transaction(f.db());
    REQUIRE(transaction.Began().ok());
    REQUIRE(Exec(f.db(), "INSERT INTO items VALUES ('kept', 1)", {}).ok());
    REQUIRE(transaction.Commit().ok());
  }
  REQUIRE(f.Items()->size() == 1);
  CHECK(f.Items()->at(0).name == "kept");
}
