#include "sources/mysql/mysql_types.h"

#include <gtest/gtest.h>

#include <limits>

#include "types/datetime.h"

namespace larder::sources {
namespace {

constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000000;

TEST(MysqlTypesTest, MapsTypes) {
  struct Case {
    MysqlType mysql_type;
    bool nullable;
    std::string expected;
    bool key_candidate;
    bool select_as_number = false;
  };
  const std::vector<Case> cases = {
      {{"tinyint", "tinyint(1)"}, false, "Int64", true},
      {{"int", "int(10) unsigned"}, true, "Nullable(Int64)", true},
      {{"bigint", "bigint(20)"}, false, "Int64", true},
      {{"bigint", "bigint(20) unsigned"}, false, "Decimal(38, 0)", true},
      {{"bigint", "bigint unsigned"}, true, "Nullable(Decimal(38, 0))", true},
      {{"decimal", "decimal(10,2)", 10, 2}, false, "Decimal(38, 2)", true},
      {{"decimal", "decimal(38,38)", 38, 38}, false, "Decimal(38, 38)", true},
      {{"decimal", "decimal(65,30)", 65, 30}, false, "Float64", true},
      {{"float", "float"}, false, "Float64", false},
      {{"double", "double"}, true, "Nullable(Float64)", false},
      {{"bit", "bit(1)", 1}, false, "Bool", false, true},
      {{"bit", "bit(9)", 9}, false, "Int64", false, true},
      {{"bit", "bit(64)", 64}, false, "Decimal(38, 0)", false, true},
      {{"year", "year(4)"}, false, "Int64", true},
      {{"date", "date"}, false, "Nullable(Date)", true},
      {{"datetime", "datetime(6)"}, false, "Nullable(DateTime)", true},
      {{"timestamp", "timestamp"}, true, "Nullable(DateTime)", true},
      {{"time", "time(3)"}, false, "String", false},
      {{"json", "json"}, false, "JSON", false},
      {{"longtext", "longtext", 0, 0, /*json=*/true}, true, "Nullable(JSON)", false},
      {{"longtext", "longtext"}, false, "String", false},
      {{"uuid", "uuid"}, false, "UUID", false},
      {{"enum", "enum('a','b')"}, false, "String", false},
      {{"varbinary", "varbinary(16)"}, false, "String", false},
      {{"geometry", "geometry"}, true, "Nullable(String)", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.mysql_type.column_type + " " + c.expected);
    MappedMysqlType mapped = MapMysqlType(c.mysql_type, c.nullable);
    EXPECT_EQ(mapped.type.ToString(), c.expected);
    EXPECT_EQ(mapped.replication_key_candidate, c.key_candidate);
    EXPECT_EQ(mapped.select_as_number, c.select_as_number);
  }
}

// Appends `text` to a fresh column of `type` and returns the value read back.
Value ReadOne(const LogicalType& type, std::string_view text) {
  ColumnVector column(type);
  Status status = AppendMysqlValue(text, &column);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return column.size() == 1 ? column.GetValue(0) : Value::String("<no row>");
}

TEST(MysqlTypesTest, ParsesValuesAsTheServerSendsThem) {
  const LogicalType date = LogicalType::Date().WithNullable(true);
  const LogicalType datetime = LogicalType::DateTime().WithNullable(true);
  EXPECT_EQ(ReadOne(LogicalType::Int64(), "-9223372036854775808"),
            Value::Int64(std::numeric_limits<int64_t>::min()));
  EXPECT_EQ(ReadOne(LogicalType::Decimal(0), "18446744073709551615"),
            Value::Decimal(Int128{std::numeric_limits<uint64_t>::max()}));
  EXPECT_EQ(ReadOne(LogicalType::Decimal(2), "-12.50"), Value::Decimal(-1250));
  EXPECT_EQ(ReadOne(LogicalType::Float64(), "1.7976931348623157e308"),
            Value::Float64(std::numeric_limits<double>::max()));
  EXPECT_EQ(ReadOne(LogicalType::Float64(), "-0.1"), Value::Float64(-0.1));
  EXPECT_EQ(ReadOne(LogicalType::Bool(), "1"), Value::Bool(true));
  EXPECT_EQ(ReadOne(date, "1970-01-02"), Value::Date(1));
  EXPECT_EQ(ReadOne(date, "0000-01-01"), Value::Date(DaysFromCivil(0, 1, 1)));
  EXPECT_EQ(ReadOne(date, "2024-02-29"), Value::Date(DaysFromCivil(2024, 2, 29)));
  EXPECT_EQ(ReadOne(datetime, "1969-12-31 23:59:59.999999"), Value::DateTime(-1));
  EXPECT_EQ(ReadOne(datetime, "1970-01-01 00:00:01.5"), Value::DateTime(1500000));
  EXPECT_EQ(ReadOne(datetime, "9999-12-31 23:59:59"),
            Value::DateTime((DaysFromCivil(10000, 1, 1) * kMicrosPerDay) - 1000000));
  EXPECT_EQ(ReadOne(LogicalType::String(), std::string("a\0b", 3)),
            Value::String(std::string("a\0b", 3)));
}

TEST(MysqlTypesTest, ZeroDatesReadAsNull) {
  const LogicalType date = LogicalType::Date().WithNullable(true);
  const LogicalType datetime = LogicalType::DateTime().WithNullable(true);
  for (std::string_view text : {"0000-00-00", "2024-00-00", "2024-01-00", "2023-02-29"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(ReadOne(date, text).is_null());
  }
  for (std::string_view text :
       {"0000-00-00 00:00:00", "2024-00-00 10:00:00", "0000-00-00 00:00:00.000000"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(ReadOne(datetime, text).is_null());
  }
}

TEST(MysqlTypesTest, RejectsTextOfAnotherType) {
  struct Case {
    LogicalType type;
    std::string_view text;
  };
  const std::vector<Case> cases = {
      {LogicalType::Int64(), "12x"},
      {LogicalType::Int64(), "18446744073709551615"},
      {LogicalType::Decimal(2), "1.234"},
      {LogicalType::Bool(), "2"},
      {LogicalType::Date().WithNullable(true), "2024-13-01"},
      {LogicalType::Date().WithNullable(true), "24-01-01"},
      {LogicalType::DateTime().WithNullable(true), "2024-01-01 24:00:00"},
      {LogicalType::DateTime().WithNullable(true), "2024-01-01 10:00:00.1234567"},
      {LogicalType::Date(), "0000-00-00"},  // A zero date cannot go into a non-Nullable column.
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text) + " as " + c.type.ToString());
    ColumnVector column(c.type);
    EXPECT_EQ(AppendMysqlValue(c.text, &column).code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(column.size(), 0u);
  }
}

TEST(MysqlTypesTest, CursorLiterals) {
  const LogicalType date = LogicalType::Date().WithNullable(true);
  const LogicalType datetime = LogicalType::DateTime().WithNullable(true);
  EXPECT_EQ(*MysqlCursorLiteral(Value::Int64(-42), LogicalType::Int64()), "-42");
  EXPECT_EQ(*MysqlCursorLiteral(Value::Decimal(Int128{std::numeric_limits<uint64_t>::max()}),
                                LogicalType::Decimal(0)),
            "18446744073709551615");
  EXPECT_EQ(*MysqlCursorLiteral(Value::Decimal(-1250), LogicalType::Decimal(2)), "-12.50");
  EXPECT_EQ(*MysqlCursorLiteral(Value::Float64(0.5), LogicalType::Float64()), "0.5");
  EXPECT_EQ(*MysqlCursorLiteral(Value::Date(DaysFromCivil(2024, 3, 1)), date), "'2024-03-01'");
  EXPECT_EQ(*MysqlCursorLiteral(Value::DateTime(-1), datetime), "'1969-12-31 23:59:59.999999'");
  EXPECT_EQ(*MysqlCursorLiteral(Value::String("2024-03-01 12:00:00"), datetime),
            "'2024-03-01 12:00:00.000000'");
  EXPECT_EQ(*MysqlCursorLiteral(Value::String("17"), LogicalType::Int64()), "17");

  // Nothing but a number or a date ever reaches the SQL text.
  EXPECT_EQ(MysqlCursorLiteral(Value::String("1 OR 1=1"), LogicalType::Int64()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(MysqlCursorLiteral(Value::String("0000-00-00"), date).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(MysqlCursorLiteral(Value::Bool(true), LogicalType::Int64()).ok());
  EXPECT_FALSE(MysqlCursorLiteral(Value::Date(DaysFromCivil(10000, 1, 1)), date).ok());
  EXPECT_FALSE(MysqlCursorLiteral(Value::Float64(std::numeric_limits<double>::infinity()),
                                  LogicalType::Float64())
                   .ok());
  EXPECT_FALSE(MysqlCursorLiteral(Value::Null(), LogicalType::Int64()).ok());
}

}  // namespace
}  // namespace larder::sources
