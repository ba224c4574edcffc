// Value: one scalar of any LogicalType, for zone maps, predicates and tests — never for hot
// loops, which work on ColumnVector directly.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "types/logical_type.h"

namespace larder {

// An integer against a float, exactly (ClickHouse's accurate comparison): converting the
// integer to a double would make 2^53 + 1 equal 2^53. Unordered when the float is NaN.
std::partial_ordering CompareIntegerWithFloat(int64_t integer, double value);

class Value {
 public:
  using Storage = std::variant<std::monostate, bool, int64_t, double, Int128, std::string, Uuid128,
                               std::vector<Value>>;

  Value() = default;  // NULL.
  static Value Null() { return Value(); }
  static Value Bool(bool v) { return Value(Storage(v)); }
  static Value Int64(int64_t v) { return Value(Storage(v)); }
  static Value Float64(double v) { return Value(Storage(v)); }
  static Value Decimal(Int128 v) { return Value(Storage(v)); }
  static Value String(std::string v) { return Value(Storage(std::move(v))); }
  static Value Uuid(larder::Uuid128 v) { return Value(Storage(v)); }
  static Value Array(std::vector<Value> v) { return Value(Storage(std::move(v))); }
  // Date as days since the epoch, DateTime as microseconds: stored as Int64.
  static Value Date(int32_t days) { return Int64(days); }
  static Value DateTime(int64_t micros) { return Int64(micros); }

  bool is_null() const { return std::holds_alternative<std::monostate>(storage_); }
  bool as_bool() const { return std::get<bool>(storage_); }
  int64_t as_int64() const { return std::get<int64_t>(storage_); }
  double as_float64() const { return std::get<double>(storage_); }
  Int128 as_decimal() const { return std::get<Int128>(storage_); }
  const std::string& as_string() const { return std::get<std::string>(storage_); }
  larder::Uuid128 as_uuid() const { return std::get<larder::Uuid128>(storage_); }
  const std::vector<Value>& as_array() const { return std::get<std::vector<Value>>(storage_); }
  const Storage& storage() const { return storage_; }

  // Total order within one type; NULL sorts first. REQUIRES: both values of the same type.
  std::partial_ordering Compare(const Value& other) const;
  bool operator==(const Value& other) const { return storage_ == other.storage_; }

  // Text as the CLI prints it, given the value's type (dates and decimals need the type).
  std::string ToString(const LogicalType& type) const;

  void Serialize(BinaryWriter* writer) const;
  // Fails with kCorruption on bad bytes, including arrays nested deeper than kMaxTypeDepth.
  static Status Deserialize(BinaryReader* reader, Value* value, int depth = 0);

 private:
  explicit Value(Storage storage) : storage_(std::move(storage)) {}
  Storage storage_;
};

std::string FormatDecimal(Int128 value, int scale);
std::string FormatUuid(Uuid128 uuid);
// Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (hex, either case).
bool ParseUuid(std::string_view text, Uuid128* uuid);

}  // namespace larder
