#include "analytics/json_syntax_check.h"

#include <gtest/gtest.h>

namespace larder::analytics {
namespace {

TEST(JsonSyntaxCheckTest, AcceptsValidJson) {
  for (std::string_view text :
       {"{}", "[]", " {\"a\":[1,-2.5e3,true,false,null,\"x\\u00e9\\n\"],\"b\":{}} ", "0", "\"s\"",
        "[[[]]]", "18446744073709551615", "-9223372036854775808"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(FindJsonSyntaxError(text), std::nullopt);
  }
}

TEST(JsonSyntaxCheckTest, NamesTheOffendingByte) {
  struct Case {
    std::string text;
    size_t offset;
    std::string what_part;
  };
  std::vector<Case> cases = {
      {"{\"a\":1,}", 7, "quoted object key"},
      {"{\"a\" 1}", 5, "':'"},
      {"[1 2]", 3, "',' or ']'"},
      {"{\"a\":1 \"b\":2}", 7, "',' or '}'"},
      {"{\"a\":tru}", 8, "JSON value"},
      {"{\"a\":\"x", 5, "not closed"},
      {"[\"a\tb\"]", 3, "control character"},
      {"[\"\\q\"]", 2, "escape"},
      {"[01]", 2, "',' or ']'"},
      {"[1.]", 3, "decimal point"},
      {"{} x", 3, "after the JSON value"},
      {"", 0, "ends"},
      {"[", 1, "ends"},
      {"[123456789012345678901234567890]", 1, "64-bit"},
      {"[-9223372036854775809]", 1, "64-bit"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    std::optional<JsonSyntaxError> error = FindJsonSyntaxError(c.text);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->offset, c.offset);
    EXPECT_NE(error->what.find(c.what_part), std::string::npos) << error->what;
  }
}

TEST(JsonSyntaxCheckTest, HandlesDeepNestingWithoutRecursion) {
  std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  EXPECT_EQ(FindJsonSyntaxError(deep), std::nullopt);
  std::string objects;
  for (int i = 0; i < 200000; ++i) objects += "{\"a\":";
  objects += "1";
  std::optional<JsonSyntaxError> error = FindJsonSyntaxError(objects);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->offset, objects.size());
}

TEST(JsonSyntaxCheckTest, FindsInvalidUtf8) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii é 😀"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("ab\xff"), 2u);
  EXPECT_EQ(FindInvalidUtf8("a\xc3"), 1u);               // Cut short.
  EXPECT_EQ(FindInvalidUtf8("a\xc0\xaf"), 1u);           // Overlong.
  EXPECT_EQ(FindInvalidUtf8("\xed\xa0\x80"), 0u);        // A surrogate.
  EXPECT_EQ(FindInvalidUtf8("xy\xf4\x90\x80\x80"), 2u);  // Past U+10FFFF.
}

}  // namespace
}  // namespace larder::analytics
