// EventLog: the write-ahead log of accepted events. Capture answers 200 only after the events
// are in it and fsynced (group commit: concurrent appends share one fsync); ingestion replays
// it after a crash and truncates what the events tables have committed.
//
// On disk: a directory of segments named "<first sequence number, 20 digits>.wal". A segment is
// a series of records, each
//   fixed32 payload length | fixed64 Checksum64(sequence bytes + payload) | fixed64 sequence
//   | payload
// and a payload is: varint project id | varint event count | the events (EncodeEvent below).
// Sequence numbers grow by one per record across segments and restarts. A record that is
// torn or fails its checksum ends its segment's replay (it was never acknowledged).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "analytics/captured_event.h"
#include "common/coding.h"
#include "common/file_system.h"
#include "common/status.h"

namespace larder::analytics {

// The binary form of one event inside a log record.
void EncodeEvent(const CapturedEvent& event, BinaryWriter* writer);
Status DecodeEvent(BinaryReader* reader, CapturedEvent* event);

struct EventLogOptions {
  uint64_t segment_bytes = 32 << 20;  // A segment past this size is closed; a new one begins.
};

class EventLog {
 public:
  // Opens the log in `dir` (created if missing). New records get sequence numbers above both
  // every record on disk and `min_next_sequence` - 1.
  // REQUIRES: `fs` outlives the log.
  static Result<std::unique_ptr<EventLog>> Open(FileSystem* fs, const std::string& dir,
                                                const EventLogOptions& options);

  // Calls `visit` for every intact record with a sequence number above `after`, in order.
  using Visitor =
      std::function<Status(uint64_t sequence, int64_t project_id, std::vector<CapturedEvent>)>;
  Status Replay(uint64_t after, const Visitor& visit) const;
  // The highest sequence number on disk when the log was opened (0 if none).
  uint64_t last_replayed_sequence() const { return opened_last_sequence_; }
  // Raises the next sequence number to at least `sequence` (the tables may have committed
  // records whose segments were already removed).
  void ReserveSequencesBelow(uint64_t sequence);

  // Appends one record and returns once it is durable. `sequenced(seq)` runs under the log's
  // lock as the number is assigned, so callers can order their own bookkeeping by it. Fails
  // (and keeps failing) after a write or fsync error: the log's state on disk is then unknown.
  // Thread-safe.
  Result<uint64_t> Append(int64_t project_id, std::span<const CapturedEvent> events,
                          const std::function<void(uint64_t)>& sequenced);
  // The highest sequence number known durable. Thread-safe.
  uint64_t durable_sequence() const;
  // Deletes the segments all of whose records have sequence <= `through`. Thread-safe.
  Status RemoveThrough(uint64_t through);

 private:
  EventLog(FileSystem* fs, std::string dir, const EventLogOptions& options)
      : fs_(fs), dir_(std::move(dir)), options_(options) {}
  Status ScanSegments();
  Status WriteBatch(const std::string& bytes, uint64_t first_sequence);
  Status StartSegment(uint64_t first_sequence);
  std::string SegmentPath(uint64_t first_sequence) const;

  FileSystem* fs_;
  const std::string dir_;
  const EventLogOptions options_;
  uint64_t opened_last_sequence_ = 0;

  mutable std::mutex mutex_;
  std::condition_variable written_;
  std::vector<uint64_t> segments_;  // First sequence of each segment on disk, ascending.
  uint64_t next_sequence_ = 1;
  uint64_t durable_sequence_ = 0;
  std::string pending_;                    // Records sequenced but not yet written.
  uint64_t pending_first_ = 0;             // Sequence of the first record in pending_.
  bool writing_ = false;                   // A thread is writing and syncing (the group's leader).
  Status failed_;                          // Set after a write or sync failed.
  std::unique_ptr<WritableFile> segment_;  // Touched only by the leader.
  uint64_t segment_size_ = 0;
};

}  // namespace larder::analytics
