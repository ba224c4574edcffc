#include "sources/mysql/mysql_types.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "formats/text_values.h"
#include "sources/source_settings.h"
#include "types/datetime.h"

namespace larder::sources {
namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

bool IsIntegerType(std::string_view name) {
  return name == "tinyint" || name == "smallint" || name == "mediumint" || name == "int" ||
         name == "integer" || name == "bigint";
}

bool IsUnsigned(std::string_view column_type) {
  return column_type.find("unsigned") != std::string_view::npos;
}

// The mapping before nullability.
MappedMysqlType MapBaseType(const MysqlType& mysql_type) {
  std::string_view name = mysql_type.data_type;
  if (mysql_type.json || name == "json") return {LogicalType::Json()};
  if (IsIntegerType(name)) {
    if (name == "bigint" && IsUnsigned(mysql_type.column_type)) {
      return {LogicalType::Decimal(0), true};
    }
    return {LogicalType::Int64(), true};
  }
  if (name == "decimal" || name == "numeric") {
    if (mysql_type.precision <= kMaxDecimalScale && mysql_type.scale >= 0 &&
        mysql_type.scale <= mysql_type.precision) {
      return {LogicalType::Decimal(mysql_type.scale), true};
    }
    return {LogicalType::Float64(), true};
  }
  if (name == "float" || name == "double" || name == "real") return {LogicalType::Float64()};
  if (name == "bit") {
    if (mysql_type.precision <= 1) return {LogicalType::Bool(), false, true};
    if (mysql_type.precision < 64) return {LogicalType::Int64(), false, true};
    return {LogicalType::Decimal(0), false, true};
  }
  if (name == "year") return {LogicalType::Int64(), true};
  // Zero dates read as NULL, so date and time columns are always Nullable.
  if (name == "date") return {LogicalType::Date().WithNullable(true), true};
  if (name == "datetime" || name == "timestamp") {
    return {LogicalType::DateTime().WithNullable(true), true};
  }
  if (name == "uuid") return {LogicalType::Uuid()};
  return {LogicalType::String()};
}

enum class DateText { kValid, kZero, kMalformed };

// "YYYY-MM-DD". A zero month or day, or a day past the month's end (which ALLOW_INVALID_DATES
// lets MySQL store), is a zero date.
DateText ParseMysqlDate(std::string_view text, int32_t* days) {
  int year;
  unsigned month, day;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !ParseDigits(text.substr(0, 4), &year) || !ParseDigits(text.substr(5, 2), &month) ||
      !ParseDigits(text.substr(8, 2), &day) || month > 12 || day > 31) {
    return DateText::kMalformed;
  }
  if (month == 0 || day == 0 || day > DaysInMonth(year, month)) return DateText::kZero;
  *days = DaysFromCivil(year, month, day);
  return DateText::kValid;
}

// "YYYY-MM-DD HH:MM:SS[.f…]" with up to six fraction digits.
DateText ParseMysqlDateTime(std::string_view text, int64_t* micros) {
  int32_t days = 0;
  if (text.size() < 19 || text[10] != ' ') return DateText::kMalformed;
  DateText date = ParseMysqlDate(text.substr(0, 10), &days);
  std::string_view time = text.substr(11);
  int64_t hour, minute, second, fraction = 0;
  if (date == DateText::kMalformed || time[2] != ':' || time[5] != ':' ||
      !ParseDigits(time.substr(0, 2), &hour) || !ParseDigits(time.substr(3, 2), &minute) ||
      !ParseDigits(time.substr(6, 2), &second) || hour > 23 || minute > 59 || second > 59) {
    return DateText::kMalformed;
  }
  if (time.size() > 8) {
    std::string_view digits = time.substr(9);
    if (time[8] != '.' || digits.size() > 6 || !ParseDigits(digits, &fraction)) {
      return DateText::kMalformed;
    }
    for (size_t i = digits.size(); i < 6; ++i) fraction *= 10;
  }
  if (date == DateText::kZero) return DateText::kZero;
  *micros =
      days * kMicrosPerDay + ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + fraction;
  return DateText::kValid;
}

// Appends a parsed date or datetime, NULL for a zero date.
template <typename T>
bool AppendDateText(DateText parsed, T value, ColumnVector* column) {
  if (parsed == DateText::kMalformed) return false;
  if (parsed == DateText::kZero) {
    if (!column->type().nullable()) return false;
    column->AppendNull();
    return true;
  }
  column->Append<T>(value);
  return true;
}

bool AppendText(std::string_view text, ColumnVector* column) {
  switch (column->type().id()) {
    case TypeId::kInt64: {
      int64_t value;
      if (!formats::ParseInt64Text(text, &value)) return false;
      column->Append<int64_t>(value);
      return true;
    }
    case TypeId::kFloat64: {
      double value;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error != std::errc() || end != text.data() + text.size()) return false;
      column->Append<double>(value);
      return true;
    }
    case TypeId::kDecimal: {
      Int128 value;
      if (!formats::ParseDecimalText(text, column->type().scale(), &value)) return false;
      column->Append<Int128>(value);
      return true;
    }
    case TypeId::kBool:
      if (text != "0" && text != "1") return false;
      column->Append<uint8_t>(text == "1" ? 1 : 0);
      return true;
    case TypeId::kUuid: {
      Uuid128 uuid;
      if (!ParseUuid(text, &uuid)) return false;
      column->Append<Uuid128>(uuid);
      return true;
    }
    case TypeId::kDate: {
      int32_t days = 0;
      DateText parsed = ParseMysqlDate(text, &days);
      return AppendDateText(parsed, days, column);
    }
    case TypeId::kDateTime: {
      int64_t micros = 0;
      DateText parsed = ParseMysqlDateTime(text, &micros);
      return AppendDateText(parsed, micros, column);
    }
    case TypeId::kString:
    case TypeId::kJson:
      column->AppendString(text);
      return true;
    default:
      return false;
  }
}

std::string DateLiteral(int32_t days) {
  int year;
  unsigned month, day;
  CivilFromDays(days, &year, &month, &day);
  return fmt::format("'{:04}-{:02}-{:02}'", year, month, day);
}

int64_t FloorDiv(int64_t value, int64_t divisor) {
  int64_t quotient = value / divisor;
  return value % divisor < 0 ? quotient - 1 : quotient;
}

std::string DateTimeLiteral(int64_t micros) {
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  int64_t in_day = micros - days * kMicrosPerDay;
  int year;
  unsigned month, day;
  CivilFromDays(static_cast<int32_t>(days), &year, &month, &day);
  int64_t seconds = in_day / kMicrosPerSecond;
  return fmt::format("'{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}'", year, month, day,
                     seconds / 3600, seconds / 60 % 60, seconds % 60, in_day % kMicrosPerSecond);
}

// MySQL's dates run from year 0 to 9999; a literal outside them would not compare as a date.
bool InDateRange(int64_t days) {
  return days >= DaysFromCivil(0, 1, 1) && days <= DaysFromCivil(9999, 12, 31);
}

}  // namespace

MappedMysqlType MapMysqlType(const MysqlType& mysql_type, bool nullable) {
  MappedMysqlType mapped = MapBaseType(mysql_type);
  if (nullable) mapped.type = mapped.type.WithNullable(true);
  return mapped;
}

Status AppendMysqlValue(std::string_view text, ColumnVector* column) {
  if (!AppendText(text, column)) {
    return InvalidArgument("cannot read '{}' as {}", text.substr(0, 100),
                           column->type().ToString());
  }
  return Status::OK();
}

Result<std::string> MysqlCursorLiteral(const Value& value, const LogicalType& type) {
  if (value.is_null()) return InvalidArgument("a NULL cursor has no literal");
  if (std::holds_alternative<std::string>(value.storage())) {
    ColumnVector parsed(type.WithNullable(true));
    Status appended = AppendMysqlValue(value.as_string(), &parsed);
    if (!appended.ok() || parsed.IsNull(0)) {
      return InvalidArgument("the cursor '{}' is not a value of the cursor column's type {}",
                             value.as_string().substr(0, 100), type.ToString());
    }
    return MysqlCursorLiteral(parsed.GetValue(0), type);
  }
  const auto& storage = value.storage();
  switch (type.id()) {
    case TypeId::kInt64:
      if (std::holds_alternative<int64_t>(storage)) return std::to_string(value.as_int64());
      break;
    case TypeId::kFloat64:
      if (std::holds_alternative<double>(storage) && std::isfinite(value.as_float64())) {
        return fmt::format("{}", value.as_float64());
      }
      if (std::holds_alternative<int64_t>(storage)) return std::to_string(value.as_int64());
      break;
    case TypeId::kDecimal:
      if (std::holds_alternative<Int128>(storage)) {
        return FormatDecimal(value.as_decimal(), type.scale());
      }
      break;
    case TypeId::kDate:
      if (std::holds_alternative<int64_t>(storage) && InDateRange(value.as_int64())) {
        return DateLiteral(static_cast<int32_t>(value.as_int64()));
      }
      break;
    case TypeId::kDateTime:
      if (std::holds_alternative<int64_t>(storage) &&
          InDateRange(FloorDiv(value.as_int64(), kMicrosPerDay))) {
        return DateTimeLiteral(value.as_int64());
      }
      break;
    default:
      break;
  }
  return InvalidArgument("the cursor value does not fit a cursor column of type {}",
                         type.ToString());
}

}  // namespace larder::sources
