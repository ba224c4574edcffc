// Optimizer rule: projection pruning — from the root down, each operator keeps only the columns
// its parent reads (plus what it needs itself), so scans read only the columns a query uses; then
// a projection over a projection of plain columns reads through the lower one.
#include "planner/expression_utils.h"
#include "planner/optimizer.h"

namespace larder::planner::rules {
namespace {

using Kind = LogicalOperator::Kind;

// Prunes `op` to the `required` columns of its output and returns, for each old output column,
// its new position (or -1 when dropped).
std::vector<int> Prune(LogicalOperator* op, std::vector<bool> required);

std::vector<int> KeepRequired(const std::vector<bool>& required, Schema* output) {
  std::vector<int> mapping(required.size(), -1);
  Schema kept;
  for (size_t i = 0; i < required.size(); ++i) {
    if (!required[i]) continue;
    mapping[i] = static_cast<int>(kept.fields.size());
    kept.fields.push_back(output->fields[i]);
  }
  *output = std::move(kept);
  return mapping;
}

std::vector<int> PruneScan(LogicalOperator* op, std::vector<bool> required) {
  for (const BoundExprPtr& condition : op->prune_by) CollectColumns(*condition, &required);
  std::vector<int> mapping = KeepRequired(required, &op->output);
  for (BoundExprPtr& condition : op->prune_by) RemapColumns(condition.get(), mapping);
  return mapping;
}

std::vector<int> PruneProject(LogicalOperator* op, std::vector<bool> required) {
  std::vector<BoundExprPtr> kept;
  for (size_t i = 0; i < op->exprs.size(); ++i) {
    if (required[i]) kept.push_back(std::move(op->exprs[i]));
  }
  std::vector<int> mapping = KeepRequired(required, &op->output);
  std::vector<bool> child_required(op->children.front()->output.fields.size(), false);
  for (const BoundExprPtr& expr : kept) CollectColumns(*expr, &child_required);
  std::vector<int> child_mapping = Prune(op->children.front().get(), child_required);
  for (BoundExprPtr& expr : kept) RemapColumns(expr.get(), child_mapping);
  op->exprs = std::move(kept);
  return mapping;
}

std::vector<int> PruneAggregate(LogicalOperator* op, std::vector<bool> required) {
  const size_t groups = op->groups.size();
  for (size_t i = 0; i < groups; ++i) required[i] = true;  // Groups define the rows.
  std::vector<BoundExprPtr> aggregates;
  for (size_t i = 0; i < op->aggregates.size(); ++i) {
    if (required[groups + i]) aggregates.push_back(std::move(op->aggregates[i]));
  }
  std::vector<int> mapping = KeepRequired(required, &op->output);
  std::vector<bool> child_required(op->children.front()->output.fields.size(), false);
  for (const BoundExprPtr& group : op->groups) CollectColumns(*group, &child_required);
  for (const BoundExprPtr& aggregate : aggregates) CollectColumns(*aggregate, &child_required);
  std::vector<int> child_mapping = Prune(op->children.front().get(), child_required);
  for (BoundExprPtr& group : op->groups) RemapColumns(group.get(), child_mapping);
  for (BoundExprPtr& aggregate : aggregates) RemapColumns(aggregate.get(), child_mapping);
  op->aggregates = std::move(aggregates);
  return mapping;
}

std::vector<int> PruneJoin(LogicalOperator* op, std::vector<bool> required) {
  if (op->predicate) CollectColumns(*op->predicate, &required);
  const size_t left_width = op->children[0]->output.fields.size();
  std::vector<bool> left(required.begin(), required.begin() + static_cast<long>(left_width));
  std::vector<bool> right(required.begin() + static_cast<long>(left_width), required.end());
  std::vector<int> left_mapping = Prune(op->children[0].get(), left);
  std::vector<int> right_mapping = Prune(op->children[1].get(), right);
  const int new_left_width = static_cast<int>(op->children[0]->output.fields.size());
  std::vector<int> mapping;
  for (int index : left_mapping) mapping.push_back(index);
  for (int index : right_mapping) mapping.push_back(index < 0 ? -1 : index + new_left_width);
  if (op->predicate) RemapColumns(op->predicate.get(), mapping);
  op->output = op->children[0]->output;
  for (const Field& field : op->children[1]->output.fields) op->output.fields.push_back(field);
  return mapping;
}

// Filter and Sort keep their input's columns and read some themselves.
std::vector<int> PrunePassThrough(LogicalOperator* op, std::vector<bool> required) {
  if (op->predicate) CollectColumns(*op->predicate, &required);
  for (const auto& key : op->sort_keys) CollectColumns(*key.expr, &required);
  for (const auto& group : op->groups) CollectColumns(*group, &required);
  std::vector<int> mapping = Prune(op->children.front().get(), required);
  if (op->predicate) RemapColumns(op->predicate.get(), mapping);
  for (auto& key : op->sort_keys) RemapColumns(key.expr.get(), mapping);
  for (auto& group : op->groups) RemapColumns(group.get(), mapping);
  op->output = op->children.front()->output;
  return mapping;
}

// Window and ARRAY JOIN: the input's columns followed by one column per expression of `exprs`
// (a window function's result, an array's element), all kept.
std::vector<int> PruneAppending(LogicalOperator* op, std::vector<bool> required) {
  const size_t input_width = op->children.front()->output.fields.size();
  std::vector<bool> child_required(required.begin(),
                                   required.begin() + static_cast<long>(input_width));
  for (const BoundExprPtr& expr : op->exprs) CollectColumns(*expr, &child_required);
  std::vector<int> mapping = Prune(op->children.front().get(), child_required);
  for (BoundExprPtr& expr : op->exprs) RemapColumns(expr.get(), mapping);
  const int new_width = static_cast<int>(op->children.front()->output.fields.size());
  std::vector<Field> appended(op->output.fields.begin() + static_cast<long>(input_width),
                              op->output.fields.end());
  op->output = op->children.front()->output;
  for (size_t i = 0; i < appended.size(); ++i) {
    mapping.push_back(new_width + static_cast<int>(i));
    op->output.fields.push_back(appended[i]);
  }
  return mapping;
}

std::vector<int> Prune(LogicalOperator* op, std::vector<bool> required) {
  switch (op->kind) {
    case Kind::kArrayJoin:
    case Kind::kWindow:
      return PruneAppending(op, std::move(required));
    case Kind::kScan:
      return PruneScan(op, std::move(required));
    case Kind::kProject:
      return PruneProject(op, std::move(required));
    case Kind::kAggregate:
      return PruneAggregate(op, std::move(required));
    case Kind::kJoin:
      return PruneJoin(op, std::move(required));
    case Kind::kFilter:
    case Kind::kSort:
    case Kind::kLimit:
    case Kind::kLimitBy:
      return PrunePassThrough(op, std::move(required));
    case Kind::kValues:
      return {};
    case Kind::kDistinct:
    case Kind::kSetOperation: {
      // Every column takes part in the result; children keep all of theirs.
      for (LogicalPtr& child : op->children) {
        Prune(child.get(), std::vector<bool>(child->output.fields.size(), true));
      }
      std::vector<int> identity(required.size());
      for (size_t i = 0; i < identity.size(); ++i) identity[i] = static_cast<int>(i);
      return identity;
    }
  }
  return {};
}

// A projection over a projection of plain columns reads through it: the lower one goes.
void MergeColumnProjections(LogicalOperator* op) {
  for (LogicalPtr& child : op->children) MergeColumnProjections(child.get());
  if (op->kind != Kind::kProject || op->children.front()->kind != Kind::kProject) return;
  LogicalOperator& below = *op->children.front();
  std::vector<int> mapping;
  for (const BoundExprPtr& expr : below.exprs) {
    if (expr->kind != BoundExpr::Kind::kColumn) return;
    mapping.push_back(static_cast<int>(expr->column));
  }
  for (BoundExprPtr& expr : op->exprs) RemapColumns(expr.get(), mapping);
  LogicalPtr grandchild = std::move(below.children.front());
  op->children.front() = std::move(grandchild);
}

}  // namespace

LogicalPtr PruneProjections(LogicalPtr plan) {
  Prune(plan.get(), std::vector<bool>(plan->output.fields.size(), true));
  MergeColumnProjections(plan.get());
  return plan;
}

}  // namespace larder::planner::rules
