#include "functions/scalar/date_common.h"

#include <gtest/gtest.h>

#include "types/datetime.h"

namespace larder::functions {
namespace {

// The fast calendar conversions agree with types/datetime.h over ±5000 years and at the edges
// of their fast range.
TEST(DateCommonTest, CivilConversionsAgreeWithDatetime) {
  int mismatches = 0;
  auto check = [&](int64_t day) {
    int year = 0;
    unsigned month = 0, dom = 0;
    CivilFromDays(static_cast<int32_t>(day), &year, &month, &dom);
    const CivilDate date = CivilOfDay(day);
    if (date.year != year || date.month != month || date.day != dom ||
        DayOfCivil(year, month, dom) != day) {
      if (++mismatches < 5) ADD_FAILURE() << "day " << day;
    }
  };
  for (int64_t day = -2'500'000; day <= 2'500'000; ++day) check(day);
  for (int64_t day : {int64_t{-12'699'422}, int64_t{-12'699'423}, int64_t{-12'699'421},
                      int64_t{999'999'999}, int64_t{1'000'000'001}, int64_t{-2'147'483'647}}) {
    check(day);
  }
  EXPECT_EQ(mismatches, 0);
}

TEST(DateCommonTest, CalendarHelpers) {
  EXPECT_EQ(FloorDiv(-1, 86400), -1);
  EXPECT_EQ(FloorMod(-1, 86400), 86399);
  EXPECT_EQ(FloorDiv(86400, 86400), 1);
  EXPECT_EQ(IsoWeekday(0), 4);   // 1970-01-01, a Thursday.
  EXPECT_EQ(IsoWeekday(-4), 7);  // 1969-12-28, a Sunday.
  EXPECT_EQ(DaysInMonth(2024, 2), 29u);
  EXPECT_EQ(DaysInMonth(1900, 2), 28u);
  EXPECT_EQ(DaysInMonth(2000, 2), 29u);
  const int64_t jan31 = DayOfCivil(2024, 1, 31);
  EXPECT_EQ(AddMonthsToDay(jan31, 1), DayOfCivil(2024, 2, 29));
  EXPECT_EQ(AddMonthsToDay(jan31, -2), DayOfCivil(2023, 11, 30));
  EXPECT_EQ(AddMonthsToDay(jan31, 12 * 400 + 1), DayOfCivil(2424, 2, 29));
  EXPECT_EQ(StartOfWeekDay(DayOfCivil(2024, 6, 16), 0), DayOfCivil(2024, 6, 16));
  EXPECT_EQ(StartOfWeekDay(DayOfCivil(2024, 6, 16), 1), DayOfCivil(2024, 6, 10));
  EXPECT_EQ(ParseTimeUnit("Quarters"), TimeUnit::kQuarter);
  EXPECT_EQ(ParseTimeUnit("MI"), TimeUnit::kMinute);
  EXPECT_EQ(ParseTimeUnit("m"), TimeUnit::kMonth);
  EXPECT_FALSE(ParseTimeUnit("nanosecond").has_value());
}

}  // namespace
}  // namespace larder::functions
