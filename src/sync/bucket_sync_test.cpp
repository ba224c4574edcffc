// Syncing a table made of files (the bucket connector over a local folder): full refresh,
// append of new and changed files only, a file that disagrees with the columns, file roots.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "catalog/test_temp_dir.h"
#include "common/memory_file_system.h"
#include "storage/table_scan.h"
#include "sync/source_registry.h"
#include "sync/table_sync.h"

namespace larder::sync {
namespace {

class BucketSyncTest : public ::testing::Test {
 protected:
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_.path() + "/" + name, std::ios::binary) << text;
  }

  std::unique_ptr<sources::Source> Open(std::map<std::string, std::string> settings = {}) {
    settings.emplace("url", "file://" + dir_.path() + "/*.csv");
    auto source = OpenSource({"bucket", settings});
    EXPECT_TRUE(source.ok()) << source.status().ToString();
    return std::move(source).value();
  }

  // Discovers the table and creates the Larder table for it on the first call.
  sources::SourceTable Discover(sources::Source* source) {
    auto tables = source->Discover();
    EXPECT_TRUE(tables.ok()) << tables.status().ToString();
    sources::SourceTable table = tables->at(0);
    if (table_ == nullptr) {
      Schema schema;
      for (const auto& column : table.columns) schema.fields.push_back({column.name, column.type});
      table_ = std::move(storage::Table::Create(env_, "/t", "t", schema, {}, {})).value();
    }
    return table;
  }

  Result<TableSyncResult> Sync(catalog::SyncType type, sources::Source* source = nullptr) {
    std::unique_ptr<sources::Source> opened;
    if (source == nullptr) {
      opened = Open();
      source = opened.get();
    }
    sources::SourceTable table = Discover(source);
    TableSyncRequest request;
    request.source = source;
    request.source_table = table.name;
    request.sync_type = type;
    request.appends_by_object = table.appends_by_object;
    request.table = table_.get();
    request.checkpoint_rows = 1;  // Commit after every file.
    return SyncTable(request);
  }

  // The `id` column, sorted.
  std::vector<int64_t> Ids() {
    std::vector<int64_t> ids;
    auto scan = storage::TableScan::Create(table_->Snapshot(), {{"id"}, {}});
    for (const auto& morsel : scan->morsels()) {
      auto column = scan->ReadColumn(morsel, 0);
      for (size_t row = 0; row < column->size(); ++row) ids.push_back(column->data<int64_t>()[row]);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  catalog::TestTempDir dir_;
  MemoryFileSystem fs_;
  ManualClock clock_{1'700'000'000'000'000};
  storage::StorageEnv env_{&fs_, nullptr, &clock_};
  std::unique_ptr<storage::Table> table_;
};

using IdList = std::vector<int64_t>;

TEST_F(BucketSyncTest, DiscoversNullableColumnsFromASampleAndTakesOverrides) {
  Write("a.csv", "id,amount,day\n1,2.5,2024-01-02\n");
  Write("b.csv", "id,amount,day\n2,,2024-01-03\n");
  auto source = Open({{"column_types", "amount: Decimal(38, 2); id:Int64"}});
  sources::SourceTable table = Discover(source.get());
  EXPECT_TRUE(table.appends_by_object);
  ASSERT_EQ(table.columns.size(), 3u);
  EXPECT_EQ(table.columns[0].type.ToString(), "Nullable(Int64)");
  EXPECT_EQ(table.columns[1].type.ToString(), "Nullable(Decimal(38, 2))");
  EXPECT_EQ(table.columns[2].type.ToString(), "Nullable(Date)");
  // The table is named after the pattern's last folder, or a setting.
  auto named = OpenSource({"bucket", {{"url", "file://" + dir_.path() + "/Orders-2024/*.csv"}}});
  ASSERT_TRUE(named.ok());
  std::filesystem::create_directory(dir_.path() + "/Orders-2024");
  Write("Orders-2024/x.csv", "id\n1\n");
  EXPECT_EQ((*named)->Discover()->at(0).name, "orders_2024");
  EXPECT_EQ(Open({{"table", "sales"}})->Discover()->at(0).name, "sales");
}

TEST_F(BucketSyncTest, AppendLoadsNewAndChangedFilesOnlyAndFullRefreshReloadsAll) {
  Write("a.csv", "id\n1\n2\n");
  ASSERT_TRUE(Sync(catalog::SyncType::kAppend).ok());
  EXPECT_EQ(Ids(), (IdList{1, 2}));
  Write("b.csv", "id\n3\n");
  auto second = Sync(catalog::SyncType::kAppend);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->objects, 1u);
  EXPECT_EQ(second->skipped_objects, 1u);
  EXPECT_EQ(Ids(), (IdList{1, 2, 3}));
  auto nothing = Sync(catalog::SyncType::kAppend);
  ASSERT_TRUE(nothing.ok());
  EXPECT_EQ(nothing->rows, 0u);
  EXPECT_EQ(Ids(), (IdList{1, 2, 3}));
  Write("b.csv", "id\n3\n4\n");  // Changed: another size, so another ETag.
  ASSERT_TRUE(Sync(catalog::SyncType::kAppend).ok());
  EXPECT_EQ(Ids(), (IdList{1, 2, 3, 3, 4}));
  auto full = Sync(catalog::SyncType::kFullRefresh);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->objects, 2u);
  EXPECT_EQ(Ids(), (IdList{1, 2, 3, 4}));
  // The full refresh recorded the files it loaded: an append after it loads nothing again.
  auto after = Sync(catalog::SyncType::kAppend);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->rows, 0u);
}

TEST_F(BucketSyncTest, AFileThatDisagreesIsNamedAndEarlierFilesStayLoaded) {
  Write("a.csv", "id\n1\n");
  ASSERT_TRUE(Sync(catalog::SyncType::kAppend).ok());
  Write("b.csv", "id\n2\n");
  Write("c.csv", "id\n3\nthree\n");
  auto failed = Sync(catalog::SyncType::kAppend);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("c.csv:3: column `id`"), std::string::npos)
      << failed.status().ToString();
  EXPECT_EQ(Ids(), (IdList{1, 2}));  // b.csv's checkpoint stays; nothing of c.csv.
  Write("c.csv", "id\n3\n");
  ASSERT_TRUE(Sync(catalog::SyncType::kAppend).ok());
  EXPECT_EQ(Ids(), (IdList{1, 2, 3}));
}

TEST_F(BucketSyncTest, IncrementalIsRefusedAndKeysAreNotTaken) {
  Write("a.csv", "id\n1\n");
  auto incremental = Sync(catalog::SyncType::kIncremental);
  ASSERT_FALSE(incremental.ok());
  EXPECT_NE(incremental.status().message().find("full_refresh or append"), std::string::npos);
  auto source = Open();
  sources::ReadRequest read{Discover(source.get()).name, "id", std::nullopt, 10};
  Status keyed = source->Read(read, [](Batch) { return Status::OK(); });
  EXPECT_NE(keyed.message().find("takes no replication key"), std::string::npos);
}

TEST_F(BucketSyncTest, ServersConfineFilePatternsToTheirRoots) {
  Write("a.csv", "id\n1\n");
  const sources::SourceConfig config{"bucket", {{"url", "file://" + dir_.path() + "/*.csv"}}};
  auto none = PolicySourceOpener({std::vector<std::string>{}, false})(config);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kPermissionDenied);
  auto elsewhere = PolicySourceOpener({std::vector<std::string>{"/usr"}, false})(config);
  EXPECT_EQ(elsewhere.status().code(), StatusCode::kPermissionDenied);
  auto inside = PolicySourceOpener({std::vector<std::string>{dir_.path()}, false})(config);
  ASSERT_TRUE(inside.ok());
  EXPECT_TRUE((*inside)->Check().ok());
  auto missing = OpenSource({"bucket", {{"url", "file://" + dir_.path() + "/*.parquet"}}});
  ASSERT_TRUE(missing.ok());
  Status check = (*missing)->Check();
  EXPECT_EQ(check.code(), StatusCode::kNotFound);
  EXPECT_NE(check.message().find("no file matches"), std::string::npos);
}

}  // namespace
}  // namespace larder::sync
