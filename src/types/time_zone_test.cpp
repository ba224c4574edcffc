#include "types/time_zone.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "types/datetime.h"

namespace larder {
namespace {

// "YYYY-MM-DD hh:mm:ss" as seconds since the epoch (of UTC or of a local clock).
int64_t Seconds(const std::string& text) {
  int64_t micros = 0;
  EXPECT_TRUE(ParseDateTime(text, &micros)) << text;
  return micros / 1'000'000;
}

std::string Text(int64_t seconds) { return FormatDateTime(seconds * 1'000'000); }

const TimeZone& Zone(const std::string& name) {
  const TimeZone* zone = FindTimeZone(name);
  EXPECT_NE(zone, nullptr) << name;
  static const auto utc = TimeZone::Fixed("UTC", 0);
  return zone ? *zone : *utc;
}

TEST(TimeZoneTest, OffsetsAroundTransitions) {
  struct Case {
    std::string zone;
    std::string utc;
    int32_t offset;
  };
  const Case cases[] = {
      {"UTC", "2024-03-31 01:00:00", 0},
      {"UTC", "1500-01-01 00:00:00", 0},
      {"Europe/Berlin", "2024-03-31 00:59:59", 3600},
      {"Europe/Berlin", "2024-03-31 01:00:00", 7200},
      {"Europe/Berlin", "2024-10-27 00:59:59", 7200},
      {"Europe/Berlin", "2024-10-27 01:00:00", 3600},
      {"Europe/Berlin", "1970-01-01 00:00:00", 3600},
      {"Europe/Berlin", "1945-06-01 00:00:00", 10800},  // Double summer time.
      {"Europe/Berlin", "1850-01-01 00:00:00", 3208},   // Local mean time, +0:53:28.
      {"Europe/Berlin", "2100-07-01 00:00:00", 7200},   // The footer rule.
      {"Europe/Berlin", "2100-12-01 00:00:00", 3600},
      {"Europe/Berlin", "3000-07-01 00:00:00", 7200},  // Past the table: the 400-year cycle.
      {"Europe/Berlin", "3000-03-30 00:59:59", 3600},  // Last Sunday of March 3000 is the 30th.
      {"Europe/Berlin", "3000-03-30 01:00:00", 7200},
      {"Europe/Berlin", "9999-12-31 23:59:59", 3600},
      {"America/New_York", "2024-03-10 06:59:59", -18000},
      {"America/New_York", "2024-03-10 07:00:00", -14400},
      {"America/New_York", "2024-11-03 05:59:59", -14400},
      {"America/New_York", "2024-11-03 06:00:00", -18000},
      {"America/New_York", "1960-07-01 00:00:00", -14400},
      {"America/New_York", "2300-07-01 00:00:00", -14400},
      {"Australia/Sydney", "2024-01-15 00:00:00", 39600},  // Southern summer.
      {"Australia/Sydney", "2024-07-15 00:00:00", 36000},
      {"Australia/Sydney", "2800-01-15 00:00:00", 39600},
      {"Australia/Lord_Howe", "2024-01-15 00:00:00", 39600},  // A 30-minute change.
      {"Australia/Lord_Howe", "2024-07-15 00:00:00", 37800},
      {"Asia/Kolkata", "2024-06-01 00:00:00", 19800},
      {"Asia/Kathmandu", "2024-06-01 00:00:00", 20700},
      {"Pacific/Apia", "2011-12-30 09:59:59", -36000},  // Samoa skipped December 30, 2011.
      {"Pacific/Apia", "2011-12-30 10:00:00", 50400},
      {"Etc/GMT+5", "2024-06-01 00:00:00", -18000},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.zone + " at " + c.utc);
    EXPECT_EQ(Zone(c.zone).OffsetAt(Seconds(c.utc)), c.offset);
  }
}

TEST(TimeZoneTest, LocalToUtcResolvesGapsAndRepeatsAsClickHouse) {
  struct Case {
    std::string zone;
    std::string local;
    std::string utc;
  };
  const Case cases[] = {
      {"UTC", "2024-03-31 02:30:00", "2024-03-31 02:30:00"},
      {"Europe/Berlin", "2024-03-31 01:59:59", "2024-03-31 00:59:59"},
      // Skipped by the spring-forward: the offset after the change (shows as 01:30 CET).
      {"Europe/Berlin", "2024-03-31 02:30:00", "2024-03-31 00:30:00"},
      {"Europe/Berlin", "2024-03-31 03:00:00", "2024-03-31 01:00:00"},
      {"Europe/Berlin", "2024-03-31 03:30:00", "2024-03-31 01:30:00"},
      // Repeated by the fall-back: the earlier instant.
      {"Europe/Berlin", "2024-10-27 02:30:00", "2024-10-27 00:30:00"},
      {"Europe/Berlin", "2024-10-27 03:00:00", "2024-10-27 02:00:00"},
      {"Europe/Berlin", "1960-01-01 00:00:00", "1959-12-31 23:00:00"},
      {"America/New_York", "2024-03-10 02:30:00", "2024-03-10 06:30:00"},
      {"America/New_York", "2024-03-10 03:30:00", "2024-03-10 07:30:00"},
      {"America/New_York", "2024-11-03 01:30:00", "2024-11-03 05:30:00"},
      {"America/New_York", "2024-11-03 02:30:00", "2024-11-03 07:30:00"},
      {"Australia/Sydney", "2024-04-07 02:30:00", "2024-04-06 15:30:00"},
      {"Asia/Kolkata", "2024-01-01 00:00:00", "2023-12-31 18:30:00"},
      {"Europe/Berlin", "3000-07-01 12:00:00", "3000-07-01 10:00:00"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.zone + " at local " + c.local);
    EXPECT_EQ(Text(Zone(c.zone).LocalToUtc(Seconds(c.local))), c.utc);
  }
}

TEST(TimeZoneTest, StartOfDayIsTheDaysFirstInstant) {
  struct Case {
    std::string zone;
    std::string day;
    std::string utc;
  };
  const Case cases[] = {
      {"UTC", "2024-03-31", "2024-03-31 00:00:00"},
      {"Europe/Berlin", "2024-03-31", "2024-03-30 23:00:00"},
      {"Europe/Berlin", "2024-04-01", "2024-03-31 22:00:00"},
      {"America/New_York", "2024-11-03", "2024-11-03 04:00:00"},
      {"America/New_York", "1900-01-01", "1900-01-01 05:00:00"},
      // Midnight skipped: the day began when clocks jumped to 01:00.
      {"America/Sao_Paulo", "2018-11-04", "2018-11-04 03:00:00"},
      {"America/Havana", "2024-03-10", "2024-03-10 05:00:00"},
      {"Europe/Berlin", "3000-03-30", "3000-03-29 23:00:00"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.zone + " on " + c.day);
    int32_t day = 0;
    ASSERT_TRUE(ParseDate(c.day, &day));
    EXPECT_EQ(Text(Zone(c.zone).StartOfDay(day)), c.utc);
  }
}

// The cursor must agree with the zone everywhere, whatever order the lookups come in.
TEST(TimeZoneTest, CursorAgreesWithZone) {
  for (const char* name : {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
                           "Asia/Kolkata", "America/Sao_Paulo", "Pacific/Apia", "UTC"}) {
    SCOPED_TRACE(name);
    const TimeZone& zone = Zone(name);
    ZoneCursor cursor(zone);
    const int64_t begin = Seconds("2009-06-01 00:00:00"), end = Seconds("2026-01-01 00:00:00");
    int mismatches = 0;
    for (int64_t t = begin; t < end && mismatches < 5; t += 4877) {
      // Alternate far jumps with steps, so that both the cached and the searched paths run.
      int64_t probe = (t / 4877) % 7 == 0 ? begin + (end - t) : t;
      if (cursor.OffsetAt(probe) != zone.OffsetAt(probe)) ++mismatches;
      int64_t local = zone.ToLocal(probe);
      if (cursor.LocalToUtc(local) != zone.LocalToUtc(local)) ++mismatches;
      int64_t day = (local >= 0 ? local : local - 86399) / 86400;
      if (cursor.StartOfDayAt(probe) != zone.StartOfDay(day)) ++mismatches;
      if (cursor.StartOfDay(day + 1) != zone.StartOfDay(day + 1)) ++mismatches;
    }
    EXPECT_EQ(mismatches, 0);
  }
}

// LocalToUtc(ToLocal(t)) == t except in repeated hours, where the earlier instant wins.
TEST(TimeZoneTest, LocalTimesRoundTrip) {
  const TimeZone& berlin = Zone("Europe/Berlin");
  const int64_t begin = Seconds("2024-01-01 00:00:00");
  for (int64_t t = begin; t < begin + 366 * 86400; t += 900) {
    int64_t back = berlin.LocalToUtc(berlin.ToLocal(t));
    if (back != t) {
      EXPECT_EQ(back, t - 3600) << Text(t);
      EXPECT_EQ(Text(t).substr(0, 10), "2024-10-27");
    }
  }
}

TEST(TimeZoneTest, UnknownNames) {
  for (const char* name : {"Mars/Olympus_Mons", "", "../etc/passwd", "/etc/passwd",
                           "Europe/../Europe/Berlin", "zone.tab", "Europe", "utc "}) {
    EXPECT_EQ(FindTimeZone(name), nullptr) << name;
  }
  ASSERT_NE(FindTimeZone("UTC"), nullptr);
  EXPECT_EQ(FindTimeZone("UTC")->name(), "UTC");
  EXPECT_EQ(FindTimeZone("Europe/Berlin"), FindTimeZone("Europe/Berlin"));  // Cached.
  Result<const TimeZone*> missing = LookupTimeZone("Mars/Olympus_Mons");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("unknown time zone \"Mars/Olympus_Mons\""),
            std::string::npos)
      << missing.status().message();
}

TEST(TimeZoneTest, RegistryIsThreadSafe) {
  TimeZoneRegistry registry("/usr/share/zoneinfo");
  const char* names[] = {"Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC", "Nope/Nope"};
  std::vector<std::vector<const TimeZone*>> seen(8);
  std::vector<std::thread> threads;
  for (size_t thread_idx = 0; thread_idx < seen.size(); ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      for (int round = 0; round < 50; ++round) {
        for (const char* name : names) seen[thread_idx].push_back(registry.Find(name));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const auto& pointers : seen) EXPECT_EQ(pointers, seen[0]);
  EXPECT_EQ(seen[0][4], nullptr);
  EXPECT_NE(seen[0][0], nullptr);
}

TEST(TimeZoneTest, UtcWorksWithoutZoneFiles) {
  TimeZoneRegistry registry("/nonexistent/zoneinfo");
  ASSERT_NE(registry.Find("UTC"), nullptr);
  EXPECT_EQ(registry.Find("UTC")->OffsetAt(0), 0);
  EXPECT_EQ(registry.Find("Europe/Berlin"), nullptr);
}

TEST(TimeZoneTest, RejectsBadTZifData) {
  for (std::string data : {std::string(), std::string("TZif2"), std::string(60, 'x'),
                           std::string("TZif2") + std::string(39, '\0')}) {
    EXPECT_FALSE(TimeZone::FromTZif("Bad/Zone", data).ok()) << data.size();
  }
}

// A hand-made version-2 file: no transitions, footer "<+0330>-3:30": a fixed +03:30.
TEST(TimeZoneTest, ParsesFooterOnlyFile) {
  std::string header = "TZif2" + std::string(15, '\0');
  auto counts = [](uint32_t typecnt, uint32_t charcnt) {
    std::string bytes(24, '\0');
    bytes[19] = static_cast<char>(typecnt);
    bytes[23] = static_cast<char>(charcnt);
    return bytes;
  };
  std::string type = std::string("\0\0\x31\x38", 4) + std::string("\0\0", 2);  // +12600 s.
  std::string block = header + counts(1, 1) + type + std::string(1, '\0');
  std::string data = block + block + "\n<+0330>-3:30\n";
  Result<std::unique_ptr<TimeZone>> zone = TimeZone::FromTZif("Test/Fixed", data);
  ASSERT_TRUE(zone.ok()) << zone.status().ToString();
  EXPECT_EQ((*zone)->OffsetAt(0), 12600);
  EXPECT_EQ((*zone)->OffsetAt(Seconds("2500-01-01 00:00:00")), 12600);
}

}  // namespace
}  // namespace larder
