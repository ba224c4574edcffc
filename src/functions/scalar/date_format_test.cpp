#include <gtest/gtest.h>

#include "functions/scalar/date_test_util.h"

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

std::string Format(const FunctionRegistry& registry, const TestArg& time, const std::string& format,
                   const std::string& zone) {
  auto result = CallFunction(registry, "formatDateTime",
                             {time, Const(kString, S(format)), Const(kString, S(zone))});
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? std::string(result->GetString(0)) : "";
}

TEST(DateFormatTest, EveryCode) {
  FunctionRegistry registry = DateRegistry();
  // 2018-01-02 22:33:44.123456 in Berlin (+01:00), a Tuesday.
  const TestArg time = Const(kDateTime, DT("2018-01-02 21:33:44.123456"));
  const std::pair<std::string, std::string> cases[] = {
      {"%a", "Tue"},   {"%b", "Jan"},      {"%c", "01"},
      {"%C", "20"},    {"%d", "02"},       {"%D", "01/02/18"},
      {"%e", " 2"},    {"%f", "123456"},   {"%F", "2018-01-02"},
      {"%g", "18"},    {"%G", "2018"},     {"%h", "10"},
      {"%H", "22"},    {"%i", "33"},       {"%I", "10"},
      {"%j", "002"},   {"%k", "22"},       {"%l", "10"},
      {"%m", "01"},    {"%M", "January"},  {"%n", "\n"},
      {"%p", "PM"},    {"%Q", "1"},        {"%r", "10:33 PM"},
      {"%R", "22:33"}, {"%s", "44"},       {"%S", "44"},
      {"%t", "\t"},    {"%T", "22:33:44"}, {"%u", "2"},
      {"%V", "01"},    {"%w", "2"},        {"%W", "Tuesday"},
      {"%y", "18"},    {"%Y", "2018"},     {"%z", "+0100"},
      {"%%", "%"},     {"", ""},           {"at %H:%i!", "at 22:33!"},
  };
  for (const auto& [format, expected] : cases) {
    EXPECT_EQ(Format(registry, time, format, "Europe/Berlin"), expected) << format;
  }
}

TEST(DateFormatTest, EdgesOfDaysWeeksAndZones) {
  FunctionRegistry registry = DateRegistry();
  struct Case {
    Value time;
    std::string format;
    std::string zone;
    std::string expected;
  };
  const Case cases[] = {
      // Midnight and noon on the 12-hour clock.
      {DT("2024-06-15 00:05:00"), "%h %l %I %p", "UTC", "12 12 12 AM"},
      {DT("2024-06-15 12:05:00"), "%r", "UTC", "12:05 PM"},
      {DT("2024-06-15 13:05:00"), "%h %p", "UTC", "01 PM"},
      {DT("2024-06-15 13:05:00"), "%e|%d", "UTC", "15|15"},
      // ISO years differ from calendar years around New Year.
      {DT("2021-01-03 12:00:00"), "%G %g %V %u %w %a", "UTC", "2020 20 53 7 0 Sun"},
      {DT("2024-12-30 12:00:00"), "%G-W%V-%u %j", "UTC", "2025-W01-1 365"},
      {DT("2024-12-31 12:00:00"), "%j %Q", "UTC", "366 4"},
      // Offsets, including summer time and half hours.
      {DT("2024-07-01 12:00:00"), "%z %T", "Europe/Berlin", "+0200 14:00:00"},
      {DT("2024-01-01 12:00:00"), "%z %T", "America/New_York", "-0500 07:00:00"},
      {DT("2024-11-03 05:30:00"), "%T %z", "America/New_York", "01:30:00 -0400"},
      {DT("2024-11-03 06:30:00"), "%T %z", "America/New_York", "01:30:00 -0500"},
      {DT("2024-01-01 12:00:00"), "%z", "Asia/Kolkata", "+0530"},
      // Before 1970 and fractions.
      {DT("1969-12-31 23:59:59.5"), "%F %T.%f", "UTC", "1969-12-31 23:59:59.500000"},
      {DT("1900-03-04 05:06:07"), "%Y %y %C %M %b %W", "UTC", "1900 00 19 March Mar Sunday"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Format(registry, Const(kDateTime, c.time), c.format, c.zone), c.expected)
        << c.format << " in " << c.zone;
  }
}

TEST(DateFormatTest, DatesColumnsAndDefaults) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(registry,
              {
                  {"formatDateTime",
                   {Col(Nullable(kDate), {D("2024-06-15"), N()}), Const(kString, S("%F %T %z"))},
                   "Nullable(String)",
                   {"'2024-06-15 00:00:00 +0200'", "NULL"}},
                  {"formatDateTime",
                   {Col(kDateTime, {DT("2024-06-15 22:30:00"), DT("2024-12-15 22:30:00")}),
                    Const(kString, S("%d.%m.%Y %H:%i"))},
                   "String",
                   {"'16.06.2024 00:30'", "'15.12.2024 23:30'"}},
                  {"formatDateTime",
                   {Col(kDateTime, {DT("2024-06-15 22:30:00")}), Const(kString, S("%H:%i")),
                    Const(kString, S("UTC"))},
                   "String",
                   {"'22:30'"}},
              },
              ZoneContext("Europe/Berlin"));
}

TEST(DateFormatTest, Errors) {
  FunctionRegistry registry = DateRegistry();
  const TestArg time = Const(kDateTime, DT("2024-01-01 00:00:00"));
  ExpectErrors(registry,
               {
                   {"formatDateTime", {time, Const(kString, S("%Y-%x"))}, "unknown code '%x'"},
                   {"formatDateTime", {time, Const(kString, S("100%"))}, "last character"},
                   {"formatDateTime", {time, Col(kString, {S("%Y")})}, "must be a constant"},
                   {"formatDateTime",
                    {Const(kInt, I(1)), Const(kString, S("%Y"))},
                    "must be a Date or DateTime"},
               });
}

}  // namespace
}  // namespace larder::functions
