#include <gtest/gtest.h>

#include "functions/scalar/date_test_util.h"

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

TEST(DateTest, ClockFunctionsReadTheQueryStartAndAreNotFolded) {
  FunctionRegistry registry = DateRegistry();
  // 2024-06-15 23:30 UTC is already June 16 in Berlin.
  const EvalContext context = ZoneContext("Europe/Berlin", "2024-06-15 23:30:00.25");
  ExpectCases(registry,
              {
                  {"now", {}, "DateTime", {"2024-06-15 23:30:00.250000"}},
                  {"now",
                   {Const(kString, S("Asia/Tokyo"))},
                   "DateTime('Asia/Tokyo')",
                   {"2024-06-16 08:30:00.250000"}},
                  {"today", {}, "Date", {"2024-06-16"}},
                  {"yesterday", {}, "Date", {"2024-06-15"}},
              },
              context);
  ExpectCases(registry, {{"today", {}, "Date", {"2024-06-15"}}},
              ZoneContext("UTC", "2024-06-15 23:30:00"));
  for (const char* name : {"now", "today", "yesterday"}) {
    ASSERT_NE(registry.Find(name), nullptr);
    EXPECT_FALSE(registry.Find(name)->deterministic) << name;
  }
  EXPECT_TRUE(registry.Find("toStartOfDay")->deterministic);
}

TEST(DateTest, TimeZonesUnixTimestampsAndIntervals) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(registry,
              {
                  {"toTimeZone",
                   {Col(kDateTime, {DT("2024-01-01 00:00:00")}), Const(kString, S("Asia/Tokyo"))},
                   "DateTime('Asia/Tokyo')",
                   {"2024-01-01 09:00:00"}},
                  {"fromUnixTimestamp",
                   {Col(Nullable(kInt), {I(0), I(423543535), I(-1), N()})},
                   "Nullable(DateTime)",
                   {"1970-01-01 00:00:00", "1983-06-04 02:58:55", "1969-12-31 23:59:59", "NULL"}},
                  {"fromUnixTimestamp",
                   {Const(kFloat, F(1.5))},
                   "DateTime",
                   {"1970-01-01 00:00:01.500000"}},
                  {"toIntervalDay", {Const(kInt, I(3))}, "Interval(day)", {"3"}},
                  {"toIntervalYear",
                   {Col(Nullable(kInt), {I(1), N()})},
                   "Nullable(Interval(year))",
                   {"1", "NULL"}},
                  {"toIntervalSecond", {Const(kFloat, F(2.9))}, "Interval(second)", {"2"}},
              });
  ExpectErrors(registry,
               {{"toTimeZone",
                 {Const(kDateTime, DT("2024-01-01 00:00:00")), Const(kString, S("Moon/Base"))},
                 "unknown time zone \"Moon/Base\""}});
}

// The result types ClickHouse gives (integer widths as Int64).
TEST(DateTest, ResultTypes) {
  FunctionRegistry registry = DateRegistry();
  struct Case {
    std::string function;
    std::vector<LogicalType> args;
    std::string type;
  };
  const LogicalType day = LogicalType::Interval("day");
  const LogicalType hour = LogicalType::Interval("hour");
  const LogicalType month = LogicalType::Interval("month");
  const Case cases[] = {
      {"toStartOfDay", {kDate}, "DateTime"},
      {"toStartOfDay", {kDateTime.WithNullable(true)}, "Nullable(DateTime)"},
      {"toStartOfHour", {kDateTime}, "DateTime"},
      {"toStartOfMinute", {kDateTime, kString}, "DateTime"},
      {"toStartOfWeek", {kDateTime}, "Date"},
      {"toStartOfWeek", {kDateTime, kInt, kString}, "Date"},
      {"toStartOfMonth", {kDateTime}, "Date"},
      {"toStartOfQuarter", {kDate}, "Date"},
      {"toStartOfYear", {kDateTime}, "Date"},
      {"toMonday", {kDateTime}, "Date"},
      {"toStartOfInterval", {kDateTime, hour}, "DateTime"},
      {"toStartOfInterval", {kDate, day}, "DateTime"},
      {"toStartOfInterval", {kDateTime, month}, "Date"},
      {"dateTrunc", {kString, kDate}, "DateTime"},
      {"toYear", {kDate}, "Int64"},
      {"toDayOfWeek", {kDateTime, kInt, kString}, "Int64"},
      {"toUnixTimestamp", {kString, kString}, "Int64"},
      {"dateDiff", {kString, kDate, kDateTime}, "Int64"},
      {"formatDateTime", {kDateTime, kString}, "String"},
      {"addDays", {kDate, kInt}, "Date"},
      {"addDays", {kDateTime, kInt}, "DateTime"},
      {"addHours", {kDate, kInt}, "DateTime"},
      {"addMonths", {kDate.WithNullable(true), kInt}, "Nullable(Date)"},
      {"dateAdd", {kString, kInt, kDate}, "Date"},
      {"dateAdd", {kDate, hour}, "DateTime"},
      {"dateAdd", {kDate, day}, "Date"},
      {"now", {}, "DateTime"},
      {"today", {}, "Date"},
      {"toIntervalWeek", {kInt}, "Interval(week)"},
  };
  for (const Case& c : cases) {
    auto type = ResultType(registry, c.function, c.args);
    ASSERT_TRUE(type.ok()) << c.function << ": " << type.status().ToString();
    EXPECT_EQ(type->ToString(), c.type) << c.function;
  }
}

}  // namespace
}  // namespace larder::functions
