// TopNScan: ORDER BY … LIMIT n straight over a stored table (optionally filtered), with late
// materialization: each morsel reads only the columns the filter and the sort keys need and
// keeps its best n rows; after the global top n is known, the other columns are read only for
// the morsels holding winners, and only those rows.
#pragma once

#include "execution/source.h"
#include "execution/table_reader.h"
#include "planner/logical_plan.h"

namespace larder::execution {

// REQUIRES: sort.kind == kSort with top_n; `scanner` reads the columns of `scan_output` (the
// scan's output); `filter` (may be null) reads them too. All outlive the call.
Result<SourcePtr> RunTopNScan(QueryContext& context, std::unique_ptr<TableScanner> scanner,
                              const Schema& scan_output, const planner::BoundExpr* filter,
                              const planner::LogicalOperator& sort);

}  // namespace larder::execution
