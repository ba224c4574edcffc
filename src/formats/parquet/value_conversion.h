// Turning a leaf's physical values (PageValueDecoder) into Larder values as parquet_schema.h's
// mapping says, written straight into a column's buffers: the typed loops of the Parquet reader.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "formats/parquet/page_values.h"
#include "formats/parquet/parquet_schema.h"
#include "types/column_vector.h"

namespace larder::formats::parquet {

// A batch of one column may hold this many bytes of strings; beyond it reading fails.
inline constexpr size_t kMaxBatchStringBytes = size_t{1} << 30;

// Scratch space reused from call to call.
struct ConversionBuffers {
  std::vector<int32_t> int32s;
  std::vector<int64_t> int64s;
  std::vector<float> floats;
  std::vector<Int96> int96s;
  std::vector<std::string_view> views;
  std::string text;
  std::vector<uint32_t> indices;
};

// True when the leaf's values are strings (String or JSON) rather than fixed-width.
bool HasStringValues(const LeafColumn& leaf);

// Decodes the next `count` values into `out`, an array of `count` values of the leaf's value
// type (int64_t for Int64 and DateTime, int32_t for Date, uint8_t for Bool, double, Int128,
// Uuid128). REQUIRES: !HasStringValues(leaf).
Status DecodeFixedValues(const LeafColumn& leaf, PageValueDecoder* decoder, size_t count, void* out,
                         ConversionBuffers* buffers);

// Decodes the next `count` values as text into `views`, valid until the next call with the same
// decoder or buffers. REQUIRES: HasStringValues(leaf).
Status DecodeStringValues(const LeafColumn& leaf, PageValueDecoder* decoder, size_t count,
                          std::vector<std::string_view>* views, ConversionBuffers* buffers);

// Appends `count` non-null values read from `decoder` to `out` (of the leaf's value type).
Status AppendValues(const LeafColumn& leaf, PageValueDecoder* decoder, size_t count,
                    ColumnVector* out, ConversionBuffers* buffers);

// Appends dictionary[indices[i]] for each index to `out`. kCorruption for an index past the
// dictionary's end.
Status AppendFromDictionary(const ColumnVector& dictionary, const uint32_t* indices, size_t count,
                            ColumnVector* out);

// Spreads the `dense_count` values at the start of `values` (of `width` bytes each) over `count`
// rows, in place: row i gets the next value when levels[i] == max_level and is NULL (zero, with
// nulls[i] = 1) otherwise. REQUIRES: `values` has room for `count` values.
void SpreadOverNulls(uint8_t* values, size_t width, const uint8_t* levels, size_t count,
                     uint8_t max_level, uint8_t* nulls);

}  // namespace larder::formats::parquet
