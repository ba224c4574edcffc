#include "functions/scalar/cast_to_supertype.h"

#include <limits>

#include "functions/scalar/kernel_helpers.h"
#include "types/datetime.h"
#include "types/time_zone.h"

namespace larder::functions {
namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
// Digits a Decimal holds, whatever its scale.
constexpr int kDecimalPrecision = 38;

Int128 PowerOfTen(int exponent) {
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

Status CannotConvert(const LogicalType& from, const LogicalType& to) {
  return InvalidArgument("cannot convert {} to {}", from.ToString(), to.ToString());
}

// `rows` NULLs of `to`.
ColumnVector Nulls(const LogicalType& to, size_t rows) {
  ColumnVector result(to);
  if (to.fixed_width() > 0) {
    result.Resize(rows);
  } else {
    for (size_t row = 0; row < rows; ++row) {
      if (to.is_string_like()) {
        result.AppendString({});
      } else {
        result.AppendArrayRow(0);
      }
    }
  }
  result.mutable_nulls()->assign(rows, 1);
  return result;
}

// Copies the NULL map of `from` (fixed-width `result` of the same length).
void CopyNulls(const ColumnVector& from, ColumnVector* result) {
  if (from.has_nulls()) *result->mutable_nulls() = from.nulls();
}

// Numbers and dates: out[row] = convert(in[row]) for the values' C++ types S and R.
template <typename S, typename R, typename Convert>
ColumnVector Numeric(const ColumnVector& from, const LogicalType& to, Convert&& convert) {
  ColumnVector result(to);
  R* out = AppendSlots<R>(&result, from.size());
  const S* in = from.data<S>();
  for (size_t row = 0; row < from.size(); ++row) out[row] = convert(in[row]);
  CopyNulls(from, &result);
  return result;
}

// Integers (Bool, Int64) and Decimals scaled up to Decimal(to.scale()), checking that every
// non-NULL value fits in 38 digits.
Result<ColumnVector> ToDecimal(const ColumnVector& from, const LogicalType& to) {
  const bool decimal = from.type().id() == TypeId::kDecimal;
  const int from_scale = decimal ? from.type().scale() : 0;
  if (to.scale() < from_scale) return CannotConvert(from.type(), to);
  const Int128 factor = PowerOfTen(to.scale() - from_scale);
  const Int128 limit = (PowerOfTen(kDecimalPrecision) - 1) / factor;
  ColumnVector result(to);
  Int128* out = AppendSlots<Int128>(&result, from.size());
  auto convert = [&](auto tag) -> Status {
    using S = decltype(tag);
    const S* in = from.data<S>();
    for (size_t row = 0; row < from.size(); ++row) {
      if (from.IsNull(row)) continue;
      Int128 value = static_cast<Int128>(in[row]);
      if (value > limit || value < -limit) {
        return InvalidArgument("value {} of type {} does not fit in {}",
                               from.GetValue(row).ToString(from.type()), from.type().ToString(),
                               to.ToString());
      }
      out[row] = value * factor;
    }
    return Status::OK();
  };
  if (decimal) {
    LARDER_RETURN_IF_ERROR(convert(Int128{}));
  } else if (from.type().id() == TypeId::kInt64) {
    LARDER_RETURN_IF_ERROR(convert(int64_t{}));
  } else {
    LARDER_RETURN_IF_ERROR(convert(uint8_t{}));
  }
  CopyNulls(from, &result);
  return result;
}

// Each day's first instant in `context`'s time zone.
Result<ColumnVector> ToDateTime(const ColumnVector& from, const LogicalType& to,
                                const EvalContext* context) {
  const std::string_view zone_name = context ? std::string_view(context->time_zone) : "UTC";
  LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, LookupTimeZone(zone_name));
  ColumnVector result(to);
  int64_t* out = AppendSlots<int64_t>(&result, from.size());
  const int32_t* in = from.data<int32_t>();
  // Days whose microseconds fit in an int64_t, with a day to spare for the zone's offset.
  constexpr int64_t kMaxDays = std::numeric_limits<int64_t>::max() / kMicrosPerDay - 1;
  for (size_t row = 0; row < from.size(); ++row) {
    if (from.IsNull(row)) continue;
    if (in[row] > kMaxDays || in[row] < -kMaxDays) {
      return InvalidArgument("Date {} is outside the range of DateTime", FormatDate(in[row]));
    }
    out[row] = zone->StartOfDay(in[row]) * kMicrosPerSecond;
  }
  CopyNulls(from, &result);
  return result;
}

Result<ColumnVector> ToArray(const ColumnVector& from, const LogicalType& to,
                             const EvalContext* context) {
  ColumnVector result(to);
  LARDER_ASSIGN_OR_RETURN(*result.mutable_child(),
                          CastToSupertype(from.child(), to.element(), context));
  const std::vector<uint32_t>& offsets = from.offsets();
  for (size_t row = 0; row < from.size(); ++row) {
    result.AppendArrayRow(offsets[row + 1] - offsets[row]);
  }
  CopyNulls(from, &result);
  return result;
}

}  // namespace

bool SameStorage(const LogicalType& from, const LogicalType& to) {
  if (from.is_string_like() && to.is_string_like()) return true;
  if (from.id() != to.id()) return false;
  if (from.id() == TypeId::kDecimal) return from.scale() == to.scale();
  if (from.id() == TypeId::kArray) return SameStorage(from.element(), to.element());
  return true;
}

Result<ColumnVector> CastToSupertype(const ColumnVector& from, const LogicalType& to,
                                     const EvalContext* context) {
  const TypeId source = from.type().id();
  if (source == TypeId::kNothing) return Nulls(to, from.size());
  if (SameStorage(from.type(), to)) {
    ColumnVector result(to);
    result.AppendRange(from, 0, from.size());
    return result;
  }
  switch (to.id()) {
    case TypeId::kInt64:
      if (source == TypeId::kBool) {
        return Numeric<uint8_t, int64_t>(from, to, [](uint8_t v) { return int64_t{v}; });
      }
      break;
    case TypeId::kFloat64:
      if (source == TypeId::kBool) {
        return Numeric<uint8_t, double>(from, to, [](uint8_t v) { return static_cast<double>(v); });
      }
      if (source == TypeId::kInt64) {
        return Numeric<int64_t, double>(from, to, [](int64_t v) { return static_cast<double>(v); });
      }
      if (source == TypeId::kDecimal) {
        const double factor = static_cast<double>(PowerOfTen(from.type().scale()));
        return Numeric<Int128, double>(
            from, to, [factor](Int128 v) { return static_cast<double>(v) / factor; });
      }
      break;
    case TypeId::kDecimal:
      if (source == TypeId::kBool || source == TypeId::kInt64 || source == TypeId::kDecimal) {
        return ToDecimal(from, to);
      }
      break;
    case TypeId::kDateTime:
      if (source == TypeId::kDate) return ToDateTime(from, to, context);
      break;
    case TypeId::kArray:
      if (source == TypeId::kArray) return ToArray(from, to, context);
      break;
    default:
      break;
  }
  return CannotConvert(from.type(), to);
}

Result<CastArg> CastArgTo(const KernelArg& arg, const LogicalType& to, const EvalContext* context) {
  CastArg cast;
  if (SameStorage(arg.type(), to)) {
    cast.arg = arg;
    return cast;
  }
  LARDER_ASSIGN_OR_RETURN(ColumnVector converted, CastToSupertype(*arg.vector, to, context));
  cast.owned = std::make_unique<ColumnVector>(std::move(converted));
  cast.arg = {cast.owned.get(), arg.constant};
  return cast;
}

}  // namespace larder::functions
