#include "sources/postgres/pg_types.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "formats/text_values.h"
#include "types/datetime.h"

namespace larder::sources {
namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

// Maps a scalar (non-array) type; `typmod` as for the column.
MappedType MapScalarType(std::string_view name, int32_t typmod) {
  if (name == "int2" || name == "int4" || name == "int8") return {LogicalType::Int64(), true};
  if (name == "numeric") {
    if (typmod >= 4) {
      // numeric(p, s): typmod = ((p << 16) | (s & 0x7ff)) + 4, s an 11-bit signed number.
      int precision = ((typmod - 4) >> 16) & 0xffff;
      int scale = (((typmod - 4) & 0x7ff) ^ 0x400) - 0x400;
      if (scale >= 0 && scale <= precision && precision <= kMaxDecimalScale) {
        return {LogicalType::Decimal(scale).WithNullable(true), true};
      }
    }
    return {LogicalType::Float64(), true};
  }
  if (name == "float4" || name == "float8") return {LogicalType::Float64(), false};
  if (name == "bool") return {LogicalType::Bool(), false};
  if (name == "uuid") return {LogicalType::Uuid(), false};
  if (name == "date") return {LogicalType::Date(), true};
  if (name == "timestamp" || name == "timestamptz") return {LogicalType::DateTime(), true};
  if (name == "json" || name == "jsonb") return {LogicalType::Json(), false};
  return {LogicalType::String(), false};
}

// Parses an unsigned decimal number of at most `max_digits` digits.
template <typename T>
bool ParseDigits(std::string_view text, T* out) {
  if (text.empty()) return false;
  T value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

// "YYYY-MM-DD" with four or more year digits; `bc` turns year y into the astronomical 1 - y.
bool ParseCivilDate(std::string_view text, bool bc, int32_t* days) {
  size_t dash = text.find('-');
  if (dash == std::string_view::npos || dash < 4 || text.size() != dash + 6 ||
      text[dash + 3] != '-') {
    return false;
  }
  int64_t year;
  unsigned month, day;
  if (!ParseDigits(text.substr(0, dash), &year) || year > 5874897 ||
      !ParseDigits(text.substr(dash + 1, 2), &month) ||
      !ParseDigits(text.substr(dash + 4, 2), &day) || month < 1 || month > 12 || day < 1 ||
      day > 31) {
    return false;
  }
  *days = DaysFromCivil(static_cast<int>(bc ? 1 - year : year), month, day);
  return true;
}

// Strips a trailing " BC" and reports whether it was there.
bool StripBc(std::string_view* text) {
  if (text->size() > 3 && text->substr(text->size() - 3) == " BC") {
    text->remove_suffix(3);
    return true;
  }
  return false;
}

bool ParsePostgresDate(std::string_view text, int32_t* days) {
  if (text == "infinity") {
    *days = std::numeric_limits<int32_t>::max();
    return true;
  }
  if (text == "-infinity") {
    *days = std::numeric_limits<int32_t>::min();
    return true;
  }
  bool bc = StripBc(&text);
  return ParseCivilDate(text, bc, days);
}

// "YYYY-MM-DD HH:MM:SS[.ffffff][±HH[:MM[:SS]]][ BC]".
bool ParsePostgresTimestamp(std::string_view text, int64_t* micros) {
  if (text == "infinity") {
    *micros = std::numeric_limits<int64_t>::max();
    return true;
  }
  if (text == "-infinity") {
    *micros = std::numeric_limits<int64_t>::min();
    return true;
  }
  bool bc = StripBc(&text);
  size_t space = text.find(' ');
  int32_t days;
  if (space == std::string_view::npos || !ParseCivilDate(text.substr(0, space), bc, &days)) {
    return false;
  }
  std::string_view time = text.substr(space + 1);
  int64_t offset_seconds = 0;
  size_t zone = time.find_first_of("+-");
  if (zone != std::string_view::npos) {
    std::string_view offset = time.substr(zone + 1);
    int64_t parts[3] = {0, 0, 0};
    for (int part_idx = 0; part_idx < 3 && !offset.empty(); ++part_idx) {
      if (offset.size() < 2 || !ParseDigits(offset.substr(0, 2), &parts[part_idx])) return false;
      offset.remove_prefix(2);
      if (!offset.empty()) {
        if (offset[0] != ':') return false;
        offset.remove_prefix(1);
      }
    }
    offset_seconds = (parts[0] * 3600 + parts[1] * 60 + parts[2]) * (time[zone] == '-' ? -1 : 1);
    time = time.substr(0, zone);
  }
  int64_t hour, minute, second, fraction = 0;
  if (time.size() < 8 || time[2] != ':' || time[5] != ':' ||
      !ParseDigits(time.substr(0, 2), &hour) || !ParseDigits(time.substr(3, 2), &minute) ||
      !ParseDigits(time.substr(6, 2), &second) || hour > 24 || minute > 59 || second > 60) {
    return false;
  }
  if (time.size() > 8) {
    std::string_view digits = time.substr(9);
    if (time[8] != '.' || digits.size() > 6 || !ParseDigits(digits, &fraction)) return false;
    for (size_t i = digits.size(); i < 6; ++i) fraction *= 10;
  }
  *micros = days * kMicrosPerDay +
            ((hour * 60 + minute) * 60 + second - offset_seconds) * kMicrosPerSecond + fraction;
  return true;
}

bool AppendScalar(std::string_view text, ColumnVector* column) {
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
      if (end != text.data() + text.size()) return false;
      if (error == std::errc::result_out_of_range) {
        // numeric goes far past double's range: such values read as ±Infinity or (nearly) 0.
        value = std::strtod(std::string(text).c_str(), nullptr);
      } else if (error != std::errc()) {
        return false;
      }
      column->Append<double>(value);
      return true;
    }
    case TypeId::kDecimal: {
      if (text == "NaN") {  // numeric's NaN: no Decimal holds it (the column is Nullable).
        column->AppendNull();
        return true;
      }
      Int128 value;
      if (!formats::ParseDecimalText(text, column->type().scale(), &value)) return false;
      column->Append<Int128>(value);
      return true;
    }
    case TypeId::kBool:
      if (text != "t" && text != "f") return false;
      column->Append<uint8_t>(text == "t" ? 1 : 0);
      return true;
    case TypeId::kUuid: {
      Uuid128 uuid;
      if (!ParseUuid(text, &uuid)) return false;
      column->Append<Uuid128>(uuid);
      return true;
    }
    case TypeId::kDate: {
      int32_t days;
      if (!ParsePostgresDate(text, &days)) return false;
      column->Append<int32_t>(days);
      return true;
    }
    case TypeId::kDateTime: {
      int64_t micros;
      if (!ParsePostgresTimestamp(text, &micros)) return false;
      column->Append<int64_t>(micros);
      return true;
    }
    case TypeId::kString:
    case TypeId::kJson:
      column->AppendString(text);
      return true;
    default:
      return false;
  }
}

// Splits a one-dimensional array literal ("{1,NULL,\"a,b\"}") and appends its elements.
Status AppendArray(std::string_view text, ColumnVector* column) {
  if (!text.empty() && text[0] == '[') {
    size_t equals = text.find('=');  // "[0:2]={…}": the bounds go.
    if (equals != std::string_view::npos) text.remove_prefix(equals + 1);
  }
  if (text.size() < 2 || text.front() != '{' || text.back() != '}') {
    return InvalidArgument("'{}' is not an array literal", text);
  }
  text = text.substr(1, text.size() - 2);
  ColumnVector* child = column->mutable_child();
  size_t start_size = child->size();
  std::string element;
  size_t pos = 0;
  while (pos < text.size()) {
    element.clear();
    bool quoted = text[pos] == '"';
    if (text[pos] == '{') {
      return InvalidArgument("multi-dimensional arrays are not supported ('{{{}}}')", text);
    }
    if (quoted) {
      ++pos;
      while (pos < text.size() && text[pos] != '"') {
        if (text[pos] == '\\' && pos + 1 < text.size()) ++pos;
        element.push_back(text[pos++]);
      }
      if (pos == text.size()) return InvalidArgument("unterminated array element in '{}'", text);
      ++pos;
    } else {
      size_t comma = text.find(',', pos);
      element = text.substr(pos, comma == std::string_view::npos ? text.npos : comma - pos);
      pos = comma == std::string_view::npos ? text.size() : comma;
    }
    if (!quoted && element == "NULL") {
      child->AppendNull();
    } else if (!AppendScalar(element, child)) {
      return InvalidArgument("cannot read array element '{}' as {}", element,
                             child->type().ToString());
    }
    if (pos < text.size()) {
      if (text[pos] != ',') return InvalidArgument("malformed array literal '{{{}}}'", text);
      ++pos;
    }
  }
  column->AppendArrayRow(static_cast<uint32_t>(child->size() - start_size));
  return Status::OK();
}

}  // namespace

MappedType MapPostgresType(const PostgresType& pg_type, bool nullable) {
  MappedType mapped;
  if (pg_type.category == 'A') {
    MappedType element = MapScalarType(pg_type.element_name, pg_type.typmod);
    mapped.type = LogicalType::Array(element.type.WithNullable(true));
  } else {
    mapped = MapScalarType(pg_type.base_name, pg_type.typmod);
  }
  if (nullable) mapped.type = mapped.type.WithNullable(true);
  return mapped;
}

Status AppendPostgresValue(std::string_view text, ColumnVector* column) {
  if (column->type().id() == TypeId::kArray) return AppendArray(text, column);
  if (!AppendScalar(text, column)) {
    return InvalidArgument("cannot read '{}' as {}", text.substr(0, 100),
                           column->type().ToString());
  }
  return Status::OK();
}

std::string FormatPostgresDate(int32_t days) {
  int year;
  unsigned month, day;
  CivilFromDays(days, &year, &month, &day);
  if (year <= 0) return fmt::format("{:04}-{:02}-{:02} BC", 1 - year, month, day);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::string FormatPostgresTimestamp(int64_t micros, bool with_zone) {
  int64_t days = micros / kMicrosPerDay;
  int64_t in_day = micros % kMicrosPerDay;
  if (in_day < 0) {
    in_day += kMicrosPerDay;
    --days;
  }
  int year;
  unsigned month, day;
  CivilFromDays(static_cast<int32_t>(days), &year, &month, &day);
  int64_t seconds = in_day / kMicrosPerSecond;
  std::string text =
      fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}", year <= 0 ? 1 - year : year, month,
                  day, seconds / 3600, seconds / 60 % 60, seconds % 60, in_day % kMicrosPerSecond);
  if (with_zone) text += "+00";
  if (year <= 0) text += " BC";
  return text;
}

Result<std::string> FormatPostgresCursor(const Value& value, const LogicalType& type) {
  if (value.is_null()) return InvalidArgument("a NULL cursor has no text");
  if (std::holds_alternative<std::string>(value.storage())) return value.as_string();
  switch (type.id()) {
    case TypeId::kInt64:
      if (std::holds_alternative<int64_t>(value.storage())) {
        return std::to_string(value.as_int64());
      }
      break;
    case TypeId::kFloat64:
      if (std::holds_alternative<double>(value.storage())) {
        return fmt::format("{}", value.as_float64());
      }
      if (std::holds_alternative<int64_t>(value.storage())) {
        return std::to_string(value.as_int64());
      }
      break;
    case TypeId::kDecimal:
      if (std::holds_alternative<Int128>(value.storage())) {
        return FormatDecimal(value.as_decimal(), type.scale());
      }
      break;
    case TypeId::kDate:
      if (std::holds_alternative<int64_t>(value.storage())) {
        return FormatPostgresDate(static_cast<int32_t>(value.as_int64()));
      }
      break;
    case TypeId::kDateTime:
      if (std::holds_alternative<int64_t>(value.storage())) {
        return FormatPostgresTimestamp(value.as_int64(), /*with_zone=*/true);
      }
      break;
    default:
      break;
  }
  return InvalidArgument("the cursor value does not fit a cursor column of type {}",
                         type.ToString());
}

}  // namespace larder::sources
