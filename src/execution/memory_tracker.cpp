#include "execution/memory_tracker.h"

#include <fmt/format.h>

namespace larder::execution {

Status MemoryTracker::Reserve(uint64_t bytes, const char* what) {
  uint64_t now = used_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
  if (limit_ != 0 && now > limit_) {
    used_.fetch_sub(bytes, std::memory_order_relaxed);
    return ResourceExhausted(
        "the query needs more than its memory limit of {} ({} needed {} more while {} was in use); "
        "filter more rows, group by fewer values, or raise the limit (--max-memory)",
        FormatBytes(limit_), what, FormatBytes(bytes), FormatBytes(now - bytes));
  }
  uint64_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
  return Status::OK();
}

std::string FormatBytes(uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, units[unit]);
}

}  // namespace larder::execution
