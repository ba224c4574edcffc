// if, multiIf and CASE x WHEN … (_caseWithExpression), checked against ClickHouse's results.
#include <gtest/gtest.h>

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
using testing::NullConst;

const LogicalType kNullableInt = LogicalType::Int64().WithNullable(true);
const LogicalType kNullableBool = LogicalType::Bool().WithNullable(true);
const LogicalType kNullableString = LogicalType::String().WithNullable(true);
constexpr int64_t kMicrosPerHour = 3'600'000'000;
constexpr int32_t kJan1st2024 = 19723;

Value Date(int32_t days) { return Value::Date(days); }
Value DateTime(int64_t micros) { return Value::DateTime(micros); }

class ConditionalTest : public ::testing::Test {
 protected:
  FunctionRegistry registry_ = BuiltinFunctions();
};

TEST_F(ConditionalTest, If) {
  ExpectCases(
      registry_,
      {
          {"if",
           {Col(kNullableBool, {B(true), B(false), N()}), Const(kInt, I(1)), Const(kFloat, F(2.5))},
           "Float64",
           {"1", "2.5", "2.5"}},
          {"if",
           {Col(kInt, {I(5), I(0)}), Const(kString, S("a")), Const(kString, S("b"))},
           "String",
           {"'a'", "'b'"}},
          {"if",
           {Col(kBool, {B(true), B(false)}), Col(kInt, {I(1), I(2)}), NullConst()},
           "Nullable(Int64)",
           {"1", "NULL"}},
          {"if",
           {Col(kBool, {B(true), B(false), B(true)}), Col(kNullableString, {S("x"), S("y"), N()}),
            DictCol(kString, {"p", "q", "r"})},
           "Nullable(String)",
           {"'x'", "'q'", "NULL"}},
          {"if",
           {Col(kBool, {B(true), B(false)}), Col(kDate, {Date(kJan1st2024), Date(0)}),
            Const(kDateTime, DateTime(kJan1st2024 * 24 * kMicrosPerHour + 12 * kMicrosPerHour))},
           "DateTime",
           {"2024-01-01 00:00:00", "2024-01-01 12:00:00"}},
          {"if",
           {Col(kBool, {B(false), B(true)}), Const(ArrayOf(kInt), A({I(1), I(2)})),
            Col(ArrayOf(kFloat), {A({F(3.5)}), A({})})},
           "Array(Float64)",
           {"[3.5]", "[1,2]"}},
          // All constants: one row. A NULL condition is false.
          {"if",
           {Const(kBool, B(true)), Const(kString, S("a")), Const(kString, S("b"))},
           "String",
           {"'a'"}},
          {"if", {NullConst(), Const(kInt, I(1)), Const(kInt, I(2))}, "Int64", {"2"}},
          {"if", {Const(kInt, I(-3)), Const(kInt, I(1)), Const(kInt, I(2))}, "Int64", {"1"}},
          {"if",
           {Const(kBool, B(false)), Col(kInt, {I(1), I(2)}), Col(kInt, {I(3), I(4)})},
           "Int64",
           {"3", "4"}},
          {"if",
           {Col(kBool, {B(true), B(false)}), Const(LogicalType::Decimal(2), Value::Decimal(150)),
            Col(kInt, {I(1), I(2)})},
           "Decimal(38, 2)",
           {"1.50", "2.00"}},
          {"if", {Col(kBool, {}), Col(kInt, {}), Col(kInt, {})}, "Int64", {}},
      });
}

TEST_F(ConditionalTest, DateBranchesBecomeMidnightInTheQueryTimeZone) {
  EvalContext berlin;
  berlin.time_zone = "Europe/Berlin";
  ExpectCases(registry_,
              {{"if",
                {Col(kBool, {B(true), B(false)}), Const(kDate, Date(kJan1st2024)),
                 Const(kDateTime, DateTime(0))},
                "DateTime",
                {"2023-12-31 23:00:00", "1970-01-01 00:00:00"}}},
              berlin);
}

TEST_F(ConditionalTest, MultiIf) {
  ExpectCases(registry_,
              {
                  {"multiIf",
                   {Col(kNullableBool, {B(true), B(false), N(), B(false)}), Const(kString, S("a")),
                    Col(kBool, {B(true), B(true), B(true), B(false)}), Const(kString, S("b")),
                    Const(kString, S("c"))},
                   "String",
                   {"'a'", "'b'", "'b'", "'c'"}},
                  {"multiIf",
                   {Col(kBool, {B(false), B(true), B(false)}), Const(kInt, I(1)),
                    Col(kInt, {I(0), I(1), I(2)}), Const(kFloat, F(2.5)), NullConst()},
                   "Nullable(Float64)",
                   {"NULL", "1", "2.5"}},
                  {"multiIf",
                   {Const(kBool, B(false)), Const(kInt, I(1)), Const(kBool, B(true)),
                    Const(kInt, I(2)), Const(kInt, I(3))},
                   "Int64",
                   {"2"}},
              });
}

TEST_F(ConditionalTest, CaseWithExpression) {
  ExpectCases(
      registry_,
      {
          // CASE x WHEN 1 THEN 'one' WHEN 2.0 THEN 'two' ELSE 'other' END; NULL matches nothing.
          {"_caseWithExpression",
           {Col(kNullableInt, {I(1), I(2), I(3), N()}), Const(kInt, I(1)), Const(kString, S("one")),
            Const(kFloat, F(2.0)), Const(kString, S("two")), Const(kString, S("other"))},
           "String",
           {"'one'", "'two'", "'other'", "'other'"}},
          {"_caseWithExpression",
           {Col(kDate, {Date(kJan1st2024), Date(0)}), Const(kString, S("2024-01-01")),
            Const(kInt, I(1)), Const(kInt, I(0))},
           "Int64",
           {"1", "0"}},
          {"_caseWithExpression",
           {DictCol(kNullableString, {"b", std::nullopt, "a"}), Const(kString, S("a")),
            Const(kInt, I(1)), Const(kString, S("b")), Const(kInt, I(2)), NullConst()},
           "Nullable(Int64)",
           {"2", "NULL", "1"}},
          {"_caseWithExpression",
           {Col(kNullableInt, {N(), I(1)}), NullConst(), Const(kInt, I(1)), Const(kInt, I(0))},
           "Int64",
           {"0", "0"}},
          {"_caseWithExpression",
           {Col(kString, {S("x"), S("y")}), Col(kString, {S("x"), S("x")}),
            Col(kInt, {I(10), I(20)}), Const(kInt, I(0))},
           "Int64",
           {"10", "0"}},
      });
}

TEST_F(ConditionalTest, Errors) {
  ExpectErrors(
      registry_,
      {
          {"if",
           {Const(kString, S("yes")), Const(kInt, I(1)), Const(kInt, I(2))},
           "if: a condition must be a Bool or an integer, not String"},
          {"if",
           {Const(kFloat, F(0.5)), Const(kInt, I(1)), Const(kInt, I(2))},
           "if: a condition must be a Bool or an integer, not Float64"},
          {"if",
           {Const(kBool, B(true)), Const(kInt, I(1)), Const(kString, S("a"))},
           "Int64 and String have no common type"},
          {"multiIf",
           {Const(kBool, B(true)), Const(kInt, I(1)), Const(kBool, B(true)), Const(kInt, I(2))},
           "needs an odd number of arguments"},
          {"multiIf",
           {Const(kBool, B(true)), Const(kInt, I(1)), Const(kDate, Date(0)), Const(kInt, I(2)),
            Const(kInt, I(3))},
           "multiIf: a condition must be a Bool or an integer, not Date"},
          {"_caseWithExpression",
           {Const(kInt, I(1)), Const(kString, S("a")), Const(kInt, I(1)), Const(kInt, I(2))},
           "cannot compare Int64 with String"},
          {"_caseWithExpression",
           {Col(kDate, {Date(0)}), Const(kString, S("soon")), Const(kInt, I(1)), Const(kInt, I(2))},
           "it is not a Date"},
      });
}

}  // namespace
}  // namespace larder::functions
