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
