#include "types/logical_type.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "types/time_zone.h"

namespace larder {
namespace {

using LT = LogicalType;

struct NamedType {
  LogicalType type;
  std::string name;
};

// Every type id, plain and Nullable, and nested arrays, with the name users see.
std::vector<NamedType> AllTypes() {
  std::vector<NamedType> types = {
      {LT::Bool(), "Bool"},
      {LT::Int64(), "Int64"},
      {LT::Float64(), "Float64"},
      {LT::Decimal(0), "Decimal(38, 0)"},
      {LT::Decimal(2), "Decimal(38, 2)"},
      {LT::Decimal(38), "Decimal(38, 38)"},
      {LT::String(), "String"},
      {LT::Date(), "Date"},
      {LT::DateTime(), "DateTime"},
      {LT::Uuid(), "UUID"},
      {LT::Json(), "JSON"},
      {LT::Array(LT::Int64()), "Array(Int64)"},
      {LT::Array(LT::String().WithNullable(true)), "Array(Nullable(String))"},
      {LT::Array(LT::Array(LT::Date())), "Array(Array(Date))"},
      {LT::Array(LT::Decimal(4).WithNullable(true)).WithNullable(true),
       "Nullable(Array(Nullable(Decimal(38, 4))))"},
  };
  size_t plain = types.size();
  for (size_t i = 0; i < plain; ++i) {
    if (types[i].type.nullable()) continue;
    types.push_back({types[i].type.WithNullable(true), "Nullable(" + types[i].name + ")"});
  }
  return types;
}

TEST(LogicalType, ToStringAndParseRoundTripEveryType) {
  for (const NamedType& test : AllTypes()) {
    EXPECT_EQ(test.type.ToString(), test.name);
    auto parsed = LT::Parse(test.name);
    ASSERT_TRUE(parsed.ok()) << test.name << ": " << parsed.status().ToString();
    EXPECT_EQ(*parsed, test.type) << test.name;
    EXPECT_EQ(parsed->ToString(), test.name);
  }
}

TEST(LogicalType, ParseAcceptsSpacingVariants) {
  struct Case {
    std::string text;
    LogicalType expected;
  };
  std::vector<Case> cases = {
      {"  Int64 ", LT::Int64()},
      {"Decimal(38,4)", LT::Decimal(4)},
      {"Decimal( 38 ,  4 )", LT::Decimal(4)},
      {"Decimal(38)", LT::Decimal(0)},
      {"Nullable( String )", LT::String().WithNullable(true)},
      {"Array( Nullable(Decimal(38,4)) )", LT::Array(LT::Decimal(4).WithNullable(true))},
  };
  for (const Case& test : cases) {
    auto parsed = LT::Parse(test.text);
    ASSERT_TRUE(parsed.ok()) << test.text << ": " << parsed.status().ToString();
    EXPECT_EQ(*parsed, test.expected) << test.text << " parsed as " << parsed->ToString();
  }
}

TEST(LogicalType, ParseRejectsUnknownTypesWithClearMessages) {
  struct Case {
    std::string text;
    std::vector<std::string> message_parts;
  };
  std::vector<Case> cases = {
      {"Int32", {"unknown type 'Int32'", "Int64"}},
      {"int64", {"unknown type 'int64'"}},
      {"", {"unknown type ''"}},
      {"Varchar(10)", {"unknown type 'Varchar(10)'"}},
      {"Nullable(Int64", {"unknown type"}},
      {"Array()", {"unknown type ''"}},
      {"Array(Int32)", {"unknown type 'Int32'"}},
      {"Nullable(Array(Nullable(Decimal(38, 40))))", {"Decimal(38, 40)", "from 0 to 38"}},
      {"Decimal(10,2)", {"Decimal(10,2)", "only Decimal(38, s) is supported"}},
      {"Decimal(10)", {"Decimal(10)", "only Decimal(38, s) is supported"}},
      {"Decimal(2)", {"Decimal(2)", "only Decimal(38, s) is supported"}},
      {"Decimal(38,39)", {"Decimal(38,39)", "scale must be a number from 0 to 38"}},
      {"Decimal(38, -1)", {"scale must be a number from 0 to 38"}},
      {"Decimal(38, x)", {"scale must be a number from 0 to 38"}},
      {"Decimal(38, 2x)", {"scale must be a number from 0 to 38"}},
      {"Decimal(38, )", {"scale must be a number from 0 to 38"}},
      {"Decimal(38, 99999999999)", {"scale must be a number from 0 to 38"}},
  };
  for (const Case& test : cases) {
    auto parsed = LT::Parse(test.text);
    ASSERT_FALSE(parsed.ok()) << "'" << test.text << "' parsed as " << parsed->ToString();
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << test.text;
    for (const std::string& part : test.message_parts) {
      EXPECT_NE(parsed.status().message().find(part), std::string::npos)
          << "'" << test.text << "': " << parsed.status().ToString() << " lacks " << part;
    }
  }
}

TEST(LogicalType, DateTimeWithZoneNamesItButEqualsPlainDateTime) {
  const TimeZone* tokyo = LookupTimeZone("Asia/Tokyo").value();
  LogicalType zoned = LT::DateTime(tokyo).WithNullable(true);
  EXPECT_EQ(zoned.ToString(), "Nullable(DateTime('Asia/Tokyo'))");
  EXPECT_EQ(zoned.time_zone(), tokyo);
  EXPECT_EQ(LT::DateTime().time_zone(), nullptr);
  auto parsed = LT::Parse("Nullable(DateTime('Asia/Tokyo'))");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->time_zone(), tokyo);
  // The same instants: equal types, and the zone is not stored.
  EXPECT_EQ(zoned, LT::DateTime().WithNullable(true));
  std::string bytes;
  BinaryWriter writer(&bytes);
  zoned.Serialize(&writer);
  BinaryReader reader(bytes, "schema");
  LogicalType decoded;
  ASSERT_TRUE(LT::Deserialize(&reader, &decoded).ok());
  EXPECT_EQ(decoded.ToString(), "Nullable(DateTime)");
  for (const char* bad : {"DateTime(Asia/Tokyo)", "DateTime('Mars/Base')", "DateTime('')"}) {
    auto status = LT::Parse(bad).status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(LogicalType, SerializeRoundTripsEveryType) {
  for (const NamedType& test : AllTypes()) {
    std::string bytes;
    BinaryWriter writer(&bytes);
    test.type.Serialize(&writer);
    writer.PutByte(0x5a);  // Deserialize must stop exactly at the end of the type.
    BinaryReader reader(bytes, "schema");
    LogicalType decoded = LT::Bool();
    ASSERT_TRUE(LT::Deserialize(&reader, &decoded).ok()) << test.name;
    EXPECT_EQ(decoded, test.type) << test.name << " came back as " << decoded.ToString();
    EXPECT_EQ(reader.remaining(), 1u) << test.name;
  }
}

TEST(LogicalType, DeserializeRejectsTruncatedBytes) {
  for (const NamedType& test : AllTypes()) {
    std::string bytes;
    BinaryWriter writer(&bytes);
    test.type.Serialize(&writer);
    for (size_t cut = 0; cut < bytes.size(); ++cut) {
      std::string truncated = bytes.substr(0, cut);
      BinaryReader reader(truncated, "part-3/schema");
      LogicalType decoded;
      Status status = LT::Deserialize(&reader, &decoded);
      EXPECT_EQ(status.code(), StatusCode::kCorruption) << test.name << " cut at " << cut;
      EXPECT_NE(status.message().find("part-3/schema"), std::string::npos) << status.ToString();
    }
  }
}

TEST(LogicalType, DeserializeRejectsCorruptedBytes) {
  struct Case {
    std::string name;
    std::string bytes;
  };
  std::vector<Case> cases = {
      {"unknown type id", std::string("\x0a\x00", 2)},
      {"type id 255", std::string("\xff\x00", 2)},
      {"nullable flag 2", std::string("\x01\x02", 2)},
      {"decimal scale 39", std::string("\x03\x00\x27", 3)},
      {"decimal scale 255", std::string("\x03\x00\xff", 3)},
      {"array of an unknown type", std::string("\x09\x00\x0b\x00", 4)},
      {"array of an array of a bad decimal", std::string("\x09\x00\x09\x01\x03\x00\x30", 7)},
  };
  for (const Case& test : cases) {
    BinaryReader reader(test.bytes, "part-3/schema");
    LogicalType decoded;
    Status status = LT::Deserialize(&reader, &decoded);
    EXPECT_EQ(status.code(), StatusCode::kCorruption) << test.name;
    EXPECT_NE(status.message().find("part-3/schema"), std::string::npos)
        << test.name << ": " << status.ToString();
  }
}

TEST(LogicalType, EqualityComparesEveryAttribute) {
  EXPECT_EQ(LT::Decimal(2), LT::Decimal(2));
  EXPECT_NE(LT::Decimal(2), LT::Decimal(3));
  EXPECT_NE(LT::Int64(), LT::Int64().WithNullable(true));
  EXPECT_NE(LT::Int64(), LT::DateTime());
  EXPECT_EQ(LT::Array(LT::Int64()), LT::Array(LT::Int64()));
  EXPECT_NE(LT::Array(LT::Int64()), LT::Array(LT::Float64()));
  EXPECT_NE(LT::Array(LT::Int64()), LT::Array(LT::Int64().WithNullable(true)));
  EXPECT_EQ(LT::Int64().WithNullable(true).WithNullable(false), LT::Int64());
}

TEST(LogicalType, FixedWidthAndStringLike) {
  struct Case {
    LogicalType type;
    size_t width;
    bool string_like;
  };
  std::vector<Case> cases = {
      {LT::Bool(), 1, false},     {LT::Int64(), 8, false},
      {LT::Float64(), 8, false},  {LT::Decimal(3), 16, false},
      {LT::String(), 0, true},    {LT::Date(), 4, false},
      {LT::DateTime(), 8, false}, {LT::Uuid(), 16, false},
      {LT::Json(), 0, true},      {LT::Array(LT::Int64()), 0, false},
  };
  for (const Case& test : cases) {
    EXPECT_EQ(test.type.fixed_width(), test.width) << test.type.ToString();
    EXPECT_EQ(test.type.is_string_like(), test.string_like) << test.type.ToString();
  }
}

TEST(LogicalType, IsWideningConversion) {
  auto nullable = [](LogicalType type) { return type.WithNullable(true); };
  struct Case {
    LogicalType from;
    LogicalType to;
    bool widening;
  };
  std::vector<Case> cases = {
      {LT::Int64(), LT::Int64(), true},
      {LT::Int64(), LT::Float64(), true},
      {LT::Int64(), LT::Decimal(0), true},
      {LT::Int64(), LT::Decimal(19), true},
      {LT::Int64(), LT::Decimal(20), false},
      {LT::Int64(), LT::Decimal(25), false},
      {LT::Int64(), LT::Date(), false},
      {LT::Int64(), LT::Bool(), false},
      {LT::Float64(), LT::Int64(), false},
      {LT::Float64(), LT::Decimal(2), false},
      {LT::Decimal(2), LT::Decimal(2), true},
      {LT::Decimal(1), LT::Decimal(3), true},
      {LT::Decimal(3), LT::Decimal(1), false},
      {LT::Decimal(2), LT::Float64(), false},
      {LT::Decimal(2), LT::Int64(), false},
      {LT::String(), LT::Int64(), false},
      {LT::String(), LT::Json(), false},
      {LT::Json(), LT::String(), true},
      {LT::Bool(), LT::String(), true},
      {LT::Int64(), LT::String(), true},
      {LT::Float64(), LT::String(), true},
      {LT::Decimal(4), LT::String(), true},
      {LT::Date(), LT::String(), true},
      {LT::DateTime(), LT::String(), true},
      {LT::Uuid(), LT::String(), true},
      {LT::Array(LT::Int64()), LT::String(), true},
      {LT::Date(), LT::DateTime(), true},
      {LT::DateTime(), LT::Date(), false},
      {LT::Bool(), LT::Int64(), true},
      {LT::Int64(), nullable(LT::Int64()), true},
      {nullable(LT::Int64()), nullable(LT::Float64()), true},
      {nullable(LT::Int64()), LT::Int64(), false},
      {nullable(LT::Int64()), LT::String(), false},
      {nullable(LT::Int64()), nullable(LT::String()), true},
      {LT::Int64(), nullable(LT::Float64()), true},
      {LT::Array(LT::Int64()), LT::Array(LT::Float64()), true},
      {LT::Array(LT::Float64()), LT::Array(LT::Int64()), false},
      {LT::Array(LT::Int64()), LT::Array(nullable(LT::Int64())), true},
      {LT::Array(nullable(LT::Int64())), LT::Array(LT::Int64()), false},
      {LT::Array(LT::Int64()), nullable(LT::Array(LT::Decimal(2))), true},
      {LT::Array(LT::Array(LT::Date())), LT::Array(LT::Array(LT::DateTime())), true},
      {LT::Array(LT::Int64()), LT::Int64(), false},
      {LT::Int64(), LT::Array(LT::Int64()), false},
      {LT::Uuid(), LT::Int64(), false},
  };
  for (const Case& test : cases) {
    EXPECT_EQ(IsWideningConversion(test.from, test.to), test.widening)
        << test.from.ToString() << " -> " << test.to.ToString();
  }
}

}  // namespace
}  // namespace larder
