// dateDiff('unit', start, end [, zone]) (also date_diff): how many unit boundaries lie between
// two dates or times, as ClickHouse counts them — days, weeks (starting Monday), months,
// quarters and years on the local calendar of the time zone; hours, minutes, seconds and
// smaller in elapsed time (hours aligned with the zone's offset when it is not a whole number
// of hours). So dateDiff('day', '2024-01-01 23:59', '2024-01-02 00:01') is 1 and
// dateDiff('month', '2024-01-31', '2024-02-01') is 1.
#include "functions/registration.h"
#include "functions/scalar/date_common.h"
#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {
namespace {

// The position of a local day on the scale of a calendar unit.
int64_t CalendarNumber(int64_t day, TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kDay:
      return day;
    case TimeUnit::kWeek:
      return FloorDiv(day + 3, 7);  // Weeks start on Monday; 1970-01-01 was a Thursday.
    case TimeUnit::kMonth: {
      const CivilDate date = CivilOfDay(day);
      return static_cast<int64_t>(date.year) * 12 + date.month;
    }
    case TimeUnit::kQuarter: {
      const CivilDate date = CivilOfDay(day);
      return static_cast<int64_t>(date.year) * 4 + (date.month - 1) / 3;
    }
    default:
      return CivilOfDay(day).year;
  }
}

// The position of an instant on the scale of an elapsed-time unit.
int64_t ElapsedNumber(int64_t micros, TimeUnit unit, ZoneCursor* cursor) {
  switch (unit) {
    case TimeUnit::kMicrosecond:
      return micros;
    case TimeUnit::kMillisecond:
      return FloorDiv(micros, 1000);
    case TimeUnit::kSecond:
      return FloorDiv(micros, kMicrosPerSecond);
    case TimeUnit::kMinute:
      return FloorDiv(micros, 60 * kMicrosPerSecond);
    default: {
      const int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
      return FloorDiv(seconds + FloorMod(cursor->OffsetAt(seconds), 3600), 3600);
    }
  }
}

// Argument `index` on the unit's scale, one value per row (or one when constant).
Status Numbers(const KernelCall& call, size_t index, TimeUnit unit, const TimeZone& zone,
               std::vector<int64_t>* numbers) {
  const KernelArg& arg = call.args[index];
  const size_t count = arg.constant ? 1 : call.rows;
  numbers->resize(count);
  if (unit >= TimeUnit::kDay) {
    return ForEachLocalTime(arg, count, zone, call.context, "dateDiff",
                            [&](size_t row, const LocalTime& time) {
                              (*numbers)[row] = CalendarNumber(time.day, unit);
                            });
  }
  InstantColumn instants;
  LARDER_RETURN_IF_ERROR(ReadInstants(arg, count, zone, call.context, "dateDiff", &instants));
  ZoneCursor cursor(zone);
  for (size_t row = 0; row < count; ++row) {
    (*numbers)[row] = ElapsedNumber(instants[row], unit, &cursor);
  }
  return Status::OK();
}

Status DateDiff(const KernelCall& call, ColumnVector* out) {
  LARDER_ASSIGN_OR_RETURN(std::string_view text, ConstantTextArgument(call, 0, "dateDiff", "unit"));
  std::optional<TimeUnit> unit = ParseTimeUnit(text);
  if (!unit) {
    return InvalidArgument(
        "dateDiff: unknown unit '{}'; use second, minute, hour, day, week, month, quarter or "
        "year",
        text);
  }
  LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, 3, "dateDiff"));
  std::vector<int64_t> start, end;
  LARDER_RETURN_IF_ERROR(Numbers(call, 1, *unit, *zone, &start));
  LARDER_RETURN_IF_ERROR(Numbers(call, 2, *unit, *zone, &end));
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  const bool start_constant = start.size() == 1, end_constant = end.size() == 1;
  for (size_t row = 0; row < call.rows; ++row) {
    values[row] = end[end_constant ? 0 : row] - start[start_constant ? 0 : row];
  }
  return Status::OK();
}

}  // namespace

void RegisterDateDiff(FunctionRegistry* r) {
  using K = DateArgKind;
  for (const char* name : {"dateDiff", "date_diff"}) {
    Scalar(r, name, 3, 4,
           DateArgs(name, {K::kText, K::kTime, K::kTime, K::kText}, Propagating(kInt)), DateDiff);
  }
}

}  // namespace larder::functions
