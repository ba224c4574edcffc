#include "formats/parquet/thrift_compact.h"

#include <gtest/gtest.h>

#include "formats/parquet/parquet_test_file.h"

namespace larder::formats::parquet {
namespace {

using testing::ThriftWriter;

TEST(ThriftCompactTest, DecodesPageHeaderWithUnknownFieldsSkipped) {
  ThriftWriter writer;
  writer.I32(1, 0);       // DATA_PAGE
  writer.I32(2, 100);     // uncompressed_page_size
  writer.I32(3, 60);      // compressed_page_size
  writer.I32(4, -12345);  // crc
  writer.BeginStruct(5);
  writer.I32(1, 7);  // num_values
  writer.I32(2, 8);  // RLE_DICTIONARY
  writer.I32(3, 3);
  writer.I32(4, 3);
  writer.BeginStruct(5);  // statistics, skipped
  writer.Binary(1, "max");
  writer.EndStruct();
  writer.EndStruct();
  // Unknown fields of every kind: a double, a list of strings, a map, a far-off id, a struct.
  writer.Field(20, 7);
  writer.bytes().append(8, '\x01');
  writer.BeginList(21, 8, 2);
  writer.Varint(1);
  writer.bytes() += "a";
  writer.Varint(2);
  writer.bytes() += "bc";
  writer.Field(22, 11);
  writer.Varint(1);
  writer.bytes().push_back(0x55);  // i32 keys, i32 values
  writer.ZigZag(1);
  writer.ZigZag(2);
  writer.I64(300, 1);
  writer.BeginStruct(301);
  writer.Bool(1, true);
  writer.EndStruct();
  writer.bytes().push_back(0);
  const std::string bytes = writer.bytes() + "page bytes";

  PageHeader header;
  size_t header_size = 0;
  ASSERT_TRUE(DecodePageHeader(bytes, &header, &header_size).ok());
  EXPECT_EQ(header_size, bytes.size() - 10);
  EXPECT_EQ(header.type, PageType::kDataPage);
  EXPECT_EQ(header.uncompressed_page_size, 100);
  EXPECT_EQ(header.compressed_page_size, 60);
  ASSERT_TRUE(header.data_page_header);
  EXPECT_EQ(header.data_page_header->num_values, 7);
  EXPECT_EQ(header.data_page_header->encoding, Encoding::kRleDictionary);
}

TEST(ThriftCompactTest, DecodesDataPageV2AndDictionaryHeaders) {
  ThriftWriter writer;
  writer.I32(1, 3);
  writer.I32(2, 10);
  writer.I32(3, 10);
  writer.BeginStruct(8);
  writer.I32(1, 5);
  writer.I32(2, 1);
  writer.I32(3, 4);
  writer.I32(4, 0);
  writer.I32(5, 2);
  writer.I32(6, 3);
  writer.Bool(7, false);
  writer.EndStruct();
  writer.bytes().push_back(0);
  PageHeader header;
  size_t size;
  ASSERT_TRUE(DecodePageHeader(writer.bytes(), &header, &size).ok());
  ASSERT_TRUE(header.data_page_header_v2);
  const DataPageHeaderV2& v2 = *header.data_page_header_v2;
  EXPECT_EQ(v2.num_values, 5);
  EXPECT_EQ(v2.num_nulls, 1);
  EXPECT_EQ(v2.num_rows, 4);
  EXPECT_EQ(v2.definition_levels_byte_length, 2);
  EXPECT_EQ(v2.repetition_levels_byte_length, 3);
  EXPECT_FALSE(v2.is_compressed);
}

TEST(ThriftCompactTest, DecodesFileMetaDataWithLogicalTypes) {
  using testing::ElementSpec;
  ThriftWriter decimal;
  decimal.I32(1, 2);
  decimal.I32(2, 9);
  ThriftWriter timestamp;
  timestamp.Bool(1, true);
  timestamp.BeginStruct(2);
  timestamp.EmptyStruct(3);  // NANOS
  timestamp.EndStruct();
  ElementSpec amount{"amount", PhysicalType::kInt32, Repetition::kOptional};
  amount.logical = {{5, decimal.bytes()}};
  ElementSpec at{"at", PhysicalType::kInt64, Repetition::kRequired};
  at.logical = {{8, timestamp.bytes()}};
  const std::string file =
      testing::BuildFile({testing::Group("schema", 2, std::nullopt), amount, at}, {{3, {}}});
  uint32_t footer_length;
  std::memcpy(&footer_length, file.data() + file.size() - 8, 4);
  FileMetaData metadata;
  ASSERT_TRUE(
      DecodeFileMetaData(
          std::string_view(file).substr(file.size() - 8 - footer_length, footer_length), &metadata)
          .ok());
  ASSERT_EQ(metadata.schema.size(), 3u);
  EXPECT_EQ(metadata.schema[0].num_children, 2);
  EXPECT_EQ(metadata.schema[1].name, "amount");
  EXPECT_EQ(metadata.schema[1].logical_type.kind, LogicalTypeAnnotation::Kind::kDecimal);
  EXPECT_EQ(metadata.schema[1].logical_type.scale, 2);
  EXPECT_EQ(metadata.schema[1].logical_type.precision, 9);
  EXPECT_EQ(metadata.schema[2].logical_type.kind, LogicalTypeAnnotation::Kind::kTimestamp);
  EXPECT_TRUE(metadata.schema[2].logical_type.adjusted_to_utc);
  EXPECT_EQ(metadata.schema[2].logical_type.unit, TimeUnit::kNanos);
  EXPECT_EQ(metadata.num_rows, 3);
  EXPECT_EQ(metadata.row_groups.size(), 1u);
}

// Malformed input: each gives kCorruption with a message, never a crash.
TEST(ThriftCompactTest, RejectsMalformedInput) {
  struct Case {
    std::string name;
    std::string bytes;
    std::string message;
  };
  std::vector<Case> cases;
  // Field 4, binary, of length 127 with one byte after it.
  cases.push_back(
      {"binary longer than the data", "\x48\x7fx", "binary longer than the bytes left"});
  {
    ThriftWriter writer;
    writer.BeginList(2, 12, 1'000'000'000);
    cases.push_back({"list count far beyond the data", writer.bytes(), "list longer"});
  }
  {
    std::string deep;
    for (int i = 0; i < 100; ++i) deep += "\xfc";  // field 15, a struct, nested 100 times
    cases.push_back({"structs nested too deeply", deep, "nested too deeply"});
  }
  cases.push_back({"truncated varint", "\x15\xff\xff", "truncated varint"});
  cases.push_back({"unknown field type", "\x1e", "unknown field type"});
  cases.push_back({"empty input", "", "truncated struct"});
  {
    ThriftWriter writer;
    writer.I32(1, 0);
    writer.bytes().push_back(0);
    cases.push_back({"missing required fields", writer.bytes(), "lacks its required field"});
  }
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    PageHeader header;
    size_t size;
    Status status = DecodePageHeader(test.bytes, &header, &size);
    FileMetaData metadata;
    Status footer_status = DecodeFileMetaData(test.bytes, &metadata);
    EXPECT_EQ(status.code(), StatusCode::kCorruption);
    EXPECT_EQ(footer_status.code(), StatusCode::kCorruption);
    EXPECT_TRUE(status.message().find(test.message) != std::string::npos ||
                footer_status.message().find(test.message) != std::string::npos)
        << status.message() << " / " << footer_status.message();
  }
}

TEST(ThriftCompactTest, SkipsUnknownNestedContainers) {
  ThriftWriter writer;
  writer.I32(1, 2);
  // An unknown list of lists of structs with a boolean, then the real fields.
  writer.BeginList(15, 9, 2);
  for (int i = 0; i < 2; ++i) {
    writer.bytes().push_back(0x1c);  // one struct element
    writer.BeginElement();
    writer.Bool(1, i == 0);
    writer.EndStruct();
  }
  writer.I32(2, 30);
  writer.I32(3, 20);
  writer.bytes().push_back(0);
  PageHeader header;
  size_t size;
  ASSERT_TRUE(DecodePageHeader(writer.bytes(), &header, &size).ok());
  EXPECT_EQ(header.type, PageType::kDictionaryPage);
  EXPECT_EQ(header.uncompressed_page_size, 30);
}

}  // namespace
}  // namespace larder::formats::parquet
