// Binder: GROUP BY and aggregates — collecting the aggregate calls of SELECT, HAVING and ORDER BY
// into one Aggregate operator and rewriting those clauses to read its output.
#include "planner/binder_impl.h"

namespace larder::planner {
namespace {

void CollectAggregates(const BoundExpr& expr, std::vector<BoundExprPtr>* aggregates) {
  if (expr.kind == BoundExpr::Kind::kAggregate) {
    for (const BoundExprPtr& existing : *aggregates) {
      if (existing->SameAs(expr)) return;
    }
    aggregates->push_back(expr.Clone());
    return;
  }
  for (const BoundExprPtr& arg : expr.args) CollectAggregates(*arg, aggregates);
}

const BoundExpr* FindNestedAggregate(const BoundExpr& expr, bool inside) {
  if (expr.kind == BoundExpr::Kind::kAggregate) {
    if (inside) return &expr;
    inside = true;
  }
  for (const BoundExprPtr& arg : expr.args) {
    if (const BoundExpr* found = FindNestedAggregate(*arg, inside)) return found;
  }
  return nullptr;
}

}  // namespace

Result<BoundExprPtr> Binder::RewriteAfterAggregate(const BoundExpr& expr,
                                                   const std::vector<BoundExprPtr>& groups,
                                                   const std::vector<BoundExprPtr>& aggregates) {
  for (size_t i = 0; i < groups.size(); ++i) {
    if (groups[i]->SameAs(expr)) return MakeColumn(i, expr.type, expr.name);
  }
  if (expr.kind == BoundExpr::Kind::kAggregate) {
    for (size_t i = 0; i < aggregates.size(); ++i) {
      if (aggregates[i]->SameAs(expr)) return MakeColumn(groups.size() + i, expr.type, expr.name);
    }
  }
  if (expr.kind == BoundExpr::Kind::kColumn) {
    return Error(expr.start, expr.end,
                 fmt::format("Column `{}` is not under an aggregate function and not in GROUP BY "
                             "keys; add it to GROUP BY or wrap it in an aggregate such as any()",
                             expr.name));
  }
  BoundExprPtr copy = expr.Clone();
  for (BoundExprPtr& arg : copy->args) {
    LARDER_ASSIGN_OR_RETURN(arg, RewriteAfterAggregate(*arg, groups, aggregates));
  }
  return copy;
}

Result<std::vector<BoundExprPtr>> Binder::BindGroupBy(const hogql::SelectQuery& query,
                                                      const ExprContext& context,
                                                      const std::vector<BoundExprPtr>& select) {
  std::vector<BoundExprPtr> groups;
  if (!query.group_by || query.group_by_mode) return groups;
  ExprContext group_context = context;
  group_context.clause = "GROUP BY";
  group_context.allow_aggregates = false;
  for (const hogql::NodePtr& node : *query.group_by) {
    if (BoundExprPtr position = Positional(*node, select)) {
      groups.push_back(std::move(position));
      continue;
    }
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr group, BindExpr(*node, group_context));
    groups.push_back(std::move(group));
  }
  return groups;
}

Result<LogicalPtr> Binder::Aggregate(LogicalPtr input, const hogql::SelectQuery& query,
                                     std::vector<BoundExprPtr> groups,
                                     std::vector<BoundExprPtr>* select, BoundExprPtr* having,
                                     std::vector<LogicalOperator::SortKey>* order) {
  std::vector<BoundExprPtr> aggregates;
  auto collect = [&](const BoundExpr& expr) -> Status {
    if (const BoundExpr* nested = FindNestedAggregate(expr, false)) {
      return Error(nested->start, nested->end,
                   fmt::format("aggregate function {}() is inside another aggregate function",
                               nested->name));
    }
    CollectAggregates(expr, &aggregates);
    return Status::OK();
  };
  for (const BoundExprPtr& expr : *select) LARDER_RETURN_IF_ERROR(collect(*expr));
  if (*having) LARDER_RETURN_IF_ERROR(collect(**having));
  for (const auto& key : *order) LARDER_RETURN_IF_ERROR(collect(*key.expr));
  bool grouped = query.group_by.has_value() || query.group_by_mode.has_value();
  if (!grouped && aggregates.empty()) {
    if (*having) return Error(*query.having, "HAVING needs GROUP BY or an aggregate function");
    return input;
  }
  if (query.group_by_mode && *query.group_by_mode != "all") {
    return NotSupported(query, fmt::format("GROUP BY {}", *query.group_by_mode));
  }
  if (query.group_by_mode == "all") {
    for (const BoundExprPtr& expr : *select) {
      if (!expr->ContainsAggregate()) groups.push_back(expr->Clone());
    }
  }
  for (BoundExprPtr& expr : *select) {
    LARDER_ASSIGN_OR_RETURN(expr, RewriteAfterAggregate(*expr, groups, aggregates));
  }
  if (*having) {
    LARDER_ASSIGN_OR_RETURN(*having, RewriteAfterAggregate(**having, groups, aggregates));
  }
  for (auto& key : *order) {
    LARDER_ASSIGN_OR_RETURN(key.expr, RewriteAfterAggregate(*key.expr, groups, aggregates));
  }
  auto aggregate = MakeOperator(LogicalOperator::Kind::kAggregate, std::move(input));
  aggregate->output.fields.clear();
  for (const BoundExprPtr& group : groups)
    aggregate->output.fields.push_back({group->name, group->type});
  for (const BoundExprPtr& call : aggregates)
    aggregate->output.fields.push_back({call->name, call->type});
  aggregate->groups = std::move(groups);
  aggregate->aggregates = std::move(aggregates);
  return aggregate;
}

}  // namespace larder::planner
