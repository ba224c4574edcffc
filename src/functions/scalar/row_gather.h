// Building a vector from rows of several others: if / multiIf / coalesce pick each result row
// from one of their branches, array(…) and arrayConcat collect elements from their arguments.
// One typed loop per call, whatever the number of sources.
#pragma once

#include <cstdint>
#include <vector>

#include "types/column_vector.h"

namespace larder::functions {

// Where one output row comes from: row `row` of source `source`, or one of the markers below.
struct RowRef {
  uint32_t source = 0;
  uint32_t row = 0;
};
// RowRef::source values that take no source row.
inline constexpr uint32_t kNullRow = UINT32_MAX;         // The output row is NULL.
inline constexpr uint32_t kDefaultRow = UINT32_MAX - 1;  // The type's default: 0, '', [].

// Appends one row to `out` per ref. NULL rows of a source stay NULL when `keep_nulls`, else
// become the default value (assumeNotNull). REQUIRES: every source is stored like `out`
// (SameStorage in cast_to_supertype.h) and every ref's row exists in its source.
void GatherRows(const std::vector<const ColumnVector*>& sources, const std::vector<RowRef>& refs,
                bool keep_nulls, ColumnVector* out);

}  // namespace larder::functions
