// NdjsonDecoder: a JSON-lines file as import sees it — one column per top-level key (in the
// order keys first appear; a key missing from a line is NULL there), types inferred from the
// values, and chunks decoded into typed batches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "formats/text_decoder.h"

namespace larder::formats {

class NdjsonDecoder : public TextDecoder {
 public:
  // `data` is the file, for skipping a UTF-8 byte order mark at its start.
  NdjsonDecoder(std::string file_name, std::string_view data)
      : file_name_(std::move(file_name)), data_begin_(ByteOrderMarkLength(data)) {}

  const std::string& file_name() const override { return file_name_; }
  size_t data_begin() const override { return data_begin_; }
  uint64_t data_first_line() const override { return 1; }
  bool records_span_lines() const override { return false; }
  const std::vector<std::string>& fixed_columns() const override { return no_fixed_columns_; }

  // Lines never span lines: the same as SplitIntoChunks.
  std::vector<TextChunk> SplitAtRecords(const TextChunk& rest, size_t target_bytes) const override {
    return SplitIntoChunks(rest.data, rest.begin, rest.first_line, target_bytes,
                           /*quote_aware=*/false, nullptr);
  }
  Status Infer(const TextChunk& chunk, ChunkInference* inference) const override;
  Status Decode(const TextChunk& chunk, const DecodePlan& plan,
                DecodedChunk* decoded) const override;

 private:
  std::string file_name_;
  size_t data_begin_;
  std::vector<std::string> no_fixed_columns_;
};

}  // namespace larder::formats
