// Optimizer rule: predicate pushdown — filter conjuncts move below inner and cross joins to the
// side whose columns they read (a cross join with a condition on both sides becomes an inner
// join) and those on left columns below LEFT joins to their left side; simple
// `column op constant` conjuncts over a scan are given to the scan so it can skip blocks by zone
// map.
#include "planner/expression_utils.h"
#include "planner/optimizer.h"

namespace larder::planner::rules {
namespace {

using Kind = LogicalOperator::Kind;

// A constant, or toDateTime('…') / toDate('…') of one: those calls stay in the plan because
// they read the session's time zone, and the scan reads their text in that zone
// (execution/scan.h's ZoneMapPredicates).
bool IsConstantSide(const BoundExpr& expr) {
  if (expr.kind == BoundExpr::Kind::kConstant) return true;
  if (expr.kind != BoundExpr::Kind::kCall || !expr.function || expr.args.size() != 1) return false;
  const std::string& name = expr.function->name;
  return (name == "toDateTime" || name == "toDate") &&
         expr.args[0]->kind == BoundExpr::Kind::kConstant;
}

bool IsZoneMapComparison(const BoundExpr& expr) {
  if (expr.kind != BoundExpr::Kind::kCall) return false;
  const std::string& name = expr.function->name;
  if ((name == "isNull" || name == "isNotNull") && expr.args.size() == 1) {
    return expr.args[0]->kind == BoundExpr::Kind::kColumn;
  }
  static const char* kComparisons[] = {"equals",       "notEquals", "less",
                                       "lessOrEquals", "greater",   "greaterOrEquals"};
  bool comparison = false;
  for (const char* candidate : kComparisons) comparison = comparison || name == candidate;
  if (!comparison || expr.args.size() != 2) return false;
  bool column_constant =
      expr.args[0]->kind == BoundExpr::Kind::kColumn && IsConstantSide(*expr.args[1]);
  bool constant_column =
      expr.args[1]->kind == BoundExpr::Kind::kColumn && IsConstantSide(*expr.args[0]);
  return column_constant || constant_column;
}

LogicalPtr AddFilter(LogicalPtr input, std::vector<BoundExprPtr> conjuncts,
                     const functions::FunctionInfo* and_function) {
  if (conjuncts.empty()) return input;
  auto filter = MakeOperator(Kind::kFilter, std::move(input));
  filter->predicate = CombineConjuncts(std::move(conjuncts), and_function);
  return filter;
}

bool InnerLike(const std::string& join_type) {
  return join_type == "JOIN" || join_type == "INNER JOIN" || join_type == "CROSS JOIN";
}

// LEFT [OUTER | ANY | SEMI | ANTI | ASOF] JOIN: each left row's output depends on that row alone,
// so a condition on left columns may filter the left rows before the join.
bool LeftRowwise(const std::string& join_type) {
  return join_type.find("LEFT") != std::string::npos;
}

// Filter over a LEFT join: the conjuncts reading only left columns move to the left side.
LogicalPtr PushIntoLeftSide(LogicalPtr filter) {
  LogicalPtr& join = filter->children.front();
  const functions::FunctionInfo* and_function =
      filter->predicate->function && filter->predicate->function->name == "and"
          ? filter->predicate->function
          : nullptr;
  const size_t left_width = join->children[0]->output.fields.size();
  std::vector<BoundExprPtr> left, rest;
  for (BoundExprPtr& conjunct : SplitConjuncts(std::move(filter->predicate))) {
    size_t low = 0, high = 0;
    bool left_only = ColumnRange(*conjunct, &low, &high) && high < left_width;
    (left_only ? left : rest).push_back(std::move(conjunct));
  }
  join->children[0] = AddFilter(std::move(join->children[0]), std::move(left), and_function);
  if (rest.empty()) return std::move(filter->children.front());
  filter->predicate = CombineConjuncts(std::move(rest), and_function);
  return filter;
}

LogicalPtr PushIntoJoin(LogicalPtr filter) {
  LogicalPtr& join = filter->children.front();
  if (!InnerLike(join->join_type)) {
    return LeftRowwise(join->join_type) ? PushIntoLeftSide(std::move(filter)) : std::move(filter);
  }
  const functions::FunctionInfo* and_function =
      filter->predicate->function && filter->predicate->function->name == "and"
          ? filter->predicate->function
          : nullptr;
  const size_t left_width = join->children[0]->output.fields.size();
  std::vector<BoundExprPtr> left, right, both;
  for (BoundExprPtr& conjunct : SplitConjuncts(std::move(filter->predicate))) {
    size_t low = 0, high = 0;
    if (!ColumnRange(*conjunct, &low, &high)) {
      both.push_back(std::move(conjunct));
    } else if (high < left_width) {
      left.push_back(std::move(conjunct));
    } else if (low >= left_width) {
      ShiftColumns(conjunct.get(), -static_cast<int>(left_width));
      right.push_back(std::move(conjunct));
    } else {
      both.push_back(std::move(conjunct));
    }
  }
  if (!and_function && (left.size() + right.size() + both.size() > 1))
    return filter;  // Unreachable.
  join->children[0] = AddFilter(std::move(join->children[0]), std::move(left), and_function);
  join->children[1] = AddFilter(std::move(join->children[1]), std::move(right), and_function);
  if (!both.empty() && join->join_type == "CROSS JOIN" && !join->predicate) {
    join->join_type = "INNER JOIN";
    join->predicate = CombineConjuncts(std::move(both), and_function);
    return std::move(filter->children.front());
  }
  if (both.empty()) return std::move(filter->children.front());
  filter->predicate = CombineConjuncts(std::move(both), and_function);
  return filter;
}

}  // namespace

LogicalPtr PushDownPredicates(LogicalPtr plan) {
  if (plan->kind == Kind::kFilter && plan->children.front()->kind == Kind::kJoin) {
    plan = PushIntoJoin(std::move(plan));
  }
  if (plan->kind == Kind::kFilter && plan->children.front()->kind == Kind::kScan) {
    LogicalOperator& scan = *plan->children.front();
    BoundExprPtr copy = plan->predicate->Clone();
    for (BoundExprPtr& conjunct : SplitConjuncts(std::move(copy))) {
      if (IsZoneMapComparison(*conjunct)) scan.prune_by.push_back(std::move(conjunct));
    }
  }
  for (LogicalPtr& child : plan->children) child = PushDownPredicates(std::move(child));
  return plan;
}

}  // namespace larder::planner::rules
