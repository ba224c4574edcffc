// PageValueDecoder: the values section of one Parquet page, decoded in calls of any size into
// physical values (little-endian numbers, views of byte arrays) or dictionary indices.
//
// Encodings by physical type:
//   PLAIN                    all: numbers little-endian, BOOLEAN bit-packed LSB first, INT96 12
//                            bytes, BYTE_ARRAY a 4-byte length then the bytes, FIXED the bytes
//   RLE                      BOOLEAN: a 4-byte length, then the hybrid with bit width 1
//   PLAIN_DICTIONARY,        all (data pages): a byte with the bit width, then dictionary
//   RLE_DICTIONARY           indices in the RLE / bit-packed hybrid
//   DELTA_BINARY_PACKED      INT32, INT64
//   DELTA_LENGTH_BYTE_ARRAY  BYTE_ARRAY
//   DELTA_BYTE_ARRAY         BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY
//   BYTE_STREAM_SPLIT        INT32, INT64, FLOAT, DOUBLE, FIXED_LEN_BYTE_ARRAY: byte k of value i
//                            at k * (value count) + i
// Anything else fails Init with kCorruption (or kNotImplemented for an encoding parquet.thrift
// does not define), naming the encoding.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "formats/parquet/delta_encoding.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/rle_bit_packed.h"

namespace larder::formats::parquet {

// An INT96 as stored: nanoseconds of the day (8 bytes), then the Julian day (4 bytes).
struct Int96 {
  uint8_t bytes[12];
};

// "PLAIN", "RLE_DICTIONARY", or "encoding 42".
std::string EncodingName(Encoding encoding);
std::string PhysicalTypeName(PhysicalType type);

class PageValueDecoder {
 public:
  // Prepares to decode `data` (which must outlive the decoder) holding values of `physical`
  // (`type_length` bytes each for FIXED_LEN_BYTE_ARRAY) in `encoding`.
  Status Init(Encoding encoding, PhysicalType physical, int32_t type_length, std::string_view data);

  // True for dictionary-encoded pages, which are read with GetIndices.
  bool dictionary_indices() const { return dictionary_indices_; }

  // The next `count` values. REQUIRES: the function matching the physical type (GetInt32 for
  // INT32, …; GetBytes for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY). kCorruption when the page holds
  // fewer values or they are malformed.
  Status GetBools(uint8_t* out, size_t count);
  Status GetInt32(int32_t* out, size_t count) { return GetFixed(out, count); }
  Status GetInt64(int64_t* out, size_t count) { return GetFixed(out, count); }
  Status GetFloat(float* out, size_t count) { return GetFixed(out, count); }
  Status GetDouble(double* out, size_t count) { return GetFixed(out, count); }
  Status GetInt96(Int96* out, size_t count) { return GetFixed(out, count); }
  // Views stay valid until the next call. kResourceExhausted when the values would take more
  // than `max_bytes`.
  Status GetBytes(size_t count, std::vector<std::string_view>* out, size_t max_bytes);
  Status GetIndices(uint32_t* out, size_t count);

 private:
  template <typename T>
  Status GetFixed(T* out, size_t count);
  Status Truncated(size_t count) const;

  Encoding encoding_ = Encoding::kPlain;
  PhysicalType physical_ = PhysicalType::kInt32;
  size_t width_ = 0;  // Bytes of a fixed-width value.
  bool dictionary_indices_ = false;
  std::string_view data_;
  size_t pos_ = 0;           // PLAIN: the next byte. BYTE_STREAM_SPLIT: the next value.
  size_t stream_count_ = 0;  // BYTE_STREAM_SPLIT: values in the page.
  RleBitPackedDecoder rle_;
  DeltaBinaryPackedDecoder delta_;
  DeltaLengthByteArrayDecoder delta_length_;
  DeltaByteArrayDecoder delta_bytes_;
  std::string gathered_;  // FIXED_LEN_BYTE_ARRAY values put back together from streams.
};

}  // namespace larder::formats::parquet
