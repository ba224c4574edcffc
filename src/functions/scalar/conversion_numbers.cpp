// Conversions to numbers: toInt8 … toInt64, toUInt8 … toUInt64 and toInt (all Int64 in Larder),
// toFloat64 / toFloat, toBool, toDecimal32 / 64 / 128 and toDecimal (HogQL's, a Decimal64),
// with their OrNull / OrZero forms.
//
// Integers: floats and decimals truncate toward zero; strings must be an integer ("12", "-3",
// "+4"; not "1.5" or " 1"). The narrower widths wrap around as ClickHouse's do (toUInt8(-1) is
// 255, toInt8(200) is -56); toUInt64 values past Int64's range keep their bits (toUInt64(-1) and
// toUInt64('18446744073709551615') are -1 here, 18446744073709551615 in ClickHouse). Dates give
// their day number, DateTimes their unix seconds. NaN, infinities and values beyond 64 bits do
// not convert.
#include <cctype>
#include <charconv>
#include <cmath>

#include "functions/scalar/conversion_common.h"
#include "functions/scalar/date_common.h"

namespace larder::functions {
namespace {

bool IsNumberOrText(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBool:
    case TypeId::kInt64:
    case TypeId::kFloat64:
    case TypeId::kDecimal:
    case TypeId::kDate:
    case TypeId::kDateTime:
    case TypeId::kInterval:
    case TypeId::kString:
    case TypeId::kJson:
      return true;
    default:
      return false;
  }
}

Int128 Pow10(int exponent) {
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

std::string FloatText(double value) { return fmt::format("{}", value); }

// --- Integers -------------------------------------------------------------------------------

struct IntTarget {
  const char* name;  // Function name.
  const char* type;  // ClickHouse type named in errors.
  int bits;
  bool is_signed;
};

// `value` reduced to the target's width and read back as that type.
int64_t Wrap(uint64_t value, const IntTarget& target) {
  if (target.bits == 64) return static_cast<int64_t>(value);
  const uint64_t mask = (uint64_t{1} << target.bits) - 1;
  uint64_t reduced = value & mask;
  if (target.is_signed && (reduced >> (target.bits - 1)) != 0) reduced |= ~mask;
  return static_cast<int64_t>(reduced);
}

// An integer in text: optional sign, digits, nothing else, within Int64's range — or, when
// `unsigned_64`, up to 2^64 - 1, kept as its bits.
bool ParseInteger(std::string_view text, bool unsigned_64, uint64_t* bits) {
  if (!text.empty() && text[0] == '+') {
    text.remove_prefix(1);
    if (!text.empty() && text[0] == '-') return false;
  }
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  int64_t value = 0;
  auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error == std::errc() && ptr == end) {
    *bits = static_cast<uint64_t>(value);
    return true;
  }
  if (!unsigned_64 || error != std::errc::result_out_of_range || text[0] == '-') return false;
  uint64_t unsigned_value = 0;
  auto [uptr, uerror] = std::from_chars(text.data(), end, unsigned_value);
  if (uerror != std::errc() || uptr != end) return false;
  *bits = unsigned_value;
  return true;
}

// A float truncated to 64 bits (unsigned 64-bit targets may use [2^63, 2^64)).
bool FloatToBits(double value, const IntTarget& target, uint64_t* bits) {
  const double truncated = std::trunc(value);
  if (truncated >= -9223372036854775808.0 && truncated < 9223372036854775808.0) {
    *bits = static_cast<uint64_t>(static_cast<int64_t>(truncated));
    return true;
  }
  if (!target.is_signed && target.bits == 64 && truncated >= 0 &&
      truncated < 18446744073709551616.0) {
    *bits = static_cast<uint64_t>(truncated);
    return true;
  }
  return false;
}

ConversionKernelFactory IntKernel(IntTarget target) {
  return [target](std::string function, OnFailure on_failure) -> ScalarKernel {
    return [target, function, on_failure](const KernelCall& call, ColumnVector* out) -> Status {
      const KernelArg& arg = call.args[0];
      ConversionWriter<int64_t> writer(out, call.rows, on_failure, function, target.type);
      switch (arg.type().id()) {
        case TypeId::kFloat64:
          for (size_t row = 0; row < call.rows; ++row) {
            const double value = arg.Get<double>(row);
            uint64_t bits = 0;
            if (FloatToBits(value, target, &bits)) {
              writer.Set(row, Wrap(bits, target));
            } else if (!arg.IsNull(row)) {
              LARDER_RETURN_IF_ERROR(writer.Fail(row, FloatText(value), false));
            }
          }
          return Status::OK();
        case TypeId::kDecimal: {
          const Int128 scale = Pow10(arg.type().scale());
          for (size_t row = 0; row < call.rows; ++row) {
            const Int128 value = arg.Get<Int128>(row) / scale;
            const bool fits = value >= INT64_MIN &&
                              (value <= INT64_MAX || (!target.is_signed && target.bits == 64 &&
                                                      value <= static_cast<Int128>(UINT64_MAX)));
            if (fits) {
              writer.Set(row, Wrap(static_cast<uint64_t>(value), target));
            } else if (!arg.IsNull(row)) {
              LARDER_RETURN_IF_ERROR(
                  writer.Fail(row, FormatDecimal(arg.Get<Int128>(row), arg.type().scale()), false));
            }
          }
          return Status::OK();
        }
        case TypeId::kString:
        case TypeId::kJson: {
          Status status;
          ForEachString(arg, call.rows, [&](size_t row, std::string_view text) {
            uint64_t bits = 0;
            if (ParseInteger(text, !target.is_signed && target.bits == 64, &bits)) {
              writer.Set(row, Wrap(bits, target));
            } else if (status.ok() && !arg.IsNull(row)) {
              status = writer.Fail(row, text, true);
            }
          });
          return status;
        }
        case TypeId::kDateTime:
          for (size_t row = 0; row < call.rows; ++row) {
            writer.Set(
                row, Wrap(static_cast<uint64_t>(arg.Get<int64_t>(row) / kMicrosPerSecond), target));
          }
          return Status::OK();
        default:
          for (size_t row = 0; row < call.rows; ++row) {
            writer.Set(row, Wrap(static_cast<uint64_t>(IntegerAt(arg, row)), target));
          }
          return Status::OK();
      }
    };
  };
}

// --- Floats ---------------------------------------------------------------------------------

// A float in text: what strtod reads ("1.5", "-2e3", "inf", "nan"), with an optional '+',
// nothing else.
bool ParseFloat(std::string_view text, double* value) {
  if (!text.empty() && text[0] == '+') {
    text.remove_prefix(1);
    if (!text.empty() && text[0] == '-') return false;
  }
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, *value);
  return ptr == end && (error == std::errc() || error == std::errc::result_out_of_range);
}

ScalarKernel FloatKernel(std::string function, OnFailure on_failure) {
  return [function, on_failure](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& arg = call.args[0];
    ConversionWriter<double> writer(out, call.rows, on_failure, function, "Float64");
    switch (arg.type().id()) {
      case TypeId::kString:
      case TypeId::kJson: {
        Status status;
        ForEachString(arg, call.rows, [&](size_t row, std::string_view text) {
          double value = 0;
          if (ParseFloat(text, &value)) {
            writer.Set(row, value);
          } else if (status.ok() && !arg.IsNull(row)) {
            status = writer.Fail(row, text, true);
          }
        });
        return status;
      }
      case TypeId::kFloat64:
        for (size_t row = 0; row < call.rows; ++row) writer.Set(row, arg.Get<double>(row));
        return Status::OK();
      case TypeId::kDecimal: {
        const double scale = std::pow(10.0, arg.type().scale());
        for (size_t row = 0; row < call.rows; ++row) {
          writer.Set(row, static_cast<double>(arg.Get<Int128>(row)) / scale);
        }
        return Status::OK();
      }
      case TypeId::kDateTime:
        for (size_t row = 0; row < call.rows; ++row) {
          writer.Set(row, static_cast<double>(arg.Get<int64_t>(row)) / kMicrosPerSecond);
        }
        return Status::OK();
      default:
        for (size_t row = 0; row < call.rows; ++row) {
          writer.Set(row, static_cast<double>(IntegerAt(arg, row)));
        }
        return Status::OK();
    }
  };
}

// --- Bool -----------------------------------------------------------------------------------

bool ParseBool(std::string_view text, uint8_t* value) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true" || lower == "1") {
    *value = 1;
    return true;
  }
  if (lower == "false" || lower == "0") {
    *value = 0;
    return true;
  }
  return false;
}

ScalarKernel BoolKernel(std::string function, OnFailure on_failure) {
  return [function, on_failure](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& arg = call.args[0];
    ConversionWriter<uint8_t> writer(out, call.rows, on_failure, function, "Bool");
    switch (arg.type().id()) {
      case TypeId::kString:
      case TypeId::kJson: {
        Status status;
        ForEachString(arg, call.rows, [&](size_t row, std::string_view text) {
          uint8_t value = 0;
          if (text.size() <= 5 && ParseBool(text, &value)) {
            writer.Set(row, value);
          } else if (status.ok() && !arg.IsNull(row)) {
            status = writer.Fail(row, text, true);
          }
        });
        return status;
      }
      case TypeId::kFloat64:
        for (size_t row = 0; row < call.rows; ++row) writer.Set(row, arg.Get<double>(row) != 0);
        return Status::OK();
      case TypeId::kDecimal:
        for (size_t row = 0; row < call.rows; ++row) writer.Set(row, arg.Get<Int128>(row) != 0);
        return Status::OK();
      default:
        for (size_t row = 0; row < call.rows; ++row) writer.Set(row, IntegerAt(arg, row) != 0);
        return Status::OK();
    }
  };
}

// --- Decimals -------------------------------------------------------------------------------

// A decimal in text, "[+-]digits[.digits]", as an integer scaled by 10^scale (extra fraction
// digits dropped, as ClickHouse truncates). False on other text or more than 38 digits.
bool ParseDecimal(std::string_view text, int scale, Int128* value) {
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  Int128 result = 0;
  int digits = 0, fraction_digits = 0;
  bool point = false, any_digit = false;
  for (char c : text) {
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
    any_digit = true;
    if (point && fraction_digits == scale) continue;
    if (point) ++fraction_digits;
    if (result != 0 || c != '0') ++digits;
    if (digits > 38) return false;
    result = result * 10 + (c - '0');
  }
  if (!any_digit) return false;
  result *= Pow10(scale - fraction_digits);
  *value = negative ? -result : result;
  return true;
}

struct DecimalTarget {
  const char* name;
  const char* type;  // "Decimal64" for messages.
  int precision;     // Total digits the ClickHouse type holds.
};

// toDecimal64(x, S): x truncated to S fraction digits (S a constant in [0, precision]), then
// written in the result type's scale, which is S (DecimalScaleType).
ConversionKernelFactory DecimalKernel(DecimalTarget target) {
  return [target](std::string function, OnFailure on_failure) -> ScalarKernel {
    return [target, function, on_failure](const KernelCall& call, ColumnVector* out) -> Status {
      LARDER_ASSIGN_OR_RETURN(int64_t scale, ConstantIntegerArgument(call, 1, function, "scale"));
      if (scale < 0 || scale > target.precision) {
        return InvalidArgument("{}: scale {} is out of range; {} takes 0 to {}", function, scale,
                               target.type, target.precision);
      }
      const int s = static_cast<int>(scale);
      const int result_scale = call.result_type.scale();
      const Int128 limit = Pow10(target.precision);
      const std::string type_name = fmt::format("{}({})", target.type, s);
      const KernelArg& arg = call.args[0];
      ConversionWriter<Int128> writer(out, call.rows, on_failure, function, type_name);
      // Writes `value` (scaled by 10^s) or fails with `text` when it is out of range.
      auto put = [&](size_t row, Int128 value, std::string_view text, bool quoted) -> Status {
        if (value >= limit || value <= -limit) {
          if (arg.IsNull(row)) return Status::OK();
          return writer.Fail(row, text, quoted);
        }
        writer.Set(row, result_scale >= s ? value * Pow10(result_scale - s)
                                          : value / Pow10(s - result_scale));
        return Status::OK();
      };
      switch (arg.type().id()) {
        case TypeId::kString:
        case TypeId::kJson: {
          Status status;
          ForEachString(arg, call.rows, [&](size_t row, std::string_view text) {
            if (!status.ok()) return;
            Int128 value = 0;
            if (ParseDecimal(text, s, &value)) {
              status = put(row, value, text, true);
            } else if (!arg.IsNull(row)) {
              status = writer.Fail(row, text, true);
            }
          });
          return status;
        }
        case TypeId::kFloat64: {
          const double factor = std::pow(10.0, s);
          for (size_t row = 0; row < call.rows; ++row) {
            const double value = arg.Get<double>(row);
            const double scaled = std::trunc(value * factor);
            if (!(std::fabs(scaled) < 1e38)) {
              if (!arg.IsNull(row))
                LARDER_RETURN_IF_ERROR(writer.Fail(row, FloatText(value), false));
              continue;
            }
            LARDER_RETURN_IF_ERROR(put(row, static_cast<Int128>(scaled), FloatText(value), false));
          }
          return Status::OK();
        }
        case TypeId::kDecimal: {
          const int from = arg.type().scale();
          for (size_t row = 0; row < call.rows; ++row) {
            const Int128 raw = arg.Get<Int128>(row);
            const Int128 value = from >= s ? raw / Pow10(from - s) : raw * Pow10(s - from);
            LARDER_RETURN_IF_ERROR(put(row, value, FormatDecimal(raw, from), false));
          }
          return Status::OK();
        }
        case TypeId::kDateTime:
          for (size_t row = 0; row < call.rows; ++row) {
            const Int128 micros = arg.Get<int64_t>(row);
            const Int128 value = s >= 6 ? micros * Pow10(s - 6) : micros / Pow10(6 - s);
            LARDER_RETURN_IF_ERROR(put(row, value, std::to_string(arg.Get<int64_t>(row)), false));
          }
          return Status::OK();
        default:
          for (size_t row = 0; row < call.rows; ++row) {
            const int64_t integer = IntegerAt(arg, row);
            LARDER_RETURN_IF_ERROR(
                put(row, static_cast<Int128>(integer) * Pow10(s), std::to_string(integer), false));
          }
          return Status::OK();
      }
    };
  };
}

// The scale of toDecimal results whose scale argument is not a constant (which fails when the
// call runs).
constexpr int kToDecimalResultScale = 2;

// toDecimal64(x, S) is a Decimal of scale S when S is a constant in range.
ConstantTypeRule DecimalScaleType(int precision) {
  return [precision](LogicalType type,
                     const std::vector<const Value*>& constants) -> Result<LogicalType> {
    const Value* scale = constants.size() > 1 ? constants[1] : nullptr;
    if (!scale || !std::holds_alternative<int64_t>(scale->storage())) return type;
    if (scale->as_int64() < 0 || scale->as_int64() > precision) return type;
    return LogicalType::Decimal(static_cast<int>(scale->as_int64())).WithNullable(type.nullable());
  };
}

}  // namespace

void RegisterNumberConversions(FunctionRegistry* r) {
  const IntTarget kInts[] = {
      {"toInt", "Int64", 64, true},      {"toInt8", "Int8", 8, true},
      {"toInt16", "Int16", 16, true},    {"toInt32", "Int32", 32, true},
      {"toInt64", "Int64", 64, true},    {"toUInt8", "UInt8", 8, false},
      {"toUInt16", "UInt16", 16, false}, {"toUInt32", "UInt32", 32, false},
      {"toUInt64", "UInt64", 64, false},
  };
  for (const IntTarget& target : kInts) {
    RegisterConversion(r, target.name, 1, 1, kInt, IsNumberOrText, IntKernel(target));
  }
  for (const char* name : {"toFloat", "toFloat64"}) {
    RegisterConversion(r, name, 1, 1, kFloat, IsNumberOrText, FloatKernel);
  }
  RegisterConversion(r, "toBool", 1, 1, kBool, IsNumberOrText, BoolKernel);
  const DecimalTarget kDecimals[] = {{"toDecimal", "Decimal64", 18},
                                     {"toDecimal32", "Decimal32", 9},
                                     {"toDecimal64", "Decimal64", 18},
                                     {"toDecimal128", "Decimal128", 38}};
  for (const DecimalTarget& target : kDecimals) {
    RegisterConversion(r, target.name, 2, 2, LogicalType::Decimal(kToDecimalResultScale),
                       IsNumberOrText, DecimalKernel(target));
    for (const char* suffix : {"", "OrNull", "OrZero"}) {
      r->SetConstantType(std::string(target.name) + suffix, DecimalScaleType(target.precision));
    }
  }
}

}  // namespace larder::functions
