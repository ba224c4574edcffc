// arraySum, arrayAvg, arrayMin, arrayMax, arrayCount, arrayUniq and arrayStringConcat, checked
// against ClickHouse's results.
#include <gtest/gtest.h>

#include <cmath>

#include "functions/function_test_util.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

using namespace testing::values;  // NOLINT: test tables
using testing::Col;
using testing::Const;
using testing::DictCol;
using testing::ExpectCases;
using testing::ExpectErrors;

const LogicalType kNullableInt = LogicalType::Int64().WithNullable(true);
const LogicalType kInts = LogicalType::Array(LogicalType::Int64());
const LogicalType kNullableInts = LogicalType::Array(kNullableInt);
const LogicalType kStrings = LogicalType::Array(LogicalType::String());
const LogicalType kNullableStrings = LogicalType::Array(LogicalType::String().WithNullable(true));
const LogicalType kDecimals = LogicalType::Array(LogicalType::Decimal(2));

class ArrayFoldTest : public ::testing::Test {
 protected:
  FunctionRegistry registry_ = BuiltinFunctions();
};

TEST_F(ArrayFoldTest, SumAndAvg) {
  ExpectCases(
      registry_,
      {
          {"arraySum", {Col(kInts, {A({I(1), I(2), I(3)}), A({})})}, "Int64", {"6", "0"}},
          {"arraySum", {Const(ArrayOf(kFloat), A({F(1.5), F(2)}))}, "Float64", {"3.5"}},
          {"arraySum", {Const(kNullableInts, A({I(1), N(), I(2)}))}, "Int64", {"3"}},
          {"arraySum",
           {Const(kDecimals, A({Value::Decimal(150), Value::Decimal(225)}))},
           "Decimal(38, 2)",
           {"3.75"}},
          {"arraySum", {Const(ArrayOf(kBool), A({B(true), B(true), B(false)}))}, "Int64", {"2"}},
          {"arraySum",
           {Const(kInts, A({I(INT64_MAX), I(1)}))},
           "Int64",
           {std::to_string(INT64_MIN)}},
          {"arraySum",
           {Col(kInts.WithNullable(true), {N(), A({I(1)})})},
           "Nullable(Int64)",
           {"NULL", "1"}},
          {"arrayAvg", {Col(kInts, {A({I(1), I(2)}), A({})})}, "Float64", {"1.5", "0"}},
          {"arrayAvg", {Const(kNullableInts, A({I(1), N(), I(3)}))}, "Float64", {"2"}},
          {"arrayAvg",
           {Const(kDecimals, A({Value::Decimal(150), Value::Decimal(250)}))},
           "Float64",
           {"2"}},
      });
  ExpectErrors(registry_,
               {{"arraySum",
                 {Const(kStrings, A({S("a")}))},
                 "arraySum needs an array of numbers, not Array(String)"},
                {"arrayAvg", {Const(kInt, I(1))}, "the argument must be an Array, not Int64"}});
}

TEST_F(ArrayFoldTest, MinAndMax) {
  ExpectCases(
      registry_,
      {
          {"arrayMin", {Col(kInts, {A({I(3), I(1), I(2)}), A({})})}, "Int64", {"1", "0"}},
          {"arrayMax", {Col(kInts, {A({I(3), I(1), I(2)}), A({})})}, "Int64", {"3", "0"}},
          {"arrayMin", {Col(kStrings, {A({S("b"), S("a")}), A({})})}, "String", {"'a'", "''"}},
          {"arrayMax", {Col(kStrings, {A({S("b"), S("a")})})}, "String", {"'b'"}},
          {"arrayMin",
           {Col(kNullableInts, {A({N(), I(2), I(1)}), A({N()}), A({})})},
           "Nullable(Int64)",
           {"1", "NULL", "NULL"}},
          {"arrayMax",
           {Col(kNullableInts, {A({N(), I(2), I(1)}), A({N()})})},
           "Nullable(Int64)",
           {"2", "NULL"}},
          {"arrayMin",
           {Const(ArrayOf(kFloat), A({F(std::nan("")), F(1), F(-2)}))},
           "Float64",
           {"-2"}},
          {"arrayMax", {Const(ArrayOf(kFloat), A({F(std::nan("")), F(1)}))}, "Float64", {"1"}},
          {"arrayMax",
           {Const(ArrayOf(kDate), A({Value::Date(3), Value::Date(10), Value::Date(1)}))},
           "Date",
           {"1970-01-11"}},
      });
}

TEST_F(ArrayFoldTest, CountAndUniq) {
  std::vector<Value> repeating;
  for (int64_t i = 0; i < 40; ++i) repeating.push_back(I((i * 5) % 7));
  ExpectCases(registry_,
              {
                  {"arrayCount", {Col(kInts, {A({I(1), I(0), I(2)}), A({})})}, "Int64", {"2", "0"}},
                  {"arrayCount", {Const(ArrayOf(kBool), A({B(true), B(false)}))}, "Int64", {"1"}},
                  {"arrayCount", {Const(ArrayOf(kFloat), A({F(0.0), F(0.5)}))}, "Int64", {"1"}},
                  {"arrayCount", {Const(kNullableInts, A({N(), I(1)}))}, "Int64", {"1"}},
                  {"arrayUniq", {Col(kInts, {A({I(1), I(1), I(2)}), A({})})}, "Int64", {"2", "0"}},
                  {"arrayUniq", {Const(kNullableInts, A({I(1), N(), N()}))}, "Int64", {"2"}},
                  {"arrayUniq", {Const(kStrings, A({S("a"), S(""), S("a")}))}, "Int64", {"2"}},
                  {"arrayUniq", {Const(kInts, A(repeating))}, "Int64", {"7"}},
              });
  ExpectErrors(registry_, {{"arrayCount",
                            {Const(kStrings, A({S("a")}))},
                            "arrayCount without a lambda counts non-zero numbers"}});
}

TEST_F(ArrayFoldTest, StringConcat) {
  ExpectCases(
      registry_,
      {
          {"arrayStringConcat", {Const(kStrings, A({S("a"), S("b")}))}, "String", {"'ab'"}},
          {"arrayStringConcat",
           {Col(kStrings, {A({S("a"), S("b")}), A({}), A({S("c")})}), Const(kString, S(", "))},
           "String",
           {"'a, b'", "''", "'c'"}},
          {"arrayStringConcat",
           {Const(kNullableStrings, A({S("a"), N(), S("b")})), Const(kString, S("-"))},
           "String",
           {"'a-b'"}},
          {"arrayStringConcat",
           {Const(kInts, A({I(1), I(2)})), Const(kString, S("+"))},
           "String",
           {"'1+2'"}},
          {"arrayStringConcat",
           {Const(kStrings, A({S("x"), S("y")})), DictCol(kString, {"|", "--"})},
           "String",
           {"'x|y'", "'x--y'"}},
      });
  ExpectErrors(registry_, {{"arrayStringConcat",
                            {Const(kStrings, A({S("a")})), Const(kInt, I(1))},
                            "the separator must be a String, not Int64"}});
}

}  // namespace
}  // namespace larder::functions
