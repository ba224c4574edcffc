#include "functions/scalar/datetime_text.h"

#include <gtest/gtest.h>

#include "functions/scalar/date_test_util.h"

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

// parseDateTimeBestEffort(text) in UTC on 2024-06-15, printed in UTC; "" for text it rejects.
TEST(DateTimeTextTest, BestEffortFormats) {
  FunctionRegistry registry = DateRegistry();
  const std::pair<std::string, std::string> cases[] = {
      // ISO 8601.
      {"2023-10-03T10:00:00Z", "2023-10-03 10:00:00"},
      {"2023-10-03T10:00:00.123456789+02:00", "2023-10-03 08:00:00.123456"},
      {"2023-10-03 10:00:00", "2023-10-03 10:00:00"},
      {"2023-10-03 10:00", "2023-10-03 10:00:00"},
      {"2023-10-03T10:00:00-0530", "2023-10-03 15:30:00"},
      {"2020-12-12 17:36:00 -5:00", "2020-12-12 22:36:00"},
      {"2024-01-01T10:00:00MSK", "2024-01-01 07:00:00"},
      {"2023-10-03", "2023-10-03 00:00:00"},
      {"2023/10/03", "2023-10-03 00:00:00"},
      {"2023-1-3", "2023-01-03 00:00:00"},
      {"  2023-10-03  ", "2023-10-03 00:00:00"},
      // RFC 2822 and month names.
      {"Tue, 3 Oct 2023 10:00:00 GMT", "2023-10-03 10:00:00"},
      {"Tue, 03 Oct 2023 10:00:00 +0200", "2023-10-03 08:00:00"},
      {"Tuesday, 3 October 2023", "2023-10-03 00:00:00"},
      {"Oct 3, 2023 10:00 PM", "2023-10-03 22:00:00"},
      {"24-Dec-18", "2018-12-24 00:00:00"},
      {"01-September-2018", "2018-09-01 00:00:00"},
      // Day first; a "month" above 12 swaps.
      {"03/10/2023", "2023-10-03 00:00:00"},
      {"13/12/2020 17:36", "2020-12-13 17:36:00"},
      {"12/13/2020", "2020-12-13 00:00:00"},
      {"12.05.2021", "2021-05-12 00:00:00"},
      {"12-05-21", "2021-05-12 00:00:00"},
      {"12-05-70", "1970-05-12 00:00:00"},
      // Digits only.
      {"20231003", "2023-10-03 00:00:00"},
      {"20231003101112", "2023-10-03 10:11:12"},
      {"202403", "2024-03-01 00:00:00"},
      {"2024", "2024-01-01 00:00:00"},
      {"1700000000", "2023-11-14 22:13:20"},
      {"1700000000.5", "2023-11-14 22:13:20.500000"},
      {"1700000000123", "2023-11-14 22:13:20.123000"},
      {"999999999", "2001-09-09 01:46:39"},
      // No year: this year, or last year if that would be in the future (syslog).
      {"Jun 9 14:20:32", "2024-06-09 14:20:32"},
      {"Dec 9 14:20:32", "2023-12-09 14:20:32"},
      {"12:30", "2024-01-01 12:30:00"},
      // AM / PM.
      {"2024-01-01 12:00 AM", "2024-01-01 00:00:00"},
      {"2024-01-01 12:00 PM", "2024-01-01 12:00:00"},
      {"2024-01-01 01:15:00 pm", "2024-01-01 13:15:00"},
      // Leap days and other calendar edges.
      {"2024-02-29", "2024-02-29 00:00:00"},
      {"1900-02-28 23:59:59", "1900-02-28 23:59:59"},
      {"1969-12-31 23:59:59.999", "1969-12-31 23:59:59.999000"},
      // Rejected.
      {"2023-02-29", ""},
      {"2024-13-01", ""},
      {"", ""},
      {"abc", ""},
      {"2024-01-01 garbage", ""},
      {"2023-10-03T10:00:00Zx", ""},
      {"Married 3", ""},
      {"2022/03/04, ", ""},
      {"123", ""},
  };
  for (const auto& [text, expected] : cases) {
    SCOPED_TRACE(text);
    auto result = CallFunction(registry, "parseDateTimeBestEffortOrNull", {Const(kString, S(text))},
                               ZoneContext("UTC"));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(Render(*result), std::vector<std::string>{expected.empty() ? "NULL" : expected});
  }
}

TEST(DateTimeTextTest, LocalTimesUseTheZone) {
  FunctionRegistry registry = DateRegistry();
  ExpectCases(
      registry,
      {
          {"parseDateTimeBestEffort",
           {Const(kString, S("2024-06-01 12:00:00"))},
           "DateTime",
           {"2024-06-01 10:00:00"}},
          // A zone in the text wins.
          {"parseDateTimeBestEffort",
           {Const(kString, S("2024-06-01 12:00:00Z"))},
           "DateTime",
           {"2024-06-01 12:00:00"}},
          // Skipped by the spring-forward: the offset after the change, as ClickHouse.
          {"parseDateTimeBestEffort",
           {Const(kString, S("2024-03-31 02:30:00"))},
           "DateTime",
           {"2024-03-31 00:30:00"}},
          {"parseDateTimeBestEffort",
           {Const(kString, S("2024-10-27 02:30:00"))},
           "DateTime",
           {"2024-10-27 00:30:00"}},
          {"parseDateTimeBestEffort",
           {Const(kString, S("2024-03-10 02:30:00")), Const(kString, S("America/New_York"))},
           "DateTime('America/New_York')",
           {"2024-03-10 01:30:00"}},
          {"parseDateTimeBestEffortOrZero",
           {DictCol(Nullable(kString), {"2024-01-01", "nope", std::nullopt, "2024-01-01"})},
           "Nullable(DateTime)",
           {"2023-12-31 23:00:00", "1970-01-01 00:00:00", "NULL", "2023-12-31 23:00:00"}},
      },
      ZoneContext("Europe/Berlin"));
  ExpectErrors(registry,
               {{"parseDateTimeBestEffort",
                 {Const(kString, S("31st of May"))},
                 "cannot convert \"31st of May\" to DateTime"},
                {"parseDateTimeBestEffort", {Const(kInt, I(1))}, "cannot convert Int64"}});
}

TEST(DateTimeTextTest, ParsedFields) {
  DateTimeText parsed;
  ASSERT_TRUE(ParseDateTimeText("2023-10-03T10:11:12.5+05:30", &parsed));
  EXPECT_EQ(parsed.year, 2023);
  EXPECT_EQ(parsed.month, 10u);
  EXPECT_EQ(parsed.day, 3u);
  EXPECT_EQ(parsed.hour, 10);
  EXPECT_EQ(parsed.minute, 11);
  EXPECT_EQ(parsed.second, 12);
  EXPECT_EQ(parsed.micros, 500000);
  EXPECT_TRUE(parsed.has_offset);
  EXPECT_EQ(parsed.offset_seconds, 19800);
  ASSERT_TRUE(ParseDateTimeText("1700000000", &parsed));
  EXPECT_TRUE(parsed.is_timestamp);
  EXPECT_EQ(parsed.timestamp_micros, int64_t{1700000000} * 1000000);
  int64_t day = 0;
  ASSERT_TRUE(ParseDateTimeText("Feb 29", &parsed));
  EXPECT_FALSE(ResolveDate(parsed, DT("2023-06-01 00:00:00").as_int64() / 86400000000, &day));
  EXPECT_TRUE(ResolveDate(parsed, DT("2024-06-01 00:00:00").as_int64() / 86400000000, &day));
  EXPECT_EQ(Value::Date(static_cast<int32_t>(day)).ToString(kDate), "2024-02-29");
}

}  // namespace
}  // namespace larder::functions
