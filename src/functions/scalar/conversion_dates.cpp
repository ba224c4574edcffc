// Conversions to dates and times, each with an optional time zone (else the query's):
//   toDate(x [, zone]): a DateTime's local date; text as parseDateTimeBestEffort reads it (its
//     date part, or the local date of a timestamp or of a time with an offset); numbers below
//     65536 as day numbers, larger ones as unix seconds (ClickHouse's rule).
//   toDateTime(x [, zone]): text read best-effort in the zone (as HogQL's toDateTime reads
//     strings); numbers as unix seconds (Float64 and Decimal keep fractions to the µs); Dates at
//     their local midnight.
//   toDateTime64(x [, precision [, zone]]): toDateTime cut to `precision` fraction digits
//     (Larder keeps at most six).
//   parseDateTimeBestEffort(text [, zone]).
// OrZero forms give 1970-01-01 (00:00:00 UTC).
#include <cmath>

#include "functions/scalar/conversion_common.h"
#include "functions/scalar/date_common.h"
#include "functions/scalar/datetime_text.h"

namespace larder::functions {
namespace {

bool IsNumeric(TypeId id) {
  return id == TypeId::kInt64 || id == TypeId::kBool || id == TypeId::kFloat64 ||
         id == TypeId::kDecimal;
}

bool AcceptsTime(const LogicalType& type) {
  const TypeId id = type.id();
  return IsNumeric(id) || id == TypeId::kDate || id == TypeId::kDateTime || type.is_string_like();
}

Int128 Pow10(int exponent) {
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

// A number of seconds as µs: integers exactly, floats to the µs (floored), decimals truncated
// to the µs. False when out of range.
bool SecondsToMicros(const KernelArg& arg, size_t row, int64_t* micros) {
  switch (arg.type().id()) {
    case TypeId::kFloat64: {
      const double value = std::floor(arg.Get<double>(row) * 1e6);
      if (!(std::fabs(value) < 9.2e18)) return false;
      *micros = static_cast<int64_t>(value);
      return true;
    }
    case TypeId::kDecimal: {
      const int scale = arg.type().scale();
      const Int128 raw = arg.Get<Int128>(row);
      const Int128 value = scale >= 6 ? raw / Pow10(scale - 6) : raw * Pow10(6 - scale);
      if (value > INT64_MAX || value < INT64_MIN) return false;
      *micros = static_cast<int64_t>(value);
      return true;
    }
    default: {
      const int64_t seconds = IntegerAt(arg, row);
      return !__builtin_mul_overflow(seconds, kMicrosPerSecond, micros);
    }
  }
}

std::string ValueText(const KernelArg& arg, size_t row) {
  switch (arg.type().id()) {
    case TypeId::kFloat64:
      return fmt::format("{}", arg.Get<double>(row));
    case TypeId::kDecimal:
      return FormatDecimal(arg.Get<Int128>(row), arg.type().scale());
    default:
      return std::to_string(IntegerAt(arg, row));
  }
}

ScalarKernel ToDateKernel(std::string function, OnFailure on_failure) {
  return [function, on_failure](const KernelCall& call, ColumnVector* out) -> Status {
    LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, 1, function));
    const KernelArg& arg = call.args[0];
    ConversionWriter<int32_t> writer(out, call.rows, on_failure, function, "Date");
    ZoneCursor cursor(*zone);
    auto local_day = [&](int64_t micros) {
      return static_cast<int32_t>(LocalTimeOf(micros, &cursor).day);
    };
    switch (arg.type().id()) {
      case TypeId::kDate:
        for (size_t row = 0; row < call.rows; ++row) writer.Set(row, arg.Get<int32_t>(row));
        return Status::OK();
      case TypeId::kDateTime:
        for (size_t row = 0; row < call.rows; ++row) {
          writer.Set(row, local_day(arg.Get<int64_t>(row)));
        }
        return Status::OK();
      case TypeId::kString:
      case TypeId::kJson: {
        const int64_t today = TodayIn(*zone, call.context);
        Status status;
        ForEachString(arg, call.rows, [&](size_t row, std::string_view text) {
          DateTimeText parsed;
          int64_t day = 0, micros = 0;
          bool ok = ParseDateTimeText(text, &parsed);
          if (ok && (parsed.is_timestamp || parsed.has_offset)) {
            ok = ResolveInstant(parsed, today, &cursor, &micros);
            day = local_day(micros);
          } else if (ok) {
            ok = ResolveDate(parsed, today, &day);
          }
          if (ok) {
            writer.Set(row, static_cast<int32_t>(day));
          } else if (status.ok() && !arg.IsNull(row)) {
            status = writer.Fail(row, text, true);
          }
        });
        return status;
      }
      default:
        for (size_t row = 0; row < call.rows; ++row) {
          int64_t micros = 0;
          double number = static_cast<double>(IntegerAt(arg, row));
          if (arg.type().id() == TypeId::kFloat64) number = arg.Get<double>(row);
          if (arg.type().id() == TypeId::kDecimal) {
            number = static_cast<double>(arg.Get<Int128>(row)) / std::pow(10.0, arg.type().scale());
          }
          if (number < 65536) {
            if (!(number > -2147483648.0)) {
              if (!arg.IsNull(row))
                LARDER_RETURN_IF_ERROR(writer.Fail(row, ValueText(arg, row), false));
              continue;
            }
            writer.Set(row, static_cast<int32_t>(std::trunc(number)));
          } else if (SecondsToMicros(arg, row, &micros)) {
            writer.Set(row, local_day(micros));
          } else if (!arg.IsNull(row)) {
            LARDER_RETURN_IF_ERROR(writer.Fail(row, ValueText(arg, row), false));
          }
        }
        return Status::OK();
    }
  };
}

// toDateTime, toDateTime64 (`precision_index` 1: its precision argument) and
// parseDateTimeBestEffort.
ScalarKernel DateTimeKernel(std::string function, OnFailure on_failure, size_t precision_index) {
  return
      [function, on_failure, precision_index](const KernelCall& call, ColumnVector* out) -> Status {
        int64_t precision = 6;
        if (precision_index != 0 && call.args.size() > precision_index) {
          LARDER_ASSIGN_OR_RETURN(
              precision, ConstantIntegerArgument(call, precision_index, function, "precision"));
          if (precision < 0 || precision > 9) {
            return InvalidArgument("{}: precision {} is out of range 0 to 9", function, precision);
          }
        }
        const size_t zone_index = precision_index != 0 ? precision_index + 1 : 1;
        LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, zone_index, function));
        const KernelArg& arg = call.args[0];
        ConversionWriter<int64_t> writer(out, call.rows, on_failure, function, "DateTime");
        switch (arg.type().id()) {
          case TypeId::kDateTime:
            for (size_t row = 0; row < call.rows; ++row) writer.Set(row, arg.Get<int64_t>(row));
            break;
          case TypeId::kDate: {
            ZoneCursor cursor(*zone);
            for (size_t row = 0; row < call.rows; ++row) {
              writer.Set(row, StartOfLocalDay(arg.Get<int32_t>(row), &cursor));
            }
            break;
          }
          case TypeId::kString:
          case TypeId::kJson: {
            ZoneCursor cursor(*zone);
            const int64_t today = TodayIn(*zone, call.context);
            Status status;
            ForEachString(arg, call.rows, [&](size_t row, std::string_view text) {
              int64_t micros = 0;
              if (ParseDateTimeBestEffort(text, today, &cursor, &micros)) {
                writer.Set(row, micros);
              } else if (status.ok() && !arg.IsNull(row)) {
                status = writer.Fail(row, text, true);
              }
            });
            LARDER_RETURN_IF_ERROR(status);
            break;
          }
          default:
            for (size_t row = 0; row < call.rows; ++row) {
              int64_t micros = 0;
              if (SecondsToMicros(arg, row, &micros)) {
                writer.Set(row, micros);
              } else if (!arg.IsNull(row)) {
                LARDER_RETURN_IF_ERROR(writer.Fail(row, ValueText(arg, row), false));
              }
            }
            break;
        }
        if (precision < 6) {
          const int64_t unit = static_cast<int64_t>(Pow10(6 - static_cast<int>(precision)));
          int64_t* values = out->mutable_data<int64_t>() + (out->size() - call.rows);
          for (size_t row = 0; row < call.rows; ++row)
            values[row] = FloorDiv(values[row], unit) * unit;
        }
        return Status::OK();
      };
}

}  // namespace

void RegisterDateConversions(FunctionRegistry* r) {
  RegisterConversion(r, "toDate", 1, 2, kDate, AcceptsTime, ToDateKernel);
  RegisterConversion(r, "toDateTime", 1, 2, kDateTime, AcceptsTime,
                     [](std::string function, OnFailure on_failure) {
                       return DateTimeKernel(std::move(function), on_failure, 0);
                     });
  RegisterConversion(r, "toDateTime64", 1, 3, kDateTime, AcceptsTime,
                     [](std::string function, OnFailure on_failure) {
                       return DateTimeKernel(std::move(function), on_failure, 1);
                     });
  RegisterConversion(
      r, "parseDateTimeBestEffort", 1, 2, kDateTime,
      [](const LogicalType& type) { return type.is_string_like(); },
      [](std::string function, OnFailure on_failure) {
        return DateTimeKernel(std::move(function), on_failure, 0);
      });
}

}  // namespace larder::functions
