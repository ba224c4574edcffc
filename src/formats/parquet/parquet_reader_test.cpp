#include "formats/parquet/parquet_reader.h"

#include <gtest/gtest.h>

#include "formats/parquet/parquet_test_file.h"

namespace larder::formats::parquet {
namespace {

using testing::BuildFile;
using testing::ChunkSpec;
using testing::DataPageV1;
using testing::DataPageV2;
using testing::DictionaryPage;
using testing::ElementSpec;
using testing::Group;
using testing::Leaf;
using testing::LevelsV1;
using testing::Plain;
using testing::PlainByteArrays;
using testing::RleHybrid;
using testing::RowGroupSpec;

constexpr auto kRequired = Repetition::kRequired;
constexpr auto kOptional = Repetition::kOptional;
constexpr auto kRepeated = Repetition::kRepeated;

ElementSpec Root(int32_t children) { return Group("schema", children, std::nullopt); }

ElementSpec WithConverted(ElementSpec element, ConvertedType converted) {
  element.converted = converted;
  return element;
}

Result<std::unique_ptr<ParquetReader>> Open(std::string bytes,
                                            testing::MemoryByteSource** source = nullptr) {
  auto memory = std::make_unique<testing::MemoryByteSource>("mem.parquet", std::move(bytes));
  if (source) *source = memory.get();
  return ParquetReader::Open(std::move(memory));
}

// Every row of the given columns of a row group, each value as Value::ToString prints it.
Result<std::vector<std::vector<std::string>>> ReadAll(ParquetReader* reader, size_t row_group,
                                                      std::vector<int> columns,
                                                      size_t batch_rows = 1000) {
  LARDER_ASSIGN_OR_RETURN(auto rows, reader->ReadRowGroup(row_group, columns));
  std::vector<std::vector<std::string>> values(columns.size());
  Batch batch;
  for (;;) {
    LARDER_ASSIGN_OR_RETURN(bool more, rows->Next(batch_rows, &batch));
    if (!more) break;
    LARDER_RETURN_IF_ERROR(batch.Validate());
    for (size_t column = 0; column < columns.size(); ++column) {
      for (size_t row = 0; row < batch.num_rows(); ++row) {
        const ColumnVector& vector = batch.columns[column];
        values[column].push_back(vector.GetValue(row).ToString(vector.type()));
      }
    }
  }
  return values;
}

// A file of one row group: id INT64 required (PLAIN, two pages), name optional STRING
// (dictionary, v1 page), score optional DOUBLE (v2 page, ZSTD).
std::string FlatFile(Codec codec = Codec::kZstd) {
  ChunkSpec id{{"id"}, PhysicalType::kInt64, Codec::kUncompressed, 5};
  id.pages = DataPageV1(3, Encoding::kPlain, Plain<int64_t>({10, 20, 30})) +
             DataPageV1(2, Encoding::kPlain, Plain<int64_t>({40, -50}));
  ChunkSpec name{{"name"}, PhysicalType::kByteArray, Codec::kSnappy, 5};
  name.has_dictionary = true;
  name.pages =
      DictionaryPage(2, PlainByteArrays({"ann", "bob"}), Codec::kSnappy) +
      DataPageV1(5, Encoding::kRleDictionary,
                 LevelsV1({1, 1, 0, 1, 1}, 1) + std::string(1, '\x01') + RleHybrid({1, 0, 1, 1}, 1),
                 Codec::kSnappy);
  ChunkSpec score{{"score"}, PhysicalType::kDouble, codec, 5};
  score.pages = DataPageV2(5, 2, 5, Encoding::kPlain, "", RleHybrid({0, 1, 1, 0, 1}, 1),
                           Plain<double>({1.5, 2.25, -3}), codec);
  return BuildFile(
      {Root(3), Leaf("id", PhysicalType::kInt64, kRequired),
       WithConverted(Leaf("name", PhysicalType::kByteArray, kOptional), ConvertedType::kUtf8),
       Leaf("score", PhysicalType::kDouble, kOptional)},
      {{5, {id, name, score}}});
}

TEST(ParquetReaderTest, ReadsFlatColumnsOfEveryPageKind) {
  for (Codec codec :
       {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip, Codec::kZstd, Codec::kLz4Raw}) {
    SCOPED_TRACE(static_cast<int>(codec));
    auto reader = Open(FlatFile(codec));
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ((*reader)->schema().fields.size(), 3u);
    EXPECT_EQ((*reader)->schema().fields[0].type.ToString(), "Int64");
    EXPECT_EQ((*reader)->schema().fields[1].type.ToString(), "Nullable(String)");
    EXPECT_EQ((*reader)->schema().fields[2].type.ToString(), "Nullable(Float64)");
    EXPECT_EQ((*reader)->num_rows(), 5u);
    // Batches of 2 rows cut across pages.
    auto values = ReadAll(reader->get(), 0, {0, 1, 2}, 2);
    ASSERT_TRUE(values.ok()) << values.status().ToString();
    EXPECT_EQ((*values)[0], (std::vector<std::string>{"10", "20", "30", "40", "-50"}));
    EXPECT_EQ((*values)[1], (std::vector<std::string>{"bob", "ann", "NULL", "bob", "bob"}));
    EXPECT_EQ((*values)[2], (std::vector<std::string>{"NULL", "1.5", "2.25", "NULL", "-3"}));
  }
}

// A string chunk whose writer fell back from the dictionary to PLAIN after the first page.
TEST(ParquetReaderTest, StringsOfDictionaryPagesShareTheDictionary) {
  ChunkSpec chunk{{"s"}, PhysicalType::kByteArray, Codec::kUncompressed, 5};
  chunk.has_dictionary = true;
  chunk.pages = DictionaryPage(2, PlainByteArrays({"x", "y"})) +
                DataPageV1(3, Encoding::kRleDictionary,
                           LevelsV1({1, 0, 1}, 1) + std::string(1, '\x01') + RleHybrid({1, 0}, 1)) +
                DataPageV1(2, Encoding::kPlain, LevelsV1({1, 1}, 1) + PlainByteArrays({"z", "x"}));
  auto reader =
      Open(BuildFile({Root(1), Leaf("s", PhysicalType::kByteArray, kOptional)}, {{5, {chunk}}}));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto rows = (*reader)->ReadRowGroup(0, {0});
  ASSERT_TRUE(rows.ok());
  Batch batch;
  ASSERT_TRUE((*rows)->Next(3, &batch).ok());
  EXPECT_TRUE(batch.columns[0].is_dictionary());
  EXPECT_EQ(batch.columns[0].GetValue(0).ToString(batch.columns[0].type()), "y");
  EXPECT_TRUE(batch.columns[0].IsNull(1));
  // The whole chunk at once: dictionary rows, then PLAIN ones, in one flat column.
  auto values = ReadAll(reader->get(), 0, {0}, 5);
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  EXPECT_EQ((*values)[0], (std::vector<std::string>{"y", "NULL", "x", "z", "x"}));
}

TEST(ParquetReaderTest, FetchesOnlyTheChunksOfTheColumnsAskedFor) {
  const std::string file = FlatFile();
  testing::MemoryByteSource* source = nullptr;
  auto reader = Open(file, &source);
  ASSERT_TRUE(reader.ok());
  const int reads_for_footer = source->reads();
  EXPECT_EQ(reads_for_footer, 1);  // A small file is read from its end once, magic and all.
  const uint64_t bytes_for_footer = source->bytes_read();
  auto values = ReadAll(reader->get(), 0, {2, 0});
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  EXPECT_EQ((*values)[1].size(), 5u);
  EXPECT_EQ(source->reads() - reads_for_footer, 2);
  const RowGroup& group = (*reader)->metadata().row_groups[0];
  EXPECT_EQ(source->bytes_read() - bytes_for_footer,
            static_cast<uint64_t>(group.columns[0].meta_data->total_compressed_size +
                                  group.columns[2].meta_data->total_compressed_size));
}

TEST(ParquetReaderTest, MapsLogicalTypes) {
  testing::ThriftWriter decimal;
  decimal.I32(1, 2);  // scale
  decimal.I32(2, 6);  // precision
  testing::ThriftWriter millis;
  millis.Bool(1, true);
  millis.BeginStruct(2);
  millis.EmptyStruct(1);
  millis.EndStruct();
  testing::ThriftWriter unsigned32;
  unsigned32.Field(1, 3);  // bitWidth, an i8
  unsigned32.bytes().push_back(32);
  unsigned32.Bool(2, false);

  ElementSpec price = Leaf("price", PhysicalType::kFixedLenByteArray, kRequired);
  price.type_length = 3;
  price.logical = {{5, decimal.bytes()}};
  ElementSpec id = Leaf("id", PhysicalType::kFixedLenByteArray, kRequired);
  id.type_length = 16;
  id.logical = {{14, ""}};
  ElementSpec at = Leaf("at", PhysicalType::kInt64, kRequired);
  at.logical = {{8, millis.bytes()}};
  ElementSpec day =
      WithConverted(Leaf("day", PhysicalType::kInt32, kRequired), ConvertedType::kDate);
  ElementSpec legacy = Leaf("legacy", PhysicalType::kInt96, kRequired);
  ElementSpec small = Leaf("small", PhysicalType::kInt32, kRequired);
  small.logical = {{10, unsigned32.bytes()}};
  ElementSpec big =
      WithConverted(Leaf("big", PhysicalType::kInt64, kRequired), ConvertedType::kUint64);

  std::string int96(12, '\0');
  const int64_t nanos = 3'600'000'000'123;  // 01:00:00.000000123
  const int32_t julian = 2440589;           // 1970-01-02
  std::memcpy(int96.data(), &nanos, 8);
  std::memcpy(int96.data() + 8, &julian, 4);
  const std::string uuid = "\x01\x23\x45\x67\x89\xab\xcd\xef\x01\x23\x45\x67\x89\xab\xcd\xef";

  std::vector<ChunkSpec> chunks = {
      {{"price"}, PhysicalType::kFixedLenByteArray, Codec::kUncompressed, 1},
      {{"id"}, PhysicalType::kFixedLenByteArray, Codec::kUncompressed, 1},
      {{"at"}, PhysicalType::kInt64, Codec::kUncompressed, 1},
      {{"day"}, PhysicalType::kInt32, Codec::kUncompressed, 1},
      {{"legacy"}, PhysicalType::kInt96, Codec::kUncompressed, 1},
      {{"small"}, PhysicalType::kInt32, Codec::kUncompressed, 1},
      {{"big"}, PhysicalType::kInt64, Codec::kUncompressed, 1}};
  chunks[0].pages = DataPageV1(1, Encoding::kPlain, std::string("\xff\xfe\x0c", 3));  // -500
  chunks[1].pages = DataPageV1(1, Encoding::kPlain, uuid);
  chunks[2].pages = DataPageV1(1, Encoding::kPlain, Plain<int64_t>({1'700'000'000'123}));
  chunks[3].pages = DataPageV1(1, Encoding::kPlain, Plain<int32_t>({19000}));
  chunks[4].pages = DataPageV1(1, Encoding::kPlain, int96);
  chunks[5].pages = DataPageV1(1, Encoding::kPlain, Plain<int32_t>({-1}));  // 2^32 - 1
  chunks[6].pages = DataPageV1(1, Encoding::kPlain, Plain<int64_t>({-1}));  // 2^64 - 1
  auto reader = Open(BuildFile({Root(7), price, id, at, day, legacy, small, big}, {{1, chunks}}));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<std::string> types;
  for (const Field& field : (*reader)->schema().fields) types.push_back(field.type.ToString());
  EXPECT_EQ(types, (std::vector<std::string>{"Decimal(38, 2)", "UUID", "DateTime", "Date",
                                             "DateTime", "Int64", "Decimal(38, 0)"}));
  auto values = ReadAll(reader->get(), 0, {0, 1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  std::vector<std::string> row;
  for (const auto& column : *values) row.push_back(column[0]);
  EXPECT_EQ(
      row,
      (std::vector<std::string>{
          "-5.00", "01234567-89ab-cdef-0123-456789abcdef",
          Value::DateTime(1'700'000'000'123'000).ToString(LogicalType::DateTime()), "2022-01-08",
          Value::DateTime(86'400'000'000 + 3'600'000'000).ToString(LogicalType::DateTime()),
          "4294967295", "18446744073709551615"}));
}

// Rows [1, NULL, 2], NULL, [], [3] of `optional group tags (LIST) { repeated group list {
// optional int32 element } }`: definition levels 0..3.
TEST(ParquetReaderTest, ReadsListsWithNullsAtEveryLevel) {
  ChunkSpec chunk{{"tags", "list", "element"}, PhysicalType::kInt32, Codec::kUncompressed, 6};
  chunk.pages = DataPageV1(6, Encoding::kPlain,
                           LevelsV1({0, 1, 1, 0, 0, 0}, 1) + LevelsV1({3, 2, 3, 0, 1, 3}, 2) +
                               Plain<int32_t>({1, 2, 3}));
  auto reader = Open(
      BuildFile({Root(1), Group("tags", 1, kOptional, ConvertedType::kList),
                 Group("list", 1, kRepeated), Leaf("element", PhysicalType::kInt32, kOptional)},
                {{4, {chunk}}}));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema().fields[0].type.ToString(), "Nullable(Array(Nullable(Int64)))");
  auto values = ReadAll(reader->get(), 0, {0}, 3);
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  EXPECT_EQ((*values)[0], (std::vector<std::string>{"[1,NULL,2]", "NULL", "[]", "[3]"}));
}

// Rows [[1, 2], [3]], [[]], [] of a required list of required lists of int64, over two v2 pages.
TEST(ParquetReaderTest, ReadsListsOfLists) {
  ChunkSpec chunk{
      {"m", "list", "element", "list", "element"}, PhysicalType::kInt64, Codec::kUncompressed, 5};
  chunk.pages =
      DataPageV2(3, 0, 1, Encoding::kPlain, RleHybrid({0, 2, 1}, 2), RleHybrid({2, 2, 2}, 2),
                 Plain<int64_t>({1, 2, 3})) +
      DataPageV2(2, 0, 2, Encoding::kPlain, RleHybrid({0, 0}, 2), RleHybrid({1, 0}, 2), "");
  auto reader = Open(
      BuildFile({Root(1), Group("m", 1, kRequired, ConvertedType::kList),
                 Group("list", 1, kRepeated), Group("element", 1, kRequired, ConvertedType::kList),
                 Group("list", 1, kRepeated), Leaf("element", PhysicalType::kInt64, kRequired)},
                {{3, {chunk}}}));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema().fields[0].type.ToString(), "Array(Array(Int64))");
  auto values = ReadAll(reader->get(), 0, {0}, 2);
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  EXPECT_EQ((*values)[0], (std::vector<std::string>{"[[1,2],[3]]", "[[]]", "[]"}));
}

// A struct {a: required int32, b: optional string} and a MAP<string, optional int32>, as JSON.
TEST(ParquetReaderTest, ReadsStructsAndMapsAsJson) {
  ChunkSpec a{{"s", "a"}, PhysicalType::kInt32, Codec::kUncompressed, 3};
  a.pages = DataPageV1(3, Encoding::kPlain, LevelsV1({1, 0, 1}, 1) + Plain<int32_t>({1, 2}));
  ChunkSpec b{{"s", "b"}, PhysicalType::kByteArray, Codec::kUncompressed, 3};
  b.pages = DataPageV1(3, Encoding::kPlain, LevelsV1({2, 0, 1}, 2) + PlainByteArrays({"x\"y"}));
  ChunkSpec key{{"m", "key_value", "key"}, PhysicalType::kByteArray, Codec::kUncompressed, 4};
  key.pages = DataPageV1(
      4, Encoding::kPlain,
      LevelsV1({0, 1, 0, 0}, 1) + LevelsV1({2, 2, 1, 0}, 2) + PlainByteArrays({"a", "b"}));
  ChunkSpec value{{"m", "key_value", "value"}, PhysicalType::kInt32, Codec::kUncompressed, 4};
  value.pages =
      DataPageV1(4, Encoding::kPlain,
                 LevelsV1({0, 1, 0, 0}, 1) + LevelsV1({3, 2, 1, 0}, 2) + Plain<int32_t>({7}));
  auto reader = Open(BuildFile(
      {Root(2), Group("s", 2, kOptional), Leaf("a", PhysicalType::kInt32, kRequired),
       WithConverted(Leaf("b", PhysicalType::kByteArray, kOptional), ConvertedType::kUtf8),
       Group("m", 1, kOptional, ConvertedType::kMap), Group("key_value", 2, kRepeated),
       WithConverted(Leaf("key", PhysicalType::kByteArray, kRequired), ConvertedType::kUtf8),
       Leaf("value", PhysicalType::kInt32, kOptional)},
      {{3, {a, b, key, value}}}));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->schema().fields[0].type.ToString(), "Nullable(JSON)");
  EXPECT_EQ((*reader)->schema().fields[1].type.ToString(), "Nullable(JSON)");
  auto values = ReadAll(reader->get(), 0, {0, 1});
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  EXPECT_EQ((*values)[0],
            (std::vector<std::string>{R"({"a":1,"b":"x\"y"})", "NULL", R"({"a":2,"b":null})"}));
  EXPECT_EQ((*values)[1], (std::vector<std::string>{R"({"a":7,"b":null})", "{}", "NULL"}));
}

TEST(ParquetReaderTest, DecodesStatistics) {
  testing::ThriftWriter statistics;
  statistics.I64(3, 2);
  statistics.Binary(5, Plain<int64_t>({99}));
  statistics.Binary(6, Plain<int64_t>({-7}));
  ChunkSpec chunk{{"n"}, PhysicalType::kInt64, Codec::kUncompressed, 1};
  chunk.pages = DataPageV1(1, Encoding::kPlain, Plain<int64_t>({5}));
  chunk.statistics = statistics.bytes();
  auto reader =
      Open(BuildFile({Root(1), Leaf("n", PhysicalType::kInt64, kRequired)}, {{1, {chunk}}}));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const ColumnStatistics& stats = (*reader)->row_group(0).columns[0];
  ASSERT_TRUE(stats.min && stats.max && stats.null_count);
  EXPECT_EQ(stats.min->as_int64(), -7);
  EXPECT_EQ(stats.max->as_int64(), 99);
  EXPECT_EQ(*stats.null_count, 2);
}

// A malformed file fails with a message naming the file and, for data, the column and row group.
TEST(ParquetReaderTest, MalformedFilesNameWhatIsWrong) {
  const std::string good = FlatFile(Codec::kUncompressed);
  uint32_t footer_length;
  std::memcpy(&footer_length, good.data() + good.size() - 8, 4);
  struct Case {
    std::string name;
    std::string bytes;
    std::vector<std::string> expected;  // Substrings of the message.
  };
  std::vector<Case> cases;
  cases.push_back({"empty", "", {"mem.parquet", "not a Parquet file"}});
  cases.push_back({"bad magic at the start", "PAR0" + good.substr(4), {"does not start"}});
  cases.push_back({"truncated", good.substr(0, good.size() - 100), {"mem.parquet"}});
  {
    std::string lying = good;
    const uint32_t huge = 1u << 30;
    std::memcpy(lying.data() + lying.size() - 8, &huge, 4);
    cases.push_back({"footer length past the file", lying, {"footer length"}});
  }
  {
    std::string cut = good;
    const uint32_t shorter = footer_length - 10;
    std::memcpy(cut.data() + cut.size() - 8, &shorter, 4);
    cases.push_back({"footer cut short", cut, {"mem.parquet: footer", "malformed Thrift"}});
  }
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    auto reader = Open(test.bytes);
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.status().code(), StatusCode::kCorruption);
    for (const std::string& part : test.expected) {
      EXPECT_NE(reader.status().message().find(part), std::string::npos)
          << reader.status().message();
    }
  }
}

TEST(ParquetReaderTest, CorruptPagesNameColumnRowGroupAndPage) {
  auto read_one = [](std::string pages, Codec codec = Codec::kUncompressed,
                     bool has_dictionary = false) -> Status {
    ChunkSpec chunk{{"v"}, PhysicalType::kInt32, codec, 3};
    chunk.pages = std::move(pages);
    chunk.has_dictionary = has_dictionary;
    auto reader =
        Open(BuildFile({Root(1), Leaf("v", PhysicalType::kInt32, kRequired)}, {{3, {chunk}}}));
    if (!reader.ok()) return reader.status();
    return ReadAll(reader->get(), 0, {0}).status();
  };
  const std::string values = Plain<int32_t>({1, 2, 3});
  std::string wrong_size = DataPageV1(3, Encoding::kPlain, values, Codec::kZstd);
  // The header says 12 bytes uncompressed; make it 13 (a one-byte varint either way).
  wrong_size[wrong_size.find('\x18')] = '\x1a';
  struct Case {
    std::string name;
    Status status;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"decompresses to the wrong size", read_one(wrong_size, Codec::kZstd),
       "page 0: ZSTD page decompresses to 12 bytes but its header says 13"},
      {"unknown encoding", read_one(DataPageV1(3, static_cast<Encoding>(77), values)),
       "page 0: encoding 77 is not supported"},
      {"too few values", read_one(DataPageV1(3, Encoding::kPlain, values.substr(0, 8))),
       "page 0: the page's PLAIN values end"},
      {"chunk ends early", read_one(DataPageV1(2, Encoding::kPlain, values.substr(0, 8))),
       "the column chunk ends after 2 of its 3 values"},
      {"page longer than the chunk",
       read_one(DataPageV1(3, Encoding::kPlain, values).substr(0, 20)), "the page claims 12 bytes"},
      {"dictionary index out of range",
       read_one(DictionaryPage(1, Plain<int32_t>({5})) +
                    DataPageV1(3, Encoding::kRleDictionary,
                               std::string(1, '\x02') + RleHybrid({0, 3, 0}, 2)),
                Codec::kUncompressed, true),
       "page 1: dictionary index 3 is past the dictionary's 1 values"},
      {"dictionary page missing",
       read_one(
           DataPageV1(3, Encoding::kRleDictionary, std::string(1, '\x01') + RleHybrid({0}, 1))),
       "no dictionary"},
      {"unsupported codec", read_one(DataPageV1(3, Encoding::kPlain, values), Codec::kBrotli),
       "compression BROTLI is not supported"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    EXPECT_FALSE(test.status.ok());
    const std::string& message = test.status.message();
    EXPECT_NE(message.find("mem.parquet: column `v`, row group 0"), std::string::npos) << message;
    EXPECT_NE(message.find(test.expected), std::string::npos) << message;
  }
}

TEST(ParquetReaderTest, InconsistentNestedLevelsAreCorruption) {
  // The struct's two leaves disagree about which rows are NULL.
  ChunkSpec a{{"s", "a"}, PhysicalType::kInt32, Codec::kUncompressed, 2};
  a.pages = DataPageV1(2, Encoding::kPlain, LevelsV1({1, 1}, 1) + Plain<int32_t>({1, 2}));
  ChunkSpec b{{"s", "b"}, PhysicalType::kInt32, Codec::kUncompressed, 2};
  b.pages = DataPageV1(2, Encoding::kPlain, LevelsV1({0, 2}, 2) + Plain<int32_t>({3}));
  auto reader =
      Open(BuildFile({Root(1), Group("s", 2, kOptional), Leaf("a", PhysicalType::kInt32, kRequired),
                      Leaf("b", PhysicalType::kInt32, kOptional)},
                     {{2, {a, b}}}));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto values = ReadAll(reader->get(), 0, {0});
  ASSERT_FALSE(values.ok());
  EXPECT_EQ(values.status().code(), StatusCode::kCorruption);
  EXPECT_NE(values.status().message().find("mem.parquet: column `s`, row group 0"),
            std::string::npos)
      << values.status().message();
}

}  // namespace
}  // namespace larder::formats::parquet
