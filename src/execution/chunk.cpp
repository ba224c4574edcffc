#include "execution/chunk.h"

namespace larder::execution {

Chunk Chunk::Take(const std::vector<uint32_t>& selection) const {
  Chunk result;
  result.rows = selection.size();
  result.columns.reserve(columns.size());
  for (const ColumnVector& column : columns) result.columns.push_back(column.Take(selection));
  return result;
}

size_t Chunk::MemoryBytes() const {
  size_t bytes = 0;
  for (const ColumnVector& column : columns) bytes += column.MemoryBytes();
  return bytes;
}

}  // namespace larder::execution
