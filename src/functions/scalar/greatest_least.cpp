// greatest and least: the largest or smallest of their arguments, converted to their common
// supertype first (so greatest(1, 2.5) is 2.5 and greatest(date, datetime) a DateTime). NULL in
// any argument gives NULL, as in ClickHouse before 24.12 (the engine propagates it).
#include "functions/registration.h"
#include "functions/scalar/conditional_internal.h"
#include "functions/scalar/row_gather.h"
#include "functions/scalar/value_order.h"

namespace larder::functions {
namespace {

// Fixed-width values: out[row] = the better of out[row] and each argument's value.
template <typename T>
void ExtremeFixed(const std::vector<CastArg>& casts, size_t rows, bool greatest, T* out) {
  const KernelArg& first = casts[0].arg;
  UnaryLoop<T>(first, rows, out, [](T value) { return value; });
  for (size_t i = 1; i < casts.size(); ++i) {
    const KernelArg& arg = casts[i].arg;
    const T* values = arg.vector->data<T>();
    const size_t step = arg.constant ? 0 : 1;
    if (greatest) {
      for (size_t row = 0; row < rows; ++row) {
        const T value = values[row * step];
        out[row] = out[row] > value ? out[row] : value;
      }
    } else {
      for (size_t row = 0; row < rows; ++row) {
        const T value = values[row * step];
        out[row] = out[row] < value ? out[row] : value;
      }
    }
  }
}

// Strings and arrays: finds the best argument per row, then copies it.
template <typename T>
void ExtremeGathered(const std::vector<CastArg>& casts, size_t rows, bool greatest,
                     ColumnVector* out) {
  std::vector<const ColumnVector*> sources;
  for (const CastArg& cast : casts) sources.push_back(cast.arg.vector);
  std::vector<RowRef> refs(rows);
  for (size_t row = 0; row < rows; ++row) {
    uint32_t best = 0;
    size_t best_row = casts[0].arg.Row(row);
    for (size_t i = 1; i < casts.size(); ++i) {
      const size_t at = casts[i].arg.Row(row);
      int order = CompareAs<T>(*sources[i], at, *sources[best], best_row);
      if (greatest ? order > 0 : order < 0) {
        best = static_cast<uint32_t>(i);
        best_row = at;
      }
    }
    refs[row] = {best, static_cast<uint32_t>(best_row)};
  }
  GatherRows(sources, refs, /*keep_nulls=*/true, out);
}

ScalarKernel ExtremeKernel(bool greatest) {
  return [greatest](const KernelCall& call, ColumnVector* out) -> Status {
    std::vector<size_t> indexes(call.args.size());
    for (size_t i = 0; i < indexes.size(); ++i) indexes[i] = i;
    std::vector<CastArg> casts;
    LARDER_RETURN_IF_ERROR(CastArgs(call, indexes, &casts));
    const LogicalType& type = call.result_type;
    if (type.id() == TypeId::kNothing) {
      for (size_t row = 0; row < call.rows; ++row) out->AppendNull();
      return Status::OK();
    }
    VisitComparable(type, [&](auto tag) {
      using T = decltype(tag);
      if constexpr (std::is_same_v<T, std::string_view> || std::is_same_v<T, NestedValue>) {
        ExtremeGathered<T>(casts, call.rows, greatest, out);
      } else {
        ExtremeFixed<T>(casts, call.rows, greatest, AppendSlots<T>(out, call.rows));
      }
    });
    return Status::OK();
  };
}

Result<LogicalType> ExtremeType(const std::vector<LogicalType>& args) {
  LARDER_ASSIGN_OR_RETURN(LogicalType type, rules::CommonSupertype(0, 1)(args));
  if (type.id() == TypeId::kJson) {
    return InvalidArgument("cannot order values of type {}", type.ToString());
  }
  return type;
}

}  // namespace

void RegisterGreatestLeast(FunctionRegistry* r) {
  Scalar(r, "greatest", 1, -1, ExtremeType, ExtremeKernel(true));
  Scalar(r, "least", 1, -1, ExtremeType, ExtremeKernel(false));
}

}  // namespace larder::functions
