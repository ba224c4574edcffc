// Rounding dates and times down: toStartOfMinute, toStartOfFiveMinutes,
// toStartOfFifteenMinutes, toStartOfHour, toStartOfDay (DateTime results) and toStartOfWeek,
// toMonday, toStartOfMonth, toStartOfQuarter, toStartOfYear (Date results), the general
// toStartOfInterval(t, INTERVAL n unit) and dateTrunc('unit', t). Rounding happens on the local
// calendar of the time zone, as ClickHouse's DateLUT does: days, weeks, months start at local
// midnight (or at the first instant of the day when a clock change skipped midnight); minutes
// and seconds are counted from the epoch when the zone's offset is a whole number of minutes
// (hours for seconds and whole hours), else from local midnight.
#include "functions/registration.h"
#include "functions/scalar/date_common.h"
#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {
namespace {

// What a truncation rounds to.
struct Step {
  TimeUnit unit = TimeUnit::kDay;
  int64_t count = 1;
  int week_mode = 1;  // Weeks of 1: the first day per toWeek's mode bit 0 (Monday when set).
};

bool ReturnsDate(TimeUnit unit) { return unit >= TimeUnit::kWeek; }

// `seconds` rounded down to a multiple of `divisor` seconds: counted from the epoch when the
// zone's offset is a multiple of `granularity` (so that this agrees with local time), else from
// the first instant of the local day.
int64_t RoundDownSeconds(int64_t seconds, int64_t divisor, int64_t granularity,
                         ZoneCursor* cursor) {
  if (cursor->OffsetAt(seconds) % granularity == 0) return FloorDiv(seconds, divisor) * divisor;
  const int64_t day_start = cursor->StartOfDayAt(seconds);
  return day_start + FloorDiv(seconds - day_start, divisor) * divisor;
}

// An instant rounded to `step` (a sub-day unit or days), as UTC µs.
int64_t TruncateInstant(int64_t micros, const Step& step, ZoneCursor* cursor) {
  if (step.unit == TimeUnit::kMicrosecond) return FloorDiv(micros, step.count) * step.count;
  if (step.unit == TimeUnit::kMillisecond) {
    const int64_t divisor = 1000 * step.count;
    return FloorDiv(micros, divisor) * divisor;
  }
  const int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  switch (step.unit) {
    case TimeUnit::kSecond:
      if (step.count % 60 != 0) {
        return RoundDownSeconds(seconds, step.count, 3600, cursor) * kMicrosPerSecond;
      }
      [[fallthrough]];
    case TimeUnit::kMinute: {
      const int64_t divisor = (step.unit == TimeUnit::kSecond ? 1 : 60) * step.count;
      return RoundDownSeconds(seconds, divisor, 60, cursor) * kMicrosPerSecond;
    }
    case TimeUnit::kHour: {
      if (step.count == 1) return RoundDownSeconds(seconds, 3600, 3600, cursor) * kMicrosPerSecond;
      // Hours counted from local midnight on the wall clock; a rounded time that a clock change
      // skipped becomes the change itself.
      LocalTime time = LocalTimeOf(micros, cursor);
      const int64_t divisor = 3600 * step.count;
      time.second = static_cast<int32_t>(FloorDiv(time.second, divisor) * divisor);
      time.micros = 0;
      const int64_t local = time.day * kSecondsPerDay + time.second;
      int64_t utc = cursor->LocalToUtc(local);
      if (cursor->ToLocal(utc) != local) utc = cursor->zone().PeriodAt(utc).end;
      return std::min(utc, seconds) * kMicrosPerSecond;
    }
    default: {
      if (step.count == 1) return cursor->StartOfDayAt(seconds) * kMicrosPerSecond;
      const int64_t day = LocalTimeOf(micros, cursor).day;
      return StartOfLocalDay(FloorDiv(day, step.count) * step.count, cursor);
    }
  }
}

// A local day rounded to `step` (days or longer), as a day number.
int64_t TruncateDay(int64_t day, const Step& step) {
  switch (step.unit) {
    case TimeUnit::kDay:
      return FloorDiv(day, step.count) * step.count;
    case TimeUnit::kWeek:
      if (step.count == 1) return StartOfWeekDay(day, step.week_mode);
      // Weeks counted from Monday 1970-01-05.
      return 4 + FloorDiv(day - 4, 7 * step.count) * 7 * step.count;
    case TimeUnit::kYear: {
      const int64_t year = CivilOfDay(day).year;
      return DayOfCivil(static_cast<int>(FloorDiv(year, step.count) * step.count), 1, 1);
    }
    default: {
      // Months counted from January 1900, as ClickHouse does.
      const CivilDate date = CivilOfDay(day);
      const int64_t months = step.count * CalendarUnitMonths(step.unit);
      const int64_t index = (static_cast<int64_t>(date.year) - 1900) * 12 + date.month - 1;
      const int64_t start = FloorDiv(index, months) * months;
      return DayOfCivil(static_cast<int>(1900 + FloorDiv(start, 12)),
                        static_cast<unsigned>(FloorMod(start, 12)) + 1, 1);
    }
  }
}

// Rounds argument `time_index` to `step` in the zone at argument `zone_index`, writing Dates
// (weeks and longer) or DateTimes.
Status Truncate(const KernelCall& call, size_t time_index, const Step& step, size_t zone_index,
                std::string_view function, ColumnVector* out) {
  if (step.count <= 0) {
    return InvalidArgument("{}: the interval must be positive, not {}", function, step.count);
  }
  LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, zone_index, function));
  const KernelArg& arg = call.args[time_index];
  if (out->type().id() == TypeId::kDate) {
    int32_t* values = AppendSlots<int32_t>(out, call.rows);
    return ForEachLocalTime(arg, call.rows, *zone, call.context, function,
                            [&](size_t row, const LocalTime& time) {
                              values[row] = static_cast<int32_t>(TruncateDay(time.day, step));
                            });
  }
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  ZoneCursor cursor(*zone);
  if (arg.type().id() == TypeId::kDate && step.unit >= TimeUnit::kDay) {
    const int32_t* days = arg.vector->data<int32_t>();
    for (size_t row = 0; row < call.rows; ++row) {
      values[row] = StartOfLocalDay(TruncateDay(days[arg.Row(row)], step), &cursor);
    }
    return Status::OK();
  }
  InstantColumn instants;
  LARDER_RETURN_IF_ERROR(ReadInstants(arg, call.rows, *zone, call.context, function, &instants));
  if (instants.constant) {
    const int64_t value = TruncateInstant(instants[0], step, &cursor);
    for (size_t row = 0; row < call.rows; ++row) values[row] = value;
    return Status::OK();
  }
  for (size_t row = 0; row < call.rows; ++row) {
    values[row] = TruncateInstant(instants.values[row], step, &cursor);
  }
  return Status::OK();
}

// toStartOf…(t [, zone]) for a fixed step.
ScalarKernel FixedTruncation(std::string function, Step step) {
  return [function = std::move(function), step](const KernelCall& call, ColumnVector* out) {
    return Truncate(call, 0, step, 1, function, out);
  };
}

// toStartOfWeek(t [, mode [, zone]]).
Status StartOfWeek(const KernelCall& call, ColumnVector* out) {
  Step step{TimeUnit::kWeek, 1, 0};
  if (call.args.size() > 1) {
    LARDER_ASSIGN_OR_RETURN(int64_t mode,
                            ConstantIntegerArgument(call, 1, "toStartOfWeek", "mode"));
    step.week_mode = static_cast<int>(mode);
  }
  return Truncate(call, 0, step, 2, "toStartOfWeek", out);
}

// toStartOfInterval(t, INTERVAL n unit [, zone]).
Status StartOfInterval(const KernelCall& call, ColumnVector* out) {
  const KernelArg& interval = call.args[1];
  if (!interval.constant) {
    return InvalidArgument("toStartOfInterval: the interval (argument 2) must be a constant");
  }
  Step step{IntervalTypeUnit(interval.type()), IntegerAt(interval, 0), 1};
  return Truncate(call, 0, step, 2, "toStartOfInterval", out);
}

// dateTrunc('unit', t [, zone]).
Status DateTrunc(const KernelCall& call, ColumnVector* out) {
  LARDER_ASSIGN_OR_RETURN(std::string_view text,
                          ConstantTextArgument(call, 0, "dateTrunc", "unit"));
  std::optional<TimeUnit> unit = ParseTimeUnit(text);
  if (!unit) {
    return InvalidArgument(
        "dateTrunc: unknown unit '{}'; use second, minute, hour, day, week, month, quarter or "
        "year",
        text);
  }
  if (call.args[1].type().id() == TypeId::kDate && *unit < TimeUnit::kDay) {
    return InvalidArgument("dateTrunc: cannot truncate a Date to a {}", TimeUnitName(*unit));
  }
  // The result is a DateTime for every unit (ClickHouse gives a Date for week and longer; the
  // unit is not known when the query is bound): the start of the period in the time zone.
  Step step{*unit, 1, 1};
  if (ReturnsDate(*unit)) {
    LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, 2, "dateTrunc"));
    ZoneCursor cursor(*zone);
    int64_t* values = AppendSlots<int64_t>(out, call.rows);
    return ForEachLocalTime(call.args[1], call.rows, *zone, call.context, "dateTrunc",
                            [&](size_t row, const LocalTime& time) {
                              values[row] = StartOfLocalDay(TruncateDay(time.day, step), &cursor);
                            });
  }
  return Truncate(call, 1, step, 2, "dateTrunc", out);
}

// The result of toStartOfInterval: Date for weeks and longer, else DateTime.
Result<LogicalType> StartOfIntervalType(const std::vector<LogicalType>& args) {
  bool nullable = false;
  for (const LogicalType& arg : args) nullable = nullable || arg.nullable();
  const LogicalType& interval = args.at(1);
  LogicalType type = interval.id() == TypeId::kInterval && ReturnsDate(IntervalTypeUnit(interval))
                         ? kDate
                         : kDateTime;
  return type.WithNullable(nullable);
}

}  // namespace

void RegisterDateTruncation(FunctionRegistry* r) {
  using K = DateArgKind;
  struct FixedStep {
    const char* name;
    Step step;
    LogicalType result;
  };
  const FixedStep kFixed[] = {
      {"toStartOfMinute", {TimeUnit::kMinute, 1, 1}, kDateTime},
      {"toStartOfFiveMinutes", {TimeUnit::kMinute, 5, 1}, kDateTime},
      {"toStartOfFifteenMinutes", {TimeUnit::kMinute, 15, 1}, kDateTime},
      {"toStartOfHour", {TimeUnit::kHour, 1, 1}, kDateTime},
      {"toStartOfDay", {TimeUnit::kDay, 1, 1}, kDateTime},
      {"toMonday", {TimeUnit::kWeek, 1, 1}, kDate},
      {"toStartOfMonth", {TimeUnit::kMonth, 1, 1}, kDate},
      {"toStartOfQuarter", {TimeUnit::kQuarter, 1, 1}, kDate},
      {"toStartOfYear", {TimeUnit::kYear, 1, 1}, kDate},
  };
  for (const FixedStep& fixed : kFixed) {
    Scalar(r, fixed.name, 1, 2,
           DateArgs(fixed.name, {K::kTime, K::kText}, Propagating(fixed.result)),
           FixedTruncation(fixed.name, fixed.step));
  }
  Scalar(r, "toStartOfWeek", 1, 3,
         DateArgs("toStartOfWeek", {K::kTime, K::kNumber, K::kText}, Propagating(kDate)),
         StartOfWeek);
  Scalar(r, "toStartOfInterval", 2, 3,
         DateArgs("toStartOfInterval", {K::kTime, K::kInterval, K::kText}, StartOfIntervalType),
         StartOfInterval);
  for (const char* name : {"dateTrunc", "date_trunc"}) {
    Scalar(r, name, 2, 3, DateArgs(name, {K::kText, K::kTime, K::kText}, Propagating(kDateTime)),
           DateTrunc);
  }
}

}  // namespace larder::functions
