// ImportPipeline: runs one pass over every chunk of every input file — chunks are parsed on the
// thread pool, a few ahead of the consumer, and handed over in file and chunk order on the
// calling thread (which writes them). `larder import` (both passes) and the bucket connector
// use it.
#pragma once

#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/file_system.h"
#include "common/thread_pool.h"
#include "formats/input_file.h"

namespace larder::formats {

// `Output` has a member `ChunkEnd end` telling where the chunk's last record ended.
template <typename Output>
class ImportPipeline {
 public:
  // Parses one chunk; runs on pool threads, so it may only read the input.
  using Work = std::function<Status(const ImportInput&, const TextChunk&, Output*)>;
  // Takes a parsed chunk (by index into input.chunks, which it may annotate).
  using Consume = std::function<Status(ImportInput&, size_t chunk_index, Output&)>;

  // REQUIRES: `inputs` and the functions outlive Run. `pool` may be null (serial).
  ImportPipeline(ThreadPool* pool, std::vector<ImportInput>* inputs, size_t chunk_bytes)
      : pool_(pool), inputs_(inputs), chunk_bytes_(chunk_bytes) {}

  // Runs `work` over every chunk and `consume` over the results in order; stops at the first
  // error. A split that turns out to lie inside a record (a CSV file whose quotes fooled
  // SplitIntoChunks: the previous chunk's last record ran past it) is repaired: the rest of that
  // file is re-split at records (TextDecoder::SplitAtRecords) from the end of the last good
  // record, and input.chunks is updated, so that a later pass splits the file the same way.
  Status Run(const Work& work, const Consume& consume) {
    std::deque<Ref> order;
    for (size_t file = 0; file < inputs_->size(); ++file) {
      for (size_t chunk = 0; chunk < (*inputs_)[file].chunks.size(); ++chunk) {
        order.push_back({next_id_++, file, chunk});
      }
    }
    // Tasks read `work` and the inputs: wait for every one before returning, errors included.
    struct WaitForAll {
      ImportPipeline* pipeline;
      ~WaitForAll() {
        for (auto& [id, future] : pipeline->launched_) future.wait();
        for (auto& future : pipeline->abandoned_) future.wait();
      }
    } wait_for_all{this};
    std::vector<ChunkEnd> last_end(inputs_->size());
    while (!order.empty()) {
      LaunchAhead(order, work);
      Ref ref = order.front();
      order.pop_front();
      Task task = Take(ref, work);
      ImportInput& input = (*inputs_)[ref.file];
      const TextChunk& chunk = input.chunks[ref.chunk];
      if (ref.chunk > 0 && last_end[ref.file].offset > chunk.begin) {
        Repair(ref, last_end[ref.file], &order);
        continue;
      }
      LARDER_RETURN_IF_ERROR(task.status);
      last_end[ref.file] = task.output.end;
      LARDER_RETURN_IF_ERROR(consume(input, ref.chunk, task.output));
    }
    return Status::OK();
  }

 private:
  struct Ref {
    uint64_t id;
    size_t file;
    size_t chunk;
  };
  struct Task {
    Status status;
    Output output;
  };

  std::future<Task> Launch(const Ref& ref, const Work& work) {
    const ImportInput* input = &(*inputs_)[ref.file];
    TextChunk chunk = input->chunks[ref.chunk];
    auto run = [input, chunk, &work] {
      Task task;
      task.status = work(*input, chunk, &task.output);
      return task;
    };
    if (pool_ != nullptr) return pool_->Submit(std::move(run));
    std::packaged_task<Task()> inline_task(std::move(run));
    std::future<Task> future = inline_task.get_future();
    inline_task();
    return future;
  }

  // Keeps the first few chunks of `order` running on the pool.
  // Text chunks are a few MiB decoded: twice the pool's threads keep it busy. A Parquet chunk is
  // a whole row group, often hundreds of MiB decoded: one per thread and the one being taken.
  void LaunchAhead(const std::deque<Ref>& order, const Work& work) {
    const bool row_groups =
        !inputs_->empty() && (*inputs_)[0].decoder->declared_schema() != nullptr;
    const size_t window =
        pool_ == nullptr ? 1 : (row_groups ? pool_->size() + 1 : pool_->size() * 2 + 1);
    for (size_t i = 0; i < order.size() && i < window; ++i) {
      if (launched_.count(order[i].id) == 0) launched_[order[i].id] = Launch(order[i], work);
    }
  }

  Task Take(const Ref& ref, const Work& work) {
    auto it = launched_.find(ref.id);
    std::future<Task> future = it != launched_.end() ? std::move(it->second) : Launch(ref, work);
    if (it != launched_.end()) launched_.erase(it);
    return future.get();
  }

  // Re-splits the file of `ref` from `good_end` on and puts its new chunks first in `order`.
  void Repair(const Ref& ref, const ChunkEnd& good_end, std::deque<Ref>* order) {
    ImportInput& input = (*inputs_)[ref.file];
    std::deque<Ref> kept;
    for (const Ref& other : *order) {
      if (other.file != ref.file) {
        kept.push_back(other);
        continue;
      }
      auto it = launched_.find(other.id);
      if (it == launched_.end()) continue;
      abandoned_.push_back(std::move(it->second));
      launched_.erase(it);
    }
    TextChunk rest{input.data, good_end.offset, input.data.size(), good_end.line, 0};
    std::vector<TextChunk> chunks = input.decoder->SplitAtRecords(rest, chunk_bytes_);
    input.chunks.resize(ref.chunk);
    for (size_t i = chunks.size(); i > 0; --i)
      kept.push_front({next_id_++, ref.file, ref.chunk + i - 1});
    input.chunks.insert(input.chunks.end(), chunks.begin(), chunks.end());
    *order = std::move(kept);
  }

  ThreadPool* pool_;
  std::vector<ImportInput>* inputs_;
  size_t chunk_bytes_;
  uint64_t next_id_ = 0;
  std::map<uint64_t, std::future<Task>> launched_;
  std::vector<std::future<Task>> abandoned_;
};

}  // namespace larder::formats
