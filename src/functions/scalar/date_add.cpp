// Moving dates and times: addSeconds … addYears, subtractSeconds … subtractYears,
// dateAdd / dateSub ('unit', n, t) or (t, INTERVAL n unit) with their date_add / date_sub
// spellings, and timeStampAdd / timeStampSub (t, INTERVAL). Seconds, minutes and hours are
// elapsed time; days and longer move along the calendar of the query's time zone and keep the
// wall-clock time (ClickHouse adds calendar units in the time zone), months clamping to the
// last day of a shorter month. Dates stay Dates for days and longer; adding hours, minutes or
// seconds to a Date gives a DateTime from its local midnight.
#include "functions/registration.h"
#include "functions/scalar/date_common.h"
#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {
namespace {

// Writes `time` moved by `sign` × `count` units into `out` (Date or DateTime, per its type).
Status Move(const KernelCall& call, const KernelArg& time, const KernelArg& count, TimeUnit unit,
            int64_t sign, std::string_view function, ColumnVector* out) {
  if (out->type().id() == TypeId::kDate) {
    if (time.type().id() != TypeId::kDate || unit < TimeUnit::kDay) {
      return InvalidArgument("{}: cannot add {}s to a Date; convert it with toDateTime(…) first",
                             function, TimeUnitName(unit));
    }
    int32_t* values = AppendSlots<int32_t>(out, call.rows);
    const int32_t* days = time.vector->data<int32_t>();
    for (size_t row = 0; row < call.rows; ++row) {
      values[row] =
          static_cast<int32_t>(AddToDay(days[time.Row(row)], unit, sign * IntegerAt(count, row)));
    }
    return Status::OK();
  }
  LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, call.args.size(), function));
  InstantColumn instants;
  LARDER_RETURN_IF_ERROR(ReadInstants(time, call.rows, *zone, call.context, function, &instants));
  MoveCursors cursors(*zone);
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  for (size_t row = 0; row < call.rows; ++row) {
    values[row] = AddToInstant(instants[row], unit, sign * IntegerAt(count, row), &cursors);
  }
  return Status::OK();
}

// addDays(t, n) and friends.
ScalarKernel AddUnits(std::string function, TimeUnit unit, int64_t sign) {
  return [function = std::move(function), unit, sign](const KernelCall& call, ColumnVector* out) {
    return Move(call, call.args[0], call.args[1], unit, sign, function, out);
  };
}

// dateAdd('unit', n, t) or dateAdd(t, INTERVAL n unit).
ScalarKernel DateAdd(std::string function, int64_t sign) {
  return [function = std::move(function), sign](const KernelCall& call,
                                                ColumnVector* out) -> Status {
    if (call.args.size() == 2) {
      return Move(call, call.args[0], call.args[1], IntervalTypeUnit(call.args[1].type()), sign,
                  function, out);
    }
    LARDER_ASSIGN_OR_RETURN(std::string_view text, ConstantTextArgument(call, 0, function, "unit"));
    std::optional<TimeUnit> unit = ParseTimeUnit(text);
    if (!unit) {
      return InvalidArgument(
          "{}: unknown unit '{}'; use second, minute, hour, day, week, month, quarter or year",
          function, text);
    }
    return Move(call, call.args[2], call.args[1], *unit, sign, function, out);
  };
}

bool AnyNullable(const std::vector<LogicalType>& args) {
  for (const LogicalType& arg : args) {
    if (arg.nullable()) return true;
  }
  return false;
}

// The type of the moved value: a Date stays a Date for days and longer (and for a unit given
// as text, which is not known at bind time); anything else becomes a DateTime.
LogicalType MovedType(const LogicalType& time, std::optional<TimeUnit> unit, bool nullable) {
  const bool date = time.id() == TypeId::kDate && (!unit || *unit >= TimeUnit::kDay);
  return (date ? kDate : kDateTime).WithNullable(nullable);
}

ReturnTypeRule UnitsType(TimeUnit unit) {
  return [unit](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    return MovedType(args.at(0), unit, AnyNullable(args));
  };
}

bool IsTimeOrNull(const LogicalType& type) {
  const TypeId id = type.id();
  return id == TypeId::kDate || id == TypeId::kDateTime || id == TypeId::kString ||
         id == TypeId::kNothing;
}

Result<LogicalType> DateAddType(const std::vector<LogicalType>& args) {
  if (args.size() == 2) {
    if (!IsTimeOrNull(args[0])) {
      return InvalidArgument("argument 1 must be a Date or DateTime, not {}", args[0].ToString());
    }
    if (args[1].id() != TypeId::kInterval && args[1].id() != TypeId::kNothing) {
      return InvalidArgument("with two arguments, the second must be an INTERVAL, not {}",
                             args[1].ToString());
    }
    std::optional<TimeUnit> unit;
    if (args[1].id() == TypeId::kInterval) unit = IntervalTypeUnit(args[1]);
    return MovedType(args[0], unit, AnyNullable(args));
  }
  const LogicalType& time = args.at(2);
  if (!args[0].is_string_like() && args[0].id() != TypeId::kNothing) {
    return InvalidArgument("argument 1 must be the unit as a String, not {}", args[0].ToString());
  }
  if (!IsTimeOrNull(time)) {
    return InvalidArgument("argument 3 must be a Date or DateTime, not {}", time.ToString());
  }
  if (args[1].id() != TypeId::kInt64 && args[1].id() != TypeId::kBool &&
      args[1].id() != TypeId::kFloat64 && args[1].id() != TypeId::kNothing) {
    return InvalidArgument("argument 2 must be a number, not {}", args[1].ToString());
  }
  return MovedType(time, std::nullopt, AnyNullable(args));
}

}  // namespace

void RegisterDateAddition(FunctionRegistry* r) {
  using K = DateArgKind;
  struct Unit {
    const char* name;
    TimeUnit unit;
  };
  for (const Unit& unit : {Unit{"Seconds", TimeUnit::kSecond}, Unit{"Minutes", TimeUnit::kMinute},
                           Unit{"Hours", TimeUnit::kHour}, Unit{"Days", TimeUnit::kDay},
                           Unit{"Weeks", TimeUnit::kWeek}, Unit{"Months", TimeUnit::kMonth},
                           Unit{"Quarters", TimeUnit::kQuarter}, Unit{"Years", TimeUnit::kYear}}) {
    for (int64_t sign : {1, -1}) {
      std::string name = std::string(sign > 0 ? "add" : "subtract") + unit.name;
      Scalar(r, name, 2, 2, DateArgs(name, {K::kTime, K::kNumber}, UnitsType(unit.unit)),
             AddUnits(name, unit.unit, sign));
    }
  }
  for (const char* name : {"dateAdd", "date_add", "dateSub", "date_sub"}) {
    const int64_t sign = std::string_view(name).find("dd") != std::string_view::npos ? 1 : -1;
    Scalar(r, name, 2, 3, DateAddType, DateAdd(name, sign));
  }
  for (const char* name : {"timeStampAdd", "timeStampSub"}) {
    const int64_t sign = std::string_view(name).ends_with("Add") ? 1 : -1;
    Scalar(r, name, 2, 2, DateArgs(name, {K::kTime, K::kInterval}, DateAddType),
           DateAdd(name, sign));
  }
}

}  // namespace larder::functions
