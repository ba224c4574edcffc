#include "planner/optimizer.h"

namespace larder::planner {

LogicalPtr Optimize(LogicalPtr plan, const functions::FunctionRegistry& functions) {
  plan = rules::FoldConstants(std::move(plan), functions);
  plan = rules::PushDownPredicates(std::move(plan));
  plan = rules::PushLimitIntoSort(std::move(plan));
  plan = rules::ChooseJoinBuildSides(std::move(plan));
  plan = rules::PruneProjections(std::move(plan));
  return plan;
}

}  // namespace larder::planner
