#include "execution/limit.h"

#include <mutex>

#include "execution/expression_evaluator.h"
#include "execution/limit_by.h"
#include "execution/row_compare.h"

namespace larder::execution {
namespace {

// LIMIT n WITH TIES: the first n rows after the offset, then every row whose ORDER BY keys equal
// the n-th row's.
Result<SourcePtr> RunLimitWithTies(QueryContext& context, SourcePtr input,
                                   const planner::LogicalOperator& op) {
  std::vector<std::unique_ptr<ExpressionEvaluator>> keys;
  for (const auto& key : op.sort_keys) {
    LARDER_ASSIGN_OR_RETURN(auto evaluator, ExpressionEvaluator::Compile(*key.expr, context));
    keys.push_back(std::move(evaluator));
  }
  const uint64_t offset = static_cast<uint64_t>(std::max<int64_t>(op.offset, 0));
  const uint64_t limit = op.limit ? static_cast<uint64_t>(*op.limit) : UINT64_MAX;
  LARDER_ASSIGN_OR_RETURN(std::vector<Chunk> chunks, CollectInOrder(context, *input));
  std::vector<Chunk> output;
  std::vector<ColumnVector> last;  // The keys of the last row within the limit, one row each.
  uint64_t position = 0;
  bool ties_over = limit == 0;
  for (const Chunk& chunk : chunks) {
    if (ties_over) break;
    std::vector<ColumnVector> values;
    for (const auto& evaluator : keys) {
      LARDER_ASSIGN_OR_RETURN(ColumnVector column, evaluator->Evaluate(chunk));
      values.push_back(std::move(column));
    }
    Selection keep;
    for (uint32_t row = 0; row < chunk.rows && !ties_over; ++row, ++position) {
      if (position < offset) continue;
      if (position - offset < limit) {
        keep.push_back(row);
        if (position - offset + 1 == limit) {
          last.clear();
          for (const ColumnVector& column : values) {
            ColumnVector one(column.type());
            one.AppendRange(column, row, 1);
            last.push_back(std::move(one));
          }
        }
        continue;
      }
      bool tie = true;
      for (size_t k = 0; k < values.size() && tie; ++k) {
        tie = CompareRows(values[k], row, last[k], 0) == 0;
      }
      if (tie) {
        keep.push_back(row);
      } else {
        ties_over = true;
      }
    }
    if (!keep.empty()) output.push_back(chunk.Take(keep));
  }
  return SourcePtr(new MaterializedSource(std::move(output)));
}

}  // namespace

Result<SourcePtr> RunLimit(QueryContext& context, SourcePtr input,
                           const planner::LogicalOperator& op) {
  if (op.with_ties) return RunLimitWithTies(context, std::move(input), op);
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
