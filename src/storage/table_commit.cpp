// Table: how a CommitDelta turns one manifest into the next, and schema evolution.
#include <set>

#include "storage/table.h"

namespace larder::storage {
namespace {

Status ApplyColumnChanges(const CommitDelta& delta, TableManifest* next) {
  for (const TableColumn& column : delta.added_columns) {
    if (next->FindColumn(column.name) >= 0) {
      return AlreadyExists("column {} already exists", column.name);
    }
    next->columns.push_back({next->next_column_id++, column.name, column.type});
  }
  for (const auto& [name, type] : delta.widened_columns) {
    int index = next->FindColumn(name);
    if (index < 0) return NotFound("column {} does not exist", name);
    TableColumn& column = next->columns[static_cast<size_t>(index)];
    if (!IsWideningConversion(column.type, type)) {
      return InvalidArgument(
          "column {} cannot change from {} to {}: only widening changes (Int64 to Float64 or "
          "Decimal, Date to DateTime, any type to String, adding Nullable) keep every value",
          name, column.type.ToString(), type.ToString());
    }
    column.type = type;
  }
  return Status::OK();
}

// An added part must still fit the schema it is committed into.
Status CheckPartFitsSchema(const PartReader& part, const TableManifest& manifest) {
  for (const PartColumn& column : part.footer().columns) {
    const TableColumn* table_column = nullptr;
    for (const TableColumn& candidate : manifest.columns) {
      if (candidate.id == column.column_id) table_column = &candidate;
    }
    if (table_column == nullptr || !IsWideningConversion(column.type, table_column->type)) {
      return Conflict("column {} changed while the write was running; retry the write",
                      column.name);
    }
  }
  for (const TableColumn& column : manifest.columns) {
    if (!column.type.nullable() && part.footer().FindColumn(column.id) < 0) {
      return Conflict("column {} was added while the write was running; retry the write",
                      column.name);
    }
  }
  return Status::OK();
}

}  // namespace

Result<TableManifest> Table::ApplyDelta(const TableManifest& base, const CommitDelta& delta) const {
  TableManifest next = base;
  Status status = ApplyColumnChanges(delta, &next);
  if (!status.ok()) return status.WithContext(fmt::format("table {}", name_));
  if (delta.replace_all) next.parts.clear();
  std::set<std::string> removed(delta.removed_parts.begin(), delta.removed_parts.end());
  size_t found = 0;
  std::erase_if(next.parts, [&](const PartEntry& part) {
    bool remove = removed.count(part.file_name) > 0;
    found += remove;
    return remove;
  });
  if (!delta.replace_all && found != removed.size()) {
    return Conflict("table {}: parts to replace were changed by another commit", name_);
  }
  for (const auto& part : delta.added_parts) {
    status = CheckPartFitsSchema(*part, next);
    if (!status.ok()) return status.WithContext(fmt::format("table {}", name_));
    next.parts.push_back({part->part_name(), part->footer().row_count, part->file_size()});
  }
  for (const auto& [key, value] : delta.metadata) next.metadata[key] = value;
  return next;
}

Status Table::AddColumn(const std::string& name, const LogicalType& type) {
  if (!type.nullable() && Snapshot()->row_count() > 0) {
    return InvalidArgument(
        "table {}: column {} must be Nullable({}) because the table already has rows", name_, name,
        type.ToString());
  }
  CommitDelta delta;
  delta.added_columns.push_back({0, name, type});
  return Commit(std::move(delta));
}

Status Table::WidenColumn(const std::string& name, const LogicalType& type) {
  CommitDelta delta;
  delta.widened_columns.emplace_back(name, type);
  return Commit(std::move(delta));
}

Status Table::Verify() const {
  auto snapshot = Snapshot();
  for (const auto& part : snapshot->parts()) LARDER_RETURN_IF_ERROR(part->Verify());
  return Status::OK();
}

}  // namespace larder::storage
