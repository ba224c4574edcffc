// Ordering of values in ORDER BY and window frames: one row of a column against another, NULLs
// after every value and NaN after every number (ClickHouse's default, NULLS LAST).
#pragma once

#include "types/column_vector.h"

namespace larder::execution {

// -1, 0 or 1 as row_a of `a` sorts before, with, or after row_b of `b` (same type).
int CompareRows(const ColumnVector& a, size_t row_a, const ColumnVector& b, size_t row_b);

}  // namespace larder::execution
