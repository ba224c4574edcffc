// Integration tests of the Postgres source against a real PostgreSQL 15 server, which
// tests/sources/run.sh starts and names in LARDER_TEST_POSTGRES (a libpq conninfo string).
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <thread>

#include "sources/postgres/postgres_source.h"
#include "types/datetime.h"

namespace larder::sources {
namespace {

constexpr const char* kConninfoVariable = "LARDER_TEST_POSTGRES";

// The server's settings as a SourceConfig, from LARDER_TEST_POSTGRES.
bool ConfigFromEnvironment(SourceConfig* config, std::string* conninfo) {
  const char* value = std::getenv(kConninfoVariable);
  if (value == nullptr || *value == '\0') return false;
  *conninfo = value;
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(value, &error);
  if (options == nullptr) {
    PQfreemem(error);
    return false;
  }
  config->kind = "postgres";
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    std::string keyword = option->keyword;
    if (keyword == "dbname") keyword = "database";
    if (keyword == "host" || keyword == "port" || keyword == "database" || keyword == "user" ||
        keyword == "password" || keyword == "sslmode") {
      config->settings[keyword] = option->val;
    }
  }
  PQconninfoFree(options);
  return true;
}

struct Read {
  Status status;
  std::vector<Batch> batches;
};

class PostgresSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ConfigFromEnvironment(&config_, &conninfo_))
        << kConninfoVariable
        << " is not set to a libpq connection string: run these tests with tests/sources/run.sh, "
           "which starts a PostgreSQL server for them";
    admin_.reset(PQconnectdb(conninfo_.c_str()));
    ASSERT_EQ(PQstatus(admin_.get()), CONNECTION_OK) << PQerrorMessage(admin_.get());
    PQsetNoticeProcessor(
        admin_.get(), [](void*, const char*) {}, nullptr);
    // One schema per test, so tests see only their own tables.
    std::string test_name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    schema_ = "t_";
    for (char c : test_name) schema_ += static_cast<char>(std::tolower(c));
    Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    Exec("CREATE SCHEMA " + schema_);
    config_.settings["schema"] = schema_;
  }

  void Exec(const std::string& sql) {
    PGresult* result = PQexec(admin_.get(), sql.c_str());
    ExecStatusType status = PQresultStatus(result);
    EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        << sql << ": " << PQresultErrorMessage(result);
    PQclear(result);
  }

  std::unique_ptr<Source> Open(const SourceConfig& config) {
    auto source = OpenPostgresSource(config);
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
    void operator()(PGconn* connection) const { PQfinish(connection); }
  };

  SourceConfig config_;
  std::string conninfo_;
  std::string schema_;
  std::unique_ptr<PGconn, ConnectionCloser> admin_;
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

TEST_F(PostgresSourceTest, CheckAcceptsGoodSettings) {
  Status status = Open(config_)->Check();
  EXPECT_TRUE(status.ok()) << status.ToString();
}

TEST_F(PostgresSourceTest, CheckReportsWrongPasswordWithoutRevealingIt) {
  SourceConfig config = config_;
  config.settings["password"] = "not-the-password-4711";
  Status status = Open(config)->Check();
  EXPECT_EQ(status.code(), StatusCode::kUnauthenticated) << status.ToString();
  EXPECT_NE(status.message().find("password authentication failed for user \"" +
                                  config.settings["user"] + "\""),
            std::string::npos)
      << status.message();
  EXPECT_EQ(status.message().find("4711"), std::string::npos) << status.message();
}

TEST_F(PostgresSourceTest, CheckReportsUnreachablePortAndHost) {
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

TEST_F(PostgresSourceTest, CheckReportsMissingDatabaseAndSchema) {
  SourceConfig config = config_;
  config.settings["database"] = "no_such_database";
  Status status = Open(config)->Check();
  EXPECT_EQ(status.code(), StatusCode::kNotFound) << status.ToString();
  EXPECT_NE(status.message().find("no_such_database"), std::string::npos) << status.message();

  config = config_;
  config.settings["schema"] = "no_such_schema";
  EXPECT_EQ(Open(config)->Check().code(), StatusCode::kNotFound);
}

TEST_F(PostgresSourceTest, OpenRejectsBadSettings) {
  SourceConfig config = config_;
  config.settings.erase("host");
  EXPECT_EQ(OpenPostgresSource(config).status().code(), StatusCode::kInvalidArgument);
  config = config_;
  config.settings["port"] = "54x";
  EXPECT_EQ(OpenPostgresSource(config).status().code(), StatusCode::kInvalidArgument);
  config = config_;
  config.settings["sslmode"] = "sometimes";
  EXPECT_EQ(OpenPostgresSource(config).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(PostgresSourceTest, DiscoverReportsColumnsKeysAndCandidates) {
  Exec("CREATE TABLE " + schema_ +
       ".orders (id bigint PRIMARY KEY, customer text NOT NULL, amount numeric(10,2), "
       "created_at timestamptz, day date, note varchar(20), price real, tags text[])");
  Exec("CREATE INDEX ON " + schema_ + ".orders (created_at, note)");
  Exec("CREATE TABLE " + schema_ +
       ".lines (order_id int, line smallint, PRIMARY KEY (line, order_id))");
  Exec("INSERT INTO " + schema_ +
       ".orders (id, customer) SELECT g, 'c' FROM generate_series(1, 50) g");
  Exec("ANALYZE " + schema_ + ".orders");
  Exec("CREATE VIEW " + schema_ + ".big_orders AS SELECT id, amount FROM " + schema_ + ".orders");

  auto tables = Open(config_)->Discover();
  ASSERT_TRUE(tables.ok()) << tables.status().ToString();
  ASSERT_EQ(tables->size(), 3u);
  const SourceTable& view = (*tables)[0];
  const SourceTable& lines = (*tables)[1];
  const SourceTable& orders = (*tables)[2];
  EXPECT_EQ(view.name, "big_orders");
  EXPECT_EQ(view.columns.size(), 2u);
  EXPECT_TRUE(view.primary_key.empty());
  EXPECT_EQ(lines.name, "lines");
  EXPECT_EQ(lines.primary_key, (std::vector<std::string>{"line", "order_id"}));
  EXPECT_EQ(orders.name, "orders");
  EXPECT_EQ(orders.primary_key, std::vector<std::string>{"id"});
  EXPECT_EQ(orders.estimated_rows, std::optional<uint64_t>(50));

  struct Expected {
    std::string name, source_type, type;
    bool nullable, candidate, indexed;
  };
  const std::vector<Expected> expected = {
      {"id", "bigint", "Int64", false, true, true},
      {"customer", "text", "String", false, false, false},
      {"amount", "numeric(10,2)", "Nullable(Decimal(38, 2))", true, true, false},
      {"created_at", "timestamp with time zone", "Nullable(DateTime)", true, true, true},
      {"day", "date", "Nullable(Date)", true, true, false},
      {"note", "character varying(20)", "Nullable(String)", true, false, false},
      {"price", "real", "Nullable(Float64)", true, false, false},
      {"tags", "text[]", "Nullable(Array(Nullable(String)))", true, false, false},
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
}

TEST_F(PostgresSourceTest, EveryMappedTypeRoundTrips) {
  Exec("CREATE TYPE " + schema_ + ".mood AS ENUM ('sad', 'happy')");
  Exec("CREATE TABLE " + schema_ +
       ".all_types (id int PRIMARY KEY, i2 smallint, i4 integer, i8 bigint, n numeric(38,10), "
       "nu numeric, r real, d double precision, b boolean, t text, c char(3), e " +
       schema_ +
       ".mood, addr inet, iv interval, tm time, u uuid, dt date, ts timestamp, "
       "tstz timestamptz, j json, jb jsonb, by bytea, ai integer[], at text[])");
  // Written in another time zone than the reader's UTC.
  Exec("SET TIME ZONE 'Asia/Kolkata'");
  Exec("INSERT INTO " + schema_ +
       ".all_types VALUES (1, -32768, -2147483648, -9223372036854775808, "
       "'-9999999999999999999999999999.9999999999', 'NaN', '-Infinity', "
       "1.7976931348623157e308, true, E'h\u00e9llo \U0001F418 tab\\there\\nline back\\\\slash', "
       "'ab', 'happy', '192.168.0.1/24', '1 day 02:03:04', '13:14:15.5', "
       "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '0044-03-15 BC', '1900-01-01 00:00:00.000001', "
       "'2024-01-01 05:30:00', '{\"a\": [1, 2]}', '{\"b\": 1, \"a\": \"x\"}', '\\x00ff0a', "
       "'{1,NULL,3}', '{\"a b\",\"c,d\",NULL,\"\"}')");
  Exec("INSERT INTO " + schema_ +
       ".all_types VALUES (2, 32767, 2147483647, 9223372036854775807, '0.0000000001', "
       "'12345678901234567890.5', 3.25, 'NaN', false, '', NULL, NULL, NULL, NULL, NULL, NULL, "
       "'9999-12-31', 'infinity', '1969-12-31 23:59:59.999999+00', 'null', '[]', '\\x', '{}', "
       "'{}')");
  Exec("INSERT INTO " + schema_ + ".all_types (id, n) VALUES (3, 'NaN')");

  Read read = ReadTable({.table = "all_types"});
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  ASSERT_EQ(read.batches.size(), 1u);
  const Batch& batch = read.batches[0];
  ASSERT_EQ(batch.num_rows(), 3u);
  auto value = [&](int row, std::string_view column) {
    int column_idx = batch.schema.FindField(column);
    EXPECT_GE(column_idx, 0) << column;
    return batch.columns[column_idx].GetValue(row);
  };
  EXPECT_EQ(value(0, "i2"), Value::Int64(-32768));
  EXPECT_EQ(value(0, "i4"), Value::Int64(-2147483648LL));
  EXPECT_EQ(value(0, "i8"), Value::Int64(std::numeric_limits<int64_t>::min()));
  EXPECT_EQ(value(1, "i8"), Value::Int64(std::numeric_limits<int64_t>::max()));
  Int128 nines = 0;
  for (int i = 0; i < 38; ++i) nines = nines * 10 + 9;
  EXPECT_EQ(value(0, "n"), Value::Decimal(-nines));
  EXPECT_EQ(value(1, "n"), Value::Decimal(1));
  EXPECT_TRUE(value(2, "n").is_null());  // NaN
  EXPECT_TRUE(std::isnan(value(0, "nu").as_float64()));
  EXPECT_DOUBLE_EQ(value(1, "nu").as_float64(), 12345678901234567890.5);
  EXPECT_EQ(value(0, "r"), Value::Float64(-std::numeric_limits<double>::infinity()));
  EXPECT_EQ(value(1, "r"), Value::Float64(3.25));
  EXPECT_EQ(value(0, "d"), Value::Float64(1.7976931348623157e308));
  EXPECT_TRUE(std::isnan(value(1, "d").as_float64()));
  EXPECT_EQ(value(0, "b"), Value::Bool(true));
  EXPECT_EQ(value(1, "b"), Value::Bool(false));
  EXPECT_EQ(value(0, "t"),
            Value::String("h\xc3\xa9llo \xf0\x9f\x90\x98 tab\there\nline back\\slash"));
  EXPECT_EQ(value(1, "t"), Value::String(""));
  EXPECT_EQ(value(0, "c"), Value::String("ab "));
  EXPECT_EQ(value(0, "e"), Value::String("happy"));
  EXPECT_EQ(value(0, "addr"), Value::String("192.168.0.1/24"));
  EXPECT_EQ(value(0, "iv"), Value::String("1 day 02:03:04"));
  EXPECT_EQ(value(0, "tm"), Value::String("13:14:15.5"));
  Uuid128 uuid;
  ASSERT_TRUE(ParseUuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", &uuid));
  EXPECT_EQ(value(0, "u"), Value::Uuid(uuid));
  EXPECT_EQ(value(0, "dt"), Value::Date(DaysFromCivil(-43, 3, 15)));
  EXPECT_EQ(value(1, "dt"), Value::Date(DaysFromCivil(9999, 12, 31)));
  EXPECT_EQ(value(0, "ts"),
            Value::DateTime(int64_t{DaysFromCivil(1900, 1, 1)} * 86400 * 1000000 + 1));
  EXPECT_EQ(value(1, "ts"), Value::DateTime(std::numeric_limits<int64_t>::max()));
  EXPECT_EQ(value(0, "tstz"),
            Value::DateTime(int64_t{DaysFromCivil(2024, 1, 1)} * 86400 * 1000000));
  EXPECT_EQ(value(1, "tstz"), Value::DateTime(-1));
  EXPECT_EQ(value(0, "j"), Value::String("{\"a\": [1, 2]}"));
  EXPECT_EQ(value(0, "jb"), Value::String("{\"a\": \"x\", \"b\": 1}"));
  EXPECT_EQ(value(1, "j"), Value::String("null"));
  EXPECT_EQ(value(0, "by"), Value::String("\\x00ff0a"));
  EXPECT_EQ(value(1, "by"), Value::String("\\x"));
  EXPECT_EQ(value(0, "ai"), Value::Array({Value::Int64(1), Value::Null(), Value::Int64(3)}));
  EXPECT_EQ(value(0, "at"), Value::Array({Value::String("a b"), Value::String("c,d"), Value::Null(),
                                          Value::String("")}));
  EXPECT_EQ(value(1, "ai"), Value::Array({}));
  for (size_t column_idx = 2; column_idx < batch.columns.size(); ++column_idx) {
    SCOPED_TRACE(batch.schema.fields[column_idx].name);
    if (batch.schema.fields[column_idx].name == "n") continue;
    EXPECT_TRUE(batch.columns[column_idx].IsNull(2));
  }
}

TEST_F(PostgresSourceTest, ReadsTenThousandRowsInBatchesInOrder) {
  Exec("CREATE TABLE " + schema_ + ".numbers (id int PRIMARY KEY, label text)");
  Exec("INSERT INTO " + schema_ +
       ".numbers SELECT g, 'row ' || g FROM generate_series(1, 10000) g");
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

TEST_F(PostgresSourceTest, IncrementalReadStartsAtCursorIncludingTies) {
  Exec("CREATE TABLE " + schema_ + ".events (id int, seen_at timestamptz, amount numeric(8,2))");
  Exec("INSERT INTO " + schema_ +
       ".events VALUES (1, '2024-01-03 00:00:00+00', 3), (2, '2024-01-01 00:00:00+00', 1), "
       "(3, '2024-01-02 00:00:00+00', 2), (4, '2024-01-02 00:00:00+00', 2), "
       "(5, '2023-12-31 00:00:00+00', 0), (6, NULL, NULL)");
  int64_t jan2 = int64_t{DaysFromCivil(2024, 1, 2)} * 86400 * 1000000;
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

  // No cursor yet: every row, ascending, NULLs last.
  read = ReadTable({.table = "events", .cursor_column = "seen_at"});
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  ids = ColumnValues(read, 0);
  ASSERT_EQ(ids.size(), 6u);
  EXPECT_EQ(ids[0], Value::Int64(5));
  EXPECT_EQ(ids[1], Value::Int64(2));
  EXPECT_EQ(ids[5], Value::Int64(6));

  // A quote in the cursor text stays inside the literal.
  read = ReadTable(
      {.table = "events", .cursor_column = "id", .cursor = Value::String("1' OR '1'='1")});
  EXPECT_EQ(read.status.code(), StatusCode::kInvalidArgument) << read.status.ToString();
  EXPECT_TRUE(read.batches.empty());
}

TEST_F(PostgresSourceTest, SinkErrorStopsTheRead) {
  Exec("CREATE TABLE " + schema_ + ".numbers (id int)");
  Exec("INSERT INTO " + schema_ + ".numbers SELECT generate_series(1, 100000)");
  auto source = Open(config_);
  int calls = 0;
  Status status = source->Read({.table = "numbers", .batch_rows = 100}, [&](Batch) {
    ++calls;
    return Cancelled("the sync was stopped");
  });
  EXPECT_EQ(status, Cancelled("the sync was stopped"));
  EXPECT_EQ(calls, 1);
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

// A view whose rows stop coming (the server sleeps for 5 minutes after the first 100): setting the
// request's cancel flag stops the read within a moment, cancelling the query on the server.
TEST_F(PostgresSourceTest, CancelStopsAReadWaitingForTheServer) {
  Exec("CREATE FUNCTION " + schema_ +
       ".stall_after(g int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN IF g = 101 THEN PERFORM "
       "pg_sleep(300); END IF; RETURN g; END $$");
  Exec("CREATE VIEW " + schema_ + ".stalling AS SELECT " + schema_ +
       ".stall_after(g) AS id FROM generate_series(1, 200) g");
  auto source = Open(config_);
  std::atomic<bool> cancel{false};
  std::atomic<int> rows{0};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    cancel = true;
  });
  const auto start = std::chrono::steady_clock::now();
  Status status =
      source->Read({.table = "stalling", .batch_rows = 10, .cancel = &cancel}, [&](Batch batch) {
        rows += static_cast<int>(batch.num_rows());
        return Status::OK();
      });
  stopper.join();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(status.code(), StatusCode::kCancelled) << status.ToString();
  EXPECT_LE(rows.load(), 100);  // The server may not have flushed them: rows are small.
  EXPECT_LT(took, std::chrono::seconds(30));
  // The server is not left sleeping: the same view reads again once it no longer stalls.
  Exec("CREATE OR REPLACE FUNCTION " + schema_ +
       ".stall_after(g int) RETURNS int LANGUAGE sql AS $$ SELECT g $$");
  rows = 0;
  status = source->Read({.table = "stalling"}, [&](Batch batch) {
    rows += static_cast<int>(batch.num_rows());
    return Status::OK();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(rows.load(), 200);
}

TEST_F(PostgresSourceTest, MissingTableIsNotFound) {
  Read read = ReadTable({.table = "no_such_table"});
  EXPECT_EQ(read.status.code(), StatusCode::kNotFound) << read.status.ToString();
  EXPECT_NE(read.status.message().find("no_such_table"), std::string::npos);
  read = ReadTable({.table = "no_such_table", .cursor_column = "id"});
  EXPECT_EQ(read.status.code(), StatusCode::kNotFound);
}

TEST_F(PostgresSourceTest, ConnectionLostMidReadIsUnavailable) {
  Exec("CREATE TABLE " + schema_ + ".numbers (id int, padding text)");
  Exec("INSERT INTO " + schema_ +
       ".numbers SELECT g, repeat('x', 100) FROM generate_series(1, 200000) g");
  int calls = 0;
  Status status = Open(config_)->Read({.table = "numbers", .batch_rows = 1000}, [&](Batch) {
    if (++calls == 1) {
      Exec(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
          "WHERE application_name = 'larder' AND query LIKE 'COPY%'");
    }
    return Status::OK();
  });
  EXPECT_EQ(status.code(), StatusCode::kUnavailable) << status.ToString();
  EXPECT_NE(status.message().find("lost the connection"), std::string::npos) << status.message();
  EXPECT_LT(calls, 200);
}

}  // namespace
}  // namespace larder::sources
