// HashAggregate: GROUP BY with aggregate functions (and DISTINCT, which is a GROUP BY without
// aggregates). Each worker folds its morsels into its own GroupTable and aggregate states; a
// worker that collects many groups splits them by key hash into partitions, so that at the end
// the partitions merge across workers in parallel, each freed as soon as it is merged (smaller
// results merge into the first worker's table). A pipeline breaker: its output is materialized.
// With no GROUP BY keys the result is one row, even over no input (count() = 0).
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
