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

// A row as COPY ... TO STDOUT writes it: fields escaped, tab-separated, "\N" for NULL.
std::string EncodeRow(const std::vector<std::optional<std::string>>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += '\t';
    if (!fields[i]) {
      line += "\\N";
      continue;
    }
    for (char c : *fields[i]) {
      if (c == '\t') {
        line += "\\t";
      } else if (c == '\n') {
        line += "\\n";
      } else if (c == '\\') {
        line += "\\\\";
      } else {
        line += c;
      }
    }
  }
  return line + "\n";
}

// Rows of every length up to a few words, with tabs, escapes and NULLs at every byte offset, so
// each lands at every position of the eight-byte scan.
TEST(CopyTextDecoderTest, RoundTripsRowsWhateverWhereTabsAndEscapesFall) {
  const std::vector<std::string> pieces = {"",     "a",  "bc",  "12345678",
                                           "x\ty", "\\", "q\n", "caf\xc3\xa9"};
  CopyTextDecoder decoder;
  int rows = 0;
  for (size_t fields_count = 1; fields_count <= 5; ++fields_count) {
    for (size_t seed = 0; seed < 400; ++seed) {
      std::vector<std::optional<std::string>> fields;
      size_t state = seed * 2654435761u + fields_count;
      for (size_t i = 0; i < fields_count; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        if ((state >> 33) % 7 == 0) {
          fields.push_back(std::nullopt);
          continue;
        }
        std::string field;
        for (size_t piece = 0; piece < (state >> 40) % 4; ++piece) {
          field += pieces[(state >> (44 + 3 * piece)) % pieces.size()];
        }
        fields.push_back(field);
      }
      const std::string line = EncodeRow(fields);
      SCOPED_TRACE(line);
      ASSERT_TRUE(decoder.Decode(line, fields.size()).ok());
      for (size_t i = 0; i < fields.size(); ++i) {
        ASSERT_EQ(decoder.IsNull(i), !fields[i].has_value());
        if (fields[i]) {
          ASSERT_EQ(decoder.Field(i), *fields[i]);
        }
      }
      ++rows;
    }
  }
  EXPECT_EQ(rows, 2000);
}

TEST(CopyTextDecoderTest, RejectsWrongFieldCountAndDanglingBackslash) {
  CopyTextDecoder decoder;
  EXPECT_EQ(decoder.Decode("a\tb", 3).code(), StatusCode::kCorruption);
  EXPECT_EQ(decoder.Decode("a\\", 1).code(), StatusCode::kCorruption);
  EXPECT_EQ(decoder.Decode("0123456789\tabcdefgh\\", 2).code(), StatusCode::kCorruption);
  EXPECT_EQ(decoder.Decode("0123456\t89abcdef\t", 2).code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace larder::sources
