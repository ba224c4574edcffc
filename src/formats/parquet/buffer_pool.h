// BufferPool: byte buffers a ParquetReader keeps between column chunks, so that reading row group
// after row group reuses memory instead of asking the kernel for fresh pages each time (which
// costs more than decoding them).
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace larder::formats::parquet {

// Thread-safe.
class BufferPool {
 public:
  // A buffer to fill; it keeps its last size, so that resizing it to a similar size is cheap.
  std::string Take() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (buffers_.empty()) return {};
    std::string buffer = std::move(buffers_.back());
    buffers_.pop_back();
    return buffer;
  }

  // Keeps `buffer` for a later Take, unless the pool is full or the buffer is huge.
  void Give(std::string buffer) {
    if (buffer.capacity() == 0 || buffer.capacity() > kMaxKeptBytes) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (buffers_.size() < kMaxKeptBuffers) buffers_.push_back(std::move(buffer));
  }

 private:
  static constexpr size_t kMaxKeptBuffers = 64;
  static constexpr size_t kMaxKeptBytes = size_t{256} << 20;

  std::mutex mutex_;
  std::vector<std::string> buffers_;
};

}  // namespace larder::formats::parquet
