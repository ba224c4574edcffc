// ParquetReader: reads a Parquet file through a ByteSource — a local file or a bucket object —
// fetching only what it needs: the footer when opened, then the column chunks of the columns and
// row groups asked for, one ranged read each. Columns come out as Larder Batches.
//
// The file: "PAR1", the column chunks of each row group, the footer (FileMetaData in Thrift's
// compact protocol, thrift_compact.h), the footer's length (4 bytes little-endian), "PAR1".
// How Parquet types become Larder types is in parquet_schema.h.
//
// Every error names the file, and when it is about data the column and the row group (and the
// page); a malformed file gives kCorruption (kInvalidArgument for a value Larder cannot hold,
// kNotImplemented for a feature this reader lacks: encryption, an unsupported codec or column),
// never a crash or a wrong row.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/byte_source.h"
#include "common/status.h"
#include "formats/parquet/buffer_pool.h"
#include "formats/parquet/column_chunk_reader.h"
#include "formats/parquet/nested_column_reader.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_schema.h"
#include "formats/parquet/parquet_statistics.h"
#include "types/column_vector.h"

namespace larder::formats::parquet {

// A footer may be at most this large.
inline constexpr uint32_t kMaxFooterBytes = 64 << 20;
// A batch size for RowGroupReader::Next that suits Larder's typed loops.
inline constexpr size_t kDefaultBatchRows = 65536;

struct RowGroupInfo {
  int64_t num_rows = 0;
  uint64_t compressed_bytes = 0;  // Of its column chunks.
  // Per column (ParquetReader::schema() order): statistics of flat columns; nested ones have
  // none.
  std::vector<ColumnStatistics> columns;
};

// Reads the rows of some columns of one row group, a batch at a time. Not thread-safe; several
// may run at once on one ParquetReader, which must outlive them.
class RowGroupReader {
 public:
  // Fills `batch` with the next at most `max_rows` rows (its schema: the columns asked for, in
  // that order). Returns false, leaving `batch` alone, when every row has been read. String
  // columns whose pages are dictionary-encoded come out as dictionary vectors sharing the
  // chunk's dictionary.
  Result<bool> Next(size_t max_rows, Batch* batch);
  uint64_t rows_left() const { return rows_left_; }

 private:
  friend class ParquetReader;
  struct Column {
    std::unique_ptr<ColumnChunkReader> flat;     // A flat column's chunk, or
    std::unique_ptr<NestedColumnReader> nested;  // a nested one's leaves.
  };

  Schema schema_;
  std::vector<Column> columns_;
  uint64_t rows_left_ = 0;
};

class ParquetReader {
 public:
  // Reads and checks the footer of `source`: kCorruption when it is not a Parquet file (bad
  // magic at either end), is truncated or its footer is malformed; kNotImplemented for encrypted
  // files or column chunks kept in other files.
  static Result<std::unique_ptr<ParquetReader>> Open(std::unique_ptr<ByteSource> source);

  const std::string& file_name() const { return source_->name(); }
  // The file's top-level columns as Larder columns.
  const Schema& schema() const { return larder_schema_; }
  const ParquetSchema& parquet_schema() const { return schema_; }
  const FileMetaData& metadata() const { return metadata_; }
  uint64_t num_rows() const { return num_rows_; }
  size_t num_row_groups() const { return row_groups_.size(); }
  const RowGroupInfo& row_group(size_t index) const { return row_groups_[index]; }

  // Fetches the chunks of `columns` (indexes into schema().fields, any order, no repeats) in
  // row group `row_group` and returns a reader of their rows. kInvalidArgument for an index out
  // of range; kNotImplemented naming a column this reader cannot read. Thread-safe.
  Result<std::unique_ptr<RowGroupReader>> ReadRowGroup(size_t row_group,
                                                       const std::vector<int>& columns) const;

 private:
  ParquetReader(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}
  Status ReadFooter();
  Status CheckRowGroups(uint64_t data_end);
  // The bytes [begin, begin + length) of a leaf's chunk in a row group.
  void ChunkRange(const ColumnMetaData& meta, uint64_t* begin, uint64_t* length) const;
  Result<std::unique_ptr<ColumnChunkReader>> OpenChunk(size_t row_group, int leaf) const;
  std::string Context(size_t row_group, std::string_view column) const;

  std::unique_ptr<ByteSource> source_;
  FileMetaData metadata_;
  ParquetSchema schema_;
  Schema larder_schema_;
  uint64_t num_rows_ = 0;
  std::vector<RowGroupInfo> row_groups_;
  mutable BufferPool buffers_;  // Column chunks' bytes and page buffers, reused.
};

}  // namespace larder::formats::parquet
