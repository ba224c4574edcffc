// EventIngester: takes captured events from the capture API to the events tables. Accept()
// makes them durable in the event log (the 200 of capture means this); a flusher thread then
// drops duplicates by uuid, runs person processing, and commits them to each project's
// `events` table as new parts, recording the log position in the same commit so a restart
// replays exactly what is missing.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

#include "analytics/event_log.h"
#include "analytics/person_store.h"
#include "analytics/recent_uuids.h"
#include "storage/table.h"

namespace larder::analytics {

// Where ingestion writes, per project. Implemented over the data directory.
class IngestionTarget {
 public:
  virtual ~IngestionTarget() = default;
  // The project's events table, created with EventsSchema() if missing.
  virtual Result<storage::Table*> EventsTable(int64_t project_id) = 0;
  virtual Result<PersonStore*> Persons(int64_t project_id) = 0;
};

struct EventIngesterOptions {
  std::chrono::milliseconds flush_interval{1000};
  size_t flush_events = 50000;  // Pending events that trigger a flush; also a flush's unit.
  // Accept() waits while this many events are pending (not yet in tables), so memory stays
  // bounded when capture outruns the tables; after max_accept_wait it fails with kUnavailable.
  size_t max_pending_events = 200000;
  std::chrono::milliseconds max_accept_wait{30000};
  size_t dedup_window = 1 << 20;  // Most recent uuids per project remembered for dedup.
  EventLogOptions log;
};

// The metadata key of the events table's commits that holds the last log sequence included.
inline constexpr const char* kIngestSequenceKey = "ingest.log_sequence";

class EventIngester {
 public:
  // Opens the log in `log_dir` and replays what the tables have not committed (flushing it
  // before returning). REQUIRES: `fs` and `target` outlive the ingester.
  static Result<std::unique_ptr<EventIngester>> Open(FileSystem* fs, const std::string& log_dir,
                                                     IngestionTarget* target,
                                                     const EventIngesterOptions& options);
  // Stops the flusher after a final flush.
  ~EventIngester();

  // Makes `events` durable; they reach the table at the next flush. Waits while too many events
  // are pending (see EventIngesterOptions). Thread-safe.
  Status Accept(int64_t project_id, std::vector<CapturedEvent> events);
  // Commits everything durable now. Thread-safe.
  Status Flush();
  // Starts flushing every flush_interval in a background thread.
  void StartFlusher();
  // Stops the flusher and flushes what is left.
  Status Stop();

  struct Stats {
    uint64_t accepted = 0;    // Events made durable.
    uint64_t stored = 0;      // Events committed to tables.
    uint64_t duplicates = 0;  // Events dropped because their uuid was already stored.
  };
  Stats stats() const;

 private:
  struct PendingRecord {
    uint64_t sequence;
    int64_t project_id;
    std::vector<CapturedEvent> events;
  };

  EventIngester(IngestionTarget* target, const EventIngesterOptions& options);
  Status ReplayLog();
  Status FlushLocked();
  // Flushes `records` (taken from the front of pending_, through sequence `through`).
  Status FlushRecords(std::vector<PendingRecord> records, uint64_t through);
  Status FlushProject(int64_t project_id, const std::vector<PendingRecord*>& records,
                      uint64_t through);
  Result<RecentUuids*> Recent(int64_t project_id, storage::Table* table);
  void FlusherLoop();

  IngestionTarget* target_;
  const EventIngesterOptions options_;
  std::unique_ptr<EventLog> log_;

  mutable std::mutex pending_mutex_;       // Guards pending_, pending_events_, stats_.
  std::condition_variable pending_space_;  // Signalled when pending events were taken.
  std::deque<PendingRecord> pending_;      // Ordered by sequence.
  size_t pending_events_ = 0;
  Stats stats_;

  std::mutex flush_mutex_;  // Serializes flushes; guards recent_.
  std::map<int64_t, std::unique_ptr<RecentUuids>> recent_;

  std::mutex flusher_mutex_;
  std::condition_variable flusher_cv_;
  bool flusher_stop_ = false;
  std::thread flusher_;
};

}  // namespace larder::analytics
