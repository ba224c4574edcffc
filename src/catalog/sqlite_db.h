// SqliteDb, Statement and Transaction: a thin RAII wrapper over the SQLite3 C API, used by the
// catalog to keep its metadata in one SQLite file. Every SQLite error becomes a Status naming the
// operation, the SQL, the database file and sqlite3_errmsg.
//
// Status codes for SQLite errors: UNIQUE / PRIMARY KEY violations -> kAlreadyExists; other
// constraint violations -> kFailedPrecondition; BUSY / LOCKED -> kUnavailable; CORRUPT / NOTADB
// -> kCorruption; I/O, CANTOPEN, FULL, READONLY, PERM -> kIOError; NOMEM -> kResourceExhausted;
// anything else (a bad SQL string, a misuse) -> kInternal.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace larder::catalog {

// A prepared statement. Parameters are numbered from 1 and result columns from 0, as in SQLite.
// Not thread-safe. Must not outlive the SqliteDb that prepared it.
class Statement {
 public:
  // Takes ownership of `stmt`, which must not be null.
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  [[nodiscard]] Status Bind(int index, int64_t value);
  [[nodiscard]] Status Bind(int index, double value);
  // SQLite copies the text; `value` need not outlive the call.
  [[nodiscard]] Status Bind(int index, std::string_view value);
  [[nodiscard]] Status Bind(int index, std::nullptr_t);
  // Other integer types (int, bool, size_t, ...) bind as int64.
  template <std::integral T>
  [[nodiscard]] Status Bind(int index, T value) {
    return Bind(index, static_cast<int64_t>(value));
  }

  // Binds `values` to parameters 1, 2, ... in order; stops at the first failure.
  template <typename... Values>
  [[nodiscard]] Status BindAll(const Values&... values) {
    int index = 1;
    Status status;
    (void)((status = Bind(index++, values)).ok() && ...);
    return status;
  }

  // Runs the statement to its next row: true when a row is available, false when done.
  Result<bool> Step();
  // Rewinds the statement so that it can run again. Bindings are kept.
  void Reset();

  // Column getters; valid only after Step() returned true. NULL reads as 0 / "".
  int64_t ColumnInt64(int column) const;
  double ColumnDouble(int column) const;
  std::string ColumnText(int column) const;
  bool ColumnIsNull(int column) const;
  std::optional<int64_t> ColumnOptionalInt64(int column) const;

  // The SQL this statement was prepared from.
  std::string_view sql() const;

 private:
  Status Error(std::string_view operation) const;

  sqlite3_stmt* stmt_;  // Owned; null when moved from.
};

// One open SQLite connection. Not thread-safe: callers serialize access (Catalog holds a mutex).
class SqliteDb {
 public:
  // Opens or creates the database at `path` with journal_mode=WAL, foreign_keys=ON and a busy
  // timeout of 5000 ms. Fails if the file cannot be switched to WAL mode.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path);
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  // Runs one or more ';'-separated statements, discarding any rows they return.
  [[nodiscard]] Status Exec(std::string_view sql);
  // Prepares exactly one statement.
  Result<Statement> Prepare(std::string_view sql);

  // The rowid of the last successful INSERT on this connection.
  int64_t LastInsertRowId() const;
  // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  int64_t ChangedRows() const;
  // True while a transaction is open.
  bool InTransaction() const;
  const std::string& path() const { return path_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Error(std::string_view operation, std::string_view sql) const;
  Status Configure();

  sqlite3* db_;  // Owned.
  std::string path_;
};

// A write transaction: BEGIN IMMEDIATE takes the write lock up front, so a transaction never
// fails half-way because another connection started writing. Rolled back when destroyed unless
// Commit() succeeded. Must not outlive its SqliteDb.
class [[nodiscard]] Transaction {
 public:
  static Result<Transaction> Begin(SqliteDb* db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  // Commits. On failure the transaction stays open and is rolled back by the destructor.
  [[nodiscard]] Status Commit();

 private:
  explicit Transaction(SqliteDb* db) : db_(db) {}

  SqliteDb* db_;  // Null once committed or moved from.
};

// Prepares `sql`, binds `args` to its parameters and runs it to completion. For writes.
template <typename... Args>
[[nodiscard]] Status Execute(SqliteDb& db, std::string_view sql, const Args&... args) {
  LARDER_ASSIGN_OR_RETURN(Statement statement, db.Prepare(sql));
  LARDER_RETURN_IF_ERROR(statement.BindAll(args...));
  while (true) {
    LARDER_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) return Status::OK();
  }
}

// Prepares `sql`, binds `args` and converts every result row with `read_row`.
template <typename T, typename... Args>
Result<std::vector<T>> QueryAll(SqliteDb& db, std::string_view sql,
                                Result<T> (*read_row)(const Statement&), const Args&... args) {
  LARDER_ASSIGN_OR_RETURN(Statement statement, db.Prepare(sql));
  LARDER_RETURN_IF_ERROR(statement.BindAll(args...));
  std::vector<T> rows;
  while (true) {
    LARDER_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) return rows;
    LARDER_ASSIGN_OR_RETURN(T row, read_row(statement));
    rows.push_back(std::move(row));
  }
}

}  // namespace larder::catalog
