// Unit-test helpers for scalar functions: vectors built from Values, and calling a registered
// function the way the execution engine does (all-constant calls run on one row; kPropagate
// functions get NULLs from their arguments). Test code only: include it from *_test.cpp files.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "functions/function_registry.h"
#include "types/column_vector.h"
#include "types/value.h"

namespace larder::functions::testing {

// A vector of `type` holding `values` (Value::Null() for NULL).
inline ColumnVector MakeVector(const LogicalType& type, const std::vector<Value>& values) {
  ColumnVector vector(type);
  for (const Value& value : values) vector.AppendValue(value);
  return vector;
}

// A dictionary-encoded vector of `type` (String or JSON); nullopt rows are NULL (their codes
// point past the dictionary, as the engine allows).
inline ColumnVector MakeDictionaryVector(const LogicalType& type,
                                         const std::vector<std::optional<std::string>>& values) {
  auto dictionary = std::make_shared<ColumnVector>(type.WithNullable(false));
  std::vector<uint32_t> codes;
  std::vector<std::string> seen;
  for (const auto& value : values) {
    if (!value) {
      codes.push_back(1000000);
      continue;
    }
    size_t code = 0;
    while (code < seen.size() && seen[code] != *value) ++code;
    if (code == seen.size()) {
      seen.push_back(*value);
      dictionary->AppendString(*value);
    }
    codes.push_back(static_cast<uint32_t>(code));
  }
  ColumnVector vector = ColumnVector::MakeDictionary(type, std::move(dictionary), std::move(codes));
  for (size_t row = 0; row < values.size(); ++row) {
    if (!values[row]) (*vector.mutable_nulls())[row] = 1;
  }
  return vector;
}

// One argument of a test call: a column of values, or a constant (one value for every row).
// Copyable (the vector is cloned), so that tables of test cases can hold arguments.
struct TestArg {
  TestArg(ColumnVector vector, bool constant) : vector(std::move(vector)), constant(constant) {}
  TestArg(const TestArg& other) : vector(other.vector.Clone()), constant(other.constant) {}
  TestArg& operator=(const TestArg& other) {
    vector = other.vector.Clone();
    constant = other.constant;
    return *this;
  }
  TestArg(TestArg&&) = default;
  TestArg& operator=(TestArg&&) = default;

  ColumnVector vector;
  bool constant = false;
};

inline TestArg Col(const LogicalType& type, const std::vector<Value>& values) {
  return TestArg(MakeVector(type, values), false);
}
inline TestArg Const(const LogicalType& type, const Value& value) {
  return TestArg(MakeVector(value.is_null() ? type.WithNullable(true) : type, {value}), true);
}
// A dictionary-encoded String or JSON column (see MakeDictionaryVector).
inline TestArg DictCol(const LogicalType& type,
                       const std::vector<std::optional<std::string>>& values) {
  return TestArg(MakeDictionaryVector(type, values), false);
}
// The literal NULL (type Nothing).
inline TestArg NullConst() { return Const(LogicalType::Nothing(), Value::Null()); }

// The result type `name` has for `args`, as the binder computes it.
inline Result<LogicalType> ResultType(const FunctionRegistry& registry, std::string_view name,
                                      const std::vector<LogicalType>& args) {
  const FunctionInfo* function = registry.Find(name);
  if (!function) return NotFound("no function {}", name);
  return function->return_type(args);
}

// Binds `name` to the arguments' types and runs its kernel as the engine does: on one row when
// every argument is constant, else on as many rows as the column arguments have.
inline Result<ColumnVector> CallFunction(const FunctionRegistry& registry, std::string_view name,
                                         const std::vector<TestArg>& args,
                                         const EvalContext& context = {}) {
  const FunctionInfo* function = registry.Find(name);
  if (!function) return NotFound("no function {}", name);
  if (!function->kernel) return NotImplemented("function {} has no kernel", name);
  std::vector<LogicalType> types;
  for (const TestArg& arg : args) types.push_back(arg.vector.type());
  LARDER_ASSIGN_OR_RETURN(LogicalType type, function->return_type(types));
  if (function->constant_type) {
    std::vector<Value> values;
    for (const TestArg& arg : args)
      values.push_back(arg.constant ? arg.vector.GetValue(0) : Value());
    std::vector<const Value*> constants;
    for (size_t i = 0; i < args.size(); ++i) {
      constants.push_back(args[i].constant ? &values[i] : nullptr);
    }
    LARDER_ASSIGN_OR_RETURN(type, function->constant_type(type, constants));
  }
  size_t rows = 1;
  for (const TestArg& arg : args) {
    if (!arg.constant) rows = arg.vector.size();
  }
  const bool propagate = function->nulls == NullHandling::kPropagate;
  ColumnVector result(type);
  if (propagate) {
    for (const TestArg& arg : args) {
      if (arg.constant && arg.vector.IsNull(0)) {
        result = ColumnVector(type.WithNullable(true));
        for (size_t row = 0; row < rows; ++row) result.AppendNull();
        return result;
      }
    }
  }
  KernelCall call{{}, rows, type, &context};
  for (const TestArg& arg : args) call.args.push_back({&arg.vector, arg.constant});
  LARDER_RETURN_IF_ERROR(function->kernel(call, &result));
  if (result.size() != rows) {
    return Internal("{} returned {} rows for {}", name, result.size(), rows);
  }
  if (propagate) {
    for (const TestArg& arg : args) {
      if (arg.constant || !arg.vector.has_nulls()) continue;
      std::vector<uint8_t>& nulls = *result.mutable_nulls();
      for (size_t row = 0; row < rows; ++row) nulls[row] |= arg.vector.nulls()[row];
    }
  }
  return result;
}

// One value as text: NULL, numbers and dates as the CLI prints them, strings in single quotes,
// arrays as [a,b] (so that [] and [''] differ).
inline std::string Render(const Value& value, const LogicalType& type) {
  if (value.is_null()) return "NULL";
  if (type.is_string_like()) return "'" + value.as_string() + "'";
  if (type.id() != TypeId::kArray) return value.ToString(type);
  std::string text = "[";
  for (size_t i = 0; i < value.as_array().size(); ++i) {
    if (i > 0) text += ",";
    text += Render(value.as_array()[i], type.element());
  }
  return text + "]";
}

// Every row of `vector`, rendered.
inline std::vector<std::string> Render(const ColumnVector& vector) {
  std::vector<std::string> rows;
  for (size_t row = 0; row < vector.size(); ++row) {
    rows.push_back(Render(vector.GetValue(row), vector.type()));
  }
  return rows;
}

// Short spellings for test tables; opt in with `using namespace testing::values;`.
namespace values {
inline Value I(int64_t v) { return Value::Int64(v); }
inline Value F(double v) { return Value::Float64(v); }
inline Value S(std::string v) { return Value::String(std::move(v)); }
inline Value B(bool v) { return Value::Bool(v); }
inline Value N() { return Value::Null(); }
inline Value A(std::vector<Value> v) { return Value::Array(std::move(v)); }
inline LogicalType Nullable(const LogicalType& type) { return type.WithNullable(true); }
inline LogicalType ArrayOf(const LogicalType& type) { return LogicalType::Array(type); }
}  // namespace values

// One row of a table-driven function test: `function` applied to `args` gives a vector of
// type `type` (as LogicalType::ToString prints it) whose rows render as `rows`.
struct FunctionCase {
  std::string function;
  std::vector<TestArg> args;
  std::string type;
  std::vector<std::string> rows;
};

// "f(1 | 'a', [1,2])": a case's call with its arguments' rows, for failure messages.
inline std::string DescribeCall(const std::string& function, const std::vector<TestArg>& args) {
  std::string text = function + "(";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) text += ", ";
    std::vector<std::string> rows = Render(args[i].vector);
    for (size_t row = 0; row < rows.size(); ++row) text += (row > 0 ? " | " : "") + rows[row];
    if (args[i].constant) text += " (constant)";
  }
  return text + ")";
}

// Checks every case's result type and rows.
inline void ExpectCases(const FunctionRegistry& registry, const std::vector<FunctionCase>& cases,
                        const EvalContext& context = {}) {
  for (const FunctionCase& c : cases) {
    SCOPED_TRACE(DescribeCall(c.function, c.args));
    auto result = CallFunction(registry, c.function, c.args, context);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->type().ToString(), c.type);
    EXPECT_EQ(Render(*result), c.rows);
  }
}

// A call that fails, at bind time or while running, with a message containing `message`.
struct FunctionErrorCase {
  std::string function;
  std::vector<TestArg> args;
  std::string message;
};

inline void ExpectErrors(const FunctionRegistry& registry,
                         const std::vector<FunctionErrorCase>& cases) {
  for (const FunctionErrorCase& c : cases) {
    SCOPED_TRACE(DescribeCall(c.function, c.args));
    auto result = CallFunction(registry, c.function, c.args);
    ASSERT_FALSE(result.ok()) << "returned " << ::testing::PrintToString(Render(*result));
    EXPECT_NE(result.status().message().find(c.message), std::string::npos)
        << result.status().message();
  }
}

}  // namespace larder::functions::testing
