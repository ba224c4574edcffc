// InferredColumns: the columns of several files (or chunks of them) merged into one table's —
// names in the order they are first seen, types from what every chunk's values suggest, and
// NULL for rows of chunks that lack a column.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "formats/text_decoder.h"

namespace larder::formats {

class InferredColumns {
 public:
  // Columns a file names up front (a CSV header), so they keep the file's order.
  void AddNames(const std::vector<std::string>& names) {
    for (const std::string& name : names) IndexOf(name);
  }

  void Merge(const ChunkInference& chunk) {
    std::vector<bool> present(names_.size(), false);
    for (size_t column = 0; column < chunk.names.size(); ++column) {
      size_t index = IndexOf(chunk.names[column]);
      present.resize(names_.size(), false);
      present[index] = true;
      columns_[index].Merge(chunk.columns[column]);
    }
    if (chunk.rows > 0) {
      for (size_t index = 0; index < present.size(); ++index) {
        if (!present[index]) columns_[index].ObserveNull();  // This chunk's rows lack it.
      }
    }
    rows_ += chunk.rows;
  }

  uint64_t rows() const { return rows_; }
  const std::vector<std::string>& names() const { return names_; }

  Schema ToSchema() const {
    Schema schema;
    for (size_t index = 0; index < names_.size(); ++index) {
      schema.fields.push_back({names_[index], columns_[index].Type()});
    }
    return schema;
  }

 private:
  size_t IndexOf(const std::string& name) {
    auto [it, added] = index_.emplace(name, names_.size());
    if (added) {
      names_.push_back(name);
      columns_.emplace_back();
      if (rows_ > 0) columns_.back().ObserveNull();  // Rows already seen lack it.
    }
    return it->second;
  }

  std::vector<std::string> names_;
  std::vector<ColumnTypeInference> columns_;
  std::map<std::string, size_t> index_;
  uint64_t rows_ = 0;
};

}  // namespace larder::formats
