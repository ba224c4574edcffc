#include <gtest/gtest.h>

#include <limits>

#include "functions/aggregate/aggregate_test_util.h"

namespace larder::functions::testing {
namespace {

const LogicalType kInt = LogicalType::Int64();
const double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

Column Decimals(std::vector<Value> values) { return {LogicalType::Decimal(2), std::move(values)}; }

TEST(SumAggregate, Cases) {
  CheckCases({
      {"sum", {}, {Ints({I(1), I(2), I(3)})}, I(6), "Int64"},
      {"sum", {}, {Ints({I(kMax), I(1)})}, I(kMin), "Int64"},  // Wraps, as ClickHouse.
      {"sum", {}, {Ints({I(kMin), I(-1), I(2)})}, I(kMin + 1), "Int64"},
      {"sum", {}, {Floats({F(0.5), F(0.25), F(-1)})}, F(-0.25), "Float64"},
      {"sum", {}, {Decimals({D(150), D(-25), D(1)})}, D(126), "Decimal(38, 2)"},
      {"sum", {}, {Bools({B(true), B(true), B(false)})}, I(2), "Int64"},
      {"sum", {}, {Ints({})}, I(0), "Int64"},
      {"sum", {}, {Floats({})}, F(0), "Float64"},
      {"sum", {}, {Ints({I(1), N(), I(2)})}, I(3), "Nullable(Int64)"},
      {"sum", {}, {Ints({N(), N()})}, N(), "Nullable(Int64)"},
      {"sum", {}, {NullableInts({})}, N(), "Nullable(Int64)"},
      {"sum", {}, {Constant(kInt, I(3))}, I(12), "Int64", 4},
      {"sum", {}, {Constant(LogicalType::Float64(), F(0.5))}, F(2), "Float64", 4},
      {"sum", {}, {Constant(LogicalType::Nothing(), N())}, N(), "Nullable(Int64)", 3},
      {"sumIf", {}, {Ints({I(1), I(2), I(4)}), Bools({B(true), B(false), B(true)})}, I(5), "Int64"},
      {"sumIf", {}, {Ints({I(1), I(2)}), Ints({I(0), I(7)})}, I(2), "Int64"},
      {"sumIf", {}, {Ints({I(1), I(2)}), Bools({B(false), N()})}, I(0), "Int64"},
      {"sumDistinct", {}, {Ints({I(1), I(1), I(2), N(), I(2)})}, I(3), "Nullable(Int64)"},
      {"sumOrNull", {}, {Ints({})}, N(), "Nullable(Int64)"},
      {"sumOrNull", {}, {Ints({I(5)})}, I(5), "Nullable(Int64)"},
      {"sumArray",
       {},
       {{LogicalType::Array(kInt), {A({I(1), I(2)}), A({}), A({I(3)})}}},
       I(6),
       "Int64"},
      {"sumIfOrNull", {}, {Ints({I(1)}), Bools({B(false)})}, N(), "Nullable(Int64)"},
  });
}

TEST(AvgAggregate, Cases) {
  CheckCases({
      {"avg", {}, {Ints({I(1), I(2), I(3), I(4)})}, F(2.5), "Float64"},
      {"avg", {}, {Floats({F(1.5)})}, F(1.5), "Float64"},
      {"avg", {}, {Bools({B(true), B(false)})}, F(0.5), "Float64"},
      {"avg", {}, {Decimals({D(150), D(250)})}, F(2), "Float64"},
      {"avg", {}, {Ints({})}, F(kNaN), "Float64"},  // 0 / 0, as ClickHouse.
      {"avg", {}, {Ints({I(1), N(), I(4)})}, F(2.5), "Nullable(Float64)"},
      {"avg", {}, {Ints({N(), N()})}, N(), "Nullable(Float64)"},
      {"avg", {}, {Constant(kInt, I(3))}, F(3), "Float64", 5},
      {"avgIf", {}, {Ints({I(1), I(5), I(9)}), Bools({B(true), B(false), B(true)})}, F(5)},
      {"avgIf", {}, {Ints({I(1)}), Bools({B(false)})}, F(kNaN), "Float64"},
      {"avgOrNull", {}, {Ints({})}, N(), "Nullable(Float64)"},
      {"avgDistinct", {}, {Ints({I(1), I(1), I(1), I(4)})}, F(2.5)},
      {"avgArray", {}, {{LogicalType::Array(kInt), {A({I(1), I(2)}), A({I(6)})}}}, F(3)},
  });
}

TEST(SumAggregate, RejectsStrings) {
  EXPECT_EQ(ErrorOf("sum", {}, {Strings({S("a")})}), "sum needs numbers, not String");
  EXPECT_EQ(ErrorOf("avg", {}, {Strings({S("a")})}), "avg needs numbers, not String");
  EXPECT_EQ(ErrorOf("sumIf", {}, {Ints({I(1)}), Strings({S("a")})}),
            "the last argument of sumIf is its condition and must be Bool, not String");
}

TEST(SumAggregate, Groups) {
  std::vector<Arg> args;
  args.push_back(Col(kInt, {I(1), N(), I(3), I(4), N(), I(6), I(7)}));
  auto sums = RunGrouped("sum", {}, args, {0, 1, 0, 1, 1, 2, 0}, 4);
  ASSERT_TRUE(sums.ok()) << sums.status().ToString();
  EXPECT_EQ(*sums, (std::vector<Value>{I(11), I(4), I(6), N()}));
  auto averages = RunGrouped("avg", {}, args, {0, 1, 0, 1, 1, 2, 0}, 4);
  ASSERT_TRUE(averages.ok()) << averages.status().ToString();
  EXPECT_TRUE(SameValue(Value::Array(*averages), A({F(11.0 / 3), F(4), F(6), N()})));
}

}  // namespace
}  // namespace larder::functions::testing
