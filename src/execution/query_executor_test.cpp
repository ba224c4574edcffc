#include "execution/query_executor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

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

// 200,000 rows in 1,000 partitions: the window sorts its partitions in parallel buckets.
TEST_F(QueryExecutorTest, LargeWindowsNumberEachPartitionInOrder) {
  AddTable(40, 5000, 1000);
  auto result = Run("SELECT k, s, row_number() OVER (PARTITION BY k ORDER BY s DESC) AS rn FROM t");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  Batch batch = result->ToBatch();
  ASSERT_EQ(batch.num_rows(), 200000u);
  std::map<int64_t, std::vector<std::string>> by_key;
  std::map<std::pair<int64_t, std::string>, int64_t> numbered;
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    const int64_t k = batch.columns[0].data<int64_t>()[row];
    const std::string s(batch.columns[1].GetString(row));
    by_key[k].push_back(s);
    numbered[{k, s}] = batch.columns[2].data<int64_t>()[row];
  }
  ASSERT_EQ(by_key.size(), 1000u);
  for (auto& [k, values] : by_key) {
    std::sort(values.begin(), values.end(), std::greater<>());
    for (size_t i = 0; i < values.size(); ++i) {
      const int64_t number = numbered[std::make_pair(k, values[i])];
      ASSERT_EQ(number, static_cast<int64_t>(i + 1)) << k << " " << values[i];
    }
  }
}

// An integer ORDER BY sorts as plain integers (DESC flipped); ties are peers for rank().
TEST_F(QueryExecutorTest, LargeWindowsRankByAnIntegerKeyDescending) {
  AddTable(40, 5000, 1000);  // k = 0 … 999, 200 rows each.
  auto result = Run("SELECT k, rank() OVER (PARTITION BY k % 10 ORDER BY k DESC) AS r FROM t");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  Batch batch = result->ToBatch();
  ASSERT_EQ(batch.num_rows(), 200000u);
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    const int64_t k = batch.columns[0].data<int64_t>()[row];
    // Rows of partition k % 10 with a larger k: 200 for each of (990 + k % 10 - k) / 10 values.
    const int64_t expected = 1 + 200 * ((990 + k % 10 - k) / 10);
    ASSERT_EQ(batch.columns[1].data<int64_t>()[row], expected) << "k = " << k;
  }
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

// Rows of a result as sorted text lines, to compare results whose row order may differ.
std::vector<std::string> SortedRows(const QueryResult& result) {
  Batch batch = result.ToBatch();
  std::vector<std::string> rows;
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    std::string line;
    for (const ColumnVector& column : batch.columns) {
      line += (column.IsNull(row) ? "NULL" : column.GetValue(row).ToString(column.type())) + "|";
    }
    rows.push_back(std::move(line));
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

// Workers with many groups split them into partitions merged in parallel: the answer must be the
// one a single table gives, for every kind of key and aggregate state, NULL keys included.
TEST_F(QueryExecutorTest, PartitionedAggregationAgreesWithOneTable) {
  AddTable(30, 2000, 5000);
  const char* queries[] = {
      "SELECT if(k % 7 = 0, NULL, k) AS key, count(), sum(k), avg(k), min(s), max(s), "
      "uniqExact(s), arraySort(groupArray(s)) FROM t GROUP BY key",
      "SELECT k % 1000 AS a, s LIKE '%1%' AS b, count() FROM t GROUP BY a, b",
      "SELECT substring(s, 1, 9) AS prefix, countIf(k > 10), uniq(k) FROM t GROUP BY prefix",
      "SELECT DISTINCT k % 3000, length(s) FROM t",
      "SELECT s, count() FROM t GROUP BY s HAVING count() > 0",
  };
  for (const char* query : queries) {
    ExecuteOptions whole, partitioned;
    whole.partition_groups = size_t{1} << 40;
    partitioned.partition_groups = 8;
    auto expected = Run(query, whole);
    ASSERT_TRUE(expected.ok()) << query << ": " << expected.status().ToString();
    auto got = Run(query, partitioned);
    ASSERT_TRUE(got.ok()) << query << ": " << got.status().ToString();
    EXPECT_GE(expected->rows, 1000u) << query;
    EXPECT_EQ(SortedRows(*got), SortedRows(*expected)) << query;
  }
  // Running out of memory while partitioned ends the query cleanly too.
  ExecuteOptions limited;
  limited.partition_groups = 8;
  limited.memory_limit = 1 << 20;
  auto result = Run("SELECT s, uniqExact(k), groupArray(s) FROM t GROUP BY s", limited);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kResourceExhausted) << result.status().ToString();
}

TEST_F(QueryExecutorTest, CancelledQueryStops) {
  AddTable(10, 100, 10);
  auto result = Run("SELECT k, count() FROM t GROUP BY k", {}, /*cancel_first=*/true);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kCancelled);
}

}  // namespace
}  // namespace larder::execution

namespace larder::execution {
namespace {

// Counts the morsels whose sort column a scan reads.
class CountingTables : public TableReader {
 public:
  explicit CountingTables(MemoryTables* tables) : tables_(tables) {}
  Result<std::unique_ptr<TableScanner>> OpenScan(
      const std::string& table, const std::vector<std::string>& columns,
      const std::vector<storage::ColumnPredicate>& prune) override {
    LARDER_ASSIGN_OR_RETURN(auto scanner, tables_->OpenScan(table, columns, prune));
    return std::unique_ptr<TableScanner>(new Counting(std::move(scanner), &reads));
  }
  std::atomic<int> reads{0};

 private:
  class Counting : public TableScanner {
   public:
    Counting(std::unique_ptr<TableScanner> base, std::atomic<int>* reads)
        : base_(std::move(base)), reads_(reads) {}
    size_t MorselCount() const override { return base_->MorselCount(); }
    size_t MorselRows(size_t morsel) const override { return base_->MorselRows(morsel); }
    Result<ColumnVector> ReadColumn(size_t morsel, size_t column) const override {
      if (column == 0) ++*reads_;
      return base_->ReadColumn(morsel, column);
    }
    std::optional<storage::ZoneMap> MorselZoneMap(size_t morsel, size_t column) const override {
      return base_->MorselZoneMap(morsel, column);
    }

   private:
    std::unique_ptr<TableScanner> base_;
    std::atomic<int>* reads_;
  };
  MemoryTables* tables_;
};

// Table t(k Nullable(Int64), s String) in 40 morsels of 500 rows; k rises with the row number
// (`step` rows share one k) and every 7th k is NULL.
class TopNScanTest : public ::testing::Test {
 protected:
  void AddTable(int64_t step) {
    Schema schema{{{"k", LogicalType::Int64().WithNullable(true)}, {"s", LogicalType::String()}}};
    std::vector<Batch> data;
    for (int64_t batch = 0, next = 0; batch < 40; ++batch) {
      Batch b = Batch::Empty(schema);
      for (int row = 0; row < 500; ++row, ++next) {
        if (next % 7 == 3) {
          b.columns[0].AppendNull();
        } else {
          b.columns[0].Append<int64_t>(next / step);
        }
        b.columns[1].AppendString("v" + std::to_string(next));
      }
      data.push_back(std::move(b));
    }
    memory_.Add("t", std::move(data));
    schemas_.Add("t", schema);
  }

  // The query's rows as "k s" lines.
  std::vector<std::string> Rows(const std::string& query) {
    hogql::ParseResult parsed = hogql::ParseSelect(query);
    EXPECT_FALSE(parsed.error) << query;
    planner::BindResult bound = planner::BindQuery(*parsed.node, query, schemas_, functions_);
    EXPECT_FALSE(bound.error) << (bound.error ? bound.error->message : "");
    planner::LogicalPtr plan = planner::Optimize(std::move(bound.plan), functions_);
    auto result = ExecutePlan(*plan, tables_, pool_, {});
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    std::vector<std::string> rows;
    if (!result.ok()) return rows;
    Batch batch = result->ToBatch();
    for (size_t row = 0; row < batch.num_rows(); ++row) {
      rows.push_back(batch.columns[0].GetValue(row).ToString(batch.columns[0].type()) + " " +
                     std::string(batch.columns[1].GetString(row)));
    }
    return rows;
  }

  functions::FunctionRegistry functions_ = functions::BuiltinFunctions();
  planner::StaticTableProvider schemas_;
  MemoryTables memory_;
  CountingTables tables_{&memory_};
  ThreadPool pool_{3};
};

TEST_F(TopNScanTest, ZoneMapsLetSortedTablesReadOnlyTheirLastMorsels) {
  AddTable(1);
  std::vector<std::string> top = Rows("SELECT k, s FROM t ORDER BY k DESC LIMIT 3");
  EXPECT_EQ(top, (std::vector<std::string>{"19999 v19999", "19998 v19998", "19997 v19997"}));
  EXPECT_LE(tables_.reads.load(), 12);  // Of 40 morsels: the first waves only.
  tables_.reads = 0;
  top = Rows("SELECT k, s FROM t ORDER BY k ASC LIMIT 2");
  EXPECT_EQ(top, (std::vector<std::string>{"0 v0", "1 v1"}));
  EXPECT_LE(tables_.reads.load(), 12);
}

TEST_F(TopNScanTest, AgreesWithAFullSortWithTiesNullsAndFilters) {
  AddTable(1300);  // Ties across morsels.
  for (const std::string order :
       {"k DESC, s", "k, s DESC", "k DESC NULLS FIRST, s", "s DESC, k", "k DESC, s LIMIT 0"}) {
    for (const std::string where : {"", " WHERE k != 5", " WHERE s LIKE 'v1%'"}) {
      const std::string base = "SELECT k, s FROM t" + where + " ORDER BY " + order;
      if (order.find("LIMIT") != std::string::npos) {
        EXPECT_TRUE(Rows(base).empty());
        continue;
      }
      std::vector<std::string> all = Rows(base);
      for (size_t limit : {size_t{1}, size_t{7}, size_t{499}, size_t{1300}, size_t{2601}}) {
        std::vector<std::string> top = Rows(base + " LIMIT " + std::to_string(limit));
        std::vector<std::string> want(all.begin(), all.begin() + std::min(limit, all.size()));
        EXPECT_EQ(top, want) << base << " LIMIT " << limit;
      }
    }
  }
}

}  // namespace
}  // namespace larder::execution
