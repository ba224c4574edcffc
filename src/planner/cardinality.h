// Row-count estimates for logical operators, for choices that depend on size (which side of a
// join to build). Coarse on purpose: scans know their table's rows; filters keep a fixed share;
// anything whose size cannot be told (a table function, an unknown table) makes the estimate of
// the operators above it unknown too, and unknown estimates change no choice.
#pragma once

#include <optional>

#include "planner/logical_plan.h"

namespace larder::planner {

// The rows `op` is expected to produce, or nullopt when unknown.
std::optional<double> EstimateRows(const LogicalOperator& op);

}  // namespace larder::planner
