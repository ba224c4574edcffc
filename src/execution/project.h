// Project: computes its expressions over each of its child's morsels (streaming). Columns
// passed through unchanged are moved, not copied.
#pragma once

#include "execution/expression_evaluator.h"
#include "execution/source.h"

namespace larder::execution {

class ProjectSource : public Source {
 public:
  // REQUIRES: `exprs` outlive the source.
  static Result<SourcePtr> Make(SourcePtr child, const std::vector<planner::BoundExprPtr>& exprs,
                                const QueryContext& context);
  size_t MorselCount() const override { return child_->MorselCount(); }
  Result<Chunk> Produce(size_t morsel) override;

 private:
  SourcePtr child_;
  std::vector<std::unique_ptr<ExpressionEvaluator>> exprs_;
  // For each output: the input column it moves (-1 when computed or used twice).
  std::vector<int> moved_column_;
};

// Evaluates `evaluators` over `chunk` into a new chunk of as many columns.
Result<Chunk> EvaluateAll(const std::vector<std::unique_ptr<ExpressionEvaluator>>& evaluators,
                          const Chunk& chunk);

}  // namespace larder::execution
