// Filter: the rows of its child's morsels for which a predicate is true (streaming).
#pragma once

#include "execution/expression_evaluator.h"
#include "execution/source.h"

namespace larder::execution {

class FilterSource : public Source {
 public:
  // REQUIRES: `predicate` outlives the source.
  static Result<SourcePtr> Make(SourcePtr child, const planner::BoundExpr& predicate,
                                const QueryContext& context);
  size_t MorselCount() const override { return child_->MorselCount(); }
  Result<Chunk> Produce(size_t morsel) override;

 private:
  SourcePtr child_;
  std::unique_ptr<ExpressionEvaluator> predicate_;
};

}  // namespace larder::execution
