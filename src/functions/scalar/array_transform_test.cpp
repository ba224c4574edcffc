// arrayElement, arraySlice, arrayReverse, arrayDistinct, arrayCompact, arraySort and
// arrayReverseSort, checked against ClickHouse's results.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "functions/function_test_util.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

using namespace testing::values;  // NOLINT: test tables
using testing::Col;
using testing::Const;
using testing::ExpectCases;
using testing::ExpectErrors;
using testing::NullConst;

const LogicalType kNullableInt = LogicalType::Int64().WithNullable(true);
const LogicalType kNullableString = LogicalType::String().WithNullable(true);
const LogicalType kInts = LogicalType::Array(LogicalType::Int64());
const LogicalType kNullableInts = LogicalType::Array(kNullableInt);
const LogicalType kStrings = LogicalType::Array(LogicalType::String());
const LogicalType kFloats = LogicalType::Array(LogicalType::Float64().WithNullable(true));

const Value kOneToFive = A({I(1), I(2), I(3), I(4), I(5)});

class ArrayTransformTest : public ::testing::Test {
 protected:
  FunctionRegistry registry_ = BuiltinFunctions();
};

TEST_F(ArrayTransformTest, Element) {
  const Value tens = A({I(10), I(20), I(30)});
  ExpectCases(
      registry_,
      {
          {"arrayElement", {Const(kInts, tens), Const(kInt, I(1))}, "Int64", {"10"}},
          {"arrayElement", {Const(kInts, tens), Const(kInt, I(-1))}, "Int64", {"30"}},
          {"arrayElement",
           {Const(kInts, tens), Col(kInt, {I(2), I(0), I(4), I(-3), I(-4)})},
           "Int64",
           {"20", "0", "0", "10", "0"}},
          {"arrayElement",
           {Const(kStrings, A({S("a"), S("b")})), Const(kInt, I(3))},
           "String",
           {"''"}},
          {"arrayElement",
           {Const(kNullableInts, A({I(1), N()})), Col(kInt, {I(1), I(2), I(5)})},
           "Nullable(Int64)",
           {"1", "NULL", "NULL"}},
          {"arrayElement",
           {Col(kInts, {A({I(1), I(2)}), A({}), A({I(3)})}), Col(kInt, {I(2), I(1), I(1)})},
           "Int64",
           {"2", "0", "3"}},
          {"arrayElement",
           {Const(kInts, tens), Col(kNullableInt, {I(1), N()})},
           "Nullable(Int64)",
           {"10", "NULL"}},
          {"arrayElement",
           {Const(ArrayOf(kInts), A({A({I(1)}), A({I(2), I(3)})})), Col(kInt, {I(2), I(3)})},
           "Array(Int64)",
           {"[2,3]", "[]"}},
          {"arrayElement",
           {Const(ArrayOf(kDate), A({Value::Date(5)})), Const(kInt, I(2))},
           "Date",
           {"1970-01-01"}},
          {"arrayElement", {Const(kInts, tens), Const(kBool, B(true))}, "Int64", {"10"}},
          {"arrayElement",
           {Const(kInts, tens), Const(kInt, I(std::numeric_limits<int64_t>::min()))},
           "Int64",
           {"0"}},
      });
  ExpectErrors(registry_, {{"arrayElement",
                            {Const(kInts, tens), Const(kString, S("a"))},
                            "the index must be an integer, not String"},
                           {"arrayElement",
                            {Const(kInt, I(1)), Const(kInt, I(1))},
                            "the first argument must be an Array, not Int64"}});
}

TEST_F(ArrayTransformTest, Slice) {
  auto slice = [](Value array, std::vector<std::optional<int64_t>> bounds, std::string expected) {
    std::vector<testing::TestArg> args = {Const(kNullableInts, std::move(array))};
    for (const auto& bound : bounds) args.push_back(bound ? Const(kInt, I(*bound)) : NullConst());
    return testing::FunctionCase{
        "arraySlice", std::move(args), "Array(Nullable(Int64))", {std::move(expected)}};
  };
  ExpectCases(registry_,
              {
                  slice(A({I(1), I(2), N(), I(4), I(5)}), {2, 3}, "[2,NULL,4]"),
                  slice(kOneToFive, {2}, "[2,3,4,5]"),
                  slice(kOneToFive, {-2}, "[4,5]"),
                  slice(kOneToFive, {0}, "[]"),
                  slice(kOneToFive, {0, 2}, "[]"),
                  slice(kOneToFive, {6}, "[]"),
                  slice(kOneToFive, {2, -1}, "[2,3,4]"),
                  slice(kOneToFive, {2, -10}, "[]"),
                  slice(kOneToFive, {-3, 2}, "[3,4]"),
                  slice(kOneToFive, {-3, -1}, "[3,4]"),
                  slice(kOneToFive, {-7}, "[1,2,3,4,5]"),
                  slice(kOneToFive, {-7, 3}, "[1]"),
                  slice(kOneToFive, {-7, 1}, "[]"),
                  slice(kOneToFive, {1, 10}, "[1,2,3,4,5]"),
                  slice(kOneToFive, {3, 0}, "[]"),
                  slice(kOneToFive, {std::nullopt}, "[1,2,3,4,5]"),
                  slice(kOneToFive, {2, std::nullopt}, "[2,3,4,5]"),
                  slice(kOneToFive, {std::numeric_limits<int64_t>::min()}, "[1,2,3,4,5]"),
                  slice(kOneToFive, {std::numeric_limits<int64_t>::max(), 2}, "[]"),
                  {"arraySlice",
                   {Col(kStrings.WithNullable(true), {A({S("a"), S("b")}), N(), A({})}),
                    Col(kInt, {I(2), I(1), I(1)})},
                   "Nullable(Array(String))",
                   {"['b']", "NULL", "[]"}},
              });
  ExpectErrors(registry_, {{"arraySlice",
                            {Const(kInts, kOneToFive), Const(kFloat, F(1))},
                            "the offset must be an integer, not Float64"}});
}

TEST_F(ArrayTransformTest, ReverseDistinctCompact) {
  std::vector<Value> repeating;
  for (int64_t i = 0; i < 40; ++i) repeating.push_back(I((i * 5) % 7));
  ExpectCases(
      registry_,
      {
          {"arrayReverse", {Const(kInts, A({I(1), I(2), I(3)}))}, "Array(Int64)", {"[3,2,1]"}},
          {"arrayReverse",
           {Col(ArrayOf(kNullableString), {A({}), A({S("a"), N()})})},
           "Array(Nullable(String))",
           {"[]", "[NULL,'a']"}},
          {"arrayDistinct",
           {Const(kNullableInts, A({I(1), I(2), I(2), I(1), N(), I(3)}))},
           "Array(Nullable(Int64))",
           {"[1,2,3]"}},
          {"arrayDistinct",
           {Col(kStrings, {A({S("b"), S("a"), S("b")}), A({})})},
           "Array(String)",
           {"['b','a']", "[]"}},
          {"arrayDistinct", {Const(kInts, A(repeating))}, "Array(Int64)", {"[0,5,3,1,6,4,2]"}},
          {"arrayDistinct",
           {Const(kFloats, A({F(std::nan("")), F(1), F(std::nan(""))}))},
           "Array(Nullable(Float64))",
           {"[nan,1]"}},
          {"arrayDistinct",
           {Const(ArrayOf(kInts), A({A({I(1)}), A({I(1)}), A({I(2)})}))},
           "Array(Array(Int64))",
           {"[[1],[2]]"}},
          {"arrayCompact",
           {Const(kNullableInts, A({I(1), I(1), N(), N(), I(2), I(1)}))},
           "Array(Nullable(Int64))",
           {"[1,NULL,2,1]"}},
          {"arrayCompact",
           {Col(kStrings, {A({}), A({S("a"), S("a"), S("")})})},
           "Array(String)",
           {"[]", "['a','']"}},
      });
}

TEST_F(ArrayTransformTest, Sort) {
  const double inf = std::numeric_limits<double>::infinity();
  const Value floats = A({F(1), F(std::nan("")), F(2), N(), F(3), F(-inf)});
  ExpectCases(registry_, {
                             {"arraySort",
                              {Const(kNullableInts, A({I(3), I(1), N(), I(2)}))},
                              "Array(Nullable(Int64))",
                              {"[1,2,3,NULL]"}},
                             {"arraySort",
                              {Const(kFloats, floats)},
                              "Array(Nullable(Float64))",
                              {"[-inf,1,2,3,nan,NULL]"}},
                             {"arrayReverseSort",
                              {Const(kFloats, floats)},
                              "Array(Nullable(Float64))",
                              {"[3,2,1,-inf,nan,NULL]"}},
                             {"arraySort",
                              {Col(kStrings, {A({S("b"), S("a"), S("c")}), A({})})},
                              "Array(String)",
                              {"['a','b','c']", "[]"}},
                             {"arrayReverseSort",
                              {Col(kStrings, {A({S("b"), S("a"), S("c")})})},
                              "Array(String)",
                              {"['c','b','a']"}},
                             {"arraySort",
                              {Const(ArrayOf(kInts), A({A({I(2)}), A({I(1), I(5)}), A({I(1)})}))},
                              "Array(Array(Int64))",
                              {"[[1],[1,5],[2]]"}},
                             {"arraySort",
                              {Const(ArrayOf(kDate), A({Value::Date(3), Value::Date(1)}))},
                              "Array(Date)",
                              {"[1970-01-02,1970-01-04]"}},
                         });
  ExpectErrors(registry_,
               {{"arraySort", {Const(kInt, I(1))}, "the argument must be an Array, not Int64"}});
}

}  // namespace
}  // namespace larder::functions
