// Test helpers for the aggregate functions (functions/aggregate/*_test.cpp): columns from
// Values (flat, constant or dictionary-encoded), and RunAggregate, which binds a registered
// aggregate as the binder does and runs it several ways — one UpdateSingle, Update in small
// chunks, and partial states merged — failing when the ways disagree.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "functions/function_registry.h"
#include "functions/kernel.h"

namespace larder::functions::testing {

// One argument: a column, or a constant (one row standing for every row).
struct Arg {
  ColumnVector vector;
  bool constant = false;
};

inline Arg Col(const LogicalType& type, const std::vector<Value>& values) {
  bool nulls = false;
  for (const Value& value : values) nulls = nulls || value.is_null();
  Arg arg{ColumnVector(nulls && !type.nullable() ? type.WithNullable(true) : type), false};
  for (const Value& value : values) arg.vector.AppendValue(value);
  return arg;
}

inline Arg Const(const LogicalType& type, const Value& value) {
  return Arg{ConstantVector(value, type), true};
}

// A dictionary-encoded String column (NULL values allowed).
inline Arg DictCol(const std::vector<Value>& values) {
  auto dictionary = std::make_shared<ColumnVector>(LogicalType::String());
  std::vector<uint32_t> codes;
  std::vector<std::string> seen;
  bool nulls = false;
  for (const Value& value : values) {
    if (value.is_null()) {
      nulls = true;
      codes.push_back(0);
      continue;
    }
    size_t code = 0;
    while (code < seen.size() && seen[code] != value.as_string()) ++code;
    if (code == seen.size()) {
      seen.push_back(value.as_string());
      dictionary->AppendString(value.as_string());
    }
    codes.push_back(static_cast<uint32_t>(code));
  }
  if (dictionary->size() == 0) dictionary->AppendString("");
  Arg arg{ColumnVector::MakeDictionary(LogicalType::String().WithNullable(nulls),
                                       std::move(dictionary), std::move(codes)),
          false};
  if (nulls) {
    std::vector<uint8_t>* null_map = arg.vector.mutable_nulls();
    for (size_t row = 0; row < values.size(); ++row) (*null_map)[row] = values[row].is_null();
  }
  return arg;
}

// Values equal, counting NaN equal to NaN and floats equal to 12 significant digits (partial
// states merged in another order may round differently), also inside arrays.
inline bool SameValue(const Value& a, const Value& b) {
  const auto* x = std::get_if<double>(&a.storage());
  const auto* y = std::get_if<double>(&b.storage());
  if (x && y) {
    if (std::isnan(*x) || std::isnan(*y)) return std::isnan(*x) && std::isnan(*y);
    return *x == *y || std::abs(*x - *y) <= 1e-12 * std::max(std::abs(*x), std::abs(*y));
  }
  const auto* xs = std::get_if<std::vector<Value>>(&a.storage());
  const auto* ys = std::get_if<std::vector<Value>>(&b.storage());
  if (xs && ys) {
    if (xs->size() != ys->size()) return false;
    for (size_t i = 0; i < xs->size(); ++i) {
      if (!SameValue((*xs)[i], (*ys)[i])) return false;
    }
    return true;
  }
  return a == b;
}

// A state in 16-byte aligned memory, destroyed with the box.
class StateBox {
 public:
  explicit StateBox(const AggregateFunction* function)
      : function_(function), memory_(function->state_size() / sizeof(std::max_align_t) + 1) {
    function_->Initialize(state());
  }
  ~StateBox() { function_->Destroy(state()); }
  StateBox(const StateBox&) = delete;
  StateBox& operator=(const StateBox&) = delete;
  uint8_t* state() { return reinterpret_cast<uint8_t*>(memory_.data()); }

 private:
  const AggregateFunction* function_;
  std::vector<std::max_align_t> memory_;
};

// Rows [start, start + count) of the arguments, as a call (slices are owned by `storage`).
inline KernelCall Slice(const std::vector<Arg>& args, size_t start, size_t count,
                        std::vector<ColumnVector>* storage) {
  storage->clear();
  storage->reserve(args.size());
  KernelCall call;
  call.rows = count;
  for (const Arg& arg : args) {
    if (arg.constant) {
      call.args.push_back(KernelArg{&arg.vector, true});
      continue;
    }
    const ColumnVector& vector = arg.vector;
    if (vector.is_dictionary()) {
      std::vector<uint32_t> codes(vector.codes().begin() + static_cast<ptrdiff_t>(start),
                                  vector.codes().begin() + static_cast<ptrdiff_t>(start + count));
      storage->push_back(ColumnVector::MakeDictionary(
          vector.type(), std::make_shared<ColumnVector>(vector.dictionary().Clone()),
          std::move(codes)));
      if (vector.has_nulls()) {
        std::vector<uint8_t>* nulls = storage->back().mutable_nulls();
        for (size_t i = 0; i < count; ++i) (*nulls)[i] = vector.nulls()[start + i];
      }
    } else {
      ColumnVector slice(vector.type());
      slice.AppendRange(vector, start, count);
      storage->push_back(std::move(slice));
    }
    call.args.push_back(KernelArg{&storage->back(), false});
  }
  return call;
}

inline const FunctionRegistry& Registry() {
  static const FunctionRegistry registry = BuiltinFunctions();
  return registry;
}

struct Bound {
  LogicalType type;
  std::unique_ptr<AggregateFunction> function;
};

// Binds `name` to the arguments' types as the binder does.
inline Result<Bound> Bind(const std::string& name, const std::vector<Value>& params,
                          const std::vector<LogicalType>& types) {
  const FunctionInfo* info = Registry().Find(name);
  if (info == nullptr || info->kind != FunctionKind::kAggregate) {
    return NotFound("no aggregate {}", name);
  }
  if (!info->aggregate) return NotImplemented("{} has no implementation", name);
  LARDER_ASSIGN_OR_RETURN(LogicalType type, info->return_type(types));
  LARDER_ASSIGN_OR_RETURN(std::unique_ptr<AggregateFunction> function,
                          info->aggregate(types, params, type));
  return Bound{type, std::move(function)};
}

inline Result<Value> FinalValue(const Bound& bound, const uint8_t* state) {
  ColumnVector out(bound.type);
  LARDER_RETURN_IF_ERROR(bound.function->Finalize(state, &out));
  if (out.size() != 1) return Internal("Finalize appended {} rows", out.size());
  return out.GetValue(0);
}

struct Outcome {
  LogicalType type;
  Value value;
};

// Runs `name` over `rows` rows of `args` (rows defaults to the first column's length) three
// ways: UpdateSingle over all rows; Update in chunks of 3 rows; and two partial states (chunks
// of 2 via UpdateSingle, then chunks of 5 via Update) merged into a fresh one. Fails when the
// ways disagree.
inline Result<Outcome> RunAggregate(const std::string& name, const std::vector<Value>& params,
                                    const std::vector<Arg>& args, size_t rows = SIZE_MAX) {
  if (rows == SIZE_MAX) {
    rows = 0;
    for (const Arg& arg : args) {
      if (!arg.constant) rows = arg.vector.size();
    }
  }
  std::vector<LogicalType> types;
  for (const Arg& arg : args) types.push_back(arg.vector.type());
  LARDER_ASSIGN_OR_RETURN(Bound bound, Bind(name, params, types));
  const AggregateFunction& function = *bound.function;
  std::vector<ColumnVector> storage;

  StateBox single(&function);
  LARDER_RETURN_IF_ERROR(function.UpdateSingle(Slice(args, 0, rows, &storage), single.state()));
  LARDER_ASSIGN_OR_RETURN(Value one_pass, FinalValue(bound, single.state()));

  StateBox chunked(&function);
  for (size_t start = 0; start < rows; start += 3) {
    size_t count = std::min<size_t>(3, rows - start);
    std::vector<uint8_t*> states(count, chunked.state());
    LARDER_RETURN_IF_ERROR(function.Update(Slice(args, start, count, &storage), states.data()));
  }
  LARDER_ASSIGN_OR_RETURN(Value in_chunks, FinalValue(bound, chunked.state()));

  StateBox first(&function), second(&function), merged(&function);
  size_t half = rows / 2;
  for (size_t start = 0; start < half; start += 2) {
    size_t count = std::min<size_t>(2, half - start);
    LARDER_RETURN_IF_ERROR(
        function.UpdateSingle(Slice(args, start, count, &storage), first.state()));
  }
  for (size_t start = half; start < rows; start += 5) {
    size_t count = std::min<size_t>(5, rows - start);
    std::vector<uint8_t*> states(count, second.state());
    LARDER_RETURN_IF_ERROR(function.Update(Slice(args, start, count, &storage), states.data()));
  }
  function.Merge(first.state(), merged.state());
  function.Merge(second.state(), merged.state());
  LARDER_ASSIGN_OR_RETURN(Value from_parts, FinalValue(bound, merged.state()));

  if (!SameValue(one_pass, in_chunks) || !SameValue(one_pass, from_parts)) {
    return Internal("{}: one pass gives {}, chunks {}, merged parts {}", name,
                    one_pass.ToString(bound.type), in_chunks.ToString(bound.type),
                    from_parts.ToString(bound.type));
  }
  return Outcome{bound.type, one_pass};
}

// Runs `name` with rows spread over groups (groups[row] < group_count): Update in chunks of 4
// with one state per group, and again as two partial halves merged; fails when they disagree.
inline Result<std::vector<Value>> RunGrouped(const std::string& name,
                                             const std::vector<Value>& params,
                                             const std::vector<Arg>& args,
                                             const std::vector<size_t>& groups,
                                             size_t group_count) {
  size_t rows = groups.size();
  std::vector<LogicalType> types;
  for (const Arg& arg : args) types.push_back(arg.vector.type());
  LARDER_ASSIGN_OR_RETURN(Bound bound, Bind(name, params, types));
  const AggregateFunction& function = *bound.function;
  std::vector<ColumnVector> storage;
  auto make_states = [&](size_t count) {
    std::vector<std::unique_ptr<StateBox>> boxes;
    for (size_t i = 0; i < count; ++i) boxes.push_back(std::make_unique<StateBox>(&function));
    return boxes;
  };
  auto update = [&](std::vector<std::unique_ptr<StateBox>>& boxes, size_t begin,
                    size_t end) -> Status {
    for (size_t start = begin; start < end; start += 4) {
      size_t count = std::min<size_t>(4, end - start);
      std::vector<uint8_t*> states;
      for (size_t row = start; row < start + count; ++row) {
        states.push_back(boxes[groups[row]]->state());
      }
      LARDER_RETURN_IF_ERROR(function.Update(Slice(args, start, count, &storage), states.data()));
    }
    return Status::OK();
  };
  auto whole = make_states(group_count);
  LARDER_RETURN_IF_ERROR(update(whole, 0, rows));
  auto first = make_states(group_count), second = make_states(group_count);
  LARDER_RETURN_IF_ERROR(update(first, 0, rows / 2));
  LARDER_RETURN_IF_ERROR(update(second, rows / 2, rows));
  std::vector<Value> results;
  for (size_t group = 0; group < group_count; ++group) {
    function.Merge(second[group]->state(), first[group]->state());
    LARDER_ASSIGN_OR_RETURN(Value value, FinalValue(bound, whole[group]->state()));
    LARDER_ASSIGN_OR_RETURN(Value merged, FinalValue(bound, first[group]->state()));
    if (!SameValue(value, merged)) {
      return Internal("{}: group {} gives {} in one pass but {} from merged halves", name, group,
                      value.ToString(bound.type), merged.ToString(bound.type));
    }
    results.push_back(value);
  }
  return results;
}

inline Value I(int64_t v) { return Value::Int64(v); }
inline Value F(double v) { return Value::Float64(v); }
inline Value S(std::string v) { return Value::String(std::move(v)); }
inline Value B(bool v) { return Value::Bool(v); }
inline Value D(Int128 v) { return Value::Decimal(v); }
inline Value N() { return Value::Null(); }
inline Value A(std::vector<Value> v) { return Value::Array(std::move(v)); }

// A column described by its values, for tables of cases (Arg itself is move-only).
enum class Shape { kFlat, kConstant, kDictionary };
struct Column {
  LogicalType type;
  std::vector<Value> values;
  Shape shape = Shape::kFlat;
};

inline Arg MakeArg(const Column& column) {
  switch (column.shape) {
    case Shape::kConstant:
      return Const(column.type, column.values.at(0));
    case Shape::kDictionary:
      return DictCol(column.values);
    case Shape::kFlat:
      break;
  }
  return Col(column.type, column.values);
}

inline Column Ints(std::vector<Value> values) { return {LogicalType::Int64(), std::move(values)}; }
inline Column Floats(std::vector<Value> values) {
  return {LogicalType::Float64(), std::move(values)};
}
inline Column Strings(std::vector<Value> values) {
  return {LogicalType::String(), std::move(values)};
}
inline Column Dict(std::vector<Value> values) {
  return {LogicalType::String(), std::move(values), Shape::kDictionary};
}
inline Column Bools(std::vector<Value> values) { return {LogicalType::Bool(), std::move(values)}; }
inline Column Constant(LogicalType type, Value value) {
  return {std::move(type), {std::move(value)}, Shape::kConstant};
}
inline Column NullableInts(std::vector<Value> values) {
  return {LogicalType::Int64().WithNullable(true), std::move(values)};
}

// One row of a table of aggregate tests.
struct AggregateCase {
  std::string function;
  std::vector<Value> params;
  std::vector<Column> columns;
  Value expected;
  std::string type;        // The result type, e.g. "Nullable(Int64)"; not checked when empty.
  size_t rows = SIZE_MAX;  // Needed only when every column is constant (or there are none).
};

inline std::string Describe(const AggregateCase& c) {
  std::string text = c.function + "(";
  for (size_t i = 0; i < c.columns.size(); ++i) {
    if (i > 0) text += ", ";
    text += c.columns[i].type.ToString();
  }
  return text + ")";
}

inline void CheckCases(const std::vector<AggregateCase>& cases) {
  for (const AggregateCase& c : cases) {
    SCOPED_TRACE(Describe(c));
    std::vector<Arg> args;
    for (const Column& column : c.columns) args.push_back(MakeArg(column));
    Result<Outcome> outcome = RunAggregate(c.function, c.params, args, c.rows);
    ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
    if (!c.type.empty()) {
      EXPECT_EQ(outcome->type.ToString(), c.type);
    }
    EXPECT_TRUE(SameValue(outcome->value, c.expected))
        << "got " << outcome->value.ToString(outcome->type) << ", expected "
        << c.expected.ToString(outcome->type);
  }
}

// The error binding or running `function` gives (empty when it succeeds).
inline std::string ErrorOf(const std::string& function, const std::vector<Value>& params,
                           const std::vector<Column>& columns) {
  std::vector<Arg> args;
  for (const Column& column : columns) args.push_back(MakeArg(column));
  Result<Outcome> outcome = RunAggregate(function, params, args);
  return outcome.ok() ? "" : outcome.status().message();
}

}  // namespace larder::functions::testing
