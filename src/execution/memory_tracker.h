// MemoryTracker: counts the bytes a query holds in operator state (hash tables, sorted runs,
// materialized results) against its limit, so a query that would need too much ends with a clear
// error instead of exhausting the machine. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

#include "common/status.h"

namespace larder::execution {

class MemoryTracker {
 public:
  // `limit_bytes` == 0: no limit.
  explicit MemoryTracker(uint64_t limit_bytes = 0) : limit_(limit_bytes) {}

  // Adds `bytes`; fails with kResourceExhausted (and adds nothing) when that would pass the
  // limit. `what` names the operator for the message.
  Status Reserve(uint64_t bytes, const char* what);
  void Release(uint64_t bytes) { used_.fetch_sub(bytes, std::memory_order_relaxed); }

  uint64_t used() const { return used_.load(std::memory_order_relaxed); }
  uint64_t peak() const { return peak_.load(std::memory_order_relaxed); }
  uint64_t limit() const { return limit_; }

 private:
  uint64_t limit_;
  std::atomic<uint64_t> used_{0};
  std::atomic<uint64_t> peak_{0};
};

// Bytes as people read them: "512 B", "3.2 MiB", "1.5 GiB".
std::string FormatBytes(uint64_t bytes);

}  // namespace larder::execution
