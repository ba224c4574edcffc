// When a linked table syncs next: its frequency, its optional time of day, how its last run went
// and how often it has failed in a row. Pure functions, so the scheduler's rules are testable
// without clocks or threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace larder::sync {

// What the scheduler knows about a table's recent runs.
struct RunHistory {
  std::optional<int64_t> last_started_us;   // The newest job's start; none before the first.
  std::optional<int64_t> last_finished_us;  // The newest finished job's end.
  int consecutive_failures = 0;             // Failed jobs since the last Completed one.
  bool last_failure_transient = false;      // The newest failure may pass if tried again.
};

// Retries and giving up, for RunHistory with failures.
struct RetryPolicy {
  int64_t first_backoff_us = 60'000'000;  // 1 min, then 2, 4, 8, … capped at the frequency.
  int max_consecutive_failures = 5;       // Then the table waits for a reload or a change.
};

// "HH:MM" (UTC) as minutes since midnight; kInvalidArgument naming the format otherwise.
Result<int> ParseTimeOfDay(std::string_view text);

// The time the next scheduled run is due (µs since the epoch), or nullopt when none is:
// frequency `never`, or `max_consecutive_failures` failures in a row. Rules:
//   - never ran: due at once;
//   - with a time of day, runs fall on (that time + k × frequency) for whole k, and the next is
//     the first such time after the last start (so a manual run does not shift the schedule);
//   - otherwise the last start plus the frequency;
//   - after a transient failure, a retry after the backoff if that comes sooner; after a
//     permanent one (wrong password, missing table) only the regular schedule.
// REQUIRES: `frequency_seconds` >= 0 and `time_of_day_minutes` in [0, 1440) when set.
std::optional<int64_t> NextRunMicros(int64_t frequency_seconds,
                                     std::optional<int> time_of_day_minutes,
                                     const RunHistory& history, const RetryPolicy& policy);

}  // namespace larder::sync
