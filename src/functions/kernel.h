// Kernels: how the execution engine evaluates a function over a batch of rows. A scalar kernel
// maps argument vectors to a result vector; an aggregate function folds rows into per-group
// states. Both work on whole vectors (typed loops, no per-row virtual calls or Value boxing).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/column_vector.h"

namespace larder::functions {

// What a kernel may need besides its arguments; fixed for the whole query.
struct EvalContext {
  std::string time_zone = "UTC";  // The project's time zone (HogQL's default for dates).
  int64_t now_micros = 0;         // now(), today(): the query's start time.
};

// One argument: `rows` values, or, when `constant`, one value (row 0) for every row.
struct KernelArg {
  const ColumnVector* vector = nullptr;
  bool constant = false;

  const LogicalType& type() const { return vector->type(); }
  size_t Row(size_t row) const { return constant ? 0 : row; }
  bool IsNull(size_t row) const { return vector->IsNull(Row(row)); }
  std::string_view GetString(size_t row) const { return vector->GetString(Row(row)); }
  template <typename T>
  T Get(size_t row) const {
    return vector->data<T>()[Row(row)];
  }
};

struct KernelCall {
  std::vector<KernelArg> args;
  size_t rows = 0;
  LogicalType result_type;  // As the binder computed it.
  const EvalContext* context = nullptr;
};

// How NULL arguments reach a scalar kernel.
enum class NullHandling {
  // NULL in any argument gives NULL. The engine sets the result's NULLs itself; the kernel
  // writes some value for every row (e.g. 0 or "") and may ignore argument NULLs. A kernel
  // with a Nullable result may also mark rows NULL itself (out->mutable_nulls()).
  kPropagate,
  // The kernel sees NULLs and decides (if, coalesce, isNull, and, or, …).
  kSpecial,
};

// Appends exactly `call.rows` values of `call.result_type` to `out` (an empty vector of that
// type). Fails (ending the query) on values the function cannot take, e.g. intDiv by zero.
using ScalarKernel = std::function<Status(const KernelCall& call, ColumnVector* out)>;

// An aggregate function bound to its argument types and parameters. States are `state_size()`
// bytes of caller-owned memory, aligned to 16; the function may keep heap data behind them
// (released by Destroy). Thread-compatible: one object serves many threads, states are not shared.
class AggregateFunction {
 public:
  virtual ~AggregateFunction() = default;
  virtual size_t state_size() const = 0;
  virtual void Initialize(uint8_t* state) const = 0;
  // Releases what a state holds; the memory itself belongs to the caller.
  virtual void Destroy(uint8_t* state) const { (void)state; }
  // Folds row i of `call` into states[i] for i in [0, call.rows). Several rows may share a
  // state. NULL arguments are skipped unless the function counts them (ClickHouse semantics).
  virtual Status Update(const KernelCall& call, uint8_t* const* states) const = 0;
  // Folds every row into one state (no GROUP BY); the default calls Update.
  virtual Status UpdateSingle(const KernelCall& call, uint8_t* state) const;
  // target += source. `source` stays valid and is destroyed by the caller.
  virtual void Merge(const uint8_t* source, uint8_t* target) const = 0;
  // Appends the result of one state to `out` (a vector of the aggregate's result type).
  virtual Status Finalize(const uint8_t* state, ColumnVector* out) const = 0;
  // Bytes of heap memory a state holds beyond state_size() (memory accounting).
  virtual size_t HeapBytes(const uint8_t* state) const {
    (void)state;
    return 0;
  }
};

// Makes an aggregate for given argument types, parameters (quantile(0.9)) and result type.
using AggregateFactory = std::function<Result<std::unique_ptr<AggregateFunction>>(
    const std::vector<LogicalType>& args, const std::vector<Value>& params,
    const LogicalType& result_type)>;

// A vector holding one value of `type` (NULL when `value` is NULL): constant arguments.
ColumnVector ConstantVector(const Value& value, const LogicalType& type);

}  // namespace larder::functions
