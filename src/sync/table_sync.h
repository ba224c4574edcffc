// TableSync: one sync of one source table into one Larder table — the heart of the sync engine.
// full_refresh reads everything and swaps it in atomically; append reads the rows whose
// replication key is at or past the cursor, skips the rows at the cursor already loaded, and
// commits data and cursor together in checkpoints, so a sync killed half-way resumes from the
// last checkpoint with nothing lost and nothing doubled; incremental does what append does and
// in each checkpoint's commit drops the older versions of the rows it loads (merge on the
// primary key: the latest version wins).
//
// Commit metadata kept on the table (storage/table.h):
//   sync.cursor           the replication key's highest loaded value (Value::Serialize, hex)
//   sync.cursor_text      the same as text, for people
//   sync.boundary_hashes  hashes of the loaded rows whose key equals the cursor, hex, sorted
//   sync.object_hashes    tables made of objects (buckets): hashes of the loaded objects' key and
//                         ETag, hex, sorted — append loads the objects not among them
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "catalog/source_entries.h"
#include "sources/source.h"
#include "storage/table.h"

namespace larder::sync {

struct TableSyncRequest {
  sources::Source* source = nullptr;
  std::string source_table;
  catalog::SyncType sync_type = catalog::SyncType::kFullRefresh;
  std::string cursor_column;  // The replication key (append, incremental); empty otherwise.
  std::vector<std::string> primary_key;  // Incremental: the columns rows are merged on.
  // The source table is made of objects (SourceTable::appends_by_object): append loads the
  // objects not loaded before, committing after whole objects, and takes no cursor column.
  // Such tables keep the columns they were created with: files are read into them.
  bool appends_by_object = false;
  storage::Table* table = nullptr;     // REQUIRES: its columns are the source table's.
  uint64_t checkpoint_rows = 1 << 20;  // Append: commit data and cursor every this many rows.
  size_t batch_rows = 65536;
  // Append / incremental: forget the cursor and load everything again, swapped in atomically in
  // one commit (the old rows stay until it succeeds).
  bool resync = false;
  // Rows and bytes read so far, after each batch.
  std::function<void(uint64_t rows, uint64_t bytes)> progress;
  const std::atomic<bool>* cancel = nullptr;  // Set to stop: kCancelled, last checkpoint kept.
};

struct TableSyncResult {
  uint64_t rows = 0;              // Rows written to the table.
  uint64_t bytes = 0;             // Bytes of the rows read, roughly.
  uint64_t skipped_boundary = 0;  // Rows at the cursor that an earlier sync had loaded.
  uint64_t null_key_rows = 0;     // Append: rows whose key is NULL, not loaded (documented).
  uint64_t replaced_rows = 0;     // Incremental: older versions of rows dropped by the merge.
  uint64_t objects = 0;           // Tables made of objects: objects loaded.
  uint64_t skipped_objects = 0;   // Append of objects: objects an earlier sync had loaded.
  std::string cursor_before;      // As text; empty when there was none.
  std::string cursor_after;
};

// Runs one sync. On failure the table keeps its last committed version: for a full refresh the
// old rows, for append the last checkpoint.
Result<TableSyncResult> SyncTable(const TableSyncRequest& request);

}  // namespace larder::sync
