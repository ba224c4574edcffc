// ColumnChunkReader: the pages of one column chunk — an optional dictionary page, then data pages
// (v1 or v2) — decompressed and decoded in calls of any size, into a column (flat columns) or
// into levels and dense values (nested ones, for nested_assembler.h).
//
// A data page v1 (all of it compressed): [repetition levels][definition levels][values], each
// level section a 4-byte length then the RLE / bit-packed hybrid (or the deprecated BIT_PACKED
// without a length). A data page v2: the level sections uncompressed, without lengths (the page
// header gives them), then the values, compressed when is_compressed. Levels are present only when
// the column's maximum level is above 0. Values exist for the entries whose definition level is
// the maximum.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "formats/parquet/buffer_pool.h"
#include "formats/parquet/page_values.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_schema.h"
#include "formats/parquet/value_conversion.h"
#include "types/column_vector.h"

namespace larder::formats::parquet {

// A dictionary page may hold at most this many values.
inline constexpr int64_t kMaxDictionaryValues = int64_t{1} << 24;

class ColumnChunkReader {
 public:
  // `bytes` holds the chunk from its first page to its end; `num_values` is the chunk's count of
  // level entries; `context` ("FILE: column `c`, row group 3") starts every error message. The
  // reader takes its page buffer from `pool` and gives it and `bytes` back when destroyed.
  // REQUIRES: `leaf` and `pool` (may be null) outlive the reader.
  ColumnChunkReader(const LeafColumn* leaf, Codec codec, int64_t num_values, std::string bytes,
                    std::string context, BufferPool* pool);
  ~ColumnChunkReader();
  ColumnChunkReader(const ColumnChunkReader&) = delete;
  ColumnChunkReader& operator=(const ColumnChunkReader&) = delete;

  // For columns without repetition levels: appends the next `rows` values to `out` (of the
  // leaf's value type, Nullable when the column is optional), NULL where a row has no value.
  // Strings read into an empty `out` from dictionary-encoded pages come out dictionary-encoded.
  Status ReadRows(size_t rows, ColumnVector* out);

  // The next `count` level entries: appends their levels to `definition` and `repetition` (0s
  // when the column has none) and the values of the entries that have one to `values` (of the
  // leaf's value type, never NULL).
  Status ReadEntries(size_t count, std::vector<uint8_t>* definition,
                     std::vector<uint8_t>* repetition, ColumnVector* values);

  // Level entries the chunk's metadata says are left.
  uint64_t entries_left() const { return num_values_ - entries_read_; }

 private:
  // Where a page's levels come from: the hybrid, or values decoded up front (BIT_PACKED).
  struct LevelSource {
    RleBitPackedDecoder rle;
    std::vector<uint8_t> decoded;
    size_t next = 0;
    bool legacy = false;
  };

  Status NextDataPage();
  Status ReadDictionaryPage(const PageHeader& header, std::string_view page);
  Status StartPageV1(const PageHeader& header, std::string_view page);
  Status StartPageV2(const PageHeader& header, std::string_view page);
  // Sets up `source` for `count` levels of up to `max_level` from the start of `*data` (with a
  // 4-byte length when `length_prefixed`), and removes them from `*data`.
  Status StartLevels(Encoding encoding, uint8_t max_level, bool length_prefixed,
                     std::string_view* data, LevelSource* source);
  Status StartValues(Encoding encoding, std::string_view data);
  Status ReadLevels(LevelSource* source, uint8_t max_level, uint8_t* out, size_t count);
  // ReadRows for string columns into an empty `out`: while pages are dictionary-encoded, makes
  // `out` a dictionary vector of their rows; `*done` counts them.
  Status ReadDictionaryRows(size_t rows, size_t* done, ColumnVector* out);
  // Appends the next `count` rows of the current page to `out` (ReadRows).
  Status AppendRows(size_t count, ColumnVector* out);
  // Appends `count` dense values of the current page to `out`.
  Status AppendDense(size_t count, ColumnVector* out);
  // The next `count` values of the current page as text (string-valued leaves).
  Status DenseStrings(size_t count);
  Status Error(const Status& status) const;

  const LeafColumn* leaf_;
  Codec codec_;
  uint64_t num_values_;
  std::string bytes_;
  std::string context_;
  BufferPool* pool_;
  size_t pos_ = 0;  // In bytes_, of the next page header.
  int page_index_ = -1;
  uint64_t entries_read_ = 0;

  std::string page_buffer_;  // The current page, decompressed.
  uint64_t page_left_ = 0;   // Level entries of the current page not read yet.
  LevelSource repetition_;
  LevelSource definition_;
  PageValueDecoder values_;
  // The dictionary page's values (of the leaf's value type), once read; shared with the
  // dictionary-encoded columns ReadRows returns.
  std::shared_ptr<const ColumnVector> dictionary_;

  ConversionBuffers buffers_;
  std::vector<uint8_t> levels_;
  std::vector<uint32_t> indices_;
  std::vector<std::string_view> views_;
};

}  // namespace larder::formats::parquet
