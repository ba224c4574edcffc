#include "sync/merge_on_key.h"

#include <optional>
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

// A primary key of one Int64 column: the incoming keys as numbers, for lookups without
// serializing every stored row, and their range, to skip blocks by zone map.
struct IntegerKeys {
  std::unordered_set<int64_t> values;
  int64_t min = INT64_MAX;
  int64_t max = INT64_MIN;
  bool has_null = false;
};

// The keys as IntegerKeys when the key is one Int64 column; nullopt otherwise.
std::optional<IntegerKeys> AsIntegerKeys(const Schema& schema,
                                         const std::vector<std::string>& primary_key,
                                         const std::unordered_set<std::string>& keys) {
  if (primary_key.size() != 1) return std::nullopt;
  int column = schema.FindField(primary_key[0]);
  if (column < 0 || schema.fields[column].type.id() != TypeId::kInt64) return std::nullopt;
  IntegerKeys result;
  result.values.reserve(keys.size());
  for (const std::string& key : keys) {
    BinaryReader reader(key, "a primary key");
    Value value;
    if (!Value::Deserialize(&reader, &value).ok()) return std::nullopt;
    if (value.is_null()) {
      result.has_null = true;
      continue;
    }
    const int64_t number = value.as_int64();
    result.values.insert(number);
    result.min = std::min(result.min, number);
    result.max = std::max(result.max, number);
  }
  return result;
}

// Whether row `row` of `column` (the key column) holds one of `keys`.
bool HoldsKey(const ColumnVector& column, size_t row, const IntegerKeys& keys) {
  if (column.IsNull(row)) return keys.has_null;
  return keys.values.count(column.data<int64_t>()[row]) > 0;
}

// Whether `row` of `rows` has its key in `keys`, by the fast path when there is one.
bool IsOlderVersion(const Batch& rows, const std::vector<int>& key_columns, size_t row,
                    const std::unordered_set<std::string>& keys,
                    const std::optional<IntegerKeys>& integer_keys) {
  if (integer_keys) return HoldsKey(rows.columns[key_columns[0]], row, *integer_keys);
  return keys.count(RowKey(rows, key_columns, row)) > 0;
}

// Scan options that read the key columns of the blocks that may hold one of the keys.
storage::ScanOptions KeyScanOptions(const std::vector<std::string>& primary_key,
                                    const std::optional<IntegerKeys>& integer_keys) {
  storage::ScanOptions options{primary_key, {}};
  if (integer_keys && !integer_keys->has_null && !integer_keys->values.empty()) {
    using Op = storage::ColumnPredicate::Op;
    options.predicates.push_back({primary_key[0], Op::kGe, Value::Int64(integer_keys->min)});
    options.predicates.push_back({primary_key[0], Op::kLe, Value::Int64(integer_keys->max)});
  }
  return options;
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
  const Schema schema = snapshot->schema();
  const std::optional<IntegerKeys> integer_keys = AsIntegerKeys(schema, primary_key, keys);
  // Which parts hold an older version: read the key columns only, of the blocks whose range
  // may hold one of the keys.
  LARDER_ASSIGN_OR_RETURN(
      storage::TableScan key_scan,
      storage::TableScan::Create(snapshot, KeyScanOptions(primary_key, integer_keys)));
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
      if (IsOlderVersion(keys_only, positions, row, keys, integer_keys)) {
        parts.insert(morsel.part);
        break;
      }
    }
  }
  if (parts.empty()) return 0;
  // Rewrite those parts without the older versions.
  LARDER_ASSIGN_OR_RETURN(storage::TableScan scan, storage::TableScan::Create(snapshot, {}));
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
      if (IsOlderVersion(rows, key_columns, row, keys, integer_keys)) {
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
