// HashAggregate: GROUP BY with aggregate functions (and DISTINCT, which is a GROUP BY without
// aggregates). Each worker folds its morsels into its own GroupTable and aggregate states; the
// tables are then merged and every group finalized. A pipeline breaker: its output is
// materialized. With no GROUP BY keys the result is one row, even over no input (count() = 0).
#pragma once

#include "execution/source.h"
#include "planner/logical_plan.h"

namespace larder::execution {

// Runs the aggregation of `op` (kAggregate: output = groups then aggregates; kDistinct: every
// column is a key) over `input`. REQUIRES: `op` outlives the returned source's use.
Result<SourcePtr> RunHashAggregate(QueryContext& context, SourcePtr input,
                                   const planner::LogicalOperator& op);

// Splits `columns` (all `rows` long) into chunks of at most kOutputChunkRows rows.
std::vector<Chunk> SplitIntoChunks(std::vector<ColumnVector> columns, size_t rows);
inline constexpr size_t kOutputChunkRows = 65536;

}  // namespace larder::execution
