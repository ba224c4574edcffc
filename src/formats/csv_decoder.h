// CsvDecoder: a CSV file (header row, then records) as import sees it — column names from the
// header, types inferred from the fields, and chunks decoded into typed batches.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/csv_reader.h"
#include "formats/text_decoder.h"

namespace larder::formats {

class CsvDecoder : public TextDecoder {
 public:
  // Reads the header row of `data` (after a UTF-8 byte order mark, if any). Fails on a file
  // without a header and on a header that names a column twice; an empty name becomes
  // "column<N>" (N counting from 1). REQUIRES: `data` outlives the decoder.
  static Result<std::unique_ptr<CsvDecoder>> Open(std::string file_name, std::string_view data,
                                                  const CsvOptions& options);

  const std::string& file_name() const override { return file_name_; }
  size_t data_begin() const override { return data_begin_; }
  uint64_t data_first_line() const override { return data_first_line_; }
  bool records_span_lines() const override { return true; }
  const std::vector<std::string>& fixed_columns() const override { return header_; }

  std::vector<TextChunk> SplitAtRecords(const TextChunk& rest, size_t target_bytes) const override;
  Status Infer(const TextChunk& chunk, ChunkInference* inference) const override;
  Status Decode(const TextChunk& chunk, const DecodePlan& plan,
                DecodedChunk* decoded) const override;

 private:
  CsvDecoder(std::string file_name, const CsvOptions& options)
      : file_name_(std::move(file_name)), options_(options) {}
  Status WrongFieldCount(uint64_t line, size_t fields) const;

  std::string file_name_;
  CsvOptions options_;
  std::vector<std::string> header_;
  size_t data_begin_ = 0;
  uint64_t data_first_line_ = 1;
};

}  // namespace larder::formats
