// TableProvider: what the binder may query — table names and their columns. The data
// directory provides the real one; tests provide fixed schemas.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "types/column_vector.h"

namespace larder::planner {

class TableProvider {
 public:
  virtual ~TableProvider() = default;
  // The columns of table `name`; kNotFound when there is no such table.
  virtual Result<Schema> FindTable(const std::string& name) const = 0;
  virtual std::vector<std::string> TableNames() const = 0;
  // The HogQL text of view `name`, or nullopt when `name` is not a view.
  virtual std::optional<std::string> ViewDefinition(const std::string& name) const {
    (void)name;
    return std::nullopt;
  }
  // How many rows table `name` holds, when that is cheap to tell (the optimizer's estimates).
  virtual std::optional<uint64_t> RowCount(const std::string& name) const {
    (void)name;
    return std::nullopt;
  }
};

// A provider over a fixed map, for tests and tools.
class StaticTableProvider : public TableProvider {
 public:
  void Add(std::string name, Schema schema) { tables_[std::move(name)] = std::move(schema); }
  void AddView(std::string name, std::string definition) {
    views_[std::move(name)] = std::move(definition);
  }
  Result<Schema> FindTable(const std::string& name) const override {
    auto it = tables_.find(name);
    if (it == tables_.end()) return NotFound("table {} does not exist", name);
    return it->second;
  }
  std::vector<std::string> TableNames() const override {
    std::vector<std::string> names;
    for (const auto& [name, schema] : tables_) names.push_back(name);
    for (const auto& [name, definition] : views_) names.push_back(name);
    return names;
  }
  std::optional<std::string> ViewDefinition(const std::string& name) const override {
    auto it = views_.find(name);
    if (it == views_.end()) return std::nullopt;
    return it->second;
  }
  void SetRowCount(const std::string& name, uint64_t rows) { row_counts_[name] = rows; }
  std::optional<uint64_t> RowCount(const std::string& name) const override {
    auto it = row_counts_.find(name);
    if (it == row_counts_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, Schema> tables_;
  std::map<std::string, std::string> views_;
  std::map<std::string, uint64_t> row_counts_;
};

}  // namespace larder::planner
