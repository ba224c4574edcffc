#include "analytics/capture_timestamp.h"

#include <gtest/gtest.h>

namespace larder::analytics {
namespace {

constexpr int64_t kSecond = 1000000;
// 2024-05-01T12:00:00Z.
constexpr int64_t kNow = 1714564800 * kSecond;

TEST(CaptureTimestampTest, ParsesClientTimeText) {
  struct Case {
    std::string_view text;
    std::optional<int64_t> micros;
  };
  std::vector<Case> cases = {
      {"2024-05-01T12:00:00Z", kNow},
      {"2024-05-01T12:00:00.250Z", kNow + 250000},
      {"2024-05-01T12:00:00.123456789Z", kNow + 123456},
      {"2024-05-01T14:00:00+02:00", kNow},
      {"2024-05-01T07:30:00-0430", kNow},
      {"2024-05-01T15:00:00+03", kNow},
      {"2024-05-01T12:00:00", kNow},
      {"2024-05-01 12:00:00.5", kNow + 500000},
      {"2024-05-01", kNow - 12 * 3600 * kSecond},
      {"1714564800000", kNow},
      {"1714564800", kNow},
      {"1714564800.5", kNow + 500000},
      {" 2024-05-01T12:00:00Z ", kNow},
      {"yesterday", std::nullopt},
      {"2024-13-01T00:00:00Z", std::nullopt},
      {"2024-05-01T12:00:00+25:00", std::nullopt},
      {"", std::nullopt},
      {"12:00", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseCaptureTime(c.text), c.micros);
  }
}

TEST(CaptureTimestampTest, ResolvesEventTimeAsPostHog) {
  struct Case {
    std::string name;
    EventTimeInputs inputs;
    int64_t expected;
  };
  const int64_t hour = 3600 * kSecond;
  std::vector<Case> cases = {
      {"nothing: now", {}, kNow},
      {"timestamp alone", {kNow - hour, std::nullopt, std::nullopt, false}, kNow - hour},
      // The client's clock is 10 s ahead: its timestamp moves 10 s back.
      {"client clock ahead",
       {kNow - hour, std::nullopt, kNow + 10 * kSecond, false},
       kNow - hour - 10 * kSecond},
      {"client clock behind",
       {kNow - hour, std::nullopt, kNow - 10 * kSecond, false},
       kNow - hour + 10 * kSecond},
      {"$ignore_sent_at", {kNow - hour, std::nullopt, kNow + 10 * kSecond, true}, kNow - hour},
      {"sent_at without timestamp", {std::nullopt, std::nullopt, kNow + 5 * kSecond, false}, kNow},
      {"offset", {std::nullopt, 1500, std::nullopt, false}, kNow - 1500000},
      {"offset wins over timestamp", {kNow - hour, 2000, kNow, false}, kNow - 2000000},
      {"22 hours ahead is kept",
       {kNow + 22 * hour, std::nullopt, std::nullopt, false},
       kNow + 22 * hour},
      {"24 hours ahead becomes now", {kNow + 24 * hour, std::nullopt, std::nullopt, false}, kNow},
      {"before year 0 becomes the epoch", {INT64_MIN / 2, std::nullopt, std::nullopt, false}, 0},
      {"huge offset becomes the epoch", {std::nullopt, INT64_MAX, std::nullopt, false}, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(ResolveEventTime(c.inputs, kNow), c.expected);
  }
}

}  // namespace
}  // namespace larder::analytics
