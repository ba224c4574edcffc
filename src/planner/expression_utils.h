// Helpers over bound expressions used by the optimizer rules: which input columns an expression
// reads, renumbering those columns, and splitting AND chains.
#pragma once

#include <vector>

#include "planner/bound_expression.h"

namespace larder::planner {

// Marks in `used` (sized to the input's width) every column `expr` reads.
void CollectColumns(const BoundExpr& expr, std::vector<bool>* used);
// Renumbers columns: column i becomes mapping[i]. REQUIRES: mapping[i] >= 0 for columns used.
void RemapColumns(BoundExpr* expr, const std::vector<int>& mapping);
// Adds `delta` to every column number.
void ShiftColumns(BoundExpr* expr, int delta);
// and(a, and(b, c)) → [a, b, c]; anything else → [expr].
std::vector<BoundExprPtr> SplitConjuncts(BoundExprPtr expr);
// The AND of `conjuncts` (one conjunct → itself). REQUIRES: not empty.
BoundExprPtr CombineConjuncts(std::vector<BoundExprPtr> conjuncts,
                              const functions::FunctionInfo* and_function);
// The smallest and largest column an expression reads; false when it reads none.
bool ColumnRange(const BoundExpr& expr, size_t* low, size_t* high);

}  // namespace larder::planner
