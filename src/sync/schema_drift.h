// Schema drift: how a Larder table follows its source table's columns between syncs. A new
// source column is added (Nullable); a widening change (int -> bigint / numeric / float,
// anything -> text, date -> timestamp, NOT NULL -> NULL) widens the column in place; anything
// else fails the table with a message saying what changed and what to do. Columns the source
// dropped stay in the table and read as NULL in new rows only when Nullable; otherwise that too
// is refused.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/table.h"

namespace larder::sync {

struct SchemaChanges {
  std::vector<std::pair<std::string, LogicalType>> added;    // Nullable, appended at the end.
  std::vector<std::pair<std::string, LogicalType>> widened;  // Column name, its wider type.
  bool empty() const { return added.empty() && widened.empty(); }
};

// The changes that let rows of `source` columns be written to a table with `table` columns;
// kFailedPrecondition naming the column, both types and the fix (a resync) when there is none.
Result<SchemaChanges> PlanSchemaChanges(const Schema& table, const Schema& source,
                                        std::string_view table_name);
// Applies `changes` to `table` (each change one commit, nothing rewritten).
Status ApplySchemaChanges(storage::Table* table, const SchemaChanges& changes);

}  // namespace larder::sync
