// Pieces shared by the array function families (array.cpp, array_search.cpp,
// array_transform.cpp, array_fold.cpp): argument checks for their type rules, building result
// arrays from chosen elements, and finding the distinct elements of an array.
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

#include "functions/function_registry.h"
#include "functions/scalar/value_order.h"

namespace larder::functions {

// OK when `type` is an Array; else says which argument of `function` is wrong.
inline Status RequireArray(const LogicalType& type, std::string_view what) {
  if (type.id() == TypeId::kArray) return Status::OK();
  return InvalidArgument("{} must be an Array, not {}", what, type.ToString());
}

// OK for integer arguments (Int64, Bool) and NULL.
inline Status RequireInteger(const LogicalType& type, std::string_view what) {
  TypeId id = type.id();
  if (id == TypeId::kInt64 || id == TypeId::kBool || id == TypeId::kNothing) return Status::OK();
  return InvalidArgument("{} must be an integer, not {}", what, type.ToString());
}

// Row `row` of an integer argument (Int64 or Bool) as int64_t; 0 for NULL.
inline int64_t IntArgAt(const KernelArg& arg, size_t row) {
  if (arg.IsNull(row)) return 0;
  switch (arg.type().id()) {
    case TypeId::kInt64:
      return arg.Get<int64_t>(row);
    case TypeId::kBool:
      return arg.Get<uint8_t>(row);
    default:
      return 0;
  }
}

// Appends one array row per entry of `counts` to `out`, an empty array vector; the rows' elements
// are the child rows `elements` of `child`, in that order. REQUIRES: `child` is stored like
// out's elements.
inline void AppendSelected(const ColumnVector& child, const std::vector<uint32_t>& elements,
                           const std::vector<uint32_t>& counts, ColumnVector* out) {
  *out->mutable_child() = child.Take(elements);
  out->Reserve(counts.size());
  for (uint32_t count : counts) out->AppendArrayRow(count);
}

// Appends to `kept`, in their order, the rows of `range` in `child` that hold a value not seen
// earlier in the range (NaN counts as one value); NULLs are skipped and reported in *saw_null.
// `scratch` is reused between calls (no allocation per array once it has grown).
template <typename T>
void FirstOccurrences(const ColumnVector& child, ElementRange range, std::vector<uint32_t>* scratch,
                      std::vector<uint32_t>* kept, bool* saw_null) {
  const size_t mark = kept->size();
  *saw_null = false;
  constexpr uint32_t kSmall = 16;
  if constexpr (kFixedComparable<T>) {
    if (!child.has_nulls() && range.size() <= kSmall) {
      const T* values = child.data<T>();
      for (uint32_t row = range.begin; row < range.end; ++row) {
        bool seen = false;
        for (size_t k = mark; k < kept->size() && !seen; ++k) {
          seen = SameFixed(values[row], values[(*kept)[k]]);
        }
        if (!seen) kept->push_back(row);
      }
      return;
    }
  }
  if (range.size() <= kSmall) {
    for (uint32_t row = range.begin; row < range.end; ++row) {
      if (child.IsNull(row)) {
        *saw_null = true;
        continue;
      }
      bool seen = false;
      for (size_t k = mark; k < kept->size() && !seen; ++k) {
        seen = CompareAs<T>(child, row, child, (*kept)[k]) == 0;
      }
      if (!seen) kept->push_back(row);
    }
    return;
  }
  scratch->clear();
  for (uint32_t row = range.begin; row < range.end; ++row) {
    if (child.IsNull(row)) {
      *saw_null = true;
    } else {
      scratch->push_back(row);
    }
  }
  std::sort(scratch->begin(), scratch->end(), [&](uint32_t a, uint32_t b) {
    int order = CompareAs<T>(child, a, child, b);
    return order != 0 ? order < 0 : a < b;
  });
  for (size_t i = 0; i < scratch->size(); ++i) {
    if (i == 0 || CompareAs<T>(child, (*scratch)[i], child, (*scratch)[i - 1]) != 0) {
      kept->push_back((*scratch)[i]);
    }
  }
  std::sort(kept->begin() + static_cast<ptrdiff_t>(mark), kept->end());
}

}  // namespace larder::functions
