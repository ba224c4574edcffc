#include "functions/aggregate/combinators.h"

#include <gtest/gtest.h>

#include "functions/aggregate/aggregate_test_util.h"

namespace larder::functions::testing {
namespace {

const LogicalType kInt = LogicalType::Int64();
const LogicalType kIntArray = LogicalType::Array(LogicalType::Int64());

struct Base {
  std::string name;
  std::vector<Value> params;
  int args = 1;  // The same column is passed `args` times.
};

const std::vector<Base>& Bases() {
  static const std::vector<Base> bases = {{"count"},
                                          {"sum"},
                                          {"avg"},
                                          {"min"},
                                          {"max"},
                                          {"any"},
                                          {"anyLast"},
                                          {"argMin", {}, 2},
                                          {"argMax", {}, 2},
                                          {"uniq"},
                                          {"uniqExact"},
                                          {"uniqHLL12"},
                                          {"uniqCombined"},
                                          {"groupArray"},
                                          {"groupUniqArray"},
                                          {"quantile", {F(0.5)}},
                                          {"median"},
                                          {"quantiles", {F(0.2), F(0.9)}},
                                          {"quantileExact"},
                                          {"varPop"},
                                          {"varSamp"},
                                          {"stddevPop"},
                                          {"stddevSamp"},
                                          {"covarPop", {}, 2},
                                          {"covarSamp", {}, 2},
                                          {"corr", {}, 2},
                                          {"topK", {I(2)}}};
  return bases;
}

Result<Outcome> RunWith(const Base& base, const std::string& suffix, const Column& column,
                        const std::vector<Column>& extra = {}) {
  std::vector<Arg> args;
  for (int i = 0; i < base.args; ++i) args.push_back(MakeArg(column));
  for (const Column& more : extra) args.push_back(MakeArg(more));
  return RunAggregate(base.name + suffix, base.params, args);
}

// Every combinator of every aggregate gives what the aggregate gives on the equivalent rows.
TEST(Combinators, EveryAggregateEveryCombinator) {
  Column values = Ints({I(1), I(2), I(2), I(3), I(5)});
  Column distinct = Ints({I(1), I(2), I(3), I(5)});
  Column with_others = Ints({I(1), I(9), I(2), I(2), I(9), I(3), I(5)});
  Column condition = Bools({B(true), B(false), B(true), B(true), B(false), B(true), B(true)});
  Column never = Bools({B(false), B(false), B(false), B(false), B(false), B(false), B(false)});
  Column arrays = {kIntArray, {A({I(1), I(2)}), A({I(2)}), A({}), A({I(3), I(5)})}};
  for (const Base& base : Bases()) {
    SCOPED_TRACE(base.name);
    Result<Outcome> plain = RunWith(base, "", values);
    ASSERT_TRUE(plain.ok()) << plain.status().ToString();
    bool array_result = plain->type.id() == TypeId::kArray;
    auto expect_same = [&](const std::string& suffix, const Result<Outcome>& outcome,
                           const Value& expected) {
      SCOPED_TRACE(suffix);
      ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
      EXPECT_TRUE(SameValue(outcome->value, expected))
          << outcome->value.ToString(outcome->type) << " vs " << expected.ToString(plain->type);
    };
    expect_same("If", RunWith(base, "If", with_others, {condition}), plain->value);
    expect_same("Array", RunWith(base, "Array", arrays), plain->value);
    expect_same("OrNull", RunWith(base, "OrNull", values), plain->value);
    expect_same("IfOrNull", RunWith(base, "IfOrNull", with_others, {condition}), plain->value);
    Result<Outcome> on_distinct = RunWith(base, "", distinct);
    ASSERT_TRUE(on_distinct.ok());
    expect_same("Distinct", RunWith(base, "Distinct", values), on_distinct->value);

    // Types: If and Distinct keep the aggregate's, OrNull makes it Nullable (arrays stay).
    Result<Outcome> if_outcome = RunWith(base, "If", with_others, {condition});
    EXPECT_EQ(if_outcome->type, plain->type);
    Result<Outcome> or_null = RunWith(base, "OrNull", values);
    EXPECT_EQ(or_null->type, array_result ? plain->type : plain->type.WithNullable(true));

    // No rows: OrNull gives NULL (arrays: what the aggregate gives for no rows).
    Result<Outcome> empty = RunWith(base, "", Ints({}));
    ASSERT_TRUE(empty.ok());
    Value no_rows = array_result ? empty->value : Value::Null();
    expect_same("OrNull, no rows", RunWith(base, "OrNull", Ints({})), no_rows);
    expect_same("IfOrNull, no row chosen", RunWith(base, "IfOrNull", with_others, {never}),
                no_rows);
    expect_same("If, no row chosen", RunWith(base, "If", with_others, {never}), empty->value);
  }
}

TEST(Combinators, RegisteredNames) {
  for (const Base& base : Bases()) {
    for (const char* suffix : {"", "If", "Distinct", "OrNull", "Array", "IfOrNull"}) {
      const FunctionInfo* info = Registry().Find(base.name + suffix);
      ASSERT_NE(info, nullptr) << base.name << suffix;
      EXPECT_EQ(info->kind, FunctionKind::kAggregate);
      EXPECT_TRUE(info->aggregate != nullptr) << base.name << suffix;
    }
  }
  // Every registered aggregate can run.
  for (const std::string& name : Registry().Names()) {
    const FunctionInfo* info = Registry().Find(name);
    if (info->kind == FunctionKind::kAggregate) {
      EXPECT_TRUE(info->aggregate != nullptr) << name;
    }
  }
  const FunctionInfo* count_if = Registry().Find("countIf");
  EXPECT_EQ(count_if->min_args, 1);
  EXPECT_EQ(count_if->max_args, 2);
  const FunctionInfo* uniq_if = Registry().Find("uniqIf");
  EXPECT_EQ(uniq_if->max_args, -1);
  const FunctionInfo* quantile_if = Registry().Find("quantileIf");
  EXPECT_EQ(quantile_if->min_params, 1);
  EXPECT_EQ(quantile_if->max_params, 1);
}

TEST(Combinators, TypeRules) {
  auto type_of = [](const std::string& name, const std::vector<LogicalType>& args) {
    Result<LogicalType> type = Registry().Find(name)->return_type(args);
    return type.ok() ? type->ToString() : type.status().message();
  };
  const LogicalType nullable = kInt.WithNullable(true);
  const LogicalType condition = LogicalType::Bool();
  EXPECT_EQ(type_of("sum", {nullable}), "Nullable(Int64)");
  EXPECT_EQ(type_of("sumIf", {kInt, condition.WithNullable(true)}), "Int64");
  EXPECT_EQ(type_of("sumIf", {nullable, condition}), "Nullable(Int64)");
  EXPECT_EQ(type_of("sumIf", {kInt, kInt}), "Int64");
  EXPECT_EQ(type_of("sumOrNull", {kInt}), "Nullable(Int64)");
  EXPECT_EQ(type_of("sumIfOrNull", {kInt, condition}), "Nullable(Int64)");
  EXPECT_EQ(type_of("countIf", {condition}), "Int64");
  EXPECT_EQ(type_of("count", {nullable}), "Int64");
  EXPECT_EQ(type_of("uniqIf", {nullable, kInt, condition}), "Int64");
  EXPECT_EQ(type_of("minIf", {LogicalType::String(), condition}), "String");
  EXPECT_EQ(type_of("groupArray", {nullable}), "Array(Int64)");
  EXPECT_EQ(type_of("groupArrayOrNull", {kInt}), "Array(Int64)");
  EXPECT_EQ(type_of("sumArray", {LogicalType::Array(nullable)}), "Nullable(Int64)");
  EXPECT_EQ(type_of("avgDistinct", {nullable}), "Nullable(Float64)");
  EXPECT_EQ(type_of("sumIf", {kInt, LogicalType::String()}),
            "the last argument of sumIf is its condition and must be Bool, not String");
  EXPECT_EQ(type_of("sumArray", {kInt}), "sumArray needs Array arguments, not Int64");
  EXPECT_EQ(type_of("minArray", {kIntArray, kInt}), "minArray needs Array arguments, not Int64");
}

TEST(Combinators, If) {
  CheckCases({
      {"sumIf", {}, {Ints({I(1), I(2)}), Constant(LogicalType::Bool(), B(true))}, I(3)},
      {"sumIf", {}, {Ints({I(1), I(2)}), Constant(LogicalType::Bool(), B(false))}, I(0)},
      {"sumIf", {}, {Ints({I(1), I(2)}), Constant(LogicalType::Nothing(), N())}, I(0)},
      {"sumIf", {}, {Constant(kInt, I(4)), Bools({B(true), B(false), B(true)})}, I(8)},
      {"countIf", {}, {Ints({I(0), I(3), I(-1)})}, I(2)},
      {"groupArrayIf",
       {},
       {Dict({S("a"), S("b"), N(), S("c")}), Bools({B(true), B(false), B(true), B(true)})},
       A({S("a"), S("c")})},
      {"argMaxIf",
       {},
       {Strings({S("a"), S("b"), S("c")}), Ints({I(1), I(9), I(2)}),
        Bools({B(true), B(false), B(true)})},
       S("c")},
  });
}

TEST(Combinators, Array) {
  LogicalType nullable_elements = LogicalType::Array(kInt.WithNullable(true));
  CheckCases({
      {"sumArray", {}, {{nullable_elements, {A({I(1), N()}), A({N()})}}}, I(1), "Nullable(Int64)"},
      {"sumArray", {}, {{nullable_elements, {A({N()}), A({})}}}, N(), "Nullable(Int64)"},
      {"sumArray", {}, {{kIntArray, {A({I(1), I(2)})}, Shape::kConstant}}, I(9), "Int64", 3},
      {"argMaxArray",
       {},
       {{LogicalType::Array(LogicalType::String()), {A({S("a"), S("b")}), A({S("c")})}},
        {kIntArray, {A({I(1), I(5)}), A({I(3)})}}},
       S("b")},
      {"groupArrayArray",
       {},
       {{LogicalType::Array(LogicalType::String()), {A({S("x")}), A({}), A({S("y"), S("")})}}},
       A({S("x"), S("y"), S("")})},
      {"countArray", {}, {{kIntArray, {}}}, I(0)},
  });
  EXPECT_EQ(ErrorOf("argMaxArray", {}, {{kIntArray, {A({I(1), I(2)})}}, {kIntArray, {A({I(1)})}}}),
            "argMaxArray: the arrays of one row must have equal sizes, but one has 2 elements "
            "and another 1");
}

TEST(Combinators, Distinct) {
  CheckCases({
      {"countDistinct", {}, {Dict({S("a"), S("b"), S("a"), N(), S("")})}, I(3)},
      {"groupArrayDistinct",
       {},
       {Strings({S(std::string(30, 'x')), S("y"), S(std::string(30, 'x'))})},
       A({S(std::string(30, 'x')), S("y")})},
      {"argMaxDistinct", {}, {Strings({S("a"), S("a"), S("b")}), Ints({I(1), I(1), I(0)})}, S("a")},
      {"covarPopDistinct", {}, {Ints({I(1), I(1), I(3)}), Ints({I(1), I(1), I(3)})}, F(1)},
      {"sumDistinct", {}, {Floats({F(0.5), F(0.5), F(-0.0), F(0.0)})}, F(0.5)},
      {"sumDistinct", {}, {Constant(kInt, I(4))}, I(4), "Int64", 3},
      {"uniqExactDistinct", {}, {Ints({I(1), I(2), I(1)})}, I(2)},
  });
}

// The engine's count(DISTINCT x) and sum(DISTINCT x): MakeDistinct over the registered factory.
TEST(Combinators, MakeDistinctForTheEngine) {
  for (const char* name : {"count", "sum", "groupArray"}) {
    SCOPED_TRACE(name);
    const FunctionInfo* info = Registry().Find(name);
    std::vector<LogicalType> types = {kInt.WithNullable(true)};
    Result<LogicalType> type = info->return_type(types);
    ASSERT_TRUE(type.ok());
    auto function = MakeDistinct(info->aggregate)(types, {}, *type);
    ASSERT_TRUE(function.ok()) << function.status().ToString();
    Arg arg = Col(kInt, {I(3), N(), I(3), I(4), I(4), I(3)});
    KernelCall call{{KernelArg{&arg.vector, false}}, arg.vector.size(), *type, nullptr};
    StateBox first(function->get()), second(function->get());
    std::vector<uint8_t*> states(call.rows, first.state());
    ASSERT_TRUE((*function)->Update(call, states.data()).ok());
    ASSERT_TRUE((*function)->UpdateSingle(call, second.state()).ok());
    (*function)->Merge(second.state(), first.state());
    EXPECT_GT((*function)->HeapBytes(first.state()), 0u);
    ColumnVector out(*type);
    ASSERT_TRUE((*function)->Finalize(first.state(), &out).ok());
    Value expected = std::string(name) == "count" ? I(2)
                     : std::string(name) == "sum" ? I(7)
                                                  : A({I(3), I(4)});
    EXPECT_EQ(out.GetValue(0), expected);
  }
}

}  // namespace
}  // namespace larder::functions::testing
