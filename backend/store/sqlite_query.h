// sqlite_query.h — the small helpers every SQLite store uses on top of sqlite_statement.h: positional values, a
// SELECT mapped into values, the first row of one, and a BEGIN IMMEDIATE transaction that rolls back unless committed.
//
// Contract: errors are Error{"storage_error"} (or Statement::Step's "storage_conflict" for a unique constraint); the
// caller serialises use of the connection (each store holds its own mutex).
// Header-only; nothing throws except std::bad_alloc.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "slotwise/error_codes.h"
#include "slotwise/result.h"
#include "store/sqlite_statement.h"

namespace slotwise {

using SqlValue = std::variant<std::string, std::int64_t>;

// Binds args[i] to parameter i + 1.
inline void BindAll(Statement& stmt, const std::vector<SqlValue>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    if (const std::string* text = std::get_if<std::string>(&args[i])) {
      stmt.Bind(index, *text);
    } else {
      stmt.Bind(index, std::get<std::int64_t>(args[i]));
    }
  }
}

// Runs a SELECT and maps every row; `map` may fail (unreadable stored values).
template <class T>
Result<std::vector<T>> Query(sqlite3* db, const std::string& sql, const std::vector<SqlValue>& args,
                             const std::function<Result<T>(const Statement&)>& map) {
  Result<Statement> stmt = Statement::Prepare(db, sql);
  if (!stmt) return stmt.error();
  BindAll(stmt.value(), args);
  std::vector<T> rows;
  while (true) {
    Result<bool> row = stmt.value().Step();
    if (!row) return row.error();
    if (!*row) break;
    Result<T> mapped = map(stmt.value());
    if (!mapped) return mapped.error();
    rows.push_back(std::move(mapped).value());
  }
  return rows;
}

// The first row of `rows`, if any.
template <class T>
Result<std::optional<T>> First(Result<std::vector<T>> rows) {
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<T>();
  return std::optional<T>(std::move(rows.value().front()));
}

// BEGIN IMMEDIATE … COMMIT on one connection; rolls back unless Commit() succeeded.
class WriteTransaction {
 public:
  explicit WriteTransaction(sqlite3* db) : db_(db) {
    began_ = sqlite3_exec(db_, "BEGIN IMMEDIATE;", nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  ~WriteTransaction() {
    if (began_ && !committed_) sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  Result<bool> Began() const {
    if (began_) return true;
    return Error{codes::kStorageError, std::string("cannot begin a write transaction: ") + sqlite3_errmsg(db_), ""};
  }
  Result<bool> Commit() {
    if (sqlite3_exec(db_, "COMMIT;", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return Error{codes::kStorageError, std::string("cannot commit: ") + sqlite3_errmsg(db_), ""};
    }
    committed_ = true;
    return true;
  }

 private:
  sqlite3* db_;
  bool began_ = false;
  bool committed_ = false;
};

}  // namespace slotwise
