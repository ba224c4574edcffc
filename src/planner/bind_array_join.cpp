// ARRAY JOIN and arrayJoin(…): `FROM t ARRAY JOIN t.tags AS tag` repeats each row of t once per
// element of its tags, `tag` holding the element; several arrays in one ARRAY JOIN are zipped
// (they must have the same size in each row); LEFT ARRAY JOIN keeps a row with an empty array
// once, with the element type's default. arrayJoin(arr) in an expression does the same for
// `arr`; each distinct arrayJoin(…) multiplies the rows again, as in ClickHouse.
// The element columns come after the FROM clause's columns (and before the person fields' lazy
// joins, which must not be pending when they are added).
#include "planner/binder_impl.h"

namespace larder::planner {
namespace {

// Hides the FROM tables' columns named `name`, so the unqualified name means the element.
void HideShadowed(Scope* scope, const std::string& name) {
  for (ScopeTable& table : scope->tables) {
    for (const Field& column : table.columns) {
      if (column.name == name && !table.name.empty()) table.using_hidden.insert(name);
    }
  }
}

// Adds an element column named `name` to the scope; returns its position in the combined row.
size_t AddElementColumn(Scope* scope, const std::string& name, const LogicalType& type) {
  const size_t column = scope->width;
  scope->tables.push_back(ScopeTable{"", "", {{name, type}}, column});
  ++scope->width;
  return column;
}

bool HasPendingLazyJoins(const Scope& scope) {
  for (const LazyJoin& join : scope.lazy_joins) {
    if (!join.attached) return true;
  }
  return false;
}

}  // namespace

Status Binder::BindArrayJoinClause(const hogql::SelectQuery& query, Scope* scope) {
  ExprContext context{scope, nullptr, nullptr, "ARRAY JOIN", false};
  ArrayJoinStep step;
  step.left = query.array_join_op->find("LEFT") != std::string::npos;
  std::vector<std::pair<std::string, LogicalType>> elements;
  for (const hogql::NodePtr& item : *query.array_join_list) {
    const auto* alias = As<hogql::Alias>(item.get());
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr array, BindExpr(*alias->expr, context));
    if (array->type.id() != TypeId::kArray) {
      return Error(*alias->expr,
                   fmt::format("ARRAY JOIN needs an array, not {}", array->type.ToString()));
    }
    elements.emplace_back(alias->alias, array->type.element());
    step.arrays.push_back(std::move(array));
  }
  if (HasPendingLazyJoins(*scope)) {
    return NotSupported(query, "person fields inside ARRAY JOIN");
  }
  for (const auto& [name, type] : elements) {
    HideShadowed(scope, name);
    step.columns.push_back(AddElementColumn(scope, name, type));
  }
  scope->array_joins.push_back(std::move(step));
  return Status::OK();
}

Result<BoundExprPtr> Binder::BindArrayJoinCall(const hogql::Call& call,
                                               const ExprContext& context) {
  if (call.args.size() != 1) {
    return Error(call,
                 fmt::format("arrayJoin takes 1 argument, but {} were given", call.args.size()));
  }
  if (context.scope == nullptr) return NotSupported(call, "arrayJoin here");
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr array, BindExpr(*call.args[0], context));
  if (array->type.id() != TypeId::kArray) {
    return Error(call, fmt::format("arrayJoin needs an array, not {}", array->type.ToString()));
  }
  Scope* scope = context.scope;
  for (const ArrayJoinStep& step : scope->array_joins) {
    if (step.from_call && step.arrays[0]->SameAs(*array)) {
      return MakeColumn(step.columns[0], array->type.element(), TextOf(call));
    }
  }
  if (HasPendingLazyJoins(*scope)) {
    return NotSupported(call, "arrayJoin together with person fields");
  }
  ArrayJoinStep step;
  step.from_call = true;
  const LogicalType element = array->type.element();
  step.columns.push_back(AddElementColumn(scope, TextOf(call), element));
  step.arrays.push_back(std::move(array));
  scope->array_joins.push_back(std::move(step));
  return MakeColumn(scope->array_joins.back().columns[0], element, TextOf(call));
}

LogicalPtr Binder::ApplyArrayJoins(LogicalPtr plan, Scope* scope) {
  for (ArrayJoinStep& step : scope->array_joins) {
    auto join = MakeOperator(LogicalOperator::Kind::kArrayJoin, std::move(plan));
    join->join_type = step.left ? "LEFT" : "";
    for (size_t i = 0; i < step.arrays.size(); ++i) {
      join->output.fields.push_back(
          {fmt::format("element{}", step.columns[i]), step.arrays[i]->type.element()});
      join->exprs.push_back(std::move(step.arrays[i]));
    }
    plan = std::move(join);
  }
  scope->array_joins.clear();
  return plan;
}

}  // namespace larder::planner
