#include "analytics/event_ingester.h"

#include <gtest/gtest.h>

#include <map>

#include "analytics/events_table.h"
#include "catalog/test_temp_dir.h"
#include "common/memory_file_system.h"
#include "storage/table_scan.h"

namespace larder::analytics {
namespace {

// Events tables in memory and persons in SQLite files of a temporary directory.
class TestTarget : public IngestionTarget {
 public:
  TestTarget() : env_{&fs_, nullptr, &clock_} {}
  Result<storage::Table*> EventsTable(int64_t project_id) override {
    auto& table = tables_[project_id];
    if (table == nullptr) {
      LARDER_ASSIGN_OR_RETURN(
          table, storage::Table::Create(env_, "/t" + std::to_string(project_id), "events",
                                        EventsSchema(), EventsSortKey(), {}));
    }
    return table.get();
  }
  Result<PersonStore*> Persons(int64_t project_id) override {
    auto& store = persons_[project_id];
    if (store == nullptr) {
      LARDER_ASSIGN_OR_RETURN(store, PersonStore::Open(dir_.File("p" + std::to_string(project_id)),
                                                       project_id, &clock_));
    }
    return store.get();
  }
  MemoryFileSystem& fs() { return fs_; }

  // (event, distinct_id) of every stored row of a project, in table order.
  std::vector<std::pair<std::string, std::string>> Rows(int64_t project_id) {
    std::vector<std::pair<std::string, std::string>> rows;
    auto table = EventsTable(project_id);
    EXPECT_TRUE(table.ok());
    storage::ScanOptions options;
    options.columns = {"event", "distinct_id"};
    auto scan = storage::TableScan::Create((*table)->Snapshot(), options);
    EXPECT_TRUE(scan.ok());
    for (const auto& morsel : scan->morsels()) {
      auto events = scan->ReadColumn(morsel, 0);
      auto ids = scan->ReadColumn(morsel, 1);
      for (size_t row = 0; row < events->size(); ++row) {
        rows.emplace_back(std::string(events->GetString(row)), std::string(ids->GetString(row)));
      }
    }
    return rows;
  }

 private:
  MemoryFileSystem fs_;
  ManualClock clock_{1'700'000'000'000'000};
  storage::StorageEnv env_;
  catalog::TestTempDir dir_;
  std::map<int64_t, std::unique_ptr<storage::Table>> tables_;
  std::map<int64_t, std::unique_ptr<PersonStore>> persons_;
};

CapturedEvent MakeEvent(std::string name, std::string distinct_id, uint64_t id) {
  CapturedEvent event;
  event.uuid = Uuid128{0x1234, id};
  event.event = std::move(name);
  event.distinct_id = std::move(distinct_id);
  event.properties_json = "{}";
  event.timestamp_us = 1'700'000'000'000'000 + static_cast<int64_t>(id);
  event.created_at_us = event.timestamp_us;
  return event;
}

TEST(EventIngesterTest, AcceptedEventsReachTheTableWithPersons) {
  TestTarget target;
  auto ingester = EventIngester::Open(&target.fs(), "/log", &target, {});
  ASSERT_TRUE(ingester.ok()) << ingester.status().ToString();
  ASSERT_TRUE((*ingester)->Accept(1, {MakeEvent("a", "u1", 1), MakeEvent("b", "u2", 2)}).ok());
  ASSERT_TRUE((*ingester)->Accept(2, {MakeEvent("c", "u1", 3)}).ok());
  EXPECT_TRUE(target.Rows(1).empty());  // Durable in the log, not yet flushed.
  ASSERT_TRUE((*ingester)->Flush().ok());
  using Rows = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(target.Rows(1), (Rows{{"a", "u1"}, {"b", "u2"}}));
  EXPECT_EQ(target.Rows(2), (Rows{{"c", "u1"}}));
  auto table = target.EventsTable(1);
  EXPECT_EQ((*table)->Snapshot()->metadata(kIngestSequenceKey), "2");
  auto persons = target.Persons(1);
  auto ids = (*persons)->DistinctIdsBatch();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(ids->num_rows(), 2u);
  EXPECT_EQ((*ingester)->stats().stored, 3u);
}

TEST(EventIngesterTest, DuplicateUuidsAreStoredOnceAcrossRequestsAndRestarts) {
  TestTarget target;
  {
    auto ingester = EventIngester::Open(&target.fs(), "/log", &target, {});
    ASSERT_TRUE(ingester.ok());
    ASSERT_TRUE((*ingester)->Accept(1, {MakeEvent("a", "u1", 1), MakeEvent("a", "u1", 1)}).ok());
    ASSERT_TRUE((*ingester)->Accept(1, {MakeEvent("a", "u1", 1)}).ok());
    ASSERT_TRUE((*ingester)->Flush().ok());
    ASSERT_TRUE((*ingester)->Accept(1, {MakeEvent("a", "u1", 1), MakeEvent("b", "u1", 2)}).ok());
    ASSERT_TRUE((*ingester)->Stop().ok());
    EXPECT_EQ((*ingester)->stats().duplicates, 3u);
  }
  EXPECT_EQ(target.Rows(1).size(), 2u);
  // After a restart the uuids already stored are still recognised.
  auto ingester = EventIngester::Open(&target.fs(), "/log", &target, {});
  ASSERT_TRUE(ingester.ok());
  ASSERT_TRUE((*ingester)->Accept(1, {MakeEvent("b", "u1", 2), MakeEvent("c", "u1", 3)}).ok());
  ASSERT_TRUE((*ingester)->Stop().ok());
  EXPECT_EQ(target.Rows(1).size(), 3u);
}

TEST(EventIngesterTest, EventsInTheLogButNotInTheTableAreReplayedOnceAtOpen) {
  TestTarget target;
  {
    // As if the server accepted these and died before flushing them.
    auto log = EventLog::Open(&target.fs(), "/log", {});
    ASSERT_TRUE(log.ok());
    std::vector<CapturedEvent> first = {MakeEvent("a", "u1", 1)};
    std::vector<CapturedEvent> second = {MakeEvent("b", "u2", 2)};
    ASSERT_TRUE((*log)->Append(1, first, nullptr).ok());
    ASSERT_TRUE((*log)->Append(1, second, nullptr).ok());
  }
  {
    auto ingester = EventIngester::Open(&target.fs(), "/log", &target, {});
    ASSERT_TRUE(ingester.ok()) << ingester.status().ToString();
    EXPECT_EQ(target.Rows(1).size(), 2u);
    ASSERT_TRUE((*ingester)->Accept(1, {MakeEvent("c", "u1", 3)}).ok());
  }
  auto ingester = EventIngester::Open(&target.fs(), "/log", &target, {});
  ASSERT_TRUE(ingester.ok());
  EXPECT_EQ(target.Rows(1).size(), 3u);
  // New records are numbered after everything committed.
  ASSERT_TRUE((*ingester)->Accept(1, {MakeEvent("d", "u1", 4)}).ok());
  ASSERT_TRUE((*ingester)->Flush().ok());
  auto table = target.EventsTable(1);
  EXPECT_EQ((*table)->Snapshot()->metadata(kIngestSequenceKey), "4");
  EXPECT_EQ(target.Rows(1).size(), 4u);
}

TEST(EventIngesterTest, FlushedSegmentsAreRemoved) {
  TestTarget target;
  EventIngesterOptions options;
  options.log.segment_bytes = 1;
  auto ingester = EventIngester::Open(&target.fs(), "/log", &target, options);
  ASSERT_TRUE(ingester.ok());
  for (uint64_t i = 0; i < 5; ++i) {
    ASSERT_TRUE((*ingester)->Accept(1, {MakeEvent("a", "u1", i)}).ok());
  }
  EXPECT_EQ(target.fs().ListDir("/log")->size(), 5u);
  ASSERT_TRUE((*ingester)->Flush().ok());
  EXPECT_EQ(target.fs().ListDir("/log")->size(), 1u);
}

}  // namespace
}  // namespace larder::analytics
