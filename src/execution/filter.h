// Filter: the rows of its child's morsels for which a predicate is true (streaming).
#pragma once

#include "execution/expression_evaluator.h"
#include "execution/source.h"

namespace larder::execution {

class FilterSource : public Source {
 public:
  // REQUIRES: `predicate` outlives the source. `output_width`: the columns passed on (the child
  // may append more for the predicate's use, e.g. extracted properties); 0 = all.
  static Result<SourcePtr> Make(SourcePtr child, const planner::BoundExpr& predicate,
                                const QueryContext& context, size_t output_width = 0);
  size_t MorselCount() const override { return child_->MorselCount(); }
  Result<Chunk> Produce(size_t morsel) override;

 private:
  SourcePtr child_;
  std::unique_ptr<ExpressionEvaluator> predicate_;
  size_t output_width_ = 0;
};

}  // namespace larder::execution
