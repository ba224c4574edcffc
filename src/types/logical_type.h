// LogicalType: the column types Larder stores and queries (DESIGN.md "Storage"), each of which
// may be Nullable. Shared by storage, planner and execution.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/coding.h"
#include "common/status.h"

namespace larder {

enum class TypeId : uint8_t {
  kBool = 0,
  kInt64 = 1,
  kFloat64 = 2,
  kDecimal = 3,  // Decimal(38, scale): a 128-bit integer scaled by 10^-scale.
  kString = 4,
  kDate = 5,       // Days since 1970-01-01, int32.
  kDateTime = 6,   // Microseconds since the epoch, UTC, int64.
  kUuid = 7,       // 16 bytes, stored big-endian as two uint64 (high, low).
  kJson = 8,       // JSON text, queried by path.
  kArray = 9,      // Array(element).
  kNothing = 10,   // The type of NULL (ClickHouse's Nothing); never stored.
  kInterval = 11,  // toIntervalDay(n) and friends: a count of units; never stored.
};
inline constexpr int kTypeIdCount = 12;
inline constexpr int kMaxDecimalScale = 38;
inline constexpr int kMaxTypeDepth = 32;  // Array(Array(…)) nesting that storage accepts.

using Int128 = __int128;

class TimeZone;

struct Uuid128 {
  uint64_t high = 0;
  uint64_t low = 0;
  auto operator<=>(const Uuid128&) const = default;
};

class LogicalType {
 public:
  LogicalType() : LogicalType(TypeId::kInt64) {}
  static LogicalType Bool() { return LogicalType(TypeId::kBool); }
  static LogicalType Int64() { return LogicalType(TypeId::kInt64); }
  static LogicalType Float64() { return LogicalType(TypeId::kFloat64); }
  static LogicalType Decimal(int scale);
  static LogicalType String() { return LogicalType(TypeId::kString); }
  static LogicalType Date() { return LogicalType(TypeId::kDate); }
  static LogicalType DateTime() { return LogicalType(TypeId::kDateTime); }
  // A DateTime shown and taken apart in `zone` (ClickHouse's DateTime('Asia/Tokyo'), what
  // toTimeZone returns) rather than in the query's time zone.
  static LogicalType DateTime(const TimeZone* zone);
  static LogicalType Uuid() { return LogicalType(TypeId::kUuid); }
  static LogicalType Json() { return LogicalType(TypeId::kJson); }
  static LogicalType Array(LogicalType element);
  static LogicalType Nothing() { return LogicalType(TypeId::kNothing).WithNullable(true); }
  // An interval of `unit` ("second", …, "year").
  static LogicalType Interval(std::string_view unit);
  // REQUIRES: id() == kInterval.
  std::string_view interval_unit() const;

  TypeId id() const { return id_; }
  bool nullable() const { return nullable_; }
  LogicalType WithNullable(bool nullable) const;
  // REQUIRES: id() == kDecimal.
  int scale() const { return scale_; }
  // REQUIRES: id() == kArray.
  const LogicalType& element() const { return *element_; }
  // The zone of a DateTime that has one, else nullptr (the query's time zone applies). The
  // zone is an attribute of a query's values only: it is not stored, and types that differ
  // only in it compare equal (the values are the same UTC instants).
  const TimeZone* time_zone() const { return zone_; }

  // Strings and JSON hold variable-length bytes.
  bool is_string_like() const { return id_ == TypeId::kString || id_ == TypeId::kJson; }
  // Bytes per value for fixed-width types; 0 for strings and arrays.
  size_t fixed_width() const;

  // ClickHouse-style names: "Int64", "Nullable(Decimal(38, 2))", "Array(Nullable(String))".
  std::string ToString() const;
  // Parses what ToString prints (case-sensitive type names as ClickHouse spells them).
  static Result<LogicalType> Parse(std::string_view text);

  void Serialize(BinaryWriter* writer) const;
  // Fails with kCorruption on bad bytes, including arrays nested deeper than kMaxTypeDepth.
  static Status Deserialize(BinaryReader* reader, LogicalType* type, int depth = 0);

  bool operator==(const LogicalType& other) const;
  bool operator!=(const LogicalType& other) const { return !(*this == other); }

 private:
  explicit LogicalType(TypeId id) : id_(id) {}

  TypeId id_;
  bool nullable_ = false;
  uint8_t scale_ = 0;
  const TimeZone* zone_ = nullptr;  // Lives in time_zone.h's process-wide cache.
  std::shared_ptr<const LogicalType> element_;
};

// True when every value of `from` converts to `to` without loss, so a stored column may be
// widened in place (schema evolution): Int64 -> Float64 / Decimal, anything -> String,
// Date -> DateTime, non-null -> Nullable, Decimal(s) -> Decimal(larger s), and arrays element-wise.
bool IsWideningConversion(const LogicalType& from, const LogicalType& to);

}  // namespace larder
