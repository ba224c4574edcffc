// HashJoin: every JOIN form HogQL has — [INNER], LEFT / RIGHT / FULL [OUTER], CROSS, SEMI,
// ANTI, ANY and ASOF — on equality keys plus any further condition. The right side is built
// into a hash table (all of it in memory, counted on the query's budget); left morsels probe it
// in parallel. As in ClickHouse (join_use_nulls = 0), a missing side's columns read as their
// type's default (0, '', 1970-01-01), or NULL when the column is Nullable; NULL keys never match.
#pragma once

#include "execution/source.h"
#include "planner/logical_plan.h"

namespace larder::execution {

// REQUIRES: op.kind == kJoin with children [left, right] built into `left` and `right`; `op`
// outlives the returned source.
Result<SourcePtr> RunHashJoin(QueryContext& context, SourcePtr left, SourcePtr right,
                              const planner::LogicalOperator& op);

// Appends the default value of the vector's type (NULL when Nullable).
void AppendDefault(ColumnVector* vector);

}  // namespace larder::execution
