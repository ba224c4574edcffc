#include <gtest/gtest.h>

#include "functions/scalar/date_test_util.h"

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

TestArg Unit(const char* unit) { return Const(kString, S(unit)); }

TEST(DateDiffTest, CountsBoundariesCrossed) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(registry,
              {
                  {"dateDiff",
                   {Unit("day"), Col(kDateTime, {DT("2024-01-01 23:59:00")}),
                    Col(kDateTime, {DT("2024-01-02 00:01:00")})},
                   "Int64",
                   {"1"}},
                  {"dateDiff",
                   {Unit("month"), Const(kDate, D("2024-01-31")), Const(kDate, D("2024-02-01"))},
                   "Int64",
                   {"1"}},
                  {"dateDiff",
                   {Unit("quarter"), Const(kDate, D("2024-03-31")), Const(kDate, D("2024-04-01"))},
                   "Int64",
                   {"1"}},
                  {"dateDiff",
                   {Unit("year"), Const(kDate, D("1969-12-31")), Const(kDate, D("1970-01-01"))},
                   "Int64",
                   {"1"}},
                  {"dateDiff",
                   {Unit("day"), Const(kDate, D("2024-02-28")), Const(kDate, D("2024-03-01"))},
                   "Int64",
                   {"2"}},
                  {"dateDiff",
                   {Unit("day"), Const(kDate, D("2024-01-02")), Const(kDate, D("2024-01-01"))},
                   "Int64",
                   {"-1"}},
                  // Weeks start on Monday: Sunday → Monday crosses one, Monday → Sunday none.
                  {"dateDiff",
                   {Unit("week"), Col(kDate, {D("2024-06-16"), D("2024-06-10"), D("1969-12-28")}),
                    Col(kDate, {D("2024-06-17"), D("2024-06-16"), D("1969-12-29")})},
                   "Int64",
                   {"1", "0", "1"}},
                  {"dateDiff",
                   {Unit("minute"), Const(kDateTime, DT("2024-01-01 12:00:59")),
                    Const(kDateTime, DT("2024-01-01 12:01:00"))},
                   "Int64",
                   {"1"}},
                  {"dateDiff",
                   {Unit("second"), Const(kDateTime, DT("2024-01-01 12:00:00.9")),
                    Const(kDateTime, DT("2024-01-01 12:00:01.1"))},
                   "Int64",
                   {"1"}},
                  {"dateDiff",
                   {Unit("ms"), Const(kDateTime, DT("2024-01-01 12:00:00.9999")),
                    Const(kDateTime, DT("2024-01-01 12:00:01.0001"))},
                   "Int64",
                   {"1"}},
                  {"dateDiff",
                   {Unit("microsecond"), Const(kDateTime, DT("2024-01-01 12:00:00.9999")),
                    Const(kDateTime, DT("2024-01-01 12:00:01.0001"))},
                   "Int64",
                   {"200"}},
                  // A Date counts from its midnight.
                  {"dateDiff",
                   {Unit("hour"), Const(kDate, D("2024-01-01")),
                    Const(kDateTime, DT("2024-01-01 05:00:00"))},
                   "Int64",
                   {"5"}},
                  {"dateDiff",
                   {Unit("hh"), Col(Nullable(kDateTime), {DT("2024-01-01 00:00:00"), N()}),
                    Const(kDateTime, DT("2024-01-02 00:00:00"))},
                   "Nullable(Int64)",
                   {"24", "NULL"}},
              });
}

TEST(DateDiffTest, CalendarUnitsFollowTheTimeZone) {
  FunctionRegistry registry = DateRegistry();
  const TestArg late = Const(kDateTime, DT("2024-01-01 22:30:00"));   // 23:30 CET.
  const TestArg later = Const(kDateTime, DT("2024-01-01 23:30:00"));  // 00:30 CET next day.
  ExpectCases(
      registry,
      {
          {"dateDiff", {Unit("day"), late, later}, "Int64", {"1"}},
          {"dateDiff", {Unit("day"), late, later, Const(kString, S("UTC"))}, "Int64", {"0"}},
          {"date_diff",
           {Unit("dd"), late, later, Const(kString, S("Europe/Berlin"))},
           "Int64",
           {"1"}},
          // 01:30 CET → 03:30 CEST is one hour of elapsed time.
          {"dateDiff",
           {Unit("hour"), Const(kDateTime, DT("2024-03-31 00:30:00")),
            Const(kDateTime, DT("2024-03-31 01:30:00"))},
           "Int64",
           {"1"}},
          // 23:59 before the change to 00:01 after: a day apart on the calendar, 24 h - 1 h.
          {"dateDiff",
           {Unit("day"), Const(kDateTime, DT("2024-03-30 22:59:00")),
            Const(kDateTime, DT("2024-03-31 22:01:00"))},
           "Int64",
           {"2"}},
          // 05:59 → 06:01 IST crosses an hour of the half-hour zone.
          {"dateDiff",
           {Unit("hour"), Const(kDateTime, DT("2024-01-01 00:29:00")),
            Const(kDateTime, DT("2024-01-01 00:31:00")), Const(kString, S("Asia/Kolkata"))},
           "Int64",
           {"1"}},
          {"dateDiff",
           {Unit("hour"), Const(kDateTime, DT("2024-01-01 00:29:00")),
            Const(kDateTime, DT("2024-01-01 00:31:00"))},
           "Int64",
           {"0"}},
          {"dateDiff",
           {Unit("month"), Col(kString, {S("2024-01-31 23:30:00")}),
            Const(kString, S("2024-02-01 00:30:00"))},
           "Int64",
           {"1"}},
      },
      ZoneContext("Europe/Berlin"));
}

TEST(DateDiffTest, Errors) {
  FunctionRegistry registry = DateRegistry();
  const TestArg day = Const(kDate, D("2024-01-01"));
  ExpectErrors(
      registry,
      {
          {"dateDiff", {Unit("fortnight"), day, day}, "unknown unit 'fortnight'"},
          {"dateDiff", {Col(kString, {S("day")}), day, day}, "must be a constant String"},
          {"dateDiff", {Unit("day"), Const(kInt, I(1)), day}, "must be a Date or DateTime"},
      });
}

}  // namespace
}  // namespace larder::functions
