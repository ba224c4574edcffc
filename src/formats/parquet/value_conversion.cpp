#include "formats/parquet/value_conversion.h"

#include <cmath>
#include <cstring>

namespace larder::formats::parquet {
namespace {

constexpr int64_t kJulianDayOfEpoch = 2440588;
constexpr int64_t kMicrosPerDay = 86'400'000'000;

Status OutOfRange(const LeafColumn& leaf, std::string_view what) {
  return InvalidArgument("{} value {} is outside DateTime's range", leaf.dotted_path, what);
}

int64_t FloorDiv(int64_t value, int64_t divisor) {
  const int64_t quotient = value / divisor;
  return (value % divisor < 0) ? quotient - 1 : quotient;
}

// A big-endian two's complement integer of up to 16 significant bytes.
bool BigEndianToInt128(std::string_view bytes, Int128* value) {
  if (bytes.empty()) {
    *value = 0;
    return true;
  }
  const bool negative = static_cast<uint8_t>(bytes[0]) & 0x80;
  // Bytes beyond 16 must only repeat the sign.
  while (bytes.size() > 16) {
    if (static_cast<uint8_t>(bytes[0]) != (negative ? 0xff : 0x00)) return false;
    bytes.remove_prefix(1);
  }
  if ((static_cast<uint8_t>(bytes[0]) & 0x80) != (negative ? 0x80 : 0)) return false;
  unsigned __int128 result = negative ? ~static_cast<unsigned __int128>(0) : 0;
  for (char byte : bytes) result = (result << 8) | static_cast<uint8_t>(byte);
  *value = static_cast<Int128>(result);
  return true;
}

double BigEndianToDouble(std::string_view bytes, int32_t scale) {
  double value = 0;
  for (char byte : bytes) value = value * 256 + static_cast<uint8_t>(byte);
  if (!bytes.empty() && (static_cast<uint8_t>(bytes[0]) & 0x80)) {
    value -= std::ldexp(1.0, static_cast<int>(8 * bytes.size()));
  }
  return value / std::pow(10.0, scale);
}

double HalfToDouble(uint16_t half) {
  const int sign = half >> 15;
  const int exponent = (half >> 10) & 0x1f;
  const int mantissa = half & 0x3ff;
  double value;
  if (exponent == 0) {
    value = std::ldexp(mantissa, -24);
  } else if (exponent == 31) {
    value = mantissa == 0 ? INFINITY : NAN;
  } else {
    value = std::ldexp(mantissa + 1024, exponent - 25);
  }
  return sign ? -value : value;
}

uint64_t LoadBigEndian64(const char* bytes) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  return value;
}

Status WrongLength(const LeafColumn& leaf, size_t got, size_t expected) {
  return Corruption("{} value has {} bytes, not {}", leaf.dotted_path, got, expected);
}

// "HH:MM:SS" then `digits` fractional digits of a time of day in 10^-digits seconds.
void AppendTimeOfDay(int64_t ticks, int digits, std::string* out) {
  int64_t per_second = 1;
  for (int i = 0; i < digits; ++i) per_second *= 10;
  if (ticks < 0) {
    out->push_back('-');
    ticks = ticks == INT64_MIN ? INT64_MAX : -ticks;
  }
  const int64_t seconds = ticks / per_second;
  fmt::format_to(std::back_inserter(*out), "{:02}:{:02}:{:02}.{:0{}}", seconds / 3600,
                 seconds / 60 % 60, seconds % 60, ticks % per_second, digits);
}

Status DecodeInt32Kind(const LeafColumn& leaf, PageValueDecoder* decoder, size_t count, void* out,
                       ConversionBuffers* buffers) {
  if (leaf.kind == ValueKind::kDate) return decoder->GetInt32(static_cast<int32_t*>(out), count);
  buffers->int32s.resize(count);
  const int32_t* in = buffers->int32s.data();
  LARDER_RETURN_IF_ERROR(decoder->GetInt32(buffers->int32s.data(), count));
  if (leaf.kind == ValueKind::kInt32) {
    auto* values = static_cast<int64_t*>(out);
    for (size_t i = 0; i < count; ++i) values[i] = in[i];
  } else if (leaf.kind == ValueKind::kUInt32) {
    auto* values = static_cast<int64_t*>(out);
    for (size_t i = 0; i < count; ++i) values[i] = static_cast<uint32_t>(in[i]);
  } else {
    auto* values = static_cast<Int128*>(out);
    for (size_t i = 0; i < count; ++i) values[i] = in[i];
  }
  return Status::OK();
}

Status DecodeInt64Kind(const LeafColumn& leaf, PageValueDecoder* decoder, size_t count, void* out,
                       ConversionBuffers* buffers) {
  if (leaf.kind == ValueKind::kUInt64 || leaf.kind == ValueKind::kDecimalInt64) {
    buffers->int64s.resize(count);
    const int64_t* in = buffers->int64s.data();
    LARDER_RETURN_IF_ERROR(decoder->GetInt64(buffers->int64s.data(), count));
    auto* values = static_cast<Int128*>(out);
    if (leaf.kind == ValueKind::kUInt64) {
      for (size_t i = 0; i < count; ++i) values[i] = static_cast<uint64_t>(in[i]);
    } else {
      for (size_t i = 0; i < count; ++i) values[i] = in[i];
    }
    return Status::OK();
  }
  auto* values = static_cast<int64_t*>(out);
  LARDER_RETURN_IF_ERROR(decoder->GetInt64(values, count));
  if (leaf.kind == ValueKind::kTimestampMillis) {
    for (size_t i = 0; i < count; ++i) {
      const int64_t millis = values[i];
      if (__builtin_mul_overflow(millis, int64_t{1000}, &values[i])) {
        return OutOfRange(leaf, fmt::format("{} ms", millis));
      }
    }
  } else if (leaf.kind == ValueKind::kTimestampNanos) {
    for (size_t i = 0; i < count; ++i) values[i] = FloorDiv(values[i], 1000);
  }
  return Status::OK();
}

Status DecodeInt96(const LeafColumn& leaf, PageValueDecoder* decoder, size_t count, void* out,
                   ConversionBuffers* buffers) {
  buffers->int96s.resize(count);
  LARDER_RETURN_IF_ERROR(decoder->GetInt96(buffers->int96s.data(), count));
  auto* values = static_cast<int64_t*>(out);
  for (size_t i = 0; i < count; ++i) {
    int64_t nanos;
    int32_t julian_day;
    std::memcpy(&nanos, buffers->int96s[i].bytes, 8);
    std::memcpy(&julian_day, buffers->int96s[i].bytes + 8, 4);
    int64_t micros;
    if (__builtin_mul_overflow(int64_t{julian_day} - kJulianDayOfEpoch, kMicrosPerDay, &micros) ||
        __builtin_add_overflow(micros, FloorDiv(nanos, 1000), &values[i])) {
      return OutOfRange(leaf, fmt::format("(Julian day {}, {} ns)", julian_day, nanos));
    }
  }
  return Status::OK();
}

Status DecodeBytesKind(const LeafColumn& leaf, PageValueDecoder* decoder, size_t count, void* out,
                       ConversionBuffers* buffers) {
  LARDER_RETURN_IF_ERROR(decoder->GetBytes(count, &buffers->views, kMaxBatchStringBytes));
  const std::vector<std::string_view>& in = buffers->views;
  switch (leaf.kind) {
    case ValueKind::kDecimalBytes: {
      auto* values = static_cast<Int128*>(out);
      for (size_t i = 0; i < count; ++i) {
        if (!BigEndianToInt128(in[i], &values[i])) {
          return InvalidArgument("{}: a decimal value of {} bytes does not fit in 128 bits",
                                 leaf.dotted_path, in[i].size());
        }
      }
      return Status::OK();
    }
    case ValueKind::kDecimalBytesWide: {
      auto* values = static_cast<double*>(out);
      for (size_t i = 0; i < count; ++i) values[i] = BigEndianToDouble(in[i], leaf.scale);
      return Status::OK();
    }
    case ValueKind::kUuid: {
      auto* values = static_cast<Uuid128*>(out);
      for (size_t i = 0; i < count; ++i) {
        if (in[i].size() != 16) return WrongLength(leaf, in[i].size(), 16);
        values[i] = {LoadBigEndian64(in[i].data()), LoadBigEndian64(in[i].data() + 8)};
      }
      return Status::OK();
    }
    case ValueKind::kFloat16: {
      auto* values = static_cast<double*>(out);
      for (size_t i = 0; i < count; ++i) {
        if (in[i].size() != 2) return WrongLength(leaf, in[i].size(), 2);
        uint16_t half;
        std::memcpy(&half, in[i].data(), 2);
        values[i] = HalfToDouble(half);
      }
      return Status::OK();
    }
    default:
      return Internal("{}: no fixed-width conversion", leaf.dotted_path);
  }
}

}  // namespace

bool HasStringValues(const LeafColumn& leaf) { return leaf.value_type.is_string_like(); }

Status DecodeFixedValues(const LeafColumn& leaf, PageValueDecoder* decoder, size_t count, void* out,
                         ConversionBuffers* buffers) {
  switch (leaf.physical) {
    case PhysicalType::kBoolean:
      return decoder->GetBools(static_cast<uint8_t*>(out), count);
    case PhysicalType::kInt32:
      return DecodeInt32Kind(leaf, decoder, count, out, buffers);
    case PhysicalType::kInt64:
      return DecodeInt64Kind(leaf, decoder, count, out, buffers);
    case PhysicalType::kInt96:
      return DecodeInt96(leaf, decoder, count, out, buffers);
    case PhysicalType::kFloat: {
      buffers->floats.resize(count);
      LARDER_RETURN_IF_ERROR(decoder->GetFloat(buffers->floats.data(), count));
      auto* values = static_cast<double*>(out);
      for (size_t i = 0; i < count; ++i) values[i] = buffers->floats[i];
      return Status::OK();
    }
    case PhysicalType::kDouble:
      return decoder->GetDouble(static_cast<double*>(out), count);
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      return DecodeBytesKind(leaf, decoder, count, out, buffers);
  }
  return Internal("{}: unknown physical type", leaf.dotted_path);
}

Status DecodeStringValues(const LeafColumn& leaf, PageValueDecoder* decoder, size_t count,
                          std::vector<std::string_view>* views, ConversionBuffers* buffers) {
  if (leaf.kind == ValueKind::kBytes || leaf.kind == ValueKind::kJson) {
    return decoder->GetBytes(count, views, kMaxBatchStringBytes);
  }
  if (leaf.kind == ValueKind::kNull) {
    // Some writers store values (zeros) for a required UNKNOWN column; they mean nothing.
    views->assign(count, std::string_view());
    return Status::OK();
  }
  std::string& text = buffers->text;
  text.clear();
  std::vector<uint32_t>& ends = buffers->indices;
  ends.clear();
  if (leaf.kind == ValueKind::kInterval) {
    std::vector<std::string_view> raw;
    LARDER_RETURN_IF_ERROR(decoder->GetBytes(count, &raw, kMaxBatchStringBytes));
    for (std::string_view value : raw) {
      if (value.size() != 12) return WrongLength(leaf, value.size(), 12);
      uint32_t parts[3];
      std::memcpy(parts, value.data(), 12);
      fmt::format_to(std::back_inserter(text), "P{}M{}DT{}.{:03}S", parts[0], parts[1],
                     parts[2] / 1000, parts[2] % 1000);
      ends.push_back(static_cast<uint32_t>(text.size()));
    }
  } else if (leaf.kind == ValueKind::kTimeMillis) {
    buffers->int32s.resize(count);
    LARDER_RETURN_IF_ERROR(decoder->GetInt32(buffers->int32s.data(), count));
    for (int32_t value : buffers->int32s) {
      AppendTimeOfDay(value, 3, &text);
      ends.push_back(static_cast<uint32_t>(text.size()));
    }
  } else if (leaf.kind == ValueKind::kTimeMicros || leaf.kind == ValueKind::kTimeNanos) {
    buffers->int64s.resize(count);
    LARDER_RETURN_IF_ERROR(decoder->GetInt64(buffers->int64s.data(), count));
    const int digits = leaf.kind == ValueKind::kTimeMicros ? 6 : 9;
    for (int64_t value : buffers->int64s) {
      AppendTimeOfDay(value, digits, &text);
      ends.push_back(static_cast<uint32_t>(text.size()));
    }
  }
  views->clear();
  uint32_t begin = 0;
  for (uint32_t end : ends) {
    views->push_back(std::string_view(text).substr(begin, end - begin));
    begin = end;
  }
  return Status::OK();
}

Status AppendValues(const LeafColumn& leaf, PageValueDecoder* decoder, size_t count,
                    ColumnVector* out, ConversionBuffers* buffers) {
  if (!HasStringValues(leaf)) {
    const size_t old_size = out->size();
    out->Resize(old_size + count);
    const size_t width = out->type().fixed_width();
    return DecodeFixedValues(leaf, decoder, count, out->mutable_data<uint8_t>() + old_size * width,
                             buffers);
  }
  std::vector<std::string_view> views;
  LARDER_RETURN_IF_ERROR(DecodeStringValues(leaf, decoder, count, &views, buffers));
  size_t bytes = out->chars().size();
  for (std::string_view view : views) bytes += view.size();
  if (bytes > kMaxBatchStringBytes) {
    return ResourceExhausted("{}: a batch of strings takes more than {} bytes", leaf.dotted_path,
                             kMaxBatchStringBytes);
  }
  for (std::string_view view : views) out->AppendString(view);
  return Status::OK();
}

namespace {

template <typename T>
void Gather(const T* dictionary, const uint32_t* indices, size_t count, T* out) {
  for (size_t i = 0; i < count; ++i) out[i] = dictionary[indices[i]];
}

}  // namespace

Status AppendFromDictionary(const ColumnVector& dictionary, const uint32_t* indices, size_t count,
                            ColumnVector* out) {
  const size_t size = dictionary.size();
  uint32_t max_index = 0;
  for (size_t i = 0; i < count; ++i) max_index = std::max(max_index, indices[i]);
  if (count > 0 && max_index >= size) {
    return Corruption("dictionary index {} is past the dictionary's {} values", max_index, size);
  }
  if (dictionary.type().is_string_like()) {
    size_t bytes = out->chars().size();
    for (size_t i = 0; i < count; ++i) bytes += dictionary.GetString(indices[i]).size();
    if (bytes > kMaxBatchStringBytes) {
      return ResourceExhausted("a batch of strings takes more than {} bytes", kMaxBatchStringBytes);
    }
    for (size_t i = 0; i < count; ++i) out->AppendString(dictionary.GetString(indices[i]));
    return Status::OK();
  }
  const size_t old_size = out->size();
  out->Resize(old_size + count);
  switch (dictionary.type().fixed_width()) {
    case 1:
      Gather(dictionary.data<uint8_t>(), indices, count, out->mutable_data<uint8_t>() + old_size);
      break;
    case 4:
      Gather(dictionary.data<int32_t>(), indices, count, out->mutable_data<int32_t>() + old_size);
      break;
    case 8:
      Gather(dictionary.data<int64_t>(), indices, count, out->mutable_data<int64_t>() + old_size);
      break;
    case 16:
      Gather(dictionary.data<Uuid128>(), indices, count, out->mutable_data<Uuid128>() + old_size);
      break;
  }
  return Status::OK();
}

namespace {

template <typename T>
void SpreadTyped(T* values, const uint8_t* levels, size_t count, uint8_t max_level,
                 uint8_t* nulls) {
  size_t next = 0;
  for (size_t row = 0; row < count; ++row) next += levels[row] == max_level;
  for (size_t row = count; row-- > 0;) {
    if (levels[row] == max_level) {
      values[row] = values[--next];
      nulls[row] = 0;
    } else {
      values[row] = T{};
      nulls[row] = 1;
    }
  }
}

}  // namespace

void SpreadOverNulls(uint8_t* values, size_t width, const uint8_t* levels, size_t count,
                     uint8_t max_level, uint8_t* nulls) {
  switch (width) {
    case 1:
      return SpreadTyped(values, levels, count, max_level, nulls);
    case 4:
      return SpreadTyped(reinterpret_cast<int32_t*>(values), levels, count, max_level, nulls);
    case 8:
      return SpreadTyped(reinterpret_cast<int64_t*>(values), levels, count, max_level, nulls);
    case 16:
      return SpreadTyped(reinterpret_cast<Uuid128*>(values), levels, count, max_level, nulls);
  }
}

}  // namespace larder::formats::parquet
