#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "functions/aggregate/aggregate_test_util.h"

namespace larder::functions::testing {
namespace {

const LogicalType kInt = LogicalType::Int64();
const double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(StatisticsAggregate, Variance) {
  Column values = Ints({I(1), I(2), I(3), I(4)});
  CheckCases({
      {"varPop", {}, {values}, F(1.25), "Float64"},
      {"varSamp", {}, {values}, F(5.0 / 3), "Float64"},
      {"stddevPop", {}, {values}, F(std::sqrt(1.25)), "Float64"},
      {"stddevSamp", {}, {values}, F(std::sqrt(5.0 / 3)), "Float64"},
      {"varPop", {}, {Floats({F(0.5), F(1.5)})}, F(0.25)},
      {"varPop", {}, {{LogicalType::Decimal(2), {D(100), D(300)}}}, F(1)},
      {"varPop", {}, {Bools({B(true), B(false)})}, F(0.25)},
      {"varPop", {}, {Ints({I(1), N(), I(3), N()})}, F(1), "Nullable(Float64)"},
      {"varPop", {}, {Ints({})}, F(kNaN), "Float64"},
      {"varPop", {}, {Ints({I(7)})}, F(0)},
      {"varSamp", {}, {Ints({I(7)})}, F(kNaN), "Float64"},
      {"stddevSamp", {}, {Ints({I(7)})}, F(kNaN)},
      {"stddevPop", {}, {Ints({N()})}, N(), "Nullable(Float64)"},
      {"varPop", {}, {Constant(kInt, I(3))}, F(0), "Float64", 4},
      {"varSampIf", {}, {Ints({I(1), I(50), I(3)}), Bools({B(true), B(false), B(true)})}, F(2)},
      {"varPopArray",
       {},
       {{LogicalType::Array(kInt), {A({I(1), I(2)}), A({I(3), I(4)})}}},
       F(1.25)},
      {"stddevPopOrNull", {}, {Ints({})}, N(), "Nullable(Float64)"},
  });
}

TEST(StatisticsAggregate, Covariance) {
  Column x = Ints({I(1), I(2), I(3), I(4)});
  Column y = Ints({I(2), I(4), I(6), I(8)});
  CheckCases({
      {"covarPop", {}, {x, y}, F(2.5), "Float64"},
      {"covarSamp", {}, {x, y}, F(10.0 / 3), "Float64"},
      {"corr", {}, {x, y}, F(1), "Float64"},
      {"corr", {}, {x, Ints({I(8), I(6), I(4), I(2)})}, F(-1)},
      {"corr", {}, {x, Ints({I(5), I(5), I(5), I(5)})}, F(kNaN)},
      {"corr",
       {},
       {Ints({I(1), N(), I(3), I(5)}), Ints({I(1), I(100), N(), I(3)})},
       F(1),
       "Nullable(Float64)"},
      {"covarPop", {}, {Ints({}), Ints({})}, F(kNaN), "Float64"},
      {"covarSamp", {}, {Ints({I(1)}), Ints({I(1)})}, F(kNaN)},
      {"covarPop", {}, {Floats({F(0.5), F(1.5)}), Ints({I(1), I(3)})}, F(0.5)},
  });
}

// Large values with a small spread: summing squares would lose every digit.
TEST(StatisticsAggregate, NumericallyStable) {
  std::vector<Value> values;
  for (double offset : {4.0, 7.0, 13.0, 16.0}) values.push_back(F(1e9 + offset));
  std::vector<Arg> args;
  args.push_back(Col(LogicalType::Float64(), values));
  Result<Outcome> variance = RunAggregate("varSamp", {}, args);
  ASSERT_TRUE(variance.ok()) << variance.status().ToString();
  EXPECT_NEAR(variance->value.as_float64(), 30, 1e-6);
  std::vector<Arg> pair;
  pair.push_back(Col(LogicalType::Float64(), values));
  pair.push_back(Col(LogicalType::Float64(), values));
  Result<Outcome> correlation = RunAggregate("corr", {}, pair);
  ASSERT_TRUE(correlation.ok()) << correlation.status().ToString();
  EXPECT_NEAR(correlation->value.as_float64(), 1, 1e-9);
}

TEST(StatisticsAggregate, RejectsStrings) {
  EXPECT_EQ(ErrorOf("varPop", {}, {Strings({S("a")})}), "varPop needs numbers, not String");
  EXPECT_EQ(ErrorOf("corr", {}, {Ints({I(1)}), Strings({S("a")})}),
            "corr needs numbers, not String");
}

TEST(StatisticsAggregate, Groups) {
  std::vector<Arg> args;
  args.push_back(Col(kInt, {I(1), I(10), I(3), I(20), I(5), I(30)}));
  auto variances = RunGrouped("varPop", {}, args, {0, 1, 0, 1, 0, 1}, 2);
  ASSERT_TRUE(variances.ok()) << variances.status().ToString();
  EXPECT_TRUE(SameValue(A(*variances), A({F(8.0 / 3), F(200.0 / 3)})));
}

}  // namespace
}  // namespace larder::functions::testing
