// Combinators (-If, -Distinct, -OrNull, -Array) and NULL handling as generic wrappers. Choices,
// following ClickHouse:
// - A row with a NULL in any argument is skipped (ClickHouse's Null adapter). The result is
//   Nullable when an argument is (sum(Nullable(Int64)) is Nullable(Int64)), and NULL for a group
//   without a row whose arguments are all non-NULL; count and uniq… stay Int64 (0), and array
//   results (groupArray, topK, quantiles) stay arrays ([]), as ClickHouse's cannot be Nullable.
// - -If: only the value arguments decide nullability (sumIf(x, c) with Nullable c is Int64).
// - -OrNull: Nullable result, NULL when no row was aggregated; arrays keep [].
// - nameIfOrNull is If applied outside OrNull, so a group whose rows all fail the condition is
//   NULL (as ClickHouse's avgOrNullIf).
#include "functions/aggregate/combinators.h"

#include <cstddef>

#include "functions/aggregate/aggregate_helpers.h"
#include "functions/aggregate/row_key.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

using FunctionPtr = std::unique_ptr<AggregateFunction>;

// Whether every argument of `row` is non-NULL.
bool RowComplete(const std::vector<KernelArg>& args, size_t row) {
  for (const KernelArg& arg : args) {
    if (arg.IsNull(row)) return false;
  }
  return true;
}

bool AnyNulls(const std::vector<KernelArg>& args) {
  for (const KernelArg& arg : args) {
    if (arg.vector->has_nulls()) return true;
  }
  return false;
}

// Wraps `nested` with a flag byte after its state saying whether a row with all arguments
// non-NULL was seen; Finalize appends NULL when not.
class OrNullAggregate : public AggregateFunction {
 public:
  explicit OrNullAggregate(FunctionPtr nested)
      : nested_(std::move(nested)), flag_(nested_->state_size()) {}

  size_t state_size() const override { return flag_ + 1; }
  void Initialize(uint8_t* state) const override {
    nested_->Initialize(state);
    state[flag_] = 0;
  }
  void Destroy(uint8_t* state) const override { nested_->Destroy(state); }
  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    LARDER_RETURN_IF_ERROR(nested_->Update(call, states));
    bool nulls = AnyNulls(call.args);
    for (size_t row = 0; row < call.rows; ++row) {
      if (!nulls || RowComplete(call.args, row)) states[row][flag_] = 1;
    }
    return Status::OK();
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state) const override {
    LARDER_RETURN_IF_ERROR(nested_->UpdateSingle(call, state));
    if (state[flag_] || call.rows == 0) return Status::OK();
    bool nulls = AnyNulls(call.args);
    for (size_t row = 0; row < call.rows; ++row) {
      if (!nulls || RowComplete(call.args, row)) {
        state[flag_] = 1;
        break;
      }
    }
    return Status::OK();
  }
  void Merge(const uint8_t* source, uint8_t* target) const override {
    nested_->Merge(source, target);
    target[flag_] |= source[flag_];
  }
  Status Finalize(const uint8_t* state, ColumnVector* out) const override {
    if (!state[flag_]) {
      out->AppendNull();
      return Status::OK();
    }
    return nested_->Finalize(state, out);
  }
  size_t HeapBytes(const uint8_t* state) const override { return nested_->HeapBytes(state); }

 private:
  FunctionPtr nested_;
  size_t flag_;  // Offset of the flag byte.
};

// An aggregate over an argument of type Nothing: every row is NULL, so no row is fed; the result
// is NULL or what `nested` gives for no rows (0 for count, [] for groupArray).
class EmptyInputAggregate : public AggregateFunction {
 public:
  EmptyInputAggregate(FunctionPtr nested, bool null_result)
      : nested_(std::move(nested)), null_result_(null_result) {}

  size_t state_size() const override { return nested_->state_size(); }
  void Initialize(uint8_t* state) const override { nested_->Initialize(state); }
  void Destroy(uint8_t* state) const override { nested_->Destroy(state); }
  Status Update(const KernelCall&, uint8_t* const*) const override { return Status::OK(); }
  Status UpdateSingle(const KernelCall&, uint8_t*) const override { return Status::OK(); }
  void Merge(const uint8_t* source, uint8_t* target) const override {
    nested_->Merge(source, target);
  }
  Status Finalize(const uint8_t* state, ColumnVector* out) const override {
    if (null_result_) {
      out->AppendNull();
      return Status::OK();
    }
    return nested_->Finalize(state, out);
  }

 private:
  FunctionPtr nested_;
  bool null_result_;
};

// Arguments narrowed to some rows (owned copies; constants stay as they are).
struct SelectedRows {
  std::vector<ColumnVector> vectors;
  KernelCall call;
};

void SelectRows(const KernelCall& call, size_t arg_count, const std::vector<uint32_t>& rows,
                SelectedRows* out) {
  out->vectors.clear();
  out->vectors.reserve(arg_count);  // No reallocation: call.args point into it.
  out->call = KernelCall{{}, rows.size(), call.result_type, call.context};
  for (size_t arg_idx = 0; arg_idx < arg_count; ++arg_idx) {
    const KernelArg& arg = call.args[arg_idx];
    if (!arg.constant) out->vectors.push_back(arg.vector->Take(rows));
  }
  size_t vector_idx = 0;
  for (size_t arg_idx = 0; arg_idx < arg_count; ++arg_idx) {
    const KernelArg& arg = call.args[arg_idx];
    out->call.args.push_back(arg.constant ? arg : KernelArg{&out->vectors[vector_idx++], false});
  }
}

// The rows whose condition (a Bool or Int64 argument; NULL is false) holds.
void ChosenRows(const KernelArg& condition, size_t rows, std::vector<uint32_t>* chosen) {
  chosen->clear();
  TypeId id = condition.type().id();
  if (id == TypeId::kNothing) return;
  auto choose = [&](auto tag) {
    using T = decltype(tag);
    // Every row is written and the count advanced only for true ones: no branch per row.
    chosen->resize(rows);
    uint32_t* out = chosen->data();
    size_t count = 0;
    if (!condition.constant && !condition.vector->has_nulls()) {
      const T* values = condition.vector->data<T>();
      for (size_t row = 0; row < rows; ++row) {
        out[count] = static_cast<uint32_t>(row);
        count += values[row] != 0;
      }
    } else {
      ForEachValue<T>(condition, rows, [&](size_t row, T value) {
        out[count] = static_cast<uint32_t>(row);
        count += value != 0;
      });
    }
    chosen->resize(count);
  };
  if (id == TypeId::kBool) {
    choose(uint8_t{});
  } else {
    choose(int64_t{});
  }
}

class IfAggregate : public AggregateFunction {
 public:
  IfAggregate(FunctionPtr nested, size_t value_args)
      : nested_(std::move(nested)), value_args_(value_args) {}

  size_t state_size() const override { return nested_->state_size(); }
  void Initialize(uint8_t* state) const override { nested_->Initialize(state); }
  void Destroy(uint8_t* state) const override { nested_->Destroy(state); }
  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    std::vector<uint32_t> chosen;
    ChosenRows(call.args[value_args_], call.rows, &chosen);
    if (chosen.empty()) return Status::OK();
    if (chosen.size() == call.rows) return nested_->Update(ValueArgs(call), states);
    SelectedRows selected;
    SelectRows(call, value_args_, chosen, &selected);
    std::vector<uint8_t*> chosen_states(chosen.size());
    for (size_t i = 0; i < chosen.size(); ++i) chosen_states[i] = states[chosen[i]];
    return nested_->Update(selected.call, chosen_states.data());
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state) const override {
    std::vector<uint32_t> chosen;
    ChosenRows(call.args[value_args_], call.rows, &chosen);
    if (chosen.empty()) return Status::OK();
    if (chosen.size() == call.rows) return nested_->UpdateSingle(ValueArgs(call), state);
    SelectedRows selected;
    SelectRows(call, value_args_, chosen, &selected);
    return nested_->UpdateSingle(selected.call, state);
  }
  void Merge(const uint8_t* source, uint8_t* target) const override {
    nested_->Merge(source, target);
  }
  Status Finalize(const uint8_t* state, ColumnVector* out) const override {
    return nested_->Finalize(state, out);
  }
  size_t HeapBytes(const uint8_t* state) const override { return nested_->HeapBytes(state); }

 private:
  KernelCall ValueArgs(const KernelCall& call) const {
    KernelCall values = call;
    values.args.resize(value_args_);
    return values;
  }

  FunctionPtr nested_;
  size_t value_args_;
};

// The elements of the array arguments of a call, as a call of their own.
struct Elements {
  std::vector<ColumnVector> copies;
  KernelCall call;
  std::vector<uint32_t> sizes;  // Elements per input row.
};

Status ExpandArrays(const KernelCall& call, std::string_view name, Elements* out) {
  out->copies.clear();
  out->copies.reserve(call.args.size());
  out->call = KernelCall{{}, 0, call.result_type, call.context};
  out->sizes.assign(call.rows, 0);
  for (size_t arg_idx = 0; arg_idx < call.args.size(); ++arg_idx) {
    const KernelArg& arg = call.args[arg_idx];
    const ColumnVector& vector = *arg.vector;
    const uint32_t* offsets = vector.offsets().data();
    const ColumnVector* elements = &vector.child();
    size_t total = 0;
    if (arg.constant) {
      uint32_t size = offsets[1] - offsets[0];
      ColumnVector repeated(vector.child().type());
      for (size_t row = 0; row < call.rows; ++row) {
        repeated.AppendRange(vector.child(), offsets[0], size);
      }
      out->copies.push_back(std::move(repeated));
      elements = &out->copies.back();
      total = size * call.rows;
    } else {
      total = offsets[call.rows] - offsets[0];
      if (offsets[0] != 0) {
        ColumnVector slice(vector.child().type());
        slice.AppendRange(vector.child(), offsets[0], total);
        out->copies.push_back(std::move(slice));
        elements = &out->copies.back();
      }
    }
    for (size_t row = 0; row < call.rows; ++row) {
      uint32_t size = arg.constant ? offsets[1] - offsets[0] : offsets[row + 1] - offsets[row];
      if (arg_idx == 0) {
        out->sizes[row] = size;
      } else if (out->sizes[row] != size) {
        return InvalidArgument(
            "{}: the arrays of one row must have equal sizes, but one has {} elements and "
            "another {}",
            name, out->sizes[row], size);
      }
    }
    out->call.args.push_back(KernelArg{elements, false});
    out->call.rows = total;
  }
  return Status::OK();
}

class ArrayAggregate : public AggregateFunction {
 public:
  ArrayAggregate(FunctionPtr nested, std::string name)
      : nested_(std::move(nested)), name_(std::move(name)) {}

  size_t state_size() const override { return nested_->state_size(); }
  void Initialize(uint8_t* state) const override { nested_->Initialize(state); }
  void Destroy(uint8_t* state) const override { nested_->Destroy(state); }
  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    Elements elements;
    LARDER_RETURN_IF_ERROR(ExpandArrays(call, name_, &elements));
    std::vector<uint8_t*> element_states;
    element_states.reserve(elements.call.rows);
    for (size_t row = 0; row < call.rows; ++row) {
      element_states.insert(element_states.end(), elements.sizes[row], states[row]);
    }
    return nested_->Update(elements.call, element_states.data());
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state) const override {
    Elements elements;
    LARDER_RETURN_IF_ERROR(ExpandArrays(call, name_, &elements));
    return nested_->UpdateSingle(elements.call, state);
  }
  void Merge(const uint8_t* source, uint8_t* target) const override {
    nested_->Merge(source, target);
  }
  Status Finalize(const uint8_t* state, ColumnVector* out) const override {
    return nested_->Finalize(state, out);
  }
  size_t HeapBytes(const uint8_t* state) const override { return nested_->HeapBytes(state); }

 private:
  FunctionPtr nested_;
  std::string name_;
};

// The distinct rows one -Distinct state has seen, in the order first seen.
struct DistinctRows {
  HashSet<Key128> keys;
  std::vector<Key128> order;
  // The rows themselves, unless keys are the values (one fixed-width argument).
  std::vector<ColumnVector> columns;
};

class DistinctAggregate : public StatefulAggregate<std::unique_ptr<DistinctRows>> {
 public:
  DistinctAggregate(FunctionPtr nested, std::vector<LogicalType> types)
      : nested_(std::move(nested)),
        types_(std::move(types)),
        keys_are_values_(KeysAreValues(types_)) {}

  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    std::vector<Key128> keys;
    std::vector<uint8_t> skip;
    RowKeys(call.args, call.rows, &keys, &skip);
    for (size_t row = 0; row < call.rows; ++row) {
      if (!skip[row]) Add(call, row, keys[row], Of(states[row]));
    }
    return Status::OK();
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state) const override {
    std::vector<Key128> keys;
    std::vector<uint8_t> skip;
    RowKeys(call.args, call.rows, &keys, &skip);
    std::unique_ptr<DistinctRows>* rows = Of(state);
    for (size_t row = 0; row < call.rows; ++row) {
      if (!skip[row]) Add(call, row, keys[row], rows);
    }
    return Status::OK();
  }
  void Merge(const uint8_t* source_state, uint8_t* target_state) const override {
    const DistinctRows* source = Of(source_state)->get();
    if (source == nullptr) return;
    DistinctRows* target = Rows(Of(target_state));
    for (size_t i = 0; i < source->order.size(); ++i) {
      if (!target->keys.Insert(source->order[i])) continue;
      target->order.push_back(source->order[i]);
      for (size_t column_idx = 0; column_idx < target->columns.size(); ++column_idx) {
        target->columns[column_idx].AppendRange(source->columns[column_idx], i, 1);
      }
    }
  }
  Status Finalize(const uint8_t* state, ColumnVector* out) const override {
    const DistinctRows* rows = Of(state)->get();
    std::vector<ColumnVector> rebuilt;
    const std::vector<ColumnVector>* columns = rows ? &rows->columns : &rebuilt;
    if (rows == nullptr || keys_are_values_) {
      for (const LogicalType& type : types_) rebuilt.emplace_back(type);
      if (rows != nullptr) {
        for (const Key128& key : rows->order) AppendValueFromKey(key, &rebuilt[0]);
      }
      columns = &rebuilt;
    }
    KernelCall call{{}, rows ? rows->order.size() : 0, out->type(), nullptr};
    for (const ColumnVector& column : *columns) call.args.push_back(KernelArg{&column, false});
    // A state of the nested function, on the heap, 16-byte aligned.
    std::vector<std::max_align_t> memory(nested_->state_size() / sizeof(std::max_align_t) + 1);
    auto* nested_state = reinterpret_cast<uint8_t*>(memory.data());
    nested_->Initialize(nested_state);
    Status status = nested_->UpdateSingle(call, nested_state);
    if (status.ok()) status = nested_->Finalize(nested_state, out);
    nested_->Destroy(nested_state);
    return status;
  }
  size_t HeapBytes(const uint8_t* state) const override {
    const DistinctRows* rows = Of(state)->get();
    if (rows == nullptr) return 0;
    size_t bytes =
        sizeof(DistinctRows) + rows->keys.MemoryBytes() + rows->order.capacity() * sizeof(Key128);
    for (const ColumnVector& column : rows->columns) bytes += column.MemoryBytes();
    return bytes;
  }

 private:
  DistinctRows* Rows(std::unique_ptr<DistinctRows>* slot) const {
    if (*slot == nullptr) {
      *slot = std::make_unique<DistinctRows>();
      if (!keys_are_values_) {
        for (const LogicalType& type : types_) (*slot)->columns.emplace_back(type);
      }
    }
    return slot->get();
  }

  void Add(const KernelCall& call, size_t row, const Key128& key,
           std::unique_ptr<DistinctRows>* slot) const {
    DistinctRows* rows = Rows(slot);
    if (!rows->keys.Insert(key)) return;
    rows->order.push_back(key);
    for (size_t column_idx = 0; column_idx < rows->columns.size(); ++column_idx) {
      const KernelArg& arg = call.args[column_idx];
      rows->columns[column_idx].AppendRange(*arg.vector, arg.Row(row), 1);
    }
  }

  FunctionPtr nested_;
  std::vector<LogicalType> types_;
  bool keys_are_values_;
};

bool IsCondition(const LogicalType& type) {
  return type.id() == TypeId::kBool || type.id() == TypeId::kInt64 || type.id() == TypeId::kNothing;
}

// The rule of a NULL-aware aggregate from the spec's rule on non-Nullable argument types.
ReturnTypeRule NullAwareRule(ReturnTypeRule rule, bool never_null, bool or_null) {
  return [rule = std::move(rule), never_null,
          or_null](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    std::vector<LogicalType> stripped;
    bool nullable = false;
    for (const LogicalType& arg : args) {
      nullable = nullable || arg.nullable();
      stripped.push_back(arg.WithNullable(false));
    }
    LARDER_ASSIGN_OR_RETURN(LogicalType type, rule(stripped));
    if (type.id() == TypeId::kArray) return type;
    if (or_null || (nullable && !never_null)) return type.WithNullable(true);
    return type;
  };
}

ReturnTypeRule IfRule(ReturnTypeRule rule, std::string name) {
  return [rule = std::move(rule),
          name = std::move(name)](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    if (args.empty() || !IsCondition(args.back())) {
      return InvalidArgument("the last argument of {} is its condition and must be Bool, not {}",
                             name, args.empty() ? std::string("nothing") : args.back().ToString());
    }
    return rule(std::vector<LogicalType>(args.begin(), args.end() - 1));
  };
}

ReturnTypeRule ArrayRule(ReturnTypeRule rule, std::string name) {
  return [rule = std::move(rule),
          name = std::move(name)](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    std::vector<LogicalType> elements;
    for (const LogicalType& arg : args) {
      if (arg.id() != TypeId::kArray) {
        return InvalidArgument("{} needs Array arguments, not {}", name, arg.ToString());
      }
      elements.push_back(arg.element());
    }
    return rule(elements);
  };
}

}  // namespace

AggregateFactory MakeDistinct(AggregateFactory base) {
  return [base = std::move(base)](const std::vector<LogicalType>& args,
                                  const std::vector<Value>& params,
                                  const LogicalType& result_type) -> Result<FunctionPtr> {
    LARDER_ASSIGN_OR_RETURN(FunctionPtr nested, base(args, params, result_type));
    return FunctionPtr(std::make_unique<DistinctAggregate>(std::move(nested), args));
  };
}

AggregateFactory MakeIf(AggregateFactory base, std::string name) {
  return [base = std::move(base), name = std::move(name)](
             const std::vector<LogicalType>& args, const std::vector<Value>& params,
             const LogicalType& result_type) -> Result<FunctionPtr> {
    if (args.empty() || !IsCondition(args.back())) {
      return InvalidArgument("the last argument of {} is its condition and must be Bool", name);
    }
    std::vector<LogicalType> values(args.begin(), args.end() - 1);
    LARDER_ASSIGN_OR_RETURN(FunctionPtr nested, base(values, params, result_type));
    return FunctionPtr(std::make_unique<IfAggregate>(std::move(nested), values.size()));
  };
}

AggregateFactory MakeArray(AggregateFactory base, std::string name) {
  return [base = std::move(base), name = std::move(name)](
             const std::vector<LogicalType>& args, const std::vector<Value>& params,
             const LogicalType& result_type) -> Result<FunctionPtr> {
    std::vector<LogicalType> elements;
    for (const LogicalType& arg : args) {
      if (arg.id() != TypeId::kArray) {
        return InvalidArgument("{} needs Array arguments, not {}", name, arg.ToString());
      }
      elements.push_back(arg.element());
    }
    LARDER_ASSIGN_OR_RETURN(FunctionPtr nested, base(elements, params, result_type));
    return FunctionPtr(std::make_unique<ArrayAggregate>(std::move(nested), name));
  };
}

AggregateFactory MakeNullAware(AggregateFactory base) {
  return [base = std::move(base)](const std::vector<LogicalType>& args,
                                  const std::vector<Value>& params,
                                  const LogicalType& result_type) -> Result<FunctionPtr> {
    std::vector<LogicalType> stripped;
    bool nothing = false;
    for (const LogicalType& arg : args) {
      nothing = nothing || arg.id() == TypeId::kNothing;
      stripped.push_back(arg.id() == TypeId::kNothing ? LogicalType::Int64()
                                                      : arg.WithNullable(false));
    }
    LARDER_ASSIGN_OR_RETURN(FunctionPtr function,
                            base(stripped, params, result_type.WithNullable(false)));
    if (nothing) {
      return FunctionPtr(
          std::make_unique<EmptyInputAggregate>(std::move(function), result_type.nullable()));
    }
    if (result_type.nullable()) {
      return FunctionPtr(std::make_unique<OrNullAggregate>(std::move(function)));
    }
    return function;
  };
}

void RegisterWithCombinators(FunctionRegistry* registry, const AggregateSpec& spec) {
  const std::string& name = spec.name;
  int if_max_args = spec.max_args < 0 ? -1 : spec.max_args + 1;
  ReturnTypeRule rule = NullAwareRule(spec.rule, spec.never_null, false);
  ReturnTypeRule or_null_rule = NullAwareRule(spec.rule, spec.never_null, true);
  AggregateFactory factory = MakeNullAware(spec.factory);
  auto add = [&](const std::string& full_name, int min_args, int max_args, ReturnTypeRule r,
                 AggregateFactory f) {
    Aggregate(registry, full_name, min_args, max_args, std::move(r), spec.max_params,
              spec.min_params, std::move(f));
  };
  add(name, spec.min_args, spec.max_args, rule, factory);
  add(name + "If", spec.min_args + 1, if_max_args, IfRule(rule, name + "If"),
      MakeIf(factory, name + "If"));
  add(name + "Distinct", spec.min_args, spec.max_args, rule, MakeDistinct(factory));
  add(name + "OrNull", spec.min_args, spec.max_args, or_null_rule, factory);
  add(name + "Array", spec.min_args, spec.max_args, ArrayRule(rule, name + "Array"),
      MakeArray(factory, name + "Array"));
  add(name + "IfOrNull", spec.min_args + 1, if_max_args, IfRule(or_null_rule, name + "IfOrNull"),
      MakeIf(factory, name + "IfOrNull"));
}

}  // namespace larder::functions
