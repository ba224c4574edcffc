#include "storage/zone_map.h"

#include <cmath>

namespace larder::storage {

void ZoneMap::Serialize(BinaryWriter* writer) const {
  writer->PutVarint(row_count);
  writer->PutVarint(null_count);
  writer->PutByte(static_cast<uint8_t>((min ? 1 : 0) | (max ? 2 : 0)));
  if (min) min->Serialize(writer);
  if (max) max->Serialize(writer);
}

Status ZoneMap::Deserialize(BinaryReader* reader, ZoneMap* zone_map) {
  LARDER_RETURN_IF_ERROR(reader->GetVarint(&zone_map->row_count));
  LARDER_RETURN_IF_ERROR(reader->GetVarint(&zone_map->null_count));
  uint8_t flags;
  LARDER_RETURN_IF_ERROR(reader->GetByte(&flags));
  if (flags & 1) LARDER_RETURN_IF_ERROR(Value::Deserialize(reader, &zone_map->min.emplace()));
  if (flags & 2) LARDER_RETURN_IF_ERROR(Value::Deserialize(reader, &zone_map->max.emplace()));
  return Status::OK();
}

void ZoneMap::Merge(const ZoneMap& other) {
  bool this_empty = row_count == null_count;
  bool other_empty = other.row_count == other.null_count;
  if (this_empty && !other_empty) {
    min = other.min;
    max = other.max;
  } else if (!other_empty) {
    if (!min || !other.min)
      min.reset();
    else if (other.min->Compare(*min) < 0)
      min = other.min;
    if (!max || !other.max)
      max.reset();
    else if (other.max->Compare(*max) > 0)
      max = other.max;
  }
  row_count += other.row_count;
  null_count += other.null_count;
}

namespace {

template <typename T, typename MakeValue>
void FixedMinMax(const ColumnVector& column, size_t start, size_t count, ZoneMap* zone_map,
                 MakeValue make_value) {
  const T* values = column.data<T>();
  bool any = false;
  T min{}, max{};
  for (size_t row = start; row < start + count; ++row) {
    if (column.IsNull(row)) continue;
    T v = values[row];
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(v)) return;  // NaN has no place in an order: keep no bounds.
    }
    if (!any || v < min) min = v;
    if (!any || max < v) max = v;
    any = true;
  }
  if (any) {
    zone_map->min = make_value(min);
    zone_map->max = make_value(max);
  }
}

void StringMinMax(const ColumnVector& column, size_t start, size_t count, ZoneMap* zone_map) {
  std::string_view min, max;
  bool any = false;
  for (size_t row = start; row < start + count; ++row) {
    if (column.IsNull(row)) continue;
    std::string_view v = column.GetString(row);
    if (!any || v < min) min = v;
    if (!any || v > max) max = v;
    any = true;
  }
  if (!any) return;
  zone_map->min = Value::String(std::string(min.substr(0, kZoneMapMaxStringBytes)));
  if (max.size() <= kZoneMapMaxStringBytes) zone_map->max = Value::String(std::string(max));
}

}  // namespace

ZoneMap ComputeZoneMap(const ColumnVector& column, size_t start, size_t count) {
  ZoneMap zone_map;
  zone_map.row_count = count;
  if (column.has_nulls()) {
    for (size_t row = start; row < start + count; ++row) zone_map.null_count += column.IsNull(row);
  }
  switch (column.type().id()) {
    case TypeId::kBool:
      FixedMinMax<uint8_t>(column, start, count, &zone_map,
                           [](uint8_t v) { return Value::Bool(v != 0); });
      break;
    case TypeId::kInt64:
    case TypeId::kDateTime:
      FixedMinMax<int64_t>(column, start, count, &zone_map, Value::Int64);
      break;
    case TypeId::kDate:
      FixedMinMax<int32_t>(column, start, count, &zone_map, Value::Date);
      break;
    case TypeId::kFloat64:
      FixedMinMax<double>(column, start, count, &zone_map, Value::Float64);
      break;
    case TypeId::kDecimal:
      FixedMinMax<Int128>(column, start, count, &zone_map, Value::Decimal);
      break;
    case TypeId::kUuid:
      FixedMinMax<Uuid128>(column, start, count, &zone_map, Value::Uuid);
      break;
    case TypeId::kString:
    case TypeId::kJson:
      StringMinMax(column, start, count, &zone_map);
      break;
    case TypeId::kArray:
    case TypeId::kNothing:
    case TypeId::kInterval:
      break;
  }
  return zone_map;
}

bool ZoneMapMayMatch(const ZoneMap& zone_map, const ColumnPredicate& predicate) {
  using Op = ColumnPredicate::Op;
  if (predicate.op == Op::kIsNull) return zone_map.null_count > 0;
  if (predicate.op == Op::kIsNotNull) return zone_map.null_count < zone_map.row_count;
  if (zone_map.null_count == zone_map.row_count) return false;  // Comparisons with NULL fail.
  if (predicate.value.is_null()) return false;
  const Value& v = predicate.value;
  auto below_min = [&] { return zone_map.min && v.Compare(*zone_map.min) < 0; };
  auto above_max = [&] { return zone_map.max && v.Compare(*zone_map.max) > 0; };
  switch (predicate.op) {
    case Op::kEq:
      return !below_min() && !above_max();
    case Op::kNe:
      return !(zone_map.min && zone_map.max && zone_map.min->Compare(*zone_map.max) == 0 &&
               v.Compare(*zone_map.min) == 0 && zone_map.null_count == 0);
    case Op::kLt:
      return !(zone_map.min && v.Compare(*zone_map.min) <= 0);
    case Op::kLe:
      return !below_min();
    case Op::kGt:
      return !(zone_map.max && v.Compare(*zone_map.max) >= 0);
    case Op::kGe:
      return !above_max();
    default:
      return true;
  }
}

}  // namespace larder::storage
