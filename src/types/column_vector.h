// ColumnVector: the values of one column for a batch of rows, laid out for typed loops (no
// per-row boxing). Flat or, for strings, dictionary-encoded; NULLs in a separate byte map.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "types/logical_type.h"
#include "types/value.h"

namespace larder {

class ColumnVector {
 public:
  explicit ColumnVector(LogicalType type);
  ColumnVector(ColumnVector&&) = default;
  ColumnVector& operator=(ColumnVector&&) = default;
  ColumnVector Clone() const;

  const LogicalType& type() const { return type_; }
  size_t size() const { return size_; }

  // Fixed-width values: Bool uint8_t, Int64 and DateTime int64_t, Date int32_t, Float64 double,
  // Decimal Int128, UUID Uuid128. REQUIRES: a flat vector of a fixed-width type matching T.
  template <typename T>
  const T* data() const {
    return reinterpret_cast<const T*>(values_.data());
  }
  template <typename T>
  T* mutable_data() {
    return reinterpret_cast<T*>(values_.data());
  }
  // Sets the row count of a fixed-width vector; new values are zero and not NULL.
  void Resize(size_t rows);
  void Reserve(size_t rows);

  // NULLs: one byte per row, 1 = NULL. Empty when no row is NULL (the common case).
  bool has_nulls() const { return !nulls_.empty(); }
  bool IsNull(size_t row) const { return !nulls_.empty() && nulls_[row] != 0; }
  const std::vector<uint8_t>& nulls() const { return nulls_; }
  // Materializes the byte map (all zero) if needed and returns it.
  std::vector<uint8_t>* mutable_nulls();
  // Drops the byte map if it has no NULL in it.
  void CompactNulls();

  // Strings and JSON (flat): row i is chars[offsets[i], offsets[i+1]).
  std::string_view GetString(size_t row) const {
    if (dictionary_) return dictionary_->GetString(codes_[row]);
    return std::string_view(chars_.data() + offsets_[row], offsets_[row + 1] - offsets_[row]);
  }
  const std::vector<uint32_t>& offsets() const { return offsets_; }
  const std::string& chars() const { return chars_; }

  // Arrays: row i holds child rows [offsets[i], offsets[i+1]).
  const ColumnVector& child() const { return *child_; }
  ColumnVector* mutable_child() { return child_.get(); }

  // Dictionary form (strings only): row i is dictionary().GetString(codes()[i]).
  bool is_dictionary() const { return dictionary_ != nullptr; }
  const std::vector<uint32_t>& codes() const { return codes_; }
  const ColumnVector& dictionary() const { return *dictionary_; }
  static ColumnVector MakeDictionary(LogicalType type,
                                     std::shared_ptr<const ColumnVector> dictionary,
                                     std::vector<uint32_t> codes);
  // Turns a dictionary vector into a flat one; no-op when flat.
  void Flatten();

  // Appending (builders). Strings may not exceed 4 GiB per vector.
  template <typename T>
  void Append(T value) {
    size_t old = values_.size();
    values_.resize(old + sizeof(T));
    std::memcpy(values_.data() + old, &value, sizeof(T));
    if (!nulls_.empty()) nulls_.push_back(0);
    ++size_;
  }
  void AppendString(std::string_view value);
  // Appends `count` strings stored one after another in `bytes`, lengths[i] bytes each.
  // REQUIRES: the lengths are not negative and add up to bytes.size().
  void AppendStrings(std::string_view bytes, const int64_t* lengths, size_t count);
  void AppendNull();
  // Closes an array row whose elements were appended to mutable_child().
  void FinishArrayRow() { AppendArrayRow(static_cast<uint32_t>(child_->size() - offsets_.back())); }
  // Appends an array row made of the next `element_count` child rows.
  void AppendArrayRow(uint32_t element_count);
  void AppendValue(const Value& value);
  // Appends rows [start, start + count) of `other` (same type).
  void AppendRange(const ColumnVector& other, size_t start, size_t count);
  // A new vector holding `rows` of this one, in that order.
  ColumnVector Take(const std::vector<uint32_t>& rows) const;

  Value GetValue(size_t row) const;
  // Converts every value to `to`, which must be a widening of this type
  // (IsWideningConversion). Used to read parts written before a column was widened.
  Result<ColumnVector> CastTo(const LogicalType& to) const;
  // Byte size of the buffers (memory accounting).
  size_t MemoryBytes() const;

 private:
  void FlatAppendFrom(const ColumnVector& other, size_t row);

  LogicalType type_;
  size_t size_ = 0;
  std::vector<uint8_t> values_;
  std::vector<uint8_t> nulls_;
  std::vector<uint32_t> offsets_;  // Strings and arrays: size_ + 1 entries.
  std::string chars_;
  std::unique_ptr<ColumnVector> child_;
  std::shared_ptr<const ColumnVector> dictionary_;
  std::vector<uint32_t> codes_;
};

// Column names and types of a batch or table.
struct Field {
  std::string name;
  LogicalType type;
  bool operator==(const Field&) const = default;
};

struct Schema {
  std::vector<Field> fields;
  // Index of the field named `name`, or -1.
  int FindField(std::string_view name) const;
  bool operator==(const Schema&) const = default;
};

// Rows as columns: columns[i] holds the values of schema.fields[i].
struct Batch {
  Schema schema;
  std::vector<ColumnVector> columns;

  size_t num_rows() const { return columns.empty() ? 0 : columns[0].size(); }
  // Checks that columns match the schema in count, type and length, and that non-nullable
  // columns hold no NULL.
  Status Validate() const;
  static Batch Empty(const Schema& schema);
};

}  // namespace larder
