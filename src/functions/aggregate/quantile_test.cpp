#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "functions/aggregate/aggregate_test_util.h"

namespace larder::functions::testing {
namespace {

const LogicalType kInt = LogicalType::Int64();
const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<Value> Range(int64_t from, int64_t to) {
  std::vector<Value> values;
  for (int64_t v = from; v <= to; ++v) values.push_back(I(v));
  return values;
}

// The interpolation quantile uses between the values around a fractional position.
double Between(double low, double high, double position) {
  double fraction = position - std::floor(position);
  return low * (1 - fraction) + high * fraction;
}

TEST(QuantileAggregate, Interpolated) {
  CheckCases({
      {"quantile", {F(0.5)}, {Ints({I(1), I(2), I(3), I(4)})}, F(2.5), "Float64"},
      {"quantile", {F(0.5)}, {Ints({I(4), I(1), I(3), I(2)})}, F(2.5), "Float64"},
      {"quantile", {F(0.9)}, {Ints(Range(1, 10))}, F(Between(9, 10, 0.9 * 9))},
      {"quantile", {I(0)}, {Ints({I(5), I(-2), I(9)})}, F(-2)},
      {"quantile", {I(1)}, {Ints({I(5), I(-2), I(9)})}, F(9)},
      {"quantile", {F(0.25)}, {Floats({F(0.5), F(1.5)})}, F(0.75)},
      {"quantile", {F(0.5)}, {{LogicalType::Decimal(2), {D(100), D(300)}}}, F(2), "Float64"},
      {"quantile",
       {F(0.5)},
       {{LogicalType::Date(), {Value::Date(10), Value::Date(13)}}},
       Value::Date(11),
       "Date"},
      {"quantile", {F(0.5)}, {Ints({})}, F(kNaN), "Float64"},
      {"quantile", {F(0.5)}, {Ints({N(), I(3), N(), I(1)})}, F(2), "Nullable(Float64)"},
      {"quantile", {F(0.5)}, {Ints({N()})}, N(), "Nullable(Float64)"},
      {"quantile", {F(0.5)}, {Constant(kInt, I(4))}, F(4), "Float64", 3},
      {"median", {}, {Ints({I(3), I(1), I(2)})}, F(2), "Float64"},
      {"median", {}, {Ints({I(1), I(2), I(3), I(4)})}, F(2.5), "Float64"},
      {"median", {F(0.25)}, {Ints({I(1), I(2), I(3), I(4), I(5)})}, F(2)},
      {"quantiles",
       {F(0.25), F(0.5), F(0.75)},
       {Ints({I(5), I(4), I(3), I(2), I(1)})},
       A({F(2), F(3), F(4)}),
       "Array(Float64)"},
      {"quantiles", {F(0.1), F(0.9)}, {Ints({})}, A({F(kNaN), F(kNaN)}), "Array(Float64)"},
      {"quantiles", {F(0.5)}, {Ints({N()})}, A({F(kNaN)}), "Array(Float64)"},
      {"quantileIf",
       {F(0.5)},
       {Ints({I(1), I(100), I(3)}), Bools({B(true), B(false), B(true)})},
       F(2),
       "Float64"},
      {"quantileArray", {F(0.5)}, {{LogicalType::Array(kInt), {A({I(1), I(2)}), A({I(9)})}}}, F(2)},
      {"medianDistinct", {}, {Ints({I(1), I(1), I(1), I(4)})}, F(2.5)},
  });
}

TEST(QuantileAggregate, Exact) {
  CheckCases({
      {"quantileExact", {F(0.5)}, {Ints({I(1), I(2), I(3), I(4)})}, I(3), "Int64"},
      {"quantileExact", {}, {Ints({I(5), I(1), I(3)})}, I(3), "Int64"},
      {"quantileExact", {I(0)}, {Ints({I(5), I(1), I(3)})}, I(1)},
      {"quantileExact", {I(1)}, {Ints({I(5), I(1), I(3)})}, I(5)},
      {"quantileExact", {F(0.9)}, {Ints(Range(1, 10))}, I(10)},
      {"quantileExact", {F(0.5)}, {Floats({F(2.5), F(0.5)})}, F(2.5), "Float64"},
      {"quantileExact", {}, {Floats({})}, F(kNaN), "Float64"},
      {"quantileExact", {}, {Ints({})}, I(0), "Int64"},
      {"quantileExact", {}, {Ints({N()})}, N(), "Nullable(Int64)"},
      {"quantileExact",
       {},
       {{LogicalType::Decimal(2), {D(100), D(300), D(200)}}},
       D(200),
       "Decimal(38, 2)"},
      {"quantileExact",
       {},
       {{LogicalType::DateTime(), {Value::DateTime(7), Value::DateTime(3)}}},
       Value::DateTime(7),
       "DateTime"},
  });
}

TEST(QuantileAggregate, BadInput) {
  EXPECT_EQ(ErrorOf("quantile", {I(2)}, {Ints({I(1)})}),
            "quantile: a level must be between 0 and 1, not 2");
  EXPECT_EQ(ErrorOf("quantiles", {F(0.5), F(-0.5)}, {Ints({I(1)})}),
            "quantiles: a level must be between 0 and 1, not -0.5");
  EXPECT_EQ(ErrorOf("quantile", {S("a")}, {Ints({I(1)})}),
            "quantile: parameters must be numbers, e.g. quantile(0.9)(x)");
  EXPECT_EQ(ErrorOf("median", {}, {Strings({S("a")})}),
            "median needs numbers, dates or date-times, not String");
  EXPECT_EQ(ErrorOf("quantileExact", {}, {Strings({S("a")})}),
            "quantileExact needs numbers, dates or date-times, not String");
}

TEST(QuantileAggregate, Groups) {
  std::vector<Arg> args;
  args.push_back(Col(kInt, {I(1), I(10), I(2), N(), I(30), I(3)}));
  auto medians = RunGrouped("median", {}, args, {0, 1, 0, 1, 1, 0}, 3);
  ASSERT_TRUE(medians.ok()) << medians.status().ToString();
  EXPECT_EQ(*medians, (std::vector<Value>{F(2), F(20), N()}));
}

// Past 2^20 values a state keeps a sample: the median of 0 … 3M-1 stays within 0.5%.
TEST(QuantileAggregate, SampledBeyondTheBound) {
  Result<Bound> bound = Bind("median", {}, {kInt});
  ASSERT_TRUE(bound.ok());
  const AggregateFunction& function = *bound->function;
  StateBox first(&function), second(&function);
  constexpr int64_t kRows = 3000000, kChunk = 65536;
  for (int64_t start = 0; start < kRows; start += kChunk) {
    ColumnVector column(kInt);
    for (int64_t i = start; i < std::min(kRows, start + kChunk); ++i) column.Append<int64_t>(i);
    KernelCall call{{KernelArg{&column, false}}, column.size(), {}, nullptr};
    ASSERT_TRUE(
        function.UpdateSingle(call, (start / kChunk) % 3 == 0 ? first.state() : second.state())
            .ok());
  }
  function.Merge(second.state(), first.state());
  Result<Value> median = FinalValue(*bound, first.state());
  ASSERT_TRUE(median.ok());
  EXPECT_NEAR(median->as_float64(), kRows / 2.0, kRows * 0.005);
  EXPECT_LE(function.HeapBytes(first.state()), (size_t{1} << 20) * sizeof(double) * 2);
}

}  // namespace
}  // namespace larder::functions::testing
