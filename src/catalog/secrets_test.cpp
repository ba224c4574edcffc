#include "catalog/secrets.h"

#include <gtest/gtest.h>

#include <set>

namespace larder::catalog {
namespace {

TEST(SecretsTest, RandomTokenHasPrefixLengthAndUrlSafeCharacters) {
  std::set<std::string> tokens;
  std::set<char> seen_chars;
  for (int token_idx = 0; token_idx < 200; ++token_idx) {
    Result<std::string> token = RandomToken("phx_", 47);
    ASSERT_TRUE(token.ok()) << token.status().ToString();
    EXPECT_TRUE(HasTokenFormat(*token, "phx_", 47)) << *token;
    tokens.insert(*token);
    seen_chars.insert(token->begin() + 4, token->end());
  }
  EXPECT_EQ(tokens.size(), 200u);
  // 200 * 47 draws from 64 symbols: every symbol shows up unless the generator is broken.
  EXPECT_EQ(seen_chars.size(), 64u);
}

TEST(SecretsTest, HasTokenFormat) {
  struct Case {
    std::string token;
    bool expected;
  };
  const Case cases[] = {
      {"phc_abc", true},  {"phc_a-_", true},  {"phc_ab", false},  {"phc_abcd", false},
      {"phx_abc", false}, {"phc_a c", false}, {"phc_a.c", false}, {"phc_a/c", false},
      {"phc_a+c", false}, {"", false},        {"abc", false},
  };
  for (const Case& c : cases) EXPECT_EQ(HasTokenFormat(c.token, "phc_", 3), c.expected) << c.token;
}

TEST(SecretsTest, Sha256HexMatchesKnownDigests) {
  struct Case {
    std::string input;
    std::string hex;
  };
  const Case cases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
  };
  for (const Case& c : cases) {
    Result<std::string> hex = Sha256Hex(c.input);
    ASSERT_TRUE(hex.ok());
    EXPECT_EQ(*hex, c.hex) << c.input;
  }
}

}  // namespace
}  // namespace larder::catalog
