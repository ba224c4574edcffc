// Set operations over queries with the same columns: UNION ALL (the children's morsels one
// after another, streaming), UNION [DISTINCT], INTERSECT and EXCEPT (ClickHouse: rows of the
// left side that are / are not on the right, duplicates kept; the DISTINCT forms deduplicate).
#pragma once

#include "execution/source.h"
#include "planner/logical_plan.h"

namespace larder::execution {

// The morsels of every child in turn.
class ConcatSource : public Source {
 public:
  explicit ConcatSource(std::vector<SourcePtr> children);
  size_t MorselCount() const override { return starts_.back(); }
  Result<Chunk> Produce(size_t morsel) override;

 private:
  std::vector<SourcePtr> children_;
  std::vector<size_t> starts_;  // First morsel of each child; the last entry is the total.
};

// REQUIRES: children hold one source per child of `op`, already conformed to op.output.
Result<SourcePtr> RunSetOperation(QueryContext& context, std::vector<SourcePtr> children,
                                  const planner::LogicalOperator& op);

}  // namespace larder::execution
