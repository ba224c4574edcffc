// ColumnTypeInference: the type `larder import` gives a column of a CSV or JSON-lines file,
// learned from every value in it. Chunks of a file are inferred in parallel and merged.
//
// Each value narrows the set of types that could hold every value seen so far; the column gets
// the first type left in the order Bool, Int64, Float64, Date, DateTime, String, JSON:
//   CSV text        "true"/"false" (any case) Bool; integers Int64 (or Float64); decimal numbers
//                   Float64; "YYYY-MM-DD" Date (or DateTime); ISO 8601 date-times DateTime (UTC,
//                   offsets applied); anything else String.
//   JSON values     true/false Bool; integers Int64; other numbers Float64; strings String, or
//                   Date / DateTime when they spell one; objects and arrays JSON. Scalars may also
//                   be read as String (a mix of numbers and strings is String), and everything as
//                   JSON (a mix of objects and scalars is JSON, each value as its JSON text).
// So mixed integers and decimals give Float64, dates with date-times DateTime, and anything
// inconsistent String. A NULL (an empty CSV field, JSON null or a missing key) makes the column
// Nullable; a column that holds nothing but NULLs is Nullable(String).
#pragma once

#include <cstdint>
#include <string_view>

#include "types/logical_type.h"

namespace larder::formats {

class ColumnTypeInference {
 public:
  // An unquoted-or-quoted CSV field that is not NULL.
  void ObserveText(std::string_view text);
  void ObserveNull() { saw_null_ = true; }
  void ObserveJsonBool() { Narrow(kBool | kString | kJson); }
  // An integer that fits in an int64, or any other number.
  void ObserveJsonNumber(bool is_int64) {
    Narrow(is_int64 ? kInt64 | kFloat64 | kString | kJson : kFloat64 | kString | kJson);
  }
  void ObserveJsonString(std::string_view text);
  // An object or an array.
  void ObserveJsonNested() { Narrow(kJson); }

  // Folds in what another chunk of the same column saw.
  void Merge(const ColumnTypeInference& other);

  LogicalType Type() const;
  bool saw_null() const { return saw_null_; }
  bool saw_value() const { return saw_value_; }

 private:
  enum Candidate : uint8_t {
    kBool = 1 << 0,
    kInt64 = 1 << 1,
    kFloat64 = 1 << 2,
    kDate = 1 << 3,
    kDateTime = 1 << 4,
    kString = 1 << 5,
    kJson = 1 << 6,
    kAll = 0x7f,
  };
  void Narrow(uint8_t candidates) {
    candidates_ &= candidates;
    saw_value_ = true;
  }
  // The candidates among `possible` that `text` can be read as, besides String.
  static uint8_t TextCandidates(std::string_view text, uint8_t possible);

  uint8_t candidates_ = kAll;
  bool saw_value_ = false;
  bool saw_null_ = false;
};

}  // namespace larder::formats
