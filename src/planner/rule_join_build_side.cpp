// Optimizer rule: join build side by estimated size — a hash join builds its right side into a
// hash table and streams its left side, so when the right side is expected to be much larger the
// sides are swapped (LEFT ↔ RIGHT; INNER, FULL and CROSS stay) and a projection puts the columns
// back in their order. Joins whose meaning depends on the side (SEMI, ANTI, ANY, ASOF, the lazy
// person join) and joins with an unknown estimate are left alone.
#include <string>
#include <vector>

#include "planner/cardinality.h"
#include "planner/expression_utils.h"
#include "planner/optimizer.h"

namespace larder::planner::rules {
namespace {

using Kind = LogicalOperator::Kind;

// Swap only when the right side is this many times the left: estimates are rough.
constexpr double kSwapRatio = 2.0;

bool HasWord(const std::string& text, const char* word) {
  return text.find(word) != std::string::npos;
}

// The join type with its sides exchanged, or "" when the join cannot be mirrored.
std::string MirroredJoinType(const std::string& type) {
  for (const char* word : {"SEMI", "ANTI", "ANY", "ASOF", "POSITIONAL", "PASTE", "GLOBAL"}) {
    if (HasWord(type, word)) return "";
  }
  if (HasWord(type, "LEFT")) return "RIGHT JOIN";
  if (HasWord(type, "RIGHT")) return "LEFT JOIN";
  if (HasWord(type, "FULL")) return "FULL JOIN";
  if (HasWord(type, "CROSS")) return "CROSS JOIN";
  if (type == "JOIN" || type == "INNER JOIN" || type == "ALL INNER JOIN" || type == "ALL JOIN") {
    return "INNER JOIN";
  }
  return "";
}

bool ShouldSwap(const LogicalOperator& join) {
  std::optional<double> left = EstimateRows(*join.children[0]);
  std::optional<double> right = EstimateRows(*join.children[1]);
  return left && right && *right > kSwapRatio * *left;
}

// Right then left below, with the columns renumbered; a projection on top restores left, right.
LogicalPtr Swap(LogicalPtr join, std::string mirrored) {
  const size_t left_width = join->children[0]->output.fields.size();
  const size_t right_width = join->children[1]->output.fields.size();
  std::vector<int> mapping(left_width + right_width);
  for (size_t i = 0; i < left_width; ++i) mapping[i] = static_cast<int>(right_width + i);
  for (size_t i = 0; i < right_width; ++i) mapping[left_width + i] = static_cast<int>(i);
  if (join->predicate) RemapColumns(join->predicate.get(), mapping);
  std::swap(join->children[0], join->children[1]);
  join->join_type = std::move(mirrored);
  const Schema original = join->output;
  join->output.fields.clear();
  for (const LogicalPtr& child : join->children) {
    for (const Field& field : child->output.fields) join->output.fields.push_back(field);
  }
  auto project = MakeOperator(Kind::kProject, std::move(join));
  project->output = original;
  for (size_t i = 0; i < original.fields.size(); ++i) {
    project->exprs.push_back(MakeColumn(static_cast<size_t>(mapping[i]), original.fields[i].type,
                                        original.fields[i].name));
  }
  return project;
}

}  // namespace

LogicalPtr ChooseJoinBuildSides(LogicalPtr plan) {
  for (LogicalPtr& child : plan->children) child = ChooseJoinBuildSides(std::move(child));
  if (plan->kind != Kind::kJoin || plan->children.size() != 2) return plan;
  std::string mirrored = MirroredJoinType(plan->join_type);
  const size_t width =
      plan->children[0]->output.fields.size() + plan->children[1]->output.fields.size();
  if (mirrored.empty() || plan->output.fields.size() != width || !ShouldSwap(*plan)) return plan;
  return Swap(std::move(plan), std::move(mirrored));
}

}  // namespace larder::planner::rules
