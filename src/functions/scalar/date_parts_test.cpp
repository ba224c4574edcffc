#include <gtest/gtest.h>

#include "functions/scalar/date_common.h"
#include "functions/scalar/date_test_util.h"

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

const LogicalType kNullableDateTime = LogicalType::DateTime().WithNullable(true);

TEST(DatePartsTest, FieldsOfDateTimesInTheirTimeZone) {
  FunctionRegistry registry = DateRegistry();
  const TestArg tokyo = Const(kString, S("Asia/Tokyo"));
  const TestArg berlin = Const(kString, S("Europe/Berlin"));
  const TestArg new_york = Const(kString, S("America/New_York"));
  const TestArg leap_night = Col(kDateTime, {DT("2024-02-29 23:30:00")});
  ExpectCases(
      registry,
      {
          // 2024-02-29 23:30 UTC is 2024-03-01 08:30 in Tokyo.
          {"toYear", {leap_night}, "Int64", {"2024"}},
          {"toMonth", {leap_night}, "Int64", {"2"}},
          {"toMonth", {leap_night, tokyo}, "Int64", {"3"}},
          {"toDayOfMonth", {leap_night}, "Int64", {"29"}},
          {"toDayOfMonth", {leap_night, tokyo}, "Int64", {"1"}},
          {"toDayOfYear", {leap_night}, "Int64", {"60"}},
          {"toDayOfYear", {leap_night, tokyo}, "Int64", {"61"}},
          {"toQuarter", {leap_night}, "Int64", {"1"}},
          {"toHour", {leap_night, tokyo}, "Int64", {"8"}},
          {"toYYYYMM", {leap_night, tokyo}, "Int64", {"202403"}},
          {"toYYYYMMDD", {leap_night, tokyo}, "Int64", {"20240301"}},
          // Spring forward in Berlin: 01:59:59 CET, then 03:00:00 CEST.
          {"toHour",
           {Col(kDateTime, {DT("2024-03-31 00:59:59"), DT("2024-03-31 01:00:00")}), berlin},
           "Int64",
           {"1", "3"}},
          // Fall back: 02:30 twice.
          {"toHour",
           {Col(kDateTime, {DT("2024-10-27 00:30:00"), DT("2024-10-27 01:30:00")}), berlin},
           "Int64",
           {"2", "2"}},
          {"toHour",
           {Col(kDateTime, {DT("2024-03-10 06:59:59"), DT("2024-03-10 07:00:00"),
                            DT("2024-11-03 05:30:00"), DT("2024-11-03 06:30:00")}),
            new_york},
           "Int64",
           {"1", "3", "1", "1"}},
          {"toMinute",
           {Col(kDateTime, {DT("2024-01-01 00:00:00")}), Const(kString, S("Asia/Kolkata"))},
           "Int64",
           {"30"}},
          {"toMinute", {Col(kDateTime, {DT("2024-01-01 12:34:56.789")})}, "Int64", {"34"}},
          {"toSecond", {Col(kDateTime, {DT("2024-01-01 12:34:56.789")})}, "Int64", {"56"}},
          // Before 1970.
          {"toYYYYMMDD",
           {Col(kDateTime, {DT("1969-12-31 23:00:00")}), berlin},
           "Int64",
           {"19700101"}},
          {"toHour", {Col(kDateTime, {DT("1950-06-15 12:00:00")}), new_york}, "Int64", {"8"}},
          {"toSecond", {Col(kDateTime, {DT("1969-12-31 23:59:59.5")})}, "Int64", {"59"}},
          {"toYear", {Col(kDateTime, {DT("1900-01-01 00:00:00")})}, "Int64", {"1900"}},
      });
}

TEST(DatePartsTest, TheQueryTimeZoneIsTheDefault) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(registry,
              {
                  {"toHour", {Col(kDateTime, {DT("2024-06-01 22:00:00")})}, "Int64", {"0"}},
                  {"toDayOfMonth", {Col(kDateTime, {DT("2024-06-01 22:00:00")})}, "Int64", {"2"}},
                  // An explicit zone wins over the query's.
                  {"toHour",
                   {Col(kDateTime, {DT("2024-06-01 22:00:00")}), Const(kString, S("UTC"))},
                   "Int64",
                   {"22"}},
              },
              ZoneContext("Europe/Berlin"));
}

TEST(DatePartsTest, FieldsOfDates) {
  FunctionRegistry registry = DateRegistry();
  const TestArg days = Col(Nullable(kDate), {D("2024-12-31"), D("2023-12-31"), D("2024-03-01"),
                                             D("1969-12-31"), D("1900-02-28"), N()});
  ExpectCases(
      registry,
      {
          {"toYear", {days}, "Nullable(Int64)", {"2024", "2023", "2024", "1969", "1900", "NULL"}},
          {"toMonth", {days}, "Nullable(Int64)", {"12", "12", "3", "12", "2", "NULL"}},
          {"toQuarter", {days}, "Nullable(Int64)", {"4", "4", "1", "4", "1", "NULL"}},
          {"toDayOfYear", {days}, "Nullable(Int64)", {"366", "365", "61", "365", "59", "NULL"}},
          {"toDayOfMonth", {days}, "Nullable(Int64)", {"31", "31", "1", "31", "28", "NULL"}},
          {"toYYYYMM",
           {days},
           "Nullable(Int64)",
           {"202412", "202312", "202403", "196912", "190002", "NULL"}},
          {"toYYYYMMDD",
           {days},
           "Nullable(Int64)",
           {"20241231", "20231231", "20240301", "19691231", "19000228", "NULL"}},
          {"toHour", {days}, "Nullable(Int64)", {"0", "0", "0", "0", "0", "NULL"}},
          // A Date ignores time zones.
          {"toDayOfMonth",
           {Const(kDate, D("2024-03-01")), Const(kString, S("Pacific/Apia"))},
           "Int64",
           {"1"}},
      },
      ZoneContext("America/New_York"));
}

TEST(DatePartsTest, DayOfWeekModes) {
  FunctionRegistry registry = DateRegistry();
  // Monday 2024-06-10 … Sunday 2024-06-16, and Wednesday 1969-12-31.
  const TestArg days =
      Col(kDate, {D("2024-06-10"), D("2024-06-15"), D("2024-06-16"), D("1969-12-31")});
  ExpectCases(registry,
              {
                  {"toDayOfWeek", {days}, "Int64", {"1", "6", "7", "3"}},
                  {"toDayOfWeek", {days, Const(kInt, I(0))}, "Int64", {"1", "6", "7", "3"}},
                  {"toDayOfWeek", {days, Const(kInt, I(1))}, "Int64", {"0", "5", "6", "2"}},
                  {"toDayOfWeek", {days, Const(kInt, I(2))}, "Int64", {"1", "6", "0", "3"}},
                  {"toDayOfWeek", {days, Const(kInt, I(3))}, "Int64", {"2", "7", "1", "4"}},
                  // Sunday 2024-06-16 00:30 in Berlin is still Saturday in UTC.
                  {"toDayOfWeek",
                   {Col(kDateTime, {DT("2024-06-15 22:30:00")}), Const(kInt, I(0)),
                    Const(kString, S("Europe/Berlin"))},
                   "Int64",
                   {"7"}},
              });
}

// Week numbers by mode, against an independent reading of the mode table in ClickHouse's
// documentation (modes 0/5 are strftime's %U/%W; 1/3/4/6 count weeks with four or more days;
// 8/9 count from the week holding January 1).
TEST(DatePartsTest, WeekModes) {
  struct Case {
    std::string day;
    std::array<int, 10> weeks;
  };
  const Case cases[] = {
      {"2000-01-01", {0, 0, 52, 52, 0, 0, 52, 52, 1, 1}},
      {"2000-01-02", {1, 0, 1, 52, 1, 0, 1, 52, 2, 1}},
      {"2000-01-03", {1, 1, 1, 1, 1, 1, 1, 1, 2, 2}},
      {"2000-01-04", {1, 1, 1, 1, 1, 1, 1, 1, 2, 2}},
      {"2000-01-07", {1, 1, 1, 1, 1, 1, 1, 1, 2, 2}},
      {"2000-12-28", {52, 52, 52, 52, 52, 52, 52, 52, 53, 53}},
      {"2000-12-29", {52, 52, 52, 52, 52, 52, 52, 52, 53, 53}},
      {"2000-12-30", {52, 52, 52, 52, 52, 52, 52, 52, 53, 53}},
      {"2000-12-31", {53, 52, 53, 52, 53, 52, 1, 52, 1, 53}},
      {"2008-01-01", {0, 1, 52, 1, 1, 0, 1, 53, 1, 1}},
      {"2008-01-02", {0, 1, 52, 1, 1, 0, 1, 53, 1, 1}},
      {"2008-01-03", {0, 1, 52, 1, 1, 0, 1, 53, 1, 1}},
      {"2008-01-04", {0, 1, 52, 1, 1, 0, 1, 53, 1, 1}},
      {"2008-01-07", {1, 2, 1, 2, 2, 1, 2, 1, 2, 2}},
      {"2008-12-28", {52, 52, 52, 52, 53, 51, 53, 51, 1, 52}},
      {"2008-12-29", {52, 53, 52, 1, 53, 52, 53, 52, 1, 1}},
      {"2008-12-30", {52, 53, 52, 1, 53, 52, 53, 52, 1, 1}},
      {"2008-12-31", {52, 53, 52, 1, 53, 52, 53, 52, 1, 1}},
      {"2016-01-01", {0, 0, 52, 53, 0, 0, 52, 52, 1, 1}},
      {"2016-01-02", {0, 0, 52, 53, 0, 0, 52, 52, 1, 1}},
      {"2016-01-03", {1, 0, 1, 53, 1, 0, 1, 52, 2, 1}},
      {"2016-01-04", {1, 1, 1, 1, 1, 1, 1, 1, 2, 2}},
      {"2016-01-07", {1, 1, 1, 1, 1, 1, 1, 1, 2, 2}},
      {"2016-12-28", {52, 52, 52, 52, 52, 52, 52, 52, 53, 1}},
      {"2016-12-29", {52, 52, 52, 52, 52, 52, 52, 52, 53, 1}},
      {"2016-12-30", {52, 52, 52, 52, 52, 52, 52, 52, 53, 1}},
      {"2016-12-31", {52, 52, 52, 52, 52, 52, 52, 52, 53, 1}},
      {"2017-01-01", {1, 0, 1, 52, 1, 0, 1, 52, 1, 1}},
      {"2017-01-02", {1, 1, 1, 1, 1, 1, 1, 1, 1, 2}},
      {"2017-01-03", {1, 1, 1, 1, 1, 1, 1, 1, 1, 2}},
      {"2017-01-04", {1, 1, 1, 1, 1, 1, 1, 1, 1, 2}},
      {"2017-01-07", {1, 1, 1, 1, 1, 1, 1, 1, 1, 2}},
      {"2017-12-28", {52, 52, 52, 52, 52, 52, 52, 52, 52, 53}},
      {"2017-12-29", {52, 52, 52, 52, 52, 52, 52, 52, 52, 53}},
      {"2017-12-30", {52, 52, 52, 52, 52, 52, 52, 52, 52, 53}},
      {"2017-12-31", {53, 52, 53, 52, 53, 52, 1, 52, 1, 53}},
      {"2020-01-01", {0, 1, 52, 1, 1, 0, 1, 52, 1, 1}},
      {"2020-01-02", {0, 1, 52, 1, 1, 0, 1, 52, 1, 1}},
      {"2020-01-03", {0, 1, 52, 1, 1, 0, 1, 52, 1, 1}},
      {"2020-01-04", {0, 1, 52, 1, 1, 0, 1, 52, 1, 1}},
      {"2020-01-07", {1, 2, 1, 2, 2, 1, 2, 1, 2, 2}},
      {"2020-12-28", {52, 53, 52, 53, 53, 52, 53, 52, 1, 1}},
      {"2020-12-29", {52, 53, 52, 53, 53, 52, 53, 52, 1, 1}},
      {"2020-12-30", {52, 53, 52, 53, 53, 52, 53, 52, 1, 1}},
      {"2020-12-31", {52, 53, 52, 53, 53, 52, 53, 52, 1, 1}},
      {"2021-01-01", {0, 0, 52, 53, 0, 0, 53, 52, 1, 1}},
      {"2021-01-02", {0, 0, 52, 53, 0, 0, 53, 52, 1, 1}},
      {"2021-01-03", {1, 0, 1, 53, 1, 0, 1, 52, 2, 1}},
      {"2021-01-04", {1, 1, 1, 1, 1, 1, 1, 1, 2, 2}},
      {"2021-01-07", {1, 1, 1, 1, 1, 1, 1, 1, 2, 2}},
      {"2021-12-28", {52, 52, 52, 52, 52, 52, 52, 52, 1, 1}},
      {"2021-12-29", {52, 52, 52, 52, 52, 52, 52, 52, 1, 1}},
      {"2021-12-30", {52, 52, 52, 52, 52, 52, 52, 52, 1, 1}},
      {"2021-12-31", {52, 52, 52, 52, 52, 52, 52, 52, 1, 1}},
      {"2024-01-01", {0, 1, 53, 1, 1, 1, 1, 1, 1, 1}},
      {"2024-01-02", {0, 1, 53, 1, 1, 1, 1, 1, 1, 1}},
      {"2024-01-03", {0, 1, 53, 1, 1, 1, 1, 1, 1, 1}},
      {"2024-01-04", {0, 1, 53, 1, 1, 1, 1, 1, 1, 1}},
      {"2024-01-07", {1, 1, 1, 1, 2, 1, 2, 1, 2, 1}},
      {"2024-12-28", {51, 52, 51, 52, 52, 52, 52, 52, 52, 52}},
      {"2024-12-29", {52, 52, 52, 52, 53, 52, 1, 52, 1, 52}},
      {"2024-12-30", {52, 53, 52, 1, 53, 53, 1, 53, 1, 1}},
      {"2024-12-31", {52, 53, 52, 1, 53, 53, 1, 53, 1, 1}},
      {"1969-01-01", {0, 1, 52, 1, 1, 0, 1, 53, 1, 1}},
      {"1969-01-02", {0, 1, 52, 1, 1, 0, 1, 53, 1, 1}},
      {"1969-01-03", {0, 1, 52, 1, 1, 0, 1, 53, 1, 1}},
      {"1969-01-04", {0, 1, 52, 1, 1, 0, 1, 53, 1, 1}},
      {"1969-01-07", {1, 2, 1, 2, 2, 1, 2, 1, 2, 2}},
      {"1969-12-28", {52, 52, 52, 52, 53, 51, 53, 51, 1, 52}},
      {"1969-12-29", {52, 53, 52, 1, 53, 52, 53, 52, 1, 1}},
      {"1969-12-30", {52, 53, 52, 1, 53, 52, 53, 52, 1, 1}},
      {"1969-12-31", {52, 53, 52, 1, 53, 52, 53, 52, 1, 1}},
      {"2008-02-20", {7, 8, 7, 8, 8, 7, 8, 7, 8, 8}},
      {"2016-12-27", {52, 52, 52, 52, 52, 52, 52, 52, 53, 1}},
      {"1900-01-01", {0, 1, 53, 1, 1, 1, 1, 1, 1, 1}},
  };
  FunctionRegistry registry = DateRegistry();
  for (const Case& c : cases) {
    for (int mode = 0; mode < 10; ++mode) {
      SCOPED_TRACE(c.day + " mode " + std::to_string(mode));
      auto result =
          CallFunction(registry, "toWeek", {Const(kDate, D(c.day)), Const(kInt, I(mode))});
      ASSERT_TRUE(result.ok()) << result.status().ToString();
      EXPECT_EQ(Render(*result), std::vector<std::string>{std::to_string(c.weeks[mode])});
    }
    SCOPED_TRACE(c.day);
    auto iso = CallFunction(registry, "toISOWeek", {Const(kDate, D(c.day))});
    ASSERT_TRUE(iso.ok());
    EXPECT_EQ(Render(*iso), std::vector<std::string>{std::to_string(c.weeks[3])});
    auto week0 = CallFunction(registry, "toWeek", {Const(kDate, D(c.day))});
    ASSERT_TRUE(week0.ok());
    EXPECT_EQ(Render(*week0), std::vector<std::string>{std::to_string(c.weeks[0])});
  }
}

TEST(DatePartsTest, UnixTimestamps) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(registry,
              {
                  {"toUnixTimestamp",
                   {Col(Nullable(kDateTime),
                        {DT("2024-01-01 00:00:00"), DT("1969-12-31 23:59:59.5"), N()})},
                   "Nullable(Int64)",
                   {"1704067200", "-1", "NULL"}},
                  // Dates at local midnight, text read in the zone.
                  {"toUnixTimestamp", {Const(kDate, D("2024-01-01"))}, "Int64", {"1704063600"}},
                  {"toUnixTimestamp",
                   {Const(kString, S("2017-11-05 08:07:47")), Const(kString, S("Asia/Tokyo"))},
                   "Int64",
                   {"1509836867"}},
                  {"toUnixTimestamp",
                   {DictCol(Nullable(kString),
                            {"2024-01-01 00:00:00", std::nullopt, "2024-01-01T00:00:00Z"})},
                   "Nullable(Int64)",
                   {"1704063600", "NULL", "1704067200"}},
              },
              ZoneContext("Europe/Berlin"));
}

TEST(DatePartsTest, TextArguments) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(registry,
              {
                  {"toYear", {Const(kString, S("2018-12-11 11:12:13"))}, "Int64", {"2018"}},
                  {"toHour",
                   {Col(kString, {S("2018-12-11 11:12:13"), S("2018-12-11T23:00:00Z")})},
                   "Int64",
                   {"11", "0"}},
              },
              ZoneContext("Europe/Berlin"));
}

TEST(DatePartsTest, Errors) {
  FunctionRegistry registry = DateRegistry();
  ExpectErrors(registry,
               {
                   {"toYear", {Const(kInt, I(2024))}, "must be a Date or DateTime"},
                   {"toYear", {Const(kString, S("not a date"))}, "cannot read \"not a date\""},
                   {"toHour",
                    {Const(kDateTime, DT("2024-01-01 00:00:00")), Const(kString, S("Mars/Base"))},
                    "unknown time zone \"Mars/Base\""},
                   {"toHour",
                    {Const(kDateTime, DT("2024-01-01 00:00:00")), Col(kString, {S("UTC")})},
                    "must be a constant String"},
                   {"toWeek",
                    {Const(kDate, D("2024-01-01")), Col(kInt, {I(1)})},
                    "must be a constant integer"},
               });
  auto unknown = CallFunction(registry, "toYear", {Const(kDate, D("2024-01-01"))},
                              ZoneContext("Nowhere/Land"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown time zone \"Nowhere/Land\""),
            std::string::npos);
}

}  // namespace
}  // namespace larder::functions
