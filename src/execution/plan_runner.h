// PlanRunner: turns logical operators into physical sources — streaming operators wrap their
// child, pipeline breakers run their input to completion — and runs uncorrelated subqueries
// first, replacing them in expressions by their results.
#pragma once

#include "execution/source.h"
#include "execution/table_reader.h"
#include "planner/logical_plan.h"

namespace larder::execution {

class PlanRunner {
 public:
  PlanRunner(QueryContext& context, TableReader& tables) : context_(context), tables_(tables) {}
  // The rows `op` produces. Subqueries in its expressions are run and replaced first, so `op`
  // is changed. REQUIRES: `op` outlives the source.
  Result<SourcePtr> Build(planner::LogicalOperator& op);

 private:
  Status RunSubqueries(planner::LogicalOperator& op);
  Status RunSubqueries(planner::BoundExprPtr& expr, bool as_set);
  void FoldConstantCall(planner::BoundExprPtr& expr);
  Result<SourcePtr> BuildScan(planner::LogicalOperator& scan, const planner::BoundExpr* filter);
  Result<SourcePtr> BuildSetOperation(planner::LogicalOperator& op);
  // An aggregate with ROLLUP / CUBE / GROUPING SETS.
  Result<SourcePtr> BuildGroupingSets(planner::LogicalOperator& op);
  Result<SourcePtr> BuildTopNBeforeProject(planner::LogicalOperator& sort);
  // `sort` over `input` (its child, or the child of a projection moved above it).
  Result<SourcePtr> BuildSort(planner::LogicalOperator& sort, planner::LogicalOperator& input);

  QueryContext& context_;
  TableReader& tables_;
  // Operators made while running (kept alive while their sources are read).
  std::vector<planner::LogicalPtr> top_n_sorts_;
  std::vector<planner::LogicalPtr> owned_operators_;  // Made while building (grouping sets).
};

}  // namespace larder::execution
