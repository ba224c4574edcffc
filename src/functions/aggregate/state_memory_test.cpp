// States that hold heap memory report it (HeapBytes) and release it in Destroy; run under the
// address sanitizer, a state whose Destroy forgot something fails as a leak.
#include <gtest/gtest.h>

#include "functions/aggregate/aggregate_test_util.h"

namespace larder::functions::testing {
namespace {

TEST(AggregateStateMemory, HeapIsCountedAndReleased) {
  const std::string long_a(64, 'a'), long_b(64, 'b');
  struct Case {
    std::string function;
    std::vector<Value> params;
    int args;
  };
  for (const Case& c : std::vector<Case>{{"min", {}, 1},
                                         {"max", {}, 1},
                                         {"any", {}, 1},
                                         {"anyLast", {}, 1},
                                         {"argMin", {}, 2},
                                         {"argMax", {}, 2},
                                         {"uniqExact", {}, 1},
                                         {"uniq", {}, 1},
                                         {"uniqCombined", {}, 1},
                                         {"groupArray", {}, 1},
                                         {"groupUniqArray", {}, 1},
                                         {"topK", {}, 1},
                                         {"countDistinct", {}, 1},
                                         {"groupArrayDistinct", {}, 1},
                                         {"maxOrNull", {}, 1},
                                         {"anyIf", {}, 2}}) {
    SCOPED_TRACE(c.function);
    std::vector<Arg> args;
    for (int i = 0; i < c.args; ++i) {
      args.push_back(Col(LogicalType::String(), {S(long_a), S(long_b), S(long_a)}));
    }
    if (c.function == "anyIf") args[1] = Col(LogicalType::Bool(), {B(true), B(true), B(true)});
    std::vector<LogicalType> types;
    for (const Arg& arg : args) types.push_back(arg.vector.type());
    Result<Bound> bound = Bind(c.function, c.params, types);
    ASSERT_TRUE(bound.ok()) << bound.status().ToString();
    std::vector<ColumnVector> storage;
    StateBox first(bound->function.get()), second(bound->function.get());
    ASSERT_TRUE(bound->function->UpdateSingle(Slice(args, 0, 3, &storage), first.state()).ok());
    ASSERT_TRUE(bound->function->UpdateSingle(Slice(args, 1, 2, &storage), second.state()).ok());
    EXPECT_GT(bound->function->HeapBytes(first.state()), 0u);
    bound->function->Merge(second.state(), first.state());
    EXPECT_GT(bound->function->HeapBytes(first.state()), 0u);
    // Both states are destroyed here; a leak shows under -fsanitize=address.
  }
}

}  // namespace
}  // namespace larder::functions::testing
