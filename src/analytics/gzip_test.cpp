#include "analytics/gzip.h"

#include <gtest/gtest.h>

#include "analytics/capture_test_util.h"

namespace larder::analytics {
namespace {

using capture_testing::GzipForTest;

TEST(GzipTest, RecognisesTheMagicBytes) {
  EXPECT_TRUE(HasGzipMagic(GzipForTest("x")));
  EXPECT_FALSE(HasGzipMagic("{\"event\":1}"));
  EXPECT_FALSE(HasGzipMagic("\x1f"));
  EXPECT_FALSE(HasGzipMagic(""));
}

TEST(GzipTest, InflatesOneMemberAndConcatenatedMembers) {
  std::string text(100000, 'a');
  for (size_t i = 0; i < text.size(); i += 7) text[i] = static_cast<char>('a' + i % 26);
  Result<std::string> one = GunzipCapped(GzipForTest(text), 1 << 20);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(*one, text);

  Result<std::string> two = GunzipCapped(GzipForTest("hello ") + GzipForTest("world"), 100);
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(*two, "hello world");
}

TEST(GzipTest, InflatesUpToExactlyTheLimitAndRefusesOneByteMore) {
  std::string text(1024, 'A');
  Result<std::string> at_limit = GunzipCapped(GzipForTest(text), 1024);
  ASSERT_TRUE(at_limit.ok()) << at_limit.status().ToString();
  EXPECT_EQ(at_limit->size(), 1024u);

  Result<std::string> over = GunzipCapped(GzipForTest(text + "A"), 1024);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(over.status().message().find("1024 bytes"), std::string::npos);
}

TEST(GzipTest, StopsABombAtTheLimit) {
  std::string bomb = GzipForTest(std::string(25 << 20, '\0'));
  EXPECT_LT(bomb.size(), 64u << 10);
  Result<std::string> result = GunzipCapped(bomb, 20 << 20);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(result.status().message().find("20971520"), std::string::npos);
}

TEST(GzipTest, RefusesTruncatedAndCorruptStreams) {
  std::string valid = GzipForTest(std::string(5000, 'x') + "tail");
  struct Case {
    std::string name;
    std::string data;
    std::string message_part;
  };
  std::string corrupt = valid;
  corrupt[12] ^= 0x55;
  std::string bad_crc = valid;
  bad_crc[bad_crc.size() - 6] ^= 0x01;
  std::vector<Case> cases = {
      {"truncated in the middle", valid.substr(0, valid.size() / 2), "truncated"},
      {"trailer cut off", valid.substr(0, valid.size() - 4), "truncated"},
      {"only the magic", valid.substr(0, 2), "truncated"},
      {"empty", "", "truncated"},
      {"not gzip at all", "{\"event\":\"x\"}", "not valid gzip"},
      {"corrupt deflate data", corrupt, "not valid gzip"},
      {"wrong checksum", bad_crc, "not valid gzip"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<std::string> result = GunzipCapped(c.data, 1 << 20);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(result.status().message().find("the body is not valid gzip"), std::string::npos)
        << result.status().message();
    EXPECT_NE(result.status().message().find(c.message_part), std::string::npos)
        << result.status().message();
  }
}

TEST(GzipTest, IgnoresBytesAfterTheLastMember) {
  Result<std::string> result = GunzipCapped(GzipForTest("payload") + "\n\n", 100);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(*result, "payload");
}

}  // namespace
}  // namespace larder::analytics
