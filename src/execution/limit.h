// Limit: the first `limit` rows after skipping `offset`, in morsel order. Morsels are produced
// in parallel, and no new morsel starts once the ones before it already hold enough rows.
#pragma once

#include "execution/source.h"
#include "planner/logical_plan.h"

namespace larder::execution {

Result<SourcePtr> RunLimit(QueryContext& context, SourcePtr input,
                           const planner::LogicalOperator& op);

}  // namespace larder::execution
