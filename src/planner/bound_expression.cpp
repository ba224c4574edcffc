#include "planner/bound_expression.h"

#include <fmt/format.h>

namespace larder::planner {

BoundExprPtr BoundExpr::Clone() const {
  auto copy = std::make_unique<BoundExpr>();
  copy->kind = kind;
  copy->type = type;
  copy->name = name;
  copy->column = column;
  copy->value = value;
  copy->function = function;
  for (const BoundExprPtr& arg : args) copy->args.push_back(arg->Clone());
  copy->params = params;
  copy->distinct = distinct;
  copy->window_args = window_args;
  copy->window_partitions = window_partitions;
  copy->window_order_descending = window_order_descending;
  copy->window_order_nulls_first = window_order_nulls_first;
  copy->frame = frame;
  copy->subquery = subquery;
  copy->subquery_source = subquery_source;
  copy->start = start;
  copy->end = end;
  return copy;
}

bool BoundExpr::SameAs(const BoundExpr& other) const {
  if (kind != other.kind || function != other.function || args.size() != other.args.size() ||
      distinct != other.distinct || params != other.params ||
      window_partitions != other.window_partitions ||
      window_order_descending != other.window_order_descending ||
      window_order_nulls_first != other.window_order_nulls_first ||
      frame.has_value() != other.frame.has_value()) {
    return false;
  }
  if ((kind == Kind::kColumn || kind == Kind::kLambdaParam || kind == Kind::kLambda) &&
      column != other.column) {
    return false;
  }
  if (kind == Kind::kSubquery && subquery != other.subquery &&
      (subquery_source == nullptr || subquery_source != other.subquery_source)) {
    return false;
  }
  if (kind == Kind::kConstant && !(value == other.value && type == other.type)) return false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (!args[i]->SameAs(*other.args[i])) return false;
  }
  return true;
}

bool BoundExpr::ContainsAggregate() const {
  if (kind == Kind::kAggregate) return true;
  for (const BoundExprPtr& arg : args) {
    if (arg->ContainsAggregate()) return true;
  }
  return false;
}

BoundExprPtr MakeColumn(size_t column, LogicalType type, std::string name) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExpr::Kind::kColumn;
  expr->column = column;
  expr->type = std::move(type);
  expr->name = std::move(name);
  return expr;
}

BoundExprPtr MakeConstant(Value value, LogicalType type) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExpr::Kind::kConstant;
  expr->name = value.ToString(type);
  expr->value = std::move(value);
  expr->type = std::move(type);
  return expr;
}

BoundExprPtr MakeCall(const functions::FunctionInfo* function, std::vector<BoundExprPtr> args,
                      LogicalType type) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = function->kind == functions::FunctionKind::kAggregate ? BoundExpr::Kind::kAggregate
                                                                     : BoundExpr::Kind::kCall;
  expr->function = function;
  expr->args = std::move(args);
  expr->type = std::move(type);
  expr->name = function->name;
  return expr;
}

std::string ExplainExpr(const BoundExpr& expr) {
  switch (expr.kind) {
    case BoundExpr::Kind::kColumn:
      return fmt::format("#{}", expr.column);
    case BoundExpr::Kind::kConstant:
      if (expr.type.is_string_like() && !expr.value.is_null()) {
        return fmt::format("'{}'", expr.value.as_string());
      }
      return expr.value.ToString(expr.type);
    case BoundExpr::Kind::kSubquery:
      return "(subquery)";
    case BoundExpr::Kind::kLambdaParam:
      return fmt::format("$param{}", expr.column);
    case BoundExpr::Kind::kLambda:
      return fmt::format("lambda/{} -> {}", expr.column, ExplainExpr(*expr.args[0]));
    case BoundExpr::Kind::kWindow: {
      std::string text = expr.function->name + "(";
      for (size_t i = 0; i < expr.window_args; ++i) {
        text += (i ? ", " : "") + ExplainExpr(*expr.args[i]);
      }
      text += ") OVER (";
      size_t index = expr.window_args;
      if (expr.window_partitions > 0) {
        text += "PARTITION BY ";
        for (size_t i = 0; i < expr.window_partitions; ++i, ++index) {
          text += (i ? ", " : "") + ExplainExpr(*expr.args[index]);
        }
      }
      if (!expr.window_order_descending.empty()) {
        text += expr.window_partitions > 0 ? " ORDER BY " : "ORDER BY ";
        for (size_t i = 0; i < expr.window_order_descending.size(); ++i, ++index) {
          text += (i ? ", " : "") + ExplainExpr(*expr.args[index]) +
                  (expr.window_order_descending[i] ? " DESC" : "") +
                  (i < expr.window_order_nulls_first.size() && expr.window_order_nulls_first[i]
                       ? " NULLS FIRST"
                       : "");
        }
      }
      if (expr.frame) text += expr.frame->rows ? " ROWS frame" : " RANGE frame";
      return text + ")";
    }
    default: {
      std::string text = expr.function->name;
      if (!expr.params.empty()) {
        text += "(";
        for (size_t i = 0; i < expr.params.size(); ++i) {
          text += (i ? ", " : "") + expr.params[i].ToString(LogicalType::Float64());
        }
        text += ")";
      }
      text += expr.distinct ? "(DISTINCT " : "(";
      for (size_t i = 0; i < expr.args.size(); ++i) {
        text += (i ? ", " : "") + ExplainExpr(*expr.args[i]);
      }
      return text + ")";
    }
  }
}

}  // namespace larder::planner
