#include "sources/postgres/pg_types.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "types/datetime.h"

namespace larder::sources {
namespace {

// numeric(p, s) as PostgreSQL packs it into atttypmod.
int32_t NumericTypmod(int precision, int scale) {
  return ((precision << 16) | (scale & 0x7ff)) + 4;
}

TEST(PgTypesTest, MapsTypes) {
  struct Case {
    PostgresType pg_type;
    bool nullable;
    std::string expected;
    bool key_candidate;
  };
  const std::vector<Case> cases = {
      {{"int4"}, false, "Int64", true},
      {{"int8"}, true, "Nullable(Int64)", true},
      {{"numeric", 'N', NumericTypmod(10, 2)}, false, "Nullable(Decimal(38, 2))", true},
      {{"numeric", 'N', NumericTypmod(38, 38)}, false, "Nullable(Decimal(38, 38))", true},
      {{"numeric", 'N', NumericTypmod(40, 2)}, false, "Float64", true},
      {{"numeric", 'N', NumericTypmod(5, -2)}, false, "Float64", true},
      {{"numeric", 'N', -1}, true, "Nullable(Float64)", true},
      {{"float8"}, false, "Float64", false},
      {{"bool"}, false, "Bool", false},
      {{"uuid"}, false, "UUID", false},
      {{"date"}, false, "Date", true},
      {{"timestamptz"}, false, "DateTime", true},
      {{"jsonb"}, false, "JSON", false},
      {{"bytea"}, false, "String", false},
      {{"my_enum", 'E'}, false, "String", false},
      {{"_int4", 'A', -1, "int4"}, false, "Array(Nullable(Int64))", false},
      {{"_text", 'A', -1, "text"}, true, "Nullable(Array(Nullable(String)))", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.pg_type.base_name + " " + c.expected);
    MappedType mapped = MapPostgresType(c.pg_type, c.nullable);
    EXPECT_EQ(mapped.type.ToString(), c.expected);
    EXPECT_EQ(mapped.replication_key_candidate, c.key_candidate);
  }
}

// Appends `text` to a fresh column of `type` and returns the value read back.
Value ReadOne(const LogicalType& type, std::string_view text) {
  ColumnVector column(type);
  Status status = AppendPostgresValue(text, &column);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return column.size() == 1 ? column.GetValue(0) : Value::String("<no row>");
}

TEST(PgTypesTest, ParsesValuesAsPostgresPrintsThem) {
  EXPECT_EQ(ReadOne(LogicalType::Int64(), "-9223372036854775808"),
            Value::Int64(std::numeric_limits<int64_t>::min()));
  EXPECT_EQ(ReadOne(LogicalType::Bool(), "t"), Value::Bool(true));
  EXPECT_EQ(ReadOne(LogicalType::Decimal(2).WithNullable(true), "-12.5"), Value::Decimal(-1250));
  EXPECT_TRUE(ReadOne(LogicalType::Decimal(2).WithNullable(true), "NaN").is_null());
  EXPECT_TRUE(std::isnan(ReadOne(LogicalType::Float64(), "NaN").as_float64()));
  EXPECT_EQ(ReadOne(LogicalType::Float64(), "-Infinity").as_float64(),
            -std::numeric_limits<double>::infinity());
  EXPECT_EQ(ReadOne(LogicalType::Float64(), "1" + std::string(400, '0')).as_float64(),
            std::numeric_limits<double>::infinity());
  EXPECT_EQ(ReadOne(LogicalType::Date(), "1970-01-02"), Value::Date(1));
  EXPECT_EQ(ReadOne(LogicalType::Date(), "0001-12-31 BC"), Value::Date(DaysFromCivil(0, 12, 31)));
  EXPECT_EQ(ReadOne(LogicalType::Date(), "12345-01-01"), Value::Date(DaysFromCivil(12345, 1, 1)));
  EXPECT_EQ(ReadOne(LogicalType::DateTime(), "1970-01-01 00:00:01.5+00"), Value::DateTime(1500000));
  EXPECT_EQ(ReadOne(LogicalType::DateTime(), "1970-01-01 05:30:00+05:30"), Value::DateTime(0));
  EXPECT_EQ(ReadOne(LogicalType::DateTime(), "1969-12-31 23:59:59.999999"), Value::DateTime(-1));
  EXPECT_EQ(ReadOne(LogicalType::DateTime(), "infinity"),
            Value::DateTime(std::numeric_limits<int64_t>::max()));
  EXPECT_EQ(ReadOne(LogicalType::Array(LogicalType::String().WithNullable(true)),
                    "{a,\"b,c\",NULL,\"NULL\",\"q\\\"\"}"),
            Value::Array({Value::String("a"), Value::String("b,c"), Value::Null(),
                          Value::String("NULL"), Value::String("q\"")}));
  EXPECT_EQ(ReadOne(LogicalType::Array(LogicalType::Int64().WithNullable(true)), "[0:1]={1,2}"),
            Value::Array({Value::Int64(1), Value::Int64(2)}));
}

// The forms PostgreSQL prints, read through the column appender (the source's path) and one
// value at a time (AppendPostgresValue): both must give the expected value.
TEST(PgTypesTest, ColumnAppenderReadsWhatAppendPostgresValueReads) {
  struct Case {
    LogicalType type;
    std::string text;
    Value expected;
  };
  const LogicalType decimal2 = LogicalType::Decimal(2).WithNullable(true);
  const int64_t day_2024_03_01 = int64_t{DaysFromCivil(2024, 3, 1)} * 86400000000;
  const std::vector<Case> cases = {
      {LogicalType::Int64(), "0", Value::Int64(0)},
      {LogicalType::Int64(), "-42", Value::Int64(-42)},
      {LogicalType::Int64(), "999999999999999999", Value::Int64(999999999999999999)},
      {LogicalType::Int64(), "9223372036854775807",
       Value::Int64(std::numeric_limits<int64_t>::max())},
      {LogicalType::Int64(), "-9223372036854775808",
       Value::Int64(std::numeric_limits<int64_t>::min())},
      {decimal2, "79.07", Value::Decimal(7907)},
      {decimal2, "-0.50", Value::Decimal(-50)},
      {decimal2, "12", Value::Decimal(1200)},
      {decimal2, "1.500", Value::Decimal(150)},
      {decimal2, "123456789012345678.25", Value::Decimal(Int128{123456789012345678} * 100 + 25)},
      {decimal2, "NaN", Value::Null()},
      {LogicalType::Decimal(0).WithNullable(true), "-7", Value::Decimal(-7)},
      {LogicalType::Float64(), "0.1", Value::Float64(0.1)},
      {LogicalType::Bool(), "f", Value::Bool(false)},
      {LogicalType::Date(), "2024-03-01", Value::Date(DaysFromCivil(2024, 3, 1))},
      {LogicalType::Date(), "-infinity", Value::Date(std::numeric_limits<int32_t>::min())},
      {LogicalType::DateTime(), "2024-03-01 00:00:00", Value::DateTime(day_2024_03_01)},
      {LogicalType::DateTime(), "2024-03-01 12:34:56.7",
       Value::DateTime(day_2024_03_01 + (12 * 3600 + 34 * 60 + 56) * 1000000LL + 700000)},
      {LogicalType::DateTime(), "2024-03-01 00:00:00.000001+00",
       Value::DateTime(day_2024_03_01 + 1)},
      {LogicalType::DateTime(), "2024-03-01 00:00:00-08",
       Value::DateTime(day_2024_03_01 + 8 * 3600000000LL)},
      {LogicalType::DateTime(), "2024-03-01 05:30:00+05:30", Value::DateTime(day_2024_03_01)},
      {LogicalType::DateTime(), "2024-03-01 00:00:00+00:00:30",
       Value::DateTime(day_2024_03_01 - 30000000)},
      {LogicalType::DateTime(), "0044-03-15 12:00:00 BC",
       Value::DateTime(int64_t{DaysFromCivil(-43, 3, 15)} * 86400000000 + 12 * 3600000000LL)},
      {LogicalType::DateTime(), "12345-01-01 00:00:00",
       Value::DateTime(int64_t{DaysFromCivil(12345, 1, 1)} * 86400000000)},
      {LogicalType::String().WithNullable(true), "text", Value::String("text")},
      {LogicalType::Array(LogicalType::Int64().WithNullable(true)), "{1,NULL}",
       Value::Array({Value::Int64(1), Value::Null()})},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.type.ToString() + " '" + c.text + "'");
    ColumnVector column(c.type);
    PostgresColumnAppender appender(&column, 1);
    Status status = appender.Append(c.text);
    ASSERT_TRUE(status.ok()) << status.ToString();
    appender.Finish();
    ASSERT_EQ(column.size(), 1u);
    EXPECT_EQ(column.GetValue(0), c.expected);
    EXPECT_EQ(ReadOne(c.type, c.text), c.expected);
  }
}

TEST(PgTypesTest, ColumnAppenderRejectsWhatPostgresDoesNotPrint) {
  struct Case {
    LogicalType type;
    std::string text;
  };
  const std::vector<Case> cases = {
      {LogicalType::Int64(), "9223372036854775808"},
      {LogicalType::Int64(), "12x"},
      {LogicalType::Int64(), "-"},
      {LogicalType::Decimal(2).WithNullable(true), "1.234"},
      {LogicalType::Decimal(2).WithNullable(true), "1.2.3"},
      {LogicalType::Decimal(2).WithNullable(true), "-"},
      {LogicalType::Date(), "2024-13-01"},
      {LogicalType::DateTime(), "2024-03-01 00:00:00.1234567"},
      {LogicalType::DateTime(), "2024-03-01 25:00:00"},
      {LogicalType::DateTime(), "2024-03-01 00:00:00+0530"},
      {LogicalType::DateTime(), "2024-03-01T00:00:00"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.type.ToString() + " '" + c.text + "'");
    ColumnVector column(c.type);
    PostgresColumnAppender appender(&column, 1);
    EXPECT_EQ(appender.Append(c.text).code(), StatusCode::kInvalidArgument);
    ColumnVector one(c.type);
    EXPECT_EQ(AppendPostgresValue(c.text, &one).code(), StatusCode::kInvalidArgument);
  }
}

TEST(PgTypesTest, ColumnAppenderGrowsPastItsSizeAndKeepsNulls) {
  ColumnVector numbers(LogicalType::Int64().WithNullable(true));
  ColumnVector names(LogicalType::String().WithNullable(true));
  PostgresColumnAppender number_appender(&numbers, 2);
  PostgresColumnAppender name_appender(&names, 2);
  for (int row = 0; row < 3000; ++row) {
    if (row % 3 == 0) {
      ASSERT_TRUE(number_appender.AppendNull().ok());
      ASSERT_TRUE(name_appender.AppendNull().ok());
    } else {
      ASSERT_TRUE(number_appender.Append(std::to_string(row)).ok());
      ASSERT_TRUE(name_appender.Append("n" + std::to_string(row)).ok());
    }
  }
  number_appender.Finish();
  name_appender.Finish();
  ASSERT_EQ(numbers.size(), 3000u);
  ASSERT_EQ(names.size(), 3000u);
  for (int row : {0, 1, 2, 1023, 1024, 2999}) {
    SCOPED_TRACE(row);
    EXPECT_EQ(numbers.GetValue(row), row % 3 == 0 ? Value::Null() : Value::Int64(row));
    EXPECT_EQ(names.GetValue(row),
              row % 3 == 0 ? Value::Null() : Value::String("n" + std::to_string(row)));
  }

  ColumnVector required(LogicalType::Int64());
  PostgresColumnAppender required_appender(&required, 1);
  EXPECT_EQ(required_appender.AppendNull().code(), StatusCode::kCorruption);
}

TEST(PgTypesTest, RejectsTextOfAnotherType) {
  ColumnVector column(LogicalType::Int64());
  EXPECT_EQ(AppendPostgresValue("12x", &column).code(), StatusCode::kInvalidArgument);
  ColumnVector array(LogicalType::Array(LogicalType::Int64().WithNullable(true)));
  EXPECT_EQ(AppendPostgresValue("{{1},{2}}", &array).code(), StatusCode::kInvalidArgument);
}

TEST(PgTypesTest, FormatsCursorValuesAsPostgresReadsThem) {
  EXPECT_EQ(FormatPostgresDate(DaysFromCivil(-43, 3, 15)), "0044-03-15 BC");
  EXPECT_EQ(FormatPostgresTimestamp(-1, /*with_zone=*/true), "1969-12-31 23:59:59.999999+00");
  EXPECT_EQ(*FormatPostgresCursor(Value::Decimal(-1250), LogicalType::Decimal(2)), "-12.50");
  EXPECT_EQ(*FormatPostgresCursor(Value::Int64(42), LogicalType::Int64()), "42");
  EXPECT_FALSE(FormatPostgresCursor(Value::Bool(true), LogicalType::Int64()).ok());
}

}  // namespace
}  // namespace larder::sources
