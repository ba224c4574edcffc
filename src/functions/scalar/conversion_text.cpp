// Conversions to text and UUIDs: toString(x [, zone]) writes values as ClickHouse does — Float64
// in the shortest form that reads back exactly ("0.1", "1e21", "inf"), Bool as true / false,
// Decimal without trailing zeros ("1.5" for 1.500), Date as YYYY-MM-DD, DateTime as YYYY-MM-DD
// hh:mm:ss in the time zone (with ".ffffff" when not a whole second), UUIDs in lowercase, arrays
// as ['a','b'] / [1,2] with strings, dates and UUIDs quoted and escaped; toUUID reads
// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" or the 32 digits alone; toTypeName(x) names x's type
// (Larder's types: "Int64", "Nullable(String)", "DateTime('Asia/Tokyo')").
#include <optional>

#include "functions/scalar/conversion_common.h"
#include "functions/scalar/date_common.h"
#include "functions/scalar/value_text.h"
#include "types/datetime.h"

namespace larder::functions {
namespace {

// Appends `text` in single quotes, escaped as ClickHouse quotes strings.
void AppendQuoted(std::string_view text, std::string* out) {
  out->push_back('\'');
  for (char c : text) {
    switch (c) {
      case '\'':
        out->append("\\'");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\0':
        out->append("\\0");
        break;
      default:
        out->push_back(c);
    }
  }
  out->push_back('\'');
}

// Writes two digits at `at`.
void PutTwoDigits(int64_t value, char* at) {
  at[0] = static_cast<char>('0' + value / 10);
  at[1] = static_cast<char>('0' + value % 10);
}

// Writes "YYYY-MM-DD" at `at` (10 characters) when the year has four digits; false otherwise.
bool PutDate(int64_t day, char* at) {
  const CivilDate date = CivilOfDay(day);
  if (date.year < 0 || date.year > 9999) return false;
  PutTwoDigits(date.year / 100, at);
  PutTwoDigits(date.year % 100, at + 2);
  at[4] = '-';
  PutTwoDigits(date.month, at + 5);
  at[7] = '-';
  PutTwoDigits(date.day, at + 8);
  return true;
}

void AppendDate(int64_t day, std::string* out) {
  char text[10];
  if (PutDate(day, text)) {
    out->append(text, sizeof(text));
  } else {
    out->append(FormatDate(static_cast<int32_t>(day)));
  }
}

// Writes values of any type as text, DateTimes in one time zone.
class TextWriter {
 public:
  // DateTimes read in `zone`; with `element_zones`, array elements of a zoned DateTime type
  // read in their own (no zone argument was given).
  TextWriter(const TimeZone& zone, bool element_zones)
      : cursor_(zone), element_zones_(element_zones) {}

  // Row `row` of `vector` (not NULL there); `in_array`: quote what ClickHouse quotes in arrays.
  void Append(const ColumnVector& vector, size_t row, bool in_array, std::string* out) {
    const LogicalType& type = vector.type();
    switch (type.id()) {
      case TypeId::kString:
      case TypeId::kJson:
        if (in_array) {
          AppendQuoted(vector.GetString(row), out);
        } else {
          out->append(vector.GetString(row));
        }
        return;
      case TypeId::kDate:
      case TypeId::kDateTime:
      case TypeId::kUuid:
        if (in_array) {
          scratch_.clear();
          AppendPlain(vector, row, &scratch_);
          AppendQuoted(scratch_, out);
        } else {
          AppendPlain(vector, row, out);
        }
        return;
      case TypeId::kArray: {
        const ColumnVector& child = vector.child();
        // Elements of a zoned DateTime type read in their zone.
        std::optional<TextWriter> zoned;
        TextWriter* writer = this;
        if (element_zones_ && child.type().time_zone() != nullptr) {
          writer = &zoned.emplace(*child.type().time_zone(), true);
        }
        out->push_back('[');
        for (uint32_t i = vector.offsets()[row]; i < vector.offsets()[row + 1]; ++i) {
          if (i > vector.offsets()[row]) out->push_back(',');
          if (child.IsNull(i) || child.type().id() == TypeId::kNothing) {
            out->append("NULL");
          } else {
            writer->Append(child, i, true, out);
          }
        }
        out->push_back(']');
        return;
      }
      default:
        AppendPlain(vector, row, out);
    }
  }

 private:
  void AppendPlain(const ColumnVector& vector, size_t row, std::string* out) {
    switch (vector.type().id()) {
      case TypeId::kDecimal: {
        std::string text = FormatDecimal(vector.data<Int128>()[row], vector.type().scale());
        if (text.find('.') != std::string::npos) {
          while (text.back() == '0') text.pop_back();
          if (text.back() == '.') text.pop_back();
        }
        out->append(text);
        return;
      }
      case TypeId::kDateTime:
        AppendDateTime(vector.data<int64_t>()[row], out);
        return;
      case TypeId::kDate:
        AppendDate(vector.data<int32_t>()[row], out);
        return;
      case TypeId::kNothing:
        out->append("NULL");
        return;
      default:
        AppendValueText(vector, row, out);
    }
  }

  // "YYYY-MM-DD hh:mm:ss", with ".ffffff" when not a whole second.
  void AppendDateTime(int64_t micros, std::string* out) {
    const LocalTime time = LocalTimeOf(micros, &cursor_);
    char text[26];
    if (!PutDate(time.day, text)) {
      out->append(FormatDate(static_cast<int32_t>(time.day)));
      out->append(text + 10, TimeText(time, text + 10));
      return;
    }
    out->append(text, 10 + TimeText(time, text + 10));
  }

  // Writes " hh:mm:ss[.ffffff]" at `at`; returns its length.
  static size_t TimeText(const LocalTime& time, char* at) {
    at[0] = ' ';
    PutTwoDigits(time.second / 3600, at + 1);
    at[3] = ':';
    PutTwoDigits(time.second / 60 % 60, at + 4);
    at[6] = ':';
    PutTwoDigits(time.second % 60, at + 7);
    if (time.micros == 0) return 9;
    at[9] = '.';
    int32_t micros = time.micros;
    for (int i = 15; i >= 10; --i) {
      at[i] = static_cast<char>('0' + micros % 10);
      micros /= 10;
    }
    return 16;
  }

  ZoneCursor cursor_;
  bool element_zones_ = true;
  std::string scratch_;
};

ScalarKernel ToStringKernel(std::string function, OnFailure) {
  return [function](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& arg = call.args[0];
    if (arg.type().is_string_like()) {
      ForEachString(arg, call.rows,
                    [&](size_t, std::string_view text) { out->AppendString(text); });
      return Status::OK();
    }
    LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, 1, function));
    TextWriter writer(*zone, call.args.size() < 2);
    std::string text;
    for (size_t row = 0; row < call.rows; ++row) {
      text.clear();
      const size_t source_row = arg.Row(row);
      if (!arg.vector->IsNull(source_row)) writer.Append(*arg.vector, source_row, false, &text);
      out->AppendString(text);
    }
    return Status::OK();
  };
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The 36-character form, or 32 hex digits without dashes.
bool ParseUuidText(std::string_view text, Uuid128* uuid) {
  if (text.size() == 36) return ParseUuid(text, uuid);
  if (text.size() != 32) return false;
  uint64_t parts[2] = {0, 0};
  for (size_t i = 0; i < 32; ++i) {
    const int digit = HexDigit(text[i]);
    if (digit < 0) return false;
    parts[i / 16] = (parts[i / 16] << 4) | static_cast<uint64_t>(digit);
  }
  uuid->high = parts[0];
  uuid->low = parts[1];
  return true;
}

ScalarKernel ToUuidKernel(std::string function, OnFailure on_failure) {
  return [function, on_failure](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& arg = call.args[0];
    ConversionWriter<Uuid128> writer(out, call.rows, on_failure, function, "UUID");
    if (arg.type().id() == TypeId::kUuid) {
      for (size_t row = 0; row < call.rows; ++row) writer.Set(row, arg.Get<Uuid128>(row));
      return Status::OK();
    }
    Status status;
    ForEachString(arg, call.rows, [&](size_t row, std::string_view text) {
      Uuid128 uuid;
      if (ParseUuidText(text, &uuid)) {
        writer.Set(row, uuid);
      } else if (status.ok() && !arg.IsNull(row)) {
        status = writer.Fail(row, text, true);
      }
    });
    return status;
  };
}

Status ToTypeName(const KernelCall& call, ColumnVector* out) {
  const std::string name = call.args[0].type().ToString();
  for (size_t row = 0; row < call.rows; ++row) out->AppendString(name);
  return Status::OK();
}

}  // namespace

void RegisterTextConversions(FunctionRegistry* r) {
  Scalar(r, "toTypeName", 1, 1, Fixed(kString), ToTypeName, NullHandling::kSpecial);
  RegisterConversion(
      r, "toString", 1, 2, kString, [](const LogicalType&) { return true; }, ToStringKernel);
  RegisterConversion(
      r, "toUUID", 1, 1, LogicalType::Uuid(),
      [](const LogicalType& type) { return type.is_string_like() || type.id() == TypeId::kUuid; },
      ToUuidKernel);
}

}  // namespace larder::functions
