#include "execution/limit.h"

#include <mutex>

namespace larder::execution {

Result<SourcePtr> RunLimit(QueryContext& context, SourcePtr input,
                           const planner::LogicalOperator& op) {
  if (op.with_ties) return NotImplemented("LIMIT … WITH TIES cannot run in queries yet");
  uint64_t offset = static_cast<uint64_t>(std::max<int64_t>(op.offset, 0));
  uint64_t limit = op.limit ? static_cast<uint64_t>(std::max<int64_t>(*op.limit, 0)) : UINT64_MAX;
  uint64_t wanted = limit == UINT64_MAX ? UINT64_MAX : offset + limit;
  std::vector<Chunk> chunks(input->MorselCount());
  std::vector<bool> done(chunks.size(), false);
  std::mutex mutex;
  size_t prefix = 0;         // Morsels [0, prefix) are done.
  uint64_t prefix_rows = 0;  // Rows in them.
  std::atomic<bool> stop{wanted == 0};
  Status status = ForEachMorsel(
      context, *input,
      [&](size_t, size_t morsel, Chunk chunk) {
        std::lock_guard<std::mutex> lock(mutex);
        chunks[morsel] = std::move(chunk);
        done[morsel] = true;
        while (prefix < done.size() && done[prefix]) prefix_rows += chunks[prefix++].rows;
        if (prefix_rows >= wanted) stop.store(true);
        return Status::OK();
      },
      &stop);
  LARDER_RETURN_IF_ERROR(status);
  std::vector<Chunk> output;
  uint64_t skipped = 0, taken = 0;
  for (size_t morsel = 0; morsel < prefix && taken < limit; ++morsel) {
    Chunk& chunk = chunks[morsel];
    if (chunk.rows == 0) continue;
    uint64_t start = 0;
    if (skipped < offset) {
      start = std::min<uint64_t>(offset - skipped, chunk.rows);
      skipped += start;
    }
    uint64_t count = std::min<uint64_t>(chunk.rows - start, limit - taken);
    if (count == 0) continue;
    taken += count;
    if (start == 0 && count == chunk.rows) {
      output.push_back(std::move(chunk));
      continue;
    }
    Chunk part;
    part.rows = count;
    for (const ColumnVector& column : chunk.columns) {
      ColumnVector values(column.type());
      values.AppendRange(column, start, count);
      part.columns.push_back(std::move(values));
    }
    output.push_back(std::move(part));
  }
  return SourcePtr(new MaterializedSource(std::move(output)));
}

}  // namespace larder::execution
