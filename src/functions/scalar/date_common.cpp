#include "functions/scalar/date_common.h"

#include <cctype>
#include <cmath>
#include <string>

#include "functions/scalar/datetime_text.h"
#include "functions/scalar/kernel_helpers.h"
#include "types/datetime.h"

namespace larder::functions {
namespace {

bool Fits(const LogicalType& type, DateArgKind kind) {
  const TypeId id = type.id();
  if (id == TypeId::kNothing) return true;
  switch (kind) {
    case DateArgKind::kTime:
      return id == TypeId::kDate || id == TypeId::kDateTime || id == TypeId::kString;
    case DateArgKind::kNumber:
      return id == TypeId::kInt64 || id == TypeId::kBool || id == TypeId::kFloat64;
    case DateArgKind::kText:
      return type.is_string_like();
    case DateArgKind::kInterval:
      return id == TypeId::kInterval;
  }
  return false;
}

std::string_view KindName(DateArgKind kind) {
  switch (kind) {
    case DateArgKind::kTime:
      return "a Date or DateTime";
    case DateArgKind::kNumber:
      return "a number";
    case DateArgKind::kText:
      return "a String";
    case DateArgKind::kInterval:
      return "an interval such as INTERVAL 1 DAY";
  }
  return "?";
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

}  // namespace

ReturnTypeRule DateArgs(std::string_view function, std::initializer_list<DateArgKind> kinds,
                        ReturnTypeRule rule) {
  std::vector<DateArgKind> expected(kinds);
  return [name = std::string(function), expected,
          rule = std::move(rule)](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    for (size_t i = 0; i < args.size() && i < expected.size(); ++i) {
      if (!Fits(args[i], expected[i])) {
        return InvalidArgument("argument {} of {} must be {}, not {}", i + 1, name,
                               KindName(expected[i]), args[i].ToString());
      }
    }
    return rule(args);
  };
}

Result<std::string_view> ConstantTextArgument(const KernelCall& call, size_t index,
                                              std::string_view function, std::string_view what) {
  const KernelArg& arg = call.args.at(index);
  if (!arg.type().is_string_like() || !arg.constant || arg.IsNull(0)) {
    return InvalidArgument("{}: the {} (argument {}) must be a constant String", function, what,
                           index + 1);
  }
  return arg.GetString(0);
}

Result<int64_t> ConstantIntegerArgument(const KernelCall& call, size_t index,
                                        std::string_view function, std::string_view what) {
  const KernelArg& arg = call.args.at(index);
  const TypeId id = arg.type().id();
  if ((id != TypeId::kInt64 && id != TypeId::kBool) || !arg.constant || arg.IsNull(0)) {
    return InvalidArgument("{}: the {} (argument {}) must be a constant integer", function, what,
                           index + 1);
  }
  return IntegerAt(arg, 0);
}

Result<const TimeZone*> ZoneArgument(const KernelCall& call, size_t index,
                                     std::string_view function) {
  if (index < call.args.size()) {
    LARDER_ASSIGN_OR_RETURN(std::string_view name,
                            ConstantTextArgument(call, index, function, "time zone"));
    return LookupTimeZone(name);
  }
  return ImplicitZone(call);
}

Result<const TimeZone*> ImplicitZone(const KernelCall& call) {
  for (const KernelArg& arg : call.args) {
    if (arg.type().id() == TypeId::kDateTime && arg.type().time_zone()) {
      return arg.type().time_zone();
    }
  }
  return LookupTimeZone(call.context ? std::string_view(call.context->time_zone) : "UTC");
}

ConstantTypeRule ZonedResult(size_t zone_index) {
  return [zone_index](LogicalType type,
                      const std::vector<const Value*>& constants) -> Result<LogicalType> {
    if (type.id() != TypeId::kDateTime || zone_index >= constants.size()) return type;
    const Value* name = constants[zone_index];
    // A zone that is not a constant String fails when the call runs.
    if (!name || !std::holds_alternative<std::string>(name->storage())) return type;
    LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, LookupTimeZone(name->as_string()));
    return LogicalType::DateTime(zone).WithNullable(type.nullable());
  };
}

int64_t IntegerAt(const KernelArg& arg, size_t row) {
  switch (arg.type().id()) {
    case TypeId::kBool:
      return arg.Get<uint8_t>(row);
    case TypeId::kDate:
      return arg.Get<int32_t>(row);
    case TypeId::kFloat64: {
      const double value = arg.Get<double>(row);
      if (!(std::fabs(value) < 9.2e18)) return 0;
      return static_cast<int64_t>(value);
    }
    case TypeId::kInt64:
    case TypeId::kDateTime:
    case TypeId::kInterval:
      return arg.Get<int64_t>(row);
    default:
      return 0;
  }
}

std::optional<TimeUnit> ParseTimeUnit(std::string_view text) {
  const std::string unit = Lower(text);
  struct Name {
    std::string_view name;
    TimeUnit unit;
  };
  static constexpr Name kNames[] = {
      {"microsecond", TimeUnit::kMicrosecond},
      {"microseconds", TimeUnit::kMicrosecond},
      {"us", TimeUnit::kMicrosecond},
      {"u", TimeUnit::kMicrosecond},
      {"millisecond", TimeUnit::kMillisecond},
      {"milliseconds", TimeUnit::kMillisecond},
      {"ms", TimeUnit::kMillisecond},
      {"second", TimeUnit::kSecond},
      {"seconds", TimeUnit::kSecond},
      {"ss", TimeUnit::kSecond},
      {"s", TimeUnit::kSecond},
      {"minute", TimeUnit::kMinute},
      {"minutes", TimeUnit::kMinute},
      {"mi", TimeUnit::kMinute},
      {"n", TimeUnit::kMinute},
      {"hour", TimeUnit::kHour},
      {"hours", TimeUnit::kHour},
      {"hh", TimeUnit::kHour},
      {"h", TimeUnit::kHour},
      {"day", TimeUnit::kDay},
      {"days", TimeUnit::kDay},
      {"dd", TimeUnit::kDay},
      {"d", TimeUnit::kDay},
      {"week", TimeUnit::kWeek},
      {"weeks", TimeUnit::kWeek},
      {"wk", TimeUnit::kWeek},
      {"ww", TimeUnit::kWeek},
      {"month", TimeUnit::kMonth},
      {"months", TimeUnit::kMonth},
      {"mm", TimeUnit::kMonth},
      {"m", TimeUnit::kMonth},
      {"quarter", TimeUnit::kQuarter},
      {"quarters", TimeUnit::kQuarter},
      {"qq", TimeUnit::kQuarter},
      {"q", TimeUnit::kQuarter},
      {"year", TimeUnit::kYear},
      {"years", TimeUnit::kYear},
      {"yyyy", TimeUnit::kYear},
      {"yy", TimeUnit::kYear},
  };
  for (const Name& name : kNames) {
    if (name.name == unit) return name.unit;
  }
  return std::nullopt;
}

TimeUnit IntervalTypeUnit(const LogicalType& type) {
  return ParseTimeUnit(type.interval_unit()).value_or(TimeUnit::kSecond);
}

std::string_view TimeUnitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMicrosecond:
      return "microsecond";
    case TimeUnit::kMillisecond:
      return "millisecond";
    case TimeUnit::kSecond:
      return "second";
    case TimeUnit::kMinute:
      return "minute";
    case TimeUnit::kHour:
      return "hour";
    case TimeUnit::kDay:
      return "day";
    case TimeUnit::kWeek:
      return "week";
    case TimeUnit::kMonth:
      return "month";
    case TimeUnit::kQuarter:
      return "quarter";
    case TimeUnit::kYear:
      return "year";
  }
  return "?";
}

int64_t FixedUnitMicros(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMicrosecond:
      return 1;
    case TimeUnit::kMillisecond:
      return 1000;
    case TimeUnit::kSecond:
      return kMicrosPerSecond;
    case TimeUnit::kMinute:
      return 60 * kMicrosPerSecond;
    case TimeUnit::kHour:
      return 3600 * kMicrosPerSecond;
    case TimeUnit::kDay:
      return kMicrosPerDay;
    case TimeUnit::kWeek:
      return 7 * kMicrosPerDay;
    default:
      return 0;
  }
}

int CalendarUnitMonths(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMonth:
      return 1;
    case TimeUnit::kQuarter:
      return 3;
    case TimeUnit::kYear:
      return 12;
    default:
      return 0;
  }
}

CivilDate CivilOfDayFallback(int64_t day) {
  CivilDate date;
  CivilFromDays(static_cast<int32_t>(day), &date.year, &date.month, &date.day);
  return date;
}

int64_t DayOfCivilFallback(int year, unsigned month, unsigned day) {
  return DaysFromCivil(year, month, day);
}

int64_t AddMonthsToDay(int64_t day, int64_t months) {
  const CivilDate date = CivilOfDay(day);
  const int64_t total = static_cast<int64_t>(date.year) * 12 + (date.month - 1) + months;
  const int year = static_cast<int>(FloorDiv(total, 12));
  const unsigned month = static_cast<unsigned>(FloorMod(total, 12)) + 1;
  return DayOfCivil(year, month, std::min(date.day, DaysInMonth(year, month)));
}

int64_t TodayIn(const TimeZone& zone, const EvalContext* context) {
  const int64_t now = context ? context->now_micros : 0;
  return FloorDiv(zone.ToLocal(FloorDiv(now, kMicrosPerSecond)), kSecondsPerDay);
}

Status ReadInstants(const KernelArg& arg, size_t rows, const TimeZone& zone,
                    const EvalContext* context, std::string_view function, InstantColumn* column) {
  const TypeId id = arg.type().id();
  const size_t count = arg.constant ? 1 : rows;
  column->constant = arg.constant;
  if (id == TypeId::kDateTime) {
    column->values = arg.vector->data<int64_t>();
    return Status::OK();
  }
  column->owned.resize(count);
  column->values = column->owned.data();
  if (id == TypeId::kNothing) return Status::OK();
  if (id == TypeId::kDate) {
    ZoneCursor cursor(zone);
    const int32_t* days = arg.vector->data<int32_t>();
    for (size_t row = 0; row < count; ++row) {
      column->owned[row] = StartOfLocalDay(days[row], &cursor);
    }
    return Status::OK();
  }
  if (!arg.type().is_string_like()) {
    return InvalidArgument("{} needs a Date or DateTime, not {}", function, arg.type().ToString());
  }
  ZoneCursor cursor(zone);
  const int64_t today = TodayIn(zone, context);  // For texts without a year.
  Status status;
  ForEachString(arg, count, [&](size_t row, std::string_view text) {
    if (!status.ok() || arg.vector->IsNull(row)) return;
    if (!ParseDateTimeBestEffort(text, today, &cursor, &column->owned[row])) {
      status = InvalidArgument("{}: cannot read \"{}\" as a DateTime", function, text);
    }
  });
  return status;
}

int64_t AddToInstant(int64_t micros, TimeUnit unit, int64_t count, MoveCursors* cursors) {
  if (const int64_t length = FixedUnitMicros(unit); length != 0 && unit < TimeUnit::kDay) {
    return static_cast<int64_t>(static_cast<uint64_t>(micros) +
                                static_cast<uint64_t>(count) * static_cast<uint64_t>(length));
  }
  LocalTime time = LocalTimeOf(micros, &cursors->from);
  time.day = AddToDay(time.day, unit, count);
  return InstantOf(time, &cursors->to);
}

int64_t AddToDay(int64_t day, TimeUnit unit, int64_t count) {
  switch (unit) {
    case TimeUnit::kDay:
      return day + count;
    case TimeUnit::kWeek:
      return day + 7 * count;
    default:
      return AddMonthsToDay(day, count * CalendarUnitMonths(unit));
  }
}

YearWeek WeekOfDay(int64_t day, int mode) {
  // MySQL's week modes, as ClickHouse implements them (DateLUTImpl::toYearWeek): bit 0 =
  // weeks start on Monday, bit 1 = week numbers 1…53 (else 0…53), bit 2 = week 1 is the first
  // with a first-day-of-week (else the first with four or more days), bit 3 = week 1 is the
  // one holding January 1.
  const CivilDate date = CivilOfDay(day);
  const bool monday_first = mode & 1;
  if (mode & 8) {
    // The week of the week's last day decides the year; week 1 holds January 1.
    const int64_t offset = monday_first ? 0 : 1;
    const int year = CivilOfDay(day + 7 - IsoWeekday(day + offset)).year;
    int64_t first = DayOfCivil(year, 1, 1);
    int64_t start = day;
    if (monday_first) {
      first -= IsoWeekday(first) - 1;
      start -= IsoWeekday(start) - 1;
    } else {
      if (IsoWeekday(first) != 7) first -= IsoWeekday(first);
      if (IsoWeekday(start) != 7) start -= IsoWeekday(start);
    }
    return {year, static_cast<int>((start - first) / 7 + 1)};
  }
  int format = mode & 7;
  if (!(format & 1)) format ^= 4;
  const bool week_year = format & 2;
  const bool first_weekday = format & 4;
  bool year_mode = week_year;
  YearWeek result{date.year, 0};
  int64_t first_day = DayOfCivil(date.year, 1, 1);
  // Weekday of January 1, 0 = the first day of the week.
  int64_t weekday = monday_first ? IsoWeekday(first_day) - 1 : IsoWeekday(first_day) % 7;
  auto days_in_year = [](int year) { return IsLeapYear(year) ? 366 : 365; };
  const bool first_counts = first_weekday ? weekday != 0 : weekday >= 4;
  if (date.month == 1 && static_cast<int64_t>(date.day) <= 7 - weekday) {
    if (!year_mode && first_counts) return result;
    year_mode = true;
    --result.year;
    const int days = days_in_year(result.year);
    first_day -= days;
    weekday = (weekday + 53 * 7 - days) % 7;
  }
  int64_t days;
  if (first_weekday ? weekday != 0 : weekday >= 4) {
    days = day - (first_day + (7 - weekday));
  } else {
    days = day - (first_day - weekday);
  }
  if (year_mode && days >= 52 * 7) {
    weekday = (weekday + days_in_year(result.year)) % 7;
    if (first_weekday ? weekday == 0 : weekday < 4) {
      ++result.year;
      result.week = 1;
      return result;
    }
  }
  result.week = static_cast<int>(days / 7 + 1);
  return result;
}

int64_t StartOfWeekDay(int64_t day, int mode) {
  const int weekday = IsoWeekday(day);
  if (mode & 1) return day - (weekday - 1);
  return weekday == 7 ? day : day - weekday;
}

}  // namespace larder::functions
