// Shared pieces of the date and time function families (date*.cpp, conversion_dates.cpp): the
// time zone argument, argument checks for type rules, time units, local calendar fields of
// Date / DateTime values, and calendar arithmetic. DateTime values are UTC microseconds;
// calendar work happens on the local wall clock of a time zone (types/time_zone.h).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "functions/function_registry.h"
#include "functions/kernel.h"
#include "types/datetime.h"
#include "types/time_zone.h"

namespace larder::functions {

inline constexpr int64_t kMicrosPerSecond = 1'000'000;
inline constexpr int64_t kSecondsPerDay = 86'400;
inline constexpr int64_t kMicrosPerDay = kSecondsPerDay * kMicrosPerSecond;

inline int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
inline int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// --- Arguments ------------------------------------------------------------------------------

// What an argument of a date function must be. NULL fits every kind.
enum class DateArgKind {
  kTime,      // Date, DateTime, or a String holding a date and time.
  kNumber,    // Int64, Bool or Float64.
  kText,      // String (time zone names, units, formats).
  kInterval,  // toIntervalDay(n) and friends.
};

// Checks the arguments against `kinds` (missing optional arguments are fine), naming `function`
// in errors, then computes the result type with `rule`.
ReturnTypeRule DateArgs(std::string_view function, std::initializer_list<DateArgKind> kinds,
                        ReturnTypeRule rule);

// The time zone named by argument `index` (a constant String) when the call has it, else the
// zone of the first DateTime argument whose type carries one (toTimeZone's result), else the
// query's (call.context->time_zone). Fails for unknown zones and non-constant names.
Result<const TimeZone*> ZoneArgument(const KernelCall& call, size_t index,
                                     std::string_view function);
// The zone a call uses when none is named: ZoneArgument's fallbacks (an argument's own, else
// the query's).
Result<const TimeZone*> ImplicitZone(const KernelCall& call);

// The zone of a DateTime result: the one named by the constant argument `zone_index` when the
// call has it (toTimeZone(t, 'Asia/Tokyo') is a DateTime('Asia/Tokyo')). Fails for unknown
// zones.
ConstantTypeRule ZonedResult(size_t zone_index);

// The text of argument `index`, which must be a non-NULL constant String.
Result<std::string_view> ConstantTextArgument(const KernelCall& call, size_t index,
                                              std::string_view function, std::string_view what);

// The value of a constant integer argument (mode of toWeek, scale of toDecimal).
Result<int64_t> ConstantIntegerArgument(const KernelCall& call, size_t index,
                                        std::string_view function, std::string_view what);

// The value of a number-like argument at `row` as an integer (Float64 truncated).
int64_t IntegerAt(const KernelArg& arg, size_t row);

// --- Units ----------------------------------------------------------------------------------

enum class TimeUnit {
  kMicrosecond,
  kMillisecond,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kYear
};

// ClickHouse's unit names, case-insensitive: "second", "seconds", "ss", "s", …, "year", "yyyy",
// "yy" (and microsecond / millisecond as "us", "ms").
std::optional<TimeUnit> ParseTimeUnit(std::string_view text);
// The unit of an Interval type.
TimeUnit IntervalTypeUnit(const LogicalType& type);
std::string_view TimeUnitName(TimeUnit unit);
// Length of a fixed unit (microsecond … week) in microseconds; 0 for month, quarter, year.
int64_t FixedUnitMicros(TimeUnit unit);
// Months in a calendar unit (1, 3, 12); 0 for the others.
int CalendarUnitMonths(TimeUnit unit);

// --- Calendar -------------------------------------------------------------------------------

struct CivilDate {
  int year = 1970;
  unsigned month = 1;
  unsigned day = 1;
};

// Days since 1970-01-01 ↔ proleptic Gregorian dates. Inline and division-free for days within
// about ±2.9 million years (Neri and Schneider's "Euclidean affine functions" method: the
// calendar is shifted to start on March 1 of a year far in the past, so that all arithmetic
// is unsigned), with types/datetime.h's functions beyond.
inline constexpr uint32_t kCivilYearShift = 400 * 82;               // Years moved into the past.
inline constexpr uint32_t kCivilDayShift = 719'468 + 146'097 * 82;  // Days for the same.
CivilDate CivilOfDayFallback(int64_t day);
int64_t DayOfCivilFallback(int year, unsigned month, unsigned day);

inline CivilDate CivilOfDay(int64_t day) {
  if (day < -static_cast<int64_t>(kCivilDayShift) || day > 1'000'000'000) {
    return CivilOfDayFallback(day);
  }
  const uint32_t n = static_cast<uint32_t>(day + kCivilDayShift);
  // Century and day of the century.
  const uint32_t n1 = 4 * n + 3;
  const uint32_t century = n1 / 146'097;
  const uint32_t day_of_century = n1 % 146'097 / 4;
  // Year of the century and day of the (March-based) year.
  const uint32_t n2 = 4 * day_of_century + 3;
  const uint64_t p2 = uint64_t{2'939'745} * n2;
  const uint32_t year_of_century = static_cast<uint32_t>(p2 >> 32);
  const uint32_t day_of_year = static_cast<uint32_t>(p2) / 2'939'745 / 4;
  // Month (March = 3 … February = 14) and day.
  const uint32_t n3 = 2141 * day_of_year + 197'913;
  const uint32_t month = n3 >> 16;
  const uint32_t day_of_month = (n3 & 0xffff) / 2141;
  const bool next_year = day_of_year >= 306;  // January or February.
  CivilDate date;
  date.year = static_cast<int>(static_cast<int64_t>(100 * century + year_of_century) -
                               kCivilYearShift + next_year);
  date.month = next_year ? month - 12 : month;
  date.day = day_of_month + 1;
  return date;
}

inline int64_t DayOfCivil(int year, unsigned month, unsigned day) {
  if (year < -30'000 || year > 2'000'000 || month < 1 || month > 12) {
    return DayOfCivilFallback(year, month, day);
  }
  const bool early = month <= 2;  // January and February count with the year before.
  const uint32_t shifted_year =
      static_cast<uint32_t>(year + static_cast<int>(kCivilYearShift)) - (early ? 1 : 0);
  const uint32_t shifted_month = early ? month + 12 : month;
  const uint32_t century = shifted_year / 100;
  const uint32_t year_days = 1461 * shifted_year / 4 - century + century / 4;
  const uint32_t month_days = (979 * shifted_month - 2919) / 32;
  return static_cast<int64_t>(year_days + month_days + day - 1) - kCivilDayShift;
}
// 1 = Monday … 7 = Sunday.
inline int IsoWeekday(int64_t day) { return static_cast<int>(FloorMod(day + 3, 7)) + 1; }
// `day` moved by `months` calendar months, clamped to the last day of a shorter month.
int64_t AddMonthsToDay(int64_t day, int64_t months);

// Local calendar fields of one instant (or of a Date: its day at 00:00:00).
struct LocalTime {
  int64_t day = 0;     // Local days since 1970-01-01.
  int32_t second = 0;  // Second of the local day, 0 … 86399.
  int32_t micros = 0;  // Microseconds within the second.
};

inline LocalTime LocalTimeOf(int64_t utc_micros, ZoneCursor* cursor) {
  const int64_t seconds = FloorDiv(utc_micros, kMicrosPerSecond);
  const int64_t local = cursor->ToLocal(seconds);
  LocalTime time;
  time.day = FloorDiv(local, kSecondsPerDay);
  time.second = static_cast<int32_t>(local - time.day * kSecondsPerDay);
  time.micros = static_cast<int32_t>(utc_micros - seconds * kMicrosPerSecond);
  return time;
}

// The instant (UTC µs) of a local time, resolving clock changes as TimeZone::LocalToUtc does.
inline int64_t InstantOf(const LocalTime& time, ZoneCursor* cursor) {
  return cursor->LocalToUtc(time.day * kSecondsPerDay + time.second) * kMicrosPerSecond +
         time.micros;
}

// The first instant (UTC µs) of a local day.
inline int64_t StartOfLocalDay(int64_t day, ZoneCursor* cursor) {
  return cursor->StartOfDay(day) * kMicrosPerSecond;
}

// A Date, DateTime or String argument as instants (UTC µs): Dates at the start of their day in
// `zone`, strings parsed as local date-times (failing on text that is not one, unless NULL).
// `values` points at one value when the argument is constant.
struct InstantColumn {
  const int64_t* values = nullptr;
  bool constant = false;
  std::vector<int64_t> owned;

  int64_t operator[](size_t row) const { return values[constant ? 0 : row]; }
};
Status ReadInstants(const KernelArg& arg, size_t rows, const TimeZone& zone,
                    const EvalContext* context, std::string_view function, InstantColumn* column);

// The local day (in `zone`) of the query's start time: what today() returns.
int64_t TodayIn(const TimeZone& zone, const EvalContext* context);

// Calls op(row, LocalTime) for every row of a Date, DateTime or String argument, in `zone`.
// Dates skip the time zone: their day is their value.
template <typename Op>
Status ForEachLocalTime(const KernelArg& arg, size_t rows, const TimeZone& zone,
                        const EvalContext* context, std::string_view function, Op&& op) {
  if (arg.type().id() == TypeId::kDate) {
    const int32_t* days = arg.vector->data<int32_t>();
    for (size_t row = 0; row < rows; ++row) op(row, LocalTime{days[arg.Row(row)], 0, 0});
    return Status::OK();
  }
  InstantColumn instants;
  LARDER_RETURN_IF_ERROR(ReadInstants(arg, rows, zone, context, function, &instants));
  ZoneCursor cursor(zone);
  if (instants.constant) {
    const LocalTime time = LocalTimeOf(instants[0], &cursor);
    for (size_t row = 0; row < rows; ++row) op(row, time);
    return Status::OK();
  }
  for (size_t row = 0; row < rows; ++row) op(row, LocalTimeOf(instants.values[row], &cursor));
  return Status::OK();
}

// Two cursors on one zone for moving instants: one stays near the values moved, the other near
// the results, so that neither keeps searching when the two lie in different periods.
struct MoveCursors {
  explicit MoveCursors(const TimeZone& zone) : from(zone), to(zone) {}
  ZoneCursor from;
  ZoneCursor to;
};

// `micros` moved by `count` units: microseconds to hours as elapsed time, days and longer on
// the local calendar of the zone, keeping the wall-clock time (a time that the target day
// skips or repeats resolves as TimeZone::LocalToUtc does), as ClickHouse adds calendar units in
// the time zone.
int64_t AddToInstant(int64_t micros, TimeUnit unit, int64_t count, MoveCursors* cursors);
// A Date moved by `count` days, weeks, months, quarters or years. REQUIRES: such a unit.
int64_t AddToDay(int64_t day, TimeUnit unit, int64_t count);

// Week numbers as ClickHouse's toWeek(date, mode) computes them (MySQL's modes 0 … 9): the
// year the week belongs to and its number.
struct YearWeek {
  int year = 0;
  int week = 0;
};
YearWeek WeekOfDay(int64_t day, int mode);
// The first day (Sunday or Monday by mode & 1) of the week holding `day`.
int64_t StartOfWeekDay(int64_t day, int mode);

}  // namespace larder::functions
