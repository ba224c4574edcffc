#include "storage/block_codec.h"

#include <gtest/gtest.h>

#include <random>

#include "storage/integer_codec.h"
#include "storage/storage_test_util.h"

namespace larder::storage {
namespace {

using testing::BatchRows;

ColumnVector RoundTrip(const ColumnVector& column, size_t start, size_t count) {
  std::string bytes;
  EncodeBlock(column, start, count, &bytes);
  auto decoded = DecodeBlock(bytes, column.type(), count, "test block");
  EXPECT_TRUE(decoded.ok()) << decoded.status().ToString();
  return decoded.ok() ? std::move(*decoded) : ColumnVector(column.type());
}

void ExpectSameValues(const ColumnVector& expected, size_t start, const ColumnVector& actual) {
  for (size_t row = 0; row < actual.size(); ++row) {
    ASSERT_EQ(expected.GetValue(start + row), actual.GetValue(row)) << "row " << row;
  }
}

struct IntegerCase {
  std::string name;
  std::vector<int64_t> values;
  IntegerEncoding expected;
};

std::vector<int64_t> Sequence(size_t n, int64_t start, int64_t step) {
  std::vector<int64_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = start + static_cast<int64_t>(i) * step;
  return v;
}

TEST(IntegerCodec, ChoosesTheSmallestEncodingAndRoundTrips) {
  std::mt19937_64 random(7);
  std::vector<int64_t> wide(1000), small_range(1000), jittered(1000);
  for (auto& v : wide) v = static_cast<int64_t>(random());
  for (auto& v : small_range) v = 1'000'000 + static_cast<int64_t>(random() % 100);
  for (size_t i = 0; i < jittered.size(); ++i) {
    jittered[i] = 1'700'000'000'000'000 + static_cast<int64_t>(i) * 250'000 +
                  static_cast<int64_t>(random() % 1000);
  }
  std::vector<int64_t> runs(1000);
  for (size_t i = 0; i < runs.size(); ++i) runs[i] = static_cast<int64_t>(i / 250);
  std::vector<IntegerCase> cases = {
      {"random 64-bit", wide, IntegerEncoding::kPlain},
      {"small range", small_range, IntegerEncoding::kFrameOfReference},
      {"increasing timestamps", jittered, IntegerEncoding::kDelta},
      {"long runs", runs, IntegerEncoding::kRle},
      {"constant", std::vector<int64_t>(1000, -5), IntegerEncoding::kRle},
      {"extremes", {INT64_MIN, INT64_MAX, 0, INT64_MIN, INT64_MAX}, IntegerEncoding::kPlain},
      {"one value", {42}, IntegerEncoding::kPlain},
      {"arithmetic", Sequence(1000, -500, 3), IntegerEncoding::kDelta},
  };
  for (const auto& test : cases) {
    std::string bytes;
    EncodeIntegers(test.values.data(), test.values.size(), 8, &bytes);
    EXPECT_EQ(static_cast<IntegerEncoding>(bytes[0]), test.expected) << test.name;
    BinaryReader reader(bytes, "test");
    std::vector<int64_t> decoded(test.values.size());
    ASSERT_TRUE(DecodeIntegers(&reader, decoded.size(), 8, decoded.data()).ok()) << test.name;
    EXPECT_EQ(decoded, test.values) << test.name;
    EXPECT_EQ(reader.remaining(), 0u) << test.name;
  }
}

TEST(IntegerCodec, TruncatedInputIsCorruptionNotACrash) {
  std::vector<int64_t> values = Sequence(5000, 0, 7);
  std::string bytes;
  EncodeIntegers(values.data(), values.size(), 8, &bytes);
  for (size_t cut = 0; cut < bytes.size(); cut += 13) {
    BinaryReader reader(std::string_view(bytes).substr(0, cut), "cut block");
    std::vector<int64_t> decoded(values.size());
    Status status = DecodeIntegers(&reader, decoded.size(), 8, decoded.data());
    EXPECT_EQ(status.code(), StatusCode::kCorruption) << "cut at " << cut;
  }
}

struct TypeCase {
  std::string name;
  LogicalType type;
  std::vector<Value> values;
};

std::vector<TypeCase> TypeCases() {
  Uuid128 uuid{0x0123456789abcdefULL, 0xfedcba9876543210ULL};
  return {
      {"bool", LogicalType::Bool(), {Value::Bool(true), Value::Bool(false), Value::Bool(true)}},
      {"int64", LogicalType::Int64(), {Value::Int64(-1), Value::Int64(INT64_MAX), Value::Int64(3)}},
      {"float64",
       LogicalType::Float64(),
       {Value::Float64(1.5), Value::Float64(-0.0), Value::Float64(1e300)}},
      {"decimal",
       LogicalType::Decimal(4),
       {Value::Decimal(-12345), Value::Decimal(Int128{1} << 100)}},
      {"string",
       LogicalType::String(),
       {Value::String("a"), Value::String(""), Value::String("héllo\n")}},
      {"date", LogicalType::Date(), {Value::Date(-719162), Value::Date(0), Value::Date(20000)}},
      {"datetime",
       LogicalType::DateTime(),
       {Value::DateTime(-1), Value::DateTime(1'700'000'000'123'456)}},
      {"uuid", LogicalType::Uuid(), {Value::Uuid(uuid), Value::Uuid({})}},
      {"json", LogicalType::Json(), {Value::String(R"({"a":[1,2]})"), Value::String("null")}},
      {"array",
       LogicalType::Array(LogicalType::Int64()),
       {Value::Array({Value::Int64(1), Value::Int64(2)}), Value::Array({}),
        Value::Array({Value::Int64(-3)})}},
      {"array of nullable strings",
       LogicalType::Array(LogicalType::String().WithNullable(true)),
       {Value::Array({Value::String("x"), Value::Null()}), Value::Array({})}},
  };
}

// The case's values 50 times over, each time followed by a NULL when `with_nulls`.
ColumnVector RepeatedValues(const TypeCase& test, bool with_nulls) {
  ColumnVector column(test.type.WithNullable(with_nulls));
  for (int repeat = 0; repeat < 50; ++repeat) {
    for (const Value& value : test.values) column.AppendValue(value);
    if (with_nulls) column.AppendNull();
  }
  return column;
}

TEST(BlockCodec, EveryTypeRoundTripsWithAndWithoutNulls) {
  for (const auto& test : TypeCases()) {
    for (bool with_nulls : {false, true}) {
      ColumnVector column = RepeatedValues(test, with_nulls);
      ColumnVector decoded = RoundTrip(column, 0, column.size());
      ASSERT_EQ(decoded.size(), column.size()) << test.name;
      ExpectSameValues(column, 0, decoded);
      // A block in the middle of the column.
      ColumnVector middle = RoundTrip(column, 7, 40);
      ExpectSameValues(column, 7, middle);
    }
  }
}

TEST(BlockCodec, ChosenRowsOfEveryTypeAndEncodingComeBackInOrder) {
  const std::vector<uint32_t> rows = {0, 3, 4, 50, 98, 99};  // Every case has 100 rows or more.
  for (const auto& test : TypeCases()) {
    for (bool with_nulls : {false, true}) {
      ColumnVector column = RepeatedValues(test, with_nulls);
      std::string bytes;
      EncodeBlock(column, 0, column.size(), &bytes);
      auto decoded = DecodeBlock(bytes, column.type(), column.size(), "test", &rows);
      ASSERT_TRUE(decoded.ok()) << test.name << ": " << decoded.status().ToString();
      ASSERT_EQ(decoded->size(), rows.size()) << test.name;
      for (size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(decoded->GetValue(i).ToString(decoded->type()),
                  column.GetValue(rows[i]).ToString(column.type()))
            << test.name << " row " << rows[i];
      }
    }
  }
  // Plain strings (many distinct, some NULL) copy only the chosen ones.
  ColumnVector json(LogicalType::Json().WithNullable(true));
  for (int i = 0; i < 5000; ++i) {
    if (i % 11 == 0) {
      json.AppendNull();
    } else {
      json.AppendString("{\"n\":" + std::to_string(i) + "}");
    }
  }
  std::string bytes;
  EncodeBlock(json, 0, json.size(), &bytes);
  const std::vector<uint32_t> picked = {1, 11, 4999};
  auto decoded = DecodeBlock(bytes, json.type(), json.size(), "test", &picked);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_FALSE(decoded->is_dictionary());
  EXPECT_EQ(decoded->chars().size(), std::string("{\"n\":1}{\"n\":4999}").size());
  EXPECT_EQ(decoded->GetString(0), "{\"n\":1}");
  EXPECT_TRUE(decoded->IsNull(1));
  EXPECT_EQ(decoded->GetString(2), "{\"n\":4999}");
}

TEST(BlockCodec, LowCardinalityStringsComeBackAsDictionaryVectors) {
  ColumnVector column(LogicalType::String());
  for (int i = 0; i < 10000; ++i) column.AppendString(i % 3 == 0 ? "$pageview" : "$autocapture");
  std::string bytes;
  EncodeBlock(column, 0, column.size(), &bytes);
  EXPECT_LT(bytes.size(), 2000u);  // ~1 bit per row plus the dictionary.
  auto decoded = DecodeBlock(bytes, column.type(), column.size(), "test");
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(decoded->is_dictionary());
  EXPECT_EQ(decoded->dictionary().size(), 2u);
  ExpectSameValues(column, 0, *decoded);
}

TEST(BlockCodec, HighCardinalityStringsStayPlain) {
  ColumnVector column(LogicalType::String());
  for (int i = 0; i < 1000; ++i) column.AppendString("user_" + std::to_string(i));
  ColumnVector decoded = RoundTrip(column, 0, column.size());
  EXPECT_FALSE(decoded.is_dictionary());
  ExpectSameValues(column, 0, decoded);
}

TEST(BlockCodec, DamagedBytesAreCorruptionErrors) {
  std::mt19937_64 random(11);
  for (const auto& test : TypeCases()) {
    ColumnVector column(test.type.WithNullable(true));
    for (int repeat = 0; repeat < 20; ++repeat) {
      for (const Value& value : test.values) column.AppendValue(value);
      column.AppendNull();
    }
    std::string bytes;
    EncodeBlock(column, 0, column.size(), &bytes);
    // Truncations must fail; random byte flips must fail or decode to some values, never crash.
    for (size_t cut = 0; cut < bytes.size(); cut += 3) {
      auto decoded = DecodeBlock(std::string_view(bytes).substr(0, cut), column.type(),
                                 column.size(), "damaged block");
      EXPECT_FALSE(decoded.ok()) << test.name << " cut at " << cut;
      if (!decoded.ok()) {
        EXPECT_EQ(decoded.status().code(), StatusCode::kCorruption);
      }
    }
    for (int flip = 0; flip < 200; ++flip) {
      std::string damaged = bytes;
      damaged[random() % damaged.size()] ^= static_cast<char>(1 + random() % 255);
      auto decoded = DecodeBlock(damaged, column.type(), column.size(), "damaged block");
      if (!decoded.ok()) {
        EXPECT_EQ(decoded.status().code(), StatusCode::kCorruption);
      }
    }
  }
}

}  // namespace
}  // namespace larder::storage
