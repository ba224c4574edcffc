// Reading vectors as a common supertype (functions::CommonSupertype): the branches of if /
// multiIf / coalesce, the elements of array(…), the arrays of arrayConcat. Kernels convert each
// argument to the call's result type before they pick or copy values.
#pragma once

#include <memory>

#include "functions/kernel.h"

namespace larder::functions {

// True when values of `from` are stored exactly as values of `to`, so a vector of `from` can be
// read as `to` without converting: equal types up to nullability, String and JSON, and arrays
// whose elements are stored alike.
bool SameStorage(const LogicalType& from, const LogicalType& to);

// Converts every row of `from` to `to`: Bool → Int64 → Float64 or Decimal, Decimal to a larger
// scale or to Float64, Date → DateTime (the day's first instant in the context's time zone, as
// ClickHouse's toDateTime(date); UTC without a context), JSON ↔ String, NULL (Nothing) → NULLs
// of any type, and arrays element by element. NULL rows stay NULL (with the default value
// underneath). Fails when `to` is not a supertype of `from`, or when a value does not fit (an
// Int64 in Decimal(38, 30)).
Result<ColumnVector> CastToSupertype(const ColumnVector& from, const LogicalType& to,
                                     const EvalContext* context = nullptr);

// A kernel argument read as another type. `arg` views the original vector when the storage
// already matches (no copy), else a converted vector that `owned` keeps alive.
struct CastArg {
  KernelArg arg;
  std::unique_ptr<ColumnVector> owned;
};

// `arg` as `to`, keeping whether it is constant.
Result<CastArg> CastArgTo(const KernelArg& arg, const LogicalType& to,
                          const EvalContext* context = nullptr);

}  // namespace larder::functions
