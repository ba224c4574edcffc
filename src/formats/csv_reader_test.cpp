#include "formats/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/text_chunks.h"

namespace larder::formats {
namespace {

// A field as tests write it: text, with a leading '\x01' for "quoted" and "<NULL>" for NULL.
std::string Show(const CsvField& field) {
  if (field.is_null()) return "<NULL>";
  return field.quoted ? "\x01" + std::string(field.text) : std::string(field.text);
}

std::string Q(std::string text) { return "\x01" + text; }  // A quoted field.

struct ReadAll {
  std::vector<std::vector<std::string>> records;
  std::vector<uint64_t> lines;
  Status status;
};

ReadAll Read(std::string_view data, CsvOptions options = {}) {
  ReadAll out;
  size_t bom = ByteOrderMarkLength(data);
  CsvReader reader("in.csv", data, bom, data.size(), 1, options);
  std::vector<CsvField> fields;
  while (reader.Next(&fields)) {
    std::vector<std::string> record;
    for (const CsvField& field : fields) record.push_back(Show(field));
    out.records.push_back(record);
    out.lines.push_back(reader.record_line());
  }
  out.status = reader.status();
  return out;
}

TEST(CsvReader, ReadsRfc4180) {
  struct Case {
    std::string name;
    std::string input;
    std::vector<std::vector<std::string>> records;
    std::vector<uint64_t> lines;
  };
  std::vector<Case> cases = {
      {"plain", "a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"no final newline", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"crlf", "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"crlf without final newline", "a,b\r\n1,2\r", {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"byte order mark", "\xEF\xBB\xBFid,x\n1,2\n", {{"id", "x"}, {"1", "2"}}, {1, 2}},
      {"quoted delimiter", "\"a,b\",c\n", {{Q("a,b"), "c"}}, {1}},
      {"doubled quotes", "\"say \"\"hi\"\"\",x\n", {{Q("say \"hi\""), "x"}}, {1}},
      {"only a doubled quote", "\"\"\"\"\n", {{Q("\"")}}, {1}},
      {"two escaped fields", "\"a\"\"b\",\"c\"\"d\"\n", {{Q("a\"b"), Q("c\"d")}}, {1}},
      {"embedded newline",
       "id,text\n1,\"two\nlines\"\n2,x\n",
       {{"id", "text"}, {"1", Q("two\nlines")}, {"2", "x"}},
       {1, 2, 4}},
      {"embedded crlf", "\"a\r\nb\",c\r\n", {{Q("a\r\nb"), "c"}}, {1}},
      {"empty unquoted is NULL, quoted empty is a string",
       "a,,\"\"\n",
       {{"a", "<NULL>", Q("")}},
       {1}},
      {"trailing delimiter adds a NULL field", "a,b,\n", {{"a", "b", "<NULL>"}}, {1}},
      {"blank lines are skipped", "a\n\n\r\nb\n\n", {{"a"}, {"b"}}, {1, 4}},
      {"quote inside an unquoted field is literal", "5'11\",x\n", {{"5'11\"", "x"}}, {1}},
      {"lone carriage return is data", "a\rb,c\n", {{"a\rb", "c"}}, {1}},
      {"spaces are kept", " a , b \n", {{" a ", " b "}}, {1}},
      {"quoted field at end of file", "a,\"b\"", {{"a", Q("b")}}, {1}},
      {"utf-8", "naïve,日本\n", {{"naïve", "日本"}}, {1}},
  };
  for (const Case& test : cases) {
    ReadAll out = Read(test.input);
    EXPECT_TRUE(out.status.ok()) << test.name << ": " << out.status.ToString();
    EXPECT_EQ(out.records, test.records) << test.name;
    EXPECT_EQ(out.lines, test.lines) << test.name;
  }
}

TEST(CsvReader, TabDelimiter) {
  CsvOptions options;
  options.delimiter = '\t';
  ReadAll out = Read("a\tb,c\t\"d\te\"\n", options);
  ASSERT_TRUE(out.status.ok());
  EXPECT_EQ(out.records, (std::vector<std::vector<std::string>>{{"a", "b,c", Q("d\te")}}));
}

TEST(CsvReader, ReportsMalformedRecordsWithFileAndLine) {
  struct Case {
    std::string input;
    std::string error;
  };
  std::vector<Case> cases = {
      {"a,b\n1,\"open\n2,3\n", "in.csv:2: field 2 starts with a quote that is never closed"},
      {"a,b\n\"x\"y,2\n", "in.csv:2: field 1: unexpected text after the closing quote"},
      {"a\n\"x\n\ny\" z\n", "in.csv:4: field 1: unexpected text after the closing quote"},
  };
  for (const Case& test : cases) {
    ReadAll out = Read(test.input);
    EXPECT_EQ(out.status.code(), StatusCode::kInvalidArgument) << test.input;
    EXPECT_NE(out.status.message().find(test.error), std::string::npos)
        << test.input << " -> " << out.status.ToString();
  }
}

TEST(CsvReader, ReadsOnlyRecordsStartingInItsRangeButFinishesTheLast) {
  std::string data = "1,\"a\nb\"\n2,c\n3,d\n";
  // A range ending inside record 1 still yields all of record 1 and stops there.
  CsvReader reader("in.csv", data, 0, 3, 1, {});
  std::vector<CsvField> fields;
  ASSERT_TRUE(reader.Next(&fields));
  EXPECT_EQ(fields[1].text, "a\nb");
  EXPECT_FALSE(reader.Next(&fields));
  EXPECT_TRUE(reader.status().ok());
  EXPECT_EQ(reader.position(), 8u);
  EXPECT_EQ(reader.position_line(), 3u);
  // The next range starts there, on line 3.
  CsvReader rest("in.csv", data, 8, data.size(), 3, {});
  ASSERT_TRUE(rest.Next(&fields));
  EXPECT_EQ(fields[0].text, "2");
  EXPECT_EQ(rest.record_line(), 3u);
}

// Splitting at quote parity, then reading every chunk, gives the records of one serial read.
TEST(CsvReader, ChunksSplitAtQuoteParityReadLikeTheWholeFile) {
  std::string data = "id,text\n";
  for (int row = 0; row < 2000; ++row) {
    data += std::to_string(row) + ",";
    if (row % 7 == 0) {
      data += "\"multi\nline, \"\"quoted\"\"\n" + std::to_string(row) + "\"";
    } else if (row % 5 == 0) {
      data += "\"\"";
    } else {
      data += "plain" + std::to_string(row);
    }
    data += row % 3 == 0 ? "\r\n" : "\n";
  }
  ReadAll whole = Read(data);
  ASSERT_TRUE(whole.status.ok());
  ThreadPool pool(2);
  for (size_t target : {64, 100, 333, 1000, 4096, 100000}) {
    SCOPED_TRACE(target);
    std::vector<TextChunk> chunks = SplitIntoChunks(data, 0, 1, target, true, &pool);
    ASSERT_FALSE(chunks.empty());
    EXPECT_EQ(chunks.back().end, data.size());
    std::vector<std::vector<std::string>> records;
    std::vector<uint64_t> lines;
    size_t previous_end = 0;
    for (const TextChunk& chunk : chunks) {
      EXPECT_LE(previous_end, chunk.begin);
      CsvReader reader("in.csv", data, chunk.begin, chunk.end, chunk.first_line, {});
      std::vector<CsvField> fields;
      while (reader.Next(&fields)) {
        std::vector<std::string> record;
        for (const CsvField& field : fields) record.push_back(Show(field));
        records.push_back(record);
        lines.push_back(reader.record_line());
      }
      ASSERT_TRUE(reader.status().ok()) << reader.status().ToString();
      previous_end = reader.position();
    }
    EXPECT_EQ(records, whole.records);
    EXPECT_EQ(lines, whole.lines);
  }
}

// A quote inside an unquoted field (5'11") flips the parity for the rest of the file, so the
// split lands inside quoted fields; a reader of the previous chunk notices, because its last
// record runs past the split. (ImportPipeline then re-splits at records.)
TEST(CsvReader, StrayQuotesFoolTheParitySplitDetectably) {
  std::string data = "id,height,text\n1,5'11\",x\n";
  for (int row = 2; row < 200; ++row) data += std::to_string(row) + ",6,\"two\nlines\"\n";
  std::vector<TextChunk> chunks = SplitIntoChunks(data, 0, 1, 50, true, nullptr);
  ASSERT_GT(chunks.size(), 2u);
  // Chunk 0 starts at a record; each next one does as long as nothing was noticed.
  bool noticed = false;
  for (size_t i = 0; i + 1 < chunks.size() && !noticed; ++i) {
    CsvReader reader("in.csv", data, chunks[i].begin, chunks[i].end, chunks[i].first_line, {});
    std::vector<CsvField> fields;
    while (reader.Next(&fields)) {
    }
    ASSERT_TRUE(reader.status().ok()) << reader.status().ToString();
    noticed = reader.position() > chunks[i + 1].begin;
  }
  EXPECT_TRUE(noticed);
}

TEST(CountByte, MatchesACountByHand) {
  std::string data;
  for (int i = 0; i < 5000; ++i) data.push_back(static_cast<char>((i * 7919) % 251));
  data += std::string(3000, '\n');  // More than 255 words of matches in a row.
  for (char byte : {'\n', '"', '\0', static_cast<char>(0xFF), static_cast<char>(0x80)}) {
    for (size_t from : {0, 1, 7, 13}) {
      size_t expected = 0;
      for (size_t i = from; i < data.size(); ++i) expected += data[i] == byte;
      EXPECT_EQ(CountByte(data, from, data.size(), byte), expected) << int(byte) << " " << from;
    }
  }
}

}  // namespace
}  // namespace larder::formats
