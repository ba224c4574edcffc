// Optimizer rule: constant folding — calls of constants are evaluated while planning, and
// AND / OR with constant operands are simplified.
#include <cmath>

#include "planner/optimizer.h"

namespace larder::planner::rules {
namespace {

std::optional<Value> CompareValues(std::string_view name, const Value& a, const Value& b) {
  auto order = a.Compare(b);
  if (order == std::partial_ordering::unordered) return std::nullopt;
  if (name == "equals") return Value::Bool(order == 0);
  if (name == "notEquals") return Value::Bool(order != 0);
  if (name == "less") return Value::Bool(order < 0);
  if (name == "lessOrEquals") return Value::Bool(order <= 0);
  if (name == "greater") return Value::Bool(order > 0);
  if (name == "greaterOrEquals") return Value::Bool(order >= 0);
  return std::nullopt;
}

std::optional<Value> Arithmetic(std::string_view name, const Value& a, const Value& b) {
  const bool ints =
      std::holds_alternative<int64_t>(a.storage()) && std::holds_alternative<int64_t>(b.storage());
  auto as_double = [](const Value& v) -> std::optional<double> {
    if (auto* i = std::get_if<int64_t>(&v.storage())) return static_cast<double>(*i);
    if (auto* d = std::get_if<double>(&v.storage())) return *d;
    return std::nullopt;
  };
  if (name == "divide") {
    auto x = as_double(a), y = as_double(b);
    if (!x || !y) return std::nullopt;
    return Value::Float64(*x / *y);
  }
  if (ints) {
    // ClickHouse integer arithmetic wraps around.
    uint64_t x = static_cast<uint64_t>(a.as_int64()), y = static_cast<uint64_t>(b.as_int64());
    if (name == "plus") return Value::Int64(static_cast<int64_t>(x + y));
    if (name == "minus") return Value::Int64(static_cast<int64_t>(x - y));
    if (name == "multiply") return Value::Int64(static_cast<int64_t>(x * y));
    if (name == "modulo" && b.as_int64() != 0 &&
        !(a.as_int64() == INT64_MIN && b.as_int64() == -1)) {
      return Value::Int64(a.as_int64() % b.as_int64());
    }
    return std::nullopt;
  }
  auto x = as_double(a), y = as_double(b);
  if (!x || !y) return std::nullopt;
  if (name == "plus") return Value::Float64(*x + *y);
  if (name == "minus") return Value::Float64(*x - *y);
  if (name == "multiply") return Value::Float64(*x * *y);
  return std::nullopt;
}

// The value of a call of constants, when this rule knows the function.
std::optional<Value> Evaluate(const BoundExpr& call) {
  std::vector<const Value*> args;
  for (const BoundExprPtr& arg : call.args) {
    if (arg->kind != BoundExpr::Kind::kConstant || arg->value.is_null()) return std::nullopt;
    args.push_back(&arg->value);
  }
  const std::string& name = call.function->name;
  if (args.size() == 2) {
    if (auto compared = CompareValues(name, *args[0], *args[1])) return compared;
    if (auto computed = Arithmetic(name, *args[0], *args[1])) return computed;
  }
  if (name == "not" && args.size() == 1 && std::holds_alternative<bool>(args[0]->storage())) {
    return Value::Bool(!args[0]->as_bool());
  }
  if (name == "concat") {
    std::string text;
    for (const Value* arg : args) {
      if (!std::holds_alternative<std::string>(arg->storage())) return std::nullopt;
      text += arg->as_string();
    }
    return Value::String(std::move(text));
  }
  return std::nullopt;
}

bool IsBoolConstant(const BoundExpr& expr, bool value) {
  return expr.kind == BoundExpr::Kind::kConstant &&
         std::holds_alternative<bool>(expr.value.storage()) && expr.value.as_bool() == value;
}

// AND/OR: drops neutral constants and short-circuits on absorbing ones.
BoundExprPtr SimplifyLogic(BoundExprPtr call) {
  const bool is_and = call->function->name == "and";
  std::vector<BoundExprPtr> kept;
  for (BoundExprPtr& arg : call->args) {
    if (IsBoolConstant(*arg, !is_and))
      return MakeConstant(Value::Bool(!is_and), LogicalType::Bool());
    if (!IsBoolConstant(*arg, is_and)) kept.push_back(std::move(arg));
  }
  if (kept.empty()) return MakeConstant(Value::Bool(is_and), LogicalType::Bool());
  if (kept.size() == 1 && kept.front()->type.id() == TypeId::kBool) return std::move(kept.front());
  call->args = std::move(kept);
  return call;
}

BoundExprPtr Fold(BoundExprPtr expr) {
  for (BoundExprPtr& arg : expr->args) arg = Fold(std::move(arg));
  if (expr->kind != BoundExpr::Kind::kCall) return expr;
  if (expr->function->name == "and" || expr->function->name == "or") {
    return SimplifyLogic(std::move(expr));
  }
  std::optional<Value> value = Evaluate(*expr);
  if (!value) return expr;
  BoundExprPtr constant = MakeConstant(std::move(*value), expr->type.WithNullable(false));
  constant->start = expr->start;
  constant->end = expr->end;
  return constant;
}

void FoldAll(std::vector<BoundExprPtr>* exprs) {
  for (BoundExprPtr& expr : *exprs) expr = Fold(std::move(expr));
}

}  // namespace

LogicalPtr FoldConstants(LogicalPtr plan, const functions::FunctionRegistry& functions) {
  (void)functions;
  for (LogicalPtr& child : plan->children) child = FoldConstants(std::move(child), functions);
  if (plan->predicate) plan->predicate = Fold(std::move(plan->predicate));
  FoldAll(&plan->exprs);
  FoldAll(&plan->groups);
  for (BoundExprPtr& aggregate : plan->aggregates) FoldAll(&aggregate->args);
  for (auto& key : plan->sort_keys) key.expr = Fold(std::move(key.expr));
  if (plan->kind == LogicalOperator::Kind::kFilter && IsBoolConstant(*plan->predicate, true)) {
    return std::move(plan->children.front());
  }
  return plan;
}

}  // namespace larder::planner::rules
