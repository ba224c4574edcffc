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

}  // namespace

LogicalPtr ChooseJoinBuildSides(LogicalPtr plan) {
  for (LogicalPtr& child : plan->children) child = ChooseJoinBuildSides(std::move(child));
  if (plan->kind != Kind::kJoin || plan->children.size() != 2) return plan;
  std::string mirrored = MirroredJoinType(plan->join_type);
  const size_t width =
      plan->children[0]->output.fields.size() + plan->children[1]->output.fields.size();
  if (mirrored.empty() || plan->output.fields.size() != width || !ShouldSwap(*plan)) return plan;
  return SwapJoinSides(std::move(plan), std::move(mirrored));
}

}  // namespace larder::planner::rules
