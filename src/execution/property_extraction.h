// PropertyExtraction: when one operator reads several properties of the same JSON column
// (`properties.$browser`, `properties.$os`, …), each document is parsed once for all of them
// rather than once per property: the `_property(column, key…)` calls are replaced by columns
// that an extraction stage appends to the operator's input.
#pragma once

#include <vector>

#include "execution/source.h"
#include "planner/bound_expression.h"

namespace larder::execution {

// The properties read from one JSON column, and where their values are appended.
struct PropertyColumn {
  size_t json_column = 0;
  std::vector<std::vector<std::string>> paths;
  size_t first_output = 0;  // Index of the first appended column.
};

// Finds `_property(#column, 'key', …)` calls in `exprs` over an input of `input_width` columns;
// for every JSON column read two or more times (one path or several), rewrites those calls into
// column references to appended columns and describes the extraction in the result (empty: no
// change).
std::vector<PropertyColumn> PlanPropertyExtraction(std::vector<planner::BoundExprPtr*> exprs,
                                                   size_t input_width);

// `child`'s morsels with the extracted properties appended as Nullable(String) columns.
SourcePtr ExtractProperties(SourcePtr child, std::vector<PropertyColumn> columns);

}  // namespace larder::execution
