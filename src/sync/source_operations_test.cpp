#include "sync/source_operations.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "sync/fake_source.h"

namespace larder::sync {
namespace {

class SourceOperationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/larder-source-ops-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    auto data = warehouse::DataDirectory::Open(dir_ + "/data", env_);
    ASSERT_TRUE(data.ok()) << data.status().ToString();
    data_ = std::move(data).value();
    source_.rows = {{1, 10, "a"}, {2, 20, "b"}};
    opener_ =
        [this](const sources::SourceConfig& config) -> Result<std::unique_ptr<sources::Source>> {
      if (config.settings.at("password") != "right") {
        return Status(StatusCode::kUnauthenticated, "password authentication failed");
      }
      return std::unique_ptr<sources::Source>(std::make_unique<FakeSource>(source_));
    };
  }
  void TearDown() override {
    data_.reset();
    std::system(("rm -rf " + dir_).c_str());
  }
  LinkRequest Request(const std::string& prefix) {
    LinkRequest request;
    request.project_id = data_->default_project().id;
    request.source_type = "fake";
    request.prefix = prefix;
    request.settings = {{"password", "right"}};
    return request;
  }
  int64_t SyncedRows(int64_t schema_id) {
    auto job = RunSchemaSync(data_.get(), opener_, schema_id, {});
    EXPECT_TRUE(job.ok()) << job.status().ToString();
    EXPECT_EQ(job->status, "Completed") << job->error;
    return data_->catalog().GetSourceSchema(schema_id)->row_count;
  }

  std::unique_ptr<FileSystem> fs_ = NewPosixFileSystem();
  ManualClock clock_{1'700'000'000'000'000};
  storage::StorageEnv env_{fs_.get(), nullptr, &clock_};
  std::string dir_;
  std::unique_ptr<warehouse::DataDirectory> data_;
  FakeSource source_;
  SourceOpener opener_;
};

TEST_F(SourceOperationsTest, LinkRecordsEveryTableAndEnablesTheChosenOnes) {
  LinkRequest request = Request("shop_");
  request.enabled_tables = {"t"};
  request.sync_types["t"] = catalog::SyncType::kIncremental;
  request.incremental_fields["t"] = "key";
  request.sync_frequency = "1hour";
  auto linked = LinkSource(data_.get(), opener_, request);
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  ASSERT_EQ(linked->schemas.size(), 1u);
  auto schema = *data_->catalog().GetSourceSchema(linked->schemas[0].id);
  EXPECT_TRUE(schema.should_sync);
  EXPECT_EQ(schema.table_name, "shop_fake_t");
  EXPECT_EQ(schema.sync_type, catalog::SyncType::kIncremental);
  EXPECT_EQ(schema.incremental_field, "key");
  EXPECT_EQ(schema.incremental_field_type, "integer");
  EXPECT_EQ(schema.primary_key, std::vector<std::string>{"id"});
  EXPECT_EQ(schema.sync_frequency, "1hour");
  // The sealed settings open to what was given; nothing else is stored in the clear.
  auto opened = data_->secrets().Open(linked->source.sealed_config);
  EXPECT_EQ(*DecodeSourceSettings(*opened), request.settings);
}

TEST_F(SourceOperationsTest, LinkRefusesBadInputAndRecordsNothing) {
  LinkRequest wrong = Request("a_");
  wrong.settings["password"] = "nope";
  EXPECT_EQ(LinkSource(data_.get(), opener_, wrong).status().code(), StatusCode::kUnauthenticated);
  LinkRequest unknown_table = Request("a_");
  unknown_table.enabled_tables = {"missing"};
  EXPECT_EQ(LinkSource(data_.get(), opener_, unknown_table).status().code(), StatusCode::kNotFound);
  LinkRequest bad_key = Request("a_");
  bad_key.incremental_fields["t"] = "name";
  Status refused = LinkSource(data_.get(), opener_, bad_key).status();
  EXPECT_NE(refused.message().find("a replication key must be"), std::string::npos);
  LinkRequest bad_frequency = Request("a_");
  bad_frequency.sync_frequency = "hourly";
  EXPECT_EQ(LinkSource(data_.get(), opener_, bad_frequency).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(data_->catalog().ListSources(data_->default_project().id)->empty());
}

TEST_F(SourceOperationsTest, TableNameCollisionsAreRefused) {
  ASSERT_TRUE(LinkSource(data_.get(), opener_, Request("x_")).ok());
  Status twice = LinkSource(data_.get(), opener_, Request("x_")).status();
  EXPECT_EQ(twice.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(twice.message().find("already syncs to table x_fake_t"), std::string::npos)
      << twice.message();
  ASSERT_TRUE(data_
                  ->CreateTable(data_->default_project().id, "y_fake_t",
                                catalog::TableKind::kSynced, FakeSource::TableSchema(), {}, {})
                  .ok());
  Status taken = LinkSource(data_.get(), opener_, Request("y_")).status();
  EXPECT_EQ(taken.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(taken.message().find("table y_fake_t already exists"), std::string::npos);
  EXPECT_EQ(data_->catalog().ListSources(data_->default_project().id)->size(), 1u);
}

TEST_F(SourceOperationsTest, ChangingTheKeyOrTypeOfASyncedTableMarksAResync) {
  auto linked = LinkSource(data_.get(), opener_, Request(""));
  ASSERT_TRUE(linked.ok());
  int64_t schema_id = linked->schemas[0].id;
  // Before the first sync there is nothing to resync.
  auto configured =
      ConfigureSchema(data_.get(), opener_, schema_id,
                      {.should_sync = true, .sync_type = "append", .incremental_field = "key"});
  ASSERT_TRUE(configured.ok()) << configured.status().ToString();
  EXPECT_FALSE(configured->resync_pending);
  EXPECT_EQ(SyncedRows(schema_id), 2);
  configured = ConfigureSchema(data_.get(), opener_, schema_id, {.sync_frequency = "5min"});
  EXPECT_FALSE(configured->resync_pending);
  configured = ConfigureSchema(data_.get(), opener_, schema_id, {.incremental_field = "id"});
  ASSERT_TRUE(configured.ok());
  EXPECT_TRUE(configured->resync_pending);
  EXPECT_EQ(SyncedRows(schema_id), 2);  // Loaded again from scratch: not doubled.
  EXPECT_FALSE(data_->catalog().GetSourceSchema(schema_id)->resync_pending);

  for (auto [change, message] : std::vector<std::pair<SchemaChange, std::string>>{
           {{.incremental_field = "name"}, "a replication key must be"},
           {{.incremental_field = "nope"}, "has no column nope"},
           {{.sync_frequency = "2hour"}, "unknown sync frequency"},
           {{.sync_time_of_day = "25:00"}, "HH:MM"},
           {{.sync_type = "merge"}, "unknown sync type"},
       }) {
    Status status = ConfigureSchema(data_.get(), opener_, schema_id, change).status();
    EXPECT_NE(status.message().find(message), std::string::npos) << status.ToString();
  }
  configured = ConfigureSchema(data_.get(), opener_, schema_id, {.should_sync = false});
  EXPECT_EQ(configured->status, "Paused");
}

TEST_F(SourceOperationsTest, DeleteDataAndDeleteSourceDropTheTables) {
  auto linked = LinkSource(data_.get(), opener_, Request("d_"));
  ASSERT_TRUE(linked.ok());
  int64_t schema_id = linked->schemas[0].id;
  const int64_t project = data_->default_project().id;
  ASSERT_EQ(SyncedRows(schema_id), 2);
  ASSERT_TRUE(data_->catalog().GetTable(project, "d_fake_t").ok());
  ASSERT_TRUE(DeleteSchemaData(data_.get(), schema_id).ok());
  EXPECT_FALSE(data_->catalog().GetTable(project, "d_fake_t").ok());
  auto schema = *data_->catalog().GetSourceSchema(schema_id);
  EXPECT_EQ(schema.row_count, 0);
  EXPECT_EQ(schema.status, "");
  EXPECT_FALSE(schema.last_synced_at_us.has_value());
  ASSERT_EQ(SyncedRows(schema_id), 2);
  ASSERT_TRUE(DeleteLinkedSource(data_.get(), linked->source.id).ok());
  EXPECT_FALSE(data_->catalog().GetTable(project, "d_fake_t").ok());
  EXPECT_EQ(data_->catalog().GetSource(linked->source.id).status().code(), StatusCode::kNotFound);
  // Its names are free again.
  EXPECT_TRUE(LinkSource(data_.get(), opener_, Request("d_")).ok());
}

TEST(SourceStatusTest, TheWorstStatusOfTheSyncingTablesWins) {
  auto schema = [](bool syncing, std::string status) {
    catalog::SourceSchemaEntry entry;
    entry.should_sync = syncing;
    entry.status = std::move(status);
    return entry;
  };
  EXPECT_EQ(SourceStatus({}), "");
  EXPECT_EQ(SourceStatus({schema(true, "Completed"), schema(true, "Running")}), "Running");
  EXPECT_EQ(SourceStatus({schema(true, "Failed"), schema(true, "Running")}), "Failed");
  EXPECT_EQ(SourceStatus({schema(false, "Failed"), schema(true, "Completed")}), "Completed");
}

}  // namespace
}  // namespace larder::sync
