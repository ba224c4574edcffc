// Clock: the source of "now" for everything in Larder, injectable so schedulers and
// timestamps are deterministic in tests.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

namespace larder {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time: microseconds since the Unix epoch, UTC.
  virtual int64_t NowMicros() const = 0;
  // Monotonic time for measuring durations, in nanoseconds from an arbitrary origin.
  virtual int64_t MonotonicNanos() const = 0;
};

// The system clock. Thread-safe.
std::unique_ptr<Clock> NewSystemClock();

// A clock that moves only when told to. Thread-safe.
class ManualClock : public Clock {
 public:
  explicit ManualClock(int64_t now_micros = 0) : now_micros_(now_micros) {}
  int64_t NowMicros() const override { return now_micros_.load(); }
  int64_t MonotonicNanos() const override { return now_micros_.load() * 1000; }
  void AdvanceMicros(int64_t delta) { now_micros_ += delta; }
  void SetMicros(int64_t now) { now_micros_ = now; }

 private:
  std::atomic<int64_t> now_micros_;
};

}  // namespace larder
