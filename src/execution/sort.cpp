#include "execution/sort.h"

#include <algorithm>
#include <cmath>

#include "execution/expression_evaluator.h"
#include "execution/hash_aggregate.h"
#include "execution/row_compare.h"

namespace larder::execution {

using planner::LogicalOperator;

namespace {

struct RowRef {
  uint32_t chunk;
  uint32_t row;
};

class Sorter {
 public:
  Sorter(QueryContext& context, const LogicalOperator& op) : context_(context), op_(op) {}

  Status Prepare() {
    for (const auto& key : op_.sort_keys) {
      LARDER_ASSIGN_OR_RETURN(auto evaluator, ExpressionEvaluator::Compile(*key.expr, context_));
      keys_.push_back(std::move(evaluator));
      descending_.push_back(key.descending);
      nulls_first_.push_back(key.nulls_first);
    }
    return Status::OK();
  }

  // Rows of `chunk` with their key columns appended after the chunk's own.
  Result<Chunk> WithKeys(Chunk chunk) const {
    size_t width = chunk.columns.size();
    for (const auto& key : keys_) {
      LARDER_ASSIGN_OR_RETURN(ColumnVector values, key->Evaluate(chunk));
      chunk.columns.push_back(std::move(values));
    }
    (void)width;
    return chunk;
  }

  bool Less(const std::vector<Chunk>& chunks, RowRef a, RowRef b, size_t width) const {
    for (size_t key = 0; key < keys_.size(); ++key) {
      const ColumnVector& x = chunks[a.chunk].columns[width + key];
      const ColumnVector& y = chunks[b.chunk].columns[width + key];
      const int order = CompareForKey(x, a.row, y, b.row, descending_[key], nulls_first_[key]);
      if (order != 0) return order < 0;
    }
    return false;
  }

  // Keeps the first `limit` rows of `chunk` in key order (top-N per morsel).
  Chunk TopOfChunk(Chunk chunk, size_t width, size_t limit) const {
    std::vector<Chunk> one;
    one.push_back(std::move(chunk));
    std::vector<RowRef> rows(one[0].rows);
    for (uint32_t row = 0; row < rows.size(); ++row) rows[row] = {0, row};
    size_t keep = std::min(limit, rows.size());
    std::partial_sort(rows.begin(), rows.begin() + keep, rows.end(),
                      [&](RowRef a, RowRef b) { return Less(one, a, b, width); });
    std::vector<uint32_t> selection(keep);
    for (size_t i = 0; i < keep; ++i) selection[i] = rows[i].row;
    return one[0].Take(selection);
  }

  QueryContext& context_;
  const LogicalOperator& op_;
  std::vector<std::unique_ptr<ExpressionEvaluator>> keys_;
  std::vector<bool> descending_;
  std::vector<bool> nulls_first_;
};

}  // namespace

Result<SourcePtr> RunSort(QueryContext& context, SourcePtr input, const LogicalOperator& op) {
  Sorter sorter(context, op);
  LARDER_RETURN_IF_ERROR(sorter.Prepare());
  size_t width = op.output.fields.size();
  std::optional<size_t> limit;
  if (op.top_n) limit = static_cast<size_t>(std::max<int64_t>(*op.top_n, 0));
  std::vector<Chunk> chunks(input->MorselCount());
  std::atomic<uint64_t> reserved{0};
  Status status = ForEachMorsel(context, *input, [&](size_t, size_t morsel, Chunk chunk) {
    if (chunk.rows == 0) return Status::OK();
    LARDER_ASSIGN_OR_RETURN(chunk, sorter.WithKeys(std::move(chunk)));
    if (limit && chunk.rows > *limit) chunk = sorter.TopOfChunk(std::move(chunk), width, *limit);
    uint64_t bytes = chunk.MemoryBytes();
    LARDER_RETURN_IF_ERROR(context.memory.Reserve(bytes, "ORDER BY"));
    reserved += bytes;
    chunks[morsel] = std::move(chunk);
    return Status::OK();
  });
  struct Release {
    QueryContext& context;
    std::atomic<uint64_t>& bytes;
    ~Release() { context.memory.Release(bytes.load()); }
  } release{context, reserved};
  LARDER_RETURN_IF_ERROR(status);
  std::vector<RowRef> rows;
  for (uint32_t chunk = 0; chunk < chunks.size(); ++chunk) {
    for (uint32_t row = 0; row < chunks[chunk].rows; ++row) rows.push_back({chunk, row});
  }
  auto less = [&](RowRef a, RowRef b) { return sorter.Less(chunks, a, b, width); };
  size_t keep = limit ? std::min(*limit, rows.size()) : rows.size();
  if (keep < rows.size()) {
    std::partial_sort(rows.begin(), rows.begin() + keep, rows.end(), less);
    rows.resize(keep);
  } else {
    std::stable_sort(rows.begin(), rows.end(), less);
  }
  // Gather the sorted rows into output chunks, without the key columns.
  std::vector<Chunk> output;
  for (size_t start = 0; start < rows.size(); start += kOutputChunkRows) {
    size_t count = std::min(kOutputChunkRows, rows.size() - start);
    Chunk chunk;
    chunk.rows = count;
    for (size_t column = 0; column < width; ++column) {
      ColumnVector values(op.output.fields[column].type);
      if (count > 0) values = ColumnVector(chunks[rows[start].chunk].columns[column].type());
      values.Reserve(count);
      for (size_t i = start; i < start + count; ++i) {
        values.AppendRange(chunks[rows[i].chunk].columns[column], rows[i].row, 1);
      }
      chunk.columns.push_back(std::move(values));
    }
    output.push_back(std::move(chunk));
  }
  return SourcePtr(new MaterializedSource(std::move(output)));
}

}  // namespace larder::execution
