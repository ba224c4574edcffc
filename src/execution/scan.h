// Scan: the rows of a stored table, one morsel per block, with an optional filter fused in
// (late materialization): the filter's columns are read first, and the other columns only for
// blocks with matching rows, and only those rows.
#pragma once

#include "execution/expression_evaluator.h"
#include "execution/source.h"
#include "execution/table_reader.h"
#include "types/time_zone.h"

namespace larder::execution {

class ScanSource : public Source {
 public:
  // `filter` (may be null) reads the scan's output columns; REQUIRES: it outlives the source.
  static Result<SourcePtr> Make(std::unique_ptr<TableScanner> scanner, size_t columns,
                                const planner::BoundExpr* filter, const QueryContext& context);
  size_t MorselCount() const override { return scanner_->MorselCount(); }
  Result<Chunk> Produce(size_t morsel) override;

 private:
  ScanSource() = default;
  Result<Chunk> ReadColumns(size_t morsel, const std::vector<bool>& which, Chunk chunk) const;

  std::unique_ptr<TableScanner> scanner_;
  size_t columns_ = 0;
  std::unique_ptr<ExpressionEvaluator> filter_;
  std::vector<bool> filter_columns_;  // Read before filtering.
};

// The `column op constant` conditions of a logical scan as zone-map predicates; conditions
// whose constant cannot be expressed in the column's type are left out (they only prune).
// Dates and date-times written as text are read in `zone`, as comparisons read them.
std::vector<storage::ColumnPredicate> ZoneMapPredicates(
    const std::vector<planner::BoundExprPtr>& prune_by, const Schema& columns,
    const TimeZone& zone);

}  // namespace larder::execution
