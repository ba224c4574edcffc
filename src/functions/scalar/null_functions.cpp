// Functions about NULL: coalesce, ifNull, nullIf, assumeNotNull and toNullable, with
// ClickHouse's result types (coalesce and ifNull are not Nullable when an argument that is not
// Nullable guarantees a value).
#include "functions/registration.h"
#include "functions/scalar/conditional_internal.h"
#include "functions/scalar/row_gather.h"

namespace larder::functions {
namespace {

// The arguments coalesce takes its type and values from: NULL literals are skipped, and the
// first argument that cannot be NULL ends the list (ClickHouse ignores what follows it).
std::vector<size_t> CoalescedArgs(const std::vector<LogicalType>& args) {
  std::vector<size_t> indexes;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].id() == TypeId::kNothing) continue;
    indexes.push_back(i);
    if (!args[i].nullable()) break;
  }
  return indexes;
}

Result<LogicalType> CoalesceType(const std::vector<LogicalType>& args) {
  std::vector<size_t> indexes = CoalescedArgs(args);
  if (indexes.empty()) return LogicalType::Nothing();
  std::vector<LogicalType> types;
  for (size_t index : indexes) types.push_back(args[index]);
  LARDER_ASSIGN_OR_RETURN(LogicalType type, rules::CommonSupertype(0, 1)(types));
  return type.WithNullable(types.back().nullable());
}

// ifNull(x, alt): x's type when x cannot be NULL, else the common type, Nullable as alt is.
Result<LogicalType> IfNullType(const std::vector<LogicalType>& args) {
  if (args[0].id() != TypeId::kNothing && !args[0].nullable()) return args[0];
  return CoalesceType(args);
}

// coalesce and ifNull: each row from the first argument that is not NULL there, else NULL.
Status Coalesce(const KernelCall& call, ColumnVector* out) {
  std::vector<LogicalType> types;
  for (const KernelArg& arg : call.args) types.push_back(arg.type());
  std::vector<size_t> indexes = CoalescedArgs(types);
  std::vector<CastArg> casts;
  LARDER_RETURN_IF_ERROR(CastArgs(call, indexes, &casts));
  std::vector<const ColumnVector*> sources;
  std::vector<RowRef> refs(call.rows, RowRef{kNullRow, 0});
  // Later arguments first, so that earlier ones overwrite them.
  for (size_t i = casts.size(); i-- > 0;) {
    const KernelArg& arg = casts[i].arg;
    const uint32_t source = static_cast<uint32_t>(i);
    if (!arg.vector->has_nulls()) {
      for (size_t row = 0; row < call.rows; ++row) {
        refs[row] = {source, static_cast<uint32_t>(arg.Row(row))};
      }
      continue;
    }
    for (size_t row = 0; row < call.rows; ++row) {
      if (!arg.IsNull(row)) refs[row] = {source, static_cast<uint32_t>(arg.Row(row))};
    }
  }
  for (const CastArg& cast : casts) sources.push_back(cast.arg.vector);
  GatherRows(sources, refs, /*keep_nulls=*/true, out);
  return Status::OK();
}

// Every row of `arg` as it is (constants repeated), NULLs kept or made default values.
void CopyRows(const KernelArg& arg, size_t rows, bool keep_nulls, ColumnVector* out) {
  std::vector<RowRef> refs(rows);
  for (size_t row = 0; row < rows; ++row) refs[row] = {0, static_cast<uint32_t>(arg.Row(row))};
  GatherRows({arg.vector}, refs, keep_nulls, out);
}

// nullIf(x, y): NULL where x = y (as `equals` compares), else x.
ScalarKernel NullIfKernel(ScalarKernel equals) {
  return [equals](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& x = call.args[0];
    const KernelArg& y = call.args[1];
    std::vector<uint8_t> equal(call.rows, 0);
    if (x.type().id() != TypeId::kNothing && y.type().id() != TypeId::kNothing) {
      if (!equals) return Internal("nullIf: `equals` has no kernel");
      LARDER_RETURN_IF_ERROR(EqualsMask(equals, call, x, y, &equal));
    }
    std::vector<RowRef> refs(call.rows);
    for (size_t row = 0; row < call.rows; ++row) {
      refs[row] = equal[row] ? RowRef{kNullRow, 0} : RowRef{0, static_cast<uint32_t>(x.Row(row))};
    }
    GatherRows({x.vector}, refs, /*keep_nulls=*/true, out);
    return Status::OK();
  };
}

Status AssumeNotNull(const KernelCall& call, ColumnVector* out) {
  CopyRows(call.args[0], call.rows, /*keep_nulls=*/false, out);
  return Status::OK();
}

Status ToNullable(const KernelCall& call, ColumnVector* out) {
  const KernelArg& arg = call.args[0];
  if (arg.constant) {
    CopyRows(arg, call.rows, /*keep_nulls=*/true, out);
    return Status::OK();
  }
  // A copy that shares a dictionary instead of expanding it.
  LARDER_ASSIGN_OR_RETURN(*out, arg.vector->CastTo(call.result_type));
  return Status::OK();
}

Result<LogicalType> NullIfType(const std::vector<LogicalType>& args) {
  auto comparable = rules::Comparison()(args);
  if (!comparable.ok()) return comparable.status();
  return args[0].WithNullable(true);
}

}  // namespace

void RegisterNullFunctions(FunctionRegistry* r, const ScalarKernel& equals) {
  Scalar(r, "coalesce", 1, -1, CoalesceType, Coalesce, NullHandling::kSpecial);
  Scalar(r, "ifNull", 2, 2, IfNullType, Coalesce, NullHandling::kSpecial);
  Scalar(r, "nullIf", 2, 2, NullIfType, NullIfKernel(equals), NullHandling::kSpecial);
  Scalar(
      r, "assumeNotNull", 1, 1,
      [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
        return args[0].WithNullable(false);
      },
      AssumeNotNull, NullHandling::kSpecial);
  // NULL in, NULL out: the engine's NULL propagation (and its once-per-dictionary-entry path)
  // does the work.
  Scalar(r, "toNullable", 1, 1, SameAsArgument(0, true), ToNullable);
}

}  // namespace larder::functions
