// The optimizer: rewrites a bound logical plan into an equivalent cheaper one, rule by rule
// (each rule in its own file under planner/rules/).
#pragma once

#include "functions/function_registry.h"
#include "planner/logical_plan.h"

namespace larder::planner {

// Applies, in order: constant folding, predicate pushdown (filters below joins and into scans as
// zone-map pruning), top-N (LIMIT over ORDER BY), join build sides by estimated size,
// projection pruning (scans read only the columns used).
LogicalPtr Optimize(LogicalPtr plan, const functions::FunctionRegistry& functions);

namespace rules {
// Evaluates calls whose arguments are all constants (arithmetic, comparisons, logic, strings)
// and simplifies AND/OR with constant operands.
LogicalPtr FoldConstants(LogicalPtr plan, const functions::FunctionRegistry& functions);
// Moves filter conjuncts below inner joins to the side they read, and copies simple
// `column op constant` conjuncts onto scans for zone-map pruning.
LogicalPtr PushDownPredicates(LogicalPtr plan);
// LIMIT n [OFFSET m] directly over ORDER BY keeps only n + m rows while sorting.
LogicalPtr PushLimitIntoSort(LogicalPtr plan);
// Swaps the sides of a join whose right (build) side is expected to be much larger than its
// left, when the join type can be mirrored; a projection keeps the output's column order.
LogicalPtr ChooseJoinBuildSides(LogicalPtr plan);
// Drops columns nobody reads, so scans read only what the query uses.
LogicalPtr PruneProjections(LogicalPtr plan);
}  // namespace rules

}  // namespace larder::planner
