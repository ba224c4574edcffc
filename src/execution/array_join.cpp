#include "execution/array_join.h"

#include "functions/scalar/row_gather.h"

namespace larder::execution {

Result<SourcePtr> ArrayJoinSource::Make(SourcePtr child, const planner::LogicalOperator& op,
                                        const QueryContext& context) {
  auto source = std::make_unique<ArrayJoinSource>();
  source->child_ = std::move(child);
  source->left_ = op.join_type == "LEFT";
  for (const planner::BoundExprPtr& expr : op.exprs) {
    LARDER_ASSIGN_OR_RETURN(auto evaluator, ExpressionEvaluator::Compile(*expr, context));
    source->arrays_.push_back(std::move(evaluator));
  }
  return SourcePtr(std::move(source));
}

Result<Chunk> ArrayJoinSource::Produce(size_t morsel) {
  LARDER_ASSIGN_OR_RETURN(Chunk input, child_->Produce(morsel));
  if (input.rows == 0) return Chunk{{}, 0};
  std::vector<ColumnVector> arrays;
  for (const auto& evaluator : arrays_) {
    LARDER_ASSIGN_OR_RETURN(ColumnVector array, evaluator->Evaluate(input));
    arrays.push_back(std::move(array));
  }
  // Which input row each output row repeats, and which element (or the default) it holds.
  Selection owners;
  std::vector<std::vector<functions::RowRef>> elements(arrays.size());
  for (uint32_t row = 0; row < input.rows; ++row) {
    const std::vector<uint32_t>& first = arrays[0].offsets();
    const uint32_t size = arrays[0].IsNull(row) ? 0 : first[row + 1] - first[row];
    for (size_t a = 1; a < arrays.size(); ++a) {
      const std::vector<uint32_t>& offsets = arrays[a].offsets();
      const uint32_t other = arrays[a].IsNull(row) ? 0 : offsets[row + 1] - offsets[row];
      if (other != size) {
        return InvalidArgument("the arrays of one ARRAY JOIN differ in size ({} and {}) in a row",
                               size, other);
      }
    }
    if (size == 0 && left_) {
      owners.push_back(row);
      for (auto& refs : elements) refs.push_back({functions::kDefaultRow, 0});
      continue;
    }
    for (uint32_t e = 0; e < size; ++e) {
      owners.push_back(row);
      for (size_t a = 0; a < arrays.size(); ++a) {
        elements[a].push_back({0, arrays[a].offsets()[row] + e});
      }
    }
  }
  Chunk output;
  output.rows = owners.size();
  for (const ColumnVector& column : input.columns) output.columns.push_back(column.Take(owners));
  for (size_t a = 0; a < arrays.size(); ++a) {
    const ColumnVector& child = arrays[a].child();
    ColumnVector values(child.type());
    functions::GatherRows({&child}, elements[a], true, &values);
    output.columns.push_back(std::move(values));
  }
  return output;
}

}  // namespace larder::execution
