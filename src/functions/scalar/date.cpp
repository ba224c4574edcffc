// Date and time functions. This file registers the family and holds the clock and time zone
// functions (now, today, yesterday, toTimeZone, fromUnixTimestamp) and the toInterval* kernels;
// date_parts.cpp extracts fields (toYear …), date_truncate.cpp rounds down (toStartOf* …),
// date_add.cpp adds and subtracts (addDays, dateAdd …), date_diff.cpp counts (dateDiff),
// date_format.cpp formats (formatDateTime). DateTime values are interpreted in the time zone
// given as an argument, else in the query's (HogQL's project time zone); Dates are calendar
// days and need no zone.
#include <cmath>

#include "functions/registration.h"
#include "functions/scalar/date_common.h"
#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {

void RegisterDateParts(FunctionRegistry* r);
void RegisterDateTruncation(FunctionRegistry* r);
void RegisterDateAddition(FunctionRegistry* r);
void RegisterDateDiff(FunctionRegistry* r);
void RegisterDateFormat(FunctionRegistry* r);

namespace {

// Registers a function whose value depends on when the query runs: never folded early.
void Clock(FunctionRegistry* r, std::string name, int max_args, ReturnTypeRule rule,
           ScalarKernel kernel) {
  FunctionInfo info{std::move(name), FunctionKind::kScalar, 0, max_args, 0, 0, std::move(rule)};
  info.kernel = std::move(kernel);
  info.deterministic = false;
  r->Register(std::move(info));
}

// now([time zone]): the query's start time (µs, as HogQL's now64(6)). The zone only changes
// how the value prints in ClickHouse; here it is checked.
Status Now(const KernelCall& call, ColumnVector* out) {
  LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, 0, "now"));
  (void)zone;
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  const int64_t now = call.context ? call.context->now_micros : 0;
  for (size_t row = 0; row < call.rows; ++row) values[row] = now;
  return Status::OK();
}

// today() and yesterday(): the query's start date in the query's time zone, minus `days_ago`.
ScalarKernel Today(int days_ago) {
  return [days_ago](const KernelCall& call, ColumnVector* out) -> Status {
    LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, 0, "today"));
    int32_t* values = AppendSlots<int32_t>(out, call.rows);
    const int32_t day = static_cast<int32_t>(TodayIn(*zone, call.context) - days_ago);
    for (size_t row = 0; row < call.rows; ++row) values[row] = day;
    return Status::OK();
  };
}

// toTimeZone(t, zone): the same instant, as a DateTime(zone) (ZonedResult), so that fields,
// text and truncation of the result read the wall clock of `zone`.
Status ToTimeZone(const KernelCall& call, ColumnVector* out) {
  LARDER_ASSIGN_OR_RETURN(const TimeZone* target, ZoneArgument(call, 1, "toTimeZone"));
  (void)target;
  // Strings and Dates become instants in the query's zone (or the argument's own).
  LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, 2, "toTimeZone"));
  InstantColumn instants;
  LARDER_RETURN_IF_ERROR(
      ReadInstants(call.args[0], call.rows, *zone, call.context, "toTimeZone", &instants));
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  for (size_t row = 0; row < call.rows; ++row) values[row] = instants[row];
  return Status::OK();
}

// fromUnixTimestamp(seconds): the DateTime that many seconds after the epoch (fractions of a
// Float64 kept to the microsecond).
Status FromUnixTimestamp(const KernelCall& call, ColumnVector* out) {
  const KernelArg& arg = call.args[0];
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  if (arg.type().id() == TypeId::kFloat64) {
    UnaryLoop<double>(arg, call.rows, values, [](double seconds) {
      const double micros = std::floor(seconds * 1e6);
      return std::fabs(micros) < 9.2e18 ? static_cast<int64_t>(micros) : int64_t{0};
    });
    return Status::OK();
  }
  for (size_t row = 0; row < call.rows; ++row) {
    values[row] = static_cast<int64_t>(static_cast<uint64_t>(IntegerAt(arg, row)) *
                                       static_cast<uint64_t>(kMicrosPerSecond));
  }
  return Status::OK();
}

// toIntervalDay(n) …: the count (Float64 truncated).
Status ToInterval(const KernelCall& call, ColumnVector* out) {
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  for (size_t row = 0; row < call.rows; ++row) values[row] = IntegerAt(call.args[0], row);
  return Status::OK();
}

// Functions whose DateTime result is in the zone of one of their arguments (ClickHouse's
// DateTime('zone') results), with that argument's index. RegisterConversions ran before.
void RegisterZonedResults(FunctionRegistry* r) {
  const std::pair<std::string, size_t> kZoned[] = {
      {"now", 0},
      {"toTimeZone", 1},
      {"toDateTime", 1},
      {"toDateTime64", 2},
      {"parseDateTimeBestEffort", 1},
      {"toStartOfMinute", 1},
      {"toStartOfFiveMinutes", 1},
      {"toStartOfFifteenMinutes", 1},
      {"toStartOfHour", 1},
      {"toStartOfDay", 1},
      {"toStartOfInterval", 2},
      {"dateTrunc", 2},
      {"date_trunc", 2},
  };
  for (const auto& [name, index] : kZoned) {
    for (const char* suffix : {"", "OrNull", "OrZero"}) {
      if (r->Find(name + suffix)) r->SetConstantType(name + suffix, ZonedResult(index));
    }
  }
}

}  // namespace

void RegisterDates(FunctionRegistry* r) {
  using K = DateArgKind;
  Clock(r, "now", 1, DateArgs("now", {K::kText}, Fixed(kDateTime)), Now);
  Clock(r, "today", 0, Fixed(kDate), Today(0));
  Clock(r, "yesterday", 0, Fixed(kDate), Today(1));
  Scalar(r, "toTimeZone", 2, 2,
         DateArgs("toTimeZone", {K::kTime, K::kText}, Propagating(kDateTime)), ToTimeZone);
  Scalar(r, "fromUnixTimestamp", 1, 1,
         DateArgs("fromUnixTimestamp", {K::kNumber}, Propagating(kDateTime)), FromUnixTimestamp);
  for (const char* unit : {"Second", "Minute", "Hour", "Day", "Week", "Month", "Quarter", "Year"}) {
    std::string lower = unit;
    lower[0] = static_cast<char>(std::tolower(lower[0]));
    std::string name = std::string("toInterval") + unit;
    Scalar(r, name, 1, 1, DateArgs(name, {K::kNumber}, Propagating(LogicalType::Interval(lower))),
           ToInterval);
  }
  RegisterDateParts(r);
  RegisterDateTruncation(r);
  RegisterDateAddition(r);
  RegisterDateDiff(r);
  RegisterDateFormat(r);
  RegisterZonedResults(r);
}

}  // namespace larder::functions
