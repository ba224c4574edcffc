// Chunk: the unit that flows between physical operators — some rows as column vectors (flat or
// dictionary-encoded). A chunk may have zero columns and still rows (SELECT count() FROM t).
#pragma once

#include <cstdint>
#include <vector>

#include "types/column_vector.h"

namespace larder::execution {

struct Chunk {
  std::vector<ColumnVector> columns;
  size_t rows = 0;

  // The rows at `selection` (indexes into this chunk, in order) of every column.
  Chunk Take(const std::vector<uint32_t>& selection) const;
  size_t MemoryBytes() const;
};

// Row indexes that passed a filter, ascending.
using Selection = std::vector<uint32_t>;

}  // namespace larder::execution
