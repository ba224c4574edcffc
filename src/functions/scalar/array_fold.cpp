// Array functions that fold each array to one value: arraySum, arrayAvg, arrayMin, arrayMax,
// arrayCount, arrayUniq and arrayStringConcat. NULL elements are skipped (arrayUniq counts NULL
// as one value, as ClickHouse does); the lambda forms (arraySum(x -> …, arr)) are not here yet.
#include "functions/registration.h"
#include "functions/scalar/array_internal.h"
#include "functions/scalar/row_gather.h"

namespace larder::functions {
namespace {

bool IsSummable(TypeId id) {
  return id == TypeId::kInt64 || id == TypeId::kBool || id == TypeId::kFloat64 ||
         id == TypeId::kDecimal || id == TypeId::kNothing;
}

Status RequireNumbers(const LogicalType& array, std::string_view function) {
  LARDER_RETURN_IF_ERROR(RequireArray(array, "the argument"));
  if (!IsSummable(array.element().id())) {
    return InvalidArgument("{} needs an array of numbers, not {}", function, array.ToString());
  }
  return Status::OK();
}

// arraySum: Int64 for integers (wrapping on overflow), Float64 for floats, Decimal(38, s) for
// Decimal(38, s). arrayAvg: Float64.
ReturnTypeRule SumType(bool average) {
  return [average](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    LARDER_RETURN_IF_ERROR(RequireNumbers(args[0], average ? "arrayAvg" : "arraySum"));
    const LogicalType& element = args[0].element();
    LogicalType type = kInt;
    if (average || element.id() == TypeId::kFloat64) type = kFloat;
    if (!average && element.id() == TypeId::kDecimal) type = element.WithNullable(false);
    return type.WithNullable(args[0].nullable());
  };
}

double PowerOfTen(int exponent) {
  double result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

// Sums (or averages) each array's non-NULL elements of C++ type E into R; an empty array gives 0.
template <typename E, typename R>
void Sum(const KernelArg& array, size_t rows, bool average, double scale, R* out) {
  const ColumnVector& child = array.vector->child();
  const E* values = child.data<E>();
  for (size_t row = 0; row < rows; ++row) {
    const ElementRange range = ElementsOf(array, row);
    std::conditional_t<std::is_floating_point_v<R>, double, R> sum{};
    uint32_t count = 0;
    for (uint32_t element = range.begin; element < range.end; ++element) {
      if (child.IsNull(element)) continue;
      if constexpr (std::is_same_v<R, int64_t>) {
        sum = static_cast<int64_t>(static_cast<uint64_t>(sum) +
                                   static_cast<uint64_t>(values[element]));
      } else {
        sum += static_cast<decltype(sum)>(values[element]);
      }
      ++count;
    }
    if constexpr (std::is_floating_point_v<R>) {
      if (average) sum = count == 0 ? 0 : sum / scale / count;
    }
    out[row] = static_cast<R>(sum);
  }
}

ScalarKernel SumKernel(bool average) {
  return [average](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& array = call.args[0];
    const LogicalType& element = array.type().element();
    const double scale = element.id() == TypeId::kDecimal ? PowerOfTen(element.scale()) : 1;
    auto sum = [&](auto element_tag, auto result_tag) {
      using E = decltype(element_tag);
      using R = decltype(result_tag);
      Sum<E, R>(array, call.rows, average, scale, AppendSlots<R>(out, call.rows));
    };
    switch (element.id()) {
      case TypeId::kNothing:
      case TypeId::kBool:
        average ? sum(uint8_t{}, double{}) : sum(uint8_t{}, int64_t{});
        break;
      case TypeId::kInt64:
        average ? sum(int64_t{}, double{}) : sum(int64_t{}, int64_t{});
        break;
      case TypeId::kFloat64:
        sum(double{}, double{});
        break;
      case TypeId::kDecimal:
        average ? sum(Int128{}, double{}) : sum(Int128{}, Int128{});
        break;
      default:
        return InvalidArgument("{} needs an array of numbers, not {}",
                               average ? "arrayAvg" : "arraySum", array.type().ToString());
    }
    return Status::OK();
  };
}

Result<LogicalType> MinMaxType(const std::vector<LogicalType>& args) {
  LARDER_RETURN_IF_ERROR(RequireArray(args[0], "the argument"));
  if (args[0].element().id() == TypeId::kJson) {
    return InvalidArgument("cannot order values of type {}", args[0].element().ToString());
  }
  return args[0].element().WithNullable(args[0].element().nullable() || args[0].nullable());
}

// arrayMin / arrayMax: the smallest or largest element, NaN and NULL only when there is nothing
// else; the type's default (0, '', NULL when Nullable) for an empty array.
ScalarKernel MinMaxKernel(bool max) {
  return [max](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& array = call.args[0];
    const ColumnVector& child = array.vector->child();
    const uint32_t empty = child.type().nullable() ? kNullRow : kDefaultRow;
    std::vector<RowRef> refs(call.rows);
    VisitComparable(child.type(), [&](auto tag) {
      using T = decltype(tag);
      for (size_t row = 0; row < call.rows; ++row) {
        const ElementRange range = ElementsOf(array, row);
        if (range.size() == 0) {
          refs[row] = {empty, 0};
          continue;
        }
        uint32_t best = range.begin;
        for (uint32_t element = range.begin + 1; element < range.end; ++element) {
          if (SortsBefore<T>(child, element, best, max)) best = element;
        }
        refs[row] = {0, best};
      }
    });
    GatherRows({&child}, refs, /*keep_nulls=*/true, out);
    return Status::OK();
  };
}

Result<LogicalType> CountType(const std::vector<LogicalType>& args) {
  LARDER_RETURN_IF_ERROR(RequireArray(args[0], "the argument"));
  const TypeId id = args[0].element().id();
  if (!IsNumberLike(id) && id != TypeId::kNothing && id != TypeId::kDecimal) {
    return InvalidArgument(
        "arrayCount without a lambda counts non-zero numbers, not the elements "
        "of {}",
        args[0].ToString());
  }
  return kInt.WithNullable(args[0].nullable());
}

// arrayCount(arr): how many elements are neither zero nor NULL.
Status Count(const KernelCall& call, ColumnVector* out) {
  const KernelArg& array = call.args[0];
  const ColumnVector& child = array.vector->child();
  int64_t* counts = AppendSlots<int64_t>(out, call.rows);
  auto count = [&](auto tag) {
    using T = decltype(tag);
    const T* values = child.data<T>();
    for (size_t row = 0; row < call.rows; ++row) {
      const ElementRange range = ElementsOf(array, row);
      int64_t non_zero = 0;
      for (uint32_t element = range.begin; element < range.end; ++element) {
        non_zero += values[element] != T{} && !child.IsNull(element);
      }
      counts[row] = non_zero;
    }
  };
  if (child.type().id() == TypeId::kDecimal) {
    count(Int128{});
  } else if (child.type().id() != TypeId::kNothing) {
    VisitNumeric(child.type().id(), count);
  }
  return Status::OK();
}

// arrayUniq(arr): the number of distinct values, NULL counting as one.
Status Uniq(const KernelCall& call, ColumnVector* out) {
  const KernelArg& array = call.args[0];
  const ColumnVector& child = array.vector->child();
  int64_t* counts = AppendSlots<int64_t>(out, call.rows);
  std::vector<uint32_t> kept, scratch;
  VisitComparable(child.type(), [&](auto tag) {
    using T = decltype(tag);
    for (size_t row = 0; row < call.rows; ++row) {
      kept.clear();
      bool saw_null = false;
      FirstOccurrences<T>(child, ElementsOf(array, row), &scratch, &kept, &saw_null);
      counts[row] = static_cast<int64_t>(kept.size()) + (saw_null ? 1 : 0);
    }
  });
  return Status::OK();
}

Result<LogicalType> StringConcatType(const std::vector<LogicalType>& args) {
  LARDER_RETURN_IF_ERROR(RequireArray(args[0], "the first argument"));
  if (args.size() == 2 && !args[1].is_string_like() && args[1].id() != TypeId::kNothing) {
    return InvalidArgument("the separator must be a String, not {}", args[1].ToString());
  }
  bool nullable = args[0].nullable() || (args.size() == 2 && args[1].nullable());
  return kString.WithNullable(nullable);
}

// arrayStringConcat(arr[, separator]): the elements as text, joined by the separator (default
// none); NULL elements are left out. Non-string elements print as toString would.
Status StringConcat(const KernelCall& call, ColumnVector* out) {
  const KernelArg& array = call.args[0];
  const ColumnVector& child = array.vector->child();
  const bool strings = child.type().is_string_like();
  std::string text;
  for (size_t row = 0; row < call.rows; ++row) {
    const std::string_view separator = call.args.size() == 2 && !call.args[1].IsNull(row)
                                           ? call.args[1].GetString(row)
                                           : std::string_view();
    const ElementRange range = ElementsOf(array, row);
    text.clear();
    bool first = true;
    for (uint32_t element = range.begin; element < range.end; ++element) {
      if (child.IsNull(element)) continue;
      if (!first) text += separator;
      first = false;
      if (strings) {
        text += child.GetString(element);
      } else {
        text += child.GetValue(element).ToString(child.type());
      }
    }
    out->AppendString(text);
  }
  return Status::OK();
}

}  // namespace

void RegisterArrayFolds(FunctionRegistry* r) {
  Scalar(r, "arraySum", 1, 1, SumType(false), SumKernel(false));
  Scalar(r, "arrayAvg", 1, 1, SumType(true), SumKernel(true));
  Scalar(r, "arrayMin", 1, 1, MinMaxType, MinMaxKernel(false));
  Scalar(r, "arrayMax", 1, 1, MinMaxType, MinMaxKernel(true));
  Scalar(r, "arrayCount", 1, 1, CountType, Count);
  Scalar(
      r, "arrayUniq", 1, 1,
      [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
        LARDER_RETURN_IF_ERROR(RequireArray(args[0], "the argument"));
        return kInt.WithNullable(args[0].nullable());
      },
      Uniq);
  Scalar(r, "arrayStringConcat", 1, 2, StringConcatType, StringConcat);
}

}  // namespace larder::functions
