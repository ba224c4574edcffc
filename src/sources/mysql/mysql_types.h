// How MySQL and MariaDB column types map to Larder's LogicalTypes, and how values the server
// sends in the text protocol (with the session settings the MySQL source sets) become column
// values; also the SQL literal for a replication cursor.
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
// | MySQL / MariaDB                                 | Larder                   | Key candidate |
// |-------------------------------------------------|--------------------------|---------------|
// | tinyint, smallint, mediumint, int, bigint,      | Int64                    | yes           |
// | signed or unsigned, except bigint unsigned (1)  |                          |               |
// | bigint unsigned                                 | Decimal(38, 0)           | yes           |
// | decimal(p, s) with p <= 38                      | Decimal(38, s)           | yes           |
// | decimal(p, s) with p > 38 (2)                   | Float64                  | yes           |
// | float, double (3)                               | Float64                  | no            |
// | bit(1)                                          | Bool                     | no            |
// | bit(2) … bit(63); bit(64)                       | Int64; Decimal(38, 0)    | no            |
// | year                                            | Int64 (0 for year 0000)  | yes           |
// | date (4)                                        | Nullable(Date)           | yes           |
// | datetime (4)                                    | Nullable(DateTime) (µs)  | yes           |
// | timestamp (4)                                   | Nullable(DateTime), UTC  | yes           |
// | time                                            | String ("-838:59:59.5")  | no            |
// | json; MariaDB's json: longtext CHECK json_valid | JSON (text as stored)    | no            |
// | uuid (MariaDB 10.7+)                            | UUID                     | no            |
// | char, varchar, tinytext … longtext, enum, set   | String (UTF-8)           | no            |
// | binary, varbinary, tinyblob … longblob (5)      | String (bytes as stored) | no            |
// | anything else: geometry, inet4, inet6, …        | String, as the server    | no            |
// |                                                 | sends it                 |               |
//
// (1) tinyint(1), which MySQL also calls bool / boolean, reads as Int64 too: it holds -128…127,
//     not only 0 and 1, and every value arrives as stored.
// (2) Float64 keeps about 15-17 significant digits.
// (3) float arrives as the server prints it (the shortest text that reads back as the same
//     float: 0.1), and reads as the double nearest to that text.
// (4) Zero dates — '0000-00-00', '0000-00-00 00:00:00' and dates with a zero month or day such
//     as '2024-00-00' — read as NULL, so these columns are always Nullable, and a replication key
//     counts such rows as rows without a key. timestamp is read with the session time zone set to
//     '+00:00', so it arrives as UTC whatever the server's or the writer's time zone; datetime
//     has no zone and arrives as stored.
// (5) binary(n) keeps the zero bytes that pad it to n bytes.

// What Discover reads about a column from information_schema.COLUMNS.
struct MysqlType {
  std::string data_type;    // DATA_TYPE, lower case: "bigint", "decimal", "longtext".
  std::string column_type;  // COLUMN_TYPE: "bigint(20) unsigned", "tinyint(1)", "bit(9)".
  int precision = 0;        // NUMERIC_PRECISION: digits of a decimal, bits of a bit.
  int scale = 0;            // NUMERIC_SCALE of a decimal.
  bool json = false;        // JSON, or a MariaDB column checked by json_valid().
};

struct MappedMysqlType {
  LogicalType type;
  bool replication_key_candidate = false;
  // True when the column is selected as `column` + 0: bit columns, which the server would
  // otherwise send as raw bytes, arrive as decimal numbers.
  bool select_as_number = false;
};

MappedMysqlType MapMysqlType(const MysqlType& mysql_type, bool nullable);

// Appends `text`, one non-NULL value as the server sends it, to `column` (of a type MapMysqlType
// returned). Zero dates append NULL. Fails with kInvalidArgument when the text does not parse as
// the column's type.
Status AppendMysqlValue(std::string_view text, ColumnVector* column);

// The SQL literal that compares a column of `type` with the cursor `value`: a number
// ("-12.50", "18446744073709551615") or a quoted date or datetime ('2024-03-01 12:00:00.000001').
// A string value is first read as a value of `type`. kInvalidArgument when the value does not fit
// the type.
Result<std::string> MysqlCursorLiteral(const Value& value, const LogicalType& type);

}  // namespace larder::sources
