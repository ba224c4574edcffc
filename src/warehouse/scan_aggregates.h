// Aggregates computed straight on the storage scan API, in parallel over morsels: what the demo
// and the storage benchmark run (the query engine builds the general versions of these).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/thread_pool.h"
#include "storage/table_scan.h"

namespace larder::warehouse {

// SELECT sum(column) for an Int64 or DateTime column (NULLs skipped), wrapping on overflow.
// REQUIRES: the scan reads exactly that column.
Result<int64_t> SumInt64(const storage::TableScan& scan, ThreadPool* pool);

// SELECT column, count() GROUP BY column for a String column, most frequent first.
// REQUIRES: the scan reads exactly that column.
Result<std::vector<std::pair<std::string, uint64_t>>> CountByString(const storage::TableScan& scan,
                                                                    ThreadPool* pool);

}  // namespace larder::warehouse
