#include "sync/schema_sync.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "sync/fake_source.h"

namespace larder::sync {
namespace {

class SchemaSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/larder-sync-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    auto data = warehouse::DataDirectory::Open(dir_ + "/data", env_);
    ASSERT_TRUE(data.ok()) << data.status().ToString();
    data_ = std::move(data).value();
    source_.rows = {{1, 10, "a"}, {2, 20, "b"}};
    opener_ =
        [this](const sources::SourceConfig& config) -> Result<std::unique_ptr<sources::Source>> {
      last_config_ = config;
      if (config.settings.at("password") != "right") {
        return Status(StatusCode::kUnauthenticated, "password authentication failed");
      }
      auto source = std::make_unique<FakeSource>(source_);
      return std::unique_ptr<sources::Source>(std::move(source));
    };
  }
  void TearDown() override {
    data_.reset();
    std::system(("rm -rf " + dir_).c_str());
  }
  int64_t LinkTable(const std::string& password, catalog::SyncType type) {
    std::string sealed = *data_->secrets().Seal(
        EncodeSourceSettings({{"host", "db.internal"}, {"password", password}}));
    auto source = data_->catalog().CreateSource(data_->default_project().id, "fake", "", sealed);
    auto schema = data_->catalog().CreateSourceSchema(source->id, "t", "fake_t");
    catalog::SourceSchemaEntry settings = *schema;
    settings.should_sync = true;
    settings.sync_type = type;
    if (type != catalog::SyncType::kFullRefresh) settings.incremental_field = "key";
    if (type == catalog::SyncType::kIncremental) settings.primary_key = {"id"};
    EXPECT_TRUE(data_->catalog().UpdateSourceSchema(settings).ok());
    return schema->id;
  }

  std::unique_ptr<FileSystem> fs_ = NewPosixFileSystem();
  ManualClock clock_{1'700'000'000'000'000};
  storage::StorageEnv env_{fs_.get(), nullptr, &clock_};
  std::string dir_;
  std::unique_ptr<warehouse::DataDirectory> data_;
  FakeSource source_;
  sources::SourceConfig last_config_;
  SourceOpener opener_;
};

TEST_F(SchemaSyncTest, AJobCreatesTheTableAndRecordsItsOutcome) {
  int64_t schema_id = LinkTable("right", catalog::SyncType::kIncremental);
  auto job = RunSchemaSync(data_.get(), opener_, schema_id, {});
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_EQ(job->status, "Completed") << job->error;
  EXPECT_EQ(job->rows_synced, 2);
  EXPECT_EQ(job->cursor_after, "20");
  EXPECT_EQ(last_config_.kind, "fake");
  EXPECT_EQ(last_config_.settings.at("host"), "db.internal");
  auto schema = data_->catalog().GetSourceSchema(schema_id);
  EXPECT_EQ(schema->status, "Completed");
  EXPECT_EQ(schema->row_count, 2);
  EXPECT_EQ(schema->last_synced_at_us, clock_.NowMicros());
  auto table = data_->catalog().GetTable(data_->default_project().id, "fake_t");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->kind, catalog::TableKind::kSynced);
  // The next job starts from the cursor.
  source_.rows.push_back({3, 30, "c"});
  auto second = RunSchemaSync(data_.get(), opener_, schema_id, {});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->rows_synced, 1);
  EXPECT_EQ(second->cursor_before, "20");
  EXPECT_EQ(data_->catalog().GetSourceSchema(schema_id)->row_count, 3);
  EXPECT_EQ(data_->catalog().ListSyncJobs(schema_id, 10)->size(), 2u);
}

TEST_F(SchemaSyncTest, AFailedJobRecordsTheErrorAndKeepsTheData) {
  int64_t schema_id = LinkTable("right", catalog::SyncType::kFullRefresh);
  ASSERT_EQ(RunSchemaSync(data_.get(), opener_, schema_id, {})->status, "Completed");
  source_.fail_after_batches = 0;
  auto failed = RunSchemaSync(data_.get(), opener_, schema_id, {});
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->status, "Failed");
  EXPECT_NE(failed->error.find("the source went away"), std::string::npos);
  auto schema = data_->catalog().GetSourceSchema(schema_id);
  EXPECT_EQ(schema->status, "Failed");
  EXPECT_EQ(schema->latest_error, failed->error);
  EXPECT_EQ(schema->row_count, 2);
  auto table = data_->OpenTable(data_->default_project().id, "fake_t");
  EXPECT_EQ((*table)->Snapshot()->row_count(), 2u);

  int64_t wrong = LinkTable("wrong", catalog::SyncType::kFullRefresh);
  auto refused = RunSchemaSync(data_.get(), opener_, wrong, {});
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, "Failed");
  EXPECT_NE(refused->error.find("password authentication failed"), std::string::npos);
}

TEST(SourceSettingsTest, RoundTripThroughJson) {
  std::map<std::string, std::string> settings = {{"password", "p\"a\\s\ns"}, {"port", "5432"}};
  auto decoded = DecodeSourceSettings(EncodeSourceSettings(settings));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, settings);
  EXPECT_EQ(DecodeSourceSettings("[1]").status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace larder::sync
