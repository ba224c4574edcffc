#include <gtest/gtest.h>

#include "functions/aggregate/aggregate_test_util.h"

namespace larder::functions::testing {
namespace {

const LogicalType kInt = LogicalType::Int64();
const std::string kLong(50, 'q');

TEST(GroupArrayAggregate, Cases) {
  CheckCases({
      {"groupArray", {}, {Ints({I(1), N(), I(2), I(1)})}, A({I(1), I(2), I(1)}), "Array(Int64)"},
      {"groupArray", {I(2)}, {Ints({I(1), I(2), I(3)})}, A({I(1), I(2)}), "Array(Int64)"},
      {"groupArray", {}, {Ints({})}, A({}), "Array(Int64)"},
      {"groupArray", {}, {Ints({N()})}, A({}), "Array(Int64)"},
      {"groupArray",
       {},
       {Strings({S("a"), S(""), S(kLong)})},
       A({S("a"), S(""), S(kLong)}),
       "Array(String)"},
      {"groupArray",
       {},
       {Dict({S("x"), N(), S("y"), S("x")})},
       A({S("x"), S("y"), S("x")}),
       "Array(String)"},
      {"groupArray", {}, {Constant(kInt, I(7))}, A({I(7), I(7), I(7)}), "Array(Int64)", 3},
      {"groupArray", {}, {Constant(LogicalType::Nothing(), N())}, A({}), "", 3},
      {"groupArray",
       {},
       {{LogicalType::Array(kInt), {A({I(1)}), A({})}}},
       A({A({I(1)}), A({})}),
       "Array(Array(Int64))"},
      {"groupArray",
       {},
       {{LogicalType::Date(), {Value::Date(5), Value::Date(6)}}},
       A({Value::Date(5), Value::Date(6)}),
       "Array(Date)"},
      {"groupUniqArray",
       {},
       {Ints({I(3), I(1), I(3), I(2), I(1)})},
       A({I(3), I(1), I(2)}),
       "Array(Int64)"},
      {"groupUniqArray", {I(2)}, {Ints({I(3), I(1), I(3), I(2), I(1)})}, A({I(3), I(1)})},
      {"groupUniqArray",
       {},
       {Dict({S(kLong), S("b"), N(), S(kLong), S("")})},
       A({S(kLong), S("b"), S("")}),
       "Array(String)"},
      {"groupUniqArray", {}, {Strings({})}, A({}), "Array(String)"},
      {"groupArrayIf",
       {},
       {Ints({I(1), I(2), I(3)}), Bools({B(true), B(false), B(true)})},
       A({I(1), I(3)})},
      {"groupArrayDistinct", {}, {Ints({I(3), I(1), I(3)})}, A({I(3), I(1)})},
      {"groupArrayArray",
       {},
       {{LogicalType::Array(kInt), {A({I(1), I(2)}), A({I(3)})}}},
       A({I(1), I(2), I(3)}),
       "Array(Int64)"},
      {"groupArrayOrNull", {}, {Ints({})}, A({}), "Array(Int64)"},
  });
}

TEST(GroupArrayAggregate, BadParameters) {
  EXPECT_EQ(ErrorOf("groupArray", {I(0)}, {Ints({I(1)})}),
            "groupArray: the parameter must be a whole number from 1 to 16777216, e.g. "
            "groupArray(10)(x)");
  EXPECT_EQ(ErrorOf("groupUniqArray", {S("a")}, {Ints({I(1)})}),
            "groupUniqArray: the parameter must be a whole number from 1 to 16777216, e.g. "
            "groupUniqArray(10)(x)");
}

TEST(GroupArrayAggregate, Groups) {
  std::vector<Arg> args;
  args.push_back(Col(LogicalType::String(), {S("a"), S(kLong), S("b"), N(), S("c"), S("a")}));
  auto arrays = RunGrouped("groupArray", {}, args, {0, 1, 0, 1, 1, 0}, 3);
  ASSERT_TRUE(arrays.ok()) << arrays.status().ToString();
  EXPECT_EQ(*arrays,
            (std::vector<Value>{A({S("a"), S("b"), S("a")}), A({S(kLong), S("c")}), A({})}));
  auto uniques = RunGrouped("groupUniqArray", {}, args, {0, 1, 0, 1, 1, 0}, 2);
  ASSERT_TRUE(uniques.ok()) << uniques.status().ToString();
  EXPECT_EQ(*uniques, (std::vector<Value>{A({S("a"), S("b")}), A({S(kLong), S("c")})}));
}

}  // namespace
}  // namespace larder::functions::testing
