// `date ± n`, `date ± INTERVAL`, `date - date`: the plus / minus kernels hand every call with a
// Date, DateTime or Interval argument to DateArithmetic.
#pragma once

#include "functions/kernel.h"

namespace larder::functions {

// REQUIRES: call has two arguments, one of them Date, DateTime or Interval. Writes
// call.result_type values: Date ± Int64 days, DateTime ± Int64 seconds, ± Interval in its unit
// (months clamp to the month's last day), and Date − Date / DateTime − DateTime as Int64 days /
// seconds. `subtract`: minus rather than plus.
Status DateArithmetic(const KernelCall& call, bool subtract, ColumnVector* out);

// `value` (Date days or DateTime µs, per `type`) moved by `count` units of `unit` ("second" …
// "year"). Fails for sub-day units on a Date.
Result<int64_t> AddInterval(TypeId type, int64_t value, std::string_view unit, int64_t count);

}  // namespace larder::functions
