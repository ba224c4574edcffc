// How PostgreSQL column types map to Larder's LogicalTypes, and how values printed by PostgreSQL
// (COPY text format, with the session settings the Postgres source sets) become column values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/column_vector.h"
#include "types/value.h"

namespace larder::sources {

// The mapping. Every type is Nullable(…) when the column allows NULL.
//
// | PostgreSQL                                  | Larder                   | Key candidate |
// |---------------------------------------------|--------------------------|---------------|
// | smallint, integer, bigint                   | Int64                    | yes           |
// | numeric(p, s) with 0 <= s <= p <= 38 (1)    | Nullable(Decimal(38, s)) | yes           |
// | numeric unconstrained, p > 38 or s < 0 (2)  | Float64                  | yes           |
// | real, double precision                      | Float64                  | no            |
// | boolean                                     | Bool                     | no            |
// | uuid                                        | UUID                     | no            |
// | date (3)                                    | Date                     | yes           |
// | timestamp (3)                               | DateTime (µs)            | yes           |
// | timestamptz (3)                             | DateTime, in UTC         | yes           |
// | json, jsonb                                 | JSON (text as printed)   | no            |
// | bytea (4)                                   | String                   | no            |
// | one-dimensional arrays of these types (5)   | Array(Nullable(element)) | no            |
// | anything else: text, varchar, char, name,   | String (PostgreSQL's     | no            |
// | enums, inet, cidr, interval, time, money, … | text for the value)      |               |
//
// (1) numeric accepts 'NaN', which no Decimal holds: NaN reads as NULL, so these columns are
//     always Nullable.
// (2) Float64 keeps about 15-17 significant digits; NaN and ±Infinity read as themselves, and
//     values beyond double's range as ±Infinity or 0.
// (3) Dates and timestamps before year 1 (BC) and after 9999 read as their proleptic Gregorian
//     values; 'infinity' / '-infinity' read as the largest / smallest value the type holds.
//     timestamptz is read with the session time zone set to UTC, so it arrives as UTC whatever
//     the server's or the writer's time zone.
// (4) As PostgreSQL prints bytea with bytea_output = hex: "\x" then two lower-case hex digits
//     per byte ("\x00ff").
// (5) Arrays with more than one dimension fail the read with kInvalidArgument; a custom lower
//     bound ("[0:1]={…}") is dropped.
//
// Domains map as their base type.

// What Discover reads about a column's type from pg_catalog.
struct PostgresType {
  std::string base_name;     // pg_type.typname, domains resolved: "int4", "numeric", "_text".
  char category = 'U';       // pg_type.typcategory: 'A' for arrays, 'E' enums, …
  int32_t typmod = -1;       // pg_attribute.atttypmod: numeric(p, s) packs p and s in it.
  std::string element_name;  // For arrays, the element's typname ("int4").
};

struct MappedType {
  LogicalType type;
  bool replication_key_candidate = false;
};

MappedType MapPostgresType(const PostgresType& pg_type, bool nullable);

// Appends `text`, one value as PostgreSQL prints it, to `column` (of a type MapPostgresType
// returned). Fails with kInvalidArgument when the text does not parse as the column's type.
Status AppendPostgresValue(std::string_view text, ColumnVector* column);

// Fills one column of a batch with values as PostgreSQL prints them, the parser for the column's
// type chosen once: the Postgres source's per-value path (AppendPostgresValue reads the same
// values one at a time). Fixed-width values are written in place into rows sized ahead (the
// column holds extra zero rows until Finish). Not thread-safe.
class PostgresColumnAppender {
 public:
  // REQUIRES: `column` is empty, of a type MapPostgresType returned, and outlives the appender.
  // `expected_rows` sizes the column up front; it grows past them as needed.
  PostgresColumnAppender(ColumnVector* column, size_t expected_rows);

  // Appends one value; fails with kInvalidArgument as AppendPostgresValue does.
  Status Append(std::string_view text);
  // Appends a NULL; fails with kCorruption when the column does not allow NULL.
  Status AppendNull();
  // Gives the column its final row count. Call once, after the last value.
  void Finish();

 private:
  enum class Kind { kInt64, kFloat64, kDecimal, kBool, kUuid, kDate, kDateTime, kOther };

  // Fixed-width kinds: makes sure the column has a row at rows_ to write into.
  void MakeRoom();

  ColumnVector* column_;
  Kind kind_;
  int scale_;        // Decimal columns.
  size_t rows_ = 0;  // Values appended so far.
};

// PostgreSQL's text for a Date (days since the epoch): "2024-03-01", "0044-03-15 BC".
std::string FormatPostgresDate(int32_t days);
// PostgreSQL's text for a DateTime (µs since the epoch, UTC): "2024-03-01 12:00:00.000001",
// followed by "+00" when `with_zone`.
std::string FormatPostgresTimestamp(int64_t micros, bool with_zone);
// The text of a cursor value of a column of `type`, to be quoted as a literal.
Result<std::string> FormatPostgresCursor(const Value& value, const LogicalType& type);

}  // namespace larder::sources
