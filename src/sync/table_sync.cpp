#include "sync/table_sync.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_set>

#include "common/coding.h"
#include "common/hash.h"
#include "common/hex.h"
#include "storage/table_writer.h"
#include "sync/merge_on_key.h"

namespace larder::sync {
namespace {

constexpr const char* kCursorKey = "sync.cursor";
constexpr const char* kCursorTextKey = "sync.cursor_text";
constexpr const char* kBoundaryKey = "sync.boundary_hashes";
constexpr const char* kObjectsKey = "sync.object_hashes";

std::string HashesHex(const std::set<uint64_t>& hashes) {
  std::string hex;
  hex.reserve(hashes.size() * 16);
  for (uint64_t hash : hashes) hex += fmt::format("{:016x}", hash);
  return hex;
}

std::set<uint64_t> ParseHashesHex(const std::string& hex) {
  std::set<uint64_t> hashes;
  for (size_t i = 0; i + 16 <= hex.size(); i += 16) {
    hashes.insert(std::stoull(hex.substr(i, 16), nullptr, 16));
  }
  return hashes;
}

// The replication state an append sync carries from checkpoint to checkpoint.
struct CursorState {
  Value cursor;                 // NULL before the first row.
  std::set<uint64_t> boundary;  // Hashes of loaded rows whose key equals `cursor`.

  Status Load(const storage::TableSnapshot& snapshot) {
    const std::string& cursor_hex = snapshot.metadata(kCursorKey);
    if (cursor_hex.empty()) return Status::OK();
    LARDER_ASSIGN_OR_RETURN(std::string bytes, HexDecode(cursor_hex, "sync cursor"));
    BinaryReader reader(bytes, "sync cursor");
    LARDER_RETURN_IF_ERROR(Value::Deserialize(&reader, &cursor));
    boundary = ParseHashesHex(snapshot.metadata(kBoundaryKey));
    return Status::OK();
  }

  void Save(const LogicalType& type, storage::TableWriter* writer) const {
    std::string bytes;
    BinaryWriter encoder(&bytes);
    cursor.Serialize(&encoder);
    writer->SetMetadata(kCursorKey, HexEncode(bytes));
    writer->SetMetadata(kCursorTextKey, cursor.is_null() ? "" : cursor.ToString(type));
    writer->SetMetadata(kBoundaryKey, HashesHex(boundary));
  }
};

// A stable hash of every value of `row`.
uint64_t RowHash(const Batch& batch, size_t row) {
  std::string bytes;
  BinaryWriter writer(&bytes);
  for (const ColumnVector& column : batch.columns) column.GetValue(row).Serialize(&writer);
  return HashBytes(bytes.data(), bytes.size());
}

uint64_t ApproximateBytes(const Batch& batch) {
  uint64_t bytes = 0;
  for (const ColumnVector& column : batch.columns) {
    bytes += column.chars().empty() ? 8 * column.size() : column.chars().size();
  }
  return bytes;
}

Batch KeepRows(const Batch& batch, const std::vector<uint32_t>& rows) {
  Batch kept{batch.schema, {}};
  for (const ColumnVector& column : batch.columns) kept.columns.push_back(column.Take(rows));
  return kept;
}

Status CheckCancelled(const TableSyncRequest& request) {
  if (request.cancel != nullptr && request.cancel->load()) {
    return Cancelled("the sync of {} was cancelled", request.source_table);
  }
  return Status::OK();
}

Result<TableSyncResult> FullRefresh(const TableSyncRequest& request) {
  TableSyncResult result;
  auto writer = request.table->NewWriter();
  writer->ReplaceAll();
  sources::ReadRequest read{request.source_table, "", std::nullopt, request.batch_rows};
  read.cancel = request.cancel;
  if (request.appends_by_object) read.columns = request.table->Snapshot()->schema();
  std::set<uint64_t> objects;  // A full refresh of objects starts the appends' record anew.
  read.object_done = [&](const std::string& id) {
    objects.insert(HashBytes(id.data(), id.size()));
    ++result.objects;
    return Status::OK();
  };
  LARDER_RETURN_IF_ERROR(request.source->Read(read, [&](Batch batch) -> Status {
    LARDER_RETURN_IF_ERROR(CheckCancelled(request));
    result.rows += batch.num_rows();
    result.bytes += ApproximateBytes(batch);
    LARDER_RETURN_IF_ERROR(writer->Append(std::move(batch)));
    if (request.progress) request.progress(result.rows, result.bytes);
    return Status::OK();
  }));
  for (const char* key : {kCursorKey, kCursorTextKey, kBoundaryKey}) writer->SetMetadata(key, "");
  if (request.appends_by_object) writer->SetMetadata(kObjectsKey, HashesHex(objects));
  LARDER_RETURN_IF_ERROR(writer->Commit());
  return result;
}

// Append of a table made of objects: loads the objects whose key and ETag no earlier sync
// loaded, committing the rows of whole objects together with the record of them.
Result<TableSyncResult> AppendObjects(const TableSyncRequest& request) {
  TableSyncResult result;
  std::set<uint64_t> loaded;
  if (!request.resync) {
    loaded = ParseHashesHex(request.table->Snapshot()->metadata(kObjectsKey));
  }
  std::set<uint64_t> objects = loaded;
  std::unique_ptr<storage::TableWriter> writer = request.table->NewWriter();
  if (request.resync) writer->ReplaceAll();
  uint64_t rows_in_checkpoint = 0;
  auto commit = [&]() -> Status {
    writer->SetMetadata(kObjectsKey, HashesHex(objects));
    LARDER_RETURN_IF_ERROR(writer->Commit());
    writer = request.table->NewWriter();
    rows_in_checkpoint = 0;
    return Status::OK();
  };
  sources::ReadRequest read{request.source_table, "", std::nullopt, request.batch_rows};
  read.cancel = request.cancel;
  read.columns = request.table->Snapshot()->schema();
  read.skip_object = [&](const std::string& id) {
    const bool skip = loaded.contains(HashBytes(id.data(), id.size()));
    result.skipped_objects += skip ? 1 : 0;
    return skip;
  };
  read.object_done = [&](const std::string& id) -> Status {
    objects.insert(HashBytes(id.data(), id.size()));
    ++result.objects;
    if (!request.resync && rows_in_checkpoint >= request.checkpoint_rows) return commit();
    return Status::OK();
  };
  LARDER_RETURN_IF_ERROR(request.source->Read(read, [&](Batch batch) -> Status {
    LARDER_RETURN_IF_ERROR(CheckCancelled(request));
    result.rows += batch.num_rows();
    rows_in_checkpoint += batch.num_rows();
    result.bytes += ApproximateBytes(batch);
    LARDER_RETURN_IF_ERROR(writer->Append(std::move(batch)));
    if (request.progress) request.progress(result.rows, result.bytes);
    return Status::OK();
  }));
  LARDER_RETURN_IF_ERROR(commit());
  result.cursor_before = fmt::format("{} files", loaded.size());
  result.cursor_after = fmt::format("{} files", objects.size());
  return result;
}

// Append: what one batch keeps, updating `state`. Rows arrive in ascending key order, so rows at
// the start cursor can only lead the read, and the rows sharing the highest key are a suffix:
// only those rows are hashed.
Batch FilterAppendBatch(const Batch& batch, int key_column, const std::set<uint64_t>& loaded,
                        const Value& start_cursor, bool* past_start, CursorState* state,
                        TableSyncResult* result) {
  const ColumnVector& keys = batch.columns[key_column];
  std::vector<uint32_t> keep;
  keep.reserve(batch.num_rows());
  for (uint32_t row = 0; row < batch.num_rows(); ++row) {
    if (keys.IsNull(row)) {
      ++result->null_key_rows;
      continue;
    }
    if (!*past_start) {
      if (keys.GetValue(row) == start_cursor) {
        if (loaded.count(RowHash(batch, row))) {
          ++result->skipped_boundary;
          continue;
        }
      } else {
        *past_start = true;
      }
    }
    keep.push_back(row);
  }
  if (keep.empty()) return KeepRows(batch, keep);
  const Value last = keys.GetValue(keep.back());
  if (state->cursor.is_null() || last.Compare(state->cursor) == std::partial_ordering::greater) {
    state->cursor = last;
    state->boundary.clear();
  }
  // The rows sharing the highest key so far: remembered so the next sync does not load them
  // again.
  for (size_t i = keep.size(); i-- > 0 && keys.GetValue(keep[i]) == last;) {
    state->boundary.insert(RowHash(batch, keep[i]));
  }
  return KeepRows(batch, keep);
}

Result<TableSyncResult> Append(const TableSyncRequest& request) {
  TableSyncResult result;
  auto snapshot = request.table->Snapshot();
  Schema schema = snapshot->schema();
  const int key_column = schema.FindField(request.cursor_column);
  if (key_column < 0) {
    return InvalidArgument("table {} has no column {} to use as the replication key",
                           request.source_table, request.cursor_column);
  }
  const LogicalType key_type = schema.fields[key_column].type;
  CursorState state;
  if (!request.resync) {
    LARDER_RETURN_IF_ERROR(state.Load(*snapshot));
  }
  const Value start_cursor = state.cursor;
  const std::set<uint64_t> loaded = state.boundary;
  bool past_start = start_cursor.is_null();
  if (!start_cursor.is_null()) result.cursor_before = start_cursor.ToString(key_type);
  // Incremental syncs merge what they load with the rows of earlier syncs. A resync replaces
  // everything in one commit, and a table empty at the start has no earlier rows: one read of
  // the source holds each primary key once, so neither has anything to merge.
  const bool incremental = request.sync_type == catalog::SyncType::kIncremental;
  const bool merge = incremental && !request.resync && snapshot->row_count() > 0;
  std::vector<int> key_columns;
  for (const std::string& name : request.primary_key) {
    int column = schema.FindField(name);
    if (column < 0) {
      return InvalidArgument("table {} has no primary key column {}", request.source_table, name);
    }
    key_columns.push_back(column);
  }
  if (incremental && key_columns.empty()) {
    return InvalidArgument("table {}: incremental sync needs a primary key to merge on",
                           request.source_table);
  }
  std::unordered_set<std::string> checkpoint_keys;  // Primary keys loaded since the last commit.
  std::unique_ptr<storage::TableWriter> writer = request.table->NewWriter();
  if (request.resync) writer->ReplaceAll();
  uint64_t rows_in_checkpoint = 0;
  auto commit = [&]() -> Status {
    if (merge) {
      LARDER_ASSIGN_OR_RETURN(uint64_t dropped,
                              DropOlderVersions(request.table->Snapshot(), request.primary_key,
                                                checkpoint_keys, writer.get()));
      result.replaced_rows += dropped;
      checkpoint_keys.clear();
    }
    state.Save(key_type, writer.get());
    LARDER_RETURN_IF_ERROR(writer->Commit());
    writer = request.table->NewWriter();
    rows_in_checkpoint = 0;
    return Status::OK();
  };
  sources::ReadRequest read{request.source_table, request.cursor_column,
                            start_cursor.is_null() ? std::nullopt : std::optional(start_cursor),
                            request.batch_rows};
  read.cancel = request.cancel;
  LARDER_RETURN_IF_ERROR(request.source->Read(read, [&](Batch batch) -> Status {
    LARDER_RETURN_IF_ERROR(CheckCancelled(request));
    result.bytes += ApproximateBytes(batch);
    Batch kept =
        FilterAppendBatch(batch, key_column, loaded, start_cursor, &past_start, &state, &result);
    result.rows += kept.num_rows();
    rows_in_checkpoint += kept.num_rows();
    if (merge) {
      for (size_t row = 0; row < kept.num_rows(); ++row) {
        checkpoint_keys.insert(RowKey(kept, key_columns, row));
      }
    }
    if (kept.num_rows() > 0) LARDER_RETURN_IF_ERROR(writer->Append(std::move(kept)));
    if (request.progress) request.progress(result.rows, result.bytes);
    if (!request.resync && rows_in_checkpoint >= request.checkpoint_rows) return commit();
    return Status::OK();
  }));
  LARDER_RETURN_IF_ERROR(commit());
  if (!state.cursor.is_null()) result.cursor_after = state.cursor.ToString(key_type);
  return result;
}

}  // namespace

Result<TableSyncResult> SyncTable(const TableSyncRequest& request) {
  switch (request.sync_type) {
    case catalog::SyncType::kFullRefresh:
      return FullRefresh(request);
    case catalog::SyncType::kAppend:
      if (request.appends_by_object && request.cursor_column.empty()) {
        return AppendObjects(request);
      }
      return Append(request);
    case catalog::SyncType::kIncremental:
      if (request.appends_by_object) {
        return InvalidArgument(
            "table {} is made of files and has no primary key to merge on: sync it with "
            "full_refresh or append (which loads the files not loaded before)",
            request.source_table);
      }
      return Append(request);
  }
  return InvalidArgument("unknown sync type");
}

}  // namespace larder::sync
