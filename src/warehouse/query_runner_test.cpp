#include "warehouse/query_runner.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "catalog/test_temp_dir.h"
#include "common/thread_pool.h"
#include "functions/function_registry.h"
#include "storage/table_writer.h"
#include "types/datetime.h"

namespace larder::warehouse {
namespace {

// A stored table whose blocks hold 100 hours each, in a project in New York's time zone:
// comparisons with toDateTime('…') / toDate('…') prune blocks by their zone maps (the text read
// in the project's zone) and must count exactly what the filter keeps.
class QueryRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto data = DataDirectory::Open(dir_.path() + "/data", env_);
    ASSERT_TRUE(data.ok()) << data.status().ToString();
    data_ = std::move(data).value();
    auto project = data_->catalog().CreateProject("ny", "America/New_York");
    ASSERT_TRUE(project.ok());
    project_ = project->id;
    storage::TableSettings settings;
    settings.block_rows = 100;
    settings.part_rows = 500;
    Schema schema{{{"ts", LogicalType::DateTime()}, {"day", LogicalType::Date()}}};
    auto table =
        data_->CreateTable(project_, "t", catalog::TableKind::kSynced, schema, {}, settings);
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    Batch batch = Batch::Empty(schema);
    for (int64_t hour = 0; hour < 2000; ++hour) {
      const int64_t micros = kStart + hour * 3'600'000'000LL;
      batch.columns[0].Append<int64_t>(micros);
      batch.columns[1].Append<int32_t>(static_cast<int32_t>(micros / 86'400'000'000LL));
    }
    auto writer = (*table)->NewWriter();
    ASSERT_TRUE(writer->Append(std::move(batch)).ok());
    ASSERT_TRUE(writer->Commit().ok());
  }

  int64_t Count(const std::string& where) {
    QueryRequest request;
    request.text = "SELECT count() FROM t WHERE " + where;
    auto response = RunHogQLQuery(*data_, project_, functions_, pool_, request);
    EXPECT_TRUE(response.ok()) << response.status().ToString();
    if (!response.ok() || response->error) return -1;
    return response->result.ToBatch().columns[0].data<int64_t>()[0];
  }

  static constexpr int64_t kStart = 1'704'067'200'000'000;  // 2024-01-01 00:00:00 UTC.
  catalog::TestTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewPosixFileSystem();
  std::unique_ptr<Clock> clock_ = NewSystemClock();
  ThreadPool pool_{2};
  storage::StorageEnv env_{fs_.get(), &pool_, clock_.get()};
  std::unique_ptr<DataDirectory> data_;
  int64_t project_ = 0;
  functions::FunctionRegistry functions_ = functions::BuiltinFunctions();
};

TEST_F(QueryRunnerTest, TimeZoneDependentConstantsPruneBlocksAndCountExactly) {
  // 2024-01-10 05:00 in New York is 10:00 UTC: hour 9 * 24 + 10 = 226 of the table.
  EXPECT_EQ(Count("ts >= toDateTime('2024-01-10 05:00:00')"), 2000 - 226);
  EXPECT_EQ(Count("ts < toDateTime('2024-01-10 05:00:00')"), 226);
  EXPECT_EQ(Count("toDateTime('2024-01-10 05:00:00') <= ts"), 2000 - 226);
  // Midnight in New York: 05:00 UTC, hour 9 * 24 + 5.
  EXPECT_EQ(Count("ts >= toDate('2024-01-10')"), 2000 - 221);
  EXPECT_EQ(Count("ts >= toDateTime('2024-01-10')"), 2000 - 221);
  EXPECT_EQ(Count("day >= toDate('2024-01-10')"), 2000 - 9 * 24);
  // Forms the scan does not read itself are left to the filter, never mis-pruned.
  EXPECT_EQ(Count("ts >= toDate('2024-01-10 23:00:00')"), 2000 - 221);
  EXPECT_EQ(Count("ts >= toDateTime('2024-01-10T10:00:00Z')"), 2000 - 226);
  EXPECT_EQ(Count("ts > toDateTime('2030-01-01 00:00:00')"), 0);
}

// The stored tables' row counts reach the optimizer: joined to the 2000-row table, a 3-row table
// becomes the build side whichever side it is written on, and the answer is the join as written.
TEST_F(QueryRunnerTest, TheSmallerStoredTableIsTheJoinsBuildSide) {
  Schema schema{{{"day", LogicalType::Date()}, {"label", LogicalType::String()}}};
  auto table = data_->CreateTable(project_, "days", catalog::TableKind::kSynced, schema, {}, {});
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  Batch batch = Batch::Empty(schema);
  for (int32_t day : {19723, 19724, 30000}) {  // 2024-01-01, 2024-01-02, past the table.
    batch.columns[0].Append<int32_t>(day);
    batch.columns[1].AppendString(fmt::format("d{}", day));
  }
  auto writer = (*table)->NewWriter();
  ASSERT_TRUE(writer->Append(std::move(batch)).ok());
  ASSERT_TRUE(writer->Commit().ok());

  QueryRequest request;
  request.text =
      "SELECT days.label, count() AS hours FROM days LEFT JOIN t ON t.day = days.day "
      "GROUP BY days.label ORDER BY days.label";
  request.explain = true;
  auto explained = RunHogQLQuery(*data_, project_, functions_, pool_, request);
  ASSERT_TRUE(explained.ok()) << explained.status().ToString();
  EXPECT_NE(explained->plan_text.find("RIGHT JOIN"), std::string::npos) << explained->plan_text;
  EXPECT_LT(explained->plan_text.find("Scan t"), explained->plan_text.find("Scan days"))
      << explained->plan_text;

  request.explain = false;
  auto response = RunHogQLQuery(*data_, project_, functions_, pool_, request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  ASSERT_FALSE(response->error);
  Batch result = response->result.ToBatch();
  ASSERT_EQ(result.num_rows(), 3u);
  // Every row of `days` once per matching hour, or once with no match (LEFT JOIN).
  EXPECT_EQ(result.columns[0].GetString(0), "d19723");
  EXPECT_EQ(result.columns[1].data<uint64_t>()[0], 24u);
  EXPECT_EQ(result.columns[1].data<uint64_t>()[1], 24u);
  EXPECT_EQ(result.columns[0].GetString(2), "d30000");
  EXPECT_EQ(result.columns[1].data<uint64_t>()[2], 1u);
}

}  // namespace
}  // namespace larder::warehouse
