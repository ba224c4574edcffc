#include "catalog/sqlite_db.h"

#include <sqlite3.h>

#include <cctype>
#include <utility>

namespace larder::catalog {
namespace {

constexpr int kBusyTimeoutMillis = 5000;
constexpr size_t kMaxSqlInMessage = 160;

StatusCode StatusCodeForSqlite(int extended_code) {
  if (extended_code == SQLITE_CONSTRAINT_UNIQUE || extended_code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return StatusCode::kAlreadyExists;
  }
  switch (extended_code & 0xff) {
    case SQLITE_CONSTRAINT:
      return StatusCode::kFailedPrecondition;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StatusCode::kUnavailable;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StatusCode::kCorruption;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return StatusCode::kIOError;
    case SQLITE_NOMEM:
      return StatusCode::kResourceExhausted;
    default:
      return StatusCode::kInternal;
  }
}

// `sql` on one line, whitespace runs collapsed, cut to kMaxSqlInMessage characters.
std::string AbbreviateSql(std::string_view sql) {
  std::string out;
  bool pending_space = false;
  for (char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
    if (out.size() >= kMaxSqlInMessage) return out + "...";
  }
  return out;
}

// "sqlite step of `INSERT ...` on /data/catalog.db failed: UNIQUE constraint failed: ..."
Status SqliteError(sqlite3* db, std::string_view operation, std::string_view sql) {
  const char* file = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  std::string where = file != nullptr && *file != '\0' ? fmt::format(" on {}", file) : "";
  std::string what = sql.empty() ? "" : fmt::format(" of `{}`", AbbreviateSql(sql));
  const char* message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  int code = db != nullptr ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
  return Status(StatusCodeForSqlite(code),
                fmt::format("sqlite {}{}{} failed: {}", operation, what, where, message));
}

}  // namespace

Statement::Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Status Statement::Error(std::string_view operation) const {
  return SqliteError(sqlite3_db_handle(stmt_), operation, sql());
}

Status Statement::Bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) return Error("bind");
  return Status::OK();
}

Status Statement::Bind(int index, double value) {
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) return Error("bind");
  return Status::OK();
}

Status Statement::Bind(int index, std::string_view value) {
  // A non-null pointer even for an empty view, so that "" binds as '' and not as NULL.
  const char* data = value.data() != nullptr ? value.data() : "";
  int rc = sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) return Error("bind");
  return Status::OK();
}

Status Statement::Bind(int index, std::nullptr_t) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) return Error("bind");
  return Status::OK();
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status status = Error("step");
  sqlite3_reset(stmt_);
  return status;
}

void Statement::Reset() { sqlite3_reset(stmt_); }

int64_t Statement::ColumnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::ColumnDouble(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return "";
  // sqlite3_column_bytes must be called after sqlite3_column_text.
  int size = sqlite3_column_bytes(stmt_, column);
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::optional<int64_t> Statement::ColumnOptionalInt64(int column) const {
  if (ColumnIsNull(column)) return std::nullopt;
  return ColumnInt64(column);
}

std::string_view Statement::sql() const {
  const char* text = sqlite3_sql(stmt_);
  return text != nullptr ? std::string_view(text) : std::string_view();
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  // The handle needs closing even when opening failed.
  std::unique_ptr<SqliteDb> db(new SqliteDb(raw, path));
  if (rc != SQLITE_OK) {
    // sqlite3_errmsg and sqlite3_extended_errcode accept a null handle (out of memory).
    return Status(StatusCodeForSqlite(sqlite3_extended_errcode(raw)),
                  fmt::format("sqlite open of {} failed: {}", path, sqlite3_errmsg(raw)));
  }
  LARDER_RETURN_IF_ERROR(db->Configure());
  return db;
}

Status SqliteDb::Configure() {
  if (sqlite3_busy_timeout(db_, kBusyTimeoutMillis) != SQLITE_OK) {
    return Error("busy_timeout", "");
  }
  LARDER_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys = ON"));
  LARDER_ASSIGN_OR_RETURN(Statement journal, Prepare("PRAGMA journal_mode = WAL"));
  LARDER_ASSIGN_OR_RETURN(bool has_row, journal.Step());
  std::string mode = has_row ? journal.ColumnText(0) : "";
  // An in-memory database reports "memory" and cannot use WAL; that is fine for tests.
  if (mode != "wal" && mode != "memory") {
    return FailedPrecondition(
        "could not switch catalog {} to WAL journal mode (it is in '{}' mode); put the catalog "
        "on a local file system",
        path_, mode);
  }
  return Status::OK();
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

Status SqliteDb::Error(std::string_view operation, std::string_view sql) const {
  return SqliteError(db_, operation, sql);
}

Status SqliteDb::Exec(std::string_view sql) {
  while (!sql.empty()) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
    if (rc != SQLITE_OK) return Error("prepare", sql);
    if (raw == nullptr) return Status::OK();  // Only whitespace or comments were left.
    sql.remove_prefix(static_cast<size_t>(tail - sql.data()));
    Statement statement(raw);
    while (true) {
      LARDER_ASSIGN_OR_RETURN(bool has_row, statement.Step());
      if (!has_row) break;
    }
  }
  return Status::OK();
}

Result<Statement> SqliteDb::Prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
  if (rc != SQLITE_OK) return Error("prepare", sql);
  if (raw == nullptr) return Internal("sqlite prepare: no statement in `{}`", sql);
  Statement statement(raw);
  std::string_view rest = sql.substr(static_cast<size_t>(tail - sql.data()));
  if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    return Internal("sqlite prepare: more than one statement in `{}`", AbbreviateSql(sql));
  }
  return statement;
}

int64_t SqliteDb::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

int64_t SqliteDb::ChangedRows() const { return sqlite3_changes64(db_); }

bool SqliteDb::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Result<Transaction> Transaction::Begin(SqliteDb* db) {
  LARDER_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
  return Transaction(db);
}

Transaction::~Transaction() {
  if (db_ != nullptr && db_->InTransaction()) db_->Exec("ROLLBACK").IgnoreError();
}

Status Transaction::Commit() {
  if (db_ == nullptr) return Internal("Commit() on a finished transaction");
  LARDER_RETURN_IF_ERROR(db_->Exec("COMMIT"));
  db_ = nullptr;
  return Status::OK();
}

}  // namespace larder::catalog
