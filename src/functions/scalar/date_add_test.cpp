#include <gtest/gtest.h>

#include "functions/scalar/date_arithmetic.h"
#include "functions/scalar/date_test_util.h"

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

TestArg Interval(const char* unit, int64_t count) {
  return Const(LogicalType::Interval(unit), I(count));
}
TestArg Count(int64_t count) { return Const(kInt, I(count)); }

// DateTime results print in UTC; comments give the wall clock in the query's zone.
TEST(DateAddTest, CalendarUnitsKeepTheWallClockAcrossClockChanges) {
  FunctionRegistry registry = DateRegistry();
  const TestArg noon_before = Col(kDateTime, {DT("2024-03-30 11:00:00")});  // 12:00 CET.
  ExpectCases(
      registry,
      {
          // One day later is 12:00 CEST: 23 hours.
          {"addDays", {noon_before, Count(1)}, "DateTime", {"2024-03-31 10:00:00"}},
          {"addHours", {noon_before, Count(24)}, "DateTime", {"2024-03-31 11:00:00"}},
          {"subtractDays",
           {Col(kDateTime, {DT("2024-03-31 10:00:00")}), Count(1)},
           "DateTime",
           {"2024-03-30 11:00:00"}},
          // 02:30 CET plus a day is 02:30 on the day that skips it: as ClickHouse, the offset
          // after the change applies (the instant shows as 01:30 CET).
          {"addDays",
           {Col(kDateTime, {DT("2024-03-30 01:30:00")}), Count(1)},
           "DateTime",
           {"2024-03-31 00:30:00"}},
          // 02:30 CEST plus a day is 02:30 on the day that repeats it: the earlier one.
          {"addDays",
           {Col(kDateTime, {DT("2024-10-26 00:30:00")}), Count(1)},
           "DateTime",
           {"2024-10-27 00:30:00"}},
          {"addWeeks",
           {Col(kDateTime, {DT("2024-10-20 11:00:00")}), Count(1)},
           "DateTime",
           {"2024-10-27 12:00:00"}},
          // Feb 1 00:30 CET → Mar 1 00:30 CET; Mar 1 00:30 CET → Apr 1 00:30 CEST.
          {"addMonths",
           {Col(kDateTime, {DT("2024-01-31 23:30:00"), DT("2024-02-29 23:30:00")}), Count(1)},
           "DateTime",
           {"2024-02-29 23:30:00", "2024-03-31 22:30:00"}},
          {"addSeconds",
           {Col(kDateTime, {DT("2024-01-01 00:00:00.5")}), Count(-1)},
           "DateTime",
           {"2023-12-31 23:59:59.500000"}},
          {"addMinutes",
           {Col(Nullable(kDateTime), {DT("2024-01-01 00:00:00"), N()}), Count(90)},
           "Nullable(DateTime)",
           {"2024-01-01 01:30:00", "NULL"}},
          // A Date plus hours is a DateTime from its local midnight.
          {"addHours",
           {Col(kDate, {D("2024-01-01")}), Count(5)},
           "DateTime",
           {"2024-01-01 04:00:00"}},
          {"subtractHours",
           {Col(kDate, {D("2024-01-01")}), Count(1)},
           "DateTime",
           {"2023-12-31 22:00:00"}},
          {"addYears",
           {Col(kDateTime, {DT("2024-02-29 12:00:00")}), Count(1)},
           "DateTime",
           {"2025-02-28 12:00:00"}},
      },
      ZoneContext("Europe/Berlin"));
  ExpectCases(registry,
              {
                  // 07:00 EST → 07:00 EDT.
                  {"addDays",
                   {Col(kDateTime, {DT("2024-03-09 12:00:00")}), Count(1)},
                   "DateTime",
                   {"2024-03-10 11:00:00"}},
                  {"addDays",
                   {Col(kDateTime, {DT("2024-11-02 12:00:00")}), Count(1)},
                   "DateTime",
                   {"2024-11-03 13:00:00"}},
              },
              ZoneContext("America/New_York"));
}

TEST(DateAddTest, DatesMoveByCalendar) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(
      registry,
      {
          {"addDays",
           {Col(Nullable(kDate), {D("2024-02-28"), D("2023-02-28"), N()}), Count(1)},
           "Nullable(Date)",
           {"2024-02-29", "2023-03-01", "NULL"}},
          {"addWeeks", {Col(kDate, {D("2024-02-29")}), Count(1)}, "Date", {"2024-03-07"}},
          {"addMonths",
           {Col(kDate, {D("2024-01-31"), D("2023-01-31"), D("2024-03-31")}), Count(1)},
           "Date",
           {"2024-02-29", "2023-02-28", "2024-04-30"}},
          {"subtractMonths", {Col(kDate, {D("2024-03-31")}), Count(1)}, "Date", {"2024-02-29"}},
          {"addQuarters", {Col(kDate, {D("2024-11-30")}), Count(1)}, "Date", {"2025-02-28"}},
          {"addYears",
           {Col(kDate, {D("2024-02-29"), D("1900-02-28")}), Count(100)},
           "Date",
           {"2124-02-29", "2000-02-28"}},
          {"subtractYears", {Col(kDate, {D("2024-02-29")}), Count(1)}, "Date", {"2023-02-28"}},
          {"subtractDays", {Col(kDate, {D("1970-01-01")}), Count(1)}, "Date", {"1969-12-31"}},
          {"subtractWeeks",
           {Col(kDate, {D("1970-01-08")}), Col(kInt, {I(2)})},
           "Date",
           {"1969-12-25"}},
          {"addDays",
           {Col(kDate, {D("2024-01-01"), D("2024-01-01")}), Col(kInt, {I(-1), I(366)})},
           "Date",
           {"2023-12-31", "2025-01-01"}},
      },
      ZoneContext("Europe/Berlin"));
}

TEST(DateAddTest, DateAddForms) {
  FunctionRegistry registry = DateRegistry();
  const TestArg noon_before = Col(kDateTime, {DT("2024-03-30 11:00:00")});  // 12:00 CET.
  ExpectCases(
      registry,
      {
          {"dateAdd",
           {Const(kString, S("day")), Count(1), noon_before},
           "DateTime",
           {"2024-03-31 10:00:00"}},
          {"date_add",
           {Const(kString, S("HOUR")), Count(25), noon_before},
           "DateTime",
           {"2024-03-31 12:00:00"}},
          {"dateAdd",
           {Const(kString, S("mm")), Count(1), Col(kDate, {D("2024-01-31")})},
           "Date",
           {"2024-02-29"}},
          {"dateSub",
           {Const(kString, S("month")), Count(1), Col(kDate, {D("2024-03-31")})},
           "Date",
           {"2024-02-29"}},
          {"date_sub",
           {Const(kString, S("years")), Count(4), Col(kDate, {D("2024-02-29")})},
           "Date",
           {"2020-02-29"}},
          {"dateAdd", {noon_before, Interval("day", 1)}, "DateTime", {"2024-03-31 10:00:00"}},
          {"dateSub", {noon_before, Interval("week", 1)}, "DateTime", {"2024-03-23 11:00:00"}},
          {"dateAdd",
           {Col(kDate, {D("2024-01-01")}), Interval("hour", 1)},
           "DateTime",
           {"2024-01-01 00:00:00"}},
          {"dateAdd",
           {Col(kDate, {D("2024-01-01")}), Interval("quarter", 1)},
           "Date",
           {"2024-04-01"}},
          {"timeStampAdd", {noon_before, Interval("day", 1)}, "DateTime", {"2024-03-31 10:00:00"}},
          {"timeStampSub",
           {noon_before, Interval("minute", 30)},
           "DateTime",
           {"2024-03-30 10:30:00"}},
      },
      ZoneContext("Europe/Berlin"));
}

TEST(DateAddTest, PlusAndMinusWithIntervalsFollowTheQueryZone) {
  FunctionRegistry registry = DateRegistry();
  const TestArg noon_before = Col(kDateTime, {DT("2024-03-30 11:00:00")});  // 12:00 CET.
  ExpectCases(
      registry,
      {
          {"plus", {noon_before, Interval("day", 1)}, "DateTime", {"2024-03-31 10:00:00"}},
          {"plus", {Interval("day", 1), noon_before}, "DateTime", {"2024-03-31 10:00:00"}},
          {"minus",
           {Col(kDateTime, {DT("2024-03-31 10:00:00")}), Interval("day", 1)},
           "DateTime",
           {"2024-03-30 11:00:00"}},
          {"plus", {noon_before, Interval("hour", 24)}, "DateTime", {"2024-03-31 11:00:00"}},
          {"plus", {noon_before, Interval("month", 1)}, "DateTime", {"2024-04-30 10:00:00"}},
          {"plus", {noon_before, Count(60)}, "DateTime", {"2024-03-30 11:01:00"}},
          {"plus", {Col(kDate, {D("2024-02-28")}), Count(1)}, "Date", {"2024-02-29"}},
          {"plus", {Col(kDate, {D("2024-01-31")}), Interval("month", 1)}, "Date", {"2024-02-29"}},
          {"minus",
           {Col(kDate, {D("2024-03-01")}), Col(kDate, {D("2024-02-01")})},
           "Int64",
           {"29"}},
          {"minus",
           {Col(kDateTime, {DT("2024-03-31 10:00:00")}),
            Col(kDateTime, {DT("2024-03-30 11:00:00")})},
           "Int64",
           {"82800"}},
      },
      ZoneContext("Europe/Berlin"));
  // In UTC the same day is 24 hours.
  ExpectCases(registry,
              {{"plus", {noon_before, Interval("day", 1)}, "DateTime", {"2024-03-31 11:00:00"}}});
}

TEST(DateAddTest, AddIntervalKeepsItsApi) {
  const TimeZone* berlin = FindTimeZone("Europe/Berlin");
  ASSERT_NE(berlin, nullptr);
  const int64_t noon = DT("2024-03-30 11:00:00").as_int64();
  auto utc = AddInterval(TypeId::kDateTime, noon, "day", 1);
  ASSERT_TRUE(utc.ok());
  EXPECT_EQ(*utc, DT("2024-03-31 11:00:00").as_int64());
  auto local = AddInterval(TypeId::kDateTime, noon, "day", 1, *berlin);
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(*local, DT("2024-03-31 10:00:00").as_int64());
  auto months = AddInterval(TypeId::kDate, D("2024-01-31").as_int64(), "month", 13);
  ASSERT_TRUE(months.ok());
  EXPECT_EQ(*months, D("2025-02-28").as_int64());
  EXPECT_FALSE(AddInterval(TypeId::kDate, 0, "hour", 1).ok());
  EXPECT_FALSE(AddInterval(TypeId::kDate, 0, "fortnight", 1).ok());
}

TEST(DateAddTest, Errors) {
  FunctionRegistry registry = DateRegistry();
  ExpectErrors(
      registry,
      {
          {"addDays", {Const(kInt, I(1)), Count(1)}, "must be a Date or DateTime"},
          {"addDays",
           {Const(kString, S("yesterday-ish")), Count(1)},
           "cannot read \"yesterday-ish\""},
          {"addDays", {Const(kDate, D("2024-01-01")), Const(kString, S("1"))}, "must be a number"},
          {"dateAdd",
           {Const(kString, S("fortnight")), Count(1), Const(kDate, D("2024-01-01"))},
           "unknown unit 'fortnight'"},
          {"dateAdd",
           {Const(kString, S("hour")), Count(1), Const(kDate, D("2024-01-01"))},
           "cannot add hours to a Date"},
          {"dateAdd", {Const(kDate, D("2024-01-01")), Count(1)}, "must be an INTERVAL"},
          {"plus",
           {Const(kDate, D("2024-01-01")), Interval("hour", 1)},
           "cannot add hours to a Date"},
      });
}

}  // namespace
}  // namespace larder::functions
