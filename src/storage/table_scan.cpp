#include "storage/table_scan.h"

namespace larder::storage {

ColumnVector NullColumn(const LogicalType& type, size_t rows) {
  ColumnVector column(type.WithNullable(true));
  if (type.fixed_width() > 0) {
    column.Resize(rows);
    column.mutable_nulls()->assign(rows, 1);
  } else {
    for (size_t row = 0; row < rows; ++row) column.AppendNull();
  }
  return column;
}

Result<TableScan> TableScan::Create(std::shared_ptr<const TableSnapshot> snapshot,
                                    ScanOptions options) {
  TableScan scan;
  const TableManifest& manifest = snapshot->manifest();
  if (options.columns.empty()) {
    for (const TableColumn& column : manifest.columns) options.columns.push_back(column.name);
  }
  for (const std::string& name : options.columns) {
    int index = manifest.FindColumn(name);
    if (index < 0) return NotFound("table {} has no column {}", snapshot->table_name(), name);
    scan.columns_.push_back(manifest.columns[static_cast<size_t>(index)]);
    scan.schema_.fields.push_back({name, scan.columns_.back().type});
  }
  for (const ColumnPredicate& predicate : options.predicates) {
    if (manifest.FindColumn(predicate.column) < 0) {
      return NotFound("table {} has no column {}", snapshot->table_name(), predicate.column);
    }
  }
  scan.snapshot_ = std::move(snapshot);
  scan.options_ = std::move(options);
  const auto& parts = scan.snapshot_->parts();
  for (size_t part = 0; part < parts.size(); ++part) {
    const auto& block_rows = parts[part]->footer().block_rows;
    for (size_t block = 0; block < block_rows.size(); ++block) {
      ++scan.blocks_total_;
      if (scan.BlockMayMatch(part, block))
        scan.morsels_.push_back({part, block, block_rows[block]});
    }
  }
  return scan;
}

bool TableScan::BlockMayMatch(size_t part, size_t block) const {
  const TableManifest& manifest = snapshot_->manifest();
  const PartFooter& footer = snapshot_->parts()[part]->footer();
  for (const ColumnPredicate& predicate : options_.predicates) {
    const TableColumn& column =
        manifest.columns[static_cast<size_t>(manifest.FindColumn(predicate.column))];
    int index = footer.FindColumn(column.id);
    ZoneMap zone_map;
    if (index < 0) {
      zone_map.row_count = zone_map.null_count = footer.block_rows[block];  // Column added later.
    } else {
      const PartColumn& stored = footer.columns[static_cast<size_t>(index)];
      if (stored.type.WithNullable(false) != column.type.WithNullable(false)) continue;
      zone_map = stored.blocks[block].zone_map;
    }
    if (!ZoneMapMayMatch(zone_map, predicate)) return false;
  }
  return true;
}

std::optional<ZoneMap> TableScan::MorselZoneMap(const Morsel& morsel, size_t column) const {
  const TableColumn& table_column = columns_[column];
  const PartFooter& footer = snapshot_->parts()[morsel.part]->footer();
  const int index = footer.FindColumn(table_column.id);
  ZoneMap zone_map;
  if (index < 0) {  // Added after the part was written: all NULL.
    zone_map.row_count = zone_map.null_count = footer.block_rows[morsel.block];
    return zone_map;
  }
  const PartColumn& stored = footer.columns[static_cast<size_t>(index)];
  if (stored.type.WithNullable(false) != table_column.type.WithNullable(false)) return std::nullopt;
  return stored.blocks[morsel.block].zone_map;
}

Result<ColumnVector> TableScan::ReadColumn(const Morsel& morsel, size_t column,
                                           const std::vector<uint32_t>* rows) const {
  const TableColumn& table_column = columns_[column];
  const PartReader& part = *snapshot_->parts()[morsel.part];
  int index = part.footer().FindColumn(table_column.id);
  if (index < 0) return NullColumn(table_column.type, rows ? rows->size() : morsel.rows);
  LARDER_ASSIGN_OR_RETURN(ColumnVector values,
                          part.ReadBlock(static_cast<size_t>(index), morsel.block, rows));
  if (values.type() == table_column.type) return values;
  if (values.type().WithNullable(false) == table_column.type.WithNullable(false)) {
    return values.CastTo(table_column.type);
  }
  values.Flatten();
  return values.CastTo(table_column.type);
}

Result<Batch> TableScan::ReadMorsel(const Morsel& morsel) const {
  Batch batch{schema_, {}};
  for (size_t column = 0; column < columns_.size(); ++column) {
    LARDER_ASSIGN_OR_RETURN(ColumnVector values, ReadColumn(morsel, column));
    batch.columns.push_back(std::move(values));
  }
  return batch;
}

Result<Batch> TableScan::ReadAll() const {
  Batch all = Batch::Empty(schema_);
  for (const Morsel& morsel : morsels_) {
    LARDER_ASSIGN_OR_RETURN(Batch batch, ReadMorsel(morsel));
    for (size_t column = 0; column < all.columns.size(); ++column) {
      all.columns[column].AppendRange(batch.columns[column], 0, batch.num_rows());
    }
  }
  return all;
}

}  // namespace larder::storage
