#include <gtest/gtest.h>

#include "functions/scalar/date_test_util.h"

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

TestArg Zone(const char* name) { return Const(kString, S(name)); }
TestArg Interval(const char* unit, int64_t count) {
  return Const(LogicalType::Interval(unit), I(count));
}

// DateTime results print in UTC; comments give the local times.
TEST(DateTruncateTest, StartOfDayAndHourAcrossClockChanges) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(registry,
              {
                  // 2024-03-31 01:30 in Berlin (00:30 UTC): the day began at 00:00 CET.
                  {"toStartOfDay",
                   {Col(kDateTime, {DT("2024-03-31 00:30:00")})},
                   "DateTime",
                   {"2024-03-30 23:00:00"}},
                  // After the change (03:30 CEST), the same day and its midnight.
                  {"toStartOfDay",
                   {Col(kDateTime, {DT("2024-03-31 01:30:00")})},
                   "DateTime",
                   {"2024-03-30 23:00:00"}},
                  {"toStartOfDay",
                   {Col(kDateTime, {DT("2024-10-27 12:00:00")})},
                   "DateTime",
                   {"2024-10-26 22:00:00"}},
                  {"toStartOfDay",
                   {Col(kDateTime, {DT("2024-11-03 12:00:00")}), Zone("America/New_York")},
                   "DateTime('America/New_York')",
                   {"2024-11-03 00:00:00"}},
                  // Havana skipped midnight on 2024-03-10: the day began at 01:00 CDT.
                  {"toStartOfDay",
                   {Col(kDateTime, {DT("2024-03-10 12:00:00")}), Zone("America/Havana")},
                   "DateTime('America/Havana')",
                   {"2024-03-10 01:00:00"}},
                  {"toStartOfDay",
                   {Col(Nullable(kDate), {D("2024-03-31"), N()})},
                   "Nullable(DateTime)",
                   {"2024-03-30 23:00:00", "NULL"}},
                  {"toStartOfDay",
                   {Col(kDateTime, {DT("1969-12-31 23:30:00")}), Zone("UTC")},
                   "DateTime('UTC')",
                   {"1969-12-31 00:00:00"}},
                  // 03:30 CEST → 03:00 CEST.
                  {"toStartOfHour",
                   {Col(kDateTime, {DT("2024-03-31 01:30:00")})},
                   "DateTime",
                   {"2024-03-31 01:00:00"}},
                  // 05:40 IST → 05:00 IST: hours of a half-hour zone.
                  {"toStartOfHour",
                   {Col(kDateTime, {DT("2024-01-01 00:10:00")}), Zone("Asia/Kolkata")},
                   "DateTime('Asia/Kolkata')",
                   {"2024-01-01 05:00:00"}},
                  {"toStartOfMinute",
                   {Col(kDateTime, {DT("1969-12-31 23:59:59.5")})},
                   "DateTime",
                   {"1969-12-31 23:59:00"}},
                  {"toStartOfFiveMinutes",
                   {Col(kDateTime, {DT("2024-01-01 12:34:56.789")})},
                   "DateTime",
                   {"2024-01-01 12:30:00"}},
                  {"toStartOfFifteenMinutes",
                   {Col(kDateTime, {DT("2024-01-01 00:10:00")}), Zone("Asia/Kolkata")},
                   "DateTime('Asia/Kolkata')",
                   {"2024-01-01 05:30:00"}},
                  {"toStartOfFifteenMinutes",
                   {Col(kDateTime, {DT("2024-01-01 12:14:59.999999"), DT("2024-01-01 12:15:00")})},
                   "DateTime",
                   {"2024-01-01 12:00:00", "2024-01-01 12:15:00"}},
              },
              ZoneContext("Europe/Berlin"));
}

TEST(DateTruncateTest, StartOfCalendarPeriods) {
  FunctionRegistry registry = DateRegistry();
  // Sunday 2024-06-16; 2024-05-31 22:30 UTC is June 1 in Berlin.
  ExpectCases(
      registry,
      {
          {"toMonday",
           {Col(kDate, {D("2024-06-16"), D("2024-06-17"), D("1970-01-01")})},
           "Date",
           {"2024-06-10", "2024-06-17", "1969-12-29"}},
          {"toStartOfWeek",
           {Col(kDate, {D("2024-06-16"), D("2024-06-15")})},
           "Date",
           {"2024-06-16", "2024-06-09"}},
          {"toStartOfWeek",
           {Col(kDate, {D("2024-06-16")}), Const(kInt, I(1))},
           "Date",
           {"2024-06-10"}},
          {"toStartOfWeek",
           {Col(kDateTime, {DT("2024-06-15 22:30:00")}), Const(kInt, I(0)), Zone("Europe/Berlin")},
           "Date",
           {"2024-06-16"}},
          {"toStartOfMonth", {Col(kDateTime, {DT("2024-05-31 22:30:00")})}, "Date", {"2024-06-01"}},
          {"toStartOfMonth",
           {Col(kDateTime, {DT("2024-05-31 22:30:00")}), Zone("UTC")},
           "Date",
           {"2024-05-01"}},
          {"toStartOfMonth", {Col(kDate, {D("2024-02-29")})}, "Date", {"2024-02-01"}},
          {"toStartOfQuarter",
           {Col(kDate, {D("2024-05-15"), D("2024-12-31")})},
           "Date",
           {"2024-04-01", "2024-10-01"}},
          {"toStartOfYear", {Col(kDate, {D("1969-07-01")})}, "Date", {"1969-01-01"}},
          {"toStartOfYear", {Col(kDateTime, {DT("2023-12-31 23:30:00")})}, "Date", {"2024-01-01"}},
      },
      ZoneContext("Europe/Berlin"));
}

TEST(DateTruncateTest, StartOfInterval) {
  FunctionRegistry registry = DateRegistry();
  const TestArg morning = Col(kDateTime, {DT("2024-03-31 05:17:00")});  // 07:17 CEST.
  ExpectCases(
      registry,
      {
          {"toStartOfInterval",
           {morning, Interval("hour", 6)},
           "DateTime",
           {"2024-03-31 04:00:00"}},
          // 03:30 CEST in 2-hour steps from midnight: 02:00 did not exist; the change at 03:00
          // CEST stands in.
          {"toStartOfInterval",
           {Col(kDateTime, {DT("2024-03-31 01:30:00")}), Interval("hour", 2)},
           "DateTime",
           {"2024-03-31 01:00:00"}},
          {"toStartOfInterval",
           {morning, Interval("hour", 1)},
           "DateTime",
           {"2024-03-31 05:00:00"}},
          {"toStartOfInterval", {morning, Interval("day", 1)}, "DateTime", {"2024-03-30 23:00:00"}},
          // Day 19813 (2024-03-31) in 2-day steps from the epoch: 2024-03-30.
          {"toStartOfInterval", {morning, Interval("day", 2)}, "DateTime", {"2024-03-29 23:00:00"}},
          {"toStartOfInterval",
           {Col(kDate, {D("1969-12-31")}), Interval("day", 2), Zone("UTC")},
           "DateTime('UTC')",
           {"1969-12-30 00:00:00"}},
          {"toStartOfInterval",
           {Col(kDate, {D("2024-06-13")}), Interval("week", 1)},
           "Date",
           {"2024-06-10"}},
          // Two-week steps from Monday 1970-01-05.
          {"toStartOfInterval",
           {Col(kDate, {D("2024-06-13")}), Interval("week", 2)},
           "Date",
           {"2024-06-10"}},
          {"toStartOfInterval",
           {Col(kDate, {D("2024-06-15")}), Interval("month", 1)},
           "Date",
           {"2024-06-01"}},
          // Months counted from January 1900.
          {"toStartOfInterval",
           {Col(kDate, {D("2024-06-15")}), Interval("month", 5)},
           "Date",
           {"2024-03-01"}},
          {"toStartOfInterval",
           {Col(kDate, {D("2024-06-15")}), Interval("month", 9)},
           "Date",
           {"2023-10-01"}},
          {"toStartOfInterval",
           {Col(kDate, {D("2024-06-15")}), Interval("quarter", 1)},
           "Date",
           {"2024-04-01"}},
          {"toStartOfInterval",
           {Col(kDate, {D("2024-06-15")}), Interval("year", 10)},
           "Date",
           {"2020-01-01"}},
          {"toStartOfInterval",
           {Col(kDateTime, {DT("2024-01-01 00:10:00")}), Interval("minute", 7),
            Zone("Asia/Kolkata")},
           "DateTime('Asia/Kolkata')",
           {"2024-01-01 05:38:00"}},
          {"toStartOfInterval",
           {Col(kDateTime, {DT("2024-01-01 12:34:56")}), Interval("second", 90)},
           "DateTime",
           {"2024-01-01 12:34:30"}},
          {"toStartOfInterval",
           {Col(kDateTime, {DT("2024-01-01 12:34:56")}), Interval("second", 120)},
           "DateTime",
           {"2024-01-01 12:34:00"}},
          {"toStartOfInterval",
           {Col(Nullable(kDateTime), {DT("2024-01-01 12:34:56"), N()}), Interval("minute", 15)},
           "Nullable(DateTime)",
           {"2024-01-01 12:30:00", "NULL"}},
      },
      ZoneContext("Europe/Berlin"));
}

TEST(DateTruncateTest, DateTrunc) {
  FunctionRegistry registry = DateRegistry();
  const TestArg time = Col(kDateTime, {DT("2024-05-31 22:30:45.5")});  // June 1, 00:30 CEST.
  ExpectCases(
      registry,
      {
          {"dateTrunc", {Const(kString, S("second")), time}, "DateTime", {"2024-05-31 22:30:45"}},
          {"dateTrunc", {Const(kString, S("minute")), time}, "DateTime", {"2024-05-31 22:30:00"}},
          {"dateTrunc", {Const(kString, S("HOUR")), time}, "DateTime", {"2024-05-31 22:00:00"}},
          {"dateTrunc", {Const(kString, S("day")), time}, "DateTime", {"2024-05-31 22:00:00"}},
          {"date_trunc", {Const(kString, S("month")), time}, "DateTime", {"2024-05-31 22:00:00"}},
          {"dateTrunc", {Const(kString, S("week")), time}, "DateTime", {"2024-05-26 22:00:00"}},
          {"dateTrunc", {Const(kString, S("quarter")), time}, "DateTime", {"2024-03-31 22:00:00"}},
          {"dateTrunc", {Const(kString, S("year")), time}, "DateTime", {"2023-12-31 23:00:00"}},
          {"dateTrunc",
           {Const(kString, S("year")), time, Zone("UTC")},
           "DateTime('UTC')",
           {"2024-01-01 00:00:00"}},
          {"dateTrunc",
           {Const(kString, S("month")), Col(kDate, {D("2024-02-29")})},
           "DateTime",
           {"2024-01-31 23:00:00"}},
      },
      ZoneContext("Europe/Berlin"));
}

TEST(DateTruncateTest, Errors) {
  FunctionRegistry registry = DateRegistry();
  ExpectErrors(registry, {
                             {"dateTrunc",
                              {Const(kString, S("fortnight")), Const(kDate, D("2024-01-01"))},
                              "unknown unit 'fortnight'"},
                             {"dateTrunc",
                              {Const(kString, S("hour")), Const(kDate, D("2024-01-01"))},
                              "cannot truncate a Date to a hour"},
                             {"toStartOfInterval",
                              {Const(kDate, D("2024-01-01")), Interval("day", 0)},
                              "must be positive"},
                             {"toStartOfInterval",
                              {Const(kDate, D("2024-01-01")), Const(kInt, I(1))},
                              "must be an interval"},
                             {"toStartOfDay", {Const(kInt, I(1))}, "must be a Date or DateTime"},
                         });
}

}  // namespace
}  // namespace larder::functions
