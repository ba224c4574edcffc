#include "sync/replication_key.h"

namespace larder::sync {

Status CheckReplicationKey(const sources::SourceTable& table, std::string_view column) {
  std::string candidates;
  const sources::SourceColumn* found = nullptr;
  for (const sources::SourceColumn& source_column : table.columns) {
    if (source_column.name == column) found = &source_column;
    if (source_column.replication_key_candidate) {
      candidates += (candidates.empty() ? "" : ", ") + source_column.name;
    }
  }
  if (found == nullptr) {
    return NotFound("table {} has no column {}", table.name, column);
  }
  if (found->replication_key_candidate) return Status::OK();
  return InvalidArgument(
      "column {} of table {} is {}; a replication key must be an integer (smallint, integer, "
      "bigint), numeric, date, datetime or timestamp column ({})",
      column, table.name, found->source_type,
      candidates.empty() ? "this table has none: use full_refresh"
                         : "this table's candidates: " + candidates);
}

}  // namespace larder::sync
