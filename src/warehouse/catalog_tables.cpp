#include "warehouse/catalog_tables.h"

#include <algorithm>

#include "warehouse/person_tables.h"

namespace larder::warehouse {

Result<Schema> CatalogTables::FindTable(const std::string& name) const {
  std::optional<Schema> person_table = PersonTableSchema(name);
  Result<catalog::TableEntry> entry = data_->catalog().GetTable(project_id_, name);
  if (person_table && !entry.ok()) return *person_table;
  if (entry.ok() && entry->kind == catalog::TableKind::kSelfManaged) {
    LARDER_ASSIGN_OR_RETURN(SelfManagedDefinition definition,
                            DecodeSelfManagedDefinition(entry->definition));
    return definition.schema;
  }
  LARDER_ASSIGN_OR_RETURN(storage::Table * table, data_->OpenTable(project_id_, name));
  return table->Snapshot()->schema();
}

std::optional<uint64_t> CatalogTables::RowCount(const std::string& name) const {
  Result<catalog::TableEntry> entry = data_->catalog().GetTable(project_id_, name);
  if (!entry.ok() ||
      (entry->kind != catalog::TableKind::kEvents && entry->kind != catalog::TableKind::kSynced)) {
    return std::nullopt;
  }
  Result<storage::Table*> table = data_->OpenTable(project_id_, name);
  if (!table.ok()) return std::nullopt;
  return (*table)->Snapshot()->row_count();
}

std::optional<std::string> CatalogTables::ViewDefinition(const std::string& name) const {
  auto entry = data_->catalog().GetTable(project_id_, name);
  if (!entry.ok() || entry->kind != catalog::TableKind::kView) return std::nullopt;
  return entry->definition;
}

std::vector<std::string> CatalogTables::TableNames() const {
  std::vector<std::string> names;
  auto entries = data_->catalog().ListTables(project_id_);
  if (!entries.ok()) return names;
  for (const auto& entry : *entries) names.push_back(entry.name);
  for (const char* person_table : {"persons", "person_distinct_ids", "groups"}) {
    if (std::find(names.begin(), names.end(), person_table) == names.end()) {
      names.push_back(person_table);
    }
  }
  return names;
}

}  // namespace larder::warehouse
