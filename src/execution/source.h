// Source: a physical operator's output as morsels — independent pieces of work that worker
// threads produce in any order (morsel-driven parallelism). Streaming operators (filter,
// project, join probe) wrap their child's morsels; pipeline breakers (aggregate, sort, …) run
// their child to completion and offer the result as a MaterializedSource.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "execution/chunk.h"
#include "execution/query_context.h"

namespace larder::execution {

class Source {
 public:
  virtual ~Source() = default;
  // Morsel i comes before morsel i + 1 in the output's order (which matters only below a sort).
  virtual size_t MorselCount() const = 0;
  // The rows of one morsel (possibly none). Thread-safe; each morsel is produced once.
  virtual Result<Chunk> Produce(size_t morsel) = 0;
};

using SourcePtr = std::unique_ptr<Source>;

// Chunks already computed, one morsel each.
class MaterializedSource : public Source {
 public:
  // `reserved_bytes` were counted on `memory` for these chunks and are released with them.
  MaterializedSource(std::vector<Chunk> chunks, MemoryTracker* memory = nullptr,
                     uint64_t reserved_bytes = 0)
      : chunks_(std::move(chunks)), memory_(memory), reserved_bytes_(reserved_bytes) {}
  ~MaterializedSource() override;
  size_t MorselCount() const override { return chunks_.size(); }
  Result<Chunk> Produce(size_t morsel) override { return std::move(chunks_[morsel]); }

 private:
  std::vector<Chunk> chunks_;
  MemoryTracker* memory_;
  uint64_t reserved_bytes_;
};

// Whole columns offered as morsels of up to `morsel_rows` rows, each copied out when produced:
// unlike splitting them into chunks up front, the rows are never held twice.
class ColumnsSource : public Source {
 public:
  ColumnsSource(std::vector<ColumnVector> columns, size_t rows, size_t morsel_rows)
      : columns_(std::move(columns)), rows_(rows), morsel_rows_(morsel_rows) {}
  size_t MorselCount() const override { return (rows_ + morsel_rows_ - 1) / morsel_rows_; }
  Result<Chunk> Produce(size_t morsel) override;

 private:
  std::vector<ColumnVector> columns_;
  size_t rows_, morsel_rows_;
};

// Runs consume(worker, morsel, chunk) for every morsel of `source`, on up to
// WorkerCount(context) threads; `worker` < WorkerCount identifies the thread's local state.
// Stops at the first error (returned) or when the query is cancelled. `consume` may return
// kStopped-like early exits through `stop`: once *stop is true no further morsel starts.
using MorselConsumer = std::function<Status(size_t worker, size_t morsel, Chunk chunk)>;
Status ForEachMorsel(QueryContext& context, Source& source, const MorselConsumer& consume,
                     const std::atomic<bool>* stop = nullptr);
size_t WorkerCount(const QueryContext& context);

// Every chunk of `source`, in morsel order, empty ones dropped; counted on the query's memory.
Result<std::vector<Chunk>> CollectChunks(QueryContext& context, Source& source,
                                         uint64_t* reserved_bytes);

}  // namespace larder::execution
