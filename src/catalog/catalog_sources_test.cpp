#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/name_rules.h"
#include "catalog/test_temp_dir.h"

namespace larder::catalog {
namespace {

constexpr int64_t kStartMicros = 1'700'000'000'000'000;

class CatalogSourcesTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    catalog_.reset();
    auto catalog = Catalog::Open(dir_.File("catalog.db"), &clock_);
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    catalog_ = std::move(catalog).value();
  }
  int64_t Project() {
    if (project_ == 0) project_ = catalog_->CreateProject("Shop", "UTC")->id;
    return project_;
  }

  TestTempDir dir_;
  ManualClock clock_{kStartMicros};
  std::unique_ptr<Catalog> catalog_;
  int64_t project_ = 0;
};

TEST_F(CatalogSourcesTest, SourcesKeepTheirSealedConfigBytesAndCanBeDeleted) {
  const std::string sealed("\x01\x00\xff secret bytes", 17);
  auto source = catalog_->CreateSource(Project(), "postgres", "prod_", sealed);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  Reopen();
  auto read = catalog_->GetSource(source->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->source_type, "postgres");
  EXPECT_EQ(read->prefix, "prod_");
  EXPECT_EQ(read->sealed_config, sealed);
  EXPECT_EQ(read->created_at_us, kStartMicros);
  EXPECT_EQ(catalog_->ListSources(Project())->size(), 1u);
  ASSERT_TRUE(catalog_->UpdateSourceConfig(source->id, std::string("new\0bytes", 9)).ok());
  EXPECT_EQ(catalog_->GetSource(source->id)->sealed_config, std::string("new\0bytes", 9));
  ASSERT_TRUE(catalog_->DeleteSource(source->id).ok());
  EXPECT_EQ(catalog_->GetSource(source->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(catalog_->UpdateSourceConfig(source->id, "x").code(), StatusCode::kNotFound);
  EXPECT_TRUE(catalog_->ListSources(Project())->empty());
  EXPECT_EQ(catalog_->DeleteSource(source->id).code(), StatusCode::kNotFound);
  EXPECT_EQ(catalog_->CreateSource(99, "postgres", "", "x").status().code(), StatusCode::kNotFound);
}

TEST_F(CatalogSourcesTest, SchemasRoundTripEveryFieldAndValidateSyncSettings) {
  auto source = catalog_->CreateSource(Project(), "postgres", "", "x");
  ASSERT_TRUE(source.ok());
  auto schema = catalog_->CreateSourceSchema(source->id, "orders", "postgres_orders");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(catalog_->CreateSourceSchema(source->id, "orders", "x").status().code(),
            StatusCode::kAlreadyExists);
  SourceSchemaEntry changed = *schema;
  changed.should_sync = true;
  changed.sync_type = SyncType::kIncremental;
  changed.incremental_field = "updated_at";
  changed.incremental_field_type = "timestamp";
  changed.primary_key = {"tenant", "id"};
  changed.sync_frequency = "15min";
  changed.sync_time_of_day = "03:30";
  changed.status = "Completed";
  changed.last_synced_at_us = kStartMicros + 5;
  changed.row_count = 42;
  ASSERT_TRUE(catalog_->UpdateSourceSchema(changed).ok());
  Reopen();
  auto read = catalog_->GetSourceSchema(schema->id);
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(read->should_sync);
  EXPECT_EQ(read->sync_type, SyncType::kIncremental);
  EXPECT_EQ(read->incremental_field, "updated_at");
  EXPECT_EQ(read->primary_key, (std::vector<std::string>{"tenant", "id"}));
  EXPECT_EQ(read->sync_frequency, "15min");
  EXPECT_EQ(read->sync_time_of_day, "03:30");
  EXPECT_EQ(read->last_synced_at_us, kStartMicros + 5);
  EXPECT_EQ(read->row_count, 42);
  EXPECT_EQ(read->table_name, "postgres_orders");

  struct Case {
    std::string what;
    SyncType type;
    std::string field;
    std::vector<std::string> key;
    std::string frequency;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"append without key", SyncType::kAppend, "", {}, "6hour", "needs an incremental_field"},
           {"incremental without pk", SyncType::kIncremental, "id", {}, "6hour", "primary key"},
           {"bad frequency", SyncType::kFullRefresh, "", {}, "2hour", "never, 5min"},
       }) {
    SourceSchemaEntry bad = *read;
    bad.sync_type = c.type;
    bad.incremental_field = c.field;
    bad.primary_key = c.key;
    bad.sync_frequency = c.frequency;
    Status status = catalog_->UpdateSourceSchema(bad);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << c.what;
    EXPECT_NE(status.message().find(c.message), std::string::npos) << status.message();
  }
  EXPECT_EQ(catalog_->ListSourceSchemas(source->id)->size(), 1u);
}

TEST_F(CatalogSourcesTest, JobsRecordRunsNewestFirst) {
  auto source = catalog_->CreateSource(Project(), "mysql", "", "x");
  auto schema = catalog_->CreateSourceSchema(source->id, "users", "mysql_users");
  ASSERT_TRUE(schema.ok());
  auto first = catalog_->StartSyncJob(schema->id, "");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->status, "Running");
  clock_.AdvanceMicros(1000);
  SyncJobEntry done = *first;
  done.status = "Completed";
  done.rows_synced = 10;
  done.bytes = 500;
  done.cursor_after = "2024-01-01 00:00:00";
  ASSERT_TRUE(catalog_->FinishSyncJob(done).ok());
  auto second = catalog_->StartSyncJob(schema->id, "2024-01-01 00:00:00");
  ASSERT_TRUE(second.ok());
  auto jobs = catalog_->ListSyncJobs(schema->id, 10);
  ASSERT_TRUE(jobs.ok());
  ASSERT_EQ(jobs->size(), 2u);
  EXPECT_EQ((*jobs)[0].id, second->id);
  EXPECT_EQ((*jobs)[0].finished_at_us, std::nullopt);
  EXPECT_EQ((*jobs)[1].status, "Completed");
  EXPECT_EQ((*jobs)[1].rows_synced, 10);
  EXPECT_EQ((*jobs)[1].finished_at_us, kStartMicros + 1000);
  EXPECT_EQ((*jobs)[1].cursor_after, "2024-01-01 00:00:00");
  EXPECT_EQ(catalog_->ListSyncJobs(schema->id, 1)->size(), 1u);
  EXPECT_EQ(catalog_->FinishSyncJob(SyncJobEntry{.id = 999}).code(), StatusCode::kNotFound);
}

TEST_F(CatalogSourcesTest, RunningJobsLeftBehindAreFailedAndSyncingSchemasListed) {
  auto source = catalog_->CreateSource(Project(), "postgres", "", "x");
  auto deleted = catalog_->CreateSource(Project(), "postgres", "old_", "x");
  auto orders = catalog_->CreateSourceSchema(source->id, "orders", "postgres_orders");
  auto users = catalog_->CreateSourceSchema(source->id, "users", "postgres_users");
  auto gone = catalog_->CreateSourceSchema(deleted->id, "orders", "old_postgres_orders");
  ASSERT_TRUE(orders.ok() && users.ok() && gone.ok());
  for (SourceSchemaEntry schema : {*orders, *gone}) {
    schema.should_sync = true;
    schema.status = "Running";
    schema.resync_pending = true;
    ASSERT_TRUE(catalog_->UpdateSourceSchema(schema).ok());
  }
  ASSERT_TRUE(catalog_->DeleteSource(deleted->id).ok());
  auto syncing = catalog_->ListSyncingSchemas();
  ASSERT_TRUE(syncing.ok());
  ASSERT_EQ(syncing->size(), 1u);
  EXPECT_EQ((*syncing)[0].name, "orders");
  EXPECT_TRUE((*syncing)[0].resync_pending);

  auto running = catalog_->StartSyncJob(orders->id, "");
  SyncJobEntry finished = *catalog_->StartSyncJob(orders->id, "");
  finished.status = "Completed";
  finished.null_key_rows = 3;
  ASSERT_TRUE(catalog_->FinishSyncJob(finished).ok());
  auto changed = catalog_->FailRunningSyncJobs("stopped mid-sync");
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 1);
  auto jobs = catalog_->ListSyncJobs(orders->id, 10);
  ASSERT_EQ(jobs->size(), 2u);
  EXPECT_EQ((*jobs)[0].status, "Completed");
  EXPECT_EQ((*jobs)[0].null_key_rows, 3);
  EXPECT_EQ((*jobs)[1].status, "Failed");
  EXPECT_EQ((*jobs)[1].error, "stopped mid-sync");
  EXPECT_TRUE((*jobs)[1].finished_at_us.has_value());
  EXPECT_EQ(catalog_->GetSourceSchema(orders->id)->status, "Failed");
  EXPECT_EQ(catalog_->GetSourceSchema(orders->id)->latest_error, "stopped mid-sync");
  EXPECT_EQ(catalog_->GetSourceSchema(users->id)->status, "");
}

TEST(SyncedTableNameTest, FollowsThePrefixTypeTableRule) {
  struct Case {
    std::string prefix, type, table, expected;
  };
  for (const Case& c : std::vector<Case>{
           {"", "stripe", "customer", "stripe_customer"},
           {"prod_", "postgres", "Orders", "prod_postgres_orders"},
           {"", "postgres", "Order Items-2024", "postgres_order_items_2024"},
           {"9x_", "mysql", "t", "_9x_mysql_t"},
           {"", "postgres", "caf\xc3\xa9", "postgres_caf__"},
       }) {
    std::string name = SyncedTableName(c.prefix, c.type, c.table);
    EXPECT_EQ(name, c.expected);
    EXPECT_TRUE(ValidateTableName(name).ok()) << name;
  }
  std::string long_name = SyncedTableName("", "postgres", std::string(300, 'a'));
  EXPECT_EQ(long_name.size(), kMaxTableNameChars);
  EXPECT_TRUE(ValidateTableName(long_name).ok());
}

TEST(SyncSettingsTest, NamesAndFrequencies) {
  EXPECT_EQ(*SyncFrequencySeconds("never"), 0);
  EXPECT_EQ(*SyncFrequencySeconds("6hour"), 21600);
  EXPECT_EQ(*SyncFrequencySeconds("30day"), 2592000);
  EXPECT_EQ(SyncFrequencySeconds("hourly").status().code(), StatusCode::kInvalidArgument);
  for (SyncType type : {SyncType::kFullRefresh, SyncType::kAppend, SyncType::kIncremental}) {
    EXPECT_EQ(*ParseSyncType(SyncTypeName(type)), type);
  }
  EXPECT_EQ(ParseSyncType("merge").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace larder::catalog
