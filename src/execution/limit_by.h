// LimitBy: LIMIT n [OFFSET m] BY keys — per distinct value of the keys, the first n rows after
// skipping m, in input order (the ORDER BY's). Keys compare as GROUP BY compares them: NULLs
// equal each other.
#pragma once

#include "execution/source.h"
#include "planner/logical_plan.h"

namespace larder::execution {

Result<SourcePtr> RunLimitBy(QueryContext& context, SourcePtr input,
                             const planner::LogicalOperator& op);

// Every chunk of `source`, in morsel order (empty ones left out).
Result<std::vector<Chunk>> CollectInOrder(QueryContext& context, Source& source);

}  // namespace larder::execution
