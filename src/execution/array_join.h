// ArrayJoin: each row of its child once per element of its arrays (zipped; their sizes must
// match in each row), plus one column per array holding the element (streaming). LEFT ARRAY JOIN
// keeps a row whose arrays are empty once, with the element type's default value.
#pragma once

#include "execution/expression_evaluator.h"
#include "execution/source.h"
#include "planner/logical_plan.h"

namespace larder::execution {

class ArrayJoinSource : public Source {
 public:
  // REQUIRES: `op` (a kArrayJoin) outlives the source.
  static Result<SourcePtr> Make(SourcePtr child, const planner::LogicalOperator& op,
                                const QueryContext& context);
  size_t MorselCount() const override { return child_->MorselCount(); }
  Result<Chunk> Produce(size_t morsel) override;

 private:
  SourcePtr child_;
  std::vector<std::unique_ptr<ExpressionEvaluator>> arrays_;
  bool left_ = false;
};

}  // namespace larder::execution
