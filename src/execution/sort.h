// Sort: ORDER BY — materializes its input, orders the rows by the sort keys (NULLs last, as
// ClickHouse does by default), and with a top-N bound keeps only the first N rows of each morsel
// before the final merge.
#pragma once

#include "execution/source.h"
#include "planner/logical_plan.h"

namespace larder::execution {

// REQUIRES: op.kind == kSort; `op` outlives the call.
Result<SourcePtr> RunSort(QueryContext& context, SourcePtr input,
                          const planner::LogicalOperator& op);

}  // namespace larder::execution
