#include "formats/parquet/parquet_statistics.h"

#include <cmath>

#include "formats/parquet/page_values.h"
#include "formats/parquet/value_conversion.h"

namespace larder::formats::parquet {
namespace {

// Kinds whose deprecated min / max (signed comparison) are true bounds.
bool SignedOrder(ValueKind kind) {
  switch (kind) {
    case ValueKind::kBool:
    case ValueKind::kInt32:
    case ValueKind::kInt64:
    case ValueKind::kFloat:
    case ValueKind::kDouble:
    case ValueKind::kDate:
    case ValueKind::kTimestampMillis:
    case ValueKind::kTimestampMicros:
    case ValueKind::kTimestampNanos:
    case ValueKind::kDecimalInt32:
    case ValueKind::kDecimalInt64:
      return true;
    default:
      return false;
  }
}

size_t PlainWidth(PhysicalType physical) {
  switch (physical) {
    case PhysicalType::kBoolean:
      return 1;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return 8;
    default:
      return 0;
  }
}

std::optional<Value> DecodeBound(const LeafColumn& leaf, std::string_view bytes) {
  switch (leaf.kind) {
    case ValueKind::kTimeMillis:
    case ValueKind::kTimeMicros:
    case ValueKind::kTimeNanos:
    case ValueKind::kInterval:
    case ValueKind::kInt96Timestamp:
    case ValueKind::kNull:
      return std::nullopt;
    case ValueKind::kBytes:
    case ValueKind::kJson:
      return Value::String(std::string(bytes));
    default:
      break;
  }
  LeafColumn plain = leaf;
  if (leaf.physical == PhysicalType::kByteArray ||
      leaf.physical == PhysicalType::kFixedLenByteArray) {
    plain.physical = PhysicalType::kFixedLenByteArray;
    plain.type_length = static_cast<int32_t>(bytes.size());
  } else if (bytes.size() != PlainWidth(leaf.physical)) {
    return std::nullopt;
  }
  PageValueDecoder decoder;
  ColumnVector column(leaf.value_type);
  ConversionBuffers buffers;
  if (!decoder.Init(Encoding::kPlain, plain.physical, plain.type_length, bytes).ok() ||
      !AppendValues(plain, &decoder, 1, &column, &buffers).ok()) {
    return std::nullopt;
  }
  Value value = column.GetValue(0);
  if (leaf.value_type.id() == TypeId::kFloat64 && std::isnan(value.as_float64())) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

ColumnStatistics DecodeStatistics(const LeafColumn& leaf, const Statistics& statistics) {
  ColumnStatistics result;
  result.null_count = statistics.null_count;
  const std::optional<std::string>* min = &statistics.min_value;
  const std::optional<std::string>* max = &statistics.max_value;
  if (!min->has_value() && !max->has_value() && SignedOrder(leaf.kind)) {
    min = &statistics.min;
    max = &statistics.max;
  }
  if (min->has_value()) result.min = DecodeBound(leaf, **min);
  if (max->has_value()) result.max = DecodeBound(leaf, **max);
  return result;
}

}  // namespace larder::formats::parquet
