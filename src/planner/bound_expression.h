// Bound expressions: HogQL expressions after name resolution — every column is a position in
// the input of the operator that evaluates it, every function an entry of the registry, and
// every node has a type. The binder makes them; the optimizer and the executor consume them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "functions/function_registry.h"
#include "types/logical_type.h"
#include "types/value.h"

namespace larder::planner {

struct BoundExpr;
using BoundExprPtr = std::unique_ptr<BoundExpr>;
struct LogicalOperator;

struct BoundExpr {
  enum class Kind {
    kColumn,     // The `column`-th column of the operator's input.
    kConstant,   // A literal.
    kCall,       // A scalar function of `args`.
    kAggregate,  // An aggregate function of `args` (inside Aggregate operators only).
    kWindow,     // A function over a window (inside Window operators only); see below.
    kSubquery,   // An uncorrelated subquery: a scalar, or the right side of IN.
    // A lambda (`x, y -> body`), only as the first argument of arrayMap: `args[0]` is the body,
    // `column` the number of parameters.
    kLambda,
    // A lambda's parameter. arrayMap evaluates the body over a chunk of the elements: the outer
    // row's columns repeated per element, then one column per parameter of each enclosing
    // lambda, innermost last; the parameter is the `column`-th column from the chunk's end.
    kLambdaParam,
  };
  // A window frame: ROWS or RANGE between two bounds.
  struct FrameBound {
    enum class Type {
      kUnboundedPreceding,
      kPreceding,
      kCurrentRow,
      kFollowing,
      kUnboundedFollowing
    };
    Type type = Type::kCurrentRow;
    int64_t offset = 0;
  };
  struct Frame {
    bool rows = true;  // ROWS, else RANGE.
    FrameBound start, end;
  };
  Kind kind = Kind::kConstant;
  LogicalType type;
  std::string name;  // How the expression reads (column name, function call text).
  size_t column = 0;
  Value value;
  const functions::FunctionInfo* function = nullptr;
  std::vector<BoundExprPtr> args;
  std::vector<Value> params;  // Constant parameters of parametric aggregates.
  bool distinct = false;
  // kWindow: `args` holds the function's arguments, then the PARTITION BY expressions, then the
  // ORDER BY expressions; these count them.
  size_t window_args = 0;
  size_t window_partitions = 0;
  std::vector<bool> window_order_descending;
  std::vector<bool> window_order_nulls_first;  // NULLS FIRST, per ORDER BY expression.
  std::optional<Frame> frame;
  // kSubquery: its plan (one output column), shared between clones.
  std::shared_ptr<LogicalOperator> subquery;
  // kSubquery: the query node it was bound from. Binding one node twice (a select item and the
  // GROUP BY alias naming it) gives two plans of one subquery: SameAs compares this instead.
  const void* subquery_source = nullptr;
  uint32_t start = 0, end = 0;  // Where in the query text it came from.

  BoundExprPtr Clone() const;
  // Structural equality (same kind, function, columns, constants and arguments).
  bool SameAs(const BoundExpr& other) const;
  // Whether an aggregate call occurs anywhere in the expression.
  bool ContainsAggregate() const;
};

BoundExprPtr MakeColumn(size_t column, LogicalType type, std::string name);
BoundExprPtr MakeConstant(Value value, LogicalType type);
BoundExprPtr MakeCall(const functions::FunctionInfo* function, std::vector<BoundExprPtr> args,
                      LogicalType type);

// Text of an expression for EXPLAIN: `plus(#0, 1)`, `count()`, `'abc'`.
std::string ExplainExpr(const BoundExpr& expr);

}  // namespace larder::planner
