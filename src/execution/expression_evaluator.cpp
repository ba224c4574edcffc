#include "execution/expression_evaluator.h"

#include <fmt/format.h>

#include "execution/in_set.h"

namespace larder::execution {

using planner::BoundExpr;

bool IsInFunction(std::string_view name) {
  return name == "in" || name == "notIn" || name == "globalIn" || name == "globalNotIn";
}

namespace {

bool IsNegatedIn(std::string_view name) { return name == "notIn" || name == "globalNotIn"; }

// The elements of an IN list: `tuple(…)` / `array(…)` of constants, a constant array (a
// subquery's rows), or a single constant.
Status CollectInValues(const BoundExpr& list, std::vector<Value>* values,
                       std::vector<LogicalType>* types) {
  if (list.kind == BoundExpr::Kind::kConstant) {
    if (list.type.id() == TypeId::kArray && !list.value.is_null()) {
      for (const Value& element : list.value.as_array()) {
        values->push_back(element);
        types->push_back(list.type.element());
      }
    } else {
      values->push_back(list.value);
      types->push_back(list.type);
    }
    return Status::OK();
  }
  if (list.kind == BoundExpr::Kind::kCall && list.function &&
      (list.function->name == "tuple" || list.function->name == "array")) {
    for (const auto& arg : list.args) {
      if (arg->kind != BoundExpr::Kind::kConstant) {
        return NotImplemented("IN with a list of expressions that are not constants ({})",
                              arg->name);
      }
      values->push_back(arg->value);
      types->push_back(arg->type);
    }
    return Status::OK();
  }
  return NotImplemented("IN with `{}` on its right side; use a list of constants or a subquery",
                        list.name);
}

// Whether evaluating `expr` can fail on some row's value (intDiv by zero, a conversion of bad
// text, …): such branches of if / multiIf run only on the rows that take them, as ClickHouse's
// short-circuit evaluation does.
bool MayFail(const BoundExpr& expr) {
  if (expr.kind == BoundExpr::Kind::kCall && expr.function) {
    const std::string& name = expr.function->name;
    bool converts = name.starts_with("to") && !name.ends_with("OrNull") &&
                    !name.ends_with("OrZero") && name != "toString" && name != "toTimeZone";
    if (converts || name == "intDiv" || name == "modulo" || name == "base64Decode" ||
        name.starts_with("parseDateTime") || name == "range" || name == "repeat") {
      return true;
    }
  }
  for (const auto& arg : expr.args) {
    if (MayFail(*arg)) return true;
  }
  return false;
}

// True for rows where a condition vector holds true (not false, not NULL).
std::vector<uint8_t> Truths(const ColumnVector& condition, bool constant, size_t rows) {
  std::vector<uint8_t> truths(rows, 0);
  TypeId id = condition.type().id();
  for (size_t row = 0; row < rows; ++row) {
    size_t at = constant ? 0 : row;
    if (condition.IsNull(at) || id == TypeId::kNothing) continue;
    truths[row] = id == TypeId::kBool ? condition.data<uint8_t>()[at] != 0
                                      : condition.data<int64_t>()[at] != 0;
  }
  return truths;
}

}  // namespace

struct ExpressionEvaluator::Operand {
  const ColumnVector* vector = nullptr;
  std::shared_ptr<ColumnVector> owned;
  bool constant = false;

  static Operand Own(ColumnVector vector, bool constant) {
    Operand operand;
    operand.owned = std::make_shared<ColumnVector>(std::move(vector));
    operand.vector = operand.owned.get();
    operand.constant = constant;
    return operand;
  }
};

ExpressionEvaluator::~ExpressionEvaluator() = default;

Result<std::unique_ptr<ExpressionEvaluator>> ExpressionEvaluator::Compile(
    const BoundExpr& expr, const QueryContext& context) {
  auto evaluator = std::unique_ptr<ExpressionEvaluator>(new ExpressionEvaluator(expr, context));
  LARDER_RETURN_IF_ERROR(evaluator->Prepare(expr));
  return evaluator;
}

Status ExpressionEvaluator::Prepare(const BoundExpr& expr) {
  switch (expr.kind) {
    case BoundExpr::Kind::kConstant:
      constants_.emplace(&expr, functions::ConstantVector(expr.value, expr.type));
      return Status::OK();
    case BoundExpr::Kind::kColumn:
    case BoundExpr::Kind::kLambdaParam:
      return Status::OK();
    case BoundExpr::Kind::kLambda:
      return Prepare(*expr.args[0]);
    case BoundExpr::Kind::kCall:
      break;
    case BoundExpr::Kind::kSubquery:
      return Internal("subquery `{}` was not run before its expression", expr.name);
    case BoundExpr::Kind::kAggregate:
    case BoundExpr::Kind::kWindow:
      return Internal("`{}` evaluated outside its aggregate or window operator", expr.name);
  }
  if (IsInFunction(expr.function->name) && expr.args.size() == 2) {
    std::vector<Value> values;
    std::vector<LogicalType> types;
    LARDER_RETURN_IF_ERROR(CollectInValues(*expr.args[1], &values, &types));
    LARDER_ASSIGN_OR_RETURN(auto set, InSet::Build(expr.args[0]->type, values, types));
    in_sets_.emplace(&expr, std::move(set));
    return Prepare(*expr.args[0]);
  }
  if (IsArrayMap(expr)) {
    for (const auto& arg : expr.args) LARDER_RETURN_IF_ERROR(Prepare(*arg));
    return Status::OK();
  }
  if (!expr.function->kernel) {
    return NotImplemented("function `{}` cannot run in queries yet", expr.function->name);
  }
  const std::string& name = expr.function->name;
  if ((name == "if" || name == "multiIf") && expr.args.size() % 2 == 1) {
    for (size_t i = 1; i < expr.args.size(); i += 2) {
      if (MayFail(*expr.args[i])) {
        short_circuit_.insert(&expr);
      }
    }
    if (MayFail(*expr.args.back())) short_circuit_.insert(&expr);
  }
  for (const auto& arg : expr.args) LARDER_RETURN_IF_ERROR(Prepare(*arg));
  return Status::OK();
}

Result<ColumnVector> ExpressionEvaluator::Evaluate(const Chunk& chunk) const {
  LARDER_ASSIGN_OR_RETURN(Operand result, Eval(expr_, chunk));
  if (result.constant) {
    // Repeat the one value: appending a range of one row per output row.
    ColumnVector repeated(result.vector->type());
    if (result.vector->type().fixed_width() > 0 && !result.vector->IsNull(0)) {
      repeated.Resize(chunk.rows);
      size_t width = result.vector->type().fixed_width();
      const uint8_t* value = result.vector->data<uint8_t>();
      uint8_t* out = repeated.mutable_data<uint8_t>();
      for (size_t row = 0; row < chunk.rows; ++row) std::memcpy(out + row * width, value, width);
    } else {
      repeated.Reserve(chunk.rows);
      for (size_t row = 0; row < chunk.rows; ++row) repeated.AppendRange(*result.vector, 0, 1);
    }
    return repeated;
  }
  if (result.owned && result.owned.use_count() == 1) return std::move(*result.owned);
  return result.vector->Clone();
}

Result<Selection> ExpressionEvaluator::Select(const Chunk& chunk) const {
  LARDER_ASSIGN_OR_RETURN(Operand result, Eval(expr_, chunk));
  const ColumnVector& vector = *result.vector;
  Selection selection;
  TypeId id = vector.type().id();
  if (id == TypeId::kNothing) return selection;
  if (id != TypeId::kBool && id != TypeId::kInt64) {
    return InvalidArgument("a filter must be a Bool, not {} (`{}`)", vector.type().ToString(),
                           expr_.name);
  }
  auto truth = [&](size_t row) {
    if (vector.IsNull(row)) return false;
    return id == TypeId::kBool ? vector.data<uint8_t>()[row] != 0
                               : vector.data<int64_t>()[row] != 0;
  };
  if (result.constant) {
    if (truth(0)) {
      selection.resize(chunk.rows);
      for (size_t row = 0; row < chunk.rows; ++row) selection[row] = static_cast<uint32_t>(row);
    }
    return selection;
  }
  selection.reserve(chunk.rows);
  if (id == TypeId::kBool && !vector.has_nulls()) {
    const uint8_t* values = vector.data<uint8_t>();
    for (size_t row = 0; row < chunk.rows; ++row) {
      if (values[row]) selection.push_back(static_cast<uint32_t>(row));
    }
    return selection;
  }
  for (size_t row = 0; row < chunk.rows; ++row) {
    if (truth(row)) selection.push_back(static_cast<uint32_t>(row));
  }
  return selection;
}

Result<ExpressionEvaluator::Operand> ExpressionEvaluator::Eval(const BoundExpr& expr,
                                                               const Chunk& chunk) const {
  switch (expr.kind) {
    case BoundExpr::Kind::kColumn: {
      if (expr.column >= chunk.columns.size()) {
        return Internal("column #{} of a chunk with {} columns", expr.column, chunk.columns.size());
      }
      Operand operand;
      operand.vector = &chunk.columns[expr.column];
      return operand;
    }
    case BoundExpr::Kind::kConstant: {
      Operand operand;
      operand.vector = &constants_.at(&expr);
      operand.constant = true;
      return operand;
    }
    case BoundExpr::Kind::kCall:
      return EvalCall(expr, chunk);
    case BoundExpr::Kind::kLambdaParam: {
      if (expr.column == 0 || expr.column > chunk.columns.size()) {
        return Internal("lambda parameter `{}` outside its lambda", expr.name);
      }
      Operand operand;
      operand.vector = &chunk.columns[chunk.columns.size() - expr.column];
      return operand;
    }
    default:
      return Internal("cannot evaluate `{}` here", expr.name);
  }
}

Result<ExpressionEvaluator::Operand> ExpressionEvaluator::EvalCall(const BoundExpr& expr,
                                                                   const Chunk& chunk) const {
  auto in_set = in_sets_.find(&expr);
  if (in_set != in_sets_.end()) return EvalIn(expr, *in_set->second, chunk);
  const std::string& name = expr.function->name;
  if ((name == "if" || name == "multiIf") && short_circuit_.count(&expr)) {
    return EvalConditional(expr, chunk);
  }
  if (IsArrayMap(expr)) return EvalArrayMap(expr, chunk);
  std::vector<Operand> args;
  args.reserve(expr.args.size());
  bool all_constant = true;
  for (const auto& arg : expr.args) {
    LARDER_ASSIGN_OR_RETURN(Operand operand, Eval(*arg, chunk));
    all_constant = all_constant && operand.constant;
    args.push_back(std::move(operand));
  }
  bool constant = all_constant && expr.function->deterministic;
  return RunKernel(expr, std::move(args), constant ? 1 : chunk.rows);
}

bool IsArrayMap(const BoundExpr& expr) {
  return expr.kind == BoundExpr::Kind::kCall && expr.function->name == "arrayMap" &&
         !expr.args.empty() && expr.args[0]->kind == BoundExpr::Kind::kLambda;
}

Result<ExpressionEvaluator::Operand> ExpressionEvaluator::EvalArrayMap(const BoundExpr& expr,
                                                                       const Chunk& chunk) const {
  std::vector<Operand> arrays;
  for (size_t i = 1; i < expr.args.size(); ++i) {
    LARDER_ASSIGN_OR_RETURN(Operand array, Eval(*expr.args[i], chunk));
    arrays.push_back(std::move(array));
  }
  // Which outer row each element belongs to, and each array's element rows.
  Selection owners;
  std::vector<Selection> elements(arrays.size());
  std::vector<uint32_t> counts(chunk.rows);
  for (uint32_t row = 0; row < chunk.rows; ++row) {
    for (size_t a = 0; a < arrays.size(); ++a) {
      const std::vector<uint32_t>& offsets = arrays[a].vector->offsets();
      const size_t at = arrays[a].constant ? 0 : row;
      const uint32_t size = offsets[at + 1] - offsets[at];
      if (a == 0) counts[row] = size;
      if (size != counts[row]) {
        return InvalidArgument("the arrays passed to arrayMap differ in size ({} and {}) in `{}`",
                               counts[row], size, expr.name);
      }
      for (uint32_t e = offsets[at]; e < offsets[at + 1]; ++e) elements[a].push_back(e);
    }
    owners.insert(owners.end(), counts[row], row);
  }
  // The body runs over one row per element: the outer row's columns, then the parameters.
  Chunk inner;
  inner.rows = owners.size();
  for (const ColumnVector& column : chunk.columns) {
    inner.columns.push_back(column.Take(owners));
  }
  for (size_t a = 0; a < arrays.size(); ++a) {
    inner.columns.push_back(arrays[a].vector->child().Take(elements[a]));
  }
  LARDER_ASSIGN_OR_RETURN(Operand body, Eval(*expr.args[0]->args[0], inner));
  ColumnVector result(expr.type);
  ColumnVector* values = result.mutable_child();
  if (body.constant) {
    values->Reserve(inner.rows);
    for (size_t row = 0; row < inner.rows; ++row) values->AppendRange(*body.vector, 0, 1);
  } else if (body.owned && body.owned.use_count() == 1) {
    *values = std::move(*body.owned);
  } else {
    *values = body.vector->Clone();
  }
  result.Reserve(chunk.rows);
  for (uint32_t count : counts) result.AppendArrayRow(count);
  return Operand::Own(std::move(result), false);
}

Result<ExpressionEvaluator::Operand> ExpressionEvaluator::EvalConditional(
    const BoundExpr& expr, const Chunk& chunk) const {
  // Arguments: (cond, then)… else. Each row takes the branch of its first true condition; each
  // branch is evaluated only on its rows, then scattered back to full length.
  size_t branches = expr.args.size() / 2;
  std::vector<Operand> args(expr.args.size());
  std::vector<int> branch_of(chunk.rows, static_cast<int>(branches));
  for (size_t branch = 0; branch < branches; ++branch) {
    LARDER_ASSIGN_OR_RETURN(args[2 * branch], Eval(*expr.args[2 * branch], chunk));
    std::vector<uint8_t> truths =
        Truths(*args[2 * branch].vector, args[2 * branch].constant, chunk.rows);
    for (size_t row = 0; row < chunk.rows; ++row) {
      if (branch_of[row] == static_cast<int>(branches) && truths[row]) {
        branch_of[row] = static_cast<int>(branch);
      }
    }
  }
  for (size_t branch = 0; branch <= branches; ++branch) {
    size_t index = branch == branches ? expr.args.size() - 1 : 2 * branch + 1;
    Selection rows;
    for (size_t row = 0; row < chunk.rows; ++row) {
      if (branch_of[row] == static_cast<int>(branch)) rows.push_back(static_cast<uint32_t>(row));
    }
    const BoundExpr& value = *expr.args[index];
    if (rows.size() == chunk.rows || !MayFail(value)) {
      LARDER_ASSIGN_OR_RETURN(args[index], Eval(value, chunk));
      continue;
    }
    // Evaluate on the branch's rows only, then put each value back at its row (other rows get
    // a default the conditional never picks).
    ColumnVector full(value.type);
    if (!rows.empty()) {
      Chunk part = chunk.Take(rows);
      LARDER_ASSIGN_OR_RETURN(Operand partial, Eval(value, part));
      size_t next = 0;
      for (size_t row = 0; row < chunk.rows; ++row) {
        if (next < rows.size() && rows[next] == row) {
          full.AppendRange(*partial.vector, partial.constant ? 0 : next, 1);
          ++next;
        } else {
          full.AppendNull();
        }
      }
    } else {
      for (size_t row = 0; row < chunk.rows; ++row) full.AppendNull();
    }
    args[index] = Operand::Own(std::move(full), false);
  }
  return RunKernel(expr, std::move(args), chunk.rows);
}

Result<ExpressionEvaluator::Operand> ExpressionEvaluator::EvalIn(const BoundExpr& expr,
                                                                 const InSet& set,
                                                                 const Chunk& chunk) const {
  LARDER_ASSIGN_OR_RETURN(Operand probe, Eval(*expr.args[0], chunk));
  size_t rows = probe.constant ? 1 : chunk.rows;
  ColumnVector out(LogicalType::Bool());
  out.Resize(rows);
  set.Probe({probe.vector, probe.constant}, rows, out.mutable_data<uint8_t>());
  if (IsNegatedIn(expr.function->name)) {
    // NOT IN: NULL is not in the set, and not NOT IN it either (ClickHouse gives 0 for both).
    uint8_t* values = out.mutable_data<uint8_t>();
    for (size_t row = 0; row < rows; ++row) {
      values[row] = !values[row] && !probe.vector->IsNull(probe.constant ? 0 : row);
    }
  }
  return Operand::Own(std::move(out), probe.constant);
}

namespace {

// result[row] |= nulls of `arg`, for a non-constant argument.
void MergeNulls(const ColumnVector& arg, ColumnVector* result) {
  if (!arg.has_nulls()) return;
  std::vector<uint8_t>& nulls = *result->mutable_nulls();
  const std::vector<uint8_t>& from = arg.nulls();
  for (size_t row = 0; row < nulls.size(); ++row) nulls[row] |= from[row];
}

}  // namespace

Result<ExpressionEvaluator::Operand> ExpressionEvaluator::RunKernel(const BoundExpr& expr,
                                                                    std::vector<Operand> args,
                                                                    size_t rows) const {
  const functions::FunctionInfo& function = *expr.function;
  bool propagate = function.nulls == functions::NullHandling::kPropagate;
  bool constant = rows == 1 && std::all_of(args.begin(), args.end(),
                                           [](const Operand& a) { return a.constant; });
  if (propagate) {
    for (const Operand& arg : args) {
      if (arg.constant && arg.vector->IsNull(0)) {
        return Operand::Own(functions::ConstantVector(Value::Null(), expr.type), true);
      }
    }
  }
  // A function of one dictionary-encoded column runs once per distinct value.
  int varying = -1, varying_count = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    if (!args[i].constant) varying = static_cast<int>(i), ++varying_count;
  }
  if (propagate && function.deterministic && varying_count == 1 &&
      args[varying].vector->is_dictionary() && args[varying].vector->dictionary().size() < rows) {
    const ColumnVector& source = *args[varying].vector;
    functions::KernelCall call{{}, source.dictionary().size(), expr.type, &context_.eval};
    for (size_t i = 0; i < args.size(); ++i) {
      call.args.push_back({static_cast<int>(i) == varying ? &source.dictionary() : args[i].vector,
                           args[i].constant});
    }
    auto dictionary = std::make_shared<ColumnVector>(expr.type);
    LARDER_RETURN_IF_ERROR(function.kernel(call, dictionary.get()));
    ColumnVector result(expr.type);
    if (expr.type.is_string_like() && !dictionary->has_nulls()) {
      result = ColumnVector::MakeDictionary(expr.type, std::move(dictionary), source.codes());
    } else {
      // Gather; codes of NULL rows may be out of range.
      std::vector<uint32_t> codes = source.codes();
      for (size_t row = 0; row < rows; ++row) {
        if (codes[row] >= dictionary->size()) codes[row] = 0;
      }
      result = dictionary->size() == 0 ? ColumnVector(expr.type) : dictionary->Take(codes);
    }
    MergeNulls(source, &result);
    return Operand::Own(std::move(result), false);
  }
  functions::KernelCall call{{}, rows, expr.type, &context_.eval};
  call.args.reserve(args.size());
  for (const Operand& arg : args) call.args.push_back({arg.vector, arg.constant});
  ColumnVector result(expr.type);
  result.Reserve(rows);
  LARDER_RETURN_IF_ERROR(function.kernel(call, &result));
  if (result.size() != rows) {
    return Internal("function `{}` returned {} rows for {}", function.name, result.size(), rows);
  }
  if (propagate) {
    for (const Operand& arg : args) {
      if (!arg.constant) MergeNulls(*arg.vector, &result);
    }
  }
  return Operand::Own(std::move(result), constant);
}

}  // namespace larder::execution
