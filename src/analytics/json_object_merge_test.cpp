#include "analytics/json_object_merge.h"

#include <gtest/gtest.h>

#include <vector>

namespace larder::analytics {
namespace {

JsonObject Read(std::string_view text) {
  JsonObjectReader reader;
  Result<JsonObject> object = reader.Read(text);
  EXPECT_TRUE(object.ok()) << text << ": " << object.status().ToString();
  return object.ok() ? *object : JsonObject();
}

TEST(JsonObjectReaderTest, ReadsObjectsToMinifiedSortedText) {
  struct Case {
    std::string_view input;
    std::string_view serialized;
  };
  const std::vector<Case> cases = {
      {"{}", "{}"},
      {" { } ", "{}"},
      {R"({"b":1,"a":"x"})", R"({"a":"x","b":1})"},
      {R"({"a":1,"a":2})", R"({"a":2})"},  // The last of a repeated key wins.
      {"{\"n\" : [ 1 ,\n {\"m\" : null} ] , \"t\" : true }", R"({"n":[1,{"m":null}],"t":true})"},
      {R"({"x":1.250,"y":-1e-7,"z":18446744073709551616})",
       R"({"x":1.250,"y":-1e-7,"z":18446744073709551616})"},
      {R"({"\u0041\"":"\u00e9\n"})", R"({"A\"":"\u00e9\n"})"},  // Keys unescaped; values kept.
      {R"({"ключ":"значение 😀"})", R"({"ключ":"значение 😀"})"},
      {R"({"s":"a b  c"})", R"({"s":"a b  c"})"},  // Spaces inside strings are kept.
  };
  for (const Case& test : cases) {
    EXPECT_EQ(Read(test.input).Serialize(), test.serialized) << test.input;
  }
}

TEST(JsonObjectReaderTest, RejectsAnythingButOneValidObject) {
  const std::vector<std::string_view> inputs = {"",
                                                "[]",
                                                "1",
                                                R"("s")",
                                                "{",
                                                R"({"a":1)",
                                                R"({"a":1} {})",
                                                R"({"a":tru})",
                                                R"({"a":[1,,2]})",
                                                R"({"a":{"b"}})",
                                                R"({"a":01})",
                                                R"({a:1})",
                                                "{\"a\":\"\x01\"}"};
  JsonObjectReader reader;
  for (std::string_view input : inputs) {
    Result<JsonObject> object = reader.Read(input);
    EXPECT_FALSE(object.ok()) << input;
    if (!object.ok()) {
      EXPECT_EQ(object.status().code(), StatusCode::kInvalidArgument) << input;
    }
  }
  // The reader is still usable after errors.
  EXPECT_EQ(Read(R"({"ok":1})").Serialize(), R"({"ok":1})");
}

TEST(JsonObjectTest, SetSetOnceAndUnsetReportChanges) {
  JsonObject object = Read(R"({"a":1,"b":{"c":2}})");
  EXPECT_FALSE(object.Set(Read(R"({"a":1})")));
  EXPECT_TRUE(object.Set(Read(R"({"a":2})")));
  EXPECT_TRUE(object.Set(Read(R"({"d":[]})")));
  EXPECT_FALSE(object.SetOnce(Read(R"({"a":3,"b":null})")));
  EXPECT_TRUE(object.SetOnce(Read(R"({"a":3,"e":"x"})")));
  EXPECT_EQ(object.Serialize(), R"({"a":2,"b":{"c":2},"d":[],"e":"x"})");
  std::vector<std::string> keys = {"b", "missing"};
  EXPECT_TRUE(object.Unset(keys));
  EXPECT_FALSE(object.Unset(keys));
  EXPECT_EQ(object.Serialize(), R"({"a":2,"d":[],"e":"x"})");
  ASSERT_NE(object.Find("e"), nullptr);
  EXPECT_EQ(*object.Find("e"), R"("x")");
  EXPECT_EQ(object.Find("b"), nullptr);
  EXPECT_EQ(object.size(), 3u);
}

}  // namespace
}  // namespace larder::analytics
