// Column chunk statistics (min, max, NULL count) of a Parquet file as Larder Values, so that
// readers can skip row groups whose values cannot match a filter.
#pragma once

#include <cstdint>
#include <optional>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_schema.h"
#include "types/value.h"

namespace larder::formats::parquet {

struct ColumnStatistics {
  // Bounds of the non-NULL values, of the column's type without Nullable; absent when the file
  // has none this reader can trust (see DecodeStatistics).
  std::optional<Value> min;
  std::optional<Value> max;
  std::optional<int64_t> null_count;
};

// Decodes a leaf's chunk statistics. min_value / max_value are used when present; the deprecated
// min / max only for types whose order is signed (they were written with a signed comparison).
// Bounds of types whose Larder order differs from Parquet's (TIME, INTERVAL, INT96), NaN bounds
// and malformed ones are left out.
ColumnStatistics DecodeStatistics(const LeafColumn& leaf, const Statistics& statistics);

}  // namespace larder::formats::parquet
