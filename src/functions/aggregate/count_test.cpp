#include <gtest/gtest.h>

#include "functions/aggregate/aggregate_test_util.h"

namespace larder::functions::testing {
namespace {

const LogicalType kInt = LogicalType::Int64();

TEST(CountAggregate, Cases) {
  CheckCases({
      {"count", {}, {}, I(5), "Int64", 5},
      {"count", {}, {}, I(0), "Int64", 0},
      {"count", {}, {Ints({I(1), I(2), I(3)})}, I(3), "Int64"},
      {"count", {}, {Ints({I(1), N(), I(3), N()})}, I(2), "Int64"},
      {"count", {}, {Ints({N(), N()})}, I(0), "Int64"},
      {"count", {}, {Ints({})}, I(0), "Int64"},
      {"count", {}, {Strings({S("a"), S(""), N()})}, I(2), "Int64"},
      {"count", {}, {Dict({S("a"), N(), S("a"), S("b")})}, I(3), "Int64"},
      {"count", {}, {Constant(kInt, I(7))}, I(4), "Int64", 4},
      {"count", {}, {Constant(LogicalType::Nothing(), N())}, I(0), "Int64", 4},
      {"countIf", {}, {Bools({B(true), B(false), B(true), N()})}, I(2), "Int64"},
      {"countIf", {}, {Ints({I(1), N(), I(3)}), Bools({B(true), B(true), B(true)})}, I(2)},
      {"countDistinct", {}, {Ints({I(1), I(1), N(), I(2), I(1)})}, I(2), "Int64"},
      {"countOrNull", {}, {}, N(), "Nullable(Int64)", 0},
      {"countOrNull", {}, {Ints({I(4), I(5)})}, I(2), "Nullable(Int64)"},
      {"countIfOrNull",
       {},
       {Ints({I(4), I(5)}), Bools({B(false), B(false)})},
       N(),
       "Nullable(Int64)"},
      {"countArray",
       {},
       {{LogicalType::Array(kInt), {A({I(1), I(2)}), A({}), A({I(3), N()})}}},
       I(3),
       "Int64"},
  });
}

TEST(CountAggregate, Groups) {
  std::vector<Arg> args;
  args.push_back(Col(kInt, {I(1), N(), I(3), I(4), N(), I(6), I(7)}));
  auto counts = RunGrouped("count", {}, args, {0, 1, 0, 1, 1, 2, 0}, 4);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(*counts, (std::vector<Value>{I(3), I(1), I(1), I(0)}));
  auto rows = RunGrouped("count", {}, {}, {0, 1, 0, 1, 1, 2, 0}, 3);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (std::vector<Value>{I(3), I(3), I(1)}));
}

}  // namespace
}  // namespace larder::functions::testing
