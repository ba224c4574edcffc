// Window: computes window functions (row_number, rank, dense_rank, lag / lead, lagInFrame /
// leadInFrame, first_value, last_value, nth_value, and aggregates over ROWS / RANGE frames) for
// every input row. Materializes its input; each function sorts row numbers by its PARTITION BY
// and ORDER BY, then walks the partitions. Output: the input columns, then one per function,
// rows in input order.
#pragma once

#include "execution/source.h"
#include "planner/logical_plan.h"

namespace larder::execution {

// REQUIRES: op.kind == kWindow; `op` outlives the call.
Result<SourcePtr> RunWindow(QueryContext& context, SourcePtr input,
                            const planner::LogicalOperator& op);

}  // namespace larder::execution
