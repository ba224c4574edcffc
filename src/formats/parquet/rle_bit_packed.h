// Parquet's bit-level encodings: LSB-first bit unpacking, the RLE / bit-packed hybrid (repetition
// and definition levels, booleans, dictionary indices) and the deprecated MSB-first BIT_PACKED
// levels.
//
// The hybrid is a sequence of runs, each starting with a ULEB128 header h:
//   h & 1 == 1   a bit-packed run of (h >> 1) groups of 8 values, `bit_width` bits each, packed
//                from the least significant bit of each byte up;
//   h & 1 == 0   an RLE run: (h >> 1) repetitions of one value stored little-endian in
//                ceil(bit_width / 8) bytes.
// Where a 4-byte length precedes the runs (levels of v1 pages, RLE booleans) the caller strips it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace larder::formats::parquet {

// Unpacks `count` values of `bit_width` bits (0 to 64) starting at value `first` from LSB-first
// packed `data`. REQUIRES: data holds at least ceil((first + count) * bit_width / 8) bytes.
void UnpackBits(const uint8_t* data, size_t data_bytes, int bit_width, size_t first, size_t count,
                uint64_t* out);
void UnpackBits(const uint8_t* data, size_t data_bytes, int bit_width, size_t first, size_t count,
                uint32_t* out);
void UnpackBits(const uint8_t* data, size_t data_bytes, int bit_width, size_t first, size_t count,
                uint8_t* out);

// Reads values from the runs of the hybrid encoding, in calls of any size.
class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder() = default;
  // REQUIRES: 0 <= bit_width <= 32. `data` must outlive the decoder.
  RleBitPackedDecoder(std::string_view data, int bit_width) : data_(data), bit_width_(bit_width) {}

  // Writes the next `count` values to `out`. kCorruption when the runs end first. A bit-packed
  // run cut short by the end of the data yields the values it holds.
  Status Get(uint8_t* out, size_t count) { return GetValues(out, count); }
  Status Get(uint32_t* out, size_t count) { return GetValues(out, count); }

  // Skips the next `count` values.
  Status Skip(size_t count);

 private:
  template <typename T>
  Status GetValues(T* out, size_t count);
  Status NextRun();

  std::string_view data_;
  size_t pos_ = 0;
  int bit_width_ = 0;
  // The current run: an RLE run of `rle_value_`, or bit-packed values at packed_[packed_next_…).
  bool in_rle_ = false;
  uint64_t run_left_ = 0;
  uint32_t rle_value_ = 0;
  const uint8_t* packed_ = nullptr;
  size_t packed_bytes_ = 0;
  size_t packed_next_ = 0;
};

// Decodes `count` values of the deprecated BIT_PACKED level encoding (MSB first, no header) from
// the start of `data`; `*used` gets the bytes they take. REQUIRES: bit_width <= 8.
Status DecodeLegacyBitPacked(std::string_view data, int bit_width, size_t count, uint8_t* out,
                             size_t* used);

// The number of bits needed to hold `max_value` (0 for 0).
inline int BitWidthOf(uint64_t max_value) {
  return max_value == 0 ? 0 : 64 - __builtin_clzll(max_value);
}

}  // namespace larder::formats::parquet
