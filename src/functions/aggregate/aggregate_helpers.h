// Building blocks for the aggregate functions (functions/aggregate/*.cpp): typed states placed in
// caller-owned memory, one dispatch on the argument's storage type per call, and row loops that
// skip NULLs and read constants and dictionary-encoded strings without copying.
#pragma once

#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>

#include "functions/kernel.h"

namespace larder::functions {

// An aggregate whose state is a C++ object `State` (default-constructed by Initialize, destroyed
// by Destroy). Subclasses reach it with Of(state).
template <typename State>
class StatefulAggregate : public AggregateFunction {
 public:
  static_assert(alignof(State) <= 16, "states are 16-byte aligned");
  size_t state_size() const override { return sizeof(State); }
  void Initialize(uint8_t* state) const override { new (state) State(); }
  void Destroy(uint8_t* state) const override { std::destroy_at(Of(state)); }

 protected:
  static State* Of(uint8_t* state) { return std::launder(reinterpret_cast<State*>(state)); }
  static const State* Of(const uint8_t* state) {
    return std::launder(reinterpret_cast<const State*>(state));
  }
};

// The C++ types values are read as: uint8_t (Bool), int32_t (Date), int64_t (Int64, DateTime,
// Interval), double (Float64), Int128 (Decimal), Uuid128 (UUID), std::string_view (String,
// JSON) and Value (Array, read boxed: arrays are rare in aggregates and never hot).
template <typename T>
inline constexpr bool kIsFixed = !std::is_same_v<T, std::string_view> && !std::is_same_v<T, Value>;

// Calls fn(T{}) with T the C++ type `type`'s values are read as. Nothing (the type of NULL) reads
// as int64_t: every row of it is NULL, so no value is ever read.
template <typename Fn>
void VisitValueType(const LogicalType& type, Fn&& fn) {
  switch (type.id()) {
    case TypeId::kBool:
      return fn(uint8_t{});
    case TypeId::kDate:
      return fn(int32_t{});
    case TypeId::kInt64:
    case TypeId::kDateTime:
    case TypeId::kInterval:
    case TypeId::kNothing:
      return fn(int64_t{});
    case TypeId::kFloat64:
      return fn(double{});
    case TypeId::kDecimal:
      return fn(Int128{});
    case TypeId::kUuid:
      return fn(Uuid128{});
    case TypeId::kString:
    case TypeId::kJson:
      return fn(std::string_view{});
    case TypeId::kArray:
      return fn(Value{});
  }
}

// Calls fn(T{}) for the numeric types (Bool, Int64, Float64, Decimal) and returns true, or
// returns false for any other type.
template <typename Fn>
bool VisitNumber(TypeId id, Fn&& fn) {
  switch (id) {
    case TypeId::kBool:
      fn(uint8_t{});
      return true;
    case TypeId::kInt64:
    case TypeId::kNothing:
      fn(int64_t{});
      return true;
    case TypeId::kFloat64:
      fn(double{});
      return true;
    case TypeId::kDecimal:
      fn(Int128{});
      return true;
    default:
      return false;
  }
}

inline bool IsNumber(TypeId id) {
  return id == TypeId::kBool || id == TypeId::kInt64 || id == TypeId::kFloat64 ||
         id == TypeId::kDecimal || id == TypeId::kNothing;
}

// Reads one argument row by row as T: constants repeat row 0, dictionary strings are decoded
// through their codes. IsNull(row) must be checked before Get(row).
template <typename T>
class ColumnReader {
 public:
  explicit ColumnReader(const KernelArg& arg)
      : vector_(arg.vector),
        step_(arg.constant ? 0 : 1),
        nulls_(arg.vector->has_nulls() ? arg.vector->nulls().data() : nullptr) {
    if constexpr (kIsFixed<T>) {
      data_ = arg.vector->data<T>();
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      if (arg.vector->is_dictionary()) {
        dictionary_ = &arg.vector->dictionary();
        codes_ = arg.vector->codes().data();
      } else {
        chars_ = arg.vector->chars().data();
        offsets_ = arg.vector->offsets().data();
      }
    }
  }

  bool has_nulls() const { return nulls_ != nullptr; }
  bool IsNull(size_t row) const { return nulls_ != nullptr && nulls_[row * step_] != 0; }
  T Get(size_t row) const {
    row *= step_;
    if constexpr (kIsFixed<T>) {
      return data_[row];
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      if (dictionary_ != nullptr) return dictionary_->GetString(codes_[row]);
      return std::string_view(chars_ + offsets_[row], offsets_[row + 1] - offsets_[row]);
    } else {
      return vector_->GetValue(row);
    }
  }

 private:
  const ColumnVector* vector_;
  size_t step_;
  const uint8_t* nulls_;
  const T* data_ = nullptr;
  const ColumnVector* dictionary_ = nullptr;
  const uint32_t* codes_ = nullptr;
  const char* chars_ = nullptr;
  const uint32_t* offsets_ = nullptr;
};

// Calls fn(row, T value) for every non-NULL row in [0, rows) of `arg`, with a plain loop over
// the values when the argument is a flat column without NULLs (the common, vectorizable case).
template <typename T, typename Fn>
void ForEachValue(const KernelArg& arg, size_t rows, Fn&& fn) {
  if constexpr (kIsFixed<T>) {
    if (!arg.constant) {
      const T* data = arg.vector->data<T>();
      if (!arg.vector->has_nulls()) {
        for (size_t row = 0; row < rows; ++row) fn(row, data[row]);
      } else {
        const uint8_t* nulls = arg.vector->nulls().data();
        for (size_t row = 0; row < rows; ++row) {
          if (!nulls[row]) fn(row, data[row]);
        }
      }
      return;
    }
  }
  ColumnReader<T> reader(arg);
  if (arg.constant) {
    if (rows == 0 || reader.IsNull(0)) return;
    const T value = reader.Get(0);
    for (size_t row = 0; row < rows; ++row) fn(row, value);
    return;
  }
  if (!reader.has_nulls()) {
    for (size_t row = 0; row < rows; ++row) fn(row, reader.Get(row));
    return;
  }
  for (size_t row = 0; row < rows; ++row) {
    if (!reader.IsNull(row)) fn(row, reader.Get(row));
  }
}

// Calls fn(row, A a, B b) for every row in which neither argument is NULL.
template <typename A, typename B, typename Fn>
void ForEachPair(const KernelArg& a, const KernelArg& b, size_t rows, Fn&& fn) {
  ColumnReader<A> first(a);
  ColumnReader<B> second(b);
  for (size_t row = 0; row < rows; ++row) {
    if (first.IsNull(row) || second.IsNull(row)) continue;
    fn(row, first.Get(row), second.Get(row));
  }
}

// How a value of read type T is kept in a state: fixed-width values as themselves, strings in a
// std::string (heap beyond the small-string buffer; released with the state), arrays as Value.
template <typename T>
struct Stored {
  using Type = T;
  static void Assign(Type* slot, const T& value) { *slot = value; }
  static bool Less(const T& a, const Type& b) { return a < b; }
  static bool Greater(const T& a, const Type& b) { return b < a; }
  static void Append(ColumnVector* out, const Type& value) { out->Append<T>(value); }
  static size_t HeapBytes(const Type&) { return 0; }
};

template <>
struct Stored<std::string_view> {
  using Type = std::string;
  static void Assign(Type* slot, std::string_view value) { slot->assign(value); }
  static bool Less(std::string_view a, const Type& b) { return a < std::string_view(b); }
  static bool Greater(std::string_view a, const Type& b) { return a > std::string_view(b); }
  static void Append(ColumnVector* out, const Type& value) { out->AppendString(value); }
  static size_t HeapBytes(const Type& value) {
    return value.capacity() > 15 ? value.capacity() + 1 : 0;
  }
};

template <>
struct Stored<Value> {
  using Type = Value;
  static void Assign(Type* slot, const Value& value) { *slot = value; }
  static bool Less(const Value& a, const Type& b) { return a.Compare(b) < 0; }
  static bool Greater(const Value& a, const Type& b) { return a.Compare(b) > 0; }
  static void Append(ColumnVector* out, const Type& value) { out->AppendValue(value); }
  static size_t HeapBytes(const Type& value) {
    return value.is_null() ? 0 : 32 * value.as_array().size();
  }
};

// a < b for two read values of one type.
template <typename T>
bool ValueLess(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, Value>) {
    return a.Compare(b) < 0;
  } else {
    return a < b;
  }
}

// The view of a stored value as read type T (a string_view of a std::string, …).
template <typename T>
T ViewOf(const typename Stored<T>::Type& stored) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return std::string_view(stored);
  } else {
    return stored;
  }
}

// Appends the value an empty state of a non-Nullable result gives (ClickHouse's defaults: 0, '',
// 1970-01-01, the zero UUID, []).
inline void AppendDefault(ColumnVector* out) {
  switch (out->type().id()) {
    case TypeId::kString:
    case TypeId::kJson:
      return out->AppendString({});
    case TypeId::kArray:
      return out->AppendArrayRow(0);
    case TypeId::kNothing:
      return out->AppendNull();
    default:
      out->Resize(out->size() + 1);
  }
}

// 10^exponent for Decimal scales.
inline Int128 PowerOfTen(int exponent) {
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

// A numeric value as double; Decimal values are divided by 10^scale by the caller.
template <typename T>
double ToDouble(T value) {
  return static_cast<double>(value);
}

// Parameters of parametric aggregates (quantile(0.9), groupArray(10)).
Result<double> NumberParam(const Value& param, std::string_view function);
Result<int64_t> CountParam(const Value& param, std::string_view function, int64_t max);

}  // namespace larder::functions
