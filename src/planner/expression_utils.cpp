#include "planner/expression_utils.h"

namespace larder::planner {

void CollectColumns(const BoundExpr& expr, std::vector<bool>* used) {
  if (expr.kind == BoundExpr::Kind::kColumn && expr.column < used->size()) {
    (*used)[expr.column] = true;
  }
  for (const BoundExprPtr& arg : expr.args) CollectColumns(*arg, used);
}

void RemapColumns(BoundExpr* expr, const std::vector<int>& mapping) {
  if (expr->kind == BoundExpr::Kind::kColumn) {
    expr->column = static_cast<size_t>(mapping[expr->column]);
  }
  for (BoundExprPtr& arg : expr->args) RemapColumns(arg.get(), mapping);
}

void ShiftColumns(BoundExpr* expr, int delta) {
  if (expr->kind == BoundExpr::Kind::kColumn) {
    expr->column = static_cast<size_t>(static_cast<int>(expr->column) + delta);
  }
  for (BoundExprPtr& arg : expr->args) ShiftColumns(arg.get(), delta);
}

std::vector<BoundExprPtr> SplitConjuncts(BoundExprPtr expr) {
  std::vector<BoundExprPtr> conjuncts;
  if (expr->kind == BoundExpr::Kind::kCall && expr->function->name == "and") {
    for (BoundExprPtr& arg : expr->args) {
      for (BoundExprPtr& inner : SplitConjuncts(std::move(arg))) {
        conjuncts.push_back(std::move(inner));
      }
    }
    return conjuncts;
  }
  conjuncts.push_back(std::move(expr));
  return conjuncts;
}

BoundExprPtr CombineConjuncts(std::vector<BoundExprPtr> conjuncts,
                              const functions::FunctionInfo* and_function) {
  if (conjuncts.size() == 1) return std::move(conjuncts.front());
  bool nullable = false;
  for (const BoundExprPtr& conjunct : conjuncts) nullable = nullable || conjunct->type.nullable();
  return MakeCall(and_function, std::move(conjuncts), LogicalType::Bool().WithNullable(nullable));
}

bool ColumnRange(const BoundExpr& expr, size_t* low, size_t* high) {
  bool any = false;
  if (expr.kind == BoundExpr::Kind::kColumn) {
    *low = expr.column;
    *high = expr.column;
    any = true;
  }
  for (const BoundExprPtr& arg : expr.args) {
    size_t arg_low, arg_high;
    if (!ColumnRange(*arg, &arg_low, &arg_high)) continue;
    *low = any ? std::min(*low, arg_low) : arg_low;
    *high = any ? std::max(*high, arg_high) : arg_high;
    any = true;
  }
  return any;
}

}  // namespace larder::planner
