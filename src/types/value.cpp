#include "types/value.h"

#include <algorithm>
#include <cmath>

#include "types/datetime.h"
#include "types/time_zone.h"

namespace larder {

std::partial_ordering CompareIntegerWithFloat(int64_t integer, double value) {
  if (std::isnan(value)) return std::partial_ordering::unordered;
  if (value >= 9223372036854775808.0) return std::partial_ordering::less;
  if (value < -9223372036854775808.0) return std::partial_ordering::greater;
  const double whole = std::trunc(value);  // Fits in int64 here.
  const int64_t truncated = static_cast<int64_t>(whole);
  if (integer != truncated) return integer <=> truncated;
  return 0.0 <=> value - whole;
}

std::partial_ordering Value::Compare(const Value& other) const {
  if (is_null() || other.is_null()) return other.is_null() <=> is_null();
  if (storage_.index() != other.storage_.index()) {
    // Numbers of different kinds (an Int64 and a Float64 element of two arrays) by value.
    const int64_t* integer = std::get_if<int64_t>(&storage_);
    const double* number = std::get_if<double>(&other.storage_);
    if (integer && number) return CompareIntegerWithFloat(*integer, *number);
    integer = std::get_if<int64_t>(&other.storage_);
    number = std::get_if<double>(&storage_);
    if (integer && number) return 0 <=> CompareIntegerWithFloat(*integer, *number);
    return std::partial_ordering::unordered;
  }
  return std::visit(
      [&](const auto& a) -> std::partial_ordering {
        using T = std::decay_t<decltype(a)>;
        const T& b = std::get<T>(other.storage_);
        if constexpr (std::is_same_v<T, std::monostate>) {
          return std::partial_ordering::equivalent;
        } else if constexpr (std::is_same_v<T, std::vector<Value>>) {
          for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
            auto order = a[i].Compare(b[i]);
            if (order != 0) return order;
          }
          return a.size() <=> b.size();
        } else if constexpr (std::is_same_v<T, Int128>) {
          return a < b
                     ? std::partial_ordering::less
                     : (a > b ? std::partial_ordering::greater : std::partial_ordering::equivalent);
        } else {
          return a <=> b;
        }
      },
      storage_);
}

std::string FormatDecimal(Int128 value, int scale) {
  bool negative = value < 0;
  unsigned __int128 magnitude = negative ? static_cast<unsigned __int128>(-(value + 1)) + 1
                                         : static_cast<unsigned __int128>(value);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude > 0);
  while (digits.size() <= static_cast<size_t>(scale)) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  if (scale > 0) digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  return negative ? "-" + digits : digits;
}

std::string FormatUuid(Uuid128 uuid) {
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", uuid.high >> 32,
                     (uuid.high >> 16) & 0xffff, uuid.high & 0xffff, uuid.low >> 48,
                     uuid.low & 0xffffffffffffULL);
}

bool ParseUuid(std::string_view text, Uuid128* uuid) {
  if (text.size() != 36) return false;
  uint64_t parts[2] = {0, 0};
  int nibbles = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
      continue;
    }
    int digit;
    if (c >= '0' && c <= '9')
      digit = c - '0';
    else if (c >= 'a' && c <= 'f')
      digit = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      digit = c - 'A' + 10;
    else
      return false;
    uint64_t& part = parts[nibbles / 16];
    part = (part << 4) | static_cast<uint64_t>(digit);
    ++nibbles;
  }
  uuid->high = parts[0];
  uuid->low = parts[1];
  return true;
}

std::string Value::ToString(const LogicalType& type) const {
  if (is_null()) return "NULL";
  switch (type.id()) {
    case TypeId::kBool:
      return as_bool() ? "true" : "false";
    case TypeId::kNothing:
      return "NULL";
    case TypeId::kInterval:
    case TypeId::kInt64:
      return std::to_string(as_int64());
    case TypeId::kFloat64:
      return fmt::format("{}", as_float64());
    case TypeId::kDecimal:
      return FormatDecimal(as_decimal(), type.scale());
    case TypeId::kString:
    case TypeId::kJson:
      return as_string();
    case TypeId::kDate:
      return FormatDate(static_cast<int32_t>(as_int64()));
    case TypeId::kDateTime:
      // On the wall clock of the type's zone, if it has one; else in UTC.
      return FormatDateTime(type.time_zone() ? type.time_zone()->ToLocalMicros(as_int64())
                                             : as_int64());
    case TypeId::kUuid:
      return FormatUuid(as_uuid());
    case TypeId::kArray: {
      std::string text = "[";
      for (size_t i = 0; i < as_array().size(); ++i) {
        if (i > 0) text += ",";
        text += as_array()[i].ToString(type.element());
      }
      return text + "]";
    }
  }
  return "?";
}

void Value::Serialize(BinaryWriter* writer) const {
  writer->PutByte(static_cast<uint8_t>(storage_.index()));
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          writer->PutByte(v ? 1 : 0);
        } else if constexpr (std::is_same_v<T, int64_t>) {
          writer->PutSignedVarint(v);
        } else if constexpr (std::is_same_v<T, double>) {
          uint64_t bits;
          std::memcpy(&bits, &v, 8);
          writer->PutFixed64(bits);
        } else if constexpr (std::is_same_v<T, Int128>) {
          writer->PutFixed64(static_cast<uint64_t>(v));
          writer->PutFixed64(static_cast<uint64_t>(static_cast<unsigned __int128>(v) >> 64));
        } else if constexpr (std::is_same_v<T, std::string>) {
          writer->PutBytes(v);
        } else if constexpr (std::is_same_v<T, larder::Uuid128>) {
          writer->PutFixed64(v.high);
          writer->PutFixed64(v.low);
        } else if constexpr (std::is_same_v<T, std::vector<Value>>) {
          writer->PutVarint(v.size());
          for (const Value& element : v) element.Serialize(writer);
        }
      },
      storage_);
}

Status Value::Deserialize(BinaryReader* reader, Value* value, int depth) {
  if (depth > kMaxTypeDepth) return Corruption("{}: values nested too deeply", reader->what());
  uint64_t index;
  LARDER_RETURN_IF_ERROR(reader->GetBoundedVarint(std::variant_size_v<Storage>, &index));
  switch (index) {
    case 0:
      *value = Value();
      return Status::OK();
    case 1: {
      uint8_t b;
      LARDER_RETURN_IF_ERROR(reader->GetByte(&b));
      *value = Value::Bool(b != 0);
      return Status::OK();
    }
    case 2: {
      int64_t v;
      LARDER_RETURN_IF_ERROR(reader->GetSignedVarint(&v));
      *value = Value::Int64(v);
      return Status::OK();
    }
    case 3: {
      uint64_t bits;
      LARDER_RETURN_IF_ERROR(reader->GetFixed64(&bits));
      double d;
      std::memcpy(&d, &bits, 8);
      *value = Value::Float64(d);
      return Status::OK();
    }
    case 4: {
      uint64_t low, high;
      LARDER_RETURN_IF_ERROR(reader->GetFixed64(&low));
      LARDER_RETURN_IF_ERROR(reader->GetFixed64(&high));
      *value =
          Value::Decimal(static_cast<Int128>((static_cast<unsigned __int128>(high) << 64) | low));
      return Status::OK();
    }
    case 5: {
      std::string s;
      LARDER_RETURN_IF_ERROR(reader->GetString(&s));
      *value = Value::String(std::move(s));
      return Status::OK();
    }
    case 6: {
      larder::Uuid128 u;
      LARDER_RETURN_IF_ERROR(reader->GetFixed64(&u.high));
      LARDER_RETURN_IF_ERROR(reader->GetFixed64(&u.low));
      *value = Value::Uuid(u);
      return Status::OK();
    }
    default: {
      uint64_t count;
      LARDER_RETURN_IF_ERROR(reader->GetBoundedVarint(reader->remaining() + 1, &count));
      std::vector<Value> elements(count);
      for (Value& element : elements) {
        LARDER_RETURN_IF_ERROR(Deserialize(reader, &element, depth + 1));
      }
      *value = Value::Array(std::move(elements));
      return Status::OK();
    }
  }
}

}  // namespace larder
