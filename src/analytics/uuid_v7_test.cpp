#include "analytics/uuid_v7.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace larder::analytics {
namespace {

TEST(UuidV7Test, CarriesTheTimeVersionAndVariant) {
  const int64_t millis = 1714564800123;
  Uuid128 uuid = NewUuidV7(millis);
  EXPECT_EQ(static_cast<int64_t>(uuid.high >> 16), millis);
  EXPECT_EQ((uuid.high >> 12) & 0xF, 7u);
  EXPECT_EQ(uuid.low >> 62, 2u);
  EXPECT_EQ(NewUuidV7(-5).high >> 16, 0u);
}

TEST(UuidV7Test, SortsByTimeAndDoesNotRepeat) {
  std::set<Uuid128> seen;
  Uuid128 previous_ms_max{};
  for (int64_t ms = 1000; ms < 1100; ++ms) {
    Uuid128 low_of_ms{~uint64_t{0}, ~uint64_t{0}};
    for (int i = 0; i < 100; ++i) {
      Uuid128 uuid = NewUuidV7(ms);
      EXPECT_TRUE(seen.insert(uuid).second);
      EXPECT_GT(uuid, previous_ms_max);
      low_of_ms = std::min(low_of_ms, uuid);
    }
    previous_ms_max = *seen.rbegin();
  }
}

TEST(UuidV7Test, ThreadsDrawDifferentBits) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 5000;
  std::vector<std::vector<Uuid128>> made(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&made, t] {
      for (int i = 0; i < kPerThread; ++i) made[t].push_back(NewUuidV7(42));
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<Uuid128> all;
  for (const auto& list : made) all.insert(list.begin(), list.end());
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace larder::analytics
