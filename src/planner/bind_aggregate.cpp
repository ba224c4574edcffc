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
                                                      const std::vector<BoundExprPtr>& select,
                                                      std::vector<std::vector<bool>>* sets) {
  std::vector<BoundExprPtr> groups;
  if (!query.group_by || query.group_by_mode == "all") return groups;
  ExprContext group_context = context;
  group_context.clause = "GROUP BY";
  group_context.allow_aggregates = false;
  // The key `node` stands for: its index in `groups`, added when new.
  auto key = [&](const hogql::Node& node) -> Result<size_t> {
    BoundExprPtr bound = Positional(node, select);
    if (!bound) {
      LARDER_ASSIGN_OR_RETURN(bound, BindExpr(node, group_context));
    }
    for (size_t i = 0; i < groups.size(); ++i) {
      if (groups[i]->SameAs(*bound)) return i;
    }
    groups.push_back(std::move(bound));
    return groups.size() - 1;
  };
  if (query.group_by_mode == "grouping_sets") {
    std::vector<std::vector<size_t>> members;
    for (const hogql::NodePtr& node : *query.group_by) {
      const auto* set = As<hogql::GroupingSet>(node.get());
      members.emplace_back();
      for (const hogql::NodePtr& item : set->exprs) {
        LARDER_ASSIGN_OR_RETURN(size_t index, key(*item));
        members.back().push_back(index);
      }
    }
    for (const std::vector<size_t>& member : members) {
      sets->emplace_back(groups.size(), false);
      for (size_t index : member) sets->back()[index] = true;
    }
    return groups;
  }
  for (const hogql::NodePtr& node : *query.group_by) {
    LARDER_ASSIGN_OR_RETURN(size_t index, key(*node));
    (void)index;
  }
  const size_t n = groups.size();
  if (query.group_by_mode == "rollup") {
    for (size_t kept = n + 1; kept-- > 0;) {
      sets->emplace_back(n, false);
      for (size_t i = 0; i < kept; ++i) sets->back()[i] = true;
    }
  } else if (query.group_by_mode == "cube") {
    if (n > 12) return Error(query, "CUBE of more than 12 keys makes too many grouping sets");
    for (size_t mask = (size_t{1} << n); mask-- > 0;) {
      sets->emplace_back(n, false);
      for (size_t i = 0; i < n; ++i) sets->back()[i] = (mask >> (n - 1 - i)) & 1;
    }
  }
  return groups;
}

Result<LogicalPtr> Binder::Aggregate(LogicalPtr input, const hogql::SelectQuery& query,
                                     std::vector<BoundExprPtr> groups,
                                     std::vector<std::vector<bool>> sets,
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
  aggregate->grouping_sets = std::move(sets);
  return aggregate;
}

}  // namespace larder::planner
