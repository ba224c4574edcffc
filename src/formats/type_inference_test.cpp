#include "formats/type_inference.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/text_values.h"
#include "types/datetime.h"

namespace larder::formats {
namespace {

constexpr const char* kNull = nullptr;

// Infers a CSV column from its fields (nullptr for an empty field).
std::string InferCsv(const std::vector<const char*>& values) {
  ColumnTypeInference inference;
  for (const char* value : values) {
    if (value == nullptr) {
      inference.ObserveNull();
    } else {
      inference.ObserveText(value);
    }
  }
  return inference.Type().ToString();
}

TEST(TypeInference, CsvColumns) {
  struct Case {
    std::vector<const char*> values;
    std::string type;
  };
  std::vector<Case> cases = {
      {{"true", "false", "TRUE", "False"}, "Bool"},
      {{"1", "-2", "+3", "0042"}, "Int64"},
      {{"9223372036854775807", "-9223372036854775808"}, "Int64"},
      {{"9223372036854775808"}, "Float64"},  // Past int64.
      {{"1.5", "-2e3", ".5", "7."}, "Float64"},
      {{"1", "2.5", "3"}, "Float64"},  // Mixed integers and decimals.
      {{"2024-01-31", "1999-12-31"}, "Date"},
      {{"2024-01-31 10:00:00", "2024-01-31T10:00:00.123Z", "2024-01-31T10:00:00+02:00"},
       "DateTime"},
      {{"2024-01-31", "2024-02-01 08:30:00"}, "DateTime"},  // Dates with date-times.
      {{"hello", "world"}, "String"},
      {{"1", "x"}, "String"},
      {{"true", "1"}, "String"},
      {{"2024-01-31", "yesterday"}, "String"},
      {{"2024-02-30"}, "String"},  // Not a day.
      {{"nan", "inf"}, "String"},
      {{"1", "1.5", "abc", "2"}, "String"},  // Stays String once it is.
      {{" 1"}, "String"},                    // Spaces are not trimmed.
      {{"1", kNull, "3"}, "Nullable(Int64)"},
      {{kNull, "x"}, "Nullable(String)"},
      {{kNull, kNull}, "Nullable(String)"},  // Never a value.
      {{}, "Nullable(String)"},
      {{"true", kNull}, "Nullable(Bool)"},
      {{"2024-01-31", kNull}, "Nullable(Date)"},
      {{"", "x"}, "String"},  // A quoted empty field is the empty string.
      {{""}, "String"},
  };
  for (const Case& test : cases) {
    std::string values;
    for (const char* value : test.values) values += std::string(value ? value : "NULL") + "|";
    EXPECT_EQ(InferCsv(test.values), test.type) << values;
  }
}

TEST(TypeInference, JsonColumns) {
  enum Kind { kNullValue, kBool, kInt, kFloat, kString, kNested };
  struct Observation {
    Kind kind;
    const char* text = "";
  };
  struct Case {
    std::vector<Observation> values;
    std::string type;
  };
  std::vector<Case> cases = {
      {{{kBool}, {kBool}}, "Bool"},
      {{{kInt}, {kInt}}, "Int64"},
      {{{kInt}, {kFloat}}, "Float64"},
      {{{kString, "a"}, {kString, "b"}}, "String"},
      {{{kString, "42"}}, "String"},  // A JSON string stays a string.
      {{{kString, "2024-01-31"}}, "Date"},
      {{{kString, "2024-01-31T00:00:00Z"}, {kString, "2024-01-31"}}, "DateTime"},
      {{{kNested}, {kNested}}, "JSON"},
      {{{kNested}, {kInt}}, "JSON"},  // Objects with scalars: JSON text of each.
      {{{kNested}, {kString, "x"}}, "JSON"},
      {{{kInt}, {kString, "x"}}, "String"},  // Numbers with strings: String.
      {{{kBool}, {kInt}}, "String"},
      {{{kInt}, {kNullValue}}, "Nullable(Int64)"},
      {{{kNullValue}}, "Nullable(String)"},
      {{{kNested}, {kNullValue}}, "Nullable(JSON)"},
  };
  for (const Case& test : cases) {
    ColumnTypeInference inference;
    for (const Observation& value : test.values) {
      switch (value.kind) {
        case kNullValue:
          inference.ObserveNull();
          break;
        case kBool:
          inference.ObserveJsonBool();
          break;
        case kInt:
          inference.ObserveJsonNumber(true);
          break;
        case kFloat:
          inference.ObserveJsonNumber(false);
          break;
        case kString:
          inference.ObserveJsonString(value.text);
          break;
        case kNested:
          inference.ObserveJsonNested();
          break;
      }
    }
    EXPECT_EQ(inference.Type().ToString(), test.type) << test.values.size();
  }
}

TEST(TypeInference, MergingChunksEqualsInferringAtOnce) {
  std::vector<std::vector<const char*>> chunks = {{"1", "2"}, {kNull}, {"3.5"}, {}, {"2024-01-01"}};
  ColumnTypeInference merged;
  std::vector<const char*> all;
  for (const auto& chunk : chunks) {
    ColumnTypeInference part;
    for (const char* value : chunk) {
      value ? part.ObserveText(value) : part.ObserveNull();
      all.push_back(value);
    }
    merged.Merge(part);
    EXPECT_EQ(merged.Type().ToString(), InferCsv(all));
  }
  EXPECT_EQ(merged.Type().ToString(), "Nullable(String)");
}

TEST(TextValues, ParseNumbers) {
  int64_t i = 0;
  EXPECT_TRUE(ParseInt64Text("+17", &i));
  EXPECT_EQ(i, 17);
  for (const char* bad : {"", "+", "-", "1.0", "1e3", "12a", "+-1", "99999999999999999999"}) {
    EXPECT_FALSE(ParseInt64Text(bad, &i)) << bad;
  }
  double d = 0;
  EXPECT_TRUE(ParseFloat64Text("+1.25e2", &d));
  EXPECT_EQ(d, 125.0);
  for (const char* bad : {"", ".", "e5", "1e", "1e+", "inf", "nan", "0x10", "1.2.3", "1,5"}) {
    EXPECT_FALSE(ParseFloat64Text(bad, &d)) << bad;
  }
  bool b = false;
  EXPECT_TRUE(ParseBoolText("TRUE", false, &b));
  EXPECT_TRUE(b);
  EXPECT_FALSE(ParseBoolText("1", false, &b));
  EXPECT_TRUE(ParseBoolText("0", true, &b));
  EXPECT_FALSE(b);
}

TEST(TextValues, ParseDecimals) {
  struct Case {
    std::string text;
    int scale;
    bool ok;
    int64_t scaled;
  };
  std::vector<Case> cases = {
      {"12.34", 2, true, 1234},
      {"-12.3", 2, true, -1230},
      {"7", 3, true, 7000},
      {"0.50", 1, true, 5},
      {".5", 2, true, 50},
      {"12.345", 2, false, 0},
      {"1.2.3", 2, false, 0},
      {"", 2, false, 0},
      {"-", 2, false, 0},
      {"1e5", 2, false, 0},
      {"000000000000000000000000000000000000000001", 0, true, 1},
  };
  for (const Case& test : cases) {
    Int128 value = 0;
    EXPECT_EQ(ParseDecimalText(test.text, test.scale, &value), test.ok) << test.text;
    if (test.ok) {
      EXPECT_EQ(static_cast<int64_t>(value), test.scaled) << test.text;
    }
  }
  Int128 value = 0;
  EXPECT_TRUE(ParseDecimalText(std::string(38, '9'), 0, &value));
  EXPECT_FALSE(ParseDecimalText(std::string(39, '9'), 0, &value));
  EXPECT_FALSE(ParseDecimalText(std::string(37, '9'), 2, &value));
}

TEST(ValueReader, AppendsEachTypeAndRefusesWhatItCannotRead) {
  struct Case {
    std::string type;
    std::string text;
    bool ok;
    std::string shown;  // The value as the CLI prints it.
  };
  std::vector<Case> cases = {
      {"Bool", "true", true, "true"},
      {"Bool", "0", true, "false"},
      {"Bool", "yes", false, ""},
      {"Int64", "-5", true, "-5"},
      {"Int64", "5.0", false, ""},
      {"Float64", "2.5", true, "2.5"},
      {"Float64", "abc", false, ""},
      {"Decimal(38, 2)", "3.14", true, "3.14"},
      {"Decimal(38, 2)", "3.145", false, ""},
      {"String", "", true, ""},
      {"Date", "2024-02-29", true, "2024-02-29"},
      {"Date", "2023-02-29", false, ""},
      {"DateTime", "2024-01-01T01:00:00+01:00", true, "2024-01-01 00:00:00"},
      {"DateTime", "2024-01-01", true, "2024-01-01 00:00:00"},
      {"DateTime", "noon", false, ""},
      {"UUID", "0189a3d2-7c1e-7b3a-9f00-aabbccddeeff", true,
       "0189a3d2-7c1e-7b3a-9f00-aabbccddeeff"},
      {"UUID", "not-a-uuid", false, ""},
      {"JSON", R"({"a": [1]})", true, R"({"a": [1]})"},
      {"JSON", "{oops", false, ""},
  };
  for (const Case& test : cases) {
    auto type = LogicalType::Parse(test.type);
    ASSERT_TRUE(type.ok()) << test.type;
    ASSERT_TRUE(ValueReader::IsImportable(*type));
    ValueReader reader(*type);
    ColumnVector column(*type);
    EXPECT_EQ(reader.Append(test.text, &column), test.ok) << test.type << " " << test.text;
    EXPECT_EQ(column.size(), test.ok ? 1u : 0u);
    if (test.ok) {
      EXPECT_EQ(column.GetValue(0).ToString(*type), test.shown) << test.type;
    }
  }
  EXPECT_FALSE(ValueReader::IsImportable(LogicalType::Array(LogicalType::Int64())));
}

TEST(ValueReader, ErrorsNameFileLineColumnValueAndType) {
  Status status = CannotReadValue("data/x.csv", 12, "age", "abc", LogicalType::Int64());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "data/x.csv:12: column `age`: cannot read \"abc\" as Int64");
  status = CannotReadValue("x.csv", 1, "c", std::string(100, 'z'),
                           LogicalType::Float64().WithNullable(true));
  EXPECT_EQ(status.message(),
            "x.csv:1: column `c`: cannot read \"" + std::string(60, 'z') + "…\" as Float64");
  status = NullInNonNullable("x.csv", 3, "id", LogicalType::Int64());
  EXPECT_EQ(status.message(),
            "x.csv:3: column `id` is empty (NULL), but its type Int64 is not "
            "Nullable");
}

}  // namespace
}  // namespace larder::formats
