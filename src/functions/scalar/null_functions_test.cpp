// coalesce, ifNull, nullIf, assumeNotNull and toNullable, checked against ClickHouse's results
// and result types.
#include <gtest/gtest.h>

#include "functions/function_test_util.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

using namespace testing::values;  // NOLINT: test tables
using testing::CallFunction;
using testing::Col;
using testing::Const;
using testing::DictCol;
using testing::ExpectCases;
using testing::ExpectErrors;
using testing::NullConst;

const LogicalType kNullableInt = LogicalType::Int64().WithNullable(true);
const LogicalType kNullableString = LogicalType::String().WithNullable(true);

class NullFunctionsTest : public ::testing::Test {
 protected:
  FunctionRegistry registry_ = BuiltinFunctions();
};

TEST_F(NullFunctionsTest, Coalesce) {
  ExpectCases(
      registry_,
      {
          // A last argument that cannot be NULL makes the result not Nullable.
          {"coalesce",
           {Col(kNullableInt, {N(), I(1), N()}), Col(kNullableInt, {I(2), N(), N()}),
            Const(kInt, I(0))},
           "Int64",
           {"2", "1", "0"}},
          {"coalesce",
           {NullConst(), Col(kNullableInt, {I(1), N()})},
           "Nullable(Int64)",
           {"1", "NULL"}},
          {"coalesce", {NullConst(), NullConst()}, "Nullable(Nothing)", {"NULL"}},
          {"coalesce",
           {Col(kNullableInt, {N(), I(3)}), Const(kFloat, F(1.5))},
           "Float64",
           {"1.5", "3"}},
          // ClickHouse ignores what follows an argument that cannot be NULL, types included.
          {"coalesce", {Col(kString, {S("a")}), Const(kInt, I(1))}, "String", {"'a'"}},
          {"coalesce",
           {DictCol(kNullableString, {"x", std::nullopt, "y"}), Const(kString, S("none"))},
           "String",
           {"'x'", "'none'", "'y'"}},
          {"coalesce",
           {Col(ArrayOf(kInt).WithNullable(true), {N(), A({I(2)})}),
            Const(ArrayOf(kFloat), A({F(0.5)}))},
           "Array(Float64)",
           {"[0.5]", "[2]"}},
      });
}

TEST_F(NullFunctionsTest, IfNull) {
  ExpectCases(
      registry_,
      {
          {"ifNull", {Col(kNullableInt, {N(), I(3)}), Const(kInt, I(0))}, "Int64", {"0", "3"}},
          // A first argument that cannot be NULL is the result, whatever the second.
          {"ifNull", {Col(kInt, {I(7)}), Const(kString, S("x"))}, "Int64", {"7"}},
          {"ifNull", {NullConst(), Const(kString, S("x"))}, "String", {"'x'"}},
          {"ifNull",
           {Col(kNullableInt, {N(), I(1)}), NullConst()},
           "Nullable(Int64)",
           {"NULL", "1"}},
          {"ifNull",
           {DictCol(kNullableString, {std::nullopt, "b"}), Const(kString, S(""))},
           "String",
           {"''", "'b'"}},
      });
}

TEST_F(NullFunctionsTest, NullIf) {
  ExpectCases(
      registry_,
      {
          {"nullIf",
           {Col(kNullableInt, {I(1), I(2), N()}), Const(kInt, I(1))},
           "Nullable(Int64)",
           {"NULL", "2", "NULL"}},
          {"nullIf",
           {Col(kInt, {I(1), I(2)}), Const(kFloat, F(1.0))},
           "Nullable(Int64)",
           {"NULL", "2"}},
          {"nullIf",
           {DictCol(kString, {"a", "b", "a"}), Const(kString, S("a"))},
           "Nullable(String)",
           {"NULL", "'b'", "NULL"}},
          {"nullIf", {Const(kInt, I(1)), NullConst()}, "Nullable(Int64)", {"1"}},
          {"nullIf", {NullConst(), Const(kInt, I(1))}, "Nullable(Nothing)", {"NULL"}},
          {"nullIf",
           {Col(kDate, {Value::Date(19723), Value::Date(0)}), Const(kString, S("2024-01-01"))},
           "Nullable(Date)",
           {"NULL", "1970-01-01"}},
          {"nullIf",
           {Col(ArrayOf(kInt), {A({}), A({I(1)})}), Const(ArrayOf(kInt), A({}))},
           "Nullable(Array(Int64))",
           {"NULL", "[1]"}},
      });
}

TEST_F(NullFunctionsTest, AssumeNotNullAndToNullable) {
  ExpectCases(registry_,
              {
                  {"assumeNotNull", {Col(kNullableInt, {I(1), N()})}, "Int64", {"1", "0"}},
                  {"assumeNotNull", {Col(kNullableString, {S("a"), N()})}, "String", {"'a'", "''"}},
                  {"assumeNotNull",
                   {DictCol(kNullableString, {std::nullopt, "z"})},
                   "String",
                   {"''", "'z'"}},
                  {"assumeNotNull",
                   {Col(ArrayOf(kInt).WithNullable(true), {N(), A({I(1)})})},
                   "Array(Int64)",
                   {"[]", "[1]"}},
                  {"toNullable", {Col(kInt, {I(1), I(2)})}, "Nullable(Int64)", {"1", "2"}},
                  {"toNullable", {Const(kString, S("a"))}, "Nullable(String)", {"'a'"}},
                  {"toNullable",
                   {DictCol(kNullableString, {"p", std::nullopt})},
                   "Nullable(String)",
                   {"'p'", "NULL"}},
              });
}

TEST_F(NullFunctionsTest, AssumeNotNullClearsGarbageUnderNulls) {
  // Kernels may leave any value under a NULL; assumeNotNull must show the default instead.
  ColumnVector values(kNullableInt);
  values.Append<int64_t>(42);
  (*values.mutable_nulls())[0] = 1;
  auto result =
      CallFunction(registry_, "assumeNotNull", {testing::TestArg(std::move(values), false)});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->has_nulls());
  EXPECT_EQ(result->data<int64_t>()[0], 0);
}

TEST_F(NullFunctionsTest, Errors) {
  ExpectErrors(registry_, {
                              {"coalesce",
                               {Col(kNullableInt, {N()}), Const(kString, S("a"))},
                               "Nullable(Int64) and String have no common type"},
                              {"ifNull",
                               {Col(kNullableInt, {N()}), Const(kString, S("a"))},
                               "Nullable(Int64) and String have no common type"},
                              {"nullIf",
                               {Const(kInt, I(1)), Const(kString, S("a"))},
                               "cannot compare Int64 with String"},
                          });
}

}  // namespace
}  // namespace larder::functions
