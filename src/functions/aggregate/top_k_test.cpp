#include <gtest/gtest.h>

#include "functions/aggregate/aggregate_test_util.h"

namespace larder::functions::testing {
namespace {

const LogicalType kInt = LogicalType::Int64();

TEST(TopKAggregate, Cases) {
  Column words = Strings({S("a"), S("b"), S("a"), S("c"), S("b"), S("a")});
  CheckCases({
      {"topK", {I(2)}, {words}, A({S("a"), S("b")}), "Array(String)"},
      {"topK", {}, {words}, A({S("a"), S("b"), S("c")}), "Array(String)"},
      {"topK", {I(3), I(5)}, {words}, A({S("a"), S("b"), S("c")})},
      // Ties come in the order first met.
      {"topK", {I(2)}, {Strings({S("x"), S("y"), S("z"), S("z"), S("y")})}, A({S("y"), S("z")})},
      {"topK", {I(2)}, {Ints({I(5), N(), I(7), I(7), N(), N()})}, A({I(7), I(5)}), "Array(Int64)"},
      {"topK", {}, {Ints({})}, A({}), "Array(Int64)"},
      {"topK", {I(1)}, {Dict({S("p"), S("q"), S("q"), N()})}, A({S("q")}), "Array(String)"},
      {"topK", {}, {Constant(kInt, I(3))}, A({I(3)}), "Array(Int64)", 4},
      {"topK",
       {},
       {{LogicalType::Array(kInt), {A({I(1)}), A({}), A({})}}},
       A({A({}), A({I(1)})}),
       "Array(Array(Int64))"},
      {"topKIf",
       {I(1)},
       {Ints({I(1), I(2), I(2), I(1), I(1)}),
        Bools({B(false), B(true), B(true), B(true), B(false)})},
       A({I(2)})},
      {"topKDistinct", {I(2)}, {Ints({I(3), I(1), I(1), I(1)})}, A({I(3), I(1)})},
      {"topKArray", {I(1)}, {{LogicalType::Array(kInt), {A({I(1), I(2)}), A({I(2)})}}}, A({I(2)})},
  });
}

TEST(TopKAggregate, BadParameters) {
  EXPECT_EQ(ErrorOf("topK", {I(0)}, {Ints({I(1)})}),
            "topK: the parameter must be a whole number from 1 to 65536, e.g. topK(10)(x)");
}

// Beyond 65536 distinct values a state drops the rarest; frequent values still win.
TEST(TopKAggregate, HeavyHittersAmongManyDistinctValues) {
  ColumnVector column(kInt);
  for (int64_t i = 0; i < 300000; ++i) {
    if (i % 50 == 0) {
      column.Append<int64_t>(-1);
    } else if (i % 70 == 0) {
      column.Append<int64_t>(-2);
    } else {
      column.Append<int64_t>(i);
    }
  }
  Result<Bound> bound = Bind("topK", {I(2)}, {kInt});
  ASSERT_TRUE(bound.ok());
  StateBox first(bound->function.get()), second(bound->function.get());
  for (size_t start = 0; start < column.size(); start += 10000) {
    ColumnVector chunk(kInt);
    chunk.AppendRange(column, start, 10000);
    KernelCall call{{KernelArg{&chunk, false}}, chunk.size(), {}, nullptr};
    ASSERT_TRUE(bound->function
                    ->UpdateSingle(call, start < column.size() / 2 ? first.state() : second.state())
                    .ok());
  }
  bound->function->Merge(second.state(), first.state());
  Result<Value> top = FinalValue(*bound, first.state());
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(*top, A({I(-1), I(-2)}));
}

TEST(TopKAggregate, Groups) {
  std::vector<Arg> args;
  args.push_back(Col(LogicalType::String(), {S("a"), S("b"), S("b"), S("c"), S("c"), S("c")}));
  auto tops = RunGrouped("topK", {I(1)}, args, {0, 0, 0, 1, 1, 0}, 2);
  ASSERT_TRUE(tops.ok()) << tops.status().ToString();
  EXPECT_EQ(*tops, (std::vector<Value>{A({S("b")}), A({S("c")})}));
}

}  // namespace
}  // namespace larder::functions::testing
