#include "formats/ndjson_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace larder::formats {
namespace {

// A field as "key=kind:text".
std::string Show(const JsonField& field) {
  static constexpr const char* kKinds[] = {"null", "bool", "int", "float", "string", "nested"};
  return std::string(field.key) + "=" + kKinds[static_cast<int>(field.kind)] + ":" +
         std::string(field.text);
}

struct ReadAll {
  std::vector<std::vector<std::string>> records;
  std::vector<uint64_t> lines;
  Status status;
};

ReadAll Read(std::string_view data) {
  ReadAll out;
  NdjsonReader reader("in.jsonl", data, 0, data.size(), 1);
  std::vector<JsonField> fields;
  while (reader.Next(&fields)) {
    std::vector<std::string> record;
    for (const JsonField& field : fields) record.push_back(Show(field));
    out.records.push_back(record);
    out.lines.push_back(reader.record_line());
  }
  out.status = reader.status();
  return out;
}

TEST(NdjsonReader, ReadsOneObjectPerLine) {
  struct Case {
    std::string name;
    std::string input;
    std::vector<std::vector<std::string>> records;
    std::vector<uint64_t> lines;
  };
  std::vector<Case> cases = {
      {"scalars",
       R"({"i": 42, "f": 1.5, "b": true, "n": null, "s": "hi"})"
       "\n",
       {{"i=int:42", "f=float:1.5", "b=bool:true", "n=null:null", "s=string:hi"}},
       {1}},
      {"nested values keep their JSON text",
       R"({"o": {"a": [1, 2]}, "a": [ {"x": null} ]})",
       {{R"(o=nested:{"a": [1, 2]})", R"(a=nested:[ {"x": null} ])"}},
       {1}},
      {"escapes are undone in strings and keys",
       R"({"k\"ey": "a\"b\\c\u00e9\n"})",
       {{"k\"ey=string:a\"b\\cé\n"}},
       {1}},
      {"blank and whitespace lines are skipped",
       "\n{\"a\":1}\n   \n\t\r\n{\"a\":2}\r\n\n",
       {{"a=int:1"}, {"a=int:2"}},
       {2, 5}},
      {"negative and exponent numbers",
       R"({"a":-7,"b":1e3,"c":-0.25})",
       {{"a=int:-7", "b=float:1e3", "c=float:-0.25"}},
       {1}},
      {"integers past int64 are floats",
       R"({"u":18446744073709551615,"big":-9223372036854775808})",
       {{"u=float:18446744073709551615", "big=int:-9223372036854775808"}},
       {1}},
      {"empty object", "{}\n", {{}}, {1}},
      {"surrounding spaces", "  {\"a\" : \"b\" }  \n", {{"a=string:b"}}, {1}},
  };
  for (const Case& test : cases) {
    ReadAll out = Read(test.input);
    EXPECT_TRUE(out.status.ok()) << test.name << ": " << out.status.ToString();
    EXPECT_EQ(out.records, test.records) << test.name;
    EXPECT_EQ(out.lines, test.lines) << test.name;
  }
}

TEST(NdjsonReader, KeepsNumberValues) {
  std::string data = R"({"i":-12,"f":2.5,"b":false})";
  NdjsonReader reader("in.jsonl", data, 0, data.size(), 1);
  std::vector<JsonField> fields;
  ASSERT_TRUE(reader.Next(&fields));
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0].int_value, -12);
  EXPECT_EQ(fields[0].float_value, -12.0);
  EXPECT_EQ(fields[1].float_value, 2.5);
  EXPECT_FALSE(fields[2].bool_value);
  EXPECT_EQ(fields[2].kind, JsonValueKind::kBool);
}

TEST(NdjsonReader, ReportsBadLinesWithFileAndLine) {
  struct Case {
    std::string input;
    std::string error;
  };
  std::vector<Case> cases = {
      {"{\"a\":1}\n[1,2]\n", "in.jsonl:2: expected a JSON object, found an array"},
      {"{\"a\":1}\n\n42\n", "in.jsonl:3: expected a JSON object"},
      {"\"text\"\n", "in.jsonl:1: expected a JSON object"},
      {"{\"a\":1} {\"b\":2}\n", "in.jsonl:1: unexpected text after the JSON object"},
      {"{\"a\":1}\n{\"a\":}\n", "in.jsonl:2: invalid JSON"},
      {"{\"a\":1}\n{\"a\":1,}\n", "in.jsonl:2: invalid JSON"},
      {"{\"a\":\"unterminated}\n", "in.jsonl:1: invalid JSON"},
      {"{\"a\":tru}\n", "in.jsonl:1: invalid JSON"},
      {"{\"a\": 1}\n{\"a\": 2\n", "in.jsonl:2: invalid JSON"},
      {"{\"a\": {\"b\": 1}\n", "in.jsonl:1: invalid JSON"},
  };
  for (const Case& test : cases) {
    ReadAll out = Read(test.input);
    EXPECT_EQ(out.status.code(), StatusCode::kInvalidArgument) << test.input;
    EXPECT_NE(out.status.message().find(test.error), std::string::npos)
        << test.input << " -> " << out.status.ToString();
  }
}

// Lines near the end of the data are copied for simdjson's padding; lines in the middle are
// parsed in place. Both must read the same, whatever the line's length.
TEST(NdjsonReader, LinesNearTheEndReadLikeLinesInTheMiddle) {
  for (size_t length : {0, 1, 10, 31, 32, 33, 63, 64, 65, 200}) {
    std::string line = R"({"s":")" + std::string(length, 'x') + R"("})";
    std::string data = line + "\n" + line;  // The last line has no newline.
    ReadAll out = Read(data);
    ASSERT_TRUE(out.status.ok()) << out.status.ToString();
    ASSERT_EQ(out.records.size(), 2u);
    EXPECT_EQ(out.records[0], out.records[1]);
    EXPECT_EQ(out.records[0][0], "s=string:" + std::string(length, 'x'));
  }
}

TEST(NdjsonReader, ReadsOnlyLinesStartingInItsRange) {
  std::string data = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n";
  NdjsonReader reader("in.jsonl", data, 8, 9, 2);
  std::vector<JsonField> fields;
  ASSERT_TRUE(reader.Next(&fields));
  EXPECT_EQ(fields[0].int_value, 2);
  EXPECT_EQ(reader.record_line(), 2u);
  EXPECT_FALSE(reader.Next(&fields));
  EXPECT_TRUE(reader.status().ok());
  EXPECT_EQ(reader.position(), 16u);
  EXPECT_EQ(reader.position_line(), 3u);
}

}  // namespace
}  // namespace larder::formats
