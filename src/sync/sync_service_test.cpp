#include "sync/sync_service.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <mutex>

#include "server/http_server.h"
#include "sync/fake_source.h"

namespace larder::sync {
namespace {

constexpr int64_t kMinute = 60'000'000;

// Holds reads at their first batch until released.
class Gate {
 public:
  void Hold() {
    std::lock_guard lock(mutex_);
    open_ = false;
  }
  void Release() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    cv_.notify_all();
  }
  void Pass() {
    std::unique_lock lock(mutex_);
    ++waiting_;
    cv_.wait(lock, [&] { return open_; });
    --waiting_;
  }
  int waiting() {
    std::lock_guard lock(mutex_);
    return waiting_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = true;
  int waiting_ = 0;
};

// Polls `condition` for up to 10 s.
template <typename Condition>
bool Eventually(Condition condition) {
  for (int attempt = 0; attempt < 1000; ++attempt) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

class SyncServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/larder-sync-service-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    auto data = warehouse::DataDirectory::Open(dir_ + "/data", env_);
    ASSERT_TRUE(data.ok()) << data.status().ToString();
    data_ = std::move(data).value();
    source_.rows = {{1, 10, "a"}, {2, 20, "b"}, {3, 30, "c"}};
    source_.before_batch = [this] { gate_.Pass(); };
    options_.scheduler_tick = std::chrono::milliseconds(5);
    options_.retry = {.first_backoff_us = kMinute, .max_consecutive_failures = 3};
  }
  void TearDown() override {
    service_.reset();
    data_.reset();
    std::system(("rm -rf " + dir_).c_str());
  }

  SourceOpener Opener() {
    return [this](const sources::SourceConfig& config) -> Result<std::unique_ptr<sources::Source>> {
      std::lock_guard lock(opener_mutex_);
      ++opened_;
      if (config.settings.at("password") != "right") {
        return Status(StatusCode::kUnauthenticated, "password authentication failed");
      }
      if (!open_error_.ok()) return open_error_;
      return std::unique_ptr<sources::Source>(std::make_unique<FakeSource>(source_));
    };
  }
  void StartService() {
    auto service = SyncService::Start(data_.get(), Opener(), options_);
    ASSERT_TRUE(service.ok()) << service.status().ToString();
    service_ = std::move(service).value();
  }
  int64_t LinkTable(const std::string& name, const std::string& frequency,
                    const std::string& password = "right") {
    std::string sealed = *data_->secrets().Seal(EncodeSourceSettings({{"password", password}}));
    auto source = data_->catalog().CreateSource(data_->default_project().id, "fake", name, sealed);
    auto schema = data_->catalog().CreateSourceSchema(source->id, "t", name + "fake_t");
    catalog::SourceSchemaEntry settings = *schema;
    settings.should_sync = frequency != "disabled";
    settings.sync_frequency = frequency == "disabled" ? "6hour" : frequency;
    EXPECT_TRUE(data_->catalog().UpdateSourceSchema(settings).ok());
    return schema->id;
  }
  std::vector<catalog::SyncJobEntry> Jobs(int64_t schema_id) {
    return *data_->catalog().ListSyncJobs(schema_id, 100);
  }
  int Opened() {
    std::lock_guard lock(opener_mutex_);
    return opened_;
  }

  std::unique_ptr<FileSystem> fs_ = NewPosixFileSystem();
  ManualClock clock_{1'700'000'000'000'000};
  storage::StorageEnv env_{fs_.get(), nullptr, &clock_};
  std::string dir_;
  std::unique_ptr<warehouse::DataDirectory> data_;
  FakeSource source_;
  Gate gate_;
  std::mutex opener_mutex_;
  int opened_ = 0;
  Status open_error_;
  SyncServiceOptions options_;
  std::unique_ptr<SyncService> service_;
};

TEST_F(SyncServiceTest, SchedulerRunsEnabledTablesAtOnceThenAtTheirFrequency) {
  int64_t hourly = LinkTable("a_", "1hour");
  int64_t never = LinkTable("b_", "never");
  int64_t disabled = LinkTable("c_", "disabled");
  StartService();
  ASSERT_TRUE(Eventually([&] { return Jobs(hourly).size() == 1 && !service_->ActiveJob(hourly); }));
  EXPECT_EQ(Jobs(hourly)[0].status, "Completed");
  EXPECT_EQ(Jobs(hourly)[0].rows_synced, 3);
  EXPECT_EQ(*data_->catalog().GetSourceSchema(hourly)->last_synced_at_us, clock_.NowMicros());
  auto next = service_->NextRun(*data_->catalog().GetSourceSchema(hourly));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(**next, clock_.NowMicros() + 60 * kMinute);

  clock_.AdvanceMicros(59 * kMinute);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(Jobs(hourly).size(), 1u);
  clock_.AdvanceMicros(kMinute);
  ASSERT_TRUE(Eventually([&] { return Jobs(hourly).size() == 2 && !service_->ActiveJob(hourly); }));
  EXPECT_TRUE(Jobs(never).empty());
  EXPECT_TRUE(Jobs(disabled).empty());
}

TEST_F(SyncServiceTest, AtMostMaxConcurrentJobsRunAndTheRestWait) {
  options_.max_concurrent_jobs = 2;
  options_.run_scheduler = false;
  std::vector<int64_t> schemas = {LinkTable("a_", "1hour"), LinkTable("b_", "1hour"),
                                  LinkTable("c_", "1hour")};
  StartService();
  gate_.Hold();
  for (int64_t schema : schemas) ASSERT_TRUE(service_->Trigger(schema, false).ok());
  ASSERT_TRUE(Eventually([&] { return gate_.waiting() == 2; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(gate_.waiting(), 2);
  int queued = 0;
  for (int64_t schema : schemas) queued += service_->ActiveJob(schema)->phase == "Queued";
  EXPECT_EQ(queued, 1);
  Status again = service_->Trigger(schemas[0], false);
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(again.message().find("already syncing"), std::string::npos) << again.message();
  gate_.Release();
  service_->WaitIdle();
  for (int64_t schema : schemas) EXPECT_EQ(Jobs(schema)[0].status, "Completed");
}

TEST_F(SyncServiceTest, CancelStopsARunningJobAndDropsAQueuedOne) {
  options_.max_concurrent_jobs = 1;
  options_.run_scheduler = false;
  int64_t first = LinkTable("a_", "1hour");
  int64_t second = LinkTable("b_", "1hour");
  StartService();
  gate_.Hold();
  ASSERT_TRUE(service_->Trigger(first, false).ok());
  ASSERT_TRUE(service_->Trigger(second, false).ok());
  ASSERT_TRUE(Eventually([&] { return gate_.waiting() == 1; }));
  EXPECT_EQ(service_->ActiveJob(first)->phase, "Running");
  ASSERT_TRUE(service_->Cancel(second).ok());
  EXPECT_FALSE(service_->ActiveJob(second).has_value());
  ASSERT_TRUE(service_->Cancel(first).ok());
  EXPECT_EQ(service_->ActiveJob(first)->phase, "Cancelling");
  gate_.Release();
  service_->WaitIdle();
  EXPECT_EQ(Jobs(first)[0].status, "Cancelled");
  EXPECT_EQ(data_->catalog().GetSourceSchema(first)->status, "Cancelled");
  EXPECT_TRUE(Jobs(second).empty());
  EXPECT_EQ(service_->Cancel(first).code(), StatusCode::kFailedPrecondition);
}

TEST_F(SyncServiceTest, TransientFailuresAreRetriedWithBackoffUntilTheyGiveUp) {
  int64_t schema = LinkTable("a_", "24hour");
  open_error_ = Status(StatusCode::kUnavailable, "connection refused");
  StartService();
  ASSERT_TRUE(Eventually([&] { return Jobs(schema).size() == 1 && !service_->ActiveJob(schema); }));
  EXPECT_EQ(Jobs(schema)[0].status, "Failed");
  EXPECT_EQ(Jobs(schema)[0].error, "connection refused");
  // Retried after 1 minute, then 2, then it gives up (3 failures in a row).
  clock_.AdvanceMicros(kMinute);
  ASSERT_TRUE(Eventually([&] { return Jobs(schema).size() == 2 && !service_->ActiveJob(schema); }));
  clock_.AdvanceMicros(kMinute);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(Jobs(schema).size(), 2u);
  clock_.AdvanceMicros(kMinute);
  ASSERT_TRUE(Eventually([&] { return Jobs(schema).size() == 3 && !service_->ActiveJob(schema); }));
  EXPECT_FALSE(service_->NextRun(*data_->catalog().GetSourceSchema(schema))->has_value());
  clock_.AdvanceMicros(48 * 60 * kMinute);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(Jobs(schema).size(), 3u);
  // A manual reload runs anyway; its success puts the table back on its schedule.
  open_error_ = Status::OK();
  ASSERT_TRUE(service_->Trigger(schema, false).ok());
  service_->WaitIdle();
  EXPECT_EQ(Jobs(schema)[0].status, "Completed");
  EXPECT_TRUE(service_->NextRun(*data_->catalog().GetSourceSchema(schema))->has_value());
}

TEST_F(SyncServiceTest, PermanentFailuresWaitForTheNextRegularRun) {
  int64_t schema = LinkTable("a_", "1hour", "wrong");
  StartService();
  ASSERT_TRUE(Eventually([&] { return Jobs(schema).size() == 1 && !service_->ActiveJob(schema); }));
  EXPECT_EQ(data_->catalog().GetSourceSchema(schema)->latest_error,
            "password authentication failed");
  clock_.AdvanceMicros(10 * kMinute);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(Jobs(schema).size(), 1u);
  clock_.AdvanceMicros(50 * kMinute);
  ASSERT_TRUE(Eventually([&] { return Jobs(schema).size() == 2; }));
}

TEST_F(SyncServiceTest, JobsLeftRunningByAStoppedProcessAreFailedOnStart) {
  int64_t schema = LinkTable("a_", "never");
  auto left = data_->catalog().StartSyncJob(schema, "");
  catalog::SourceSchemaEntry entry = *data_->catalog().GetSourceSchema(schema);
  entry.status = "Running";
  ASSERT_TRUE(data_->catalog().UpdateSourceSchema(entry).ok());
  StartService();
  EXPECT_EQ(Jobs(schema)[0].status, "Failed");
  EXPECT_NE(Jobs(schema)[0].error.find("stopped while this sync ran"), std::string::npos);
  EXPECT_EQ(data_->catalog().GetSourceSchema(schema)->status, "Failed");
}

TEST_F(SyncServiceTest, StoppingMidJobRecordsItAsInterruptedForARetry) {
  options_.run_scheduler = false;
  int64_t schema = LinkTable("a_", "24hour");
  StartService();
  gate_.Hold();
  ASSERT_TRUE(service_->Trigger(schema, false).ok());
  ASSERT_TRUE(Eventually([&] { return gate_.waiting() == 1; }));
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    gate_.Release();
  });
  service_->Stop();
  releaser.join();
  EXPECT_EQ(Jobs(schema)[0].status, "Failed");
  EXPECT_NE(Jobs(schema)[0].error.find("resumes from the last checkpoint"), std::string::npos);
}

TEST_F(SyncServiceTest, FailuresCallTheWebhook) {
  std::mutex mutex;
  std::vector<std::string> bodies;
  server::HttpServerOptions http;
  http.port = 0;
  http.workers = 2;
  auto hook = server::HttpServer::Start(
      http, [&](const server::HttpRequest& request, server::HttpResponse* response) {
        std::lock_guard lock(mutex);
        bodies.push_back(request.method + " " + request.path + " " + request.body);
        response->body = "{}";
      });
  ASSERT_TRUE(hook.ok()) << hook.status().ToString();
  options_.failure_webhook_url = fmt::format("http://127.0.0.1:{}/hooks/sync", (*hook)->port());
  options_.run_scheduler = false;
  int64_t schema = LinkTable("a_", "1hour", "wrong");
  StartService();
  ASSERT_TRUE(service_->Trigger(schema, false).ok());
  service_->WaitIdle();
  std::lock_guard lock(mutex);
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_TRUE(bodies[0].starts_with("POST /hooks/sync {")) << bodies[0];
  EXPECT_NE(bodies[0].find("\"event\":\"sync_failed\""), std::string::npos) << bodies[0];
  EXPECT_NE(bodies[0].find("\"table\":\"t\""), std::string::npos) << bodies[0];
  EXPECT_NE(bodies[0].find("\"error\":\"password authentication failed\""), std::string::npos);
  EXPECT_NE(bodies[0].find("\"transient\":false"), std::string::npos);
}

}  // namespace
}  // namespace larder::sync
