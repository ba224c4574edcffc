// FunctionRegistry: every function HogQL can call — scalar, aggregate and window — with its
// argument count and how its result type follows from its argument types (ClickHouse's rules).
// The binder resolves names against it; the execution engine attaches kernels to the same
// entries. One registry is built by main() or a test and passed in (no global).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "functions/kernel.h"
#include "types/logical_type.h"
#include "types/value.h"

namespace larder::functions {

enum class FunctionKind { kScalar, kAggregate, kWindow };

// Computes the result type from the argument types, or explains why they do not fit.
using ReturnTypeRule = std::function<Result<LogicalType>(const std::vector<LogicalType>& args)>;
// Refines the type return_type gave from the arguments that are constants (`constants[i]` is
// nullptr when argument i is not): the zone of toTimeZone(t, 'Asia/Tokyo'), the scale of
// toDecimal64(x, 3).
using ConstantTypeRule = std::function<Result<LogicalType>(
    LogicalType type, const std::vector<const Value*>& constants)>;

struct FunctionInfo {
  std::string name;  // As users write it; lookups also try a case-insensitive match.
  FunctionKind kind = FunctionKind::kScalar;
  int min_args = 0;
  int max_args = 0;    // -1: any number.
  int min_params = 0;  // Parametric aggregates: quantile(0.5)(x).
  int max_params = 0;
  ReturnTypeRule return_type;
  ConstantTypeRule constant_type;  // Optional.
  // Scalars: how rows are computed (empty: known to the binder but not yet executable).
  ScalarKernel kernel;
  NullHandling nulls = NullHandling::kPropagate;
  // False for now(), rand(), …: never folded into a constant before the query runs.
  bool deterministic = true;
  // Aggregates: makes the function for the call's argument types.
  AggregateFactory aggregate;
};

class FunctionRegistry {
 public:
  // REQUIRES: no function of the same name is registered yet.
  void Register(FunctionInfo info);
  // Attaches a kernel to a registered scalar. REQUIRES: `name` is registered.
  void SetKernel(std::string_view name, ScalarKernel kernel,
                 NullHandling nulls = NullHandling::kPropagate);
  // Attaches a factory to a registered aggregate. REQUIRES: `name` is registered.
  void SetAggregate(std::string_view name, AggregateFactory factory);
  // Attaches a constant type rule to a registered function. REQUIRES: `name` is registered.
  void SetConstantType(std::string_view name, ConstantTypeRule rule);
  // Exact name first, then case-insensitive (ClickHouse accepts e.g. COUNT and count).
  const FunctionInfo* Find(std::string_view name) const;
  // Every registered name, sorted.
  std::vector<std::string> Names() const;
  size_t size() const { return functions_.size(); }

 private:
  std::map<std::string, FunctionInfo, std::less<>> functions_;
  std::map<std::string, std::string, std::less<>> lower_names_;
};

// The registry of Larder's built-in functions.
FunctionRegistry BuiltinFunctions();

// Type rules shared by the function families.
namespace rules {
ReturnTypeRule Fixed(LogicalType type);
// The first argument's type (e.g. min, any), made Nullable when `nullable`.
ReturnTypeRule SameAsArgument(size_t index, bool nullable = false);
// ClickHouse's arithmetic: Int64 op Int64 → Int64, anything with Float64 → Float64, Decimal
// kept; Nullable when any argument is.
ReturnTypeRule Arithmetic();
// The common supertype of all arguments (if, multiIf branches, coalesce, greatest…).
ReturnTypeRule CommonSupertype(size_t first_index, size_t stride);
// Bool, for two comparable arguments: numbers with numbers, strings with strings, dates and
// times with each other or with strings (which are parsed, as ClickHouse does), UUIDs with
// UUIDs or strings; NULL with anything.
ReturnTypeRule Comparison();
// Bool, for a string-like first argument and a String pattern (LIKE, match).
ReturnTypeRule StringMatch();
}  // namespace rules

// The common supertype of two types for if/coalesce/comparisons, or nullopt (e.g. String vs
// Int64). NULL (represented as a Nullable type with the other's base) unifies with anything.
std::optional<LogicalType> CommonSupertype(const LogicalType& a, const LogicalType& b);

}  // namespace larder::functions
