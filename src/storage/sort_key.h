// Ordering rows by a table's sort key before they are written, so parts are sorted and zone maps
// on the key columns are tight. NULLs sort first, as in ClickHouse's default for sort keys.
#pragma once

#include <cstdint>
#include <vector>

#include "types/column_vector.h"

namespace larder::storage {

// The stable order of `batch`'s rows by the columns `key_columns` (indices into the batch).
// Returns an empty vector when the rows are already in order (nothing to permute).
std::vector<uint32_t> SortPermutation(const Batch& batch, const std::vector<int>& key_columns);

// Applies SortPermutation: returns the batch in key order (moves it when already sorted).
Batch SortBatch(Batch batch, const std::vector<int>& key_columns);

}  // namespace larder::storage
