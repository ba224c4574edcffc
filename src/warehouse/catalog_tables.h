// CatalogTables: the planner's view of a data directory — the project's tables (from the
// catalog) with their current columns (from storage).
#pragma once

#include "planner/table_provider.h"
#include "warehouse/data_directory.h"

namespace larder::warehouse {

class CatalogTables : public planner::TableProvider {
 public:
  // REQUIRES: `data` outlives this object.
  CatalogTables(DataDirectory* data, int64_t project_id) : data_(data), project_id_(project_id) {}
  Result<Schema> FindTable(const std::string& name) const override;
  std::vector<std::string> TableNames() const override;
  std::optional<std::string> ViewDefinition(const std::string& name) const override;
  // Stored tables only; persons and self-managed tables are not counted.
  std::optional<uint64_t> RowCount(const std::string& name) const override;

 private:
  DataDirectory* data_;
  int64_t project_id_;
};

}  // namespace larder::warehouse
