#include "sources/object_storage/glob.h"

#include <gtest/gtest.h>

namespace larder::sources {
namespace {

struct MatchCase {
  std::string pattern;
  std::string text;
  bool matches;
};

TEST(GlobTest, MatchesKeysAndPaths) {
  const MatchCase cases[] = {
      {"data/*.csv", "data/a.csv", true},
      {"data/*.csv", "data/.csv", true},
      {"data/*.csv", "data/sub/a.csv", false},  // '*' stays within a segment.
      {"data/*.csv", "data/a.csv.gz", false},
      {"data/*.csv", "other/a.csv", false},
      {"data/**/*.csv", "data/a.csv", true},  // "**/" also matches no folder at all.
      {"data/**/*.csv", "data/x/a.csv", true},
      {"data/**/*.csv", "data/x/y/z/a.csv", true},
      {"data/**/*.csv", "data/x/y/z/a.json", false},
      {"data/**/*.csv", "dataa.csv", false},
      {"data/**", "data/x/y", true},
      {"data/**", "data", false},
      {"**/*.parquet", "a.parquet", true},
      {"**/*.parquet", "a/b/c.parquet", true},
      {"**.parquet", "a/b/c.parquet", true},
      {"logs/2024-??.csv", "logs/2024-01.csv", true},
      {"logs/2024-??.csv", "logs/2024-1.csv", false},
      {"logs/?", "logs//", false},  // '?' never matches '/'.
      {"part-[0-9].csv", "part-7.csv", true},
      {"part-[0-9].csv", "part-x.csv", false},
      {"part-[!0-9].csv", "part-x.csv", true},
      {"part-[^0-9].csv", "part-7.csv", false},
      {"part-[abc].csv", "part-b.csv", true},
      {"part-[]x].csv", "part-].csv", true},
      {"{2024,2025}/*.csv", "2025/jan.csv", true},
      {"{2024,2025}/*.csv", "2026/jan.csv", false},
      {"x.{csv,tsv{,.gz}}", "x.tsv.gz", true},
      {"x.{csv,tsv{,.gz}}", "x.tsv", true},
      {"x.{csv,tsv{,.gz}}", "x.csv.gz", false},
      {"{a*,b?}", "alpha", true},
      {"{a*,b?}", "bx", true},
      {"{a*,b?}", "bxy", false},
      {"literal\\*.csv", "literal*.csv", true},
      {"literal\\*.csv", "literalx.csv", false},
      {"exact/key.csv", "exact/key.csv", true},
      {"exact/key.csv", "exact/key.csvx", false},
      {"*", "", true},
      {"", "", true},
      {"", "x", false},
      {"*a*a*a*a*a*a*a*b", std::string(200, 'a'), false},  // No exponential backtracking.
  };
  for (const MatchCase& test : cases) {
    Result<Glob> glob = Glob::Compile(test.pattern);
    ASSERT_TRUE(glob.ok()) << test.pattern << ": " << glob.status().ToString();
    EXPECT_EQ(glob->Matches(test.text), test.matches) << test.pattern << " vs " << test.text;
  }
}

TEST(GlobTest, LiteralPrefixIsWhereListingStarts) {
  struct Case {
    std::string pattern;
    std::string prefix;
    bool literal;
    int max_slashes;
  };
  const Case cases[] = {
      {"data/2024-*.csv", "data/2024-", false, 1},
      {"data/**/*.csv", "data/", false, -1},
      {"data/x.csv", "data/x.csv", true, 1},
      {"data/{2024,2025}/x.csv", "data/202", false, 2},
      {"data/{a,b/c}/x.csv", "data/", false, 3},
      {"*.csv", "", false, 0},
      {"a\\*b/*", "a*b/", false, 1},
  };
  for (const Case& test : cases) {
    Result<Glob> glob = Glob::Compile(test.pattern);
    ASSERT_TRUE(glob.ok()) << test.pattern;
    EXPECT_EQ(glob->literal_prefix(), test.prefix) << test.pattern;
    EXPECT_EQ(glob->is_literal(), test.literal) << test.pattern;
    EXPECT_EQ(glob->max_slashes(), test.max_slashes) << test.pattern;
  }
}

TEST(GlobTest, MalformedPatternsAreRefusedWithThePattern) {
  for (std::string pattern : {"data/[abc.csv", "data/{a,b.csv", "x[]", "x[z-a]"}) {
    Result<Glob> glob = Glob::Compile(pattern);
    ASSERT_FALSE(glob.ok()) << pattern;
    EXPECT_EQ(glob.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(glob.status().message().find(pattern), std::string::npos) << glob.status().message();
  }
  std::string explosive;
  for (int idx = 0; idx < 11; ++idx) explosive += "{a,b}";
  EXPECT_EQ(Glob::Compile(explosive).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace larder::sources
