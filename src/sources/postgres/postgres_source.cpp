#include "sources/postgres/postgres_source.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <utility>

#include "sources/postgres/copy_text_decoder.h"
#include "sources/postgres/pg_types.h"

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

Batch EmptyBatch(const Schema& schema, size_t batch_rows) {
  Batch batch;
  batch.schema = schema;
  for (const Field& field : schema.fields) {
    ColumnVector& column = batch.columns.emplace_back(field.type);
    if (field.type.fixed_width() > 0) column.Reserve(std::min<size_t>(batch_rows, 65536));
  }
  return batch;
}

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
    QueryResult started(PQexec(connection.get(), sql.c_str()));
    if (started == nullptr || PQresultStatus(started.get()) != PGRES_COPY_OUT) {
      return QueryError(settings_, connection.get(), started.get(), what);
    }
    LARDER_RETURN_IF_ERROR(StreamCopy(connection.get(), tables[0], request.batch_rows, sink, what));
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

  // Reads the rows of a started COPY into batches of `batch_rows` and hands them to `sink`.
  Status StreamCopy(PGconn* connection, const SourceTable& table, size_t batch_rows,
                    const BatchSink& sink, std::string_view what) const {
    Schema schema;
    for (const SourceColumn& column : table.columns) {
      schema.fields.push_back({column.name, column.type});
    }
    Batch batch = EmptyBatch(schema, batch_rows);
    CopyTextDecoder decoder;
    uint64_t rows_read = 0;
    while (true) {
      char* buffer = nullptr;
      int length = PQgetCopyData(connection, &buffer, /*async=*/0);
      if (length < 0) break;
      Status appended = AppendRow(std::string_view(buffer, length), &decoder, &batch);
      PQfreemem(buffer);
      if (!appended.ok()) {
        AbandonCopy(connection);
        return appended.WithContext(fmt::format("{}, row {}", what, rows_read + 1));
      }
      ++rows_read;
      if (batch.num_rows() >= batch_rows) {
        Status delivered = sink(std::exchange(batch, EmptyBatch(schema, batch_rows)));
        if (!delivered.ok()) {
          AbandonCopy(connection);
          return delivered;
        }
      }
    }
    QueryResult finished(PQgetResult(connection));
    if (finished == nullptr || PQresultStatus(finished.get()) != PGRES_COMMAND_OK) {
      return QueryError(settings_, connection, finished.get(),
                        fmt::format("{} (after {} rows)", what, rows_read));
    }
    while (PGresult* rest = PQgetResult(connection)) PQclear(rest);
    if (batch.num_rows() > 0) {
      LARDER_RETURN_IF_ERROR(sink(std::move(batch)));
    }
    return Status::OK();
  }

  static Status AppendRow(std::string_view line, CopyTextDecoder* decoder, Batch* batch) {
    LARDER_RETURN_IF_ERROR(decoder->Decode(line, batch->columns.size()));
    for (size_t column_idx = 0; column_idx < batch->columns.size(); ++column_idx) {
      ColumnVector& column = batch->columns[column_idx];
      Status appended;
      if (decoder->IsNull(column_idx)) {
        if (!column.type().nullable()) {
          appended = Corruption("NULL in a column that does not allow NULL");
        } else {
          column.AppendNull();
        }
      } else {
        appended = AppendPostgresValue(decoder->Field(column_idx), &column);
      }
      if (!appended.ok()) {
        return appended.WithContext(
            fmt::format("column \"{}\"", batch->schema.fields[column_idx].name));
      }
    }
    return Status::OK();
  }

  PostgresSettings settings_;
};

Status RequireSetting(const SourceConfig& config, const char* name, std::string* out) {
  auto it = config.settings.find(name);
  if (it == config.settings.end() || it->second.empty()) {
    return InvalidArgument("the PostgreSQL source needs the setting \"{}\"", name);
  }
  *out = it->second;
  return Status::OK();
}

void OptionalSetting(const SourceConfig& config, const char* name, std::string* out) {
  auto it = config.settings.find(name);
  if (it != config.settings.end() && !it->second.empty()) *out = it->second;
}

}  // namespace

Result<std::unique_ptr<Source>> OpenPostgresSource(const SourceConfig& config) {
  PostgresSettings settings;
  LARDER_RETURN_IF_ERROR(RequireSetting(config, "host", &settings.host));
  LARDER_RETURN_IF_ERROR(RequireSetting(config, "database", &settings.database));
  LARDER_RETURN_IF_ERROR(RequireSetting(config, "user", &settings.user));
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
