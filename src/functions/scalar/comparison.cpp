// Comparisons: equals, notEquals, less, lessOrEquals, greater, greaterOrEquals, and IS [NOT]
// DISTINCT FROM. Numbers compare by value across types, strings byte-wise, a string against a
// Date or DateTime is parsed (as ClickHouse does), UUIDs with UUIDs or their text.
#include <cmath>

#include "functions/registration.h"
#include "functions/scalar/date_common.h"
#include "functions/scalar/kernel_helpers.h"
#include "types/datetime.h"
#include "types/time_zone.h"

namespace larder::functions {
namespace {

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

template <typename T>
uint8_t Apply(Cmp cmp, const T& a, const T& b) {
  switch (cmp) {
    case Cmp::kEq:
      return a == b;
    case Cmp::kNe:
      return a != b;
    case Cmp::kLt:
      return a < b;
    case Cmp::kLe:
      return a <= b;
    case Cmp::kGt:
      return a > b;
    case Cmp::kGe:
      return a >= b;
  }
  return 0;
}

// An integer against a float, exactly (types/value.h): -1, 0 or 1, or 2 when unordered (NaN).
int CompareIntegerWithFloatOrder(int64_t integer, double value) {
  const std::partial_ordering order = CompareIntegerWithFloat(integer, value);
  return order < 0 ? -1 : order > 0 ? 1 : order == 0 ? 0 : 2;
}

// A three-way order (or 2 for unordered) read through `cmp`.
uint8_t ApplyOrder(Cmp cmp, int order) {
  if (order == 2) return cmp == Cmp::kNe;
  return Apply(cmp, order, 0);
}

// How two argument types are compared.
enum class Domain { kInteger, kFloat, kIntegerFloat, kString, kUuid, kDecimal, kGeneric };

bool IsTemporal(TypeId id) { return id == TypeId::kDate || id == TypeId::kDateTime; }

Domain DomainOf(const LogicalType& a, const LogicalType& b) {
  TypeId x = a.id(), y = b.id();
  if (a.is_string_like() && b.is_string_like()) return Domain::kString;
  if (x == TypeId::kUuid || y == TypeId::kUuid) return Domain::kUuid;
  if (IsTemporal(x) || IsTemporal(y)) return Domain::kInteger;
  // Decimal against Float64: both as Float64 (a float is not cut to the decimal's scale).
  if (x == TypeId::kFloat64 || y == TypeId::kFloat64) {
    if (x == TypeId::kDecimal || y == TypeId::kDecimal) return Domain::kFloat;
  }
  if (x == TypeId::kDecimal || y == TypeId::kDecimal) return Domain::kDecimal;
  if ((x == TypeId::kFloat64 && IsIntegerLike(y)) || (y == TypeId::kFloat64 && IsIntegerLike(x))) {
    return Domain::kIntegerFloat;
  }
  if (x == TypeId::kFloat64 || y == TypeId::kFloat64) return Domain::kFloat;
  if (IsIntegerLike(x) && IsIntegerLike(y)) return Domain::kInteger;
  if ((a.is_string_like() && IsNumberLike(y)) || (b.is_string_like() && IsNumberLike(x))) {
    return Domain::kFloat;
  }
  return Domain::kGeneric;
}

// An argument converted to the comparison's domain; `vector` is the original when no
// conversion is needed.
struct Side {
  ColumnVector converted{LogicalType::Int64()};
  KernelArg arg;
};

// Seconds × 10^6 as µs, held at the ends of Int64 (so order is kept far out of range).
int64_t SaturatingMicros(double micros) {
  if (micros >= 9.2e18) return INT64_MAX;
  if (micros <= -9.2e18) return INT64_MIN;
  return static_cast<int64_t>(micros);
}

// Reads `arg` as integers in the comparison's unit: DateTime µs when `as_datetime` (numbers
// are unix seconds), else its own values (Date days, Int64, Bool); strings are parsed as dates
// or date-times.
Status ToIntegers(const KernelArg& arg, size_t rows, bool as_datetime, const TimeZone& zone,
                  Side* side) {
  size_t count = arg.constant ? 1 : rows;
  ZoneCursor cursor(zone);
  // Dates and date-times written as text are wall-clock times in the query's time zone.
  auto local_midnight = [&](int64_t days) { return cursor.StartOfDay(days) * 1'000'000; };
  side->converted = ColumnVector(LogicalType::Int64());
  int64_t* out = AppendSlots<int64_t>(&side->converted, count);
  TypeId id = arg.type().id();
  if (arg.type().is_string_like()) {
    for (size_t i = 0; i < count; ++i) {
      if (arg.vector->IsNull(i)) continue;
      std::string_view text = arg.vector->GetString(i);
      int32_t days = 0;
      if (as_datetime) {
        int64_t local = 0;
        if (ParseDateTime(text, &local)) {
          int64_t seconds = local / 1'000'000 - (local % 1'000'000 < 0 ? 1 : 0);
          out[i] = cursor.LocalToUtc(seconds) * 1'000'000 + (local - seconds * 1'000'000);
        } else if (ParseDate(text, &days)) {
          out[i] = local_midnight(days);
        } else {
          return InvalidArgument("cannot compare with \"{}\": it is not a DateTime", text);
        }
      } else if (!ParseDate(text, &days)) {
        return InvalidArgument("cannot compare with \"{}\": it is not a Date (YYYY-MM-DD)", text);
      } else {
        out[i] = days;
      }
    }
  } else if (as_datetime && id == TypeId::kFloat64) {
    // Unix seconds with a fraction, to the microsecond.
    const double* in = arg.vector->data<double>();
    for (size_t i = 0; i < count; ++i) out[i] = SaturatingMicros(std::floor(in[i] * 1e6));
  } else {
    VisitNumeric(id, [&](auto tag) {
      using T = decltype(tag);
      const T* in = arg.vector->template data<T>();
      for (size_t i = 0; i < count; ++i) out[i] = static_cast<int64_t>(in[i]);
    });
    if (as_datetime && id == TypeId::kDate) {
      for (size_t i = 0; i < count; ++i) out[i] = local_midnight(out[i]);
    } else if (as_datetime && id != TypeId::kDateTime) {
      // Numbers against a DateTime are unix seconds, as in ClickHouse.
      for (size_t i = 0; i < count; ++i) {
        int64_t micros = 0;
        out[i] = __builtin_mul_overflow(out[i], int64_t{1'000'000}, &micros)
                     ? (out[i] < 0 ? INT64_MIN : INT64_MAX)
                     : micros;
      }
    }
  }
  side->arg = {&side->converted, arg.constant};
  return Status::OK();
}

Status ToFloats(const KernelArg& arg, size_t rows, Side* side) {
  size_t count = arg.constant ? 1 : rows;
  side->converted = ColumnVector(LogicalType::Float64());
  double* out = AppendSlots<double>(&side->converted, count);
  if (arg.type().is_string_like()) {
    for (size_t i = 0; i < count; ++i) {
      if (arg.vector->IsNull(i)) continue;
      std::string text(arg.vector->GetString(i));
      char* end = nullptr;
      out[i] = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0') {
        return InvalidArgument("cannot compare a number with \"{}\"", text);
      }
    }
  } else if (arg.type().id() == TypeId::kDecimal) {
    double factor = std::pow(10.0, arg.type().scale());
    for (size_t i = 0; i < count; ++i) {
      out[i] = static_cast<double>(arg.vector->data<Int128>()[i]) / factor;
    }
  } else {
    VisitNumeric(arg.type().id(), [&](auto tag) {
      using T = decltype(tag);
      const T* in = arg.vector->template data<T>();
      for (size_t i = 0; i < count; ++i) out[i] = static_cast<double>(in[i]);
    });
  }
  side->arg = {&side->converted, arg.constant};
  return Status::OK();
}

Status ToUuids(const KernelArg& arg, size_t rows, Side* side) {
  if (arg.type().id() == TypeId::kUuid) {
    side->arg = arg;
    return Status::OK();
  }
  size_t count = arg.constant ? 1 : rows;
  side->converted = ColumnVector(LogicalType::Uuid());
  Uuid128* out = AppendSlots<Uuid128>(&side->converted, count);
  for (size_t i = 0; i < count; ++i) {
    if (arg.vector->IsNull(i)) continue;
    std::string_view text = arg.vector->GetString(i);
    if (!ParseUuid(text, &out[i])) return InvalidArgument("\"{}\" is not a UUID", text);
  }
  side->arg = {&side->converted, arg.constant};
  return Status::OK();
}

Status ToDecimals(const KernelArg& arg, size_t rows, int scale, Side* side) {
  size_t count = arg.constant ? 1 : rows;
  side->converted = ColumnVector(LogicalType::Decimal(scale));
  Int128* out = AppendSlots<Int128>(&side->converted, count);
  int from = arg.type().id() == TypeId::kDecimal ? arg.type().scale() : 0;
  Int128 factor = 1;
  for (int i = from; i < scale; ++i) factor *= 10;
  for (size_t i = 0; i < count; ++i) {
    Int128 value = 0;
    if (arg.type().id() == TypeId::kDecimal) {
      value = arg.vector->data<Int128>()[i];
    } else {
      VisitNumeric(arg.type().id(), [&](auto tag) {
        using T = decltype(tag);
        value = static_cast<Int128>(arg.vector->template data<T>()[i]);
      });
    }
    out[i] = value * factor;
  }
  side->arg = {&side->converted, arg.constant};
  return Status::OK();
}

void CompareStrings(Cmp cmp, const KernelArg& a, const KernelArg& b, size_t rows, uint8_t* out) {
  if (b.constant) {
    std::string_view value = b.vector->IsNull(0) ? std::string_view() : b.GetString(0);
    ForEachString(a, rows,
                  [&](size_t row, std::string_view s) { out[row] = Apply(cmp, s, value); });
  } else if (a.constant) {
    std::string_view value = a.vector->IsNull(0) ? std::string_view() : a.GetString(0);
    ForEachString(b, rows,
                  [&](size_t row, std::string_view s) { out[row] = Apply(cmp, value, s); });
  } else {
    for (size_t row = 0; row < rows; ++row) {
      out[row] = Apply(cmp, a.GetString(row), b.GetString(row));
    }
  }
}

Status Compare(Cmp cmp, const KernelCall& call, uint8_t* out) {
  const KernelArg& a = call.args[0];
  const KernelArg& b = call.args[1];
  size_t rows = call.rows;
  auto compare = [&](const KernelArg& x, const KernelArg& y, auto tag) {
    using T = decltype(tag);
    BinaryLoop<T, T>(x, y, rows, out, [cmp](T p, T q) { return Apply(cmp, p, q); });
  };
  Side x, y;
  switch (DomainOf(a.type(), b.type())) {
    case Domain::kString:
      CompareStrings(cmp, a, b, rows, out);
      return Status::OK();
    case Domain::kInteger: {
      bool datetime = a.type().id() == TypeId::kDateTime || b.type().id() == TypeId::kDateTime;
      // Text compared with a DateTime('zone') is a wall-clock time in that zone.
      LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ImplicitZone(call));
      LARDER_RETURN_IF_ERROR(ToIntegers(a, rows, datetime, *zone, &x));
      LARDER_RETURN_IF_ERROR(ToIntegers(b, rows, datetime, *zone, &y));
      compare(x.arg, y.arg, int64_t{});
      return Status::OK();
    }
    case Domain::kIntegerFloat: {
      const bool float_first = a.type().id() == TypeId::kFloat64;
      const TimeZone& utc = *LookupTimeZone("UTC").value();
      LARDER_RETURN_IF_ERROR(ToIntegers(float_first ? b : a, rows, false, utc, &x));
      const KernelArg& floats = float_first ? a : b;
      if (float_first) {
        BinaryLoop<double, int64_t>(floats, x.arg, rows, out, [cmp](double p, int64_t q) {
          const int order = CompareIntegerWithFloatOrder(q, p);
          return ApplyOrder(cmp, order == 2 ? 2 : -order);
        });
      } else {
        BinaryLoop<int64_t, double>(x.arg, floats, rows, out, [cmp](int64_t p, double q) {
          return ApplyOrder(cmp, CompareIntegerWithFloatOrder(p, q));
        });
      }
      return Status::OK();
    }
    case Domain::kFloat:
      LARDER_RETURN_IF_ERROR(ToFloats(a, rows, &x));
      LARDER_RETURN_IF_ERROR(ToFloats(b, rows, &y));
      compare(x.arg, y.arg, double{});
      return Status::OK();
    case Domain::kUuid:
      LARDER_RETURN_IF_ERROR(ToUuids(a, rows, &x));
      LARDER_RETURN_IF_ERROR(ToUuids(b, rows, &y));
      compare(x.arg, y.arg, Uuid128{});
      return Status::OK();
    case Domain::kDecimal: {
      int scale = std::max(a.type().id() == TypeId::kDecimal ? a.type().scale() : 0,
                           b.type().id() == TypeId::kDecimal ? b.type().scale() : 0);
      LARDER_RETURN_IF_ERROR(ToDecimals(a, rows, scale, &x));
      LARDER_RETURN_IF_ERROR(ToDecimals(b, rows, scale, &y));
      compare(x.arg, y.arg, Int128{});
      return Status::OK();
    }
    case Domain::kGeneric:
      break;
  }
  for (size_t row = 0; row < rows; ++row) {
    if (a.IsNull(row) || b.IsNull(row)) {
      out[row] = 0;
      continue;
    }
    std::partial_ordering order =
        a.vector->GetValue(a.Row(row)).Compare(b.vector->GetValue(b.Row(row)));
    out[row] = cmp == Cmp::kEq   ? order == 0
               : cmp == Cmp::kNe ? order != 0
               : cmp == Cmp::kLt ? order < 0
               : cmp == Cmp::kLe ? order <= 0
               : cmp == Cmp::kGt ? order > 0
                                 : order >= 0;
  }
  return Status::OK();
}

ScalarKernel ComparisonKernel(Cmp cmp) {
  return [cmp](const KernelCall& call, ColumnVector* out) {
    return Compare(cmp, call, AppendSlots<uint8_t>(out, call.rows));
  };
}

// IS [NOT] DISTINCT FROM: like = / != but NULL equals NULL and differs from everything else.
ScalarKernel DistinctKernel(bool distinct) {
  return [distinct](const KernelCall& call, ColumnVector* out) -> Status {
    uint8_t* values = AppendSlots<uint8_t>(out, call.rows);
    const KernelArg& a = call.args[0];
    const KernelArg& b = call.args[1];
    bool a_nothing = a.type().id() == TypeId::kNothing,
         b_nothing = b.type().id() == TypeId::kNothing;
    if (!a_nothing && !b_nothing) LARDER_RETURN_IF_ERROR(Compare(Cmp::kEq, call, values));
    for (size_t row = 0; row < call.rows; ++row) {
      bool a_null = a_nothing || a.IsNull(row), b_null = b_nothing || b.IsNull(row);
      bool equal = (a_null && b_null) || (!a_null && !b_null && values[row]);
      values[row] = distinct ? !equal : equal;
    }
    return Status::OK();
  };
}

}  // namespace

void RegisterComparisons(FunctionRegistry* r) {
  const std::pair<const char*, Cmp> kComparisons[] = {
      {"equals", Cmp::kEq},       {"notEquals", Cmp::kNe}, {"less", Cmp::kLt},
      {"lessOrEquals", Cmp::kLe}, {"greater", Cmp::kGt},   {"greaterOrEquals", Cmp::kGe}};
  for (const auto& [name, cmp] : kComparisons) {
    Scalar(r, name, 2, 2, rules::Comparison(), ComparisonKernel(cmp));
  }
  Scalar(r, "isDistinctFrom", 2, 2, Fixed(kBool), DistinctKernel(true), NullHandling::kSpecial);
  Scalar(r, "isNotDistinctFrom", 2, 2, Fixed(kBool), DistinctKernel(false), NullHandling::kSpecial);
}

}  // namespace larder::functions
