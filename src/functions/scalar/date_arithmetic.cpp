#include "functions/scalar/date_arithmetic.h"

#include "functions/scalar/kernel_helpers.h"
#include "types/datetime.h"

namespace larder::functions {
namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int64_t SecondsPerUnit(std::string_view unit) {
  if (unit == "second") return 1;
  if (unit == "minute") return 60;
  if (unit == "hour") return 3600;
  if (unit == "day") return 86400;
  if (unit == "week") return 7 * 86400;
  return 0;
}

int MonthsPerUnit(std::string_view unit) {
  if (unit == "month") return 1;
  if (unit == "quarter") return 3;
  if (unit == "year") return 12;
  return 0;
}

int32_t AddMonths(int32_t days, int64_t months) {
  int year = 0;
  unsigned month = 0, day = 0;
  CivilFromDays(days, &year, &month, &day);
  int64_t total = static_cast<int64_t>(year) * 12 + (month - 1) + months;
  int new_year = static_cast<int>(FloorDiv(total, 12));
  unsigned new_month = static_cast<unsigned>(total - static_cast<int64_t>(new_year) * 12) + 1;
  unsigned next_year_month = new_month == 12 ? 1 : new_month + 1;
  int next_year = new_month == 12 ? new_year + 1 : new_year;
  unsigned last_day = static_cast<unsigned>(DaysFromCivil(next_year, next_year_month, 1) -
                                            DaysFromCivil(new_year, new_month, 1));
  return DaysFromCivil(new_year, new_month, std::min(day, last_day));
}

int64_t ReadInt(const KernelArg& arg, size_t row) {
  int64_t value = 0;
  VisitNumeric(arg.type().id(), [&](auto tag) {
    using T = decltype(tag);
    value = static_cast<int64_t>(arg.template Get<T>(row));
  });
  return value;
}

}  // namespace

Result<int64_t> AddInterval(TypeId type, int64_t value, std::string_view unit, int64_t count) {
  if (int months = MonthsPerUnit(unit)) {
    if (type == TypeId::kDate) return AddMonths(static_cast<int32_t>(value), count * months);
    int64_t day = FloorDiv(value, kMicrosPerDay);
    int64_t time_of_day = value - day * kMicrosPerDay;
    return static_cast<int64_t>(AddMonths(static_cast<int32_t>(day), count * months)) *
               kMicrosPerDay +
           time_of_day;
  }
  int64_t seconds = SecondsPerUnit(unit);
  if (seconds == 0) return InvalidArgument("unknown interval unit {}", unit);
  if (type == TypeId::kDate) {
    if (seconds % 86400 != 0) {
      return InvalidArgument("cannot add {}s to a Date; convert it with toDateTime first", unit);
    }
    return value + count * (seconds / 86400);
  }
  return value + count * seconds * kMicrosPerSecond;
}

Status DateArithmetic(const KernelCall& call, bool subtract, ColumnVector* out) {
  const KernelArg* date = &call.args[0];
  const KernelArg* other = &call.args[1];
  TypeId a = date->type().id(), b = other->type().id();
  bool a_temporal = a == TypeId::kDate || a == TypeId::kDateTime;
  bool b_temporal = b == TypeId::kDate || b == TypeId::kDateTime;
  if (a_temporal && b_temporal) {
    if (!subtract) return InvalidArgument("cannot add two dates");
    int64_t* values = AppendSlots<int64_t>(out, call.rows);
    for (size_t row = 0; row < call.rows; ++row) {
      auto micros = [&](const KernelArg& arg) {
        int64_t v = ReadInt(arg, row);
        return arg.type().id() == TypeId::kDate ? v * kMicrosPerDay : v;
      };
      int64_t difference = micros(*date) - micros(*other);
      values[row] = (a == TypeId::kDate && b == TypeId::kDate) ? difference / kMicrosPerDay
                                                               : difference / kMicrosPerSecond;
    }
    return Status::OK();
  }
  if (!a_temporal) {
    if (subtract || !b_temporal) {
      return InvalidArgument("cannot subtract a date from a number or an interval");
    }
    std::swap(date, other);
  }
  TypeId date_type = date->type().id();
  bool interval = other->type().id() == TypeId::kInterval;
  std::string_view unit =
      interval ? other->type().interval_unit() : (date_type == TypeId::kDate ? "day" : "second");
  LARDER_CHECK(call.result_type.id() == date_type);
  for (size_t row = 0; row < call.rows; ++row) {
    int64_t count = ReadInt(*other, row);
    int64_t value = ReadInt(*date, row);
    if (date->IsNull(row) || other->IsNull(row)) count = 0;
    LARDER_ASSIGN_OR_RETURN(int64_t moved,
                            AddInterval(date_type, value, unit, subtract ? -count : count));
    if (date_type == TypeId::kDate) {
      out->Append<int32_t>(static_cast<int32_t>(moved));
    } else {
      out->Append<int64_t>(moved);
    }
  }
  return Status::OK();
}

}  // namespace larder::functions
