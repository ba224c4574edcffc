#include "common/secret_box.h"

#include <gtest/gtest.h>

namespace larder {
namespace {

TEST(SecretBoxTest, SealedSecretsOpenWithTheSameKeyOnly) {
  auto key = SecretBox::NewKey();
  ASSERT_TRUE(key.ok());
  SecretBox box(*key);
  for (std::string plaintext : {std::string(), std::string("p@ss wörd"), std::string(5000, 'x')}) {
    auto sealed = box.Seal(plaintext);
    ASSERT_TRUE(sealed.ok());
    EXPECT_EQ(sealed->find(plaintext.empty() ? "\x01\x02\x03" : plaintext), std::string::npos);
    auto opened = box.Open(*sealed);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    EXPECT_EQ(*opened, plaintext);
  }
  // Fresh nonces: the same text seals differently.
  EXPECT_NE(*box.Seal("same"), *box.Seal("same"));
  auto other = SecretBox::NewKey();
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(SecretBox(*other).Open(*box.Seal("secret")).status().code(), StatusCode::kCorruption);
}

TEST(SecretBoxTest, ChangedOrCutBytesAreRefused) {
  SecretBox box(*SecretBox::NewKey());
  std::string sealed = *box.Seal("host=db password=hunter2");
  for (size_t position = 0; position < sealed.size(); ++position) {
    std::string changed = sealed;
    changed[position] = static_cast<char>(changed[position] ^ 0x01);
    EXPECT_EQ(box.Open(changed).status().code(), StatusCode::kCorruption) << position;
  }
  EXPECT_EQ(box.Open(sealed.substr(0, sealed.size() - 1)).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(box.Open("").status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace larder
