#include "types/datetime.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace larder {
namespace {

struct CivilDate {
  int year;
  unsigned month;
  unsigned day;
  int32_t days;
  std::string text;
};

// Day numbers checked against Python's datetime.date.toordinal().
std::vector<CivilDate> KnownDates() {
  return {
      {1970, 1, 1, 0, "1970-01-01"},         {1969, 12, 31, -1, "1969-12-31"},
      {2000, 2, 29, 11016, "2000-02-29"},    {2000, 3, 1, 11017, "2000-03-01"},
      {1900, 3, 1, -25508, "1900-03-01"},    {1600, 1, 1, -135140, "1600-01-01"},
      {2400, 12, 31, 157419, "2400-12-31"},  {2026, 11, 26, 20783, "2026-11-26"},
      {2038, 1, 19, 24855, "2038-01-19"},    {1, 1, 1, -719162, "0001-01-01"},
      {9999, 12, 31, 2932896, "9999-12-31"},
  };
}

TEST(Calendar, KnownDates) {
  for (const CivilDate& test : KnownDates()) {
    EXPECT_EQ(DaysFromCivil(test.year, test.month, test.day), test.days) << test.text;
    int year = 0;
    unsigned month = 0, day = 0;
    CivilFromDays(test.days, &year, &month, &day);
    EXPECT_EQ(year, test.year) << test.text;
    EXPECT_EQ(month, test.month) << test.text;
    EXPECT_EQ(day, test.day) << test.text;
    EXPECT_EQ(FormatDate(test.days), test.text);
    int32_t parsed = 0;
    EXPECT_TRUE(ParseDate(test.text, &parsed)) << test.text;
    EXPECT_EQ(parsed, test.days) << test.text;
  }
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned DaysIn(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

TEST(Calendar, EveryDayFrom1600To2400RoundTrips) {
  // Walk the calendar one day at a time and count: each date must get the next day number.
  int32_t expected = DaysFromCivil(1600, 1, 1);
  ASSERT_EQ(expected, -135140);
  for (int year = 1600; year <= 2400; ++year) {
    for (unsigned month = 1; month <= 12; ++month) {
      for (unsigned day = 1; day <= DaysIn(year, month); ++day, ++expected) {
        int32_t days = DaysFromCivil(year, month, day);
        ASSERT_EQ(days, expected) << year << "-" << month << "-" << day;
        int back_year;
        unsigned back_month, back_day;
        CivilFromDays(days, &back_year, &back_month, &back_day);
        ASSERT_EQ(back_year, year) << days;
        ASSERT_EQ(back_month, month) << days;
        ASSERT_EQ(back_day, day) << days;
      }
    }
  }
  EXPECT_EQ(expected, DaysFromCivil(2401, 1, 1));
}

TEST(FormatDateTime, WholeSecondsFractionsAndNegativeTimes) {
  struct Case {
    int64_t micros;
    std::string text;
  };
  // Expected texts computed with Python's datetime (proleptic Gregorian, UTC).
  std::vector<Case> cases = {
      {0, "1970-01-01 00:00:00"},
      {1, "1970-01-01 00:00:00.000001"},
      {250000, "1970-01-01 00:00:00.250000"},
      {-1, "1969-12-31 23:59:59.999999"},
      {-1000000, "1969-12-31 23:59:59"},
      {-1500000, "1969-12-31 23:59:58.500000"},
      {-86400000000, "1969-12-31 00:00:00"},
      {-86400000001, "1969-12-30 23:59:59.999999"},
      {1700000000123456, "2023-11-14 22:13:20.123456"},
      {-62135596800000000, "0001-01-01 00:00:00"},
      {253402300799999999, "9999-12-31 23:59:59.999999"},
      {INT64_MAX, "294247-01-10 04:00:54.775807"},
      {INT64_MIN, "-290308-12-21 19:59:05.224192"},
  };
  for (const Case& test : cases) EXPECT_EQ(FormatDateTime(test.micros), test.text) << test.micros;
}

TEST(ParseDate, AcceptsValidDatesOnly) {
  struct Case {
    std::string text;
    bool ok;
    int32_t days;
  };
  std::vector<Case> cases = {
      {"2024-02-29", true, 19782},
      {"2000-02-29", true, 11016},
      {"1970-01-01", true, 0},
      {"0000-03-01", true, -719468},
      {"2023-02-29", false, 0},
      {"1900-02-29", false, 0},
      {"2023-04-31", false, 0},
      {"2023-13-01", false, 0},
      {"2023-00-10", false, 0},
      {"2023-01-00", false, 0},
      {"2023-01-32", false, 0},
      {"2023-1-01", false, 0},
      {"20230101", false, 0},
      {"2023/01/01", false, 0},
      {" 2023-01-01", false, 0},
      {"2023-01-01 ", false, 0},
      {"2023-01-0a", false, 0},
      {"-023-01-01", false, 0},
      {"", false, 0},
  };
  for (const Case& test : cases) {
    int32_t days = 12345;
    EXPECT_EQ(ParseDate(test.text, &days), test.ok) << "'" << test.text << "'";
    if (test.ok) {
      EXPECT_EQ(days, test.days) << test.text;
    }
  }
}

TEST(ParseDateTime, AcceptsTheDocumentedForms) {
  const int64_t kDay = 1700006400LL * 1000000;  // 2023-11-15 00:00:00.
  const int64_t kTime = kDay + (12 * 3600 + 34 * 60 + 56) * 1000000LL;
  struct Case {
    std::string text;
    bool ok;
    int64_t micros;
  };
  std::vector<Case> cases = {
      {"2023-11-15", true, kDay},
      {"2023-11-15 12:34:56", true, kTime},
      {"2023-11-15T12:34:56", true, kTime},
      {"2023-11-15T12:34:56Z", true, kTime},
      {"2023-11-15 12:34:56Z", true, kTime},
      {"2023-11-15 12:34:56.1", true, kTime + 100000},
      {"2023-11-15 12:34:56.12", true, kTime + 120000},
      {"2023-11-15 12:34:56.123", true, kTime + 123000},
      {"2023-11-15 12:34:56.1234", true, kTime + 123400},
      {"2023-11-15 12:34:56.12345", true, kTime + 123450},
      {"2023-11-15 12:34:56.123456", true, kTime + 123456},
      {"2023-11-15T12:34:56.000001Z", true, kTime + 1},
      {"2023-11-15 23:59:59.999999", true, kDay + 86400000000 - 1},
      {"2023-11-15 00:00:00", true, kDay},
      {"1969-12-31 23:59:59.999999", true, -1},
      {"1969-12-31 00:00:00", true, -86400000000},
      {"2023-02-29 00:00:00", false, 0},
      {"2023-11-15 24:00:00", false, 0},
      {"2023-11-15 12:60:00", false, 0},
      {"2023-11-15 12:34:60", false, 0},
      {"2023-11-15 12:34:56.1234567", false, 0},
      {"2023-11-15 12:34:56.", false, 0},
      {"2023-11-15 12:34:56,5", false, 0},
      {"2023-11-15 12:34:56.12a", false, 0},
      {"2023-11-15 12:34:56.-1", false, 0},
      {"2023-11-15 12:34", false, 0},
      {"2023-11-15 1:02:03", false, 0},
      {"2023-11-15X12:34:56", false, 0},
      {"2023-11-15  12:34:56", false, 0},
      {"2023-11-15 12:34:56 ", false, 0},
      {"2023-11-15 12-34-56", false, 0},
      {"2023-11-15 12:34:56ZZ", false, 0},
      {"2023-11-15 12:34:56+01:00", false, 0},
      {"2023-11-15 ", false, 0},
      {"2023-11-1", false, 0},
      {"", false, 0},
  };
  for (const Case& test : cases) {
    int64_t micros = 777;
    EXPECT_EQ(ParseDateTime(test.text, &micros), test.ok) << "'" << test.text << "'";
    if (test.ok) {
      EXPECT_EQ(micros, test.micros) << test.text;
    }
  }
}

TEST(ParseDateTime, ReadsBackWhatFormatDateTimeWrites) {
  std::vector<int64_t> cases = {0,
                                1,
                                -1,
                                999999,
                                -1500000,
                                1700000000123456,
                                -62135596800000000,
                                253402300799999999,
                                951782400000000 /* 2000-02-29 */};
  for (int64_t micros = -3 * 86400000000LL; micros < 3 * 86400000000LL; micros += 7777777777) {
    cases.push_back(micros);
  }
  for (int64_t micros : cases) {
    std::string text = FormatDateTime(micros);
    int64_t parsed = 0;
    ASSERT_TRUE(ParseDateTime(text, &parsed)) << text;
    EXPECT_EQ(parsed, micros) << text;
  }
}

}  // namespace
}  // namespace larder

namespace larder {
namespace {

TEST(ParseDateTimeWithOffset, AppliesOffsetsAndTruncatesNanoseconds) {
  const int64_t kTime = (1700006400LL + 12 * 3600 + 34 * 60 + 56) * 1000000;  // 12:34:56 UTC.
  const int64_t kHour = 3600LL * 1000000;
  struct Case {
    std::string text;
    bool ok;
    int64_t micros;
  };
  std::vector<Case> cases = {
      {"2023-11-15", true, 1700006400LL * 1000000},
      {"2023-11-15 12:34:56", true, kTime},
      {"2023-11-15T12:34:56Z", true, kTime},
      {"2023-11-15T12:34:56+00:00", true, kTime},
      {"2023-11-15T13:34:56+01:00", true, kTime},
      {"2023-11-15T07:04:56-05:30", true, kTime},
      {"2023-11-15T07:04:56-0530", true, kTime},
      {"2023-11-15T14:34:56+02", true, kTime},
      {"2023-11-16T00:34:56+12:00", true, kTime},
      {"2023-11-15T12:34:56.5+01:00", true, kTime - kHour + 500000},
      {"2023-11-15T12:34:56.123456789Z", true, kTime + 123456},
      {"2023-11-15 12:34:56.1234567", true, kTime + 123456},
      {"2023-11-15 12:34:56.1234567890", false, 0},
      {"2023-11-15 12:34:56.12345a", false, 0},
      {"2023-11-15T12:34:56+1:00", false, 0},
      {"2023-11-15T12:34:56+24:00", false, 0},
      {"2023-11-15T12:34:56+01:60", false, 0},
      {"2023-11-15T12:34:56+01:00Z", false, 0},
      {"2023-11-15T12:34:56Z+01:00", false, 0},
      {"2023-11-15T12:34:56+", false, 0},
      {"2023-11-15+01:00", false, 0},
      {"2023-11-15 12:34", false, 0},
      {"not a time at all, really", false, 0},
  };
  for (const Case& test : cases) {
    int64_t micros = 777;
    EXPECT_EQ(ParseDateTimeWithOffset(test.text, &micros), test.ok) << "'" << test.text << "'";
    if (test.ok) {
      EXPECT_EQ(micros, test.micros) << test.text;
    }
  }
}

}  // namespace
}  // namespace larder
