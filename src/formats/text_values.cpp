#include "formats/text_values.h"

#include <simdjson.h>

#include <charconv>

#include "types/datetime.h"

namespace larder::formats {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Lower-case comparison with an ASCII word in lower case.
bool EqualsIgnoringCase(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// The number syntax ParseFloat64Text accepts: [+-] (digits [. digits*] | . digits) [e [+-] digits].
bool IsDecimalNumber(std::string_view text) {
  size_t pos = 0;
  const size_t size = text.size();
  if (pos < size && (text[pos] == '+' || text[pos] == '-')) ++pos;
  size_t integer_digits = 0, fraction_digits = 0;
  while (pos < size && IsDigit(text[pos])) ++pos, ++integer_digits;
  if (pos < size && text[pos] == '.') {
    ++pos;
    while (pos < size && IsDigit(text[pos])) ++pos, ++fraction_digits;
  }
  if (integer_digits + fraction_digits == 0) return false;
  if (pos < size && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    if (pos < size && (text[pos] == '+' || text[pos] == '-')) ++pos;
    size_t exponent_digits = 0;
    while (pos < size && IsDigit(text[pos])) ++pos, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return pos == size;
}

std::string Shorten(std::string_view text) {
  constexpr size_t kMaxShown = 60;
  if (text.size() <= kMaxShown) return std::string(text);
  size_t cut = kMaxShown;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8.
  return std::string(text.substr(0, cut)) + "…";
}

}  // namespace

bool ParseBoolText(std::string_view text, bool allow_digits, bool* value) {
  if (EqualsIgnoringCase(text, "true") || (allow_digits && text == "1")) {
    *value = true;
    return true;
  }
  if (EqualsIgnoringCase(text, "false") || (allow_digits && text == "0")) {
    *value = false;
    return true;
  }
  return false;
}

bool ParseInt64Text(std::string_view text, int64_t* value) {
  if (!text.empty() && text[0] == '+') {
    text.remove_prefix(1);
    if (text.empty() || text[0] == '-') return false;
  }
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, *value);
  return error == std::errc() && ptr == end;
}

bool ParseFloat64Text(std::string_view text, double* value) {
  if (!IsDecimalNumber(text)) return false;
  if (text[0] == '+') text.remove_prefix(1);
  const char* end = text.data() + text.size();
  auto [ptr, error] = std::from_chars(text.data(), end, *value);
  return error == std::errc() && ptr == end;
}

bool ParseDecimalText(std::string_view text, int scale, Int128* value) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) negative = text[pos++] == '-';
  Int128 result = 0;
  int digits = 0, fraction_digits = 0;
  bool any_digit = false, in_fraction = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (!IsDigit(c)) return false;
    any_digit = true;
    if (in_fraction && fraction_digits == scale) {
      if (c != '0') return false;  // More precision than the column keeps.
      continue;
    }
    if (in_fraction) ++fraction_digits;
    if (result != 0 || c != '0') ++digits;
    if (digits > 38) return false;
    result = result * 10 + (c - '0');
  }
  if (!any_digit) return false;
  for (; fraction_digits < scale; ++fraction_digits) {
    if (result != 0 && ++digits > 38) return false;
    result *= 10;
  }
  *value = negative ? -result : result;
  return true;
}

ValueReader::ValueReader(const LogicalType& type) : id_(type.id()) {
  if (id_ == TypeId::kDecimal) scale_ = type.scale();
  if (id_ == TypeId::kJson) json_parser_ = std::make_unique<simdjson::dom::parser>();
}

ValueReader::~ValueReader() = default;
ValueReader::ValueReader(ValueReader&&) noexcept = default;
ValueReader& ValueReader::operator=(ValueReader&&) noexcept = default;

bool ValueReader::IsImportable(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBool:
    case TypeId::kInt64:
    case TypeId::kFloat64:
    case TypeId::kDecimal:
    case TypeId::kString:
    case TypeId::kDate:
    case TypeId::kDateTime:
    case TypeId::kUuid:
    case TypeId::kJson:
      return true;
    case TypeId::kArray:
    case TypeId::kNothing:
    case TypeId::kInterval:
      return false;
  }
  return false;
}

bool ValueReader::Append(std::string_view text, ColumnVector* column) {
  switch (id_) {
    case TypeId::kBool: {
      bool value;
      if (!ParseBoolText(text, /*allow_digits=*/true, &value)) return false;
      column->Append<uint8_t>(value ? 1 : 0);
      return true;
    }
    case TypeId::kInt64: {
      int64_t value;
      if (!ParseInt64Text(text, &value)) return false;
      column->Append<int64_t>(value);
      return true;
    }
    case TypeId::kFloat64: {
      double value;
      if (!ParseFloat64Text(text, &value)) return false;
      column->Append<double>(value);
      return true;
    }
    case TypeId::kDecimal: {
      Int128 value;
      if (!ParseDecimalText(text, scale_, &value)) return false;
      column->Append<Int128>(value);
      return true;
    }
    case TypeId::kString:
      column->AppendString(text);
      return true;
    case TypeId::kDate: {
      int32_t days;
      if (!ParseDate(text, &days)) return false;
      column->Append<int32_t>(days);
      return true;
    }
    case TypeId::kDateTime: {
      int64_t micros;
      if (!ParseDateTimeWithOffset(text, &micros)) return false;
      column->Append<int64_t>(micros);
      return true;
    }
    case TypeId::kUuid: {
      Uuid128 uuid;
      if (!ParseUuid(text, &uuid)) return false;
      column->Append<Uuid128>(uuid);
      return true;
    }
    case TypeId::kJson: {
      simdjson::dom::element ignored;
      if (json_parser_->parse(text.data(), text.size()).get(ignored) != simdjson::SUCCESS) {
        return false;
      }
      column->AppendString(text);
      return true;
    }
    case TypeId::kArray:
    case TypeId::kNothing:
    case TypeId::kInterval:
      return false;
  }
  return false;
}

Status CannotReadValue(std::string_view file, uint64_t line, std::string_view column,
                       std::string_view text, const LogicalType& type) {
  return InvalidArgument("{}:{}: column `{}`: cannot read \"{}\" as {}", file, line, column,
                         Shorten(text), type.WithNullable(false).ToString());
}

Status NullInNonNullable(std::string_view file, uint64_t line, std::string_view column,
                         const LogicalType& type) {
  return InvalidArgument("{}:{}: column `{}` is empty (NULL), but its type {} is not Nullable",
                         file, line, column, type.ToString());
}

}  // namespace larder::formats
