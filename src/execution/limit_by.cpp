#include "execution/limit_by.h"

#include <unordered_map>

#include "common/coding.h"
#include "execution/expression_evaluator.h"

namespace larder::execution {

Result<std::vector<Chunk>> CollectInOrder(QueryContext& context, Source& source) {
  std::vector<Chunk> chunks(source.MorselCount());
  LARDER_RETURN_IF_ERROR(ForEachMorsel(context, source, [&](size_t, size_t morsel, Chunk chunk) {
    chunks[morsel] = std::move(chunk);
    return Status::OK();
  }));
  std::erase_if(chunks, [](const Chunk& chunk) { return chunk.rows == 0; });
  return chunks;
}

Result<SourcePtr> RunLimitBy(QueryContext& context, SourcePtr input,
                             const planner::LogicalOperator& op) {
  std::vector<std::unique_ptr<ExpressionEvaluator>> keys;
  for (const planner::BoundExprPtr& group : op.groups) {
    LARDER_ASSIGN_OR_RETURN(auto key, ExpressionEvaluator::Compile(*group, context));
    keys.push_back(std::move(key));
  }
  const uint64_t offset = static_cast<uint64_t>(std::max<int64_t>(op.offset, 0));
  const uint64_t limit = op.limit ? static_cast<uint64_t>(*op.limit) : UINT64_MAX;
  LARDER_ASSIGN_OR_RETURN(std::vector<Chunk> chunks, CollectInOrder(context, *input));
  std::unordered_map<std::string, uint64_t> seen;  // Rows met so far per key.
  std::vector<Chunk> output;
  std::string key;
  for (const Chunk& chunk : chunks) {
    std::vector<ColumnVector> values;
    for (const auto& evaluator : keys) {
      LARDER_ASSIGN_OR_RETURN(ColumnVector column, evaluator->Evaluate(chunk));
      values.push_back(std::move(column));
    }
    Selection keep;
    for (uint32_t row = 0; row < chunk.rows; ++row) {
      key.clear();
      BinaryWriter writer(&key);
      for (const ColumnVector& column : values) column.GetValue(row).Serialize(&writer);
      uint64_t position = seen[key]++;
      if (position >= offset && position - offset < limit) keep.push_back(row);
    }
    if (!keep.empty()) output.push_back(chunk.Take(keep));
  }
  return SourcePtr(new MaterializedSource(std::move(output)));
}

}  // namespace larder::execution
