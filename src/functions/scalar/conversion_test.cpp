#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "functions/scalar/date_test_util.h"

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

Value Dec(Int128 value) { return Value::Decimal(value); }
const LogicalType kDecimal2 = LogicalType::Decimal(2);
const LogicalType kUuid = LogicalType::Uuid();

TEST(ConversionTest, Integers) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(
      registry,
      {
          {"toInt64",
           {Col(kString, {S("123"), S("-5"), S("+7"), S("9223372036854775807")})},
           "Int64",
           {"123", "-5", "7", "9223372036854775807"}},
          {"toInt64", {Col(kFloat, {F(1.9), F(-1.9), F(0.0)})}, "Int64", {"1", "-1", "0"}},
          {"toInt64", {Col(kDecimal2, {Dec(1299), Dec(-1299)})}, "Int64", {"12", "-12"}},
          {"toInt64", {Col(kBool, {B(true), B(false)})}, "Int64", {"1", "0"}},
          {"toInt64", {Col(kDate, {D("1970-01-02"), D("1969-12-31")})}, "Int64", {"1", "-1"}},
          {"toInt64",
           {Col(kDateTime, {DT("2024-01-01 00:00:00"), DT("1969-12-31 23:59:59.5")})},
           "Int64",
           {"1704067200", "0"}},
          {"toInt", {Col(Nullable(kInt), {I(5), N()})}, "Nullable(Int64)", {"5", "NULL"}},
          // Narrower widths wrap as ClickHouse's do.
          {"toInt8", {Col(kInt, {I(200), I(-129), I(127)})}, "Int64", {"-56", "127", "127"}},
          {"toUInt8", {Col(kInt, {I(-1), I(256)})}, "Int64", {"255", "0"}},
          {"toInt16", {Const(kString, S("40000"))}, "Int64", {"-25536"}},
          {"toInt32", {Col(kInt, {I(3000000000)})}, "Int64", {"-1294967296"}},
          {"toUInt32", {Col(kFloat, {F(-1.0)})}, "Int64", {"4294967295"}},
          {"toUInt16", {Col(kInt, {I(65537)})}, "Int64", {"1"}},
          // UInt64 values past Int64 keep their bits.
          {"toUInt64", {Col(kString, {S("18446744073709551615"), S("1")})}, "Int64", {"-1", "1"}},
          {"toUInt64", {Col(kFloat, {F(1e19)})}, "Int64", {"-8446744073709551616"}},
          {"toInt64OrNull",
           {Col(kString, {S("1"), S("x"), S(""), S(" 1"), S("1.5"), S("9223372036854775808")})},
           "Nullable(Int64)",
           {"1", "NULL", "NULL", "NULL", "NULL", "NULL"}},
          {"toInt64OrZero", {Col(kString, {S("12"), S("x")})}, "Int64", {"12", "0"}},
          {"toInt64OrNull",
           {Col(kFloat, {F(std::nan("")), F(1e300), F(2.5)})},
           "Nullable(Int64)",
           {"NULL", "NULL", "2"}},
          {"toInt32OrNull",
           {DictCol(Nullable(kString), {"1", "x", std::nullopt, "1"})},
           "Nullable(Int64)",
           {"1", "NULL", "NULL", "1"}},
      });
}

TEST(ConversionTest, FloatsAndBools) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(
      registry,
      {
          {"toFloat64",
           {Col(kString, {S("1.5"), S("1e3"), S("-0.25"), S("+2")})},
           "Float64",
           {"1.5", "1000", "-0.25", "2"}},
          {"toFloat64",
           {Col(kString, {S("inf"), S("-inf"), S("nan")})},
           "Float64",
           {"inf", "-inf", "nan"}},
          {"toFloat", {Col(kDecimal2, {Dec(125), Dec(-5)})}, "Float64", {"1.25", "-0.05"}},
          {"toFloat64", {Col(Nullable(kInt), {I(3), N()})}, "Nullable(Float64)", {"3", "NULL"}},
          {"toFloat64", {Col(kDateTime, {DT("1970-01-01 00:00:01.5")})}, "Float64", {"1.5"}},
          {"toFloat64", {Col(kDate, {D("1970-01-11")})}, "Float64", {"10"}},
          {"toFloat64OrNull",
           {Col(kString, {S("1,5"), S(""), S("0x10"), S("7")})},
           "Nullable(Float64)",
           {"NULL", "NULL", "NULL", "7"}},
          {"toFloat64OrZero", {Col(kString, {S("abc")})}, "Float64", {"0"}},
          {"toBool",
           {Col(kString, {S("true"), S("FALSE"), S("1"), S("0"), S("True")})},
           "Bool",
           {"true", "false", "true", "false", "true"}},
          {"toBool", {Col(kInt, {I(0), I(2), I(-1)})}, "Bool", {"false", "true", "true"}},
          {"toBool",
           {Col(kFloat, {F(0.0), F(0.5), F(std::nan(""))})},
           "Bool",
           {"false", "true", "true"}},
          {"toBoolOrNull", {Col(kString, {S("yes"), S("t")})}, "Nullable(Bool)", {"NULL", "NULL"}},
      });
}

// The result scale is 2 while types cannot depend on constants; the scale argument cuts first.
TEST(ConversionTest, Decimals) {
  FunctionRegistry registry = DateRegistry();
  const TestArg two = Const(kInt, I(2));
  ExpectCases(registry,
              {
                  {"toDecimal64",
                   {Col(kString, {S("1.239"), S("-1.239"), S("12"), S(".5")}), two},
                   "Decimal(38, 2)",
                   {"1.23", "-1.23", "12.00", "0.50"}},
                  // As in ClickHouse, a float is scaled in floating point and cut: 1.15 * 100 is
                  // 114.99999….
                  {"toDecimal32",
                   {Col(kFloat, {F(1.15), F(-2.5), F(0.5)}), two},
                   "Decimal(38, 2)",
                   {"1.14", "-2.50", "0.50"}},
                  {"toDecimal",
                   {Col(Nullable(kInt), {I(7), N()}), two},
                   "Nullable(Decimal(38, 2))",
                   {"7.00", "NULL"}},
                  {"toDecimal", {Col(kInt, {I(7)}), Const(kInt, I(0))}, "Decimal(38, 0)", {"7"}},
                  {"toDecimal64",
                   {Col(kString, {S("1.99")}), Const(kInt, I(1))},
                   "Decimal(38, 1)",
                   {"1.9"}},
                  {"toDecimal128",
                   {Col(LogicalType::Decimal(4), {Dec(12345)}), two},
                   "Decimal(38, 2)",
                   {"1.23"}},
                  {"toDecimal64OrNull",
                   {Col(kString, {S("abc"), S("1e5"), S("3.5")}), two},
                   "Nullable(Decimal(38, 2))",
                   {"NULL", "NULL", "3.50"}},
                  // Decimal32 holds nine digits.
                  {"toDecimal32OrNull",
                   {Col(kInt, {I(10000000), I(9999999)}), two},
                   "Nullable(Decimal(38, 2))",
                   {"NULL", "9999999.00"}},
                  {"toDecimal32OrZero", {Col(kString, {S("x")}), two}, "Decimal(38, 2)", {"0.00"}},
              });
  ExpectErrors(
      registry,
      {
          {"toDecimal64",
           {Const(kString, S("abc")), two},
           "toDecimal64: cannot convert \"abc\" to Decimal64(2)"},
          {"toDecimal32", {Const(kInt, I(1)), Const(kInt, I(10))}, "scale 10 is out of range"},
          {"toDecimal64", {Const(kInt, I(1)), Col(kInt, {I(2)})}, "must be a constant"},
      });
}

TEST(ConversionTest, ToString) {
  FunctionRegistry registry = DateRegistry();
  const LogicalType uuid = kUuid;
  Uuid128 id;
  ASSERT_TRUE(ParseUuid("61F0C404-5CB3-11E7-907B-A6006AD3DBA0", &id));
  ExpectCases(
      registry,
      {
          {"toString",
           {Col(Nullable(kInt), {I(123), I(-4), N()})},
           "Nullable(String)",
           {"'123'", "'-4'", "NULL"}},
          {"toString",
           {Col(kFloat, {F(0.1), F(1e21), F(1e20), F(1.5e-7), F(1.0 / 3), F(-2.5), F(100.0),
                         F(std::numeric_limits<double>::infinity()), F(std::nan(""))})},
           "String",
           {"'0.1'", "'1e21'", "'100000000000000000000'", "'1.5e-7'", "'0.3333333333333333'",
            "'-2.5'", "'100'", "'inf'", "'nan'"}},
          {"toString", {Col(kBool, {B(true), B(false)})}, "String", {"'true'", "'false'"}},
          {"toString",
           {Col(kDecimal2, {Dec(150), Dec(200), Dec(-5), Dec(0)})},
           "String",
           {"'1.5'", "'2'", "'-0.05'", "'0'"}},
          {"toString",
           {Col(kDate, {D("2024-01-01"), D("1969-12-31")})},
           "String",
           {"'2024-01-01'", "'1969-12-31'"}},
          // DateTime in the query's zone (Berlin), or the one given.
          {"toString",
           {Col(kDateTime, {DT("2024-03-31 01:30:00"), DT("1970-01-01 00:00:00.25")})},
           "String",
           {"'2024-03-31 03:30:00'", "'1970-01-01 01:00:00.250000'"}},
          {"toString",
           {Col(kDateTime, {DT("2024-03-31 01:30:00")}), Const(kString, S("UTC"))},
           "String",
           {"'2024-03-31 01:30:00'"}},
          {"toString",
           {Col(uuid, {Value::Uuid(id)})},
           "String",
           {"'61f0c404-5cb3-11e7-907b-a6006ad3dba0'"}},
          {"toString", {DictCol(kString, {"a", "b", "a"})}, "String", {"'a'", "'b'", "'a'"}},
          {"toString", {Const(kString, S(""))}, "String", {"''"}},
          {"toString", {Col(LogicalType::Interval("day"), {I(3)})}, "String", {"'3'"}},
      },
      ZoneContext("Europe/Berlin"));
}

TEST(ConversionTest, ToStringOfArrays) {
  FunctionRegistry registry = DateRegistry();
  const LogicalType strings = LogicalType::Array(kString);
  const LogicalType nullable_ints = LogicalType::Array(kInt.WithNullable(true));
  ExpectCases(
      registry,
      {
          {"toString",
           {Col(strings, {A({S("a"), S("b'c"), S("d\\e\n")}), A({})})},
           "String",
           {"'['a','b\\'c','d\\\\e\\n']'", "'[]'"}},
          {"toString", {Col(nullable_ints, {A({I(1), N(), I(3)})})}, "String", {"'[1,NULL,3]'"}},
          {"toString",
           {Col(LogicalType::Array(kFloat), {A({F(0.1), F(1e21)})})},
           "String",
           {"'[0.1,1e21]'"}},
          {"toString",
           {Col(LogicalType::Array(kDate), {A({D("2024-01-01")})})},
           "String",
           {"'['2024-01-01']'"}},
          {"toString",
           {Col(LogicalType::Array(kDateTime), {A({DT("2024-01-01 00:00:00")})})},
           "String",
           {"'['2024-01-01 01:00:00']'"}},
          {"toString",
           {Col(LogicalType::Array(kDecimal2), {A({Dec(150)})})},
           "String",
           {"'[1.5]'"}},
          {"toString", {Col(LogicalType::Array(kBool), {A({B(true)})})}, "String", {"'[true]'"}},
          {"toString",
           {Col(LogicalType::Array(LogicalType::Array(kInt)), {A({A({I(1)}), A({})})})},
           "String",
           {"'[[1],[]]'"}},
      },
      ZoneContext("Europe/Berlin"));
}

TEST(ConversionTest, Uuids) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(
      registry,
      {
          {"toUUID",
           {Col(kString, {S("61f0c404-5cb3-11e7-907b-a6006ad3dba0"),
                          S("61F0C4045CB311E7907BA6006AD3DBA0")})},
           "UUID",
           {"61f0c404-5cb3-11e7-907b-a6006ad3dba0", "61f0c404-5cb3-11e7-907b-a6006ad3dba0"}},
          {"toUUIDOrNull", {Col(kString, {S("nope"), S("")})}, "Nullable(UUID)", {"NULL", "NULL"}},
          {"toUUIDOrZero",
           {Col(kString, {S("nope")})},
           "UUID",
           {"00000000-0000-0000-0000-000000000000"}},
      });
  ExpectErrors(
      registry,
      {{"toUUID", {Const(kString, S("61f0c404"))}, "toUUID: cannot convert \"61f0c404\" to UUID"},
       {"toUUID", {Const(kInt, I(1))}, "cannot convert Int64 to UUID"}});
}

TEST(ConversionTest, DatesAndTimes) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(
      registry,
      {
          {"toDate",
           {Col(kString, {S("2024-02-29"), S("2024-01-01 23:30:00"), S("2024-01-01T23:30:00Z"),
                          S("20240101")})},
           "Date",
           {"2024-02-29", "2024-01-01", "2024-01-02", "2024-01-01"}},
          // Numbers: days below 65536, unix seconds above.
          {"toDate",
           {Col(kInt, {I(19000), I(1700000000), I(-1), I(0)})},
           "Date",
           {"2022-01-08", "2023-11-14", "1969-12-31", "1970-01-01"}},
          {"toDate",
           {Const(kInt, I(1700000000)), Const(kString, S("Asia/Tokyo"))},
           "Date",
           {"2023-11-15"}},
          {"toDate", {Col(kFloat, {F(19000.9)})}, "Date", {"2022-01-08"}},
          {"toDate", {Col(kDateTime, {DT("2024-06-15 22:30:00")})}, "Date", {"2024-06-16"}},
          {"toDate",
           {Col(Nullable(kDate), {D("1900-01-01"), N()})},
           "Nullable(Date)",
           {"1900-01-01", "NULL"}},
          {"toDateOrNull",
           {Col(kString, {S("2024-02-30"), S("x"), S("2024-02-01")})},
           "Nullable(Date)",
           {"NULL", "NULL", "2024-02-01"}},
          {"toDateOrZero", {Col(kString, {S("x")})}, "Date", {"1970-01-01"}},
          {"toDateTime",
           {Col(kString, {S("2024-01-01 00:00:00"), S("2024-03-31 02:30:00"), S("1700000000"),
                          S("2024-01-01T00:00:00Z")})},
           "DateTime",
           {"2023-12-31 23:00:00", "2024-03-31 00:30:00", "2023-11-14 22:13:20",
            "2024-01-01 00:00:00"}},
          {"toDateTime",
           {Col(kInt, {I(1700000000), I(-1)})},
           "DateTime",
           {"2023-11-14 22:13:20", "1969-12-31 23:59:59"}},
          {"toDateTime", {Col(kFloat, {F(1.5)})}, "DateTime", {"1970-01-01 00:00:01.500000"}},
          {"toDateTime", {Col(kDecimal2, {Dec(150)})}, "DateTime", {"1970-01-01 00:00:01.500000"}},
          {"toDateTime", {Col(kDate, {D("2024-01-01")})}, "DateTime", {"2023-12-31 23:00:00"}},
          {"toDateTime",
           {Col(kDate, {D("2024-01-01")}), Const(kString, S("UTC"))},
           "DateTime('UTC')",
           {"2024-01-01 00:00:00"}},
          {"toDateTimeOrNull",
           {Col(kString, {S("soon"), S("2024-01-01")})},
           "Nullable(DateTime)",
           {"NULL", "2023-12-31 23:00:00"}},
          {"toDateTimeOrZero", {Col(kString, {S("soon")})}, "DateTime", {"1970-01-01 00:00:00"}},
          {"toDateTime64",
           {Const(kString, S("2024-01-01 00:00:00.123456")), Const(kInt, I(3))},
           "DateTime",
           {"2023-12-31 23:00:00.123000"}},
          {"toDateTime64",
           {Const(kString, S("2024-01-01 00:00:00.123456")), Const(kInt, I(0)),
            Const(kString, S("UTC"))},
           "DateTime('UTC')",
           {"2024-01-01 00:00:00"}},
          {"toDateTime64",
           {Const(kString, S("2024-01-01 00:00:00.123456"))},
           "DateTime",
           {"2023-12-31 23:00:00.123456"}},
      },
      ZoneContext("Europe/Berlin"));
  ExpectErrors(registry,
               {
                   {"toDate",
                    {Const(kString, S("2024-02-30"))},
                    "toDate: cannot convert \"2024-02-30\" to Date"},
                   {"toDateTime",
                    {Const(kString, S("tomorrow"))},
                    "toDateTime: cannot convert \"tomorrow\" to DateTime"},
                   {"toDateTime",
                    {Const(kString, S("2024-01-01")), Const(kString, S("Mars/Base"))},
                    "unknown time zone \"Mars/Base\""},
                   {"toDateTime64", {Const(kInt, I(0)), Const(kInt, I(12))}, "out of range"},
                   {"toDate", {Const(kUuid, Value::Uuid({}))}, "cannot convert UUID to Date"},
               });
}

TEST(ConversionTest, ErrorsNameTheValue) {
  FunctionRegistry registry = DateRegistry();
  ExpectErrors(
      registry,
      {
          {"toInt64", {Const(kString, S("abc"))}, "toInt64: cannot convert \"abc\" to Int64"},
          {"toInt32", {Col(kString, {S("1"), S("2x")})}, "cannot convert \"2x\" to Int32"},
          {"toUInt8", {Const(kFloat, F(std::nan("")))}, "cannot convert nan to UInt8"},
          {"toInt64", {Const(kDecimal2, Dec(Int128{1} << 100))}, "to Int64"},
          {"toFloat64",
           {Const(kString, S("1.5.5"))},
           "toFloat64: cannot convert \"1.5.5\" to Float64"},
          {"toBool", {Const(kString, S("maybe"))}, "toBool: cannot convert \"maybe\" to Bool"},
          {"toInt64", {Const(kUuid, Value::Uuid({}))}, "cannot convert UUID to Int64"},
          {"toInt64", {Const(LogicalType::Array(kInt), A({}))}, "cannot convert Array"},
      });
}

}  // namespace
}  // namespace larder::functions
