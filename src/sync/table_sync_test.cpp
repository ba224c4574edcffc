#include "sync/table_sync.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "common/memory_file_system.h"
#include "storage/table_scan.h"
#include "sync/fake_source.h"

namespace larder::sync {
namespace {

class TableSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto table = storage::Table::Create(env_, "/t", "t", FakeSource::TableSchema(), {"id"}, {});
    ASSERT_TRUE(table.ok());
    table_ = std::move(table).value();
  }
  Result<TableSyncResult> Sync(catalog::SyncType type, uint64_t checkpoint_rows = 1 << 20) {
    TableSyncRequest request;
    request.source = &source_;
    request.source_table = "t";
    request.sync_type = type;
    request.cursor_column = type == catalog::SyncType::kFullRefresh ? "" : "key";
    if (type == catalog::SyncType::kIncremental) request.primary_key = {"id"};
    request.table = table_.get();
    request.batch_rows = 2;
    request.checkpoint_rows = checkpoint_rows;
    return SyncTable(request);
  }
  // "id:name" of every stored row, sorted.
  std::vector<std::string> Stored() {
    std::vector<std::string> out;
    auto scan = storage::TableScan::Create(table_->Snapshot(), {{"id", "name"}, {}});
    for (const auto& morsel : scan->morsels()) {
      auto ids = scan->ReadColumn(morsel, 0);
      auto names = scan->ReadColumn(morsel, 1);
      for (size_t row = 0; row < ids->size(); ++row) {
        out.push_back(std::to_string(ids->data<int64_t>()[row]) + ":" +
                      std::string(names->GetString(row)));
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  MemoryFileSystem fs_;
  ManualClock clock_{1'700'000'000'000'000};
  storage::StorageEnv env_{&fs_, nullptr, &clock_};
  std::unique_ptr<storage::Table> table_;
  FakeSource source_;
};

using Names = std::vector<std::string>;

TEST_F(TableSyncTest, FullRefreshReplacesEverythingAndAFailedOneKeepsTheOldRows) {
  source_.rows = {{1, 10, "a"}, {2, 20, "b"}, {3, std::nullopt, "c"}};
  auto first = Sync(catalog::SyncType::kFullRefresh);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->rows, 3u);
  EXPECT_EQ(Stored(), (Names{"1:a", "2:b", "3:c"}));
  source_.rows = {{1, 10, "a2"}, {4, 40, "d"}, {5, 50, "e"}};  // 2 and 3 deleted, 1 updated.
  source_.fail_after_batches = 1;
  auto failed = Sync(catalog::SyncType::kFullRefresh);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(Stored(), (Names{"1:a", "2:b", "3:c"}));
  source_.fail_after_batches = -1;
  ASSERT_TRUE(Sync(catalog::SyncType::kFullRefresh).ok());
  EXPECT_EQ(Stored(), (Names{"1:a2", "4:d", "5:e"}));
}

TEST_F(TableSyncTest, AppendLoadsNewRowsOnceIncludingTiesAtTheCursor) {
  source_.rows = {{1, 10, "a"}, {2, 20, "b"}, {3, 20, "c"}, {4, std::nullopt, "null key"}};
  auto first = Sync(catalog::SyncType::kAppend);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->rows, 3u);
  EXPECT_EQ(first->null_key_rows, 1u);
  EXPECT_EQ(first->cursor_after, "20");
  // Nothing new: nothing loaded, the rows at the cursor are not loaded again.
  auto again = Sync(catalog::SyncType::kAppend);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->rows, 0u);
  EXPECT_EQ(again->skipped_boundary, 2u);
  EXPECT_EQ(again->cursor_before, "20");
  // A late row at the cursor value, a new one past it, and an update of an old row.
  source_.rows.push_back({5, 20, "late tie"});
  source_.rows.push_back({6, 30, "f"});
  source_.rows[0] = {1, 35, "a updated"};
  auto third = Sync(catalog::SyncType::kAppend);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->rows, 3u);
  EXPECT_EQ(Stored(), (Names{"1:a", "1:a updated", "2:b", "3:c", "5:late tie", "6:f"}));
}

TEST_F(TableSyncTest, AppendResumesFromTheLastCheckpointWithNothingDoubled) {
  for (int64_t id = 1; id <= 10; ++id) {
    source_.rows.push_back({id, id / 2, "r" + std::to_string(id)});  // Ties in pairs.
  }
  source_.fail_after_batches = 3;  // Dies after 6 rows; checkpoints every 2.
  auto failed = Sync(catalog::SyncType::kAppend, /*checkpoint_rows=*/2);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(Stored().size(), 6u);
  source_.fail_after_batches = -1;
  auto resumed = Sync(catalog::SyncType::kAppend, 2);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  Names expected;
  for (int id = 1; id <= 10; ++id)
    expected.push_back(std::to_string(id) + ":r" + std::to_string(id));
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Stored(), expected);
}

TEST_F(TableSyncTest, IncrementalKeepsTheLatestVersionOfEveryRow) {
  for (int64_t id = 1; id <= 6; ++id) source_.rows.push_back({id, id * 10, "v1"});
  auto first = Sync(catalog::SyncType::kIncremental, /*checkpoint_rows=*/2);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->rows, 6u);
  EXPECT_EQ(first->replaced_rows, 0u);
  // Rows 2 and 5 updated (their key moves on), row 7 new.
  source_.rows[1] = {2, 70, "v2"};
  source_.rows[4] = {5, 80, "v2"};
  source_.rows.push_back({7, 75, "v1"});
  auto second = Sync(catalog::SyncType::kIncremental, 2);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->rows, 3u);
  EXPECT_EQ(second->replaced_rows, 2u);
  EXPECT_EQ(Stored(), (Names{"1:v1", "2:v2", "3:v1", "4:v1", "5:v2", "6:v1", "7:v1"}));
  // Append would have kept both versions; incremental without a primary key is refused.
  TableSyncRequest request;
  request.source = &source_;
  request.source_table = "t";
  request.sync_type = catalog::SyncType::kIncremental;
  request.cursor_column = "key";
  request.table = table_.get();
  EXPECT_EQ(SyncTable(request).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(TableSyncTest, ResyncReloadsEverythingInOneAtomicCommit) {
  source_.rows = {{1, 10, "a"}, {2, 20, "b"}};
  ASSERT_TRUE(Sync(catalog::SyncType::kAppend).ok());
  source_.rows[0] = {1, 5, "a changed below the cursor"};  // Append alone would never see it.
  TableSyncRequest request;
  request.source = &source_;
  request.source_table = "t";
  request.sync_type = catalog::SyncType::kAppend;
  request.cursor_column = "key";
  request.table = table_.get();
  request.batch_rows = 1;
  request.checkpoint_rows = 1;
  request.resync = true;
  source_.fail_after_batches = 1;
  ASSERT_FALSE(SyncTable(request).ok());
  EXPECT_EQ(Stored(), (Names{"1:a", "2:b"}));  // A failed resync leaves the old rows.
  source_.fail_after_batches = -1;
  auto resynced = SyncTable(request);
  ASSERT_TRUE(resynced.ok()) << resynced.status().ToString();
  EXPECT_EQ(resynced->cursor_before, "");
  EXPECT_EQ(resynced->cursor_after, "20");
  EXPECT_EQ(Stored(), (Names{"1:a changed below the cursor", "2:b"}));
  auto next = Sync(catalog::SyncType::kAppend);  // The cursor carries on from the resync.
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->rows, 0u);
}

TEST_F(TableSyncTest, CancelStopsTheSync) {
  source_.rows = {{1, 1, "a"}, {2, 2, "b"}};
  std::atomic<bool> cancel{true};
  TableSyncRequest request;
  request.source = &source_;
  request.source_table = "t";
  request.table = table_.get();
  request.cancel = &cancel;
  auto cancelled = SyncTable(request);
  EXPECT_EQ(cancelled.status().code(), StatusCode::kCancelled);
  EXPECT_TRUE(Stored().empty());
}

}  // namespace
}  // namespace larder::sync
