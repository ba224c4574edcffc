#include "types/value.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace larder {
namespace {

using LT = LogicalType;

Value Ints(std::vector<int64_t> values) {
  std::vector<Value> elements;
  for (int64_t v : values) elements.push_back(Value::Int64(v));
  return Value::Array(std::move(elements));
}

// -1, 0 or 1 for less, equivalent or greater; 2 for unordered.
int Sign(std::partial_ordering order) {
  if (order == std::partial_ordering::less) return -1;
  if (order == std::partial_ordering::equivalent) return 0;
  if (order == std::partial_ordering::greater) return 1;
  return 2;
}

const Int128 kInt128Max = static_cast<Int128>(~static_cast<unsigned __int128>(0) >> 1);
const Int128 kInt128Min = -kInt128Max - 1;

TEST(Value, CompareOrdersNullFirstThenByValue) {
  struct Case {
    std::string name;
    Value a;
    Value b;
    int expected;
  };
  std::vector<Case> cases = {
      {"NULL = NULL", Value::Null(), Value::Null(), 0},
      {"NULL < int", Value::Null(), Value::Int64(INT64_MIN), -1},
      {"int > NULL", Value::Int64(INT64_MIN), Value::Null(), 1},
      {"NULL < string", Value::Null(), Value::String(""), -1},
      {"ints", Value::Int64(-5), Value::Int64(3), -1},
      {"int extremes", Value::Int64(INT64_MAX), Value::Int64(INT64_MIN), 1},
      {"equal ints", Value::Int64(7), Value::Int64(7), 0},
      {"bools", Value::Bool(false), Value::Bool(true), -1},
      {"doubles", Value::Float64(2.5), Value::Float64(-1e300), 1},
      {"zero signs", Value::Float64(-0.0), Value::Float64(0.0), 0},
      {"strings", Value::String("abc"), Value::String("abd"), -1},
      {"prefix first", Value::String("ab"), Value::String("abc"), -1},
      {"empty string first", Value::String(""), Value::String("a"), -1},
      {"bytes compare unsigned (UTF-8 order)", Value::String("\xc3\xa9"), Value::String("z"), 1},
      {"decimals", Value::Decimal(-12345), Value::Decimal(5), -1},
      {"wide decimals", Value::Decimal(Int128{1} << 100), Value::Decimal(Int128{1} << 99), 1},
      {"negative wide decimals", Value::Decimal(-(Int128{1} << 100)), Value::Decimal(-1), -1},
      {"decimal extremes", Value::Decimal(kInt128Min), Value::Decimal(kInt128Max), -1},
      {"equal decimals", Value::Decimal(42), Value::Decimal(42), 0},
      {"uuid high word first", Value::Uuid({1, 0}), Value::Uuid({0, UINT64_MAX}), 1},
      {"uuid low word", Value::Uuid({1, 2}), Value::Uuid({1, 3}), -1},
      {"uuid above 2^63", Value::Uuid({UINT64_MAX, 0}), Value::Uuid({1, 0}), 1},
      {"arrays element-wise", Ints({1, 2}), Ints({1, 3}), -1},
      {"shorter array first", Ints({1}), Ints({1, 0}), -1},
      {"empty array first", Ints({}), Ints({INT64_MIN}), -1},
      {"equal arrays", Ints({4, 5}), Ints({4, 5}), 0},
      {"first difference decides", Ints({2}), Ints({1, 9, 9}), 1},
      {"NULL element first", Value::Array({Value::Null()}), Ints({INT64_MIN}), -1},
      {"nested arrays", Value::Array({Ints({1}), Ints({2})}), Value::Array({Ints({1}), Ints({1})}),
       1},
      {"date as int", Value::Date(-1), Value::Date(0), -1},
  };
  for (const Case& test : cases) {
    EXPECT_EQ(Sign(test.a.Compare(test.b)), test.expected) << test.name;
    EXPECT_EQ(Sign(test.b.Compare(test.a)), test.expected == 2 ? 2 : -test.expected)
        << test.name << " (reversed)";
  }
}

TEST(Value, ToStringPerType) {
  struct Case {
    LogicalType type;
    Value value;
    std::string text;
  };
  std::vector<Case> cases = {
      {LT::Int64(), Value::Null(), "NULL"},
      {LT::String(), Value::Null(), "NULL"},
      {LT::Bool(), Value::Bool(true), "true"},
      {LT::Bool(), Value::Bool(false), "false"},
      {LT::Int64(), Value::Int64(-42), "-42"},
      {LT::Int64(), Value::Int64(INT64_MIN), "-9223372036854775808"},
      {LT::Float64(), Value::Float64(1.5), "1.5"},
      {LT::Float64(), Value::Float64(0.1), "0.1"},
      {LT::Float64(), Value::Float64(-2.25), "-2.25"},
      {LT::Decimal(2), Value::Decimal(12345), "123.45"},
      {LT::Decimal(2), Value::Decimal(-12345), "-123.45"},
      {LT::Decimal(2), Value::Decimal(-5), "-0.05"},
      {LT::Decimal(2), Value::Decimal(5), "0.05"},
      {LT::Decimal(2), Value::Decimal(-100), "-1.00"},
      {LT::Decimal(3), Value::Decimal(0), "0.000"},
      {LT::Decimal(0), Value::Decimal(5), "5"},
      {LT::Decimal(0), Value::Decimal(-5), "-5"},
      {LT::Decimal(38), Value::Decimal(1), "0.00000000000000000000000000000000000001"},
      {LT::Decimal(38), Value::Decimal(-1), "-0.00000000000000000000000000000000000001"},
      {LT::Decimal(0), Value::Decimal(kInt128Min), "-170141183460469231731687303715884105728"},
      {LT::Decimal(4), Value::Decimal(kInt128Max), "17014118346046923173168730371588410.5727"},
      {LT::String(), Value::String("h\xc3\xa9llo"), "h\xc3\xa9llo"},
      {LT::String(), Value::String(""), ""},
      {LT::Json(), Value::String("{\"a\":1}"), "{\"a\":1}"},
      {LT::Date(), Value::Date(0), "1970-01-01"},
      {LT::Date(), Value::Date(-1), "1969-12-31"},
      {LT::Date(), Value::Date(11016), "2000-02-29"},
      {LT::DateTime(), Value::DateTime(1500000), "1970-01-01 00:00:01.500000"},
      {LT::DateTime(), Value::DateTime(-1), "1969-12-31 23:59:59.999999"},
      {LT::Uuid(), Value::Uuid({0x123e4567e89b12d3ULL, 0xa456426614174000ULL}),
       "123e4567-e89b-12d3-a456-426614174000"},
      {LT::Uuid(), Value::Uuid({0, 0}), "00000000-0000-0000-0000-000000000000"},
      {LT::Uuid(), Value::Uuid({0, 1}), "00000000-0000-0000-0000-000000000001"},
      {LT::Uuid(), Value::Uuid({UINT64_MAX, UINT64_MAX}), "ffffffff-ffff-ffff-ffff-ffffffffffff"},
      {LT::Array(LT::Int64().WithNullable(true)),
       Value::Array({Value::Int64(1), Value::Null(), Value::Int64(3)}), "[1,NULL,3]"},
      {LT::Array(LT::Int64()), Ints({}), "[]"},
      {LT::Array(LT::Decimal(2)), Value::Array({Value::Decimal(-5), Value::Decimal(250)}),
       "[-0.05,2.50]"},
      {LT::Array(LT::Date()), Value::Array({Value::Date(0)}), "[1970-01-01]"},
      {LT::Array(LT::Array(LT::String())),
       Value::Array({Value::Array({Value::String("a")}), Value::Array({})}), "[[a],[]]"},
  };
  for (const Case& test : cases) {
    EXPECT_EQ(test.value.ToString(test.type), test.text) << test.type.ToString();
  }
}

TEST(FormatDecimal, MatchesToString) {
  EXPECT_EQ(FormatDecimal(-5, 2), "-0.05");
  EXPECT_EQ(FormatDecimal(100, 1), "10.0");
  EXPECT_EQ(FormatDecimal(0, 0), "0");
}

std::vector<Value> SampleValues() {
  return {
      Value::Null(),
      Value::Bool(true),
      Value::Bool(false),
      Value::Int64(0),
      Value::Int64(INT64_MIN),
      Value::Int64(INT64_MAX),
      Value::Float64(-0.0),
      Value::Float64(3.141592653589793),
      Value::Float64(std::numeric_limits<double>::infinity()),
      Value::Float64(std::numeric_limits<double>::denorm_min()),
      Value::Decimal(0),
      Value::Decimal(-5),
      Value::Decimal(kInt128Min),
      Value::Decimal(kInt128Max),
      Value::String(""),
      Value::String(std::string("bin\0ary\xff", 8)),
      Value::String(std::string(300, 'x')),
      Value::Uuid({0x123e4567e89b12d3ULL, 0xa456426614174000ULL}),
      Value::Uuid({UINT64_MAX, 0}),
      Value::Array({}),
      Value::Array({Value::Null(), Value::Int64(-1), Value::String("mixed")}),
      Value::Array({Value::Array({Value::Decimal(1)}), Value::Array({})}),
  };
}

TEST(Value, SerializeRoundTrips) {
  for (const Value& value : SampleValues()) {
    std::string bytes;
    BinaryWriter writer(&bytes);
    value.Serialize(&writer);
    writer.PutByte(0x77);  // Deserialize must stop exactly at the end of the value.
    BinaryReader reader(bytes, "zone map");
    Value decoded = Value::String("not overwritten");
    ASSERT_TRUE(Value::Deserialize(&reader, &decoded).ok()) << bytes.size();
    EXPECT_EQ(decoded, value);
    EXPECT_EQ(decoded.storage().index(), value.storage().index());
    EXPECT_EQ(reader.remaining(), 1u);
  }
  // Serialization keeps the sign of zero and every bit of a NaN.
  for (double d : {-0.0, std::nan("7")}) {
    std::string bytes;
    BinaryWriter writer(&bytes);
    Value::Float64(d).Serialize(&writer);
    BinaryReader reader(bytes, "zone map");
    Value decoded;
    ASSERT_TRUE(Value::Deserialize(&reader, &decoded).ok());
    double back = decoded.as_float64();
    EXPECT_EQ(std::memcmp(&back, &d, sizeof(d)), 0);
  }
}

TEST(Value, DeserializeRejectsTruncatedAndCorruptBytes) {
  for (const Value& value : SampleValues()) {
    std::string bytes;
    BinaryWriter writer(&bytes);
    value.Serialize(&writer);
    for (size_t cut = 0; cut < bytes.size(); ++cut) {
      std::string truncated = bytes.substr(0, cut);
      BinaryReader reader(truncated, "zone map of part-4");
      Value decoded;
      Status status = Value::Deserialize(&reader, &decoded);
      EXPECT_EQ(status.code(), StatusCode::kCorruption) << "cut at " << cut;
      EXPECT_NE(status.message().find("zone map of part-4"), std::string::npos)
          << status.ToString();
    }
  }
  struct Case {
    std::string name;
    std::string bytes;
  };
  std::vector<Case> cases = {
      {"unknown tag", std::string("\x08", 1)},
      {"huge tag", std::string("\xff\xff\x03", 3)},
      {"array longer than the input", std::string("\x07\x05\x00\x00", 4)},
      {"array with a 2^64-1 count", std::string("\x07", 1) + std::string(9, '\xff') + "\x01"},
      {"array holding an unknown tag", std::string("\x07\x01\x09", 3)},
  };
  for (const Case& test : cases) {
    BinaryReader reader(test.bytes, "zone map of part-4");
    Value decoded;
    Status status = Value::Deserialize(&reader, &decoded);
    EXPECT_EQ(status.code(), StatusCode::kCorruption) << test.name;
    EXPECT_NE(status.message().find("zone map of part-4"), std::string::npos)
        << test.name << ": " << status.ToString();
  }
}

TEST(Uuid, ParseAndFormat) {
  struct Case {
    std::string text;
    bool ok;
    Uuid128 uuid;
  };
  std::vector<Case> cases = {
      {"123e4567-e89b-12d3-a456-426614174000",
       true,
       {0x123e4567e89b12d3ULL, 0xa456426614174000ULL}},
      {"123E4567-E89B-12D3-A456-426614174000",
       true,
       {0x123e4567e89b12d3ULL, 0xa456426614174000ULL}},
      {"00000000-0000-0000-0000-000000000000", true, {0, 0}},
      {"ffffffff-ffff-ffff-ffff-ffffffffffff", true, {UINT64_MAX, UINT64_MAX}},
      {"00000000-0000-0001-8000-000000000000", true, {1, 0x8000000000000000ULL}},
      {"123e4567-e89b-12d3-a456-42661417400", false, {}},
      {"123e4567-e89b-12d3-a456-4266141740000", false, {}},
      {"123e4567e89b12d3a456426614174000", false, {}},
      {"{123e4567-e89b-12d3-a456-426614174000}", false, {}},
      {"123e456-7e89b-12d3-a456-426614174000", false, {}},
      {"123e4567-e89b-12d3-a456_426614174000", false, {}},
      {"g23e4567-e89b-12d3-a456-426614174000", false, {}},
      {"123e4567-e89b-12d3-a456-42661417400 ", false, {}},
      {"+23e4567-e89b-12d3-a456-426614174000", false, {}},
      {"", false, {}},
  };
  for (const Case& test : cases) {
    Uuid128 parsed{7, 7};
    EXPECT_EQ(ParseUuid(test.text, &parsed), test.ok) << "'" << test.text << "'";
    if (!test.ok) continue;
    EXPECT_EQ(parsed, test.uuid) << test.text;
    std::string lower = test.text;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(FormatUuid(parsed), lower);
  }
}

}  // namespace
}  // namespace larder
