// `date ± n`, `date ± INTERVAL`, `date - date`: the plus / minus kernels hand every call with a
// Date, DateTime or Interval argument to DateArithmetic.
#pragma once

#include "functions/kernel.h"
#include "types/time_zone.h"

namespace larder::functions {

// REQUIRES: call has two arguments, one of them Date, DateTime or Interval. Writes
// call.result_type values: Date ± Int64 days, DateTime ± Int64 seconds, ± Interval in its unit,
// and Date − Date / DateTime − DateTime as Int64 days / seconds. DateTime ± days, weeks, months,
// quarters or years moves along the calendar of the query's time zone and keeps the wall-clock
// time (as ClickHouse does: one day after 2024-03-30 12:00 in Europe/Berlin is 2024-03-31 12:00,
// 23 hours later); months clamp to the month's last day. `subtract`: minus rather than plus.
Status DateArithmetic(const KernelCall& call, bool subtract, ColumnVector* out);

// `value` (Date days or DateTime µs, per `type`) moved by `count` units of `unit` ("second" …
// "year") in `zone` (calendar units as DateArithmetic moves them). Fails for sub-day units on a
// Date and for unknown units.
Result<int64_t> AddInterval(TypeId type, int64_t value, std::string_view unit, int64_t count,
                            const TimeZone& zone);
// The same in UTC.
Result<int64_t> AddInterval(TypeId type, int64_t value, std::string_view unit, int64_t count);

}  // namespace larder::functions
