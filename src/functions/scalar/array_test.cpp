// Building arrays: array(…), range, arrayConcat, arrayPushBack, arrayPushFront, arrayFlatten,
// emptyArray<Type>(), checked against ClickHouse's results.
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
const LogicalType kNullableString = LogicalType::String().WithNullable(true);
const LogicalType kInts = LogicalType::Array(LogicalType::Int64());

class ArrayTest : public ::testing::Test {
 protected:
  FunctionRegistry registry_ = BuiltinFunctions();
};

TEST_F(ArrayTest, Array) {
  ExpectCases(
      registry_,
      {
          {"array", {Const(kInt, I(1)), Const(kInt, I(2))}, "Array(Int64)", {"[1,2]"}},
          {"array",
           {Col(kInt, {I(1), I(2)}), Const(kFloat, F(2.5))},
           "Array(Float64)",
           {"[1,2.5]", "[2,2.5]"}},
          {"array", {}, "Array(Nothing)", {"[]"}},
          {"array", {Const(kInt, I(1)), NullConst()}, "Array(Nullable(Int64))", {"[1,NULL]"}},
          {"array",
           {DictCol(kString, {"a", "b"}), Const(kString, S(""))},
           "Array(String)",
           {"['a','']", "['b','']"}},
          {"array",
           {Const(kDate, Value::Date(1)), Const(kDateTime, Value::DateTime(0))},
           "Array(DateTime)",
           {"[1970-01-02 00:00:00,1970-01-01 00:00:00]"}},
          {"array",
           {Const(kInts, A({I(1)})), Const(ArrayOf(kFloat), A({F(2.5)}))},
           "Array(Array(Float64))",
           {"[[1],[2.5]]"}},
          {"array",
           {Col(kNullableString, {S("a"), N()})},
           "Array(Nullable(String))",
           {"['a']", "[NULL]"}},
      });
}

TEST_F(ArrayTest, Range) {
  ExpectCases(
      registry_,
      {
          {"range", {Const(kInt, I(3))}, "Array(Int64)", {"[0,1,2]"}},
          {"range", {Const(kInt, I(0))}, "Array(Int64)", {"[]"}},
          {"range", {Const(kInt, I(-2))}, "Array(Int64)", {"[]"}},
          {"range", {Const(kInt, I(1)), Const(kInt, I(4))}, "Array(Int64)", {"[1,2,3]"}},
          {"range",
           {Const(kInt, I(1)), Const(kInt, I(10)), Const(kInt, I(3))},
           "Array(Int64)",
           {"[1,4,7]"}},
          {"range",
           {Const(kInt, I(5)), Const(kInt, I(0)), Const(kInt, I(-2))},
           "Array(Int64)",
           {"[5,3,1]"}},
          {"range",
           {Const(kInt, I(0)), Const(kInt, I(5)), Const(kInt, I(-1))},
           "Array(Int64)",
           {"[]"}},
          {"range", {Col(kInt, {I(2), I(0), I(3)})}, "Array(Int64)", {"[0,1]", "[]", "[0,1,2]"}},
          {"range", {Col(kNullableInt, {I(2), N()})}, "Nullable(Array(Int64))", {"[0,1]", "NULL"}},
          {"range",
           {Const(kInt, I(INT64_MAX - 2)), Const(kInt, I(INT64_MAX))},
           "Array(Int64)",
           {"[9223372036854775805,9223372036854775806]"}},
          {"range",
           {Const(kInt, I(3)), Const(kInt, I(3)), Const(kInt, I(0))},
           "Array(Int64)",
           {"[]"}},
      });
  ExpectErrors(registry_,
               {
                   {"range",
                    {Const(kInt, I(1)), Const(kInt, I(5)), Const(kInt, I(0))},
                    "range: the step must not be 0"},
                   {"range",
                    {Const(kFloat, F(1.5))},
                    "every argument of range must be an integer, not Float64"},
                   {"range", {Const(kInt, I(1'000'000'000))}, "more than 500000000"},
                   {"range", {Col(kInt, {I(300'000'000), I(300'000'000)})}, "more than 500000000"},
               });
}

TEST_F(ArrayTest, Concat) {
  ExpectCases(
      registry_,
      {
          {"arrayConcat",
           {Const(kInts, A({I(1), I(2)})), Const(kInts, A({I(3)}))},
           "Array(Int64)",
           {"[1,2,3]"}},
          {"arrayConcat",
           {Col(kInts, {A({}), A({I(1)})}), Const(ArrayOf(kFloat), A({F(2.5)})),
            Col(kInts, {A({I(7)}), A({})})},
           "Array(Float64)",
           {"[2.5,7]", "[1,2.5]"}},
          {"arrayConcat",
           {Const(ArrayOf(LogicalType::Nothing()), A({})),
            Const(ArrayOf(LogicalType::Nothing()), A({}))},
           "Array(Nullable(Nothing))",
           {"[]"}},
          {"arrayConcat",
           {Col(kInts.WithNullable(true), {N(), A({I(1)})}), Const(kInts, A({I(2)}))},
           "Nullable(Array(Int64))",
           {"NULL", "[1,2]"}},
          {"arrayConcat",
           {Col(ArrayOf(kString), {A({S("a")}), A({})}), Const(ArrayOf(kNullableString), A({N()}))},
           "Array(Nullable(String))",
           {"['a',NULL]", "[NULL]"}},
      });
  ExpectErrors(registry_, {{"arrayConcat",
                            {Const(kInts, A({I(1)})), Const(kString, S("a"))},
                            "every argument of arrayConcat must be an Array, not String"},
                           {"arrayConcat",
                            {Const(kInts, A({I(1)})), Const(ArrayOf(kString), A({S("a")}))},
                            "have no common type"}});
}

TEST_F(ArrayTest, PushBackAndFront) {
  ExpectCases(registry_, {
                             {"arrayPushBack",
                              {Const(kInts, A({I(1), I(2)})), Const(kInt, I(3))},
                              "Array(Int64)",
                              {"[1,2,3]"}},
                             {"arrayPushFront",
                              {Const(kInts, A({I(1), I(2)})), Const(kFloat, F(0.5))},
                              "Array(Float64)",
                              {"[0.5,1,2]"}},
                             {"arrayPushBack",
                              {Const(ArrayOf(kString), A({S("a")})), NullConst()},
                              "Array(Nullable(String))",
                              {"['a',NULL]"}},
                             {"arrayPushBack",
                              {Col(kInts, {A({}), A({I(1)})}), Col(kInt, {I(5), I(6)})},
                              "Array(Int64)",
                              {"[5]", "[1,6]"}},
                             {"arrayPushFront",
                              {Col(kInts.WithNullable(true), {N(), A({I(1)})}), Const(kInt, I(0))},
                              "Nullable(Array(Int64))",
                              {"NULL", "[0,1]"}},
                             {"arrayPushFront",
                              {Const(ArrayOf(kString), A({S("b")})), DictCol(kString, {"a", "c"})},
                              "Array(String)",
                              {"['a','b']", "['c','b']"}},
                         });
  ExpectErrors(registry_, {{"arrayPushBack",
                            {Const(kInts, A({I(1)})), Const(kString, S("a"))},
                            "cannot add a String to an Array(Int64)"},
                           {"arrayPushFront",
                            {Const(kInt, I(1)), Const(kInt, I(1))},
                            "the first argument must be an Array, not Int64"}});
}

TEST_F(ArrayTest, Flatten) {
  ExpectCases(registry_,
              {
                  {"arrayFlatten",
                   {Const(ArrayOf(kInts), A({A({I(1), I(2)}), A({I(3)})}))},
                   "Array(Int64)",
                   {"[1,2,3]"}},
                  {"arrayFlatten",
                   {Col(ArrayOf(ArrayOf(kInts)),
                        {A({A({A({I(1)})}), A({A({I(2), I(3)}), A({})})}), A({}), A({A({})})})},
                   "Array(Int64)",
                   {"[1,2,3]", "[]", "[]"}},
                  {"arrayFlatten", {Const(kInts, A({I(1), I(2)}))}, "Array(Int64)", {"[1,2]"}},
                  {"arrayFlatten",
                   {Col(ArrayOf(ArrayOf(kNullableString)), {A({A({S("a"), N()}), A({S("b")})})})},
                   "Array(Nullable(String))",
                   {"['a',NULL,'b']"}},
              });
}

TEST_F(ArrayTest, EmptyArrays) {
  ExpectCases(registry_, {
                             {"emptyArrayString", {}, "Array(String)", {"[]"}},
                             {"emptyArrayInt32", {}, "Array(Int64)", {"[]"}},
                             {"emptyArrayUInt8", {}, "Array(Int64)", {"[]"}},
                             {"emptyArrayFloat32", {}, "Array(Float64)", {"[]"}},
                             {"emptyArrayDate", {}, "Array(Date)", {"[]"}},
                             {"emptyArrayDateTime", {}, "Array(DateTime)", {"[]"}},
                         });
}

}  // namespace
}  // namespace larder::functions
