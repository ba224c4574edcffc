// ValueList<T>: values of one read type T (aggregate_helpers.h) kept in an aggregate state, in
// the order added — fixed-width values in a vector, strings packed in one buffer, arrays boxed.
// Used by groupArray, groupUniqArray and topK; its memory is released with the state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "functions/aggregate/aggregate_helpers.h"

namespace larder::functions {

template <typename T>
class ValueList {
 public:
  void Push(const T& value) { values_.push_back(value); }
  size_t size() const { return values_.size(); }
  const T& Get(size_t i) const { return values_[i]; }
  void AppendTo(size_t i, ColumnVector* out) const { Stored<T>::Append(out, values_[i]); }
  size_t HeapBytes() const { return values_.capacity() * sizeof(T); }

 private:
  std::vector<T> values_;
};

template <>
class ValueList<std::string_view> {
 public:
  void Push(std::string_view value) {
    chars_.append(value);
    ends_.push_back(chars_.size());
  }
  size_t size() const { return ends_.size(); }
  std::string_view Get(size_t i) const {
    size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(chars_).substr(begin, ends_[i] - begin);
  }
  void AppendTo(size_t i, ColumnVector* out) const { out->AppendString(Get(i)); }
  size_t HeapBytes() const { return chars_.capacity() + ends_.capacity() * sizeof(size_t); }

 private:
  std::string chars_;
  std::vector<size_t> ends_;  // End of each value in chars_.
};

template <>
class ValueList<Value> {
 public:
  void Push(const Value& value) { values_.push_back(value); }
  size_t size() const { return values_.size(); }
  const Value& Get(size_t i) const { return values_[i]; }
  void AppendTo(size_t i, ColumnVector* out) const { out->AppendValue(values_[i]); }
  size_t HeapBytes() const {
    size_t bytes = values_.capacity() * sizeof(Value);
    for (const Value& value : values_) bytes += Stored<Value>::HeapBytes(value);
    return bytes;
  }

 private:
  std::vector<Value> values_;
};

}  // namespace larder::functions
