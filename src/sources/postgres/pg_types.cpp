#include "sources/postgres/pg_types.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "formats/text_values.h"
#include "sources/source_settings.h"
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

// Two ASCII digits as a number; false unless both are digits.
bool TwoDigits(const char* text, int64_t* value) {
  const unsigned tens = static_cast<unsigned char>(text[0]) - '0';
  const unsigned ones = static_cast<unsigned char>(text[1]) - '0';
  if (tens > 9 || ones > 9) return false;
  *value = tens * 10 + ones;
  return true;
}

// "YYYY-MM-DD" at the start of `text`, years 0000-9999 (AD): the common case, without searching.
bool ParseFixedDate(const char* text, int32_t* days) {
  int64_t century, year, month, day;
  if (!TwoDigits(text, &century) || !TwoDigits(text + 2, &year) || text[4] != '-' ||
      !TwoDigits(text + 5, &month) || text[7] != '-' || !TwoDigits(text + 8, &day) || month < 1 ||
      month > 12 || day < 1 || day > 31) {
    return false;
  }
  *days = DaysFromCivil(static_cast<int>(century * 100 + year), month, day);
  return true;
}

// The form PostgreSQL prints timestamps of years 0000-9999 (AD) in:
// "YYYY-MM-DD HH:MM:SS[.f…][±HH[:MM[:SS]]]". False for any other text, which the general parser
// then reads (or refuses): for text this accepts, both give the same value.
bool ParseFixedTimestamp(std::string_view text, int64_t* micros) {
  const char* p = text.data();
  int32_t days;
  int64_t hour, minute, second;
  if (text.size() < 19 || !ParseFixedDate(p, &days) || p[10] != ' ' || !TwoDigits(p + 11, &hour) ||
      p[13] != ':' || !TwoDigits(p + 14, &minute) || p[16] != ':' || !TwoDigits(p + 17, &second) ||
      hour > 24 || minute > 59 || second > 60) {
    return false;
  }
  size_t pos = 19;
  int64_t fraction = 0;
  if (pos < text.size() && p[pos] == '.') {
    int digits = 0;
    for (++pos; pos < text.size() && digits < 6 && p[pos] >= '0' && p[pos] <= '9'; ++pos) {
      fraction = fraction * 10 + (p[pos] - '0');
      ++digits;
    }
    if (digits == 0) return false;
    for (; digits < 6; ++digits) fraction *= 10;
  }
  int64_t offset_seconds = 0;
  if (pos < text.size() && (p[pos] == '+' || p[pos] == '-')) {
    const int64_t sign = p[pos] == '-' ? -1 : 1;
    int64_t part;
    if (pos + 3 > text.size() || !TwoDigits(p + pos + 1, &part)) return false;
    offset_seconds = part * 3600;
    pos += 3;
    for (int64_t unit : {60, 1}) {
      if (pos == text.size()) break;
      if (pos + 3 > text.size() || p[pos] != ':' || !TwoDigits(p + pos + 1, &part)) return false;
      offset_seconds += part * unit;
      pos += 3;
    }
    offset_seconds *= sign;
  }
  if (pos != text.size()) return false;
  *micros = days * kMicrosPerDay +
            ((hour * 60 + minute) * 60 + second - offset_seconds) * kMicrosPerSecond + fraction;
  return true;
}

bool ParsePostgresInt64(std::string_view text, int64_t* value) {
  // PostgreSQL prints integers as an optional '-' and digits: up to 18 digits cannot overflow.
  const bool negative = !text.empty() && text[0] == '-';
  const size_t digits = text.size() - (negative ? 1 : 0);
  if (digits == 0 || digits > 18) return formats::ParseInt64Text(text, value);
  int64_t result = 0;
  for (size_t pos = negative ? 1 : 0; pos < text.size(); ++pos) {
    const unsigned digit = static_cast<unsigned char>(text[pos]) - '0';
    if (digit > 9) return formats::ParseInt64Text(text, value);
    result = result * 10 + digit;
  }
  *value = negative ? -result : result;
  return true;
}

bool ParsePostgresDecimal(std::string_view text, int scale, Int128* value) {
  // numeric(p, s) prints as [-]digits[.digits] with s digits after the point: with at most 18
  // digits it fits an int64. Anything else goes through the general parser.
  const bool negative = !text.empty() && text[0] == '-';
  int64_t result = 0;
  int digits = 0;
  int fraction_digits = -1;  // -1 until the point.
  for (size_t pos = negative ? 1 : 0; pos < text.size(); ++pos) {
    const unsigned digit = static_cast<unsigned char>(text[pos]) - '0';
    if (digit <= 9) {
      result = result * 10 + digit;
      ++digits;
      if (fraction_digits >= 0) ++fraction_digits;
    } else if (text[pos] == '.' && fraction_digits < 0 && digits > 0) {
      fraction_digits = 0;
    } else {
      return formats::ParseDecimalText(text, scale, value);
    }
    if (digits > 18) return formats::ParseDecimalText(text, scale, value);
  }
  if (digits == 0 || fraction_digits == 0 || fraction_digits > scale) {
    return formats::ParseDecimalText(text, scale, value);
  }
  Int128 scaled = result;
  for (int digit_idx = std::max(fraction_digits, 0); digit_idx < scale; ++digit_idx) scaled *= 10;
  *value = negative ? -scaled : scaled;
  return true;
}

bool ParsePostgresFloat64(std::string_view text, double* value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  if (end != text.data() + text.size()) return false;
  if (error == std::errc::result_out_of_range) {
    // numeric goes far past double's range: such values read as ±Infinity or (nearly) 0.
    *value = std::strtod(std::string(text).c_str(), nullptr);
  } else if (error != std::errc()) {
    return false;
  }
  return true;
}

bool ParsePostgresBool(std::string_view text, uint8_t* value) {
  if (text != "t" && text != "f") return false;
  *value = text == "t" ? 1 : 0;
  return true;
}

bool ParsePostgresDate(std::string_view text, int32_t* days) {
  if (text.size() == 10 && ParseFixedDate(text.data(), days)) return true;
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
  if (ParseFixedTimestamp(text, micros)) return true;
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
      if (!ParsePostgresInt64(text, &value)) return false;
      column->Append<int64_t>(value);
      return true;
    }
    case TypeId::kFloat64: {
      double value;
      if (!ParsePostgresFloat64(text, &value)) return false;
      column->Append<double>(value);
      return true;
    }
    case TypeId::kDecimal: {
      if (text == "NaN") {  // numeric's NaN: no Decimal holds it (the column is Nullable).
        column->AppendNull();
        return true;
      }
      Int128 value;
      if (!ParsePostgresDecimal(text, column->type().scale(), &value)) return false;
      column->Append<Int128>(value);
      return true;
    }
    case TypeId::kBool: {
      uint8_t value;
      if (!ParsePostgresBool(text, &value)) return false;
      column->Append<uint8_t>(value);
      return true;
    }
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

PostgresColumnAppender::PostgresColumnAppender(ColumnVector* column, size_t expected_rows)
    : column_(column), scale_(column->type().scale()) {
  switch (column->type().id()) {
    case TypeId::kInt64:
      kind_ = Kind::kInt64;
      break;
    case TypeId::kFloat64:
      kind_ = Kind::kFloat64;
      break;
    case TypeId::kDecimal:
      kind_ = Kind::kDecimal;
      break;
    case TypeId::kBool:
      kind_ = Kind::kBool;
      break;
    case TypeId::kUuid:
      kind_ = Kind::kUuid;
      break;
    case TypeId::kDate:
      kind_ = Kind::kDate;
      break;
    case TypeId::kDateTime:
      kind_ = Kind::kDateTime;
      break;
    default:
      kind_ = Kind::kOther;
      break;
  }
  if (kind_ != Kind::kOther) column_->Resize(expected_rows);
}

void PostgresColumnAppender::MakeRoom() {
  if (rows_ == column_->size()) column_->Resize(std::max<size_t>(1024, 2 * rows_));
}

Status PostgresColumnAppender::Append(std::string_view text) {
  if (kind_ != Kind::kOther) MakeRoom();
  bool parsed = false;
  switch (kind_) {
    case Kind::kInt64:
      parsed = ParsePostgresInt64(text, column_->mutable_data<int64_t>() + rows_);
      break;
    case Kind::kFloat64:
      parsed = ParsePostgresFloat64(text, column_->mutable_data<double>() + rows_);
      break;
    case Kind::kDecimal:
      if (text == "NaN") return AppendNull();  // No Decimal holds it (the column is Nullable).
      parsed = ParsePostgresDecimal(text, scale_, column_->mutable_data<Int128>() + rows_);
      break;
    case Kind::kBool:
      parsed = ParsePostgresBool(text, column_->mutable_data<uint8_t>() + rows_);
      break;
    case Kind::kUuid:
      parsed = ParseUuid(text, column_->mutable_data<Uuid128>() + rows_);
      break;
    case Kind::kDate:
      parsed = ParsePostgresDate(text, column_->mutable_data<int32_t>() + rows_);
      break;
    case Kind::kDateTime:
      parsed = ParsePostgresTimestamp(text, column_->mutable_data<int64_t>() + rows_);
      break;
    case Kind::kOther:
      if (column_->type().id() == TypeId::kString || column_->type().id() == TypeId::kJson) {
        column_->AppendString(text);
        ++rows_;
        return Status::OK();
      }
      LARDER_RETURN_IF_ERROR(AppendPostgresValue(text, column_));
      ++rows_;
      return Status::OK();
  }
  if (!parsed) {
    return InvalidArgument("cannot read '{}' as {}", text.substr(0, 100),
                           column_->type().ToString());
  }
  ++rows_;
  return Status::OK();
}

Status PostgresColumnAppender::AppendNull() {
  if (!column_->type().nullable()) return Corruption("NULL in a column that does not allow NULL");
  if (kind_ == Kind::kOther) {
    column_->AppendNull();
  } else {
    MakeRoom();
    (*column_->mutable_nulls())[rows_] = 1;  // The value stays zero.
  }
  ++rows_;
  return Status::OK();
}

void PostgresColumnAppender::Finish() {
  if (kind_ != Kind::kOther) column_->Resize(rows_);
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
