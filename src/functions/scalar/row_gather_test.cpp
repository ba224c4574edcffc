#include "functions/scalar/row_gather.h"

#include <gtest/gtest.h>

#include "functions/function_test_util.h"

namespace larder::functions {
namespace {

using namespace testing::values;  // NOLINT: test tables
using testing::MakeDictionaryVector;
using testing::MakeVector;
using testing::Render;

struct GatherCase {
  std::string name;
  LogicalType type;
  std::vector<std::vector<Value>> sources;
  std::vector<RowRef> refs;
  bool keep_nulls;
  std::vector<std::string> expected;
};

TEST(RowGatherTest, PicksRowsFromSources) {
  const LogicalType ints = Nullable(LogicalType::Int64());
  const LogicalType strings = Nullable(LogicalType::String());
  const LogicalType arrays = Nullable(ArrayOf(LogicalType::Int64()));
  const std::vector<GatherCase> cases = {
      {"numbers",
       ints,
       {{I(1), I(2)}, {I(10), N()}},
       {{1, 0}, {0, 1}, {kNullRow, 0}, {kDefaultRow, 0}, {1, 1}},
       true,
       {"10", "2", "NULL", "0", "NULL"}},
      {"numbers without NULLs",
       ints,
       {{I(1), N()}},
       {{0, 1}, {kNullRow, 0}, {0, 0}},
       false,
       {"0", "0", "1"}},
      {"strings",
       strings,
       {{S("a"), N()}, {S("")}},
       {{0, 0}, {1, 0}, {0, 1}, {kDefaultRow, 0}},
       true,
       {"'a'", "''", "NULL", "''"}},
      {"arrays",
       arrays,
       {{A({I(1)}), N()}, {A({I(2), I(3)})}},
       {{1, 0}, {0, 0}, {0, 1}, {kDefaultRow, 0}, {kNullRow, 0}},
       true,
       {"[2,3]", "[1]", "NULL", "[]", "NULL"}},
      {"nothing", LogicalType::Nothing(), {{N()}}, {{0, 0}, {kNullRow, 0}}, true, {"NULL", "NULL"}},
      {"no rows", ints, {{I(1)}}, {}, true, {}},
  };
  for (const GatherCase& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<ColumnVector> vectors;
    for (const auto& values : c.sources) vectors.push_back(MakeVector(c.type, values));
    std::vector<const ColumnVector*> sources;
    for (const ColumnVector& vector : vectors) sources.push_back(&vector);
    ColumnVector out(c.type);
    GatherRows(sources, c.refs, c.keep_nulls, &out);
    EXPECT_EQ(Render(out), c.expected);
    if (!c.keep_nulls) {
      EXPECT_FALSE(out.has_nulls());
    }
  }
}

TEST(RowGatherTest, ReadsDictionaryStrings) {
  const LogicalType strings = Nullable(LogicalType::String());
  ColumnVector dictionary = MakeDictionaryVector(strings, {"x", std::nullopt, "y"});
  ColumnVector out(strings);
  GatherRows({&dictionary}, {{0, 2}, {0, 1}, {0, 0}}, true, &out);
  EXPECT_EQ(Render(out), (std::vector<std::string>{"'y'", "NULL", "'x'"}));
}

}  // namespace
}  // namespace larder::functions
