#include "sources/postgres/postgres_source.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>

#include "sources/postgres/copy_text_decoder.h"
#include "sources/postgres/pg_types.h"
#include "sources/source_settings.h"

namespace larder::sources {
namespace {

struct ConnectionCloser {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using Connection = std::unique_ptr<PGconn, ConnectionCloser>;

struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using QueryResult = std::unique_ptr<PGresult, ResultClearer>;

struct PostgresSettings {
  std::string host;
  std::string port = "5432";
  std::string database;
  std::string user;
  std::string password;
  std::string schema = "public";
  std::string sslmode = "prefer";

  std::string Address() const { return fmt::format("{}:{}", host, port); }
};

// Session settings that fix how values print: ISO dates, UTC timestamptz, hex bytea, floats
// that round-trip.
constexpr const char* kSessionOptions =
    "-c DateStyle=ISO -c TimeZone=UTC -c bytea_output=hex -c extra_float_digits=3 "
    "-c IntervalStyle=postgres";

// libpq messages end with a newline and may span (tab-indented) lines; joins them into one.
std::string OneLine(std::string_view message) {
  std::string line;
  for (char c : message) {
    if (c == '\n' || c == '\t') {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      line += c;
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// Turns a failed connection attempt into a status saying what to fix. libpq's messages never
// hold the password.
Status ConnectError(const PostgresSettings& settings, std::string_view libpq_message) {
  std::string message = OneLine(libpq_message);
  if (Contains(message, "password authentication failed") ||
      Contains(message, "no password supplied") ||
      (Contains(message, "role \"") && Contains(message, "does not exist"))) {
    return Status(StatusCode::kUnauthenticated,
                  fmt::format("password authentication failed for user \"{}\" at PostgreSQL {}: "
                              "check the user and password",
                              settings.user, settings.Address()));
  }
  if (Contains(message, "database \"") && Contains(message, "does not exist")) {
    return NotFound("database \"{}\" does not exist on PostgreSQL {}", settings.database,
                    settings.Address());
  }
  return Status(StatusCode::kUnavailable,
                fmt::format("cannot connect to PostgreSQL at {}: {}", settings.Address(), message));
}

Result<Connection> Connect(const PostgresSettings& settings) {
  const char* keywords[] = {"host",
                            "port",
                            "dbname",
                            "user",
                            "sslmode",
                            "connect_timeout",
                            "application_name",
                            "client_encoding",
                            "options",
                            "password",
                            nullptr};
  const char* values[] = {settings.host.c_str(),
                          settings.port.c_str(),
                          settings.database.c_str(),
                          settings.user.c_str(),
                          settings.sslmode.c_str(),
                          "10",
                          "larder",
                          "UTF8",
                          kSessionOptions,
                          settings.password.empty() ? nullptr : settings.password.c_str(),
                          nullptr};
  Connection connection(PQconnectdbParams(keywords, values, /*expand_dbname=*/0));
  if (connection == nullptr) return ResourceExhausted("out of memory opening a libpq connection");
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    return ConnectError(settings, PQerrorMessage(connection.get()));
  }
  return connection;
}

// The status for a failed statement; `what` says what was being done ("reading table …").
Status QueryError(const PostgresSettings& settings, PGconn* connection, const PGresult* result,
                  std::string_view what) {
  std::string message =
      OneLine(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(connection));
  if (message.empty()) message = OneLine(PQerrorMessage(connection));
  const char* sqlstate_field =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string_view sqlstate = sqlstate_field != nullptr ? sqlstate_field : "";
  if (PQstatus(connection) == CONNECTION_BAD || sqlstate.starts_with("08") ||
      sqlstate.starts_with("57P")) {
    return Status(StatusCode::kUnavailable,
                  fmt::format("lost the connection to PostgreSQL at {} while {}: {}",
                              settings.Address(), what, message));
  }
  if (sqlstate == "42P01" || sqlstate == "3F000") return NotFound("{}: {}", what, message);
  if (sqlstate.starts_with("22")) return InvalidArgument("{}: {}", what, message);  // Bad data.
  if (sqlstate == "42501") {
    return Status(StatusCode::kPermissionDenied, fmt::format("{}: {}", what, message));
  }
  return FailedPrecondition("{} failed: {}", what, message);
}

// Runs `sql` with text parameters (nullopt for NULL) and expects `expected`.
Result<QueryResult> Execute(const PostgresSettings& settings, PGconn* connection,
                            const std::string& sql,
                            const std::vector<std::optional<std::string>>& params,
                            ExecStatusType expected, std::string_view what) {
  std::vector<const char*> values;
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  QueryResult result(PQexecParams(connection, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, /*resultFormat=*/0));
  if (result == nullptr || PQresultStatus(result.get()) != expected) {
    return QueryError(settings, connection, result.get(), what);
  }
  return result;
}

std::string_view Cell(const PGresult* result, int row, int column) {
  return std::string_view(PQgetvalue(result, row, column), PQgetlength(result, row, column));
}

Result<std::string> QuoteIdentifier(PGconn* connection, std::string_view name) {
  char* quoted = PQescapeIdentifier(connection, name.data(), name.size());
  if (quoted == nullptr) return InvalidArgument("cannot quote identifier \"{}\"", name);
  std::string text(quoted);
  PQfreemem(quoted);
  return text;
}

Result<std::string> QuoteLiteral(PGconn* connection, std::string_view text) {
  char* quoted = PQescapeLiteral(connection, text.data(), text.size());
  if (quoted == nullptr) return InvalidArgument("cannot quote the literal '{}'", text);
  std::string literal(quoted);
  PQfreemem(quoted);
  return literal;
}

// Columns of the relations of a schema, in order. $1 schema, $2 one relation's name or NULL.
constexpr const char* kColumnsSql = R"sql(
SELECT c.relname, c.relkind, c.reltuples::float8, a.attname,
       format_type(a.atttypid, a.atttypmod), a.attnotnull, bt.typname, bt.typcategory,
       CASE WHEN a.atttypmod = -1 AND t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,
       coalesce(et.typname, ''),
       EXISTS (SELECT 1 FROM pg_index i
               WHERE i.indrelid = c.oid AND i.indisvalid AND i.indkey[0] = a.attnum)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
LEFT JOIN pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A'
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
  AND ($2::text IS NULL OR c.relname = $2)
ORDER BY c.relname, a.attnum)sql";

// Primary key columns in key order. Same parameters.
constexpr const char* kPrimaryKeySql = R"sql(
SELECT c.relname, a.attname
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
WHERE i.indisprimary AND n.nspname = $1 AND ($2::text IS NULL OR c.relname = $2)
ORDER BY c.relname, k.ord)sql";

SourceColumn ColumnFromRow(const PGresult* result, int row) {
  SourceColumn column;
  column.name = Cell(result, row, 3);
  column.source_type = Cell(result, row, 4);
  column.nullable = Cell(result, row, 5) != "t";
  PostgresType pg_type;
  pg_type.base_name = Cell(result, row, 6);
  pg_type.category = Cell(result, row, 7).empty() ? 'U' : Cell(result, row, 7)[0];
  std::string_view typmod = Cell(result, row, 8);
  std::from_chars(typmod.data(), typmod.data() + typmod.size(), pg_type.typmod);
  pg_type.element_name = Cell(result, row, 9);
  MappedType mapped = MapPostgresType(pg_type, column.nullable);
  column.type = mapped.type;
  column.replication_key_candidate = mapped.replication_key_candidate;
  column.indexed = Cell(result, row, 10) == "t";
  return column;
}

// The relations of `settings.schema` (only `table` when given), sorted by name.
Result<std::vector<SourceTable>> DiscoverTables(const PostgresSettings& settings,
                                                PGconn* connection,
                                                std::optional<std::string> table) {
  std::string what = fmt::format("discovering the tables of schema \"{}\"", settings.schema);
  std::vector<std::optional<std::string>> params = {settings.schema, table};
  LARDER_ASSIGN_OR_RETURN(QueryResult columns, Execute(settings, connection, kColumnsSql, params,
                                                       PGRES_TUPLES_OK, what));
  std::vector<SourceTable> tables;
  for (int row = 0; row < PQntuples(columns.get()); ++row) {
    std::string_view name = Cell(columns.get(), row, 0);
    if (tables.empty() || tables.back().name != name) {
      SourceTable& added = tables.emplace_back();
      added.name = name;
      double reltuples = 0;
      std::string_view text = Cell(columns.get(), row, 2);
      std::from_chars(text.data(), text.data() + text.size(), reltuples);
      // Views have no row count; -1 means never analysed.
      if (Cell(columns.get(), row, 1) != "v" && reltuples >= 0) {
        added.estimated_rows = static_cast<uint64_t>(std::llround(reltuples));
      }
    }
    tables.back().columns.push_back(ColumnFromRow(columns.get(), row));
  }
  LARDER_ASSIGN_OR_RETURN(QueryResult keys, Execute(settings, connection, kPrimaryKeySql, params,
                                                    PGRES_TUPLES_OK, what));
  size_t table_idx = 0;
  for (int row = 0; row < PQntuples(keys.get()); ++row) {
    std::string_view name = Cell(keys.get(), row, 0);
    while (table_idx < tables.size() && tables[table_idx].name < name) ++table_idx;
    if (table_idx < tables.size() && tables[table_idx].name == name) {
      tables[table_idx].primary_key.emplace_back(Cell(keys.get(), row, 1));
    }
  }
  return tables;
}

// Stops a COPY that is still sending rows: cancels it, drops what already arrived and rolls the
// transaction back, so the connection could be reused.
void AbandonCopy(PGconn* connection) {
  if (PGcancel* cancel = PQgetCancel(connection)) {
    char error[256];
    PQcancel(cancel, error, sizeof(error));
    PQfreeCancel(cancel);
  }
  char* buffer = nullptr;
  while (PQgetCopyData(connection, &buffer, /*async=*/0) > 0) PQfreemem(buffer);
  while (PGresult* result = PQgetResult(connection)) PQclear(result);
  PQclear(PQexec(connection, "ROLLBACK"));
}

// Rows decoded ahead of the sink at most (some 40 MB of rows like the sync benchmark's): enough
// to keep reading while the sink writes a part.
constexpr size_t kMaxQueuedRows = size_t{1} << 19;

// A batch being filled from COPY rows, one appender per column.
class CopyBatchBuilder {
 public:
  CopyBatchBuilder(Schema schema, size_t batch_rows)
      : schema_(std::move(schema)), batch_rows_(batch_rows) {
    Start();
  }

  // Appends the row `decoder` holds. On failure (the error names the column) the batch is
  // unusable.
  Status AppendRow(const CopyTextDecoder& decoder) {
    for (size_t column_idx = 0; column_idx < appenders_.size(); ++column_idx) {
      PostgresColumnAppender& appender = appenders_[column_idx];
      Status appended = decoder.IsNull(column_idx) ? appender.AppendNull()
                                                   : appender.Append(decoder.Field(column_idx));
      if (!appended.ok()) {
        return appended.WithContext(fmt::format("column \"{}\"", schema_.fields[column_idx].name));
      }
    }
    ++rows_;
    return Status::OK();
  }

  size_t columns() const { return schema_.fields.size(); }
  size_t rows() const { return rows_; }
  bool full() const { return rows_ >= batch_rows_; }

  // The rows appended since the last Take, as a batch; starts the next one.
  Batch Take() {
    for (PostgresColumnAppender& appender : appenders_) appender.Finish();
    Batch done = std::move(batch_);
    Start();
    return done;
  }

 private:
  void Start() {
    batch_ = Batch{};
    batch_.schema = schema_;
    for (const Field& field : schema_.fields) batch_.columns.emplace_back(field.type);
    appenders_.clear();
    for (ColumnVector& column : batch_.columns) {
      appenders_.emplace_back(&column, std::min<size_t>(batch_rows_, 65536));
    }
    rows_ = 0;
  }

  const Schema schema_;
  const size_t batch_rows_;
  Batch batch_;
  std::vector<PostgresColumnAppender> appenders_;  // Point into batch_.columns.
  size_t rows_ = 0;
};

// Hands batches from the thread reading a COPY to the thread calling the sink, so that reading
// from the server goes on while the sink writes (a table writer stops to encode a part every
// million rows or so). Thread-safe: one producer, one consumer.
class BatchQueue {
 public:
  static constexpr std::chrono::milliseconds kCancelPoll{50};

  // Holds at most `capacity` batches.
  explicit BatchQueue(size_t capacity) : capacity_(capacity) {}

  // Producer: waits for room. False when the consumer abandoned the queue: stop reading.
  bool Push(Batch batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return abandoned_ || batches_.size() < capacity_; });
    if (abandoned_) return false;
    batches_.push_back(std::move(batch));
    changed_.notify_all();
    return true;
  }

  // Producer: no batch follows; `status` says how the read ended.
  void Close(Status status) {
    std::lock_guard lock(mutex_);
    closed_ = true;
    status_ = std::move(status);
    changed_.notify_all();
  }

  // Consumer: the next batch, or nullopt once the queue is closed and empty (then status()) or
  // once `*cancel` is set (checked every kCancelPoll while waiting).
  std::optional<Batch> Pop(const std::atomic<bool>* cancel) {
    std::unique_lock lock(mutex_);
    auto ready = [&] { return closed_ || !batches_.empty(); };
    while (!changed_.wait_for(lock, kCancelPoll, ready)) {
      if (cancel != nullptr && cancel->load()) return std::nullopt;
    }
    if (batches_.empty()) return std::nullopt;
    Batch batch = std::move(batches_.front());
    batches_.pop_front();
    changed_.notify_all();
    return batch;
  }

  // Consumer: takes no more batches; a waiting or later Push returns false.
  void Abandon() {
    std::lock_guard lock(mutex_);
    abandoned_ = true;
    batches_.clear();
    changed_.notify_all();
  }

  Status status() const {
    std::lock_guard lock(mutex_);
    return status_;
  }

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> batches_;
  bool closed_ = false;
  bool abandoned_ = false;
  Status status_;
};

class PostgresSource : public Source {
 public:
  explicit PostgresSource(PostgresSettings settings) : settings_(std::move(settings)) {}

  Status Check() override {
    LARDER_ASSIGN_OR_RETURN(Connection connection, Connect(settings_));
    LARDER_ASSIGN_OR_RETURN(
        QueryResult result,
        Execute(settings_, connection.get(), "SELECT 1 FROM pg_namespace WHERE nspname = $1",
                {settings_.schema}, PGRES_TUPLES_OK, "checking the schema"));
    if (PQntuples(result.get()) == 0) {
      return NotFound("schema \"{}\" does not exist in database \"{}\" on PostgreSQL {}",
                      settings_.schema, settings_.database, settings_.Address());
    }
    return Status::OK();
  }

  Result<std::vector<SourceTable>> Discover() override {
    LARDER_ASSIGN_OR_RETURN(Connection connection, Connect(settings_));
    return DiscoverTables(settings_, connection.get(), std::nullopt);
  }

  Status Read(const ReadRequest& request, const BatchSink& sink) override {
    if (request.batch_rows == 0) return InvalidArgument("batch_rows must be at least 1");
    LARDER_ASSIGN_OR_RETURN(Connection connection, Connect(settings_));
    std::string what = fmt::format("reading table \"{}.{}\"", settings_.schema, request.table);
    LARDER_RETURN_IF_ERROR(Execute(settings_, connection.get(),
                                   "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", {},
                                   PGRES_COMMAND_OK, what));
    LARDER_ASSIGN_OR_RETURN(std::vector<SourceTable> tables,
                            DiscoverTables(settings_, connection.get(), request.table));
    if (tables.empty()) {
      return NotFound("table \"{}\" does not exist in schema \"{}\" of database \"{}\"",
                      request.table, settings_.schema, settings_.database);
    }
    LARDER_ASSIGN_OR_RETURN(std::string sql, CopySql(connection.get(), tables[0], request));
    LARDER_RETURN_IF_ERROR(StartCopy(connection.get(), sql, request.cancel, what));
    LARDER_RETURN_IF_ERROR(StreamCopy(connection.get(), tables[0], request, sink, what));
    LARDER_RETURN_IF_ERROR(
        Execute(settings_, connection.get(), "COMMIT", {}, PGRES_COMMAND_OK, what));
    return Status::OK();
  }

 private:
  // COPY (SELECT "a", "b" FROM "schema"."table" [WHERE "key" >= '…'] [ORDER BY "key"]) TO STDOUT
  Result<std::string> CopySql(PGconn* connection, const SourceTable& table,
                              const ReadRequest& request) const {
    std::string select;
    for (const SourceColumn& column : table.columns) {
      LARDER_ASSIGN_OR_RETURN(std::string quoted, QuoteIdentifier(connection, column.name));
      select += select.empty() ? quoted : ", " + quoted;
    }
    LARDER_ASSIGN_OR_RETURN(std::string schema, QuoteIdentifier(connection, settings_.schema));
    LARDER_ASSIGN_OR_RETURN(std::string name, QuoteIdentifier(connection, table.name));
    std::string sql = fmt::format("COPY (SELECT {} FROM {}.{}", select, schema, name);
    if (!request.cursor_column.empty()) {
      const SourceColumn* cursor_column = nullptr;
      for (const SourceColumn& column : table.columns) {
        if (column.name == request.cursor_column) cursor_column = &column;
      }
      if (cursor_column == nullptr) {
        return InvalidArgument("cursor column \"{}\" is not a column of table \"{}.{}\"",
                               request.cursor_column, settings_.schema, table.name);
      }
      LARDER_ASSIGN_OR_RETURN(std::string key, QuoteIdentifier(connection, cursor_column->name));
      if (request.cursor && !request.cursor->is_null()) {
        LARDER_ASSIGN_OR_RETURN(std::string text,
                                FormatPostgresCursor(*request.cursor, cursor_column->type));
        LARDER_ASSIGN_OR_RETURN(std::string literal, QuoteLiteral(connection, text));
        sql += fmt::format(" WHERE {} >= {}", key, literal);
      }
      sql += fmt::format(" ORDER BY {}", key);
    }
    return sql + ") TO STDOUT";
  }

  // Sends the COPY and waits for the server to start it (a query that sorts or scans before its
  // first row may take long), checking `cancel` meanwhile: once it is set the server is asked to
  // cancel the query and this returns kCancelled.
  Status StartCopy(PGconn* connection, const std::string& sql, const std::atomic<bool>* cancel,
                   std::string_view what) const {
    if (PQsendQuery(connection, sql.c_str()) == 0) {
      return QueryError(settings_, connection, nullptr, what);
    }
    bool cancelled = false;
    while (PQisBusy(connection) != 0) {
      pollfd socket{PQsocket(connection), POLLIN, 0};
      const int ready = poll(&socket, 1, static_cast<int>(BatchQueue::kCancelPoll.count()));
      if (ready < 0 && errno != EINTR) return IOError("{}: poll failed: {}", what, strerror(errno));
      if (ready > 0 && PQconsumeInput(connection) == 0) break;  // PQgetResult says why.
      if (!cancelled && cancel != nullptr && cancel->load()) {
        cancelled = true;
        if (PGcancel* request = PQgetCancel(connection)) {
          char error[256];
          PQcancel(request, error, sizeof(error));
          PQfreeCancel(request);
        }
      }
    }
    QueryResult started(PQgetResult(connection));
    if (cancelled) return Cancelled("{} was cancelled", what);
    if (started == nullptr || PQresultStatus(started.get()) != PGRES_COPY_OUT) {
      return QueryError(settings_, connection, started.get(), what);
    }
    return Status::OK();
  }

  // Reads the rows of a started COPY into batches of `batch_rows` and hands them to `sink`. A
  // thread of its own reads and decodes the rows while this one runs the sink, so the server
  // keeps sending while the sink writes; the connection is that thread's until it ends. Setting
  // `request.cancel` cancels the COPY on the server even while no row arrives.
  Status StreamCopy(PGconn* connection, const SourceTable& table, const ReadRequest& request,
                    const BatchSink& sink, std::string_view what) const {
    const size_t batch_rows = request.batch_rows;
    Schema schema;
    for (const SourceColumn& column : table.columns) {
      schema.fields.push_back({column.name, column.type});
    }
    std::unique_ptr<PGcancel, decltype(&PQfreeCancel)> cancel(PQgetCancel(connection),
                                                              &PQfreeCancel);
    BatchQueue queue(std::max<size_t>(2, kMaxQueuedRows / batch_rows));
    std::thread reader(
        [&] { queue.Close(ReadCopy(connection, std::move(schema), batch_rows, what, &queue)); });
    Status delivered;
    while (std::optional<Batch> batch = queue.Pop(request.cancel)) {
      delivered = sink(std::move(*batch));
      if (!delivered.ok()) break;
    }
    if (delivered.ok() && request.cancel != nullptr && request.cancel->load()) {
      delivered = Cancelled("{} was cancelled", what);
    }
    if (!delivered.ok()) {
      queue.Abandon();
      if (cancel != nullptr) {  // The reader may be waiting for the server: stop the COPY.
        char error[256];
        PQcancel(cancel.get(), error, sizeof(error));
      }
    }
    reader.join();
    Status read = queue.status();
    if (!delivered.ok() || !read.ok()) AbandonCopy(connection);
    return delivered.ok() ? read : delivered;
  }

  // The reader thread of StreamCopy: rows into batches into `queue` until the COPY ends; the last
  // batch only once the server reported the COPY complete. Returns how the read ended (OK too
  // when the queue was abandoned).
  Status ReadCopy(PGconn* connection, Schema schema, size_t batch_rows, std::string_view what,
                  BatchQueue* queue) const {
    CopyBatchBuilder builder(std::move(schema), batch_rows);
    CopyTextDecoder decoder;
    uint64_t rows_read = 0;
    while (true) {
      char* buffer = nullptr;
      int length = PQgetCopyData(connection, &buffer, /*async=*/0);
      if (length < 0) break;
      Status appended = decoder.Decode(std::string_view(buffer, length), builder.columns());
      if (appended.ok()) appended = builder.AppendRow(decoder);
      PQfreemem(buffer);
      if (!appended.ok())
        return appended.WithContext(fmt::format("{}, row {}", what, rows_read + 1));
      ++rows_read;
      if (builder.full() && !queue->Push(builder.Take())) return Status::OK();
    }
    QueryResult finished(PQgetResult(connection));
    if (finished == nullptr || PQresultStatus(finished.get()) != PGRES_COMMAND_OK) {
      return QueryError(settings_, connection, finished.get(),
                        fmt::format("{} (after {} rows)", what, rows_read));
    }
    while (PGresult* rest = PQgetResult(connection)) PQclear(rest);
    if (builder.rows() > 0) queue->Push(builder.Take());
    return Status::OK();
  }

  PostgresSettings settings_;
};

}  // namespace

Result<std::unique_ptr<Source>> OpenPostgresSource(const SourceConfig& config) {
  PostgresSettings settings;
  LARDER_RETURN_IF_ERROR(RequireSetting(config, "PostgreSQL", "host", &settings.host));
  LARDER_RETURN_IF_ERROR(RequireSetting(config, "PostgreSQL", "database", &settings.database));
  LARDER_RETURN_IF_ERROR(RequireSetting(config, "PostgreSQL", "user", &settings.user));
  OptionalSetting(config, "port", &settings.port);
  OptionalSetting(config, "password", &settings.password);
  OptionalSetting(config, "schema", &settings.schema);
  OptionalSetting(config, "sslmode", &settings.sslmode);
  static constexpr std::string_view kSslModes[] = {"disable", "allow",     "prefer",
                                                   "require", "verify-ca", "verify-full"};
  if (std::find(std::begin(kSslModes), std::end(kSslModes), settings.sslmode) ==
      std::end(kSslModes)) {
    return InvalidArgument(
        "sslmode \"{}\" is not one of disable, allow, prefer, require, verify-ca, verify-full",
        settings.sslmode);
  }
  int port = 0;
  auto [end, error] =
      std::from_chars(settings.port.data(), settings.port.data() + settings.port.size(), port);
  if (error != std::errc() || end != settings.port.data() + settings.port.size() || port < 1 ||
      port > 65535) {
    return InvalidArgument("port \"{}\" is not a TCP port number (1-65535)", settings.port);
  }
  return std::unique_ptr<Source>(std::make_unique<PostgresSource>(std::move(settings)));
}

}  // namespace larder::sources
