#include "execution/query_executor.h"

#include <gtest/gtest.h>

#include "hogql/parser.h"
#include "planner/binder.h"
#include "planner/optimizer.h"

namespace larder::execution {
namespace {

// Table t(k Int64, s String) as `batches` morsels of `rows` rows: k = row % groups.
class QueryExecutorTest : public ::testing::Test {
 protected:
  void AddTable(size_t batches, size_t rows, int64_t groups) {
    Schema schema{{{"k", LogicalType::Int64()}, {"s", LogicalType::String()}}};
    std::vector<Batch> data;
    int64_t next = 0;
    for (size_t batch = 0; batch < batches; ++batch) {
      Batch b = Batch::Empty(schema);
      for (size_t row = 0; row < rows; ++row, ++next) {
        b.columns[0].Append<int64_t>(next % groups);
        b.columns[1].AppendString("value " + std::to_string(next));
      }
      data.push_back(std::move(b));
    }
    tables_.Add("t", std::move(data));
    schemas_.Add("t", schema);
  }

  Result<QueryResult> Run(const std::string& query, ExecuteOptions options = {},
                          bool cancel_first = false) {
    hogql::ParseResult parsed = hogql::ParseSelect(query);
    EXPECT_FALSE(parsed.error) << query;
    planner::BindResult bound = planner::BindQuery(*parsed.node, query, schemas_, functions_);
    EXPECT_FALSE(bound.error) << (bound.error ? bound.error->message : "");
    plan_ = planner::Optimize(std::move(bound.plan), functions_);
    if (cancel_first) options.cancelled = true;
    return ExecutePlan(*plan_, tables_, pool_, options);
  }

  functions::FunctionRegistry functions_ = functions::BuiltinFunctions();
  planner::StaticTableProvider schemas_;
  MemoryTables tables_;
  ThreadPool pool_{3};
  planner::LogicalPtr plan_;
};

TEST_F(QueryExecutorTest, ParallelAggregationMatchesTheExpectedGroups) {
  AddTable(40, 1000, 7);
  auto result = Run("SELECT k, count(), sum(k) FROM t GROUP BY k ORDER BY k");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  Batch batch = result->ToBatch();
  ASSERT_EQ(batch.num_rows(), 7u);
  int64_t total = 0;
  for (size_t row = 0; row < 7; ++row) {
    EXPECT_EQ(batch.columns[0].data<int64_t>()[row], static_cast<int64_t>(row));
    total += batch.columns[1].data<int64_t>()[row];
    EXPECT_EQ(batch.columns[2].data<int64_t>()[row],
              batch.columns[1].data<int64_t>()[row] * static_cast<int64_t>(row));
  }
  EXPECT_EQ(total, 40000);
}

TEST_F(QueryExecutorTest, LimitStopsEarlyAndKeepsMorselOrder) {
  AddTable(50, 100, 1000000);
  auto result = Run("SELECT k FROM t LIMIT 5 OFFSET 150");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  Batch batch = result->ToBatch();
  ASSERT_EQ(batch.num_rows(), 5u);
  for (size_t row = 0; row < 5; ++row) {
    EXPECT_EQ(batch.columns[0].data<int64_t>()[row], static_cast<int64_t>(150 + row));
  }
}

TEST_F(QueryExecutorTest, MemoryLimitEndsTheQueryWithAClearError) {
  AddTable(20, 5000, 1000000);
  ExecuteOptions options;
  options.memory_limit = 1 << 20;
  auto result = Run("SELECT s, count() FROM t GROUP BY s", options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(result.status().message().find("memory limit of 1.0 MiB"), std::string::npos)
      << result.status().message();
  // The same query fits without the limit.
  auto unlimited = Run("SELECT s, count() FROM t GROUP BY s");
  ASSERT_TRUE(unlimited.ok()) << unlimited.status().ToString();
  EXPECT_EQ(unlimited->rows, 100000u);
}

TEST_F(QueryExecutorTest, ExplodingCrossJoinsStopAtTheMemoryLimit) {
  AddTable(1, 4, 4);
  ExecuteOptions options;
  options.memory_limit = 64 << 20;
  // 4^20 rows from one 4-row morsel: the probe must notice long before memory runs out.
  std::string query = "SELECT count() FROM t t0";
  for (int join = 1; join < 20; ++join) query += ", t t" + std::to_string(join);
  auto result = Run(query, options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kResourceExhausted) << result.status().ToString();
  EXPECT_NE(result.status().message().find("join output"), std::string::npos)
      << result.status().message();
}

TEST_F(QueryExecutorTest, CancelledQueryStops) {
  AddTable(10, 100, 10);
  auto result = Run("SELECT k, count() FROM t GROUP BY k", {}, /*cancel_first=*/true);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kCancelled);
}

}  // namespace
}  // namespace larder::execution
