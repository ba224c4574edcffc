// Parquet's delta encodings: DELTA_BINARY_PACKED (integers), DELTA_LENGTH_BYTE_ARRAY and
// DELTA_BYTE_ARRAY (byte arrays, the latter also fixed-length ones).
//
// DELTA_BINARY_PACKED: a header <block size> <miniblocks per block> <value count> <first value>
// (ULEB128, the first value zigzag), then blocks of <min delta (zigzag)> <one bit-width byte per
// miniblock> <miniblocks>, each miniblock holding (block size / miniblocks) deltas minus the min
// delta, bit-packed LSB first. The last miniblock used is padded to full size; miniblocks after it
// take no bytes. Arithmetic wraps around (two's complement).
// DELTA_LENGTH_BYTE_ARRAY: the lengths DELTA_BINARY_PACKED, then the bytes of all values.
// DELTA_BYTE_ARRAY: the lengths of the prefixes shared with the previous value
// DELTA_BINARY_PACKED, then the suffixes DELTA_LENGTH_BYTE_ARRAY.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace larder::formats::parquet {

class DeltaBinaryPackedDecoder {
 public:
  // Reads the header at the start of `data`, which must outlive the decoder.
  Status Init(std::string_view data);
  // The count the header gives.
  uint64_t total_values() const { return total_values_; }
  uint64_t values_left() const { return total_values_ - values_read_; }

  // The next `count` values; kCorruption past the end or on malformed blocks. int32 values
  // wrap as 32-bit integers.
  Status Get(int32_t* out, size_t count) { return GetValues(out, count); }
  Status Get(int64_t* out, size_t count) { return GetValues(out, count); }

  // Reads the values left and returns the offset just past the encoded data.
  Result<size_t> Finish();

 private:
  template <typename T>
  Status GetValues(T* out, size_t count);
  Status ReadVarint(uint64_t* value);
  Status NextBlock();
  Status NextMiniblock();

  std::string_view data_;
  size_t pos_ = 0;
  uint64_t values_per_block_ = 0;
  uint64_t miniblocks_per_block_ = 0;
  uint64_t values_per_miniblock_ = 0;
  uint64_t total_values_ = 0;
  uint64_t values_read_ = 0;
  uint64_t last_value_ = 0;
  // The current block and miniblock.
  uint64_t min_delta_ = 0;
  std::vector<uint8_t> bit_widths_;
  size_t miniblock_index_ = 0;    // Of the next miniblock to load in the block.
  std::vector<uint64_t> deltas_;  // The current miniblock's deltas (min delta added).
  size_t delta_next_ = 0;
};

// Reads DELTA_LENGTH_BYTE_ARRAY values, in calls of any size.
class DeltaLengthByteArrayDecoder {
 public:
  // Reads the lengths' header at the start of `data` (which must outlive the decoder) and finds
  // where the bytes of the values start.
  Status Init(std::string_view data);
  uint64_t total_values() const { return lengths_.total_values(); }
  // The next `count` values, as views of the data.
  Status Get(size_t count, std::vector<std::string_view>* values);

 private:
  DeltaBinaryPackedDecoder lengths_;
  std::vector<int32_t> length_buffer_;
  std::string_view bytes_;  // The values' bytes not read yet.
};

// Reads DELTA_BYTE_ARRAY values, in calls of any size.
class DeltaByteArrayDecoder {
 public:
  // Reads the headers at the start of `data`, which must outlive the decoder.
  Status Init(std::string_view data);
  uint64_t total_values() const { return prefixes_.total_values(); }
  // The next `count` values. They are rebuilt in a buffer of the decoder: the views stay valid
  // until the next call. kResourceExhausted when they would take more than `max_bytes`.
  Status Get(size_t count, std::vector<std::string_view>* values, size_t max_bytes);

 private:
  DeltaBinaryPackedDecoder prefixes_;
  DeltaLengthByteArrayDecoder suffixes_;
  std::vector<int32_t> prefix_buffer_;
  std::vector<std::string_view> suffix_buffer_;
  std::string previous_;
  std::string storage_;
};

}  // namespace larder::formats::parquet
