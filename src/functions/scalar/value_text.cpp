#include "functions/scalar/value_text.h"

#include <charconv>
#include <cmath>
#include <optional>

#include "types/datetime.h"
#include "types/time_zone.h"

namespace larder::functions {
namespace {

// Appends `text` quoted as ClickHouse prints strings inside arrays.
void AppendQuoted(std::string_view text, std::string* out) {
  out->push_back('\'');
  for (char c : text) {
    if (c == '\'' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('\'');
}

bool QuotedInArrays(TypeId id) {
  return id == TypeId::kString || id == TypeId::kJson || id == TypeId::kDate ||
         id == TypeId::kDateTime || id == TypeId::kUuid;
}

}  // namespace

void AppendFloatText(double value, std::string* out) {
  if (std::isnan(value)) {
    out->append("nan");
    return;
  }
  if (std::isinf(value)) {
    out->append(value < 0 ? "-inf" : "inf");
    return;
  }
  // Shortest round-trip digits in scientific form, e.g. "-1.2345e+02", then laid out again.
  char buffer[64];
  auto [end, error] =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  (void)error;
  std::string_view text(buffer, static_cast<size_t>(end - buffer));
  if (!text.empty() && text[0] == '-') {
    out->push_back('-');
    text.remove_prefix(1);
  }
  size_t e = text.find('e');
  std::string_view mantissa = text.substr(0, e);
  int exponent = 0;
  std::string_view exponent_text = text.substr(e + 1);
  if (!exponent_text.empty() && exponent_text[0] == '+') exponent_text.remove_prefix(1);
  std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
  char digits[32];
  size_t count = 0;
  for (char c : mantissa) {
    if (c != '.') digits[count++] = c;
  }
  if (exponent < -6 || exponent >= 21) {
    out->push_back(digits[0]);
    if (count > 1) {
      out->push_back('.');
      out->append(digits + 1, count - 1);
    }
    out->push_back('e');
    out->append(std::to_string(exponent));
    return;
  }
  int point = exponent + 1;  // Digits before the decimal point.
  if (point <= 0) {
    out->append("0.");
    out->append(static_cast<size_t>(-point), '0');
    out->append(digits, count);
  } else if (static_cast<size_t>(point) >= count) {
    out->append(digits, count);
    out->append(static_cast<size_t>(point) - count, '0');
  } else {
    out->append(digits, static_cast<size_t>(point));
    out->push_back('.');
    out->append(digits + point, count - static_cast<size_t>(point));
  }
}

void AppendValueText(const ColumnVector& vector, size_t row, std::string* out) {
  const LogicalType& type = vector.type();
  switch (type.id()) {
    case TypeId::kBool:
      out->append(vector.data<uint8_t>()[row] ? "true" : "false");
      return;
    case TypeId::kInt64:
    case TypeId::kInterval:
      out->append(std::to_string(vector.data<int64_t>()[row]));
      return;
    case TypeId::kFloat64:
      AppendFloatText(vector.data<double>()[row], out);
      return;
    case TypeId::kDecimal: {
      std::string text = FormatDecimal(vector.data<Int128>()[row], type.scale());
      if (text.find('.') != std::string::npos) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
      }
      out->append(text);
      return;
    }
    case TypeId::kDate:
      out->append(FormatDate(vector.data<int32_t>()[row]));
      return;
    case TypeId::kDateTime:
      out->append(FormatDateTime(vector.data<int64_t>()[row]));
      return;
    case TypeId::kUuid:
      out->append(FormatUuid(vector.data<Uuid128>()[row]));
      return;
    case TypeId::kString:
    case TypeId::kJson:
      out->append(vector.GetString(row));
      return;
    case TypeId::kNothing:
      return;
    case TypeId::kArray: {
      const ColumnVector& child = vector.child();
      const bool quoted = QuotedInArrays(child.type().id());
      out->push_back('[');
      for (uint32_t i = vector.offsets()[row]; i < vector.offsets()[row + 1]; ++i) {
        if (i > vector.offsets()[row]) out->push_back(',');
        if (child.IsNull(i)) {
          out->append("NULL");
        } else if (quoted) {
          std::string element;
          AppendValueText(child, i, &element);
          AppendQuoted(element, out);
        } else {
          AppendValueText(child, i, out);
        }
      }
      out->push_back(']');
      return;
    }
  }
}

namespace {

// Appends a DateTime as YYYY-MM-DD hh:mm:ss[.ffffff] on the wall clock of `zone`.
void AppendLocalDateTime(int64_t micros, ZoneCursor* zone, std::string* out) {
  constexpr int64_t kMicrosPerSecond = 1'000'000;
  int64_t seconds = micros / kMicrosPerSecond - (micros % kMicrosPerSecond < 0 ? 1 : 0);
  int64_t fraction = micros - seconds * kMicrosPerSecond;
  int64_t local = zone->ToLocal(seconds);
  out->append(FormatDateTime((local * kMicrosPerSecond) + fraction));
}

}  // namespace

Status ToTextArg(const KernelArg& arg, size_t rows, const EvalContext* context, TextArg* text) {
  if (arg.type().is_string_like() || arg.type().id() == TypeId::kNothing) {
    text->arg = arg;
    return Status::OK();
  }
  // A DateTime reads on the wall clock of its type's zone, else of the query's.
  std::optional<ZoneCursor> zone;
  std::string_view zone_name = context != nullptr ? std::string_view(context->time_zone) : "UTC";
  if (arg.type().id() == TypeId::kDateTime && arg.type().time_zone()) {
    zone.emplace(*arg.type().time_zone());
  } else if (arg.type().id() == TypeId::kDateTime && zone_name != "UTC") {
    LARDER_ASSIGN_OR_RETURN(const TimeZone* found, LookupTimeZone(zone_name));
    zone.emplace(*found);
  }
  size_t count = arg.constant ? 1 : rows;
  text->converted = ColumnVector(LogicalType::String().WithNullable(arg.type().nullable()));
  text->converted.Reserve(count);
  std::string scratch;
  for (size_t row = 0; row < count; ++row) {
    if (arg.vector->IsNull(row)) {
      text->converted.AppendNull();
      continue;
    }
    scratch.clear();
    if (zone) {
      AppendLocalDateTime(arg.vector->data<int64_t>()[row], &*zone, &scratch);
    } else {
      AppendValueText(*arg.vector, row, &scratch);
    }
    text->converted.AppendString(scratch);
  }
  text->arg = {&text->converted, arg.constant};
  return Status::OK();
}

}  // namespace larder::functions
