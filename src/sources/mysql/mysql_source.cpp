#include "sources/mysql/mysql_source.h"

#include <errmsg.h>
#include <fmt/format.h>
#include <mysql.h>
#include <mysqld_error.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "sources/mysql/mysql_types.h"
#include "sources/source_settings.h"

namespace larder::sources {
namespace {

struct ConnectionCloser {
  void operator()(MYSQL* connection) const { mysql_close(connection); }
};
using Connection = std::unique_ptr<MYSQL, ConnectionCloser>;

struct ResultFreer {
  void operator()(MYSQL_RES* result) const { mysql_free_result(result); }
};
using QueryResult = std::unique_ptr<MYSQL_RES, ResultFreer>;

struct MysqlSettings {
  std::string host;
  std::string port = "3306";
  std::string database;
  std::string user;
  std::string password;
  std::string ssl = "prefer";

  std::string Address() const { return fmt::format("{}:{}", host, port); }
};

// Session settings that fix how values arrive: timestamps in UTC, zero dates readable (no
// strict or NO_ZERO_DATE mode, and no NO_BACKSLASH_ESCAPES, which would change quoting), and a
// server that waits up to 10 minutes for a reader that is busy storing the previous batch.
constexpr const char* kSessionSettings =
    "SET time_zone = '+00:00', sql_mode = '', net_write_timeout = 600";
constexpr unsigned kConnectTimeoutSeconds = 10;
// A sorted read may keep the server busy for minutes before its first row.
constexpr unsigned kReadTimeoutSeconds = 600;
constexpr unsigned kWriteTimeoutSeconds = 60;

bool IsConnectionLost(unsigned error) {
  switch (error) {
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_SERVER_LOST_EXTENDED:
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case ER_CONNECTION_KILLED:
    case ER_QUERY_INTERRUPTED:
    case ER_SERVER_SHUTDOWN:
    case ER_NET_READ_ERROR:
    case ER_NET_READ_INTERRUPTED:
    case ER_NET_ERROR_ON_WRITE:
    case ER_NET_WRITE_INTERRUPTED:
      return true;
    default:
      return false;
  }
}

// Turns a failed connection attempt into a status saying what to fix. The server's messages
// never hold the password.
Status ConnectError(const MysqlSettings& settings, unsigned error, std::string_view message) {
  switch (error) {
    case ER_ACCESS_DENIED_ERROR:
    case ER_ACCESS_DENIED_NO_PASSWORD_ERROR:
      return Status(StatusCode::kUnauthenticated,
                    fmt::format("cannot log in to MySQL at {} as user \"{}\": {}: check the user "
                                "and password",
                                settings.Address(), settings.user, message));
    case ER_HOST_NOT_PRIVILEGED:
      return Status(StatusCode::kPermissionDenied,
                    fmt::format("MySQL at {} refuses this host: {}: allow it for user \"{}\"",
                                settings.Address(), message, settings.user));
    case ER_BAD_DB_ERROR:
      return NotFound("database \"{}\" does not exist on MySQL {}", settings.database,
                      settings.Address());
    case ER_DBACCESS_DENIED_ERROR:
      // MySQL answers so for a database that does not exist as well, not to reveal which.
      return NotFound(
          "database \"{}\" does not exist on MySQL {}, or user \"{}\" has no privileges on it "
          "({}): check the database name and the user's grants",
          settings.database, settings.Address(), settings.user, message);
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
      return Status(StatusCode::kUnavailable,
                    fmt::format("cannot connect to MySQL at {}: {}: check the host and port, and "
                                "that the server takes TCP connections from here",
                                settings.Address(), message));
    case CR_UNKNOWN_HOST:
      return Status(StatusCode::kUnavailable,
                    fmt::format("cannot connect to MySQL at {}: {}: check the host name",
                                settings.Address(), message));
    default:
      return Status(StatusCode::kUnavailable,
                    fmt::format("cannot connect to MySQL at {}: {}", settings.Address(), message));
  }
}

Status SetOption(MYSQL* connection, mysql_option option, const void* value) {
  if (mysql_optionsv(connection, option, value) != 0) {
    return Internal("the MySQL client library refused option {}", static_cast<int>(option));
  }
  return Status::OK();
}

Status SetTlsOptions(MYSQL* connection, std::string_view ssl) {
  if (ssl == "disable") return Status::OK();
  // No key, certificate or CA files: TLS with the system's defaults.
  mysql_ssl_set(connection, nullptr, nullptr, nullptr, nullptr, nullptr);
  my_bool verify = ssl == "verify";
  return SetOption(connection, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
}

Result<Connection> Connect(const MysqlSettings& settings) {
  Connection connection(mysql_init(nullptr));
  if (connection == nullptr) return ResourceExhausted("out of memory opening a MySQL connection");
  MYSQL* mysql = connection.get();
  unsigned protocol = MYSQL_PROTOCOL_TCP;
  unsigned local_infile = 0;  // The server may not ask for the client's files.
  LARDER_RETURN_IF_ERROR(SetOption(mysql, MYSQL_OPT_PROTOCOL, &protocol));
  LARDER_RETURN_IF_ERROR(SetOption(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &kConnectTimeoutSeconds));
  LARDER_RETURN_IF_ERROR(SetOption(mysql, MYSQL_OPT_READ_TIMEOUT, &kReadTimeoutSeconds));
  LARDER_RETURN_IF_ERROR(SetOption(mysql, MYSQL_OPT_WRITE_TIMEOUT, &kWriteTimeoutSeconds));
  LARDER_RETURN_IF_ERROR(SetOption(mysql, MYSQL_OPT_LOCAL_INFILE, &local_infile));
  LARDER_RETURN_IF_ERROR(SetOption(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4"));
  LARDER_RETURN_IF_ERROR(SetOption(mysql, MYSQL_INIT_COMMAND, kSessionSettings));
  LARDER_RETURN_IF_ERROR(SetTlsOptions(mysql, settings.ssl));
  unsigned port = 0;
  std::from_chars(settings.port.data(), settings.port.data() + settings.port.size(), port);
  if (mysql_real_connect(mysql, settings.host.c_str(), settings.user.c_str(),
                         settings.password.empty() ? nullptr : settings.password.c_str(),
                         settings.database.c_str(), port, /*unix_socket=*/nullptr,
                         /*client_flag=*/0) == nullptr) {
    return ConnectError(settings, mysql_errno(mysql), mysql_error(mysql));
  }
  // The client library falls back to plain TCP unless it verifies the certificate: the login
  // (a hashed password, never the password itself) is done, but no data is read in the clear.
  if (settings.ssl == "require" && mysql_get_ssl_cipher(mysql) == nullptr) {
    return Status(StatusCode::kUnavailable,
                  fmt::format("cannot connect to MySQL at {}: the server does not offer TLS, "
                              "which ssl=require asks for: enable TLS on the server or choose "
                              "ssl=prefer",
                              settings.Address()));
  }
  return connection;
}

// The status for a failed statement; `what` says what was being done ("reading table …").
Status QueryError(const MysqlSettings& settings, MYSQL* connection, std::string_view what) {
  unsigned error = mysql_errno(connection);
  std::string message = mysql_error(connection);
  if (IsConnectionLost(error)) {
    return Status(StatusCode::kUnavailable,
                  fmt::format("lost the connection to MySQL at {} while {}: {}", settings.Address(),
                              what, message));
  }
  if (error == ER_NO_SUCH_TABLE) return NotFound("{}: {}", what, message);
  if (error == ER_TABLEACCESS_DENIED_ERROR || error == ER_COLUMNACCESS_DENIED_ERROR ||
      error == ER_DBACCESS_DENIED_ERROR) {
    return Status(StatusCode::kPermissionDenied, fmt::format("{}: {}", what, message));
  }
  return FailedPrecondition("{} failed: {}", what, message);
}

// Runs `sql`, dropping any rows it returns.
Status Execute(const MysqlSettings& settings, MYSQL* connection, std::string_view sql,
               std::string_view what) {
  if (mysql_real_query(connection, sql.data(), sql.size()) != 0) {
    return QueryError(settings, connection, what);
  }
  if (mysql_field_count(connection) > 0) {
    QueryResult result(mysql_store_result(connection));
    if (result == nullptr) return QueryError(settings, connection, what);
  }
  return Status::OK();
}

// Runs `sql` and holds all of its (few) rows: for catalog queries only.
Result<QueryResult> QueryAll(const MysqlSettings& settings, MYSQL* connection, std::string_view sql,
                             std::string_view what) {
  if (mysql_real_query(connection, sql.data(), sql.size()) != 0) {
    return QueryError(settings, connection, what);
  }
  QueryResult result(mysql_store_result(connection));
  if (result == nullptr) return QueryError(settings, connection, what);
  return result;
}

std::string QuoteIdentifier(std::string_view name) {
  std::string quoted = "`";
  for (char c : name) {
    if (c == '`') quoted += '`';
    quoted += c;
  }
  return quoted + "`";
}

std::string QuoteString(MYSQL* connection, std::string_view text) {
  std::string quoted(text.size() * 2 + 1, '\0');
  unsigned long length =
      mysql_real_escape_string(connection, quoted.data(), text.data(), text.size());
  quoted.resize(length);
  return "'" + quoted + "'";
}

std::string_view Cell(MYSQL_ROW row, const unsigned long* lengths, int column) {
  return row[column] == nullptr ? std::string_view()
                                : std::string_view(row[column], lengths[column]);
}

template <typename T>
T NumberCell(MYSQL_ROW row, const unsigned long* lengths, int column) {
  T value = 0;
  std::string_view text = Cell(row, lengths, column);
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// A discovered table, with how to select each of its columns.
struct MysqlTable {
  SourceTable table;
  std::vector<bool> select_as_number;
};

class Discovery {
 public:
  // Discovers the tables and views of `settings.database` (only `table` when given), by name.
  static Result<std::vector<MysqlTable>> Run(const MysqlSettings& settings, MYSQL* connection,
                                             const std::optional<std::string>& table) {
    Discovery discovery(settings, connection, table);
    LARDER_RETURN_IF_ERROR(discovery.ReadTables());
    LARDER_RETURN_IF_ERROR(discovery.ReadJsonChecks());
    LARDER_RETURN_IF_ERROR(discovery.ReadColumns());
    LARDER_RETURN_IF_ERROR(discovery.ReadIndexes());
    std::vector<MysqlTable> tables;
    for (auto& [name, found] : discovery.tables_) tables.push_back(std::move(found));
    return tables;
  }

 private:
  Discovery(const MysqlSettings& settings, MYSQL* connection,
            const std::optional<std::string>& table)
      : settings_(settings), connection_(connection), table_(table) {
    filter_ = "TABLE_SCHEMA = " + QuoteString(connection, settings.database);
    if (table) filter_ += " AND TABLE_NAME = " + QuoteString(connection, *table);
    what_ = fmt::format("discovering the tables of database \"{}\"", settings.database);
  }

  // Calls `visit(name, row, lengths)` for each row of `sql` whose first cell, a table name, is one
  // being discovered. information_schema compares names ignoring case; Larder does not.
  template <typename Visit>
  Status ForEachRow(const std::string& sql, bool only_known_tables, Visit visit) {
    LARDER_ASSIGN_OR_RETURN(QueryResult result, QueryAll(settings_, connection_, sql, what_));
    while (MYSQL_ROW row = mysql_fetch_row(result.get())) {
      const unsigned long* lengths = mysql_fetch_lengths(result.get());
      std::string name(Cell(row, lengths, 0));
      if (table_ && name != *table_) continue;
      if (only_known_tables && !tables_.count(name)) continue;
      visit(name, row, lengths);
    }
    return Status::OK();
  }

  Status ReadTables() {
    return ForEachRow(
        "SELECT TABLE_NAME, TABLE_TYPE, TABLE_ROWS FROM information_schema.TABLES WHERE " +
            filter_ + " AND TABLE_TYPE IN ('BASE TABLE', 'VIEW', 'SYSTEM VERSIONED')",
        /*only_known_tables=*/false, [&](const std::string& name, MYSQL_ROW row, auto lengths) {
          MysqlTable& found = tables_[name];
          found.table.name = name;
          if (row[2] != nullptr && Cell(row, lengths, 1) != "VIEW") {
            found.table.estimated_rows = NumberCell<uint64_t>(row, lengths, 2);
          }
        });
  }

  // MariaDB's json type is longtext with a CHECK (json_valid(`column`)) constraint.
  Status ReadJsonChecks() {
    if (std::string_view(mysql_get_server_info(connection_)).find("MariaDB") ==
        std::string_view::npos) {
      return Status::OK();
    }
    std::string filter = filter_;
    filter.replace(0, std::string_view("TABLE_SCHEMA").size(), "CONSTRAINT_SCHEMA");
    Status status = ForEachRow(
        "SELECT TABLE_NAME, CONSTRAINT_NAME FROM information_schema.CHECK_CONSTRAINTS WHERE " +
            filter + " AND CHECK_CLAUSE = CONCAT('json_valid(`', CONSTRAINT_NAME, '`)')",
        /*only_known_tables=*/true, [&](const std::string& name, MYSQL_ROW row, auto lengths) {
          json_columns_.emplace(name, Cell(row, lengths, 1));
        });
    // MariaDB before 10.2.22 has no CHECK_CONSTRAINTS table (and no json type).
    if (!status.ok() && mysql_errno(connection_) == ER_UNKNOWN_TABLE) return Status::OK();
    return status;
  }

  Status ReadColumns() {
    return ForEachRow(
        "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, NUMERIC_PRECISION, "
        "NUMERIC_SCALE FROM information_schema.COLUMNS WHERE " +
            filter_ + " ORDER BY TABLE_NAME, ORDINAL_POSITION",
        /*only_known_tables=*/true, [&](const std::string& name, MYSQL_ROW row, auto lengths) {
          MysqlTable& found = tables_[name];
          SourceColumn& column = found.table.columns.emplace_back();
          column.name = Cell(row, lengths, 1);
          MysqlType mysql_type;
          mysql_type.data_type = Cell(row, lengths, 2);
          std::transform(mysql_type.data_type.begin(), mysql_type.data_type.end(),
                         mysql_type.data_type.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
          mysql_type.column_type = Cell(row, lengths, 3);
          mysql_type.precision = NumberCell<int>(row, lengths, 5);
          mysql_type.scale = NumberCell<int>(row, lengths, 6);
          mysql_type.json = json_columns_.count({name, column.name}) > 0;
          column.source_type = mysql_type.column_type;
          column.nullable = Cell(row, lengths, 4) == "YES";
          MappedMysqlType mapped = MapMysqlType(mysql_type, column.nullable);
          column.type = mapped.type;
          column.replication_key_candidate = mapped.replication_key_candidate;
          found.select_as_number.push_back(mapped.select_as_number);
        });
  }

  Status ReadIndexes() {
    std::map<std::string, std::vector<std::pair<int, std::string>>> primary_keys;
    std::set<std::pair<std::string, std::string>> leading;
    LARDER_RETURN_IF_ERROR(ForEachRow(
        "SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME FROM "
        "information_schema.STATISTICS "
        "WHERE " +
            filter_,
        /*only_known_tables=*/true, [&](const std::string& name, MYSQL_ROW row, auto lengths) {
          int position = NumberCell<int>(row, lengths, 2);
          std::string column(Cell(row, lengths, 3));
          if (Cell(row, lengths, 1) == "PRIMARY") primary_keys[name].emplace_back(position, column);
          if (position == 1) leading.emplace(name, column);
        }));
    for (auto& [name, found] : tables_) {
      std::vector<std::pair<int, std::string>>& key = primary_keys[name];
      std::sort(key.begin(), key.end());
      for (auto& [position, column] : key) found.table.primary_key.push_back(column);
      for (SourceColumn& column : found.table.columns) {
        column.indexed = leading.count({name, column.name}) > 0;
      }
    }
    return Status::OK();
  }

  const MysqlSettings& settings_;
  MYSQL* connection_;
  const std::optional<std::string> table_;
  std::string filter_;  // The WHERE condition on TABLE_SCHEMA (and TABLE_NAME).
  std::string what_;
  std::map<std::string, MysqlTable> tables_;
  std::set<std::pair<std::string, std::string>> json_columns_;  // (table, column)
};

Batch EmptyBatch(const Schema& schema, size_t batch_rows) {
  Batch batch;
  batch.schema = schema;
  for (const Field& field : schema.fields) {
    ColumnVector& column = batch.columns.emplace_back(field.type);
    if (field.type.fixed_width() > 0) column.Reserve(std::min<size_t>(batch_rows, 65536));
  }
  return batch;
}

// One streamed read: the statements of a request, run in one snapshot, their rows delivered in
// batches.
class TableReader {
 public:
  TableReader(const MysqlSettings& settings, MYSQL* connection, const MysqlTable& table,
              const ReadRequest& request, const BatchSink& sink)
      : settings_(settings),
        connection_(connection),
        table_(table),
        request_(request),
        sink_(sink),
        what_(fmt::format("reading table \"{}.{}\"", settings.database, table.table.name)) {
    for (const SourceColumn& column : table.table.columns) {
      schema_.fields.push_back({column.name, column.type});
    }
    batch_ = EmptyBatch(schema_, request.batch_rows);
  }

  Status Run() {
    LARDER_ASSIGN_OR_RETURN(std::vector<std::string> statements, Statements());
    for (const std::string& sql : statements) LARDER_RETURN_IF_ERROR(Stream(sql));
    if (batch_.num_rows() > 0) {
      LARDER_RETURN_IF_ERROR(sink_(std::move(batch_)));
    }
    return Status::OK();
  }

 private:
  // SELECT `a`, `b` + 0 FROM `db`.`table` [WHERE `key` >= … ORDER BY `key`]; a first read by a
  // nullable key takes its NULL rows in a second statement, so that they come last.
  Result<std::vector<std::string>> Statements() const {
    std::string select;
    for (size_t column_idx = 0; column_idx < table_.table.columns.size(); ++column_idx) {
      std::string quoted = QuoteIdentifier(table_.table.columns[column_idx].name);
      if (table_.select_as_number[column_idx]) quoted += " + 0";
      select += select.empty() ? quoted : ", " + quoted;
    }
    std::string base =
        fmt::format("SELECT {} FROM {}.{}", select, QuoteIdentifier(settings_.database),
                    QuoteIdentifier(table_.table.name));
    if (request_.cursor_column.empty()) return std::vector<std::string>{base};
    const SourceColumn* key_column = nullptr;
    for (const SourceColumn& column : table_.table.columns) {
      if (column.name == request_.cursor_column) key_column = &column;
    }
    if (key_column == nullptr) {
      return InvalidArgument("cursor column \"{}\" is not a column of table \"{}.{}\"",
                             request_.cursor_column, settings_.database, table_.table.name);
    }
    std::string key = QuoteIdentifier(key_column->name);
    if (request_.cursor && !request_.cursor->is_null()) {
      LARDER_ASSIGN_OR_RETURN(std::string literal,
                              MysqlCursorLiteral(*request_.cursor, key_column->type));
      return std::vector<std::string>{
          fmt::format("{} WHERE {} >= {} ORDER BY {}", base, key, literal, key)};
    }
    // In a NOT NULL date column MySQL finds zero dates with IS NULL: no second statement there.
    if (!key_column->nullable) return std::vector<std::string>{base + " ORDER BY " + key};
    return std::vector<std::string>{
        fmt::format("{} WHERE {} IS NOT NULL ORDER BY {}", base, key, key),
        fmt::format("{} WHERE {} IS NULL", base, key)};
  }

  // Streams the rows of one statement into batches, handing each full one to the sink.
  Status Stream(const std::string& sql) {
    if (mysql_real_query(connection_, sql.data(), sql.size()) != 0) {
      return QueryError(settings_, connection_, what_);
    }
    QueryResult result(mysql_use_result(connection_));
    if (result == nullptr) return QueryError(settings_, connection_, what_);
    if (mysql_num_fields(result.get()) != batch_.columns.size()) {
      return Internal("{}: the server sent {} columns for {}", what_,
                      mysql_num_fields(result.get()), batch_.columns.size());
    }
    while (MYSQL_ROW row = mysql_fetch_row(result.get())) {
      Status status = AppendRow(row, mysql_fetch_lengths(result.get()));
      if (status.ok() && batch_.num_rows() >= request_.batch_rows) {
        status = sink_(std::exchange(batch_, EmptyBatch(schema_, request_.batch_rows)));
      }
      if (!status.ok()) {
        // Stops the server's sending: freeing a streamed result would read all of it first.
        mariadb_cancel(connection_);
        return status;
      }
    }
    if (mysql_errno(connection_) != 0) {
      return QueryError(settings_, connection_, fmt::format("{} (after {} rows)", what_, rows_));
    }
    return Status::OK();
  }

  Status AppendRow(MYSQL_ROW row, const unsigned long* lengths) {
    ++rows_;
    for (size_t column_idx = 0; column_idx < batch_.columns.size(); ++column_idx) {
      ColumnVector& column = batch_.columns[column_idx];
      Status appended;
      if (row[column_idx] == nullptr) {
        if (!column.type().nullable()) {
          appended = Corruption("NULL in a column that does not allow NULL");
        } else {
          column.AppendNull();
        }
      } else {
        appended =
            AppendMysqlValue(std::string_view(row[column_idx], lengths[column_idx]), &column);
      }
      if (!appended.ok()) {
        return appended.WithContext(fmt::format("{}, row {}, column \"{}\"", what_, rows_,
                                                schema_.fields[column_idx].name));
      }
    }
    return Status::OK();
  }

  const MysqlSettings& settings_;
  MYSQL* connection_;
  const MysqlTable& table_;
  const ReadRequest& request_;
  const BatchSink& sink_;
  const std::string what_;
  Schema schema_;
  Batch batch_;
  uint64_t rows_ = 0;  // Rows read so far, for error messages.
};

class MysqlSource : public Source {
 public:
  explicit MysqlSource(MysqlSettings settings) : settings_(std::move(settings)) {}

  Status Check() override {
    LARDER_ASSIGN_OR_RETURN(Connection connection, Connect(settings_));
    return Status::OK();
  }

  Result<std::vector<SourceTable>> Discover() override {
    LARDER_ASSIGN_OR_RETURN(Connection connection, Connect(settings_));
    LARDER_ASSIGN_OR_RETURN(std::vector<MysqlTable> tables,
                            Discovery::Run(settings_, connection.get(), std::nullopt));
    std::vector<SourceTable> discovered;
    for (MysqlTable& table : tables) discovered.push_back(std::move(table.table));
    return discovered;
  }

  Status Read(const ReadRequest& request, const BatchSink& sink) override {
    if (request.batch_rows == 0) return InvalidArgument("batch_rows must be at least 1");
    LARDER_ASSIGN_OR_RETURN(Connection connection, Connect(settings_));
    std::string what = fmt::format("reading table \"{}.{}\"", settings_.database, request.table);
    LARDER_RETURN_IF_ERROR(Execute(settings_, connection.get(),
                                   "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", what));
    LARDER_RETURN_IF_ERROR(Execute(settings_, connection.get(),
                                   "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY", what));
    LARDER_ASSIGN_OR_RETURN(std::vector<MysqlTable> tables,
                            Discovery::Run(settings_, connection.get(), request.table));
    if (tables.empty()) {
      return NotFound("table \"{}\" does not exist in database \"{}\" on MySQL {}", request.table,
                      settings_.database, settings_.Address());
    }
    LARDER_RETURN_IF_ERROR(
        TableReader(settings_, connection.get(), tables[0], request, sink).Run());
    return Execute(settings_, connection.get(), "COMMIT", what);
  }

 private:
  MysqlSettings settings_;
};

}  // namespace

Result<std::unique_ptr<Source>> OpenMysqlSource(const SourceConfig& config) {
  MysqlSettings settings;
  LARDER_RETURN_IF_ERROR(RequireSetting(config, "MySQL", "host", &settings.host));
  LARDER_RETURN_IF_ERROR(RequireSetting(config, "MySQL", "database", &settings.database));
  LARDER_RETURN_IF_ERROR(RequireSetting(config, "MySQL", "user", &settings.user));
  OptionalSetting(config, "port", &settings.port);
  OptionalSetting(config, "password", &settings.password);
  OptionalSetting(config, "ssl", &settings.ssl);
  static constexpr std::string_view kSslModes[] = {"disable", "prefer", "require", "verify"};
  if (std::find(std::begin(kSslModes), std::end(kSslModes), settings.ssl) == std::end(kSslModes)) {
    return InvalidArgument("ssl \"{}\" is not one of disable, prefer, require, verify",
                           settings.ssl);
  }
  int port = 0;
  auto [end, error] =
      std::from_chars(settings.port.data(), settings.port.data() + settings.port.size(), port);
  if (error != std::errc() || end != settings.port.data() + settings.port.size() || port < 1 ||
      port > 65535) {
    return InvalidArgument("port \"{}\" is not a TCP port number (1-65535)", settings.port);
  }
  return std::unique_ptr<Source>(std::make_unique<MysqlSource>(std::move(settings)));
}

}  // namespace larder::sources
