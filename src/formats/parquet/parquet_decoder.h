// ParquetDecoder: a Parquet file as `larder import` sees it — the column types its schema
// declares (parquet_schema.h) and one chunk per row group, decoded into a typed Batch. Plugs the
// Parquet reader into the import pipeline that CSV and JSON lines use (text_decoder.h).
//
// A chunk of a Parquet file stands for one row group: `first_line` holds the row group's index
// and [begin, end) its place among the file's column data, counted in compressed bytes (for
// progress). Chunks are never re-split.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/parquet_reader.h"
#include "formats/text_decoder.h"

namespace larder::formats::parquet {

class ParquetDecoder : public TextDecoder {
 public:
  // Reads the footer of the Parquet file `data` (the whole file, named `file_name` in messages):
  // errors as ParquetReader::Open. REQUIRES: `data` outlives the decoder.
  static Result<std::unique_ptr<ParquetDecoder>> Open(std::string file_name, std::string_view data);

  // One chunk per row group of the file whose bytes are `data` (the whole file).
  std::vector<TextChunk> Chunks(std::string_view data) const;

  const std::string& file_name() const override { return reader_->file_name(); }
  size_t data_begin() const override { return 0; }
  uint64_t data_first_line() const override { return 0; }
  bool records_span_lines() const override { return false; }
  const std::vector<std::string>& fixed_columns() const override { return names_; }
  const Schema* declared_schema() const override { return &reader_->schema(); }

  std::vector<TextChunk> SplitAtRecords(const TextChunk& rest, size_t target_bytes) const override;
  // Not used: the types are declared. Reports the chunk's row count only.
  Status Infer(const TextChunk& chunk, ChunkInference* inference) const override;
  // Reads the chunk's row group into plan.schema's columns, converting a file column to a wider
  // table type (IsWideningConversion) and filling table columns the file lacks with NULL.
  // kInvalidArgument naming the file and column when a type does not convert or a column is
  // missing.
  Status Decode(const TextChunk& chunk, const DecodePlan& plan,
                DecodedChunk* decoded) const override;

 private:
  explicit ParquetDecoder(std::unique_ptr<ParquetReader> reader);

  std::unique_ptr<ParquetReader> reader_;
  std::vector<std::string> names_;
};

}  // namespace larder::formats::parquet
