// Typed loops for writing scalar kernels: dispatch on an argument's storage type once, then run
// a tight loop over the rows, with constant arguments read from row 0. Every family uses these.
#pragma once

#include <cstring>
#include <string_view>
#include <type_traits>

#include "functions/kernel.h"

namespace larder::functions {

// Calls fn(T{}) with T the C++ type of `id`'s values: uint8_t (Bool), int32_t (Date), int64_t
// (Int64, DateTime, Interval), double (Float64). Returns false for other types.
template <typename Fn>
bool VisitNumeric(TypeId id, Fn&& fn) {
  switch (id) {
    case TypeId::kBool:
      fn(uint8_t{});
      return true;
    case TypeId::kDate:
      fn(int32_t{});
      return true;
    case TypeId::kInt64:
    case TypeId::kDateTime:
    case TypeId::kInterval:
      fn(int64_t{});
      return true;
    case TypeId::kFloat64:
      fn(double{});
      return true;
    default:
      return false;
  }
}

inline bool IsIntegerLike(TypeId id) {
  return id == TypeId::kBool || id == TypeId::kDate || id == TypeId::kInt64 ||
         id == TypeId::kDateTime || id == TypeId::kInterval;
}
inline bool IsNumberLike(TypeId id) { return IsIntegerLike(id) || id == TypeId::kFloat64; }

// Appends `rows` zero values to a fixed-width `out` and returns its first new slot.
template <typename R>
R* AppendSlots(ColumnVector* out, size_t rows) {
  size_t old = out->size();
  out->Resize(old + rows);
  return out->mutable_data<R>() + old;
}

// out[row] = op(a[row]) for a fixed-width argument of C++ type A.
template <typename A, typename R, typename Op>
void UnaryLoop(const KernelArg& a, size_t rows, R* out, Op&& op) {
  const A* in = a.vector->data<A>();
  if (a.constant) {
    R value = op(in[0]);
    for (size_t row = 0; row < rows; ++row) out[row] = value;
    return;
  }
  for (size_t row = 0; row < rows; ++row) out[row] = op(in[row]);
}

// out[row] = op(a[row], b[row]) for fixed-width arguments of C++ types A and B; the constant
// cases get their own loops so the compiler can vectorize them.
template <typename A, typename B, typename R, typename Op>
void BinaryLoop(const KernelArg& a, const KernelArg& b, size_t rows, R* out, Op&& op) {
  const A* left = a.vector->data<A>();
  const B* right = b.vector->data<B>();
  if (a.constant && b.constant) {
    R value = op(left[0], right[0]);
    for (size_t row = 0; row < rows; ++row) out[row] = value;
  } else if (b.constant) {
    const B value = right[0];
    for (size_t row = 0; row < rows; ++row) out[row] = op(left[row], value);
  } else if (a.constant) {
    const A value = left[0];
    for (size_t row = 0; row < rows; ++row) out[row] = op(value, right[row]);
  } else {
    for (size_t row = 0; row < rows; ++row) out[row] = op(left[row], right[row]);
  }
}

// Like BinaryLoop, for ops that can fail on a row (intDiv by zero): op returns false and the
// loop stops with that row's index in *failed_row.
template <typename A, typename B, typename R, typename Op>
bool CheckedBinaryLoop(const KernelArg& a, const KernelArg& b, size_t rows, R* out, Op&& op,
                       size_t* failed_row) {
  const A* left = a.vector->data<A>();
  const B* right = b.vector->data<B>();
  for (size_t row = 0; row < rows; ++row) {
    // Rows that are NULL in either argument hold arbitrary values: never fail on them.
    if (a.IsNull(row) || b.IsNull(row)) {
      out[row] = R{};
      continue;
    }
    if (!op(left[a.Row(row)], right[b.Row(row)], &out[row])) {
      *failed_row = row;
      return false;
    }
  }
  return true;
}

// Calls op(std::string_view) for every row of a string-like argument.
template <typename Op>
void ForEachString(const KernelArg& a, size_t rows, Op&& op) {
  if (a.constant) {
    std::string_view value = a.vector->IsNull(0) ? std::string_view() : a.GetString(0);
    for (size_t row = 0; row < rows; ++row) op(row, value);
    return;
  }
  const ColumnVector& vector = *a.vector;
  if (vector.is_dictionary()) {
    const ColumnVector& dictionary = vector.dictionary();
    const auto& codes = vector.codes();
    for (size_t row = 0; row < rows; ++row) {
      op(row, codes[row] < dictionary.size() && !vector.IsNull(row)
                  ? dictionary.GetString(codes[row])
                  : std::string_view());
    }
    return;
  }
  const char* chars = vector.chars().data();
  const uint32_t* offsets = vector.offsets().data();
  for (size_t row = 0; row < rows; ++row) {
    op(row, std::string_view(chars + offsets[row], offsets[row + 1] - offsets[row]));
  }
}

// String → fixed-width: out[row] = op(string).
template <typename R, typename Op>
void StringToFixed(const KernelArg& a, size_t rows, ColumnVector* out, Op&& op) {
  R* values = AppendSlots<R>(out, rows);
  ForEachString(a, rows, [&](size_t row, std::string_view text) { values[row] = op(text); });
}

// String → string: op(string, std::string* scratch) returns the result (a view into the input
// or into scratch), which is appended.
template <typename Op>
void StringToString(const KernelArg& a, size_t rows, ColumnVector* out, Op&& op) {
  std::string scratch;
  ForEachString(a, rows,
                [&](size_t, std::string_view text) { out->AppendString(op(text, &scratch)); });
}

// A message for a value a function cannot take, naming the function and the row's value.
template <typename... Args>
Status BadValue(std::string_view function, fmt::format_string<Args...> what, Args&&... args) {
  return InvalidArgument("{}: {}", function, fmt::format(what, std::forward<Args>(args)...));
}

}  // namespace larder::functions
