// ExpressionEvaluator: computes a bound scalar expression over a chunk, vector at a time.
// Constants stay one value (never repeated per row); a function of one dictionary-encoded
// column runs once per distinct value; IN lists and subquery results become hash sets once.
#pragma once

#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "execution/chunk.h"
#include "execution/in_set.h"
#include "execution/query_context.h"
#include "planner/bound_expression.h"

namespace larder::execution {

class ExpressionEvaluator {
 public:
  // REQUIRES: `expr` outlives the evaluator; it holds no aggregate or window call, and its
  // subqueries were replaced by their results (constants).
  static Result<std::unique_ptr<ExpressionEvaluator>> Compile(const planner::BoundExpr& expr,
                                                              const QueryContext& context);
  ~ExpressionEvaluator();

  // The expression's value for each row of `chunk` (`chunk.rows` values).
  Result<ColumnVector> Evaluate(const Chunk& chunk) const;
  // The rows of `chunk` where the expression (a Bool) is true (not false, not NULL).
  Result<Selection> Select(const Chunk& chunk) const;

 private:
  struct Operand;
  ExpressionEvaluator(const planner::BoundExpr& expr, const QueryContext& context)
      : expr_(expr), context_(context) {}
  Status Prepare(const planner::BoundExpr& expr);
  Result<Operand> Eval(const planner::BoundExpr& expr, const Chunk& chunk) const;
  Result<Operand> EvalCall(const planner::BoundExpr& expr, const Chunk& chunk) const;
  Result<Operand> EvalConditional(const planner::BoundExpr& expr, const Chunk& chunk) const;
  // arrayMap(lambda, arrays…): the lambda's body over a chunk of every element (array_map.cpp).
  Result<Operand> EvalArrayMap(const planner::BoundExpr& expr, const Chunk& chunk) const;
  Result<Operand> EvalIn(const planner::BoundExpr& expr, const InSet& set,
                         const Chunk& chunk) const;
  Result<Operand> RunKernel(const planner::BoundExpr& expr, std::vector<Operand> args,
                            size_t rows) const;

  const planner::BoundExpr& expr_;
  const QueryContext& context_;
  std::unordered_map<const planner::BoundExpr*, ColumnVector> constants_;
  std::unordered_map<const planner::BoundExpr*, std::unique_ptr<InSet>> in_sets_;
  // if / multiIf calls whose branches may fail on rows that do not take them.
  std::unordered_set<const planner::BoundExpr*> short_circuit_;
};

// Whether `expr` is arrayMap with its lambda (run by the evaluator, not by a kernel).
bool IsArrayMap(const planner::BoundExpr& expr);

// Whether `name` is IN or one of its forms (NOT IN, GLOBAL IN, …).
bool IsInFunction(std::string_view name);

}  // namespace larder::execution
