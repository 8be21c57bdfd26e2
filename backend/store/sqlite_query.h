// sqlite_query.h — the one way every SQLite store runs its statements, on top of sqlite_statement.h: positional values
// (SqlValue), a statement without rows (Exec, answering the rows it changed), whether a statement answers a row
// (Exists), a SELECT mapped row by row (Query; a mapper reads the row's columns in order through SqlRow), the first
// row of one (First), a statement prepared once and run for many values (PreparedSql), and a BEGIN IMMEDIATE
// transaction that rolls back unless committed (WriteTransaction).
//
// Contract: failures are Error values — codes::kStorageError, or codes::kStorageConflict when a step breaks a unique
// constraint (Statement::Step); a row mapper may fail too, and its Error ends the query. Exec's count is the
// connection's sqlite3_changes(): exact only while no other statement runs on that connection in between (stores on
// a shared handle learn a write's effect from `… RETURNING` with Exists instead). The caller serialises use of the
// connection (each store holds its own mutex). Header-only; nothing throws except std::bad_alloc.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "slotwise/error_codes.h"
#include "slotwise/result.h"
#include "store/sqlite_statement.h"

namespace slotwise {

using SqlValue = std::variant<std::string, std::int64_t>;

// Binds args[i] to parameter i + 1 (so `?1` … or plain `?` in order).
inline void BindAll(Statement& statement, const std::vector<SqlValue>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    if (const std::string* text = std::get_if<std::string>(&args[i])) {
      statement.Bind(index, *text);
    } else {
      statement.Bind(index, std::get<std::int64_t>(args[i]));
    }
  }
}

// One row of a query, read left to right: each call answers the next column ("" for a NULL text).
class SqlRow {
 public:
  explicit SqlRow(const Statement& statement) : statement_(statement) {}
  std::string Text() { return statement_.Text(column_++); }
  std::int64_t Int() { return statement_.Int(column_++); }

 private:
  const Statement& statement_;
  int column_ = 0;
};

// A statement prepared once and run any number of times (a loop of inserts, one SELECT per key). Every run starts
// from the beginning with the values it is given; give every parameter each time (one not given keeps the last run's).
class PreparedSql {
 public:
  static Result<PreparedSql> Prepare(sqlite3* db, std::string_view sql) {
    Result<Statement> statement = Statement::Prepare(db, sql);
    if (!statement) return statement.error();
    return PreparedSql(db, std::move(statement).value());
  }

  // Runs a statement without rows; answers the number of rows the connection's last statement changed.
  Result<int> Exec(const std::vector<SqlValue>& args) {
    Start(args);
    Result<bool> step = statement_.Step();
    if (!step) return step.error();
    return sqlite3_changes(db_);
  }

  // True when the statement answers a row; it stops at that row (a write `… RETURNING` has made all its changes).
  Result<bool> Exists(const std::vector<SqlValue>& args) {
    Start(args);
    return statement_.Step();
  }

  // Every row, mapped by `map(SqlRow&)`, which answers a T or a Result<T> (a failure ends the query).
  template <class T, class Map>
  Result<std::vector<T>> Query(const std::vector<SqlValue>& args, Map&& map) {
    Start(args);
    std::vector<T> rows;
    while (true) {
      Result<bool> row = statement_.Step();
      if (!row) return row.error();
      if (!*row) break;
      SqlRow columns(statement_);
      if constexpr (std::is_same_v<std::decay_t<std::invoke_result_t<Map&, SqlRow&>>, T>) {
        rows.push_back(map(columns));
      } else {
        Result<T> mapped = map(columns);
        if (!mapped) return mapped.error();
        rows.push_back(std::move(mapped).value());
      }
    }
    return rows;
  }

 private:
  PreparedSql(sqlite3* db, Statement statement) : db_(db), statement_(std::move(statement)) {}
  void Start(const std::vector<SqlValue>& args) {
    statement_.Reset();
    BindAll(statement_, args);
  }

  sqlite3* db_;
  Statement statement_;
};

// Prepares and runs a statement without rows once; answers the rows it changed (see the contract on sharing).
inline Result<int> Exec(sqlite3* db, std::string_view sql, const std::vector<SqlValue>& args) {
  Result<PreparedSql> prepared = PreparedSql::Prepare(db, sql);
  if (!prepared) return prepared.error();
  return prepared->Exec(args);
}

// Prepares and runs a statement once: true when it answers a row (`SELECT 1 …`, or a write `… RETURNING`).
inline Result<bool> Exists(sqlite3* db, std::string_view sql, const std::vector<SqlValue>& args) {
  Result<PreparedSql> prepared = PreparedSql::Prepare(db, sql);
  if (!prepared) return prepared.error();
  return prepared->Exists(args);
}

// Prepares and runs a SELECT once and maps every row (PreparedSql::Query).
template <class T, class Map>
Result<std::vector<T>> Query(sqlite3* db, std::string_view sql, const std::vector<SqlValue>& args, Map&& map) {
  Result<PreparedSql> prepared = PreparedSql::Prepare(db, sql);
  if (!prepared) return prepared.error();
  return prepared->template Query<T>(args, std::forward<Map>(map));
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
