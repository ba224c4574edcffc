#include "sync/schedule.h"

#include <gtest/gtest.h>

namespace larder::sync {
namespace {

constexpr int64_t kMinute = 60'000'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
// 2024-03-01 00:00:00 UTC.
constexpr int64_t kMidnight = 1709251200LL * 1'000'000;

TEST(ScheduleTest, TimeOfDayParsesHoursAndMinutes) {
  EXPECT_EQ(*ParseTimeOfDay("00:00"), 0);
  EXPECT_EQ(*ParseTimeOfDay("03:30"), 210);
  EXPECT_EQ(*ParseTimeOfDay("23:59"), 1439);
  for (std::string_view bad : {"24:00", "3:30", "03:60", "0330", "", "ab:cd", "03:30:00"}) {
    Status status = ParseTimeOfDay(bad).status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(status.message().find("HH:MM"), std::string::npos) << status.message();
  }
}

TEST(ScheduleTest, NeverRunsNeverAndAFirstRunIsDueAtOnce) {
  RetryPolicy policy;
  EXPECT_EQ(NextRunMicros(0, std::nullopt, {}, policy), std::nullopt);
  EXPECT_EQ(NextRunMicros(3600, std::nullopt, {}, policy), 0);
  EXPECT_EQ(NextRunMicros(3600, 180, {}, policy), 0);
}

TEST(ScheduleTest, FrequencyCountsFromTheLastStart) {
  RunHistory history{.last_started_us = kMidnight + 5 * kMinute,
                     .last_finished_us = kMidnight + 9 * kMinute};
  EXPECT_EQ(NextRunMicros(6 * 3600, std::nullopt, history, {}),
            kMidnight + 5 * kMinute + 6 * kHour);
}

TEST(ScheduleTest, TimeOfDayAnchorsTheGridAndManualRunsDoNotShiftIt) {
  // Daily at 03:00: a run at 03:00 today is next due 03:00 tomorrow; a manual run at 14:00
  // changes nothing.
  for (int64_t started : {kMidnight + 3 * kHour, kMidnight + 14 * kHour}) {
    RunHistory history{.last_started_us = started};
    EXPECT_EQ(NextRunMicros(86400, 180, history, {}), kMidnight + kDay + 3 * kHour);
  }
  // Every 6 hours anchored at 01:30: 01:30, 07:30, 13:30, 19:30.
  RunHistory history{.last_started_us = kMidnight + 8 * kHour};
  EXPECT_EQ(NextRunMicros(6 * 3600, 90, history, {}), kMidnight + 13 * kHour + 30 * kMinute);
  // A server that was down for days: the first grid point after the last run is in the past,
  // so the run is due at once.
  EXPECT_LT(*NextRunMicros(86400, 180, {.last_started_us = kMidnight - 10 * kDay}, {}), kMidnight);
}

TEST(ScheduleTest, TransientFailuresRetryWithGrowingBackoffThenGiveUp) {
  RetryPolicy policy{.first_backoff_us = kMinute, .max_consecutive_failures = 4};
  RunHistory history{.last_started_us = kMidnight,
                     .last_finished_us = kMidnight + kMinute,
                     .consecutive_failures = 1,
                     .last_failure_transient = true};
  EXPECT_EQ(NextRunMicros(86400, std::nullopt, history, policy), kMidnight + 2 * kMinute);
  history.consecutive_failures = 3;
  EXPECT_EQ(NextRunMicros(86400, std::nullopt, history, policy), kMidnight + 5 * kMinute);
  // The backoff never exceeds the frequency.
  EXPECT_EQ(NextRunMicros(120, std::nullopt, history, policy), kMidnight + 120'000'000);
  history.consecutive_failures = 4;
  EXPECT_EQ(NextRunMicros(86400, std::nullopt, history, policy), std::nullopt);
}

TEST(ScheduleTest, PermanentFailuresWaitForTheRegularSchedule) {
  RunHistory history{.last_started_us = kMidnight,
                     .last_finished_us = kMidnight + kMinute,
                     .consecutive_failures = 1,
                     .last_failure_transient = false};
  EXPECT_EQ(NextRunMicros(3600, std::nullopt, history, {}), kMidnight + kHour);
}

}  // namespace
}  // namespace larder::sync
