#include "common/byte_source.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <fstream>

namespace larder {
namespace {

TEST(ByteSourceTest, ReadsRangesOfALocalFileAndRefusesReadsPastTheEnd) {
  char pattern[] = "/tmp/larder-bytes-XXXXXX";
  int fd = mkstemp(pattern);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(pattern) << "0123456789";
  auto source = OpenLocalByteSource(pattern);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  EXPECT_EQ(*(*source)->Size(), 10u);
  std::string out = "previous";
  ASSERT_TRUE((*source)->ReadAt(3, 4, &out).ok());
  EXPECT_EQ(out, "3456");
  ASSERT_TRUE((*source)->ReadAt(10, 0, &out).ok());
  EXPECT_EQ(out, "");
  Status past = (*source)->ReadAt(8, 3, &out);
  EXPECT_EQ(past.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(past.message().find(pattern), std::string::npos);
  unlink(pattern);
  EXPECT_EQ(OpenLocalByteSource(pattern).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(OpenLocalByteSource("/tmp").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace larder
