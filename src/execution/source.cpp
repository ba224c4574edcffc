#include "execution/source.h"

#include <algorithm>
#include <mutex>

namespace larder::execution {

Status QueryContext::CheckCancelled() const {
  if (cancelled.load(std::memory_order_relaxed) ||
      (external_cancel && external_cancel->load(std::memory_order_relaxed))) {
    return Cancelled("the query was cancelled");
  }
  return Status::OK();
}

MaterializedSource::~MaterializedSource() {
  if (memory_ && reserved_bytes_) memory_->Release(reserved_bytes_);
}

Result<Chunk> ColumnsSource::Produce(size_t morsel) {
  Chunk chunk;
  const size_t start = morsel * morsel_rows_;
  chunk.rows = std::min(morsel_rows_, rows_ - start);
  for (const ColumnVector& column : columns_) {
    ColumnVector part(column.type());
    part.AppendRange(column, start, chunk.rows);
    chunk.columns.push_back(std::move(part));
  }
  return chunk;
}

size_t WorkerCount(const QueryContext& context) { return context.pool->size() + 1; }

Status ForEachMorsel(QueryContext& context, Source& source, const MorselConsumer& consume,
                     const std::atomic<bool>* stop) {
  size_t morsels = source.MorselCount();
  if (morsels == 0) return Status::OK();
  size_t workers = std::min(WorkerCount(context), morsels);
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  Status first_error;
  auto fail = [&](Status status) {
    std::lock_guard<std::mutex> lock(error_mutex);
    if (first_error.ok()) first_error = std::move(status);
    failed.store(true);
  };
  context.pool->ParallelFor(workers, [&](size_t worker) {
    while (!failed.load(std::memory_order_relaxed)) {
      if (stop && stop->load(std::memory_order_relaxed)) return;
      size_t morsel = next.fetch_add(1);
      if (morsel >= morsels) return;
      Status status = context.CheckCancelled();
      if (!status.ok()) return fail(std::move(status));
      Result<Chunk> chunk = source.Produce(morsel);
      if (!chunk.ok()) return fail(chunk.status());
      status = consume(worker, morsel, std::move(*chunk));
      if (!status.ok()) return fail(std::move(status));
    }
  });
  return first_error;
}

Result<std::vector<Chunk>> CollectChunks(QueryContext& context, Source& source,
                                         uint64_t* reserved_bytes) {
  std::vector<Chunk> chunks(source.MorselCount());
  std::atomic<uint64_t> reserved{0};
  Status status = ForEachMorsel(context, source, [&](size_t, size_t morsel, Chunk chunk) {
    uint64_t bytes = chunk.MemoryBytes();
    LARDER_RETURN_IF_ERROR(context.memory.Reserve(bytes, "collecting rows"));
    reserved += bytes;
    chunks[morsel] = std::move(chunk);
    return Status::OK();
  });
  *reserved_bytes = reserved.load();
  if (!status.ok()) {
    context.memory.Release(*reserved_bytes);
    *reserved_bytes = 0;
    return status;
  }
  std::vector<Chunk> kept;
  kept.reserve(chunks.size());
  for (Chunk& chunk : chunks) {
    if (chunk.rows > 0) kept.push_back(std::move(chunk));
  }
  return kept;
}

}  // namespace larder::execution
