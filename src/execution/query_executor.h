// The execution engine's entry point: runs an optimized logical plan against stored tables and
// returns its rows. Pipeline breakers (aggregate, sort, limit, set operations) run as they are
// reached; scans, filters and projections stream through them morsel by morsel in parallel.
#pragma once

#include <atomic>
#include <string>

#include "common/thread_pool.h"
#include "execution/chunk.h"
#include "execution/table_reader.h"
#include "planner/logical_plan.h"

namespace larder::execution {

struct ExecuteOptions {
  uint64_t memory_limit = 0;      // Bytes of operator state; 0 = no limit.
  std::string time_zone = "UTC";  // The project's time zone.
  int64_t now_micros = 0;         // now(); 0 = the current time.
  // Set (from any thread) to stop the query between morsels with kCancelled. May be null.
  const std::atomic<bool>* cancel = nullptr;
  bool cancelled = false;  // Start cancelled (tests).
  // Groups a GROUP BY worker holds before it partitions them (QueryContext::partition_groups).
  size_t partition_groups = size_t{1} << 16;
};

struct QueryResult {
  Schema schema;
  std::vector<Chunk> chunks;  // In order.
  uint64_t rows = 0;
  uint64_t peak_memory = 0;  // Bytes of operator state at the busiest moment.

  // Rows [0, rows) as one batch (for printing).
  Batch ToBatch() const;
};

// REQUIRES: `plan` came from the binder and optimizer for a query against `tables`.
Result<QueryResult> ExecutePlan(planner::LogicalOperator& plan, TableReader& tables,
                                ThreadPool& pool, const ExecuteOptions& options);

}  // namespace larder::execution
