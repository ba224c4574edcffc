// Looking for values in arrays: has, indexOf, hasAny, hasAll. The array and the value are read
// as their common supertype first, so has([1, 2], 1.0) holds; NULL is a value like any other
// here (has([1, NULL], NULL) is true), as in ClickHouse.
#include "functions/registration.h"
#include "functions/scalar/array_internal.h"
#include "functions/scalar/cast_to_supertype.h"

namespace larder::functions {
namespace {

// Above this many element pairs, hasAny / hasAll sort one side instead of comparing every pair.
constexpr size_t kNestedLoopPairs = 256;

// has / indexOf: the element type both sides are compared as.
Result<LogicalType> SearchElementType(const std::vector<LogicalType>& args) {
  LARDER_RETURN_IF_ERROR(RequireArray(args[0], "the first argument"));
  auto element = CommonSupertype(args[0].element(), args[1]);
  if (!element) {
    return InvalidArgument("cannot look for a {} in an {}", args[1].ToString(), args[0].ToString());
  }
  return *element;
}

// hasAny / hasAll: the element type both arrays are compared as.
Result<LogicalType> PairElementType(const std::vector<LogicalType>& args) {
  LARDER_RETURN_IF_ERROR(RequireArray(args[0], "the first argument"));
  LARDER_RETURN_IF_ERROR(RequireArray(args[1], "the second argument"));
  auto element = CommonSupertype(args[0].element(), args[1].element());
  if (!element) {
    return InvalidArgument("cannot compare the elements of {} with those of {}", args[0].ToString(),
                           args[1].ToString());
  }
  return *element;
}

ReturnTypeRule SearchType(LogicalType result, bool pair) {
  return [result, pair](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    auto element = pair ? PairElementType(args) : SearchElementType(args);
    if (!element.ok()) return element.status();
    return result.WithNullable(args[0].nullable() || (pair && args[1].nullable()));
  };
}

// 1-based position of the first element of `range` equal to value[value_row], or 0.
template <typename T>
int64_t Find(const ColumnVector& child, ElementRange range, const ColumnVector& value,
             size_t value_row) {
  if constexpr (!std::is_same_v<T, NestedValue>) {
    if (!child.has_nulls() && !value.IsNull(value_row)) {
      const T wanted = ValueAt<T>(value, value_row);
      for (uint32_t element = range.begin; element < range.end; ++element) {
        if (ValueAt<T>(child, element) == wanted) return element - range.begin + 1;
      }
      return 0;
    }
  }
  for (uint32_t element = range.begin; element < range.end; ++element) {
    if (EqualAs<T>(child, element, value, value_row)) return element - range.begin + 1;
  }
  return 0;
}

// has(arr, x) and indexOf(arr, x); NULL for a NULL arr.
ScalarKernel SearchKernel(bool index) {
  return [index](const KernelCall& call, ColumnVector* out) -> Status {
    const std::vector<LogicalType> types = {call.args[0].type(), call.args[1].type()};
    LARDER_ASSIGN_OR_RETURN(LogicalType element, SearchElementType(types));
    LARDER_ASSIGN_OR_RETURN(CastArg array,
                            CastArgTo(call.args[0], LogicalType::Array(element), call.context));
    LARDER_ASSIGN_OR_RETURN(CastArg value, CastArgTo(call.args[1], element, call.context));
    std::vector<int64_t> positions(call.rows);
    const ColumnVector& child = array.arg.vector->child();
    VisitComparable(element, [&](auto tag) {
      using T = decltype(tag);
      for (size_t row = 0; row < call.rows; ++row) {
        positions[row] =
            Find<T>(child, ElementsOf(array.arg, row), *value.arg.vector, value.arg.Row(row));
      }
    });
    if (index) {
      std::memcpy(AppendSlots<int64_t>(out, call.rows), positions.data(), call.rows * 8);
    } else {
      uint8_t* found = AppendSlots<uint8_t>(out, call.rows);
      for (size_t row = 0; row < call.rows; ++row) found[row] = positions[row] != 0;
    }
    if (array.arg.vector->has_nulls()) {
      std::vector<uint8_t>& nulls = *out->mutable_nulls();
      for (size_t row = 0; row < call.rows; ++row) nulls[row] = array.arg.IsNull(row);
    }
    return Status::OK();
  };
}

template <typename T>
bool IsNaN(const ColumnVector& vector, size_t row) {
  if constexpr (std::is_floating_point_v<T>) {
    return !vector.IsNull(row) && std::isnan(ValueAt<T>(vector, row));
  } else {
    return false;
  }
}

// Whether the `needles` (rows of `needle_values`) are all (`all`) or any (!`all`) among the
// `haystack` rows of `hay`. `sorted` is scratch space.
template <typename T>
bool Contains(const ColumnVector& hay, ElementRange haystack, const ColumnVector& needle_values,
              ElementRange needles, bool all, std::vector<uint32_t>* sorted) {
  bool sort = false;
  bool haystack_null = false;
  if constexpr (!std::is_same_v<T, NestedValue>) {
    sort = static_cast<size_t>(haystack.size()) * needles.size() > kNestedLoopPairs;
  }
  auto less = [&](uint32_t a, uint32_t b) { return CompareAs<T>(hay, a, hay, b) < 0; };
  if (sort) {
    // NULLs are remembered, NaNs dropped (they equal nothing), the rest binary-searched.
    sorted->clear();
    for (uint32_t element = haystack.begin; element < haystack.end; ++element) {
      if (hay.IsNull(element)) {
        haystack_null = true;
      } else if (!IsNaN<T>(hay, element)) {
        sorted->push_back(element);
      }
    }
    std::sort(sorted->begin(), sorted->end(), less);
  }
  for (uint32_t needle = needles.begin; needle < needles.end; ++needle) {
    bool found = false;
    if (!sort) {
      for (uint32_t element = haystack.begin; element < haystack.end && !found; ++element) {
        found = EqualAs<T>(hay, element, needle_values, needle);
      }
    } else if (needle_values.IsNull(needle)) {
      found = haystack_null;
    } else if (!IsNaN<T>(needle_values, needle)) {
      auto at = std::lower_bound(sorted->begin(), sorted->end(), needle,
                                 [&](uint32_t element, uint32_t wanted) {
                                   return CompareAs<T>(hay, element, needle_values, wanted) < 0;
                                 });
      found = at != sorted->end() && CompareAs<T>(hay, *at, needle_values, needle) == 0;
    }
    if (found != all) return !all;
  }
  return all;
}

// hasAll(set, subset): every element of subset is in set (true for an empty subset).
// hasAny(a, b): some element is in both.
ScalarKernel PairKernel(bool all) {
  return [all](const KernelCall& call, ColumnVector* out) -> Status {
    const std::vector<LogicalType> types = {call.args[0].type(), call.args[1].type()};
    LARDER_ASSIGN_OR_RETURN(LogicalType element, PairElementType(types));
    const LogicalType array_type = LogicalType::Array(element);
    LARDER_ASSIGN_OR_RETURN(CastArg first, CastArgTo(call.args[0], array_type, call.context));
    LARDER_ASSIGN_OR_RETURN(CastArg second, CastArgTo(call.args[1], array_type, call.context));
    const ColumnVector& first_child = first.arg.vector->child();
    const ColumnVector& second_child = second.arg.vector->child();
    uint8_t* values = AppendSlots<uint8_t>(out, call.rows);
    std::vector<uint32_t> scratch;
    VisitComparable(element, [&](auto tag) {
      using T = decltype(tag);
      for (size_t row = 0; row < call.rows; ++row) {
        values[row] = Contains<T>(first_child, ElementsOf(first.arg, row), second_child,
                                  ElementsOf(second.arg, row), all, &scratch);
      }
    });
    if (first.arg.vector->has_nulls() || second.arg.vector->has_nulls()) {
      std::vector<uint8_t>& nulls = *out->mutable_nulls();
      for (size_t row = 0; row < call.rows; ++row) {
        nulls[row] = first.arg.IsNull(row) || second.arg.IsNull(row);
      }
    }
    return Status::OK();
  };
}

}  // namespace

void RegisterArraySearch(FunctionRegistry* r) {
  Scalar(r, "has", 2, 2, SearchType(kBool, false), SearchKernel(false), NullHandling::kSpecial);
  Scalar(r, "indexOf", 2, 2, SearchType(kInt, false), SearchKernel(true), NullHandling::kSpecial);
  Scalar(r, "hasAll", 2, 2, SearchType(kBool, true), PairKernel(true), NullHandling::kSpecial);
  Scalar(r, "hasAny", 2, 2, SearchType(kBool, true), PairKernel(false), NullHandling::kSpecial);
}

}  // namespace larder::functions
