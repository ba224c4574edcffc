// Values as text, the way ClickHouse's toString writes them, for string functions given
// non-string arguments (concat, format) and for numbers in JSON output: Float64 in the
// shortest form that reads back exactly, dates as YYYY-MM-DD, DateTime as YYYY-MM-DD hh:mm:ss.
#pragma once

#include <string>

#include "common/status.h"
#include "functions/kernel.h"

namespace larder::functions {

// Shortest round-trip digits; plain notation for exponents in [-6, 21), else "1e21", "1.5e-7";
// "inf", "-inf", "nan".
void AppendFloatText(double value, std::string* out);

// Appends the text of row `row` of `vector` (which must not be NULL there): numbers, Bool
// (true/false), Decimal (without trailing zeros, as ClickHouse prints by default), Date,
// DateTime (UTC; a fraction only when not whole seconds), UUID, strings as they are, arrays as
// ['a','b'] or [1,2].
void AppendValueText(const ColumnVector& vector, size_t row, std::string* out);

// An argument as strings: string-like arguments as they are, others converted row by row.
struct TextArg {
  ColumnVector converted{LogicalType::String()};
  KernelArg arg;  // String-like (or the NULL literal).
};

// Fills `text` with `arg` as strings (one row when constant); NULL rows stay NULL. DateTime
// values read in the query's time zone (`context`, UTC when null), as toString writes them.
Status ToTextArg(const KernelArg& arg, size_t rows, const EvalContext* context, TextArg* text);

}  // namespace larder::functions
