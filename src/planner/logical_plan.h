// The logical plan: relational operators over bound expressions, the binder's output and the
// optimizer's input. Each operator states the rows it produces (`output`).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/bound_expression.h"
#include "types/column_vector.h"

namespace larder::planner {

struct LogicalOperator;
using LogicalPtr = std::unique_ptr<LogicalOperator>;

struct LogicalOperator {
  enum class Kind {
    kScan,          // Rows of a stored table.
    kValues,        // One empty row (SELECT without FROM).
    kFilter,        // Rows where `predicate` is true.
    kProject,       // `exprs` of each row.
    kAggregate,     // Groups by `groups`; output: group values, then `aggregates`.
    kJoin,          // Left and right rows joined on `predicate`; output: left then right.
    kSort,          // Rows ordered by `sort_keys`.
    kLimit,         // `limit` rows after skipping `offset` (WITH TIES: and rows tying the last
                    // on `sort_keys`).
    kLimitBy,       // Per distinct value of `groups`: `limit` rows after skipping `offset`.
    kDistinct,      // Distinct rows.
    kSetOperation,  // UNION ALL / UNION DISTINCT / INTERSECT / EXCEPT of the children.
    kWindow,        // Input rows plus one column per window function in `exprs`.
    kArrayJoin,     // Each input row once per element of the arrays `exprs` (zipped), plus one
                    // column per array with the element; `join_type` "LEFT" keeps empty ones.
  };
  struct SortKey {
    BoundExprPtr expr;
    bool descending = false;
    // NULLs (and NaN) before the values; by default they come after, in both directions.
    bool nulls_first = false;
  };

  explicit LogicalOperator(Kind kind) : kind(kind) {}
  Kind kind;
  Schema output;
  std::vector<LogicalPtr> children;

  std::string table;                       // kScan: the table's name; `output` lists its columns.
  std::optional<uint64_t> estimated_rows;  // kScan: the table's rows when the binder knew them.
  // kScan: `column op constant` conditions (over the scan's output) the scan may use to skip
  // blocks by zone map; rows are still filtered above.
  std::vector<BoundExprPtr> prune_by;
  BoundExprPtr predicate;            // kFilter, kJoin.
  std::string join_type;             // kJoin: "INNER JOIN", "LEFT JOIN", …
  std::vector<BoundExprPtr> exprs;   // kProject, kWindow.
  std::vector<BoundExprPtr> groups;  // kAggregate, kLimitBy.
  // kAggregate with ROLLUP / CUBE / GROUPING SETS: which of `groups` each grouping set keeps
  // (the others read as their type's default, as ClickHouse gives them); the output is the
  // union of the sets' aggregations. Empty: one grouping by every key.
  std::vector<std::vector<bool>> grouping_sets;
  std::vector<BoundExprPtr> aggregates;
  std::vector<SortKey> sort_keys;  // kSort; kLimit WITH TIES: the keys rows tie on.
  std::optional<int64_t> top_n;    // kSort: only the first N rows are needed.
  std::optional<int64_t> limit;    // kLimit, kLimitBy.
  int64_t offset = 0;
  bool with_ties = false;
  std::string set_operator;  // kSetOperation.
};

LogicalPtr MakeOperator(LogicalOperator::Kind kind, LogicalPtr child = nullptr);

// `join` (a kJoin whose output is its left then right columns) with its children swapped, its
// condition renumbered and its type set to `join_type` (the mirrored form: LEFT for RIGHT…),
// under a projection that gives the columns in their original order.
LogicalPtr SwapJoinSides(LogicalPtr join, std::string join_type);

// An indented tree, one operator per line, for `larder query --explain`.
std::string ExplainPlan(const LogicalOperator& plan);

}  // namespace larder::planner
