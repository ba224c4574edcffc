#include "planner/cardinality.h"

#include <algorithm>

namespace larder::planner {
namespace {

using Kind = LogicalOperator::Kind;

// A filter's share of its input rows: the textbook guess for an equality or range condition.
constexpr double kFilterSelectivity = 0.25;

std::optional<double> ChildRows(const LogicalOperator& op, size_t index = 0) {
  if (index >= op.children.size()) return std::nullopt;
  return EstimateRows(*op.children[index]);
}

std::optional<double> JoinRows(const LogicalOperator& op) {
  std::optional<double> left = ChildRows(op, 0), right = ChildRows(op, 1);
  if (!left || !right) return std::nullopt;
  if (op.join_type.find("CROSS") != std::string::npos && !op.predicate) return *left * *right;
  if (op.join_type.find("SEMI") != std::string::npos ||
      op.join_type.find("ANTI") != std::string::npos) {
    return *left;
  }
  return std::max(*left, *right);
}

}  // namespace

std::optional<double> EstimateRows(const LogicalOperator& op) {
  switch (op.kind) {
    case Kind::kScan:
      if (!op.estimated_rows) return std::nullopt;
      return static_cast<double>(*op.estimated_rows);
    case Kind::kValues:
      return 1;
    case Kind::kFilter: {
      std::optional<double> rows = ChildRows(op);
      if (!rows) return std::nullopt;
      return *rows * kFilterSelectivity;
    }
    case Kind::kAggregate:
      if (op.groups.empty()) return 1;
      return ChildRows(op);
    case Kind::kJoin:
      return JoinRows(op);
    case Kind::kLimit: {
      std::optional<double> rows = ChildRows(op);
      if (!op.limit || op.with_ties) return rows;
      const double limit = static_cast<double>(*op.limit);
      return rows ? std::min(*rows, limit) : limit;
    }
    case Kind::kSort: {
      std::optional<double> rows = ChildRows(op);
      if (!op.top_n) return rows;
      const double top = static_cast<double>(*op.top_n);
      return rows ? std::min(*rows, top) : top;
    }
    case Kind::kSetOperation: {
      double total = 0;
      for (const LogicalPtr& child : op.children) {
        std::optional<double> rows = EstimateRows(*child);
        if (!rows) return std::nullopt;
        total += *rows;
      }
      return total;
    }
    case Kind::kProject:
    case Kind::kLimitBy:
    case Kind::kDistinct:
    case Kind::kWindow:
    case Kind::kArrayJoin:
      return ChildRows(op);
  }
  return std::nullopt;
}

}  // namespace larder::planner
