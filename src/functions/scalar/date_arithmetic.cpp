#include "functions/scalar/date_arithmetic.h"

#include "functions/scalar/date_common.h"
#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {
namespace {

bool IsDateOrTime(TypeId id) { return id == TypeId::kDate || id == TypeId::kDateTime; }

// Date − Date in days, anything else with a DateTime in seconds (a Date counting from its
// midnight UTC, as before time zones mattered here).
Status Difference(const KernelCall& call, ColumnVector* out) {
  const KernelArg& a = call.args[0];
  const KernelArg& b = call.args[1];
  const bool days = a.type().id() == TypeId::kDate && b.type().id() == TypeId::kDate;
  auto micros = [](const KernelArg& arg, size_t row) {
    const int64_t value = IntegerAt(arg, row);
    return arg.type().id() == TypeId::kDate ? value * kMicrosPerDay : value;
  };
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  for (size_t row = 0; row < call.rows; ++row) {
    const int64_t difference = micros(a, row) - micros(b, row);
    values[row] = difference / (days ? kMicrosPerDay : kMicrosPerSecond);
  }
  return Status::OK();
}

}  // namespace

Result<int64_t> AddInterval(TypeId type, int64_t value, std::string_view unit, int64_t count,
                            const TimeZone& zone) {
  std::optional<TimeUnit> parsed = ParseTimeUnit(unit);
  if (!parsed) return InvalidArgument("unknown interval unit {}", unit);
  if (type == TypeId::kDate) {
    if (*parsed < TimeUnit::kDay) {
      return InvalidArgument("cannot add {}s to a Date; convert it with toDateTime first", unit);
    }
    return AddToDay(value, *parsed, count);
  }
  MoveCursors cursors(zone);
  return AddToInstant(value, *parsed, count, &cursors);
}

Result<int64_t> AddInterval(TypeId type, int64_t value, std::string_view unit, int64_t count) {
  LARDER_ASSIGN_OR_RETURN(const TimeZone* utc, LookupTimeZone("UTC"));
  return AddInterval(type, value, unit, count, *utc);
}

Status DateArithmetic(const KernelCall& call, bool subtract, ColumnVector* out) {
  const KernelArg* date = &call.args[0];
  const KernelArg* other = &call.args[1];
  const TypeId a = date->type().id(), b = other->type().id();
  if (IsDateOrTime(a) && IsDateOrTime(b)) {
    if (!subtract) return InvalidArgument("cannot add two dates");
    return Difference(call, out);
  }
  if (!IsDateOrTime(a)) {
    if (subtract || !IsDateOrTime(b)) {
      return InvalidArgument("cannot subtract a date from a number or an interval");
    }
    std::swap(date, other);
  }
  const TypeId date_type = date->type().id();
  const bool interval = other->type().id() == TypeId::kInterval;
  const TimeUnit unit = interval
                            ? IntervalTypeUnit(other->type())
                            : (date_type == TypeId::kDate ? TimeUnit::kDay : TimeUnit::kSecond);
  LARDER_CHECK(call.result_type.id() == date_type);
  const int64_t sign = subtract ? -1 : 1;
  if (date_type == TypeId::kDate) {
    if (unit < TimeUnit::kDay) {
      return InvalidArgument("cannot add {}s to a Date; convert it with toDateTime first",
                             TimeUnitName(unit));
    }
    int32_t* values = AppendSlots<int32_t>(out, call.rows);
    const int32_t* days = date->vector->data<int32_t>();
    for (size_t row = 0; row < call.rows; ++row) {
      values[row] =
          static_cast<int32_t>(AddToDay(days[date->Row(row)], unit, sign * IntegerAt(*other, row)));
    }
    return Status::OK();
  }
  LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, call.args.size(), "plus"));
  MoveCursors cursors(*zone);
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  const int64_t* instants = date->vector->data<int64_t>();
  for (size_t row = 0; row < call.rows; ++row) {
    values[row] =
        AddToInstant(instants[date->Row(row)], unit, sign * IntegerAt(*other, row), &cursors);
  }
  return Status::OK();
}

}  // namespace larder::functions
