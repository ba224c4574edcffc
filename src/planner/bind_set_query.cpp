// Binder: set operations — UNION ALL / UNION DISTINCT / INTERSECT / EXCEPT chains, mixed as
// ClickHouse reads them (INTERSECT first, then UNION and EXCEPT from left to right), with each
// operand's columns converted to the type the operands have in common (Int64 and Float64 give
// Float64, Date and DateTime give DateTime, NULL takes the other side's type, made Nullable).
#include <fmt/format.h>

#include "planner/binder_impl.h"

namespace larder::planner {
namespace {

bool IsIntersect(const std::string& op) { return op.starts_with("INTERSECT"); }

// The function that converts a value to `type`'s kind, or nullptr when there is none to use.
const char* ConversionTo(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kInt64:
      return "toInt64";
    case TypeId::kFloat64:
      return "toFloat64";
    case TypeId::kString:
      return "toString";
    case TypeId::kDate:
      return "toDate";
    case TypeId::kDateTime:
      return "toDateTime";
    case TypeId::kUuid:
      return "toUUID";
    case TypeId::kBool:
      return "toBool";
    default:
      return nullptr;
  }
}

}  // namespace

Result<LogicalPtr> Binder::ConformSetOperand(LogicalPtr plan, const Schema& want,
                                             const hogql::Node& node) {
  bool same = true;
  for (size_t i = 0; i < want.fields.size(); ++i) {
    same = same && plan->output.fields[i].type.WithNullable(false) ==
                       want.fields[i].type.WithNullable(false);
  }
  if (same) return plan;
  auto project = MakeOperator(LogicalOperator::Kind::kProject);
  for (size_t i = 0; i < want.fields.size(); ++i) {
    const Field& have = plan->output.fields[i];
    const LogicalType& type = want.fields[i].type;
    BoundExprPtr column = MakeColumn(i, have.type, have.name);
    if (have.type.WithNullable(false) == type.WithNullable(false)) {
      project->exprs.push_back(std::move(column));
    } else if (have.type.id() == TypeId::kNothing) {
      project->exprs.push_back(MakeConstant(Value::Null(), type));
    } else if (const char* conversion = ConversionTo(type)) {
      std::vector<BoundExprPtr> args;
      args.push_back(std::move(column));
      LARDER_ASSIGN_OR_RETURN(BoundExprPtr call, CallFunction(conversion, std::move(args), node));
      if (have.type.nullable()) call->type = call->type.WithNullable(true);
      project->exprs.push_back(std::move(call));
    } else {
      return NotSupported(node, fmt::format("a set operation turning column {} from {} into {}",
                                            i + 1, have.type.ToString(), type.ToString()));
    }
    project->output.fields.push_back({have.name, project->exprs.back()->type});
  }
  project->children.push_back(std::move(plan));
  return project;
}

Status Binder::ConformSetOperands(LogicalOperator* set, const hogql::Node& node) {
  if (set->kind != LogicalOperator::Kind::kSetOperation) return Status::OK();
  for (LogicalPtr& child : set->children) {
    LARDER_RETURN_IF_ERROR(ConformSetOperands(child.get(), node));
    LARDER_ASSIGN_OR_RETURN(child, ConformSetOperand(std::move(child), set->output, node));
  }
  return Status::OK();
}

Result<std::vector<Binder::SetOperand>> Binder::CombineSetOperands(std::vector<SetOperand> operands,
                                                                   bool intersect) {
  std::vector<SetOperand> combined;
  bool open = false;  // Whether combined.back() is a set operation made here that may grow.
  for (SetOperand& operand : operands) {
    if (combined.empty() || IsIntersect(operand.op) != intersect) {
      combined.push_back(std::move(operand));
      open = false;
      continue;
    }
    SetOperand& last = combined.back();
    if (!open || last.plan->set_operator != operand.op) {
      auto set = MakeOperator(LogicalOperator::Kind::kSetOperation, std::move(last.plan));
      set->output = set->children.front()->output;
      set->set_operator = operand.op;
      last.plan = std::move(set);
      open = true;
    }
    LogicalOperator& set = *last.plan;
    for (size_t i = 0; i < set.output.fields.size(); ++i) {
      const LogicalType& type = operand.plan->output.fields[i].type;
      auto common = functions::CommonSupertype(set.output.fields[i].type, type);
      if (!common) {
        return Error(
            *operand.node,
            fmt::format("column {} is {} on one side of {} and {} on the other", i + 1,
                        set.output.fields[i].type.ToString(), operand.op, type.ToString()));
      }
      set.output.fields[i].type = *common;
    }
    set.children.push_back(std::move(operand.plan));
  }
  return combined;
}

Result<LogicalPtr> Binder::BindSetQuery(const hogql::SelectSetQuery& query) {
  std::vector<SetOperand> operands;
  LARDER_ASSIGN_OR_RETURN(LogicalPtr first, BindQueryNode(*query.initial_select_query));
  operands.push_back({"", std::move(first), query.initial_select_query.get()});
  for (const auto& next : query.subsequent_select_queries) {
    LARDER_ASSIGN_OR_RETURN(LogicalPtr plan, BindQueryNode(*next.select_query));
    const size_t width = operands.front().plan->output.fields.size();
    if (plan->output.fields.size() != width) {
      return Error(*next.select_query,
                   fmt::format("{} needs the same number of columns on both sides: {} vs {}",
                               next.set_operator, width, plan->output.fields.size()));
    }
    operands.push_back({next.set_operator, std::move(plan), next.select_query.get()});
  }
  LARDER_ASSIGN_OR_RETURN(operands, CombineSetOperands(std::move(operands), true));
  LARDER_ASSIGN_OR_RETURN(operands, CombineSetOperands(std::move(operands), false));
  LogicalPtr plan = std::move(operands.front().plan);
  LARDER_RETURN_IF_ERROR(ConformSetOperands(plan.get(), *query.initial_select_query));
  if (query.limit || query.offset) {
    auto limit = MakeOperator(LogicalOperator::Kind::kLimit, std::move(plan));
    LARDER_ASSIGN_OR_RETURN(limit->limit, ConstantCount(query.limit.get(), "LIMIT"));
    LARDER_ASSIGN_OR_RETURN(auto offset, ConstantCount(query.offset.get(), "OFFSET"));
    limit->offset = offset.value_or(0);
    plan = std::move(limit);
  }
  return plan;
}

}  // namespace larder::planner
