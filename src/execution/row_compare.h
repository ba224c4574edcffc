// Ordering of values in ORDER BY and window frames: one row of a column against another, NULLs
// after every value and NaN after every number (ClickHouse's default, NULLS LAST), and the
// order of one ORDER BY key.
#pragma once

#include "types/column_vector.h"

namespace larder::execution {

// -1, 0 or 1 as row_a of `a` sorts before, with, or after row_b of `b` (same type).
int CompareRows(const ColumnVector& a, size_t row_a, const ColumnVector& b, size_t row_b);

// Whether a row holds NULL or NaN, which sort apart from the values.
bool IsNullOrNan(const ColumnVector& column, size_t row);

// CompareRows under one ORDER BY key: the values reversed when `descending`; NULL and NaN after
// them in both directions, or before them (NULL, then NaN) when `nulls_first`, as ClickHouse's
// NULLS LAST / NULLS FIRST.
inline int CompareForKey(const ColumnVector& a, size_t row_a, const ColumnVector& b, size_t row_b,
                         bool descending, bool nulls_first) {
  const int order = CompareRows(a, row_a, b, row_b);
  if (order == 0) return 0;
  if (IsNullOrNan(a, row_a) || IsNullOrNan(b, row_b)) return nulls_first ? -order : order;
  return descending ? -order : order;
}

}  // namespace larder::execution
