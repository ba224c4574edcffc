#include "planner/logical_plan.h"

#include <fmt/format.h>

#include "planner/expression_utils.h"

namespace larder::planner {
namespace {

std::string List(const std::vector<BoundExprPtr>& exprs) {
  std::string text;
  for (size_t i = 0; i < exprs.size(); ++i) text += (i ? ", " : "") + ExplainExpr(*exprs[i]);
  return text;
}

std::string Describe(const LogicalOperator& op) {
  using Kind = LogicalOperator::Kind;
  switch (op.kind) {
    case Kind::kScan: {
      std::string columns;
      for (size_t i = 0; i < op.output.fields.size(); ++i) {
        columns += (i ? ", " : "") + op.output.fields[i].name;
      }
      std::string text = fmt::format("Scan {} [{}]", op.table, columns);
      if (!op.prune_by.empty()) text += fmt::format(" prune by [{}]", List(op.prune_by));
      return text;
    }
    case Kind::kValues:
      return "Values (one row)";
    case Kind::kFilter:
      return fmt::format("Filter {}", ExplainExpr(*op.predicate));
    case Kind::kProject: {
      std::string text = "Project";
      for (size_t i = 0; i < op.exprs.size(); ++i) {
        text += fmt::format("{} {} AS {}", i ? "," : "", ExplainExpr(*op.exprs[i]),
                            op.output.fields[i].name);
      }
      return text;
    }
    case Kind::kAggregate:
      return fmt::format("Aggregate groups [{}] aggregates [{}]", List(op.groups),
                         List(op.aggregates));
    case Kind::kJoin:
      return fmt::format("{} on {}", op.join_type,
                         op.predicate ? ExplainExpr(*op.predicate) : std::string("true"));
    case Kind::kSort: {
      std::string text = op.top_n ? fmt::format("TopN {}", *op.top_n) : "Sort";
      for (size_t i = 0; i < op.sort_keys.size(); ++i) {
        text += fmt::format("{} {}{}{}", i ? "," : "", ExplainExpr(*op.sort_keys[i].expr),
                            op.sort_keys[i].descending ? " DESC" : "",
                            op.sort_keys[i].nulls_first ? " NULLS FIRST" : "");
      }
      return text;
    }
    case Kind::kLimit:
      return fmt::format("Limit {}{}{}", op.limit ? std::to_string(*op.limit) : "all",
                         op.offset ? fmt::format(" offset {}", op.offset) : "",
                         op.with_ties ? " with ties" : "");
    case Kind::kLimitBy:
      return fmt::format("LimitBy {}{} by {}", op.limit ? std::to_string(*op.limit) : "all",
                         op.offset ? fmt::format(" offset {}", op.offset) : "", List(op.groups));
    case Kind::kDistinct:
      return "Distinct";
    case Kind::kWindow:
      return fmt::format("Window [{}]", List(op.exprs));
    case Kind::kArrayJoin:
      return fmt::format("{}ArrayJoin [{}]", op.join_type == "LEFT" ? "Left" : "", List(op.exprs));
    case Kind::kSetOperation:
      return op.set_operator;
  }
  return "?";
}

void Explain(const LogicalOperator& op, int depth, std::string* out);

void ExplainSubqueries(const BoundExpr& expr, int depth, std::string* out) {
  if (expr.kind == BoundExpr::Kind::kSubquery) {
    *out += std::string(static_cast<size_t>(depth) * 2, ' ') + "(subquery)\n";
    Explain(*expr.subquery, depth + 1, out);
  }
  for (const BoundExprPtr& arg : expr.args) ExplainSubqueries(*arg, depth, out);
}

void Explain(const LogicalOperator& op, int depth, std::string* out) {
  *out += std::string(static_cast<size_t>(depth) * 2, ' ') + Describe(op) + "\n";
  if (op.predicate) ExplainSubqueries(*op.predicate, depth + 1, out);
  for (const BoundExprPtr& expr : op.exprs) ExplainSubqueries(*expr, depth + 1, out);
  for (const LogicalPtr& child : op.children) Explain(*child, depth + 1, out);
}

}  // namespace

LogicalPtr MakeOperator(LogicalOperator::Kind kind, LogicalPtr child) {
  auto op = std::make_unique<LogicalOperator>(kind);
  if (child) {
    op->output = child->output;
    op->children.push_back(std::move(child));
  }
  return op;
}

std::string ExplainPlan(const LogicalOperator& plan) {
  std::string out;
  Explain(plan, 0, &out);
  return out;
}

LogicalPtr SwapJoinSides(LogicalPtr join, std::string join_type) {
  const size_t left_width = join->children[0]->output.fields.size();
  const size_t right_width = join->children[1]->output.fields.size();
  std::vector<int> mapping(left_width + right_width);
  for (size_t i = 0; i < left_width; ++i) mapping[i] = static_cast<int>(right_width + i);
  for (size_t i = 0; i < right_width; ++i) mapping[left_width + i] = static_cast<int>(i);
  if (join->predicate) RemapColumns(join->predicate.get(), mapping);
  std::swap(join->children[0], join->children[1]);
  join->join_type = std::move(join_type);
  const Schema original = join->output;
  join->output.fields.clear();
  for (const LogicalPtr& child : join->children) {
    for (const Field& field : child->output.fields) join->output.fields.push_back(field);
  }
  auto project = MakeOperator(LogicalOperator::Kind::kProject, std::move(join));
  project->output = original;
  for (size_t i = 0; i < original.fields.size(); ++i) {
    project->exprs.push_back(MakeColumn(static_cast<size_t>(mapping[i]), original.fields[i].type,
                                        original.fields[i].name));
  }
  return project;
}

}  // namespace larder::planner
