// TextDecoder: what `larder import` needs from a text format — the column types a chunk of a
// file suggests, and a chunk decoded into a typed Batch. CsvDecoder and NdjsonDecoder implement
// it, and parquet::ParquetDecoder for Parquet files, whose chunks are row groups;
// warehouse/table_import.cpp runs them over chunks in parallel.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "formats/text_chunks.h"
#include "formats/type_inference.h"
#include "types/column_vector.h"

namespace larder::formats {

// The columns one chunk holds and what their values suggest.
struct ChunkInference {
  uint64_t rows = 0;
  std::vector<std::string> names;            // In the order the file first names them.
  std::vector<ColumnTypeInference> columns;  // Parallel to `names`.
  ChunkEnd end;
};

// What to decode into: the columns of the rows to write, by name. A column of `schema` that a
// file does not have is filled with NULL (it must be Nullable); a file column `schema` lacks is
// an error naming `table_name`.
struct DecodePlan {
  std::string table_name;
  Schema schema;
};

struct DecodedChunk {
  Batch batch;
  ChunkEnd end;
};

class TextDecoder {
 public:
  virtual ~TextDecoder() = default;
  virtual const std::string& file_name() const = 0;
  // Where the records start (after a header) and that offset's line number.
  virtual size_t data_begin() const = 0;
  virtual uint64_t data_first_line() const = 0;
  // True when a record may span lines (CSV's quoted fields), so splits must mind quotes.
  virtual bool records_span_lines() const = 0;
  // The columns every record has (a CSV header), or empty when records name their own (JSON).
  virtual const std::vector<std::string>& fixed_columns() const = 0;
  // The column types the file declares (Parquet), used instead of inferring them; null when
  // they must be inferred (text).
  virtual const Schema* declared_schema() const { return nullptr; }

  // Splits data[rest.begin, …) (rest.begin at a record boundary) into chunks of about
  // `target_bytes` by reading the records one after another: slower than SplitIntoChunks, but
  // exact where quotes made that one split inside a record. A malformed record ends the
  // splitting; the last chunk then runs to the end and reading it reports the error.
  virtual std::vector<TextChunk> SplitAtRecords(const TextChunk& rest,
                                                size_t target_bytes) const = 0;

  // Both are thread-safe. Errors are kInvalidArgument "FILE:LINE: …".
  virtual Status Infer(const TextChunk& chunk, ChunkInference* inference) const = 0;
  virtual Status Decode(const TextChunk& chunk, const DecodePlan& plan,
                        DecodedChunk* decoded) const = 0;
};

}  // namespace larder::formats
