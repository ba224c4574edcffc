// has, indexOf, hasAny and hasAll, checked against ClickHouse's results.
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
using testing::NullConst;

const LogicalType kNullableInt = LogicalType::Int64().WithNullable(true);
const LogicalType kInts = LogicalType::Array(LogicalType::Int64());
const LogicalType kNullableInts = LogicalType::Array(kNullableInt);
const LogicalType kStrings = LogicalType::Array(LogicalType::String());

// [first, first + 1, …, first + count - 1]: long enough for the sorted search path.
Value Sequence(int64_t first, int64_t count) {
  std::vector<Value> values;
  for (int64_t i = 0; i < count; ++i) values.push_back(I(first + i));
  return A(std::move(values));
}

class ArraySearchTest : public ::testing::Test {
 protected:
  FunctionRegistry registry_ = BuiltinFunctions();
};

TEST_F(ArraySearchTest, Has) {
  ExpectCases(
      registry_,
      {
          {"has", {Const(kInts, A({I(1), I(2)})), Const(kFloat, F(1.0))}, "Bool", {"true"}},
          {"has", {Const(kInts, A({I(1), I(2)})), Const(kInt, I(3))}, "Bool", {"false"}},
          {"has",
           {Col(kNullableInts, {A({I(1), N()}), A({I(2)})}), NullConst()},
           "Bool",
           {"true", "false"}},
          {"has",
           {Const(kStrings, A({S("a"), S("b")})), DictCol(kString, {"a", "c", "b"})},
           "Bool",
           {"true", "false", "true"}},
          {"has",
           {Col(kStrings, {A({S("x")}), A({}), A({S(""), S("x")})}), Const(kString, S("x"))},
           "Bool",
           {"true", "false", "true"}},
          {"has",
           {Const(ArrayOf(LogicalType::Nothing()), A({})), Const(kInt, I(1))},
           "Bool",
           {"false"}},
          {"has",
           {Col(kInts.WithNullable(true), {N(), A({I(1)})}), Const(kInt, I(1))},
           "Nullable(Bool)",
           {"NULL", "true"}},
          {"has",
           {Const(ArrayOf(kInts), A({A({I(1), I(2)}), A({I(3)})})), Const(kInts, A({I(1), I(2)}))},
           "Bool",
           {"true"}},
          {"has",
           {Const(ArrayOf(kFloat), A({F(std::nan(""))})), Const(kFloat, F(std::nan("")))},
           "Bool",
           {"false"}},
          {"has",
           {Const(ArrayOf(kDate), A({Value::Date(19723)})),
            Const(kDateTime, Value::DateTime(19723LL * 86'400'000'000))},
           "Bool",
           {"true"}},
          {"has",
           {Col(kInts, {A({I(1), I(2)}), A({I(3)})}), Col(kInt, {I(2), I(2)})},
           "Bool",
           {"true", "false"}},
      });
}

TEST_F(ArraySearchTest, IndexOf) {
  ExpectCases(
      registry_,
      {
          {"indexOf", {Const(kInts, A({I(10), I(20), I(30)})), Const(kInt, I(20))}, "Int64", {"2"}},
          {"indexOf", {Const(kInts, A({I(10)})), Const(kInt, I(5))}, "Int64", {"0"}},
          {"indexOf", {Const(kNullableInts, A({I(1), N()})), NullConst()}, "Int64", {"2"}},
          {"indexOf", {Const(kInts, A({I(1), I(1)})), Const(kFloat, F(1.0))}, "Int64", {"1"}},
          {"indexOf",
           {Col(kStrings, {A({S("a"), S("b")}), A({S("b")})}), DictCol(kString, {"b", "a"})},
           "Int64",
           {"2", "0"}},
      });
}

TEST_F(ArraySearchTest, HasAllAndHasAny) {
  ExpectCases(
      registry_,
      {
          {"hasAll",
           {Const(kInts, A({I(1), I(2), I(3)})), Const(kInts, A({I(1), I(3)}))},
           "Bool",
           {"true"}},
          {"hasAll",
           {Const(kInts, A({I(1), I(2)})), Const(kInts, A({I(1), I(4)}))},
           "Bool",
           {"false"}},
          {"hasAll", {Const(kInts, A({})), Const(kInts, A({}))}, "Bool", {"true"}},
          {"hasAll", {Const(kInts, A({I(1)})), Const(kInts, A({}))}, "Bool", {"true"}},
          {"hasAll",
           {Const(ArrayOf(kFloat), A({F(1.0), F(2), F(3), F(4)})), Const(kInts, A({I(1), I(3)}))},
           "Bool",
           {"true"}},
          {"hasAll",
           {Const(kNullableInts, A({I(1), N()})), Const(kNullableInts, A({N()}))},
           "Bool",
           {"true"}},
          {"hasAll",
           {Col(kStrings, {A({S("a"), S("b")}), A({S("a")})}),
            Const(kStrings, A({S("a"), S("b")}))},
           "Bool",
           {"true", "false"}},
          {"hasAny", {Const(kInts, A({I(1)})), Const(kInts, A({I(2)}))}, "Bool", {"false"}},
          {"hasAny",
           {Const(kInts, A({I(1), I(2)})), Const(kInts, A({I(2), I(3)}))},
           "Bool",
           {"true"}},
          {"hasAny", {Const(kInts, A({})), Const(kInts, A({I(1)}))}, "Bool", {"false"}},
          {"hasAny",
           {Const(kNullableInts, A({N()})), Const(kNullableInts, A({N(), I(1)}))},
           "Bool",
           {"true"}},
          // Long arrays take the sorted path.
          {"hasAny",
           {Const(kInts, Sequence(0, 100)), Col(kInts, {A({I(150), I(99)}), Sequence(100, 50)})},
           "Bool",
           {"true", "false"}},
          {"hasAll",
           {Const(kInts, Sequence(0, 100)), Col(kInts, {Sequence(20, 30), A({I(5), I(200)})})},
           "Bool",
           {"true", "false"}},
          {"hasAll",
           {Const(kNullableInts,
                  [] {
                    Value values = Sequence(0, 100);
                    std::vector<Value> with_null = values.as_array();
                    with_null.push_back(N());
                    return A(std::move(with_null));
                  }()),
            Col(kNullableInts, {A({N(), I(3)}), A({N(), I(300)})})},
           "Bool",
           {"true", "false"}},
          {"hasAny",
           {Col(kInts.WithNullable(true), {N()}), Const(kInts, A({I(1)}))},
           "Nullable(Bool)",
           {"NULL"}},
      });
}

TEST_F(ArraySearchTest, Errors) {
  ExpectErrors(registry_,
               {
                   {"has",
                    {Const(kInts, A({I(1)})), Const(kString, S("a"))},
                    "cannot look for a String in an Array(Int64)"},
                   {"indexOf",
                    {Const(kInt, I(1)), Const(kInt, I(1))},
                    "the first argument must be an Array, not Int64"},
                   {"hasAny",
                    {Const(kInts, A({I(1)})), Const(kStrings, A({S("a")}))},
                    "cannot compare the elements of Array(Int64) with those of Array(String)"},
                   {"hasAll",
                    {Const(kInts, A({I(1)})), Const(kInt, I(1))},
                    "the second argument must be an Array, not Int64"},
               });
}

}  // namespace
}  // namespace larder::functions
