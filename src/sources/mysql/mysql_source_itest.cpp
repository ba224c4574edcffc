// Integration tests of the MySQL source against a real MariaDB 10.11 server, which
// tests/sources/run.sh starts (in a time zone other than UTC) and names in LARDER_TEST_MYSQL
// ("host=127.0.0.1 port=N database=larder_test user=larder password=…").
#include <gtest/gtest.h>
#include <mysql.h>

#include <chrono>
#include <cstdlib>
#include <limits>
#include <sstream>

#include "sources/mysql/mysql_source.h"
#include "types/datetime.h"

namespace larder::sources {
namespace {

constexpr const char* kSettingsVariable = "LARDER_TEST_MYSQL";
constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000000;

// The server's settings as a SourceConfig, from LARDER_TEST_MYSQL.
bool ConfigFromEnvironment(SourceConfig* config) {
  const char* value = std::getenv(kSettingsVariable);
  if (value == nullptr || *value == '\0') return false;
  config->kind = "mysql";
  std::istringstream words(value);
  std::string word;
  while (words >> word) {
    size_t equals = word.find('=');
    if (equals == std::string::npos) return false;
    config->settings[word.substr(0, equals)] = word.substr(equals + 1);
  }
  return config->settings.count("host") && config->settings.count("port") &&
         config->settings.count("database") && config->settings.count("user");
}

struct Read {
  Status status;
  std::vector<Batch> batches;
};

class MysqlSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ConfigFromEnvironment(&config_))
        << kSettingsVariable
        << " is not set to \"host=… port=… database=… user=… password=…\": run these tests with "
           "tests/sources/run.sh, which starts a MariaDB server for them";
    admin_.reset(mysql_init(nullptr));
    unsigned protocol = MYSQL_PROTOCOL_TCP;
    mysql_optionsv(admin_.get(), MYSQL_OPT_PROTOCOL, &protocol);
    mysql_optionsv(admin_.get(), MYSQL_SET_CHARSET_NAME, "utf8mb4");
    const std::string& password = config_.settings["password"];
    ASSERT_NE(mysql_real_connect(admin_.get(), config_.settings["host"].c_str(),
                                 config_.settings["user"].c_str(), password.c_str(),
                                 config_.settings["database"].c_str(),
                                 std::stoi(config_.settings["port"]), nullptr, 0),
              nullptr)
        << mysql_error(admin_.get());
    // Tables are written under another time zone than the server's and the reader's.
    Exec("SET time_zone = '+05:30', sql_mode = ''");
    // Each test sees only its own tables.
    std::vector<std::vector<std::string>> tables = Query(
        "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
        "DATABASE()");
    for (const std::vector<std::string>& table : tables) {
      std::string name = "`";
      for (char c : table[0]) name += c == '`' ? std::string("``") : std::string(1, c);
      Exec((table[1] == "VIEW" ? "DROP VIEW " : "DROP TABLE ") + name + "`");
    }
  }

  void Exec(const std::string& sql) {
    if (mysql_real_query(admin_.get(), sql.data(), sql.size()) != 0) {
      ADD_FAILURE() << sql << ": " << mysql_error(admin_.get());
      return;
    }
    MYSQL_RES* result = mysql_store_result(admin_.get());
    if (result != nullptr) mysql_free_result(result);
  }

  // The rows of `sql`, NULLs as "NULL".
  std::vector<std::vector<std::string>> Query(const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    if (mysql_real_query(admin_.get(), sql.data(), sql.size()) != 0) {
      ADD_FAILURE() << sql << ": " << mysql_error(admin_.get());
      return rows;
    }
    MYSQL_RES* result = mysql_store_result(admin_.get());
    if (result == nullptr) return rows;
    while (MYSQL_ROW row = mysql_fetch_row(result)) {
      std::vector<std::string>& cells = rows.emplace_back();
      for (unsigned i = 0; i < mysql_num_fields(result); ++i) {
        cells.push_back(row[i] == nullptr ? "NULL" : row[i]);
      }
    }
    mysql_free_result(result);
    return rows;
  }

  std::unique_ptr<Source> Open(const SourceConfig& config) {
    auto source = OpenMysqlSource(config);
    EXPECT_TRUE(source.ok()) << source.status().ToString();
    return source.ok() ? std::move(source).value() : nullptr;
  }

  Read ReadTable(const ReadRequest& request) {
    Read read;
    read.status = Open(config_)->Read(request, [&](Batch batch) {
      Status valid = batch.Validate();
      read.batches.push_back(std::move(batch));
      return valid;
    });
    return read;
  }

  struct ConnectionCloser {
    void operator()(MYSQL* connection) const { mysql_close(connection); }
  };

  SourceConfig config_;
  std::unique_ptr<MYSQL, ConnectionCloser> admin_;
};

// The values of column `column_idx` across all batches of a read.
std::vector<Value> ColumnValues(const Read& read, size_t column_idx) {
  std::vector<Value> values;
  for (const Batch& batch : read.batches) {
    for (size_t row = 0; row < batch.num_rows(); ++row) {
      values.push_back(batch.columns[column_idx].GetValue(row));
    }
  }
  return values;
}

int64_t Micros(int year, unsigned month, unsigned day, int64_t seconds_in_day = 0) {
  return DaysFromCivil(year, month, day) * kMicrosPerDay + seconds_in_day * 1000000;
}

TEST_F(MysqlSourceTest, CheckAcceptsGoodSettings) {
  Status status = Open(config_)->Check();
  EXPECT_TRUE(status.ok()) << status.ToString();
  SourceConfig plain = config_;
  plain.settings["ssl"] = "disable";
  status = Open(plain)->Check();
  EXPECT_TRUE(status.ok()) << status.ToString();
}

TEST_F(MysqlSourceTest, CheckReportsWrongPasswordWithoutRevealingIt) {
  SourceConfig config = config_;
  config.settings["password"] = "not-the-password-4711";
  Status status = Open(config)->Check();
  EXPECT_EQ(status.code(), StatusCode::kUnauthenticated) << status.ToString();
  EXPECT_NE(status.message().find("Access denied for user '" + config.settings["user"] + "'"),
            std::string::npos)
      << status.message();
  EXPECT_NE(status.message().find("check the user and password"), std::string::npos);
  EXPECT_EQ(status.message().find("4711"), std::string::npos) << status.message();
}

TEST_F(MysqlSourceTest, CheckReportsUnreachablePortAndHost) {
  SourceConfig refused = config_;
  refused.settings["port"] = "1";
  Status status = Open(refused)->Check();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable) << status.ToString();
  EXPECT_NE(status.message().find(refused.settings["host"] + ":1"), std::string::npos)
      << status.message();

  SourceConfig unknown = config_;
  unknown.settings["host"] = "no-such-host.invalid";
  status = Open(unknown)->Check();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable) << status.ToString();
  EXPECT_NE(status.message().find("no-such-host.invalid:"), std::string::npos) << status.message();
}

TEST_F(MysqlSourceTest, CheckReportsMissingDatabase) {
  SourceConfig config = config_;
  config.settings["database"] = "no_such_database";
  Status status = Open(config)->Check();
  EXPECT_EQ(status.code(), StatusCode::kNotFound) << status.ToString();
  EXPECT_NE(status.message().find("database \"no_such_database\" does not exist"),
            std::string::npos)
      << status.message();
}

TEST_F(MysqlSourceTest, RequiredTlsFailsAgainstAServerWithoutIt) {
  // The test server has no certificate: "prefer" (the default) falls back to plain TCP.
  SourceConfig config = config_;
  config.settings["ssl"] = "require";
  Status status = Open(config)->Check();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable) << status.ToString();
  EXPECT_NE(status.message().find("cannot connect to MySQL at " + config.settings["host"]),
            std::string::npos)
      << status.message();
}

TEST_F(MysqlSourceTest, OpenRejectsBadSettings) {
  SourceConfig config = config_;
  config.settings.erase("host");
  EXPECT_EQ(OpenMysqlSource(config).status().code(), StatusCode::kInvalidArgument);
  config = config_;
  config.settings["port"] = "33x";
  EXPECT_EQ(OpenMysqlSource(config).status().code(), StatusCode::kInvalidArgument);
  config = config_;
  config.settings["ssl"] = "sometimes";
  EXPECT_EQ(OpenMysqlSource(config).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(MysqlSourceTest, DiscoverReportsColumnsKeysAndCandidates) {
  Exec(
      "CREATE TABLE orders (id bigint unsigned PRIMARY KEY, customer varchar(50) NOT NULL, "
      "amount decimal(10,2), created_at timestamp NULL, day date NOT NULL, note varchar(20), "
      "price float, flag tinyint(1), doc json, INDEX (created_at, note))");
  Exec("CREATE TABLE `lines` (order_id int, line smallint, PRIMARY KEY (line, order_id))");
  Exec("INSERT INTO orders (id, customer, day) SELECT seq, 'c', '2024-01-01' FROM seq_1_to_50");
  Exec("ANALYZE TABLE orders");
  Exec("CREATE VIEW big_orders AS SELECT id, amount FROM orders");
  Exec("CREATE TABLE `odd``name` (`sel``ect` int)");
  Exec("INSERT INTO `odd``name` VALUES (7)");

  auto tables = Open(config_)->Discover();
  ASSERT_TRUE(tables.ok()) << tables.status().ToString();
  ASSERT_EQ(tables->size(), 4u);
  const SourceTable& view = (*tables)[0];
  const SourceTable& lines = (*tables)[1];
  const SourceTable& odd = (*tables)[2];
  const SourceTable& orders = (*tables)[3];
  EXPECT_EQ(view.name, "big_orders");
  EXPECT_EQ(view.columns.size(), 2u);
  EXPECT_TRUE(view.primary_key.empty());
  EXPECT_FALSE(view.estimated_rows.has_value());
  EXPECT_EQ(lines.name, "lines");
  EXPECT_EQ(lines.primary_key, (std::vector<std::string>{"line", "order_id"}));
  EXPECT_EQ(odd.name, "odd`name");
  EXPECT_EQ(orders.name, "orders");
  EXPECT_EQ(orders.primary_key, std::vector<std::string>{"id"});
  EXPECT_EQ(orders.estimated_rows, std::optional<uint64_t>(50));

  struct Expected {
    std::string name, source_type, type;
    bool nullable, candidate, indexed;
  };
  const std::vector<Expected> expected = {
      {"id", "bigint(20) unsigned", "Decimal(38, 0)", false, true, true},
      {"customer", "varchar(50)", "String", false, false, false},
      {"amount", "decimal(10,2)", "Nullable(Decimal(38, 2))", true, true, false},
      {"created_at", "timestamp", "Nullable(DateTime)", true, true, true},
      {"day", "date", "Nullable(Date)", false, true, false},
      {"note", "varchar(20)", "Nullable(String)", true, false, false},
      {"price", "float", "Nullable(Float64)", true, false, false},
      {"flag", "tinyint(1)", "Nullable(Int64)", true, true, false},
      {"doc", "longtext", "Nullable(JSON)", true, false, false},
  };
  ASSERT_EQ(orders.columns.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const SourceColumn& column = orders.columns[i];
    SCOPED_TRACE(column.name);
    EXPECT_EQ(column.name, expected[i].name);
    EXPECT_EQ(column.source_type, expected[i].source_type);
    EXPECT_EQ(column.type.ToString(), expected[i].type);
    EXPECT_EQ(column.nullable, expected[i].nullable);
    EXPECT_EQ(column.replication_key_candidate, expected[i].candidate);
    EXPECT_EQ(column.indexed, expected[i].indexed);
  }

  Read read = ReadTable({.table = "big_orders"});
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  EXPECT_EQ(ColumnValues(read, 0).size(), 50u);
  read = ReadTable({.table = "odd`name", .cursor_column = "sel`ect", .cursor = Value::Int64(7)});
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  EXPECT_EQ(ColumnValues(read, 0), std::vector<Value>{Value::Int64(7)});
}

TEST_F(MysqlSourceTest, EveryMappedTypeRoundTrips) {
  Exec(
      "CREATE TABLE all_types (id int PRIMARY KEY, ti tinyint, tu tinyint unsigned, "
      "si smallint, mi mediumint, mu mediumint unsigned, i int, iu int unsigned, bi bigint, "
      "bu bigint unsigned, dc decimal(38,10), dw decimal(65,30), f float, d double, b1 bit(1), "
      "b9 bit(9), b64 bit(64), tb tinyint(1), y year, dt date, dtm datetime(6), ts timestamp(6) "
      "NULL, tm time(1), j json, c char(3), vc varchar(100), tx text, e enum('sad','happy'), "
      "st set('x','y'), bn binary(3), vb varbinary(8), bl blob, u uuid) "
      "DEFAULT CHARSET utf8mb4");
  // Written with time_zone '+05:30' (SetUp); the server runs in another zone, the reader in UTC.
  Exec(
      "INSERT INTO all_types VALUES (1, -128, 255, -32768, -8388608, 16777215, -2147483648, "
      "4294967295, -9223372036854775808, 18446744073709551615, "
      "'-9999999999999999999999999999.9999999999', 12345678901234567890.5, -3.25, "
      "1.7976931348623157e308, b'1', b'100000001', 18446744073709551615, 5, 2024, '1000-01-01', "
      "'2024-01-02 03:04:05.123456', "
      "'2024-01-01 05:30:00', '-838:59:59.0', '{\"a\": [1, 2]}', 'ab', "
      "'h\u00e9llo \U0001F418 tab\\there\\nline back\\\\slash', '', 'happy', 'x,y', 'ab', "
      "x'00ff0a', x'', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')");
  Exec(
      "INSERT INTO all_types VALUES (2, 127, 0, 32767, 8388607, 0, 2147483647, 0, "
      "9223372036854775807, 0, '0.0000000001', '-0.000000000000000000000000000001', 0.1, "
      "-2.2250738585072014e-308, b'0', b'0', b'0', -1, 0, '9999-12-31', '0000-00-00 00:00:00', "
      "'0000-00-00 00:00:00', '838:59:59.9', '[]', '', '\u4e2d\u6587', NULL, 'sad', '', "
      "'', x'', NULL, NULL)");
  Exec(
      "INSERT INTO all_types (id, dt, dtm, ts) VALUES (3, '2024-00-00', '2024-02-00 10:00:00', "
      "'2038-01-19 08:44:07.999999')");
  Exec("INSERT INTO all_types (id, dt) VALUES (4, NULL)");

  Read read = ReadTable({.table = "all_types"});
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  ASSERT_EQ(read.batches.size(), 1u);
  const Batch& batch = read.batches[0];
  ASSERT_EQ(batch.num_rows(), 4u);
  auto value = [&](int row, std::string_view column) {
    int column_idx = batch.schema.FindField(column);
    EXPECT_GE(column_idx, 0) << column;
    return batch.columns[column_idx].GetValue(row);
  };
  EXPECT_EQ(value(0, "ti"), Value::Int64(-128));
  EXPECT_EQ(value(1, "ti"), Value::Int64(127));
  EXPECT_EQ(value(0, "tu"), Value::Int64(255));
  EXPECT_EQ(value(0, "si"), Value::Int64(-32768));
  EXPECT_EQ(value(0, "mi"), Value::Int64(-8388608));
  EXPECT_EQ(value(0, "mu"), Value::Int64(16777215));
  EXPECT_EQ(value(0, "i"), Value::Int64(-2147483648LL));
  EXPECT_EQ(value(0, "iu"), Value::Int64(4294967295LL));
  EXPECT_EQ(value(0, "bi"), Value::Int64(std::numeric_limits<int64_t>::min()));
  EXPECT_EQ(value(1, "bi"), Value::Int64(std::numeric_limits<int64_t>::max()));
  EXPECT_EQ(value(0, "bu"), Value::Decimal(Int128{std::numeric_limits<uint64_t>::max()}));
  EXPECT_EQ(value(1, "bu"), Value::Decimal(0));
  Int128 nines = 0;
  for (int i = 0; i < 38; ++i) nines = nines * 10 + 9;
  EXPECT_EQ(value(0, "dc"), Value::Decimal(-nines));
  EXPECT_EQ(value(1, "dc"), Value::Decimal(1));
  EXPECT_DOUBLE_EQ(value(0, "dw").as_float64(), 12345678901234567890.5);
  EXPECT_DOUBLE_EQ(value(1, "dw").as_float64(), -1e-30);
  EXPECT_EQ(value(0, "f"), Value::Float64(-3.25));
  EXPECT_EQ(value(1, "f"), Value::Float64(0.1));
  EXPECT_EQ(value(0, "d"), Value::Float64(std::numeric_limits<double>::max()));
  EXPECT_EQ(value(1, "d"), Value::Float64(-2.2250738585072014e-308));
  EXPECT_EQ(value(0, "b1"), Value::Bool(true));
  EXPECT_EQ(value(1, "b1"), Value::Bool(false));
  EXPECT_EQ(value(0, "b9"), Value::Int64(257));
  EXPECT_EQ(value(0, "b64"), Value::Decimal(Int128{std::numeric_limits<uint64_t>::max()}));
  EXPECT_EQ(value(0, "tb"), Value::Int64(5));
  EXPECT_EQ(value(1, "tb"), Value::Int64(-1));
  EXPECT_EQ(value(0, "y"), Value::Int64(2024));
  EXPECT_EQ(value(1, "y"), Value::Int64(0));
  EXPECT_EQ(value(0, "dt"), Value::Date(DaysFromCivil(1000, 1, 1)));
  EXPECT_EQ(value(1, "dt"), Value::Date(DaysFromCivil(9999, 12, 31)));
  EXPECT_EQ(value(0, "dtm"), Value::DateTime(Micros(2024, 1, 2, 3 * 3600 + 4 * 60 + 5) + 123456));
  EXPECT_EQ(value(0, "ts"), Value::DateTime(Micros(2024, 1, 1)));  // 05:30 at +05:30.
  EXPECT_EQ(value(2, "ts"), Value::DateTime(Micros(2038, 1, 19, 3 * 3600 + 14 * 60 + 7) + 999999));
  // Zero dates, whole and partial.
  EXPECT_TRUE(value(1, "dtm").is_null());
  EXPECT_TRUE(value(1, "ts").is_null());
  EXPECT_TRUE(value(2, "dt").is_null());
  EXPECT_TRUE(value(2, "dtm").is_null());
  EXPECT_EQ(value(0, "tm"), Value::String("-838:59:59.0"));
  EXPECT_EQ(value(1, "tm"), Value::String("838:59:59.9"));
  EXPECT_EQ(value(0, "j"), Value::String("{\"a\": [1, 2]}"));
  EXPECT_EQ(value(1, "j"), Value::String("[]"));
  EXPECT_EQ(value(0, "c"), Value::String("ab"));
  EXPECT_EQ(value(0, "vc"),
            Value::String("h\xc3\xa9llo \xf0\x9f\x90\x98 tab\there\nline back\\slash"));
  EXPECT_EQ(value(1, "vc"), Value::String("\xe4\xb8\xad\xe6\x96\x87"));
  EXPECT_EQ(value(0, "tx"), Value::String(""));
  EXPECT_EQ(value(0, "e"), Value::String("happy"));
  EXPECT_EQ(value(0, "st"), Value::String("x,y"));
  EXPECT_EQ(value(1, "st"), Value::String(""));
  EXPECT_EQ(value(0, "bn"), Value::String(std::string("ab\0", 3)));
  EXPECT_EQ(value(1, "bn"), Value::String(std::string(3, '\0')));
  EXPECT_EQ(value(0, "vb"), Value::String(std::string("\x00\xff\x0a", 3)));
  EXPECT_EQ(value(0, "bl"), Value::String(""));
  Uuid128 uuid;
  ASSERT_TRUE(ParseUuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", &uuid));
  EXPECT_EQ(value(0, "u"), Value::Uuid(uuid));
  for (size_t column_idx = 1; column_idx < batch.columns.size(); ++column_idx) {
    SCOPED_TRACE(batch.schema.fields[column_idx].name);
    EXPECT_TRUE(batch.columns[column_idx].IsNull(3));
  }
}

TEST_F(MysqlSourceTest, ReadsTenThousandRowsInBatchesInOrder) {
  Exec("CREATE TABLE numbers (id int PRIMARY KEY, label text)");
  Exec("INSERT INTO numbers SELECT seq, CONCAT('row ', seq) FROM seq_1_to_10000");
  Read read = ReadTable({.table = "numbers", .batch_rows = 1000});
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  ASSERT_EQ(read.batches.size(), 10u);
  for (const Batch& batch : read.batches) EXPECT_EQ(batch.num_rows(), 1000u);
  std::vector<Value> ids = ColumnValues(read, 0);
  std::vector<Value> labels = ColumnValues(read, 1);
  ASSERT_EQ(ids.size(), 10000u);
  for (int64_t i = 0; i < 10000; ++i) {
    ASSERT_EQ(ids[i], Value::Int64(i + 1));
    ASSERT_EQ(labels[i], Value::String("row " + std::to_string(i + 1)));
  }
}

TEST_F(MysqlSourceTest, IncrementalReadStartsAtCursorIncludingTies) {
  Exec(
      "CREATE TABLE events (id int, seen_at timestamp(6) NULL, amount decimal(8,2), "
      "big bigint unsigned, day date NOT NULL)");
  Exec(
      "INSERT INTO events VALUES (1, '2024-01-03 05:30:00', 3, 18446744073709551615, "
      "'2024-01-03'), (2, '2024-01-01 05:30:00', 1, 18446744073709551614, '2024-01-01'), "
      "(3, '2024-01-02 05:30:00', 2, 9223372036854775808, '2024-01-02'), "
      "(4, '2024-01-02 05:30:00', 2, 1, '2024-01-02'), (5, '2023-12-31 05:30:00', 0, 0, "
      "'0000-00-00'), (6, NULL, NULL, NULL, '2024-00-00')");
  int64_t jan2 = Micros(2024, 1, 2);
  Read read = ReadTable({.table = "events",
                         .cursor_column = "seen_at",
                         .cursor = Value::DateTime(jan2),
                         .batch_rows = 2});
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  std::vector<Value> ids = ColumnValues(read, 0);
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[2], Value::Int64(1));  // The ties (3, 4) come first, in any order.
  std::vector<Value> seen = ColumnValues(read, 1);
  EXPECT_EQ(seen[0], Value::DateTime(jan2));
  EXPECT_EQ(seen[1], Value::DateTime(jan2));

  read = ReadTable({.table = "events", .cursor_column = "amount", .cursor = Value::Decimal(200)});
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  EXPECT_EQ(ColumnValues(read, 0).size(), 3u);

  // Compared exactly, not as doubles (which cannot tell these two apart).
  read = ReadTable({.table = "events",
                    .cursor_column = "big",
                    .cursor = Value::Decimal(Int128{std::numeric_limits<uint64_t>::max()} - 1)});
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  EXPECT_EQ(ColumnValues(read, 0), (std::vector<Value>{Value::Int64(2), Value::Int64(1)}));

  // No cursor yet: every row, ascending, NULLs last.
  read = ReadTable({.table = "events", .cursor_column = "seen_at"});
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  ids = ColumnValues(read, 0);
  ASSERT_EQ(ids.size(), 6u);
  EXPECT_EQ(ids[0], Value::Int64(5));
  EXPECT_EQ(ids[1], Value::Int64(2));
  EXPECT_EQ(ids[5], Value::Int64(6));

  // A NOT NULL date key with zero dates: they read as NULL where MySQL sorts them, and a cursor
  // read skips '0000-00-00'.
  read = ReadTable({.table = "events", .cursor_column = "day"});
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  EXPECT_EQ(ColumnValues(read, 0).size(), 6u);
  read = ReadTable({.table = "events",
                    .cursor_column = "day",
                    .cursor = Value::Date(DaysFromCivil(2024, 1, 2))});
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  EXPECT_EQ(ColumnValues(read, 4), (std::vector<Value>{Value::Date(DaysFromCivil(2024, 1, 2)),
                                                       Value::Date(DaysFromCivil(2024, 1, 2)),
                                                       Value::Date(DaysFromCivil(2024, 1, 3))}));

  // A cursor that is not a value of the key's type never reaches the server.
  read = ReadTable(
      {.table = "events", .cursor_column = "id", .cursor = Value::String("1' OR '1'='1")});
  EXPECT_EQ(read.status.code(), StatusCode::kInvalidArgument) << read.status.ToString();
  EXPECT_TRUE(read.batches.empty());
  read = ReadTable({.table = "events", .cursor_column = "no_such_column"});
  EXPECT_EQ(read.status.code(), StatusCode::kInvalidArgument) << read.status.ToString();
}

TEST_F(MysqlSourceTest, SinkErrorStopsTheRead) {
  Exec("CREATE TABLE numbers (id int, padding varchar(200))");
  Exec("INSERT INTO numbers SELECT seq, REPEAT('x', 200) FROM seq_1_to_100000");
  auto source = Open(config_);
  int calls = 0;
  auto started = std::chrono::steady_clock::now();
  Status status = source->Read({.table = "numbers", .batch_rows = 100}, [&](Batch) {
    ++calls;
    return Cancelled("the sync was stopped");
  });
  EXPECT_EQ(status, Cancelled("the sync was stopped"));
  EXPECT_EQ(calls, 1);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  // The source still reads after a stopped read.
  calls = 0;
  status = source->Read({.table = "numbers", .batch_rows = 50000}, [&](Batch batch) {
    ++calls;
    EXPECT_EQ(batch.num_rows(), 50000u);
    return Status::OK();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(calls, 2);
}

TEST_F(MysqlSourceTest, MissingTableIsNotFound) {
  Read read = ReadTable({.table = "no_such_table"});
  EXPECT_EQ(read.status.code(), StatusCode::kNotFound) << read.status.ToString();
  EXPECT_NE(read.status.message().find("no_such_table"), std::string::npos);
  read = ReadTable({.table = "no_such_table", .cursor_column = "id"});
  EXPECT_EQ(read.status.code(), StatusCode::kNotFound);
}

TEST_F(MysqlSourceTest, ConnectionLostMidReadIsUnavailable) {
  Exec("CREATE TABLE numbers (id int, padding varchar(200))");
  Exec("INSERT INTO numbers SELECT seq, REPEAT('x', 100) FROM seq_1_to_200000");
  int calls = 0;
  Status status = Open(config_)->Read({.table = "numbers", .batch_rows = 1000}, [&](Batch) {
    if (++calls == 1) {
      std::vector<std::vector<std::string>> readers = Query(
          "SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND "
          "INFO LIKE 'SELECT %numbers%'");
      EXPECT_EQ(readers.size(), 1u);
      for (const std::vector<std::string>& reader : readers) Exec("KILL " + reader[0]);
    }
    return Status::OK();
  });
  EXPECT_EQ(status.code(), StatusCode::kUnavailable) << status.ToString();
  EXPECT_NE(status.message().find("lost the connection to MySQL"), std::string::npos)
      << status.message();
  EXPECT_LT(calls, 200);
}

}  // namespace
}  // namespace larder::sources
