// greatest and least, checked against ClickHouse's results.
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

class GreatestLeastTest : public ::testing::Test {
 protected:
  FunctionRegistry registry_ = BuiltinFunctions();
};

TEST_F(GreatestLeastTest, Values) {
  ExpectCases(
      registry_,
      {
          {"greatest", {Col(kInt, {I(1), I(5)}), Col(kInt, {I(3), I(2)})}, "Int64", {"3", "5"}},
          {"least", {Col(kInt, {I(1), I(5)}), Col(kInt, {I(3), I(2)})}, "Int64", {"1", "2"}},
          {"greatest", {Const(kInt, I(1)), Const(kFloat, F(2.5))}, "Float64", {"2.5"}},
          {"least",
           {Col(kInt, {I(1), I(9)}), Const(kFloat, F(2.5)), Col(kInt, {I(7), I(3)})},
           "Float64",
           {"1", "2.5"}},
          {"greatest",
           {Col(kDate, {Value::Date(19723)}), Const(kDateTime, Value::DateTime(0))},
           "DateTime",
           {"2024-01-01 00:00:00"}},
          {"greatest",
           {DictCol(kString, {"apple", "pear"}), Const(kString, S("banana"))},
           "String",
           {"'banana'", "'pear'"}},
          {"least",
           {DictCol(kString, {"apple", "pear"}), Const(kString, S("banana"))},
           "String",
           {"'apple'", "'banana'"}},
          // NULL anywhere gives NULL.
          {"greatest",
           {Col(kNullableInt, {I(1), N()}), Const(kInt, I(2))},
           "Nullable(Int64)",
           {"2", "NULL"}},
          {"greatest", {Const(kInt, I(1)), NullConst()}, "Nullable(Int64)", {"NULL"}},
          {"greatest",
           {Const(ArrayOf(kInt), A({I(1), I(2)})),
            Col(ArrayOf(kInt), {A({I(1), I(3)}), A({I(1)})})},
           "Array(Int64)",
           {"[1,3]", "[1,2]"}},
          {"least",
           {Col(LogicalType::Decimal(2), {Value::Decimal(150), Value::Decimal(-5)}),
            Const(kInt, I(1))},
           "Decimal(38, 2)",
           {"1.00", "-0.05"}},
          {"greatest", {Col(kInt, {I(4)})}, "Int64", {"4"}},
      });
}

TEST_F(GreatestLeastTest, Errors) {
  ExpectErrors(registry_,
               {
                   {"greatest",
                    {Const(kInt, I(1)), Const(kString, S("a"))},
                    "Int64 and String have no common type"},
                   {"least",
                    {Const(LogicalType::Json(), S("{}")), Const(LogicalType::Json(), S("[]"))},
                    "cannot order values of type JSON"},
               });
}

}  // namespace
}  // namespace larder::functions
