#include "storage/table_writer.h"

#include "storage/part_writer.h"
#include "storage/sort_key.h"

namespace larder::storage {

TableWriter::TableWriter(Table* table, std::shared_ptr<const TableSnapshot> base)
    : table_(table), base_(std::move(base)) {}

TableWriter::~TableWriter() {
  // After a commit whose outcome is unknown the parts may be referenced: leave them to Open.
  if (committed_ || table_->broken()) return;
  for (const auto& part : delta_.added_parts) {
    table_->env().fs->RemoveFile(table_->PartPath(part->part_name())).IgnoreError();
  }
}

void TableWriter::RemoveParts(const std::vector<std::string>& file_names) {
  delta_.removed_parts.insert(delta_.removed_parts.end(), file_names.begin(), file_names.end());
}

void TableWriter::SetMetadata(std::string key, std::string value) {
  delta_.metadata[std::move(key)] = std::move(value);
}

Result<Batch> TableWriter::ConformToTable(Batch batch) const {
  LARDER_RETURN_IF_ERROR(batch.Validate());
  const TableManifest& manifest = base_->manifest();
  Batch conformed;
  for (const TableColumn& column : manifest.columns) {
    int index = batch.schema.FindField(column.name);
    if (index < 0) {
      if (column.type.nullable()) continue;
      return InvalidArgument("table {}: column {} ({}) is missing from the rows to write",
                             table_->name(), column.name, column.type.ToString());
    }
    ColumnVector& values = batch.columns[static_cast<size_t>(index)];
    if (values.type().WithNullable(false) != column.type.WithNullable(false)) {
      return InvalidArgument("table {}: column {} is {} but the rows hold {}", table_->name(),
                             column.name, column.type.ToString(), values.type().ToString());
    }
    ColumnVector copy = std::move(values);
    if (!column.type.nullable() && copy.has_nulls()) {  // No NULL map: nothing to check.
      for (size_t row = 0; row < copy.size(); ++row) {
        if (copy.IsNull(row)) {
          return InvalidArgument("table {}: column {} is not Nullable but row {} is NULL",
                                 table_->name(), column.name, row);
        }
      }
    }
    conformed.schema.fields.push_back({column.name, column.type});
    conformed.columns.push_back(std::move(copy));
  }
  for (const Field& field : batch.schema.fields) {
    if (manifest.FindColumn(field.name) < 0) {
      return InvalidArgument("table {} has no column {}", table_->name(), field.name);
    }
  }
  return conformed;
}

Status TableWriter::Append(Batch batch) {
  if (committed_) return FailedPrecondition("the write was already committed");
  if (batch.num_rows() == 0) return Status::OK();
  LARDER_ASSIGN_OR_RETURN(Batch rows, ConformToTable(std::move(batch)));
  rows_appended_ += rows.num_rows();
  if (pending_ && pending_->schema != rows.schema) LARDER_RETURN_IF_ERROR(FlushPending());
  if (!pending_) {
    pending_ = std::move(rows);
  } else {
    for (size_t i = 0; i < rows.columns.size(); ++i) {
      pending_->columns[i].AppendRange(rows.columns[i], 0, rows.num_rows());
    }
  }
  const uint64_t part_rows = base_->manifest().settings.part_rows;
  if (pending_->num_rows() >= part_rows) LARDER_RETURN_IF_ERROR(FlushPending());
  return Status::OK();
}

Status TableWriter::FlushPending() {
  if (!pending_) return Status::OK();
  Batch rows = std::move(*pending_);
  pending_.reset();
  const uint64_t part_rows = base_->manifest().settings.part_rows;
  if (rows.num_rows() <= part_rows) return WritePart(std::move(rows));
  for (size_t start = 0; start < rows.num_rows(); start += part_rows) {
    size_t count = std::min<size_t>(part_rows, rows.num_rows() - start);
    Batch slice{rows.schema, {}};
    for (const ColumnVector& column : rows.columns) {
      ColumnVector part(column.type());
      part.AppendRange(column, start, count);
      slice.columns.push_back(std::move(part));
    }
    LARDER_RETURN_IF_ERROR(WritePart(std::move(slice)));
  }
  return Status::OK();
}

Status TableWriter::WritePart(Batch batch) {
  const TableManifest& manifest = base_->manifest();
  std::vector<int> key_columns;
  for (const std::string& key : manifest.sort_key) {
    int index = batch.schema.FindField(key);
    if (index >= 0) key_columns.push_back(index);
  }
  batch = SortBatch(std::move(batch), key_columns);
  std::vector<uint32_t> ids;
  for (const Field& field : batch.schema.fields) {
    ids.push_back(manifest.columns[static_cast<size_t>(manifest.FindColumn(field.name))].id);
  }
  PartWriteOptions options;
  options.block_rows = manifest.settings.block_rows;
  options.compression = manifest.settings.compression;
  options.compression_level = manifest.settings.compression_level;
  options.pool = table_->env().pool;
  std::string file_name = table_->NewPartFileName();
  std::string path = table_->PartPath(file_name);
  auto footer = storage::WritePart(table_->env().fs, path, batch, ids, options);
  if (!footer.ok()) {
    table_->env().fs->RemoveFile(path).IgnoreError();
    return footer.status().WithContext(fmt::format("table {}: writing a part", table_->name()));
  }
  auto reader = PartReader::Open(table_->env().fs, path, table_->name(), file_name);
  if (!reader.ok()) {
    table_->env().fs->RemoveFile(path).IgnoreError();
    return reader.status();
  }
  delta_.added_parts.push_back(std::move(*reader));
  return Status::OK();
}

Status TableWriter::Commit() {
  if (committed_) return FailedPrecondition("the write was already committed");
  LARDER_RETURN_IF_ERROR(FlushPending());
  LARDER_RETURN_IF_ERROR(table_->Commit(delta_));
  committed_ = true;
  return Status::OK();
}

}  // namespace larder::storage
