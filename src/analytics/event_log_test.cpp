#include "analytics/event_log.h"

#include <gtest/gtest.h>

#include <thread>

#include "common/memory_file_system.h"

namespace larder::analytics {
namespace {

CapturedEvent MakeEvent(std::string name, uint64_t id) {
  CapturedEvent event;
  event.uuid = Uuid128{id, id * 7};
  event.event = std::move(name);
  event.distinct_id = "user-" + std::to_string(id);
  event.properties_json = R"({"$browser":"Chrome"})";
  event.timestamp_us = 1000 + static_cast<int64_t>(id);
  event.created_at_us = 2000;
  event.set_json = R"({"email":"a@b"})";
  event.unset = {"old", "older"};
  event.process_person = id % 2 == 0;
  event.alias = "alias";
  event.session_id = "s1";
  return event;
}

struct Replayed {
  uint64_t sequence;
  int64_t project_id;
  std::vector<CapturedEvent> events;
};

std::vector<Replayed> ReplayAll(const EventLog& log, uint64_t after = 0) {
  std::vector<Replayed> out;
  Status status = log.Replay(after, [&](uint64_t seq, int64_t project, auto events) {
    out.push_back({seq, project, std::move(events)});
    return Status::OK();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return out;
}

TEST(EventLogTest, AppendedRecordsReplayInOrderWithEveryField) {
  MemoryFileSystem fs;
  auto log = EventLog::Open(&fs, "/log", {});
  ASSERT_TRUE(log.ok());
  std::vector<CapturedEvent> first = {MakeEvent("a", 1), MakeEvent("b", 2)};
  std::vector<uint64_t> sequenced;
  auto seq = (*log)->Append(7, first, [&](uint64_t s) { sequenced.push_back(s); });
  ASSERT_TRUE(seq.ok());
  EXPECT_EQ(*seq, 1u);
  std::vector<CapturedEvent> second = {MakeEvent("c", 3)};
  ASSERT_TRUE((*log)->Append(8, second, nullptr).ok());
  EXPECT_EQ(sequenced, std::vector<uint64_t>{1});
  EXPECT_EQ((*log)->durable_sequence(), 2u);

  auto reopened = EventLog::Open(&fs, "/log", {});
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->last_replayed_sequence(), 2u);
  auto records = ReplayAll(**reopened);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].project_id, 7);
  ASSERT_EQ(records[0].events.size(), 2u);
  const CapturedEvent& event = records[0].events[1];
  EXPECT_EQ(event.uuid, (Uuid128{2, 14}));
  EXPECT_EQ(event.event, "b");
  EXPECT_EQ(event.distinct_id, "user-2");
  EXPECT_EQ(event.properties_json, R"({"$browser":"Chrome"})");
  EXPECT_EQ(event.timestamp_us, 1002);
  EXPECT_EQ(event.unset, (std::vector<std::string>{"old", "older"}));
  EXPECT_TRUE(event.process_person);
  EXPECT_EQ(event.alias, "alias");
  EXPECT_EQ(event.session_id, "s1");
  EXPECT_EQ(records[1].sequence, 2u);
  EXPECT_EQ(ReplayAll(**reopened, 1).size(), 1u);
  // New records continue the numbering.
  auto next = (*reopened)->Append(7, second, nullptr);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, 3u);
}

TEST(EventLogTest, TornTailIsIgnoredAndNumberingContinues) {
  MemoryFileSystem fs;
  {
    auto log = EventLog::Open(&fs, "/log", {});
    ASSERT_TRUE(log.ok());
    std::vector<CapturedEvent> events = {MakeEvent("a", 1)};
    ASSERT_TRUE((*log)->Append(1, events, nullptr).ok());
    ASSERT_TRUE((*log)->Append(1, events, nullptr).ok());
  }
  // Cut the segment in the middle of the second record.
  auto file = fs.NewRandomAccessFile("/log/00000000000000000001.wal");
  ASSERT_TRUE(file.ok());
  std::string bytes(*(*file)->Read(0, (*file)->Size()));
  auto writer = fs.NewWritableFile("/log/00000000000000000001.wal");
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Append(bytes.substr(0, bytes.size() - 5)).ok());
  ASSERT_TRUE((*writer)->Sync().ok());
  auto reopened = EventLog::Open(&fs, "/log", {});
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(ReplayAll(**reopened).size(), 1u);
  std::vector<CapturedEvent> events = {MakeEvent("b", 2)};
  auto seq = (*reopened)->Append(1, events, nullptr);
  ASSERT_TRUE(seq.ok());
  EXPECT_EQ(*seq, 2u);
  auto records = ReplayAll(**reopened);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].events[0].event, "b");
}

TEST(EventLogTest, RemoveThroughDeletesOnlyFullyCoveredSegments) {
  MemoryFileSystem fs;
  EventLogOptions options;
  options.segment_bytes = 1;  // Every record starts a segment.
  auto log = EventLog::Open(&fs, "/log", options);
  ASSERT_TRUE(log.ok());
  std::vector<CapturedEvent> events = {MakeEvent("a", 1)};
  for (int i = 0; i < 4; ++i) ASSERT_TRUE((*log)->Append(1, events, nullptr).ok());
  EXPECT_EQ(fs.ListDir("/log")->size(), 4u);
  ASSERT_TRUE((*log)->RemoveThrough(2).ok());
  EXPECT_EQ(fs.ListDir("/log")->size(), 2u);
  auto records = ReplayAll(**log);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].sequence, 3u);
  // The segment being written is never removed.
  ASSERT_TRUE((*log)->RemoveThrough(10).ok());
  EXPECT_EQ(fs.ListDir("/log")->size(), 1u);
}

TEST(EventLogTest, ConcurrentAppendsGetDistinctSequencesAndAllSurvive) {
  MemoryFileSystem fs;
  auto log = EventLog::Open(&fs, "/log", {});
  ASSERT_TRUE(log.ok());
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        std::vector<CapturedEvent> events = {MakeEvent("e", static_cast<uint64_t>(t * 100 + i))};
        EXPECT_TRUE((*log)->Append(t, events, nullptr).ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto records = ReplayAll(**log);
  ASSERT_EQ(records.size(), 400u);
  for (size_t i = 0; i < records.size(); ++i) EXPECT_EQ(records[i].sequence, i + 1);
}

}  // namespace
}  // namespace larder::analytics
