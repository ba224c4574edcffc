// Merging on the primary key for `incremental` syncs: before new versions of rows are committed,
// the parts holding older versions of the same keys are rewritten without them, in the same
// commit, so the table holds the latest version of every row.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "storage/table_writer.h"

namespace larder::sync {

// The primary key of `row` as bytes (the key columns' values, serialized), for set lookups.
std::string RowKey(const Batch& batch, const std::vector<int>& key_columns, size_t row);

// Adds to `writer` the removal of every part of `snapshot` holding a row whose primary key (the
// `primary_key` columns) is in `keys`, and the append of those parts' other rows.
// Returns how many older rows were dropped.
Result<uint64_t> DropOlderVersions(std::shared_ptr<const storage::TableSnapshot> snapshot,
                                   const std::vector<std::string>& primary_key,
                                   const std::unordered_set<std::string>& keys,
                                   storage::TableWriter* writer);

}  // namespace larder::sync
