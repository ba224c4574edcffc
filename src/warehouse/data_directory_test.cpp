#include "warehouse/data_directory.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "common/memory_file_system.h"
#include "storage/table_scan.h"
#include "storage/table_writer.h"
#include "warehouse/sample_events.h"
#include "warehouse/scan_aggregates.h"

namespace larder::warehouse {
namespace {

class DataDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/larder-dd-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  std::unique_ptr<FileSystem> fs_ = NewPosixFileSystem();
  ManualClock clock_{1'700'000'000'000'000};
  storage::StorageEnv env_{fs_.get(), nullptr, &clock_};
  std::string dir_;
};

TEST_F(DataDirectoryTest, ASecondOpenIsRefusedUntilTheFirstCloses) {
  auto first = DataDirectory::Open(dir_ + "/data", env_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = DataDirectory::Open(dir_ + "/data", env_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("in use by another larder process"), std::string::npos);
  first->reset();
  EXPECT_TRUE(DataDirectory::Open(dir_ + "/data", env_).ok());
}

TEST_F(DataDirectoryTest, SecretsSealedBeforeAReopenOpenAfterItAndTheKeyIsPrivate) {
  std::string sealed;
  {
    auto data = DataDirectory::Open(dir_ + "/data", env_);
    ASSERT_TRUE(data.ok()) << data.status().ToString();
    sealed = *(*data)->secrets().Seal("password=hunter2");
  }
  struct stat info {};
  ASSERT_EQ(::stat((dir_ + "/data/secret.key").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(info.st_size, 32);
  auto data = DataDirectory::Open(dir_ + "/data", env_);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(*(*data)->secrets().Open(sealed), "password=hunter2");
  data->reset();
  // A damaged key file is reported, not replaced (that would lose every sealed secret).
  std::system(("truncate -s 5 " + dir_ + "/data/secret.key").c_str());
  auto damaged = DataDirectory::Open(dir_ + "/data", env_);
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.status().code(), StatusCode::kCorruption);
  EXPECT_NE(damaged.status().message().find("secret.key"), std::string::npos);
}

TEST_F(DataDirectoryTest, TablesPersistAcrossReopenAndCanBeDropped) {
  int64_t project;
  {
    auto data = DataDirectory::Open(dir_ + "/data", env_);
    ASSERT_TRUE(data.ok());
    project = (*data)->default_project().id;
    EXPECT_TRUE((*data)->default_project().api_token.starts_with("phc_"));
    auto table = (*data)->CreateTable(project, "events", catalog::TableKind::kEvents,
                                      SampleEventsSchema(), {"timestamp"}, {});
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    auto writer = (*table)->NewWriter();
    ASSERT_TRUE(writer->Append(GenerateSampleEvents({}, 0, 5000)).ok());
    ASSERT_TRUE(writer->Commit().ok());
    auto again = (*data)->CreateTable(project, "events", catalog::TableKind::kEvents,
                                      SampleEventsSchema(), {}, {});
    EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  }
  auto data = DataDirectory::Open(dir_ + "/data", env_);
  ASSERT_TRUE(data.ok());
  auto table = (*data)->OpenTable(project, "events");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ((*table)->Snapshot()->row_count(), 5000u);
  std::string location = (*data)->catalog().GetTable(project, "events")->location;
  ASSERT_TRUE((*data)->DropTable(project, "events").ok());
  EXPECT_FALSE(fs_->DirExists(dir_ + "/data/" + location));
  EXPECT_EQ((*data)->OpenTable(project, "events").status().code(), StatusCode::kNotFound);
}

TEST(SampleEvents, AreDeterministicAndAggregatesAgree) {
  Batch a = GenerateSampleEvents({}, 1000, 100);
  Batch b = GenerateSampleEvents({}, 1000, 100);
  for (size_t row = 0; row < 100; ++row) {
    for (size_t c = 0; c < a.columns.size(); ++c) {
      ASSERT_EQ(a.columns[c].GetValue(row), b.columns[c].GetValue(row));
    }
  }
  EXPECT_GT(a.columns[4].GetString(0).size(), 150u);  // ~200 bytes of properties.
}

TEST(ScanAggregates, MatchACountByHandInParallel) {
  MemoryFileSystem fs;
  ManualClock clock;
  ThreadPool pool(3);
  storage::StorageEnv env{&fs, &pool, &clock};
  storage::TableSettings settings;
  settings.block_rows = 1000;
  settings.part_rows = 7000;
  auto table =
      storage::Table::Create(env, "/t", "events", SampleEventsSchema(), {"timestamp"}, settings);
  ASSERT_TRUE(table.ok());
  Batch rows = GenerateSampleEvents({}, 0, 30000);
  std::map<std::string, uint64_t> expected_counts;
  uint64_t expected_sum = 0;
  for (size_t row = 0; row < rows.num_rows(); ++row) {
    ++expected_counts[std::string(rows.columns[1].GetString(row))];
    expected_sum += static_cast<uint64_t>(rows.columns[3].data<int64_t>()[row]);
  }
  auto writer = (*table)->NewWriter();
  ASSERT_TRUE(writer->Append(std::move(rows)).ok());
  ASSERT_TRUE(writer->Commit().ok());

  auto sum_scan = storage::TableScan::Create((*table)->Snapshot(), {{"timestamp"}, {}});
  EXPECT_EQ(*SumInt64(*sum_scan, &pool), static_cast<int64_t>(expected_sum));
  auto count_scan = storage::TableScan::Create((*table)->Snapshot(), {{"event"}, {}});
  auto counts = CountByString(*count_scan, &pool);
  ASSERT_TRUE(counts.ok());
  std::map<std::string, uint64_t> actual(counts->begin(), counts->end());
  EXPECT_EQ(actual, expected_counts);
  EXPECT_TRUE(std::is_sorted(counts->begin(), counts->end(),
                             [](const auto& a, const auto& b) { return a.second > b.second; }));
}

}  // namespace
}  // namespace larder::warehouse
