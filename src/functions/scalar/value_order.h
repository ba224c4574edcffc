// Comparing single values inside vectors, typed: the order arraySort, arrayMin, greatest and
// least use (ClickHouse's: numbers by value, strings byte-wise, arrays lexicographically, NaN
// after every number and NULL after everything), and the equality has / indexOf use.
#pragma once

#include <cmath>
#include <string_view>
#include <type_traits>

#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {

// The comparison type of arrays (compared element by element through CompareVectorRows) and of
// Nothing (all NULL).
struct NestedValue {};

// Calls fn(T{}) with the C++ type values of `type` are compared as: uint8_t (Bool), int32_t
// (Date), int64_t (Int64, DateTime, Interval), double, Int128 (Decimal), Uuid128,
// std::string_view (String, JSON) or NestedValue (arrays, Nothing).
template <typename Fn>
void VisitComparable(const LogicalType& type, Fn&& fn) {
  switch (type.id()) {
    case TypeId::kDecimal:
      return fn(Int128{});
    case TypeId::kUuid:
      return fn(Uuid128{});
    case TypeId::kString:
    case TypeId::kJson:
      return fn(std::string_view{});
    case TypeId::kArray:
    case TypeId::kNothing:
      return fn(NestedValue{});
    default:
      VisitNumeric(type.id(), std::forward<Fn>(fn));
  }
}

// Row `row` of `vector` as T. REQUIRES: T is the vector's comparison type, not NestedValue.
template <typename T>
T ValueAt(const ColumnVector& vector, size_t row) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return vector.GetString(row);
  } else {
    return vector.data<T>()[row];
  }
}

// Three-way comparison of a[i] and b[j] of the same storage, in the order above.
int CompareVectorRows(const ColumnVector& a, size_t i, const ColumnVector& b, size_t j);

// CompareVectorRows for values read as T (see VisitComparable).
template <typename T>
int CompareAs(const ColumnVector& a, size_t i, const ColumnVector& b, size_t j) {
  const bool a_null = a.IsNull(i), b_null = b.IsNull(j);
  if (a_null || b_null) return a_null == b_null ? 0 : (a_null ? 1 : -1);
  if constexpr (std::is_same_v<T, NestedValue>) {
    return CompareVectorRows(a, i, b, j);
  } else {
    const T x = ValueAt<T>(a, i), y = ValueAt<T>(b, j);
    if constexpr (std::is_floating_point_v<T>) {
      const bool x_nan = std::isnan(x), y_nan = std::isnan(y);
      if (x_nan || y_nan) return x_nan == y_nan ? 0 : (x_nan ? 1 : -1);
    }
    return x < y ? -1 : (y < x ? 1 : 0);
  }
}

// Whether a[i] equals b[j] for has / indexOf / hasAny / hasAll: NULL matches NULL (ClickHouse
// treats NULL as a value there), NaN matches nothing, numbers compare by value.
template <typename T>
bool EqualAs(const ColumnVector& a, size_t i, const ColumnVector& b, size_t j) {
  const bool a_null = a.IsNull(i), b_null = b.IsNull(j);
  if (a_null || b_null) return a_null == b_null;
  if constexpr (std::is_same_v<T, NestedValue>) {
    return CompareVectorRows(a, i, b, j) == 0;
  } else {
    return ValueAt<T>(a, i) == ValueAt<T>(b, j);
  }
}

// Fixed-width comparison types, whose values can be compared in place when a vector has no
// NULLs (the fast paths of the array functions).
template <typename T>
inline constexpr bool kFixedComparable =
    !std::is_same_v<T, std::string_view> && !std::is_same_v<T, NestedValue>;

// a and b are the same value (NaN is the same as NaN), for non-NULL fixed-width values.
template <typename T>
bool SameFixed(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  }
  return a == b;
}

// values[i] sorts before values[j] (NaN last, ties by position): SortsBefore without NULLs.
template <typename T>
bool FixedSortsBefore(const T* values, uint32_t i, uint32_t j, bool descending) {
  const T& a = values[i];
  const T& b = values[j];
  if constexpr (std::is_floating_point_v<T>) {
    const bool a_nan = std::isnan(a), b_nan = std::isnan(b);
    if (a_nan || b_nan) return a_nan == b_nan ? i < j : b_nan;
  }
  if (a < b) return !descending;
  if (b < a) return descending;
  return i < j;
}

// Where a value goes in arraySort and arrayReverseSort: values in order (reversed when
// `descending`), then NaN, then NULL, as ClickHouse sorts; ties keep their positions. arrayMin
// and arrayMax take the first value in that order.
template <typename T>
bool SortsBefore(const ColumnVector& vector, size_t i, size_t j, bool descending) {
  auto rank = [&](size_t row) {
    if (vector.IsNull(row)) return 2;
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(ValueAt<T>(vector, row))) return 1;
    }
    return 0;
  };
  const int i_rank = rank(i), j_rank = rank(j);
  if (i_rank != j_rank) return i_rank < j_rank;
  int order = i_rank == 0 ? CompareAs<T>(vector, i, vector, j) : 0;
  if (descending) order = -order;
  return order != 0 ? order < 0 : i < j;
}

// The child rows [begin, end) that row `row` of an array argument holds.
struct ElementRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
};

inline ElementRange ElementsOf(const KernelArg& array, size_t row) {
  const std::vector<uint32_t>& offsets = array.vector->offsets();
  const size_t at = array.Row(row);
  return {offsets[at], offsets[at + 1]};
}

}  // namespace larder::functions
