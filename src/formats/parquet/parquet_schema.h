// ParquetSchema: a Parquet file's schema (the flattened SchemaElement tree of its footer) as
// Larder columns — one per top-level field — and the leaf columns whose chunks hold the values.
//
// The mapping of a leaf (logical type first, else the converted type, else the physical type):
//
// | Parquet                                                   | Larder                     |
// |-----------------------------------------------------------|----------------------------|
// | BOOLEAN                                                   | Bool                       |
// | INT32, INT64 and INT(8/16/32/64, signed), UINT(8/16/32)   | Int64                      |
// | INT64 as UINT(64) (1)                                     | Decimal(38, 0)             |
// | FLOAT, DOUBLE, FIXED[2] FLOAT16                           | Float64                    |
// | DECIMAL(p, s) on INT32, INT64, FIXED or BYTE_ARRAY, p<=38 | Decimal(38, s)             |
// | DECIMAL(p, s) on FIXED or BYTE_ARRAY with p > 38 (2)      | Float64                    |
// | BYTE_ARRAY: STRING, ENUM, none, BSON, GEOMETRY, GEOGRAPHY | String (the bytes as-is)   |
// | BYTE_ARRAY JSON                                           | JSON                       |
// | FIXED_LEN_BYTE_ARRAY without a type above                 | String (the bytes as-is)   |
// | FIXED[16] UUID                                            | UUID                       |
// | INT32 DATE                                                | Date                       |
// | TIMESTAMP(MILLIS / MICROS / NANOS), UTC-adjusted or not   | DateTime (3)               |
// | INT96 (legacy Impala / Spark timestamps)                  | DateTime (3)               |
// | TIME(MILLIS / MICROS / NANOS) (4)                         | String "HH:MM:SS.fff…"     |
// | FIXED[12] INTERVAL (5)                                    | String                     |
// | UNKNOWN (always NULL)                                     | Nullable(String)           |
//
// and of groups and repetition:
//
// | Parquet                                                   | Larder                     |
// |-----------------------------------------------------------|----------------------------|
// | optional field                                            | Nullable(T)                |
// | LIST (3-level, and the legacy 2-level forms) of E         | Array(E)                   |
// | repeated field outside a LIST                             | Array(T), not Nullable     |
// | group (STRUCT) (6)                                        | JSON: {"field": value, …}  |
// | MAP (6)                                                   | JSON: {"key": value, …}    |
//
// (1) Every UINT64 fits in Decimal(38, 0); Int64 would not hold those above 2^63 - 1.
// (2) Read as the nearest double.
// (3) Microseconds since the epoch, UTC. Timestamps not adjusted to UTC ("local" time) are read as
//     if they were UTC: the wall-clock value is kept. NANOS are rounded down to microseconds;
//     INT96 is (nanoseconds of the day, Julian day).
// (4) Larder has no time-of-day type; the text sorts in time order. MILLIS give 3 fractional
//     digits, MICROS 6 and NANOS 9.
// (5) "P{months}M{days}DT{seconds}S" from the (months, days, milliseconds) it holds.
// (6) Inside JSON: numbers as numbers (UINT64 too; NaN and infinities as null), decimals as
//     numbers with their scale, strings, dates and timestamps ("YYYY-MM-DD HH:MM:SS.ffffff") and
//     UUIDs as strings, JSON columns embedded as JSON, lists as arrays, NULL as null; map keys
//     are the key's text.
//
// A column the reader cannot read (a VARIANT group, a group with no fields) still appears, with
// `unsupported` saying why; reading it fails with that reason.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "formats/parquet/parquet_metadata.h"
#include "types/logical_type.h"

namespace larder::formats::parquet {

// Schemas may nest this deep (levels are stored in a byte each).
inline constexpr int kMaxSchemaDepth = 64;
inline constexpr size_t kMaxSchemaElements = 100'000;

// How a leaf's physical values become Larder values.
enum class ValueKind : uint8_t {
  kBool,
  kInt32,   // Sign-extended to Int64.
  kUInt32,  // Zero-extended to Int64.
  kInt64,
  kUInt64,  // To Decimal(38, 0).
  kFloat,   // Widened to Float64.
  kDouble,
  kFloat16,          // FIXED[2] to Float64.
  kDate,             // INT32 days.
  kTimestampMillis,  // INT64 to DateTime.
  kTimestampMicros,
  kTimestampNanos,
  kInt96Timestamp,
  kDecimalInt32,  // To Decimal(38, s).
  kDecimalInt64,
  kDecimalBytes,      // Big-endian two's complement to Decimal(38, s).
  kDecimalBytesWide,  // Big-endian two's complement scaled, to Float64.
  kBytes,             // BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY to String.
  kJson,              // BYTE_ARRAY to JSON.
  kUuid,              // FIXED[16] to UUID.
  kTimeMillis,        // INT32 to String.
  kTimeMicros,        // INT64 to String.
  kTimeNanos,         // INT64 to String.
  kInterval,          // FIXED[12] to String.
  kNull,              // UNKNOWN: no value is ever present.
};

// A primitive column of the file: the unit that column chunks store.
struct LeafColumn {
  std::vector<std::string> path;
  std::string dotted_path;  // "a.list.element", for messages.
  PhysicalType physical = PhysicalType::kInt32;
  int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY bytes.
  uint8_t max_definition_level = 0;
  uint8_t max_repetition_level = 0;
  ValueKind kind = ValueKind::kInt64;
  LogicalType value_type;  // The Larder type of a value (never Nullable).
  int32_t scale = 0;       // Decimals.
};

// A node of a top-level field's tree, with the levels that tell its values apart.
struct SchemaNode {
  enum class Shape : uint8_t { kLeaf, kStruct, kList, kMap };
  Shape shape = Shape::kLeaf;
  std::string name;
  bool optional = false;
  // The definition level at which the node is present (not NULL).
  uint8_t definition_level = 0;
  // Lists and maps: the definition level at which they have at least one element, and the
  // repetition level of their elements.
  uint8_t element_definition_level = 0;
  uint8_t element_repetition_level = 0;
  // Structs: the fields; lists: the element; maps: the key and (when present) the value.
  std::vector<SchemaNode> children;
  int leaf = -1;  // Leaves: index into ParquetSchema::leaves().
  // The leaves under this node are [first_leaf, end_leaf).
  int first_leaf = 0;
  int end_leaf = 0;
  // The Larder type of this node's values (Nullable when optional); JSON for structs and maps.
  LogicalType type;
};

// A top-level field: one Larder column.
struct ParquetField {
  std::string name;
  LogicalType type;
  SchemaNode node;
  // A primitive at the top (required or optional): read straight into a column.
  bool flat = false;
  // Why the column cannot be read; empty when it can.
  std::string unsupported;
};

class ParquetSchema {
 public:
  // Builds the schema from a footer's elements. kCorruption when the tree is malformed (child
  // counts that do not add up, a leaf without a type, nesting deeper than kMaxSchemaDepth).
  static Result<ParquetSchema> Build(const std::vector<SchemaElement>& elements);

  const std::vector<ParquetField>& fields() const { return fields_; }
  const std::vector<LeafColumn>& leaves() const { return leaves_; }

 private:
  std::vector<ParquetField> fields_;
  std::vector<LeafColumn> leaves_;
};

}  // namespace larder::formats::parquet
