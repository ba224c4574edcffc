// PartWriter: turns a batch of rows into one immutable part file (format in part_format.h),
// encoding and compressing column blocks in parallel.
#pragma once

#include <string>
#include <vector>

#include "common/file_system.h"
#include "common/thread_pool.h"
#include "storage/part_format.h"
#include "types/column_vector.h"

namespace larder::storage {

struct PartWriteOptions {
  size_t block_rows = 65536;
  Compression compression = Compression::kZstd;
  int compression_level = 1;
  // JSON columns (event properties) are read whole by every query on a property, so their
  // blocks use lz4 (ClickHouse's default codec), which decompresses about 3× faster than zstd
  // for about 1.6× the bytes, whenever `compression` is not kNone.
  Compression json_compression = Compression::kLz4;
  // A block is stored compressed only when that saves at least this fraction of its bytes, so
  // blocks that are already compact (bit-packed integers) stay fast to read.
  double min_compression_saving = 0.15;
  ThreadPool* pool = nullptr;  // Not owned; null = encode on the calling thread.
};

// Writes `batch` (already in its final row order) to `path` and syncs the file. `column_ids[i]`
// is the table's id of batch column i. Returns the footer that was written.
Result<PartFooter> WritePart(FileSystem* fs, const std::string& path, const Batch& batch,
                             const std::vector<uint32_t>& column_ids,
                             const PartWriteOptions& options);

}  // namespace larder::storage
