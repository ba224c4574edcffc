#include <gtest/gtest.h>

#include "functions/aggregate/aggregate_test_util.h"

namespace larder::functions::testing {
namespace {

const LogicalType kInt = LogicalType::Int64();
const std::string kLongA(40, 'a');
const std::string kLongZ(40, 'z');

Value U(uint64_t high, uint64_t low) { return Value::Uuid(Uuid128{high, low}); }

TEST(MinMaxAggregate, Numbers) {
  CheckCases({
      {"min", {}, {Ints({I(3), I(1), I(2)})}, I(1), "Int64"},
      {"max", {}, {Ints({I(3), I(1), I(2)})}, I(3), "Int64"},
      {"any", {}, {Ints({I(3), I(1), I(2)})}, I(3), "Int64"},
      {"anyLast", {}, {Ints({I(3), I(1), I(2)})}, I(2), "Int64"},
      {"min", {}, {Floats({F(0.5), F(-2.5), F(1)})}, F(-2.5), "Float64"},
      {"max", {}, {Bools({B(false), B(true)})}, B(true), "Bool"},
      {"min", {}, {{LogicalType::Decimal(2), {D(150), D(-3)}}}, D(-3), "Decimal(38, 2)"},
      {"max",
       {},
       {{LogicalType::Date(), {Value::Date(19000), Value::Date(19500)}}},
       Value::Date(19500),
       "Date"},
      {"min",
       {},
       {{LogicalType::DateTime(), {Value::DateTime(5), Value::DateTime(-5)}}},
       Value::DateTime(-5),
       "DateTime"},
      {"max", {}, {{LogicalType::Uuid(), {U(1, 9), U(2, 0), U(1, 10)}}}, U(2, 0), "UUID"},
      {"min", {}, {Ints({})}, I(0), "Int64"},  // The type's default, as ClickHouse.
      {"min", {}, {Ints({N(), I(4), N(), I(2)})}, I(2), "Nullable(Int64)"},
      {"max", {}, {Ints({N(), N()})}, N(), "Nullable(Int64)"},
      {"any", {}, {Ints({N(), I(5), I(6)})}, I(5), "Nullable(Int64)"},
      {"anyLast", {}, {Ints({I(5), I(6), N()})}, I(6), "Nullable(Int64)"},
      {"min", {}, {Constant(kInt, I(5))}, I(5), "Int64", 3},
      {"max", {}, {Constant(LogicalType::Nothing(), N())}, N(), "Nullable(Nothing)", 3},
      {"minIf", {}, {Ints({I(1), I(2), I(3)}), Bools({B(false), B(true), B(true)})}, I(2)},
      {"maxIf", {}, {Ints({I(1), I(2), I(3)}), Bools({B(true), B(true), B(false)})}, I(2)},
      {"maxOrNull", {}, {Ints({})}, N(), "Nullable(Int64)"},
      {"minArray", {}, {{LogicalType::Array(kInt), {A({I(4), I(2)}), A({I(3)})}}}, I(2)},
      {"anyDistinct", {}, {Ints({I(7), I(7), I(8)})}, I(7)},
  });
}

TEST(MinMaxAggregate, Strings) {
  CheckCases({
      {"min", {}, {Strings({S("b"), S("a"), S("c")})}, S("a"), "String"},
      {"max", {}, {Strings({S("b"), S("a"), S("c")})}, S("c"), "String"},
      {"min", {}, {Strings({S(kLongZ), S(kLongA), S("b")})}, S(kLongA), "String"},
      {"max", {}, {Strings({S(kLongA), S(kLongZ), S("b")})}, S(kLongZ), "String"},
      {"any", {}, {Strings({S(kLongZ), S(kLongA)})}, S(kLongZ), "String"},
      {"anyLast", {}, {Strings({S(kLongZ), S(kLongA)})}, S(kLongA), "String"},
      {"min", {}, {Strings({S(""), S("a")})}, S(""), "String"},
      {"min", {}, {Strings({})}, S(""), "String"},
      {"max",
       {},
       {Dict({S("pear"), N(), S("apple"), S("zebra"), S("pear")})},
       S("zebra"),
       "Nullable(String)"},
      {"min", {}, {Dict({S("pear"), S("apple"), S("apple")})}, S("apple"), "String"},
      {"anyLast", {}, {Dict({S("x"), S("y"), N()})}, S("y"), "Nullable(String)"},
      {"max", {}, {Constant(LogicalType::String(), S(kLongA))}, S(kLongA), "String", 4},
  });
}

TEST(MinMaxAggregate, Arrays) {
  LogicalType arrays = LogicalType::Array(kInt);
  CheckCases({
      {"min",
       {},
       {{arrays, {A({I(1), I(2)}), A({I(1)}), A({I(0), I(5)})}}},
       A({I(0), I(5)}),
       "Array(Int64)"},
      {"max", {}, {{arrays, {A({I(1), I(2)}), A({I(1)}), A({I(0), I(5)})}}}, A({I(1), I(2)})},
      {"any", {}, {{arrays, {A({}), A({I(1)})}}}, A({})},
      {"min", {}, {{arrays, {}}}, A({}), "Array(Int64)"},
  });
}

TEST(ArgMinMaxAggregate, Cases) {
  CheckCases({
      {"argMin",
       {},
       {Strings({S("a"), S("b"), S("c")}), Ints({I(3), I(1), I(2)})},
       S("b"),
       "String"},
      {"argMax", {}, {Strings({S("a"), S("b"), S("c")}), Ints({I(3), I(1), I(2)})}, S("a")},
      {"argMin", {}, {Strings({S("a"), S("b")}), Ints({I(1), I(1)})}, S("a")},  // First of ties.
      {"argMax", {}, {Strings({S("a"), S("b")}), Ints({I(1), I(1)})}, S("a")},
      {"argMin", {}, {Ints({I(1), I(2), I(3)}), Strings({S("b"), S("a"), S("c")})}, I(2), "Int64"},
      {"argMax", {}, {Ints({I(1), I(2), I(3)}), Dict({S("b"), S("a"), S("c")})}, I(3)},
      {"argMax",
       {},
       {Strings({S(kLongA), S(kLongZ), S("c")}), Floats({F(1), F(9), F(2)})},
       S(kLongZ)},
      {"argMax", {}, {Ints({I(1), I(2), I(3)}), Ints({I(5), N(), I(4)})}, I(1), "Nullable(Int64)"},
      {"argMin", {}, {Ints({N(), I(2), I(3)}), Ints({I(1), I(5), I(4)})}, I(3), "Nullable(Int64)"},
      {"argMin", {}, {Strings({}), Ints({})}, S(""), "String"},
      {"argMin", {}, {Strings({S("x")}), Ints({N()})}, N(), "Nullable(String)"},
      {"argMax",
       {},
       {{LogicalType::Array(kInt), {A({I(1)}), A({I(2), I(3)})}}, Ints({I(1), I(2)})},
       A({I(2), I(3)}),
       "Array(Int64)"},
      {"argMax",
       {},
       {{LogicalType::Date(), {Value::Date(3), Value::Date(4)}}, Ints({I(2), I(1)})},
       Value::Date(3),
       "Date"},
      {"argMinIf",
       {},
       {Strings({S("a"), S("b"), S("c")}), Ints({I(1), I(2), I(3)}),
        Bools({B(false), B(true), B(true)})},
       S("b")},
  });
}

TEST(MinMaxAggregate, Groups) {
  std::vector<Arg> args;
  args.push_back(Col(LogicalType::String(), {S("b"), S(kLongZ), S("a"), N(), S(kLongA), S("c")}));
  auto minimums = RunGrouped("min", {}, args, {0, 1, 0, 2, 1, 0}, 4);
  ASSERT_TRUE(minimums.ok()) << minimums.status().ToString();
  EXPECT_EQ(*minimums, (std::vector<Value>{S("a"), S(kLongA), N(), N()}));
  auto firsts = RunGrouped("any", {}, args, {0, 1, 0, 2, 1, 0}, 3);
  ASSERT_TRUE(firsts.ok()) << firsts.status().ToString();
  EXPECT_EQ(*firsts, (std::vector<Value>{S("b"), S(kLongZ), N()}));
  std::vector<Arg> pair;
  pair.push_back(Col(LogicalType::String(), {S("x"), S("y"), S(kLongA), S("w")}));
  pair.push_back(Col(kInt, {I(5), I(3), I(1), I(9)}));
  auto arg_max = RunGrouped("argMax", {}, pair, {0, 0, 1, 1}, 2);
  ASSERT_TRUE(arg_max.ok()) << arg_max.status().ToString();
  EXPECT_EQ(*arg_max, (std::vector<Value>{S("x"), S("w")}));
}

}  // namespace
}  // namespace larder::functions::testing
