#include "sync/schema_drift.h"

namespace larder::sync {

Result<SchemaChanges> PlanSchemaChanges(const Schema& table, const Schema& source,
                                        std::string_view table_name) {
  SchemaChanges changes;
  for (const Field& column : source.fields) {
    int existing = table.FindField(column.name);
    if (existing < 0) {
      changes.added.emplace_back(column.name, column.type.WithNullable(true));
      continue;
    }
    const LogicalType& stored = table.fields[existing].type;
    if (stored == column.type) continue;
    if (IsWideningConversion(column.type, stored)) continue;  // The table is already wider.
    if (!IsWideningConversion(stored, column.type)) {
      return FailedPrecondition(
          "table {}: column {} changed from {} to {} in the source, which cannot be converted "
          "without losing data; resync the table to load it again with the new type",
          table_name, column.name, stored.ToString(), column.type.ToString());
    }
    changes.widened.emplace_back(column.name, column.type);
  }
  for (const Field& column : table.fields) {
    if (source.FindField(column.name) >= 0 || column.type.nullable()) continue;
    return FailedPrecondition(
        "table {}: column {} is gone from the source but is not Nullable here, so new rows "
        "cannot leave it empty; resync the table to drop it",
        table_name, column.name);
  }
  return changes;
}

Status ApplySchemaChanges(storage::Table* table, const SchemaChanges& changes) {
  for (const auto& [name, type] : changes.widened) {
    LARDER_RETURN_IF_ERROR(table->WidenColumn(name, type));
  }
  for (const auto& [name, type] : changes.added) {
    LARDER_RETURN_IF_ERROR(table->AddColumn(name, type));
  }
  return Status::OK();
}

}  // namespace larder::sync
