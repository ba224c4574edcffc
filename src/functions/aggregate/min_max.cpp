// min, max, any, anyLast, argMin, argMax over every type (numbers, dates, UUIDs, strings, arrays).
// Choices, following ClickHouse:
// - The result has the argument's type; a group without rows gives the type's default (0, '',
//   1970-01-01, []), or NULL when the argument is Nullable (ClickHouse's Nullable(T) result).
// - any is the first non-NULL value met, anyLast the last; which row is "first" across threads
//   depends on how rows were split, as in ClickHouse.
// - min and max compare strings bytewise and arrays element by element; a NaN never replaces a
//   value (comparisons with NaN are false), as in ClickHouse.
// - argMin(a, v) / argMax(a, v): a at the first row with the least / greatest v; rows where a or
//   v is NULL are skipped (ClickHouse's rule for aggregates of several arguments).
// Strings and arrays in a state live on the heap (std::string) and are released by Destroy.
#include "common/coding.h"
#include "functions/aggregate/aggregate_helpers.h"
#include "functions/aggregate/aggregate_spec.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

using FunctionPtr = std::unique_ptr<AggregateFunction>;

enum class Pick { kMin, kMax, kFirst, kLast };

template <typename T>
struct PickState {
  typename Stored<T>::Type value{};
  bool has = false;
};

// Whether `value` should replace what a state holds (`has`: it holds something).
template <typename T, Pick pick>
bool Replaces(const T& value, const typename Stored<T>::Type& held, bool has) {
  if (!has) return true;
  if constexpr (pick == Pick::kMin) return Stored<T>::Less(value, held);
  if constexpr (pick == Pick::kMax) return Stored<T>::Greater(value, held);
  return pick == Pick::kLast;
}

template <typename T, Pick pick>
class PickAggregate : public StatefulAggregate<PickState<T>> {
  using Base = StatefulAggregate<PickState<T>>;

 public:
  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    ForEachValue<T>(call.args[0], call.rows, [&](size_t row, const T& value) {
      PickState<T>* state = Base::Of(states[row]);
      if (Replaces<T, pick>(value, state->value, state->has)) {
        Stored<T>::Assign(&state->value, value);
        state->has = true;
      }
    });
    return Status::OK();
  }

  // Finds the chunk's pick first (strings stay views into the chunk), then stores it once.
  Status UpdateSingle(const KernelCall& call, uint8_t* state_bytes) const override {
    PickState<T>* state = Base::Of(state_bytes);
    const KernelArg& arg = call.args[0];
    ColumnReader<T> reader(arg);
    if constexpr (pick == Pick::kFirst || pick == Pick::kLast) {
      if (pick == Pick::kFirst && state->has) return Status::OK();
      for (size_t i = 0; i < call.rows; ++i) {
        size_t row = pick == Pick::kFirst ? i : call.rows - 1 - i;
        if (reader.IsNull(row)) continue;
        Stored<T>::Assign(&state->value, reader.Get(row));
        state->has = true;
        break;
      }
    } else {
      bool found = false;
      T best{};
      if constexpr (std::is_arithmetic_v<T>) {
        // A flat column without NULLs: a branch-free loop the compiler vectorizes.
        if (!arg.constant && !arg.vector->has_nulls() && call.rows > 0) {
          const T* data = arg.vector->data<T>();
          best = data[0];
          for (size_t row = 1; row < call.rows; ++row) {
            if constexpr (pick == Pick::kMin) {
              best = data[row] < best ? data[row] : best;
            } else {
              best = best < data[row] ? data[row] : best;
            }
          }
          found = true;
        }
      }
      if (!found) {
        ForEachValue<T>(arg, call.rows, [&](size_t, const T& value) {
          if (!found) {
            best = value;
            found = true;
          } else if constexpr (pick == Pick::kMin) {
            if (ValueLess(value, best)) best = value;
          } else {
            if (ValueLess(best, value)) best = value;
          }
        });
      }
      if (found && Replaces<T, pick>(best, state->value, state->has)) {
        Stored<T>::Assign(&state->value, best);
        state->has = true;
      }
    }
    return Status::OK();
  }

  void Merge(const uint8_t* source_bytes, uint8_t* target_bytes) const override {
    const PickState<T>* source = Base::Of(source_bytes);
    PickState<T>* target = Base::Of(target_bytes);
    if (!source->has) return;
    bool replace = pick == Pick::kFirst
                       ? !target->has
                       : Replaces<T, pick>(ViewOf<T>(source->value), target->value, target->has);
    if (replace) {
      target->value = source->value;
      target->has = true;
    }
  }

  Status Finalize(const uint8_t* state_bytes, ColumnVector* out) const override {
    const PickState<T>* state = Base::Of(state_bytes);
    if (state->has) {
      Stored<T>::Append(out, state->value);
    } else {
      AppendDefault(out);
    }
    return Status::OK();
  }

  size_t HeapBytes(const uint8_t* state) const override {
    return Stored<T>::HeapBytes(Base::Of(state)->value);
  }
};

// A copy of one value of any type, for argMin / argMax's first argument: fixed-width values as
// bytes, strings as themselves, arrays serialized (common/coding.h).
struct HeldValue {
  alignas(16) uint8_t fixed[16] = {};
  std::string bytes;
};

class ValueHolder {
 public:
  explicit ValueHolder(LogicalType type) : type_(std::move(type)), width_(type_.fixed_width()) {}

  void Copy(const KernelArg& arg, size_t row, HeldValue* held) const {
    if (width_ > 0) {
      const auto* data = reinterpret_cast<const uint8_t*>(arg.vector->data<uint8_t>());
      std::memcpy(held->fixed, data + arg.Row(row) * width_, width_);
    } else if (type_.is_string_like()) {
      held->bytes.assign(arg.GetString(row));
    } else {
      held->bytes.clear();
      BinaryWriter writer(&held->bytes);
      arg.vector->GetValue(arg.Row(row)).Serialize(&writer);
    }
  }

  Status Append(const HeldValue& held, ColumnVector* out) const {
    if (width_ > 0) {
      VisitValueType(type_, [&](auto tag) {
        using T = decltype(tag);
        if constexpr (kIsFixed<T>) {
          T value;
          std::memcpy(&value, held.fixed, sizeof(T));
          out->Append<T>(value);
        }
      });
      return Status::OK();
    }
    if (type_.is_string_like()) {
      out->AppendString(held.bytes);
      return Status::OK();
    }
    BinaryReader reader(held.bytes, "argMin/argMax state");
    Value value;
    LARDER_RETURN_IF_ERROR(Value::Deserialize(&reader, &value));
    out->AppendValue(value);
    return Status::OK();
  }

 private:
  LogicalType type_;
  size_t width_;
};

template <typename V>
struct ArgPickState {
  typename Stored<V>::Type value{};  // The least / greatest v so far.
  HeldValue arg;                     // a at that row.
  bool has = false;
};

template <typename V, Pick pick>
class ArgPickAggregate : public StatefulAggregate<ArgPickState<V>> {
  using Base = StatefulAggregate<ArgPickState<V>>;

 public:
  explicit ArgPickAggregate(LogicalType arg_type) : holder_(std::move(arg_type)) {}

  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    const KernelArg& arg = call.args[0];
    ColumnReader<V> values(call.args[1]);
    for (size_t row = 0; row < call.rows; ++row) {
      if (arg.IsNull(row) || values.IsNull(row)) continue;
      ArgPickState<V>* state = Base::Of(states[row]);
      V value = values.Get(row);
      if (Replaces<V, pick>(value, state->value, state->has)) {
        Stored<V>::Assign(&state->value, value);
        holder_.Copy(arg, row, &state->arg);
        state->has = true;
      }
    }
    return Status::OK();
  }

  Status UpdateSingle(const KernelCall& call, uint8_t* state_bytes) const override {
    const KernelArg& arg = call.args[0];
    ColumnReader<V> values(call.args[1]);
    bool found = false;
    size_t best_row = 0;
    V best{};
    for (size_t row = 0; row < call.rows; ++row) {
      if (arg.IsNull(row) || values.IsNull(row)) continue;
      V value = values.Get(row);
      bool better =
          !found || (pick == Pick::kMin ? ValueLess(value, best) : ValueLess(best, value));
      if (better) {
        best = value;
        best_row = row;
        found = true;
      }
    }
    ArgPickState<V>* state = Base::Of(state_bytes);
    if (found && Replaces<V, pick>(best, state->value, state->has)) {
      Stored<V>::Assign(&state->value, best);
      holder_.Copy(arg, best_row, &state->arg);
      state->has = true;
    }
    return Status::OK();
  }

  void Merge(const uint8_t* source_bytes, uint8_t* target_bytes) const override {
    const ArgPickState<V>* source = Base::Of(source_bytes);
    ArgPickState<V>* target = Base::Of(target_bytes);
    if (source->has && Replaces<V, pick>(ViewOf<V>(source->value), target->value, target->has)) {
      target->value = source->value;
      target->arg = source->arg;
      target->has = true;
    }
  }

  Status Finalize(const uint8_t* state_bytes, ColumnVector* out) const override {
    const ArgPickState<V>* state = Base::Of(state_bytes);
    if (!state->has) {
      AppendDefault(out);
      return Status::OK();
    }
    return holder_.Append(state->arg, out);
  }

  size_t HeapBytes(const uint8_t* state_bytes) const override {
    const ArgPickState<V>* state = Base::Of(state_bytes);
    return Stored<V>::HeapBytes(state->value) +
           Stored<std::string_view>::HeapBytes(state->arg.bytes);
  }

 private:
  ValueHolder holder_;
};

template <Pick pick>
AggregateSpec PickSpec(std::string name) {
  AggregateSpec spec;
  spec.name = std::move(name);
  spec.rule = SameAsArgument(0);
  spec.factory = FactoryOf(
      [](const std::vector<LogicalType>& args, const std::vector<Value>&) -> Result<FunctionPtr> {
        FunctionPtr function;
        VisitValueType(args[0], [&](auto tag) {
          function = std::make_unique<PickAggregate<decltype(tag), pick>>();
        });
        return function;
      });
  return spec;
}

template <Pick pick>
AggregateSpec ArgPickSpec(std::string name) {
  AggregateSpec spec;
  spec.name = std::move(name);
  spec.min_args = spec.max_args = 2;
  spec.rule = SameAsArgument(0);
  spec.factory = FactoryOf(
      [](const std::vector<LogicalType>& args, const std::vector<Value>&) -> Result<FunctionPtr> {
        FunctionPtr function;
        VisitValueType(args[1], [&](auto tag) {
          function = std::make_unique<ArgPickAggregate<decltype(tag), pick>>(args[0]);
        });
        return function;
      });
  return spec;
}

}  // namespace

std::vector<AggregateSpec> MinMaxAggregates() {
  return {PickSpec<Pick::kMin>("min"),       PickSpec<Pick::kMax>("max"),
          PickSpec<Pick::kFirst>("any"),     PickSpec<Pick::kLast>("anyLast"),
          ArgPickSpec<Pick::kMin>("argMin"), ArgPickSpec<Pick::kMax>("argMax")};
}

}  // namespace larder::functions
