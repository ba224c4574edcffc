// ZoneMap: min, max and NULL count of a block of one column, kept in the part footer so a scan
// can skip blocks that cannot match a simple predicate.
#pragma once

#include <optional>
#include <string>

#include "common/coding.h"
#include "types/column_vector.h"
#include "types/value.h"

namespace larder::storage {

// Strings longer than this keep no exact max (a truncated max is not an upper bound); the min is
// kept truncated, which is still a lower bound.
inline constexpr size_t kZoneMapMaxStringBytes = 64;

struct ZoneMap {
  std::optional<Value> min;  // Absent when unknown (all NULL, arrays, NaN, long strings).
  std::optional<Value> max;
  uint64_t null_count = 0;
  uint64_t row_count = 0;

  void Serialize(BinaryWriter* writer) const;
  static Status Deserialize(BinaryReader* reader, ZoneMap* zone_map);
  // Widens this zone map to also cover `other`.
  void Merge(const ZoneMap& other);
};

// Zone map of rows [start, start + count) of `column`.
ZoneMap ComputeZoneMap(const ColumnVector& column, size_t start, size_t count);

// A simple predicate on one column, as the scan can test it against a zone map.
struct ColumnPredicate {
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kIsNull, kIsNotNull };
  std::string column;
  Op op;
  Value
      value;  // Unused for kIsNull / kIsNotNull. Same type as the column (Date/DateTime as Int64).
};

// False only when no row described by `zone_map` can satisfy `predicate`.
bool ZoneMapMayMatch(const ZoneMap& zone_map, const ColumnPredicate& predicate);

}  // namespace larder::storage
