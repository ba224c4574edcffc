// Table: a directory holding a versioned manifest and immutable parts. Readers pin a snapshot;
// writers commit a new version atomically (temp file, fsync, rename, fsync dir). Parts that no
// version or snapshot uses any more are deleted.
#pragma once

#include <atomic>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/file_system.h"
#include "common/thread_pool.h"
#include "storage/part_reader.h"
#include "storage/table_manifest.h"

namespace larder::storage {

// What a table needs from the outside world; all pointers are borrowed and must outlive it.
struct StorageEnv {
  FileSystem* fs = nullptr;
  ThreadPool* pool = nullptr;  // May be null: work then runs on the calling thread.
  const Clock* clock = nullptr;
};

class PartRegistry;
class TableWriter;

// One committed version of a table, pinned: its parts stay on disk while it lives.
class TableSnapshot {
 public:
  ~TableSnapshot();
  const std::string& table_name() const { return table_name_; }
  uint64_t version() const { return manifest_.version; }
  const TableManifest& manifest() const { return manifest_; }
  Schema schema() const { return manifest_.schema(); }
  uint64_t row_count() const { return manifest_.row_count(); }
  // Parallel to manifest().parts.
  const std::vector<std::shared_ptr<const PartReader>>& parts() const { return parts_; }
  const std::string& metadata(const std::string& key) const;

 private:
  friend class Table;
  TableSnapshot() = default;
  std::string table_name_;
  TableManifest manifest_;
  std::vector<std::shared_ptr<const PartReader>> parts_;
  std::shared_ptr<PartRegistry> registry_;
};

// A change to commit on top of whatever version is current at commit time.
struct CommitDelta {
  std::vector<std::shared_ptr<const PartReader>> added_parts;
  std::vector<std::string> removed_parts;  // Each must still be in the table, else kConflict.
  bool replace_all = false;                // Drop every part present at commit (full refresh).
  std::vector<TableColumn> added_columns;  // Ids are assigned at commit.
  std::vector<std::pair<std::string, LogicalType>> widened_columns;
  std::map<std::string, std::string> metadata;  // Keys set (overwritten) by this commit.
};

struct CompactionPolicy {
  uint64_t small_part_rows = 256 * 1024;  // Parts with fewer rows are merge candidates.
  size_t min_parts = 4;                   // Merge only when at least this many are small.
  uint64_t max_merge_rows = 4 << 20;      // Rows merged by one compaction at most.
};

class Table {
 public:
  // Creates the table directory `dir` with version 1 (no rows).
  static Result<std::unique_ptr<Table>> Create(const StorageEnv& env, const std::string& dir,
                                               const std::string& name, const Schema& schema,
                                               const std::vector<std::string>& sort_key,
                                               const TableSettings& settings);
  // Opens the latest committed version; removes leftovers of interrupted commits.
  static Result<std::unique_ptr<Table>> Open(const StorageEnv& env, const std::string& dir,
                                             const std::string& name);
  // Waits for a running background compaction. REQUIRES: no snapshot outlives the table's
  // StorageEnv.
  ~Table();

  const std::string& name() const { return name_; }
  const std::string& dir() const { return dir_; }
  const StorageEnv& env() const { return env_; }
  std::shared_ptr<const TableSnapshot> Snapshot() const;

  // A write transaction against the current version. Not thread-safe itself; many may run.
  std::unique_ptr<TableWriter> NewWriter();
  // Schema evolution without rewriting data: old parts read the new column as NULL, and
  // widened columns are converted when read.
  Status AddColumn(const std::string& name, const LogicalType& type);
  Status WidenColumn(const std::string& name, const LogicalType& type);

  // Merges small parts into one (sorted by the sort key). Returns whether it merged anything.
  Result<bool> CompactOnce(const CompactionPolicy& policy);
  // After each commit that adds parts, runs CompactOnce on env().pool until nothing is left.
  void EnableBackgroundCompaction(const CompactionPolicy& policy);
  void WaitForBackgroundCompaction();
  // Reads every block of the current version, verifying checksums.
  Status Verify() const;

  // For TableWriter: commits `delta` as the next version.
  Status Commit(CommitDelta delta);
  std::string NewPartFileName();
  std::string PartPath(const std::string& file_name) const;
  // True after a commit failed in a way that leaves its outcome on disk unknown.
  bool broken();

 private:
  Table(const StorageEnv& env, std::string dir, std::string name);
  Result<TableManifest> ApplyDelta(const TableManifest& base, const CommitDelta& delta) const;
  Status WriteManifest(const TableManifest& manifest);
  std::shared_ptr<const TableSnapshot> MakeSnapshot(
      TableManifest manifest, std::vector<std::shared_ptr<const PartReader>> parts);
  Status RemoveLeftovers(uint64_t version);
  void ScheduleCompaction();

  StorageEnv env_;
  std::string dir_;
  std::string name_;
  std::shared_ptr<PartRegistry> registry_;
  mutable std::mutex state_mutex_;  // Guards current_.
  std::shared_ptr<const TableSnapshot> current_;
  std::mutex commit_mutex_;  // Serializes commits; readers never take it.
  Status broken_;            // Set when a commit's outcome on disk is unknown.
  std::mutex compaction_mutex_;
  std::optional<CompactionPolicy> background_policy_;
  bool compaction_running_ = false;
  std::future<void> compaction_done_;
  std::atomic<uint64_t> part_counter_{0};
};

}  // namespace larder::storage
