#include "execution/project.h"

#include <map>

namespace larder::execution {

using planner::BoundExpr;

Result<SourcePtr> ProjectSource::Make(SourcePtr child,
                                      const std::vector<planner::BoundExprPtr>& exprs,
                                      const QueryContext& context) {
  auto source = std::make_unique<ProjectSource>();
  source->child_ = std::move(child);
  std::map<size_t, int> uses;
  for (const auto& expr : exprs) {
    if (expr->kind == BoundExpr::Kind::kColumn) ++uses[expr->column];
  }
  for (const auto& expr : exprs) {
    bool move = expr->kind == BoundExpr::Kind::kColumn && uses[expr->column] == 1;
    source->moved_column_.push_back(move ? static_cast<int>(expr->column) : -1);
    std::unique_ptr<ExpressionEvaluator> evaluator;
    if (!move) {
      LARDER_ASSIGN_OR_RETURN(evaluator, ExpressionEvaluator::Compile(*expr, context));
    }
    source->exprs_.push_back(std::move(evaluator));
  }
  return SourcePtr(std::move(source));
}

Result<Chunk> ProjectSource::Produce(size_t morsel) {
  LARDER_ASSIGN_OR_RETURN(Chunk input, child_->Produce(morsel));
  if (input.rows == 0) return Chunk{{}, 0};
  Chunk output;
  output.rows = input.rows;
  output.columns.reserve(exprs_.size());
  // Computed columns first: they may read columns that are moved afterwards.
  std::vector<std::optional<ColumnVector>> computed(exprs_.size());
  for (size_t i = 0; i < exprs_.size(); ++i) {
    if (moved_column_[i] >= 0) continue;
    LARDER_ASSIGN_OR_RETURN(computed[i], exprs_[i]->Evaluate(input));
  }
  for (size_t i = 0; i < exprs_.size(); ++i) {
    if (moved_column_[i] >= 0) {
      output.columns.push_back(std::move(input.columns[moved_column_[i]]));
    } else {
      output.columns.push_back(std::move(*computed[i]));
    }
  }
  return output;
}

Result<Chunk> EvaluateAll(const std::vector<std::unique_ptr<ExpressionEvaluator>>& evaluators,
                          const Chunk& chunk) {
  Chunk output;
  output.rows = chunk.rows;
  output.columns.reserve(evaluators.size());
  for (const auto& evaluator : evaluators) {
    LARDER_ASSIGN_OR_RETURN(ColumnVector column, evaluator->Evaluate(chunk));
    output.columns.push_back(std::move(column));
  }
  return output;
}

}  // namespace larder::execution
