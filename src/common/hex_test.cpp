#include "common/hex.h"

#include <gtest/gtest.h>

namespace larder {
namespace {

TEST(HexTest, RoundTripsEveryByteAndRefusesBadText) {
  std::string bytes;
  for (int byte = 0; byte < 256; ++byte) bytes.push_back(static_cast<char>(byte));
  std::string hex = HexEncode(bytes);
  EXPECT_EQ(hex.substr(0, 6), "000102");
  EXPECT_EQ(hex.substr(hex.size() - 4), "feff");
  EXPECT_EQ(*HexDecode(hex, "test"), bytes);
  EXPECT_EQ(HexEncode(""), "");
  EXPECT_EQ(HexDecode("abc", "cursor").status().code(), StatusCode::kCorruption);
  EXPECT_NE(HexDecode("zz", "cursor").status().message().find("cursor"), std::string::npos);
  EXPECT_EQ(HexDecode("AB", "upper").status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace larder
