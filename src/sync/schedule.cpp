#include "sync/schedule.h"

#include <algorithm>

namespace larder::sync {
namespace {

constexpr int64_t kMicrosPerMinute = 60'000'000;

// The smallest anchor + k × period that is > `after`, for whole (possibly negative) k.
int64_t NextOnGrid(int64_t anchor, int64_t period, int64_t after) {
  int64_t steps = (after - anchor) / period;
  int64_t candidate = anchor + steps * period;
  while (candidate <= after) candidate += period;
  while (candidate - period > after) candidate -= period;
  return candidate;
}

}  // namespace

Result<int> ParseTimeOfDay(std::string_view text) {
  auto digit = [&](size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() == 5 && text[2] == ':' && digit(0) && digit(1) && digit(3) && digit(4)) {
    int hours = (text[0] - '0') * 10 + (text[1] - '0');
    int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours < 24 && minutes < 60) return hours * 60 + minutes;
  }
  return InvalidArgument("sync_time_of_day must be HH:MM in UTC (00:00 to 23:59), not '{}'", text);
}

std::optional<int64_t> NextRunMicros(int64_t frequency_seconds,
                                     std::optional<int> time_of_day_minutes,
                                     const RunHistory& history, const RetryPolicy& policy) {
  if (frequency_seconds <= 0) return std::nullopt;
  if (history.consecutive_failures >= policy.max_consecutive_failures) return std::nullopt;
  if (!history.last_started_us) return 0;
  const int64_t period = frequency_seconds * 1'000'000;
  const int64_t last = *history.last_started_us;
  int64_t next = last + period;
  if (time_of_day_minutes) next = NextOnGrid(*time_of_day_minutes * kMicrosPerMinute, period, last);
  if (history.consecutive_failures > 0 && history.last_failure_transient) {
    int shift = std::min(history.consecutive_failures - 1, 20);
    int64_t backoff = std::min(policy.first_backoff_us << shift, period);
    int64_t retry = history.last_finished_us.value_or(last) + backoff;
    next = std::min(next, retry);
  }
  return next;
}

}  // namespace larder::sync
