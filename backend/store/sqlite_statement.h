// sqlite_statement.h — a prepared SQLite statement with RAII, positional binding and typed column reads.
//
// Contract: `Prepare` fails with Error{"storage_error"} naming the SQL's first words; `Step` returns true for a row,
// false when done, and an Error on failure. Text columns read as std::string ("" for NULL). Not thread-safe: a
// Statement belongs to the thread (and the lock) that prepared it.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "slotwise/error_codes.h"
#include "slotwise/result.h"

namespace slotwise {

class Statement {
 public:
  static Result<Statement> Prepare(sqlite3* db, std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
      return Error{codes::kStorageError, "cannot prepare \"" + std::string(sql.substr(0, 40)) + "\": " + sqlite3_errmsg(db),
                   ""};
    }
    return Statement(db, stmt);
  }
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  Statement& Bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }

  Result<bool> Step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Error{sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_UNIQUE ? codes::kStorageConflict : codes::kStorageError,
                 std::string("SQLite: ") + sqlite3_errmsg(db_), ""};
  }

  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string();
  }
  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  // Clears the previous execution (keeps the bindings for rebinding), so one prepared statement serves a loop.
  void Reset() { sqlite3_reset(stmt_); }

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

}  // namespace slotwise
