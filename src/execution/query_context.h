// QueryContext: what every operator of one running query shares — the thread pool, the
// function context (time zone, now), the memory budget and the cancellation flag.
#pragma once

#include <atomic>

#include "common/thread_pool.h"
#include "execution/memory_tracker.h"
#include "functions/kernel.h"

namespace larder::execution {

struct QueryContext {
  // REQUIRES: `pool` outlives the query.
  QueryContext(ThreadPool* pool, functions::EvalContext eval, uint64_t memory_limit)
      : pool(pool), eval(std::move(eval)), memory(memory_limit) {}

  ThreadPool* pool;
  functions::EvalContext eval;
  MemoryTracker memory;
  std::atomic<bool> cancelled{false};
  const std::atomic<bool>* external_cancel = nullptr;  // The caller's flag, if any.
  // A GROUP BY worker with more groups than this splits them into partitions by hash, which
  // merge in parallel (and the result comes partition by partition).
  size_t partition_groups = size_t{1} << 16;

  // kCancelled-style error once Cancel() was called (checked between morsels).
  Status CheckCancelled() const;
  void Cancel() { cancelled.store(true); }
};

}  // namespace larder::execution
