#include "analytics/recent_uuids.h"

#include <gtest/gtest.h>

#include <set>

namespace larder::analytics {
namespace {

TEST(RecentUuidsTest, RemembersTheLastCapacityUuids) {
  RecentUuids recent(1000);
  for (uint64_t i = 0; i < 5000; ++i) recent.Insert(Uuid128{i, ~i});
  EXPECT_EQ(recent.size(), 1000u);
  for (uint64_t i = 0; i < 4000; ++i) EXPECT_FALSE(recent.Contains(Uuid128{i, ~i})) << i;
  for (uint64_t i = 4000; i < 5000; ++i) EXPECT_TRUE(recent.Contains(Uuid128{i, ~i})) << i;
}

TEST(RecentUuidsTest, ReinsertingDoesNotDuplicateOrEvict) {
  RecentUuids recent(3);
  recent.Insert(Uuid128{1, 1});
  recent.Insert(Uuid128{2, 2});
  recent.Insert(Uuid128{1, 1});
  EXPECT_EQ(recent.size(), 2u);
  recent.Insert(Uuid128{3, 3});
  recent.Insert(Uuid128{4, 4});  // Evicts {1,1}, the oldest.
  EXPECT_FALSE(recent.Contains(Uuid128{1, 1}));
  EXPECT_TRUE(recent.Contains(Uuid128{2, 2}));
  EXPECT_TRUE(recent.Contains(Uuid128{4, 4}));
}

TEST(RecentUuidsTest, CollidingUuidsStayFindableAfterEvictions) {
  // Uuids that differ in bits the hash mixes little still land all over; stress the
  // backward-shift deletion with a small table and many evictions.
  RecentUuids recent(64);
  std::vector<Uuid128> inserted;
  for (uint64_t i = 0; i < 10000; ++i) {
    Uuid128 uuid{i << 40, i & 7};
    recent.Insert(uuid);
    inserted.push_back(uuid);
    if (i % 97 == 0) {
      for (size_t back = 0; back < std::min<size_t>(64, inserted.size()); ++back) {
        ASSERT_TRUE(recent.Contains(inserted[inserted.size() - 1 - back])) << i << " " << back;
      }
    }
  }
}

}  // namespace
}  // namespace larder::analytics
