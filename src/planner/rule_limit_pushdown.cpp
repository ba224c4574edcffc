// Optimizer rule: top-N — LIMIT n [OFFSET m] over ORDER BY (through a projection) lets the sort
// keep only n + m rows.
#include "planner/optimizer.h"

namespace larder::planner::rules {

using Kind = LogicalOperator::Kind;

LogicalPtr PushLimitIntoSort(LogicalPtr plan) {
  for (LogicalPtr& child : plan->children) child = PushLimitIntoSort(std::move(child));
  if (plan->kind != Kind::kLimit || !plan->limit || plan->with_ties) return plan;
  LogicalOperator* below = plan->children.front().get();
  if (below->kind == Kind::kProject) below = below->children.front().get();
  if (below->kind == Kind::kSort) below->top_n = *plan->limit + plan->offset;
  return plan;
}

}  // namespace larder::planner::rules
