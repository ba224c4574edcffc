#include "sync/merge_on_key.h"

#include <set>

#include "common/coding.h"
#include "storage/table_scan.h"

namespace larder::sync {
namespace {

// Column indexes of `names` in `schema`; kFailedPrecondition when one is missing.
Result<std::vector<int>> KeyColumns(const Schema& schema, const std::vector<std::string>& names) {
  std::vector<int> columns;
  for (const std::string& name : names) {
    int column = schema.FindField(name);
    if (column < 0) {
      return FailedPrecondition("the primary key column {} is not in the table; resync it", name);
    }
    columns.push_back(column);
  }
  return columns;
}

}  // namespace

std::string RowKey(const Batch& batch, const std::vector<int>& key_columns, size_t row) {
  std::string key;
  BinaryWriter writer(&key);
  for (int column : key_columns) batch.columns[column].GetValue(row).Serialize(&writer);
  return key;
}

Result<uint64_t> DropOlderVersions(std::shared_ptr<const storage::TableSnapshot> snapshot,
                                   const std::vector<std::string>& primary_key,
                                   const std::unordered_set<std::string>& keys,
                                   storage::TableWriter* writer) {
  if (keys.empty() || snapshot->row_count() == 0) return 0;
  // Which parts hold an older version: read the key columns only.
  LARDER_ASSIGN_OR_RETURN(storage::TableScan key_scan,
                          storage::TableScan::Create(snapshot, {primary_key, {}}));
  Batch keys_only{Schema{}, {}};
  std::vector<int> positions;
  for (size_t i = 0; i < primary_key.size(); ++i) positions.push_back(static_cast<int>(i));
  std::set<size_t> parts;
  for (const storage::Morsel& morsel : key_scan.morsels()) {
    if (parts.count(morsel.part)) continue;
    keys_only.columns.clear();
    for (size_t column = 0; column < primary_key.size(); ++column) {
      LARDER_ASSIGN_OR_RETURN(ColumnVector values, key_scan.ReadColumn(morsel, column));
      keys_only.columns.push_back(std::move(values));
    }
    for (size_t row = 0; row < morsel.rows; ++row) {
      if (keys.count(RowKey(keys_only, positions, row))) {
        parts.insert(morsel.part);
        break;
      }
    }
  }
  if (parts.empty()) return 0;
  // Rewrite those parts without the older versions.
  LARDER_ASSIGN_OR_RETURN(storage::TableScan scan, storage::TableScan::Create(snapshot, {}));
  const Schema schema = snapshot->schema();
  LARDER_ASSIGN_OR_RETURN(std::vector<int> key_columns, KeyColumns(schema, primary_key));
  uint64_t dropped = 0;
  std::vector<std::string> removed;
  for (size_t part : parts) removed.push_back(snapshot->manifest().parts[part].file_name);
  for (const storage::Morsel& morsel : scan.morsels()) {
    if (!parts.count(morsel.part)) continue;
    Batch rows{schema, {}};
    for (size_t column = 0; column < schema.fields.size(); ++column) {
      LARDER_ASSIGN_OR_RETURN(ColumnVector values, scan.ReadColumn(morsel, column));
      rows.columns.push_back(std::move(values));
    }
    std::vector<uint32_t> kept;
    for (uint32_t row = 0; row < morsel.rows; ++row) {
      if (keys.count(RowKey(rows, key_columns, row))) {
        ++dropped;
      } else {
        kept.push_back(row);
      }
    }
    if (kept.empty()) continue;
    Batch survivors{schema, {}};
    for (const ColumnVector& column : rows.columns) survivors.columns.push_back(column.Take(kept));
    LARDER_RETURN_IF_ERROR(writer->Append(std::move(survivors)));
  }
  writer->RemoveParts(removed);
  return dropped;
}

}  // namespace larder::sync
