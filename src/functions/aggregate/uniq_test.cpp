#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "functions/aggregate/aggregate_test_util.h"

namespace larder::functions::testing {
namespace {

const LogicalType kInt = LogicalType::Int64();
const double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(UniqAggregate, Cases) {
  for (std::string name : {"uniqExact", "uniq", "uniqHLL12", "uniqCombined"}) {
    SCOPED_TRACE(name);
    CheckCases({
        {name, {}, {Ints({I(1), I(2), I(2), I(3), N(), I(1)})}, I(3), "Int64"},
        {name, {}, {Ints({})}, I(0), "Int64"},
        {name, {}, {Ints({N(), N()})}, I(0), "Int64"},
        {name, {}, {Strings({S("a"), S("b"), S("a"), S("")})}, I(3), "Int64"},
        {name, {}, {Dict({S("a"), N(), S("b"), S("a"), S("a")})}, I(2), "Int64"},
        {name, {}, {Floats({F(0.0), F(-0.0), F(kNaN), F(kNaN), F(1)})}, I(3), "Int64"},
        {name, {}, {{LogicalType::Decimal(2), {D(1), D(1), D(-1)}}}, I(2)},
        {name, {}, {{LogicalType::Date(), {Value::Date(1), Value::Date(2), Value::Date(1)}}}, I(2)},
        {name, {}, {{LogicalType::Array(kInt), {A({I(1)}), A({I(1)}), A({})}}}, I(2)},
        {name,
         {},
         {Ints({I(1), I(1), I(2), I(1)}), Strings({S("a"), S("a"), S("a"), S("b")})},
         I(3),
         "Int64"},
        {name, {}, {Ints({I(1), I(1), N()}), Strings({S("a"), S("b"), S("c")})}, I(2)},
        {name, {}, {Constant(kInt, I(4))}, I(1), "Int64", 5},
        {name, {}, {Constant(LogicalType::Nothing(), N())}, I(0), "Int64", 5},
        {name + "If", {}, {Ints({I(1), I(2), I(3)}), Bools({B(true), B(false), B(true)})}, I(2)},
        {name + "Array",
         {},
         {{LogicalType::Array(kInt), {A({I(1), I(2)}), A({I(2), I(5)})}}},
         I(3)},
        {name + "OrNull", {}, {Ints({})}, N(), "Nullable(Int64)"},
    });
  }
}

// Distinct count estimated for `distinct` values (0, 1, …, each seen twice, or strings when
// `strings`), fed through partial states in chunks and merged.
int64_t Estimate(const std::string& name, const std::vector<Value>& params, int64_t distinct,
                 bool strings) {
  std::vector<LogicalType> types = {strings ? LogicalType::String() : kInt};
  Result<Bound> bound = Bind(name, params, types);
  EXPECT_TRUE(bound.ok()) << bound.status().ToString();
  if (!bound.ok()) return -1;
  const AggregateFunction& function = *bound->function;
  StateBox first(&function), second(&function);
  constexpr int64_t kChunk = 8192;
  for (int64_t pass = 0; pass < 2; ++pass) {
    for (int64_t start = 0; start < distinct; start += kChunk) {
      ColumnVector column(types[0]);
      for (int64_t i = start; i < std::min(distinct, start + kChunk); ++i) {
        if (strings) {
          column.AppendString("user-" + std::to_string(i));
        } else {
          column.Append<int64_t>(i);
        }
      }
      KernelCall call{{KernelArg{&column, false}}, column.size(), {}, nullptr};
      uint8_t* state = (start / kChunk) % 2 == 0 ? first.state() : second.state();
      if (pass == 0) {
        EXPECT_TRUE(function.UpdateSingle(call, state).ok());
      } else {
        std::vector<uint8_t*> states(column.size(), state);
        EXPECT_TRUE(function.Update(call, states.data()).ok());
      }
    }
  }
  function.Merge(second.state(), first.state());
  Result<Value> value = FinalValue(*bound, first.state());
  EXPECT_TRUE(value.ok());
  return value.ok() ? value->as_int64() : -1;
}

TEST(UniqAggregate, ErrorBoundOnAMillionValues) {
  struct Limit {
    std::string name;
    std::vector<Value> params;
    double max_error;  // About 3 standard errors.
  };
  for (const Limit& bound : std::vector<Limit>{{"uniqHLL12", {}, 0.05},
                                               {"uniq", {}, 0.015},
                                               {"uniqCombined", {}, 0.01},
                                               {"uniqCombined", {I(12)}, 0.05}}) {
    for (bool strings : {false, true}) {
      SCOPED_TRACE(bound.name + (strings ? " strings" : " integers"));
      constexpr int64_t kDistinct = 1000000;
      int64_t estimate = Estimate(bound.name, bound.params, kDistinct, strings);
      double error = std::abs(static_cast<double>(estimate - kDistinct)) / kDistinct;
      EXPECT_LT(error, bound.max_error) << "estimate " << estimate;
    }
  }
  EXPECT_EQ(Estimate("uniqExact", {}, 1000000, false), 1000000);
  EXPECT_EQ(Estimate("uniqExact", {}, 300000, true), 300000);
}

TEST(UniqAggregate, SmallAndMiddleCardinalities) {
  // Exact below the switch to HyperLogLog (uniq: 65536, uniqCombined: 8192).
  EXPECT_EQ(Estimate("uniq", {}, 50000, false), 50000);
  EXPECT_EQ(Estimate("uniqCombined", {}, 8000, true), 8000);
  EXPECT_EQ(Estimate("uniqHLL12", {}, 16, false), 16);
  for (int64_t distinct : {17, 100, 3000, 20000, 100000}) {
    SCOPED_TRACE(distinct);
    int64_t estimate = Estimate("uniqHLL12", {}, distinct, false);
    EXPECT_LT(std::abs(static_cast<double>(estimate - distinct)) / distinct, 0.05);
  }
}

TEST(UniqAggregate, Groups) {
  std::vector<Arg> args;
  args.push_back(Col(LogicalType::String(), {S("a"), S("b"), S("a"), S("c"), N(), S("c")}));
  auto counts = RunGrouped("uniqExact", {}, args, {0, 0, 0, 1, 1, 1}, 3);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(*counts, (std::vector<Value>{I(2), I(1), I(0)}));
}

TEST(UniqAggregate, BadPrecision) {
  EXPECT_EQ(ErrorOf("uniqCombined", {I(30)}, {Ints({I(1)})}),
            "uniqCombined: the precision parameter must be a whole number from 12 to 20");
}

}  // namespace
}  // namespace larder::functions::testing
