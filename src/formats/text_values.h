// Reading typed values from the text of CSV fields and JSON scalars: the parsers that type
// inference tries, and ValueReader, which appends text to a column of a given type (import).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "common/status.h"
#include "types/column_vector.h"
#include "types/logical_type.h"

namespace simdjson::dom {
class parser;
}  // namespace simdjson::dom

namespace larder::formats {

// "true" / "false" in any letter case; with `allow_digits` also "1" / "0".
bool ParseBoolText(std::string_view text, bool allow_digits, bool* value);
// An optional sign and decimal digits that fit in an int64.
bool ParseInt64Text(std::string_view text, int64_t* value);
// A decimal number with optional fraction and exponent ("-1.5e3", ".5", "7"); no inf or nan.
bool ParseFloat64Text(std::string_view text, double* value);
// A decimal number with at most `scale` fraction digits and 38 digits in all, as an integer
// scaled by 10^scale.
bool ParseDecimalText(std::string_view text, int scale, Int128* value);

// Appends values of one column type, read from text, to a ColumnVector. Not thread-safe: each
// thread decoding a chunk makes its own.
class ValueReader {
 public:
  // REQUIRES: IsImportable(type).
  explicit ValueReader(const LogicalType& type);
  ~ValueReader();
  ValueReader(ValueReader&&) noexcept;
  ValueReader& operator=(ValueReader&&) noexcept;

  // Appends the value `text` spells (the type's nullability is not checked here). Returns false,
  // appending nothing, when `text` is not a value of the type.
  bool Append(std::string_view text, ColumnVector* column);

  // Types that can be read from text: every stored type except Array.
  static bool IsImportable(const LogicalType& type);

 private:
  TypeId id_;
  int scale_ = 0;
  std::unique_ptr<simdjson::dom::parser> json_parser_;  // For kJson: validates the text.
};

// "FILE:LINE: column `c`: cannot read "abc" as Int64" (long text is shortened).
Status CannotReadValue(std::string_view file, uint64_t line, std::string_view column,
                       std::string_view text, const LogicalType& type);
// "FILE:LINE: column `c` is empty (NULL), but its type Int64 is not Nullable".
Status NullInNonNullable(std::string_view file, uint64_t line, std::string_view column,
                         const LogicalType& type);

}  // namespace larder::formats
