// Fields of dates and times: toYear, toQuarter, toMonth, toDayOfMonth, toDayOfWeek, toDayOfYear,
// toHour, toMinute, toSecond, toYYYYMM, toYYYYMMDD, toISOWeek, toWeek, toUnixTimestamp. Each
// takes a Date, a DateTime or a String (read as a date and time) and an optional time zone;
// results are Int64 (ClickHouse's UInt8 / UInt16 / UInt32 widened).
#include "functions/registration.h"
#include "functions/scalar/date_common.h"
#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {
namespace {

// A kernel writing part(LocalTime, mode) for every row. `mode_index`: the constant mode
// argument (toWeek, toDayOfWeek), or 0 for none; the time zone follows it.
template <typename Part>
ScalarKernel PartKernel(std::string function, size_t mode_index, Part part) {
  return [function = std::move(function), mode_index, part](const KernelCall& call,
                                                            ColumnVector* out) -> Status {
    int64_t mode = 0;
    if (mode_index != 0 && call.args.size() > mode_index) {
      LARDER_ASSIGN_OR_RETURN(mode, ConstantIntegerArgument(call, mode_index, function, "mode"));
    }
    const size_t zone_index = mode_index != 0 ? mode_index + 1 : 1;
    LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, zone_index, function));
    int64_t* values = AppendSlots<int64_t>(out, call.rows);
    const int mode_bits = static_cast<int>(mode);
    return ForEachLocalTime(
        call.args[0], call.rows, *zone, call.context, function,
        [&](size_t row, const LocalTime& time) { values[row] = part(time, mode_bits); });
  };
}

int64_t Year(const LocalTime& time, int) { return CivilOfDay(time.day).year; }
int64_t Quarter(const LocalTime& time, int) { return (CivilOfDay(time.day).month - 1) / 3 + 1; }
int64_t Month(const LocalTime& time, int) { return CivilOfDay(time.day).month; }
int64_t DayOfMonth(const LocalTime& time, int) { return CivilOfDay(time.day).day; }
int64_t DayOfYear(const LocalTime& time, int) {
  return time.day - DayOfCivil(CivilOfDay(time.day).year, 1, 1) + 1;
}
int64_t Hour(const LocalTime& time, int) { return time.second / 3600; }
int64_t Minute(const LocalTime& time, int) { return time.second / 60 % 60; }
int64_t Second(const LocalTime& time, int) { return time.second % 60; }
int64_t YearMonth(const LocalTime& time, int) {
  const CivilDate date = CivilOfDay(time.day);
  return static_cast<int64_t>(date.year) * 100 + date.month;
}
int64_t YearMonthDay(const LocalTime& time, int) {
  const CivilDate date = CivilOfDay(time.day);
  return static_cast<int64_t>(date.year) * 10000 + date.month * 100 + date.day;
}
int64_t IsoWeek(const LocalTime& time, int) { return WeekOfDay(time.day, 3).week; }
int64_t Week(const LocalTime& time, int mode) { return WeekOfDay(time.day, mode).week; }
// Mode 0: Monday 1 … Sunday 7; 1: Monday 0 … Sunday 6; 2: Sunday 0 … Saturday 6;
// 3: Sunday 1 … Saturday 7.
int64_t DayOfWeek(const LocalTime& time, int mode) {
  int64_t weekday = IsoWeekday(time.day);
  const int kind = mode & 3;
  if (kind >= 2) weekday = weekday % 7 + 1;
  if (kind == 1 || kind == 2) --weekday;
  return weekday;
}

// toUnixTimestamp(t [, zone]): whole seconds since the epoch (Dates at their local midnight,
// strings read in the zone).
Status UnixTimestamp(const KernelCall& call, ColumnVector* out) {
  LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, 1, "toUnixTimestamp"));
  InstantColumn instants;
  LARDER_RETURN_IF_ERROR(
      ReadInstants(call.args[0], call.rows, *zone, call.context, "toUnixTimestamp", &instants));
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  for (size_t row = 0; row < call.rows; ++row) {
    values[row] = FloorDiv(instants[row], kMicrosPerSecond);
  }
  return Status::OK();
}

}  // namespace

void RegisterDateParts(FunctionRegistry* r) {
  using K = DateArgKind;
  struct Part {
    const char* name;
    int64_t (*part)(const LocalTime&, int);
  };
  for (const Part& part :
       {Part{"toYear", Year}, Part{"toQuarter", Quarter}, Part{"toMonth", Month},
        Part{"toDayOfMonth", DayOfMonth}, Part{"toDayOfYear", DayOfYear}, Part{"toHour", Hour},
        Part{"toMinute", Minute}, Part{"toSecond", Second}, Part{"toYYYYMM", YearMonth},
        Part{"toYYYYMMDD", YearMonthDay}, Part{"toISOWeek", IsoWeek}}) {
    Scalar(r, part.name, 1, 2, DateArgs(part.name, {K::kTime, K::kText}, Propagating(kInt)),
           PartKernel(part.name, 0, part.part));
  }
  for (const Part& part : {Part{"toDayOfWeek", DayOfWeek}, Part{"toWeek", Week}}) {
    Scalar(r, part.name, 1, 3,
           DateArgs(part.name, {K::kTime, K::kNumber, K::kText}, Propagating(kInt)),
           PartKernel(part.name, 1, part.part));
  }
  Scalar(r, "toUnixTimestamp", 1, 2,
         DateArgs("toUnixTimestamp", {K::kTime, K::kText}, Propagating(kInt)), UnixTimestamp);
}

}  // namespace larder::functions
