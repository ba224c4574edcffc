// A bucket on a real S3 server (s3rver, which tests/objects/run.sh starts with SigV4 checked)
// linked as a source: files synced into a table (append loads only new files), then joined with
// events in HogQL. Without LARDER_TEST_S3_ENDPOINT every test fails: run them through that script.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "analytics/capture_test_util.h"
#include "common/thread_pool.h"
#include "external/self_managed_tables.h"
#include "external/test_parquet_file.h"
#include "functions/function_registry.h"
#include "sources/object_storage/s3_client.h"
#include "sync/source_operations.h"
#include "sync/source_registry.h"
#include "warehouse/event_import.h"
#include "warehouse/query_runner.h"
#include "warehouse/result_format.h"

namespace larder::sync {
namespace {

using analytics::capture_testing::GzipForTest;

class BucketSyncS3Test : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* endpoint = std::getenv("LARDER_TEST_S3_ENDPOINT");
    const char* bucket = std::getenv("LARDER_TEST_S3_BUCKET");
    ASSERT_TRUE(endpoint != nullptr && bucket != nullptr)
        << "LARDER_TEST_S3_ENDPOINT and LARDER_TEST_S3_BUCKET are not set: run these tests "
           "with tests/objects/run.sh, which starts s3rver for them";
    endpoint_ = endpoint;
    bucket_ = bucket;
    prefix_ = std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "/";
    dir_ = (std::filesystem::temp_directory_path() /
            ("larder_bucket_sync_" + std::to_string(::getpid()) + prefix_.substr(0, 8)))
               .string();
    std::filesystem::remove_all(dir_);
    auto data = warehouse::DataDirectory::Open(dir_, env_);
    ASSERT_TRUE(data.ok()) << data.status().ToString();
    data_ = std::move(data).value();
    project_ = data_->default_project().id;
  }
  void TearDown() override {
    data_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Put(const std::string& key, const std::string& body) {
    sources::S3ClientOptions options;
    options.provider = sources::ObjectStoreProvider::kS3Compatible;
    options.endpoint = endpoint_;
    options.credentials = {.access_key_id = "S3RVER", .secret_access_key = "S3RVER"};
    Status status = sources::S3Client(options).PutObject(bucket_, prefix_ + key, body);
    ASSERT_TRUE(status.ok()) << key << ": " << status.ToString();
  }

  std::map<std::string, std::string> Settings(const std::string& pattern,
                                              const std::string& secret = "S3RVER") const {
    return {{"url", "s3://" + bucket_ + "/" + prefix_ + pattern},
            {"endpoint", endpoint_},
            {"access_key_id", "S3RVER"},
            {"secret_access_key", secret}};
  }

  Result<LinkedSource> Link(const std::string& pattern, catalog::SyncType type) {
    LinkRequest request;
    request.project_id = project_;
    request.source_type = "bucket";
    request.settings = Settings(pattern);
    request.settings["table"] = "customers";
    request.enabled_tables = {"customers"};
    request.sync_types["customers"] = type;
    return LinkSource(data_.get(), OpenSource, request);
  }

  catalog::SyncJobEntry Sync(int64_t schema_id) {
    Status outcome;
    SchemaSyncOptions options;
    options.outcome = &outcome;
    auto job = RunSchemaSync(data_.get(), OpenSource, schema_id, options);
    EXPECT_TRUE(job.ok()) << job.status().ToString();
    EXPECT_TRUE(outcome.ok()) << outcome.ToString();
    return *job;
  }

  std::string Query(const std::string& text) {
    warehouse::QueryRequest request;
    request.text = text;
    auto response = warehouse::RunHogQLQuery(*data_, project_, functions_, pool_, request);
    EXPECT_TRUE(response.ok()) << response.status().ToString();
    if (!response.ok()) return "";
    EXPECT_FALSE(response->error) << response->error->message;
    return warehouse::FormatBatch(response->result.ToBatch(), warehouse::OutputFormat::kCsv);
  }

  std::string endpoint_, bucket_, prefix_, dir_;
  std::unique_ptr<FileSystem> fs_ = NewPosixFileSystem();
  std::unique_ptr<Clock> clock_ = NewSystemClock();
  ThreadPool pool_{2};
  storage::StorageEnv env_{fs_.get(), &pool_, clock_.get()};
  std::unique_ptr<warehouse::DataDirectory> data_;
  int64_t project_ = 0;
  functions::FunctionRegistry functions_ = functions::BuiltinFunctions();
};

TEST_F(BucketSyncS3Test, FilesSyncAppendOnlyNewOnesAndJoinWithEvents) {
  Put("customers/2024-01.csv", "distinct_id,plan,seats\nu1,pro,3\nu2,free,1\n");
  Put("customers/2024-02.csv.gz", GzipForTest("distinct_id,plan,seats\nu3,pro,5\n"));
  Put("other/ignored.csv", "distinct_id,plan,seats\nx,y,1\n");
  auto linked = Link("customers/*.csv*", catalog::SyncType::kAppend);
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  ASSERT_EQ(linked->schemas.size(), 1u);
  EXPECT_EQ(linked->schemas[0].table_name, "bucket_customers");
  const int64_t schema_id = linked->schemas[0].id;
  EXPECT_EQ(Sync(schema_id).rows_synced, 3);
  Put("customers/2024-03.csv", "distinct_id,plan,seats\nu4,team,9\n");
  catalog::SyncJobEntry second = Sync(schema_id);
  EXPECT_EQ(second.rows_synced, 1);  // Only the new file.
  EXPECT_EQ(second.cursor_after, "3 files");
  EXPECT_EQ(Query("SELECT plan, sum(seats) FROM bucket_customers GROUP BY plan ORDER BY plan"),
            "plan,sum(seats)\nfree,1\npro,8\nteam,9\n");

  const std::string events = dir_ + "-events.jsonl";
  std::ofstream(events)
      << R"({"event":"purchase","distinct_id":"u1","timestamp":"2024-03-01T10:00:00Z","properties":{"amount":10}}
{"event":"purchase","distinct_id":"u1","timestamp":"2024-03-02T10:00:00Z","properties":{"amount":5}}
{"event":"purchase","distinct_id":"u3","timestamp":"2024-03-02T11:00:00Z","properties":{"amount":7}}
{"event":"purchase","distinct_id":"u4","timestamp":"2024-03-03T11:00:00Z","properties":{"amount":1}}
{"event":"purchase","distinct_id":"nobody","timestamp":"2024-03-03T12:00:00Z","properties":{"amount":100}}
)";
  auto imported = warehouse::ImportEvents(data_.get(), {project_, {events}, nullptr});
  std::filesystem::remove(events);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(Query("SELECT c.plan, count() AS purchases, sum(toInt64(e.properties.amount)) AS "
                  "amount FROM events e JOIN bucket_customers c ON e.distinct_id = c.distinct_id "
                  "GROUP BY c.plan ORDER BY c.plan"),
            "plan,purchases,amount\npro,3,22\nteam,1,1\n");
}

TEST_F(BucketSyncS3Test, SelfManagedParquetTablesAreReadInPlaceAndJoinWithEvents) {
  Put("plans/part-0.parquet", external::testing::TwoRowGroupParquet());
  external::InstallSelfManagedTables(data_.get(), {});
  external::SelfManagedRequest request{project_, "plans", Settings("plans/*.parquet")};
  request.settings["format"] = "Parquet";
  auto entry = external::CreateSelfManagedTable(data_.get(), {}, request);
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_EQ(entry->kind, catalog::TableKind::kSelfManaged);
  EXPECT_EQ(
      Query("SELECT plan, count(), sum(n) FROM plans WHERE n >= 10 GROUP BY plan ORDER BY plan"),
      "plan,count(),sum(n)\nfree,1,11\npro,1,12\nteam,1,10\n");
  const std::string events = dir_ + "-events.jsonl";
  std::ofstream(events)
      << R"({"event":"upgrade","distinct_id":"u1","timestamp":"2024-03-01T10:00:00Z","properties":{"n":2}}
{"event":"upgrade","distinct_id":"u2","timestamp":"2024-03-01T11:00:00Z","properties":{"n":12}}
)";
  auto imported = warehouse::ImportEvents(data_.get(), {project_, {events}, nullptr});
  std::filesystem::remove(events);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(Query("SELECT e.distinct_id, p.plan FROM events e JOIN plans p ON "
                  "toInt64(e.properties.n) = p.n ORDER BY e.distinct_id"),
            "distinct_id,plan\nu1,pro\nu2,pro\n");
  // Text objects above the in-memory size go through a temporary file; the same rows come back.
  Put("big/a.csv", "n,plan\n1,pro\n2,free\n");
  sources::ObjectAccess small;
  small.in_memory_object_bytes = 4;
  external::InstallSelfManagedTables(data_.get(), small);
  external::SelfManagedRequest big{project_, "big", Settings("big/*.csv")};
  ASSERT_TRUE(external::CreateSelfManagedTable(data_.get(), small, big).ok());
  EXPECT_EQ(Query("SELECT sum(n), max(plan) FROM big"), "sum(n),max(plan)\n3,pro\n");
  // A wrong secret is refused when linking, and nothing is recorded.
  external::SelfManagedRequest wrong{project_, "wrong", Settings("plans/*.parquet", "nope")};
  auto refused = external::CreateSelfManagedTable(data_.get(), {}, wrong);
  EXPECT_EQ(refused.status().code(), StatusCode::kUnauthenticated) << refused.status().ToString();
  EXPECT_FALSE(data_->catalog().GetTable(project_, "wrong").ok());
}

TEST_F(BucketSyncS3Test, FullRefreshSwapsAndBadFilesOrCredentialsChangeNothing) {
  Put("customers/a.jsonl", "{\"id\": 1, \"tags\": [\"a\"]}\n{\"id\": 2, \"tags\": []}\n");
  auto linked = Link("customers/*.jsonl", catalog::SyncType::kFullRefresh);
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  const int64_t schema_id = linked->schemas[0].id;
  EXPECT_EQ(Sync(schema_id).rows_synced, 2);
  Put("customers/b.jsonl", "{\"id\": \"three\"}\n");
  Status outcome;
  SchemaSyncOptions options;
  options.outcome = &outcome;
  auto failed = RunSchemaSync(data_.get(), OpenSource, schema_id, options);
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->status, "Failed");
  EXPECT_NE(outcome.message().find("customers/b.jsonl:1"), std::string::npos) << outcome.ToString();
  EXPECT_EQ(Query("SELECT count(), sum(id) FROM bucket_customers"), "count(),sum(id)\n2,3\n");

  auto bad_key = OpenSource({"bucket", Settings("customers/*.jsonl", "wrong")});
  ASSERT_TRUE(bad_key.ok());
  Status check = (*bad_key)->Check();
  EXPECT_EQ(check.code(), StatusCode::kUnauthenticated) << check.ToString();
  auto private_host =
      PolicySourceOpener({std::nullopt, true})({"bucket", Settings("customers/*.jsonl")});
  ASSERT_TRUE(private_host.ok());
  Status denied = (*private_host)->Check();
  EXPECT_EQ(denied.code(), StatusCode::kPermissionDenied) << denied.ToString();
}

}  // namespace
}  // namespace larder::sync
