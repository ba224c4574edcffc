// Conditionals: if, multiIf and CASE (CASE WHEN … is multiIf, CASE x WHEN … is
// _caseWithExpression) pick each row from one of their branches, which are converted to the
// result type first (cast_to_supertype.h). A NULL condition counts as false, as in ClickHouse.
// The NULL functions are in null_functions.cpp, greatest and least in greatest_least.cpp.
#include "functions/registration.h"
#include "functions/scalar/cast_to_supertype.h"
#include "functions/scalar/conditional_internal.h"
#include "functions/scalar/kernel_helpers.h"
#include "functions/scalar/row_gather.h"

namespace larder::functions {
namespace {

// Conditions are Bool or Int64 (ClickHouse's UInt8, which Larder's integers stand in for), or
// NULL.
bool IsConditionType(TypeId id) {
  return id == TypeId::kBool || id == TypeId::kInt64 || id == TypeId::kNothing;
}

Status BadCondition(std::string_view function, const LogicalType& type) {
  return InvalidArgument("{}: a condition must be a Bool or an integer, not {}", function,
                         type.ToString());
}

// truth[row] = 1 when the condition holds on that row: non-zero and not NULL.
Status ReadCondition(const KernelArg& condition, size_t rows, std::string_view function,
                     std::vector<uint8_t>* truth) {
  truth->assign(rows, 0);
  const TypeId id = condition.type().id();
  if (!IsConditionType(id)) return BadCondition(function, condition.type());
  if (id == TypeId::kNothing) return Status::OK();
  uint8_t* out = truth->data();
  if (id == TypeId::kBool) {
    UnaryLoop<uint8_t>(condition, rows, out, [](uint8_t value) -> uint8_t { return value != 0; });
  } else {
    UnaryLoop<int64_t>(condition, rows, out, [](int64_t value) -> uint8_t { return value != 0; });
  }
  if (condition.vector->has_nulls()) {
    for (size_t row = 0; row < rows; ++row) {
      if (condition.IsNull(row)) out[row] = 0;
    }
  }
  return Status::OK();
}

// Rows of branch i where conditions[i] holds first, of the last branch where none holds.
// REQUIRES: branches.size() == conditions.size() + 1.
Status PickBranches(const KernelCall& call, const std::vector<std::vector<uint8_t>>& conditions,
                    const std::vector<size_t>& branches, ColumnVector* out) {
  std::vector<uint32_t> choice(call.rows, static_cast<uint32_t>(conditions.size()));
  for (size_t i = conditions.size(); i-- > 0;) {
    const uint8_t* holds = conditions[i].data();
    const uint32_t branch = static_cast<uint32_t>(i);
    for (size_t row = 0; row < call.rows; ++row) {
      if (holds[row]) choice[row] = branch;
    }
  }
  std::vector<CastArg> casts;
  LARDER_RETURN_IF_ERROR(CastArgs(call, branches, &casts));
  std::vector<const ColumnVector*> sources;
  for (const CastArg& cast : casts) sources.push_back(cast.arg.vector);
  std::vector<RowRef> refs(call.rows);
  for (size_t row = 0; row < call.rows; ++row) {
    refs[row] = {choice[row], static_cast<uint32_t>(casts[choice[row]].arg.Row(row))};
  }
  GatherRows(sources, refs, /*keep_nulls=*/true, out);
  return Status::OK();
}

// if(cond, then, else) and multiIf(cond1, then1, cond2, then2, …, else).
Status MultiIf(const KernelCall& call, std::string_view function, ColumnVector* out) {
  const size_t pairs = call.args.size() / 2;
  std::vector<std::vector<uint8_t>> conditions(pairs);
  std::vector<size_t> branches;
  for (size_t i = 0; i < pairs; ++i) {
    LARDER_RETURN_IF_ERROR(ReadCondition(call.args[2 * i], call.rows, function, &conditions[i]));
    branches.push_back(2 * i + 1);
  }
  branches.push_back(call.args.size() - 1);
  return PickBranches(call, conditions, branches, out);
}

// CASE x WHEN w1 THEN t1 … ELSE e END: branch i where x = wi (ClickHouse's equals, so 1 matches
// 1.0 and a Date matches '2024-01-01'); NULL matches nothing.
ScalarKernel CaseKernel(ScalarKernel equals) {
  return [equals](const KernelCall& call, ColumnVector* out) -> Status {
    if (!equals) return Internal("_caseWithExpression: `equals` has no kernel");
    const KernelArg& subject = call.args[0];
    const size_t pairs = (call.args.size() - 2) / 2;
    std::vector<std::vector<uint8_t>> conditions(pairs);
    std::vector<size_t> branches;
    for (size_t i = 0; i < pairs; ++i) {
      const KernelArg& when = call.args[1 + 2 * i];
      branches.push_back(2 + 2 * i);
      conditions[i].assign(call.rows, 0);
      if (subject.type().id() == TypeId::kNothing || when.type().id() == TypeId::kNothing) {
        continue;
      }
      LARDER_RETURN_IF_ERROR(EqualsMask(equals, call, subject, when, &conditions[i]));
    }
    branches.push_back(call.args.size() - 1);
    return PickBranches(call, conditions, branches, out);
  };
}

// The conditions' types, checked at bind time.
Status CheckConditions(const std::vector<LogicalType>& args, size_t first, size_t stride,
                       size_t end, std::string_view function) {
  for (size_t i = first; i < end; i += stride) {
    if (!IsConditionType(args[i].id())) return BadCondition(function, args[i]);
  }
  return Status::OK();
}

// The common supertype of args[first], args[first + stride], … and the last argument.
Result<LogicalType> BranchType(const std::vector<LogicalType>& args, size_t first) {
  std::vector<LogicalType> branches;
  for (size_t i = first; i + 1 < args.size(); i += 2) branches.push_back(args[i]);
  branches.push_back(args.back());
  return rules::CommonSupertype(0, 1)(branches);
}

Result<LogicalType> IfType(const std::vector<LogicalType>& args) {
  LARDER_RETURN_IF_ERROR(CheckConditions(args, 0, 1, 1, "if"));
  return BranchType(args, 1);
}

Result<LogicalType> MultiIfType(const std::vector<LogicalType>& args) {
  if (args.size() % 2 == 0) {
    return InvalidArgument(
        "needs an odd number of arguments: pairs of condition and value, then the value when no "
        "condition holds");
  }
  LARDER_RETURN_IF_ERROR(CheckConditions(args, 0, 2, args.size() - 1, "multiIf"));
  return BranchType(args, 1);
}

Result<LogicalType> CaseType(const std::vector<LogicalType>& args) {
  if (args.size() % 2 != 0) {
    return InvalidArgument(
        "needs an even number of arguments: the value to match, pairs of WHEN and THEN values, "
        "then the ELSE value");
  }
  for (size_t i = 1; i + 1 < args.size(); i += 2) {
    auto comparable = rules::Comparison()({args[0], args[i]});
    if (!comparable.ok()) return comparable.status();
  }
  return BranchType(args, 2);
}

}  // namespace

Status CastArgs(const KernelCall& call, const std::vector<size_t>& indexes,
                std::vector<CastArg>* casts) {
  casts->clear();
  casts->reserve(indexes.size());
  for (size_t index : indexes) {
    LARDER_ASSIGN_OR_RETURN(CastArg cast,
                            CastArgTo(call.args[index], call.result_type, call.context));
    casts->push_back(std::move(cast));
  }
  return Status::OK();
}

Status EqualsMask(const ScalarKernel& equals, const KernelCall& call, const KernelArg& a,
                  const KernelArg& b, std::vector<uint8_t>* mask) {
  KernelCall compare{{a, b}, call.rows, LogicalType::Bool(), call.context};
  ColumnVector result(LogicalType::Bool());
  LARDER_RETURN_IF_ERROR(equals(compare, &result));
  const uint8_t* values = result.data<uint8_t>();
  mask->resize(call.rows);
  for (size_t row = 0; row < call.rows; ++row) {
    (*mask)[row] = values[row] != 0 && !a.IsNull(row) && !b.IsNull(row);
  }
  return Status::OK();
}

void RegisterNullFunctions(FunctionRegistry* r, const ScalarKernel& equals);
void RegisterGreatestLeast(FunctionRegistry* r);

void RegisterConditionals(FunctionRegistry* r) {
  // CASE x WHEN … and nullIf compare as `equals` does; the operators are registered first.
  const FunctionInfo* equals_info = r->Find("equals");
  ScalarKernel equals = equals_info ? equals_info->kernel : nullptr;
  Scalar(
      r, "if", 3, 3, IfType,
      [](const KernelCall& call, ColumnVector* out) { return MultiIf(call, "if", out); },
      NullHandling::kSpecial);
  Scalar(
      r, "multiIf", 3, -1, MultiIfType,
      [](const KernelCall& call, ColumnVector* out) { return MultiIf(call, "multiIf", out); },
      NullHandling::kSpecial);
  Scalar(r, "_caseWithExpression", 4, -1, CaseType, CaseKernel(equals), NullHandling::kSpecial);
  RegisterNullFunctions(r, equals);
  RegisterGreatestLeast(r);
}

}  // namespace larder::functions
