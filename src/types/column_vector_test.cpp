#include "types/column_vector.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace larder {
namespace {

using LT = LogicalType;

LogicalType Nullable(LogicalType type) { return type.WithNullable(true); }

ColumnVector Build(const LogicalType& type, const std::vector<Value>& values) {
  ColumnVector column(type);
  for (const Value& value : values) column.AppendValue(value);
  return column;
}

std::vector<Value> ValuesOf(const ColumnVector& column) {
  std::vector<Value> values;
  for (size_t row = 0; row < column.size(); ++row) values.push_back(column.GetValue(row));
  return values;
}

std::string Describe(const std::vector<Value>& values, const LogicalType& type) {
  std::string text = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ", ";
    text += values[i].ToString(type);
  }
  return text + "}";
}

// Checks values, NULLs and size, printing both sides on a mismatch.
void ExpectValues(const ColumnVector& column, const std::vector<Value>& expected) {
  ASSERT_EQ(column.size(), expected.size()) << column.type().ToString();
  std::vector<Value> actual = ValuesOf(column);
  EXPECT_EQ(actual, expected) << column.type().ToString() << ": got "
                              << Describe(actual, column.type()) << ", want "
                              << Describe(expected, column.type());
  for (size_t row = 0; row < expected.size(); ++row) {
    EXPECT_EQ(column.IsNull(row), expected[row].is_null()) << "row " << row;
  }
}

Value Ints(std::vector<int64_t> values) {
  std::vector<Value> elements;
  for (int64_t v : values) elements.push_back(Value::Int64(v));
  return Value::Array(std::move(elements));
}
Value Str(std::string s) { return Value::String(std::move(s)); }

// A column of each type with sample values; Nullable ones have NULLs first, inside and last.
struct Sample {
  LogicalType type;
  std::vector<Value> values;
};

std::vector<Sample> Samples() {
  const Value null;
  return {
      {LT::Bool(), {Value::Bool(true), Value::Bool(false), Value::Bool(true)}},
      {Nullable(LT::Bool()), {null, Value::Bool(false), null, Value::Bool(true)}},
      {LT::Int64(), {Value::Int64(1), Value::Int64(INT64_MIN), Value::Int64(INT64_MAX)}},
      {Nullable(LT::Int64()), {null, Value::Int64(-2), null, Value::Int64(3), null}},
      {LT::Float64(), {Value::Float64(1.5), Value::Float64(-0.25)}},
      {Nullable(LT::Float64()), {Value::Float64(2.0), null}},
      {LT::Decimal(2), {Value::Decimal(-5), Value::Decimal(Int128{1} << 100)}},
      {Nullable(LT::Decimal(4)), {null, Value::Decimal(123456789)}},
      {LT::String(), {Str("alpha"), Str(""), Str("gamma")}},
      {Nullable(LT::String()), {null, Str("b"), null, Str(""), Str("e")}},
      {LT::Json(), {Str("{\"a\":1}"), Str("[]")}},
      {Nullable(LT::Json()), {null, Str("{}")}},
      {LT::Date(), {Value::Date(0), Value::Date(-1), Value::Date(20783)}},
      {Nullable(LT::Date()), {Value::Date(5), null}},
      {LT::DateTime(), {Value::DateTime(-1), Value::DateTime(1700000000123456)}},
      {Nullable(LT::DateTime()), {null, null, Value::DateTime(7)}},
      {LT::Uuid(), {Value::Uuid({1, 2}), Value::Uuid({UINT64_MAX, 0})}},
      {Nullable(LT::Uuid()), {null, Value::Uuid({3, 4})}},
      {LT::Array(LT::Int64()), {Ints({1, 2}), Ints({}), Ints({3})}},
      {Nullable(LT::Array(LT::Int64())), {null, Ints({1}), null, Ints({}), Ints({2, 3})}},
      {LT::Array(Nullable(LT::String())),
       {Value::Array({Str("x"), null}), Value::Array({}), Value::Array({null})}},
      {Nullable(LT::Array(LT::Array(LT::Int64()))),
       {Value::Array({Ints({1}), Ints({})}), null, Value::Array({})}},
  };
}

TEST(ColumnVector, AppendValueThenGetValueRoundTripsEveryType) {
  for (const Sample& sample : Samples()) {
    SCOPED_TRACE(sample.type.ToString());
    ColumnVector column = Build(sample.type, sample.values);
    EXPECT_EQ(column.type(), sample.type);
    ExpectValues(column, sample.values);
    bool any_null = false;
    for (const Value& v : sample.values) any_null |= v.is_null();
    EXPECT_EQ(column.has_nulls(), any_null);
  }
}

TEST(ColumnVector, AppendNullAsTheFirstRowOfEveryType) {
  for (const Sample& sample : Samples()) {
    SCOPED_TRACE(sample.type.ToString());
    ColumnVector column(Nullable(sample.type));
    column.AppendNull();
    column.AppendNull();
    for (const Value& value : sample.values) column.AppendValue(value);
    column.AppendNull();
    std::vector<Value> expected = {Value(), Value()};
    expected.insert(expected.end(), sample.values.begin(), sample.values.end());
    expected.push_back(Value());
    ExpectValues(column, expected);
  }
}

TEST(ColumnVector, TypedAppendsFillTheDocumentedBuffers) {
  ColumnVector ints(Nullable(LT::Int64()));
  ints.Append<int64_t>(10);
  ints.AppendNull();
  ints.Append<int64_t>(-30);
  ASSERT_EQ(ints.size(), 3u);
  EXPECT_EQ(ints.data<int64_t>()[0], 10);
  EXPECT_EQ(ints.data<int64_t>()[2], -30);
  EXPECT_EQ(ints.nulls(), (std::vector<uint8_t>{0, 1, 0}));

  ColumnVector dates(LT::Date());
  dates.Append<int32_t>(-1);
  EXPECT_EQ(dates.GetValue(0), Value::Date(-1));
  EXPECT_EQ(dates.GetValue(0).ToString(dates.type()), "1969-12-31");

  ColumnVector decimals(LT::Decimal(2));
  decimals.Append<Int128>(-5);
  EXPECT_EQ(decimals.GetValue(0).ToString(decimals.type()), "-0.05");

  ColumnVector uuids(LT::Uuid());
  uuids.Append<Uuid128>({0x123e4567e89b12d3ULL, 0xa456426614174000ULL});
  EXPECT_EQ(uuids.GetValue(0).ToString(uuids.type()), "123e4567-e89b-12d3-a456-426614174000");

  ColumnVector bools(LT::Bool());
  bools.Append<uint8_t>(1);
  bools.Append<uint8_t>(0);
  EXPECT_EQ(ValuesOf(bools), (std::vector<Value>{Value::Bool(true), Value::Bool(false)}));

  ColumnVector strings(Nullable(LT::String()));
  strings.AppendString("ab");
  strings.AppendNull();
  strings.AppendString("");
  strings.AppendString("c");
  EXPECT_EQ(strings.offsets(), (std::vector<uint32_t>{0, 2, 2, 2, 3}));
  EXPECT_EQ(strings.chars(), "abc");
  EXPECT_EQ(strings.GetString(0), "ab");
  EXPECT_EQ(strings.GetString(2), "");
  EXPECT_EQ(strings.GetString(3), "c");
  EXPECT_TRUE(strings.IsNull(1));
}

TEST(ColumnVector, ArraysBuiltThroughTheChild) {
  ColumnVector arrays(Nullable(LT::Array(LT::Int64())));
  arrays.mutable_child()->Append<int64_t>(1);
  arrays.mutable_child()->Append<int64_t>(2);
  arrays.FinishArrayRow();
  arrays.FinishArrayRow();  // Empty.
  arrays.AppendNull();
  arrays.mutable_child()->Append<int64_t>(3);
  arrays.AppendArrayRow(1);
  ExpectValues(arrays, {Ints({1, 2}), Ints({}), Value(), Ints({3})});
  EXPECT_EQ(arrays.child().size(), 3u);
}

TEST(ColumnVector, ResizeCompactNullsAndClone) {
  ColumnVector column(Nullable(LT::Int64()));
  column.Resize(3);
  ExpectValues(column, {Value::Int64(0), Value::Int64(0), Value::Int64(0)});
  (*column.mutable_nulls())[1] = 1;
  ColumnVector copy = column.Clone();
  (*column.mutable_nulls())[1] = 0;
  column.mutable_data<int64_t>()[0] = 9;
  column.CompactNulls();
  EXPECT_FALSE(column.has_nulls()) << "a map without NULL is dropped";
  ExpectValues(column, {Value::Int64(9), Value::Int64(0), Value::Int64(0)});
  ExpectValues(copy, {Value::Int64(0), Value(), Value::Int64(0)});
  copy.CompactNulls();
  EXPECT_TRUE(copy.has_nulls()) << "a map with a NULL stays";

  ColumnVector arrays = Build(LT::Array(LT::String()), {Value::Array({Str("a")})});
  ColumnVector arrays_copy = arrays.Clone();
  arrays.mutable_child()->AppendString("b");
  arrays.FinishArrayRow();
  ExpectValues(arrays_copy, {Value::Array({Str("a")})});
}

// A dictionary-encoded string vector; rows in `null_rows` are NULL.
ColumnVector Dictionary(const std::vector<std::string>& entries, std::vector<uint32_t> codes,
                        const std::vector<size_t>& null_rows, bool nullable = true) {
  auto dictionary = std::make_shared<ColumnVector>(LT::String());
  for (const std::string& entry : entries) dictionary->AppendString(entry);
  LogicalType type = nullable ? Nullable(LT::String()) : LT::String();
  ColumnVector column = ColumnVector::MakeDictionary(type, std::move(dictionary), std::move(codes));
  for (size_t row : null_rows) (*column.mutable_nulls())[row] = 1;
  return column;
}

TEST(ColumnVector, DictionaryVectorsReadLikeFlatOnes) {
  ColumnVector column = Dictionary({"red", "green"}, {1, 0, 0, 1}, {2});
  EXPECT_TRUE(column.is_dictionary());
  ExpectValues(column, {Str("green"), Str("red"), Value(), Str("green")});
  EXPECT_EQ(column.GetString(0), "green");
}

TEST(ColumnVector, FlattenTurnsADictionaryIntoAFlatVector) {
  struct Case {
    std::string name;
    ColumnVector column;
    std::vector<Value> expected;
  };
  std::vector<Case> cases;
  cases.push_back(
      {"no NULLs", Dictionary({"a", "bb"}, {1, 1, 0}, {}), {Str("bb"), Str("bb"), Str("a")}});
  cases.push_back(
      {"with NULLs", Dictionary({"a", "bb"}, {0, 1, 0}, {0, 2}), {Value(), Str("bb"), Value()}});
  cases.push_back(
      {"only NULLs over an empty dictionary", Dictionary({}, {0, 0}, {0, 1}), {Value(), Value()}});
  cases.push_back({"empty", Dictionary({"a"}, {}, {}), {}});
  {
    ColumnVector appended = Dictionary({"x"}, {0, 0}, {});
    appended.AppendNull();
    cases.push_back(
        {"NULL appended to a dictionary", std::move(appended), {Str("x"), Str("x"), Value()}});
  }
  {
    ColumnVector appended = Dictionary({}, {}, {});
    appended.AppendNull();
    cases.push_back({"NULL appended to an empty dictionary", std::move(appended), {Value()}});
  }
  for (Case& test : cases) {
    SCOPED_TRACE(test.name);
    ExpectValues(test.column, test.expected);
    test.column.Flatten();
    EXPECT_FALSE(test.column.is_dictionary());
    ExpectValues(test.column, test.expected);
    EXPECT_EQ(test.column.offsets().size(), test.expected.size() + 1);
    std::string chars;
    for (const Value& v : test.expected) {
      if (!v.is_null()) chars += v.as_string();
    }
    EXPECT_EQ(test.column.chars(), chars);
    test.column.Flatten();  // A no-op on a flat vector.
    ExpectValues(test.column, test.expected);
  }
}

std::vector<Value> Slice(const std::vector<Value>& values, size_t start, size_t count) {
  return std::vector<Value>(values.begin() + static_cast<ptrdiff_t>(start),
                            values.begin() + static_cast<ptrdiff_t>(start + count));
}

TEST(ColumnVector, AppendRangeCopiesRowsWithAndWithoutNulls) {
  for (const Sample& sample : Samples()) {
    LogicalType type = Nullable(sample.type);
    ColumnVector source = Build(type, sample.values);
    size_t n = sample.values.size();
    // Destinations: empty, holding a row without NULLs, holding a NULL.
    std::vector<std::vector<Value>> prefixes = {{}, {sample.values.back()}, {Value()}};
    for (const auto& prefix : prefixes) {
      for (size_t start = 0; start <= n; ++start) {
        for (size_t count = 0; start + count <= n; ++count) {
          SCOPED_TRACE(testing::Message() << type.ToString() << " prefix " << prefix.size()
                                          << " rows [" << start << ", " << start + count << ")");
          ColumnVector destination = Build(type, prefix);
          destination.AppendRange(source, start, count);
          std::vector<Value> expected = prefix;
          std::vector<Value> copied = Slice(sample.values, start, count);
          expected.insert(expected.end(), copied.begin(), copied.end());
          ExpectValues(destination, expected);
        }
      }
    }
  }
}

TEST(ColumnVector, AppendRangeFromAndIntoDictionaryVectors) {
  ColumnVector source = Dictionary({"a", "b", "c"}, {2, 0, 1, 1}, {1});
  std::vector<Value> source_values = {Str("c"), Value(), Str("b"), Str("b")};

  ColumnVector flat = Build(Nullable(LT::String()), {Str("first")});
  flat.AppendRange(source, 1, 3);
  ExpectValues(flat, {Str("first"), Value(), Str("b"), Str("b")});

  ColumnVector into_dictionary = Dictionary({"x"}, {0}, {});
  into_dictionary.AppendRange(source, 0, 4);
  std::vector<Value> expected = {Str("x")};
  expected.insert(expected.end(), source_values.begin(), source_values.end());
  ExpectValues(into_dictionary, expected);
}

TEST(ColumnVector, TakePicksRowsInOrder) {
  for (const Sample& sample : Samples()) {
    SCOPED_TRACE(sample.type.ToString());
    ColumnVector column = Build(sample.type, sample.values);
    uint32_t last = static_cast<uint32_t>(sample.values.size() - 1);
    std::vector<std::vector<uint32_t>> selections = {{}, {0}, {last, 0, last}, {1, 1, 0}};
    for (const auto& rows : selections) {
      ColumnVector taken = column.Take(rows);
      std::vector<Value> expected;
      for (uint32_t row : rows) expected.push_back(sample.values[row]);
      EXPECT_EQ(taken.type(), sample.type);
      ExpectValues(taken, expected);
    }
  }
  ColumnVector dictionary = Dictionary({"a", "b"}, {1, 0, 1}, {2});
  ColumnVector taken = dictionary.Take({2, 0, 1});
  EXPECT_FALSE(taken.is_dictionary());
  ExpectValues(taken, {Value(), Str("b"), Str("a")});
}

TEST(ColumnVector, CastToWidensEveryAllowedConversion) {
  const Value null;
  struct Case {
    std::string name;
    LogicalType from;
    std::vector<Value> input;
    LogicalType to;
    std::vector<Value> expected;
  };
  std::vector<Case> cases = {
      {"Int64 -> Float64",
       LT::Int64(),
       {Value::Int64(3), Value::Int64(-7)},
       LT::Float64(),
       {Value::Float64(3.0), Value::Float64(-7.0)}},
      {"Nullable(Int64) -> Nullable(Float64)",
       Nullable(LT::Int64()),
       {null, Value::Int64(2)},
       Nullable(LT::Float64()),
       {null, Value::Float64(2.0)}},
      {"Int64 -> Decimal(38, 3) scales",
       LT::Int64(),
       {Value::Int64(5), Value::Int64(-7)},
       LT::Decimal(3),
       {Value::Decimal(5000), Value::Decimal(-7000)}},
      {"Int64 extremes -> Decimal(38, 19)",
       LT::Int64(),
       {Value::Int64(INT64_MAX), Value::Int64(INT64_MIN)},
       LT::Decimal(19),
       {Value::Decimal(Int128{INT64_MAX} * 10000000000000000000ULL),
        Value::Decimal(Int128{INT64_MIN} * 10000000000000000000ULL)}},
      {"Decimal(38, 1) -> Decimal(38, 3)",
       LT::Decimal(1),
       {Value::Decimal(12), Value::Decimal(-5)},
       LT::Decimal(3),
       {Value::Decimal(1200), Value::Decimal(-500)}},
      {"Decimal(38, 2) -> Decimal(38, 2) keeps values",
       LT::Decimal(2),
       {Value::Decimal(12)},
       LT::Decimal(2),
       {Value::Decimal(12)}},
      {"Date -> DateTime",
       LT::Date(),
       {Value::Date(1), Value::Date(-1), Value::Date(0)},
       LT::DateTime(),
       {Value::DateTime(86400000000), Value::DateTime(-86400000000), Value::DateTime(0)}},
      {"Bool -> Int64",
       LT::Bool(),
       {Value::Bool(true), Value::Bool(false)},
       LT::Int64(),
       {Value::Int64(1), Value::Int64(0)}},
      {"Int64 -> String",
       LT::Int64(),
       {Value::Int64(42), Value::Int64(-1)},
       LT::String(),
       {Str("42"), Str("-1")}},
      {"Nullable(Int64) -> Nullable(String)",
       Nullable(LT::Int64()),
       {null, Value::Int64(1)},
       Nullable(LT::String()),
       {null, Str("1")}},
      {"Decimal -> String", LT::Decimal(2), {Value::Decimal(-5)}, LT::String(), {Str("-0.05")}},
      {"Date -> String", LT::Date(), {Value::Date(11016)}, LT::String(), {Str("2000-02-29")}},
      {"DateTime -> String",
       LT::DateTime(),
       {Value::DateTime(-1)},
       LT::String(),
       {Str("1969-12-31 23:59:59.999999")}},
      {"Bool -> String", LT::Bool(), {Value::Bool(true)}, LT::String(), {Str("true")}},
      {"UUID -> String",
       LT::Uuid(),
       {Value::Uuid({0, 1})},
       LT::String(),
       {Str("00000000-0000-0000-0000-000000000001")}},
      {"JSON -> String", LT::Json(), {Str("{\"a\":1}")}, LT::String(), {Str("{\"a\":1}")}},
      {"Array(Int64) -> String",
       LT::Array(LT::Int64()),
       {Ints({1, 2})},
       LT::String(),
       {Str("[1,2]")}},
      {"Array(Int64) -> Array(Float64)",
       LT::Array(LT::Int64()),
       {Ints({1, 2}), Ints({}), Ints({3})},
       LT::Array(LT::Float64()),
       {Value::Array({Value::Float64(1), Value::Float64(2)}), Value::Array({}),
        Value::Array({Value::Float64(3)})}},
      {"Nullable(Array(Int64)) -> Nullable(Array(Decimal(38, 1)))",
       Nullable(LT::Array(LT::Int64())),
       {null, Ints({4}), null},
       Nullable(LT::Array(LT::Decimal(1))),
       {null, Value::Array({Value::Decimal(40)}), null}},
      {"Array(Int64) -> Array(Nullable(Int64))",
       LT::Array(LT::Int64()),
       {Ints({1}), Ints({})},
       LT::Array(Nullable(LT::Int64())),
       {Ints({1}), Ints({})}},
      {"Int64 -> Nullable(Int64)",
       LT::Int64(),
       {Value::Int64(1)},
       Nullable(LT::Int64()),
       {Value::Int64(1)}},
      {"String -> Nullable(String)",
       LT::String(),
       {Str("a"), Str("")},
       Nullable(LT::String()),
       {Str("a"), Str("")}},
      {"Array(Int64) -> Nullable(Array(Int64))",
       LT::Array(LT::Int64()),
       {Ints({5, 6})},
       Nullable(LT::Array(LT::Int64())),
       {Ints({5, 6})}},
      {"Date -> Nullable(DateTime)",
       LT::Date(),
       {Value::Date(1)},
       Nullable(LT::DateTime()),
       {Value::DateTime(86400000000)}},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    ASSERT_TRUE(IsWideningConversion(test.from, test.to));
    ColumnVector column = Build(test.from, test.input);
    auto cast = column.CastTo(test.to);
    ASSERT_TRUE(cast.ok()) << cast.status().ToString();
    EXPECT_EQ(cast->type(), test.to);
    if (test.to.id() == TypeId::kArray) {
      EXPECT_EQ(cast->child().type(), test.to.element());
    }
    ExpectValues(*cast, test.expected);
    ExpectValues(column, test.input);  // The source is unchanged.
  }
}

TEST(ColumnVector, CastToOfADictionaryVector) {
  ColumnVector column = Dictionary({"a", "b"}, {1, 0}, {}, /*nullable=*/false);
  auto cast = column.CastTo(Nullable(LT::String()));
  ASSERT_TRUE(cast.ok()) << cast.status().ToString();
  ExpectValues(*cast, {Str("b"), Str("a")});
}

TEST(ColumnVector, CastToRefusesNarrowingConversions) {
  struct Case {
    LogicalType from;
    std::vector<Value> input;
    LogicalType to;
  };
  std::vector<Case> cases = {
      {LT::Float64(), {Value::Float64(1.5)}, LT::Int64()},
      {Nullable(LT::Int64()), {Value::Int64(1)}, LT::Int64()},
      {LT::String(), {Str("1")}, LT::Int64()},
      {LT::Int64(), {Value::Int64(1)}, LT::Decimal(20)},
      {LT::Decimal(3), {Value::Decimal(1)}, LT::Decimal(1)},
      {LT::DateTime(), {Value::DateTime(0)}, LT::Date()},
      {LT::Array(LT::Float64()), {Value::Array({})}, LT::Array(LT::Int64())},
  };
  for (const Case& test : cases) {
    ColumnVector column = Build(test.from, test.input);
    auto cast = column.CastTo(test.to);
    ASSERT_FALSE(cast.ok()) << test.from.ToString() << " -> " << test.to.ToString();
    EXPECT_EQ(cast.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(cast.status().message().find(test.from.ToString()), std::string::npos)
        << cast.status().ToString();
    EXPECT_NE(cast.status().message().find(test.to.ToString()), std::string::npos)
        << cast.status().ToString();
  }
}

TEST(ColumnVector, CastToADecimalWithAScaleTooLargeForTheValueFails) {
  // Decimal(38, s) holds 38 digits: 10^37 has 38 digits, one too many at scale 1.
  Int128 big = 1;
  for (int i = 0; i < 37; ++i) big *= 10;
  struct Case {
    LogicalType from;
    Value value;
    LogicalType to;
    bool fits;
  };
  std::vector<Case> cases = {
      {LT::Decimal(0), Value::Decimal(big), LT::Decimal(1), false},
      {LT::Decimal(0), Value::Decimal(-big), LT::Decimal(1), false},
      {LT::Decimal(0), Value::Decimal(big - 1), LT::Decimal(1), true},
      {LT::Decimal(0), Value::Decimal(1 - big), LT::Decimal(1), true},
      {LT::Decimal(0), Value::Decimal(big), LT::Decimal(38), false},
      {LT::Decimal(0), Value::Decimal(1), LT::Decimal(37), true},
      {LT::Decimal(0), Value::Decimal(10), LT::Decimal(37), false},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.value.ToString(test.from) + " -> " + test.to.ToString());
    auto cast = Build(test.from, {test.value}).CastTo(test.to);
    EXPECT_EQ(cast.ok(), test.fits) << cast.status().ToString();
    if (!cast.ok()) {
      EXPECT_EQ(cast.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(cast.status().message().find(test.value.ToString(test.from)), std::string::npos)
          << cast.status().ToString();
    }
  }
}

TEST(Schema, FindField) {
  Schema schema{{{"id", LT::Int64()}, {"name", LT::String()}}};
  EXPECT_EQ(schema.FindField("id"), 0);
  EXPECT_EQ(schema.FindField("name"), 1);
  EXPECT_EQ(schema.FindField("Name"), -1);
  EXPECT_EQ(schema.FindField(""), -1);
}

TEST(Batch, ValidateReportsEveryMismatch) {
  Schema schema{{{"id", LT::Int64()}, {"name", Nullable(LT::String())}}};
  auto ids = [](std::vector<Value> values) { return Build(LT::Int64(), values); };
  auto names = [](std::vector<Value> values) { return Build(Nullable(LT::String()), values); };
  struct Case {
    std::string name;
    std::function<Batch()> make;
    std::vector<std::string> message_parts;  // Empty: valid.
  };
  std::vector<Case> cases = {
      {"valid",
       [&] {
         Batch b{schema, {}};
         b.columns.push_back(ids({Value::Int64(1), Value::Int64(2)}));
         b.columns.push_back(names({Str("a"), Value()}));
         return b;
       },
       {}},
      {"empty batch", [&] { return Batch::Empty(schema); }, {}},
      {"Nullable column without NULLs in a non-Nullable field",
       [&] {
         Batch b{schema, {}};
         b.columns.push_back(Build(Nullable(LT::Int64()), {Value::Int64(1)}));
         b.columns.push_back(names({Str("a")}));
         return b;
       },
       {}},
      {"too few columns",
       [&] {
         Batch b{schema, {}};
         b.columns.push_back(ids({Value::Int64(1)}));
         return b;
       },
       {"1 columns", "schema has 2"}},
      {"too many columns",
       [&] {
         Batch b = Batch::Empty(schema);
         b.columns.emplace_back(LT::Int64());
         return b;
       },
       {"3 columns", "schema has 2"}},
      {"wrong type",
       [&] {
         Batch b{schema, {}};
         b.columns.push_back(ids({Value::Int64(1)}));
         b.columns.push_back(Build(LT::Int64(), {Value::Int64(1)}));
         return b;
       },
       {"column name", "Int64", "String"}},
      {"wrong decimal scale",
       [&] {
         Batch b{Schema{{{"price", LT::Decimal(2)}}}, {}};
         b.columns.push_back(Build(LT::Decimal(3), {Value::Decimal(1)}));
         return b;
       },
       {"column price", "Decimal(38, 3)", "Decimal(38, 2)"}},
      {"wrong length",
       [&] {
         Batch b{schema, {}};
         b.columns.push_back(ids({Value::Int64(1), Value::Int64(2)}));
         b.columns.push_back(names({Str("a")}));
         return b;
       },
       {"column name has 1 rows", "column id has 2"}},
      {"NULL in a non-Nullable column",
       [&] {
         Batch b{schema, {}};
         b.columns.push_back(Build(Nullable(LT::Int64()), {Value::Int64(1), Value()}));
         b.columns.push_back(names({Str("a"), Str("b")}));
         return b;
       },
       {"column id is not Nullable", "row 1 is NULL"}},
  };
  for (const Case& test : cases) {
    Batch batch = test.make();
    Status status = batch.Validate();
    if (test.message_parts.empty()) {
      EXPECT_TRUE(status.ok()) << test.name << ": " << status.ToString();
      continue;
    }
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << test.name;
    for (const std::string& part : test.message_parts) {
      EXPECT_NE(status.message().find(part), std::string::npos)
          << test.name << ": " << status.ToString() << " lacks " << part;
    }
  }
}

}  // namespace
}  // namespace larder
