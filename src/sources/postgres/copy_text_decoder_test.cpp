#include "sources/postgres/copy_text_decoder.h"

#include <gtest/gtest.h>

namespace larder::sources {
namespace {

struct DecodeCase {
  std::string line;
  std::vector<std::optional<std::string>> fields;  // nullopt: NULL.
};

TEST(CopyTextDecoderTest, DecodesFieldsEscapesAndNulls) {
  const std::vector<DecodeCase> cases = {
      {"1\tabc\n", {"1", "abc"}},
      {"\\N\tx", {std::nullopt, "x"}},
      {"\t", {"", ""}},
      {"a\\tb\\nc\\\\d", {"a\tb\nc\\d"}},
      {"\\b\\f\\r\\v", {"\b\f\r\v"}},
      {"\\101\\7\\x41\\x4a!",
       {std::string("A\x07"
                    "AJ!")}},
      {"\\\\N", {"\\N"}},
      {"\\N\\N", {"NN"}},  // Only a lone \N is NULL.
      {"\\q\\x", {"qx"}},
      {"caf\xc3\xa9", {"caf\xc3\xa9"}},
      {"\\\\x00ff", {"\\x00ff"}},  // bytea as COPY writes it.
  };
  CopyTextDecoder decoder;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.line);
    ASSERT_TRUE(decoder.Decode(c.line, c.fields.size()).ok());
    ASSERT_EQ(decoder.size(), c.fields.size());
    for (size_t i = 0; i < c.fields.size(); ++i) {
      if (!c.fields[i]) {
        EXPECT_TRUE(decoder.IsNull(i));
      } else {
        EXPECT_FALSE(decoder.IsNull(i));
        EXPECT_EQ(decoder.Field(i), *c.fields[i]);
      }
    }
  }
}

TEST(CopyTextDecoderTest, RejectsWrongFieldCountAndDanglingBackslash) {
  CopyTextDecoder decoder;
  EXPECT_EQ(decoder.Decode("a\tb", 3).code(), StatusCode::kCorruption);
  EXPECT_EQ(decoder.Decode("a\\", 1).code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace larder::sources
