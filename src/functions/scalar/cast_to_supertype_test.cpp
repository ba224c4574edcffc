#include "functions/scalar/cast_to_supertype.h"

#include <gtest/gtest.h>

#include "functions/function_test_util.h"

namespace larder::functions {
namespace {

using testing::MakeDictionaryVector;
using testing::MakeVector;
using testing::Render;

using namespace testing::values;  // NOLINT: test tables

Value D(int64_t v) { return Value::Decimal(v); }

struct CastCase {
  std::string name;
  LogicalType from;
  std::vector<Value> values;
  LogicalType to;
  std::vector<std::string> expected;
};

TEST(CastToSupertypeTest, ConvertsEveryRow) {
  const std::vector<CastCase> cases = {
      {"int to float", LogicalType::Int64(), {I(1), I(-3)}, LogicalType::Float64(), {"1", "-3"}},
      {"bool to int", LogicalType::Bool(), {B(true), B(false)}, LogicalType::Int64(), {"1", "0"}},
      {"bool to float", LogicalType::Bool(), {B(true)}, LogicalType::Float64(), {"1"}},
      {"int to decimal",
       Nullable(LogicalType::Int64()),
       {I(12), N(), I(-1)},
       Nullable(LogicalType::Decimal(2)),
       {"12.00", "NULL", "-1.00"}},
      {"decimal scale up", LogicalType::Decimal(1), {D(15)}, LogicalType::Decimal(3), {"1.500"}},
      {"decimal to float", LogicalType::Decimal(2), {D(150)}, LogicalType::Float64(), {"1.5"}},
      {"date to datetime",
       Nullable(LogicalType::Date()),
       {Value::Date(19723), N()},
       Nullable(LogicalType::DateTime()),
       {"2024-01-01 00:00:00", "NULL"}},
      {"null to int",
       LogicalType::Nothing(),
       {N(), N()},
       Nullable(LogicalType::Int64()),
       {"NULL", "NULL"}},
      {"null to string", LogicalType::Nothing(), {N()}, Nullable(LogicalType::String()), {"NULL"}},
      {"null to array",
       LogicalType::Nothing(),
       {N()},
       Nullable(ArrayOf(LogicalType::Int64())),
       {"NULL"}},
      {"json to string",
       LogicalType::Json(),
       {S("{\"a\":1}")},
       LogicalType::String(),
       {"'{\"a\":1}'"}},
      {"same type copies",
       Nullable(LogicalType::String()),
       {S("a"), N(), S("")},
       Nullable(LogicalType::String()),
       {"'a'", "NULL", "''"}},
      {"array elements widen",
       Nullable(ArrayOf(Nullable(LogicalType::Int64()))),
       {A({I(1), N()}), N(), A({})},
       Nullable(ArrayOf(Nullable(LogicalType::Float64()))),
       {"[1,NULL]", "NULL", "[]"}},
      {"nested arrays",
       ArrayOf(ArrayOf(LogicalType::Date())),
       {A({A({Value::Date(0)}), A({})})},
       ArrayOf(ArrayOf(LogicalType::DateTime())),
       {"[[1970-01-01 00:00:00],[]]"}},
      {"array of nothing",
       ArrayOf(LogicalType::Nothing()),
       {A({}), A({N()})},
       ArrayOf(Nullable(LogicalType::String())),
       {"[]", "[NULL]"}},
  };
  for (const CastCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto cast = CastToSupertype(MakeVector(c.from, c.values), c.to);
    ASSERT_TRUE(cast.ok()) << cast.status().ToString();
    EXPECT_EQ(cast->type(), c.to);
    EXPECT_EQ(Render(*cast), c.expected);
  }
}

TEST(CastToSupertypeTest, DatesBecomeMidnightInTheQueryTimeZone) {
  EvalContext new_york;
  new_york.time_zone = "America/New_York";
  ColumnVector dates =
      MakeVector(ArrayOf(LogicalType::Date()), {A({Value::Date(19723), Value::Date(19800)})});
  auto cast = CastToSupertype(dates, ArrayOf(LogicalType::DateTime()), &new_york);
  ASSERT_TRUE(cast.ok()) << cast.status().ToString();
  // Midnight in New York is 05:00 UTC in winter, 04:00 in summer.
  EXPECT_EQ(Render(*cast), (std::vector<std::string>{"[2024-01-01 05:00:00,2024-03-18 04:00:00]"}));

  EvalContext nowhere;
  nowhere.time_zone = "Nowhere/Atlantis";
  auto unknown = CastToSupertype(MakeVector(LogicalType::Date(), {Value::Date(0)}),
                                 LogicalType::DateTime(), &nowhere);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("Nowhere/Atlantis"), std::string::npos)
      << unknown.status().message();
}

TEST(CastToSupertypeTest, FlattensDictionaryStrings) {
  ColumnVector dictionary =
      MakeDictionaryVector(Nullable(LogicalType::String()), {"b", std::nullopt, "a", "b"});
  auto cast = CastToSupertype(dictionary, Nullable(LogicalType::String()));
  ASSERT_TRUE(cast.ok()) << cast.status().ToString();
  EXPECT_FALSE(cast->is_dictionary());
  EXPECT_EQ(Render(*cast), (std::vector<std::string>{"'b'", "NULL", "'a'", "'b'"}));
}

TEST(CastToSupertypeTest, RejectsNarrowingAndOverflow) {
  struct ErrorCase {
    std::string name;
    LogicalType from;
    std::vector<Value> values;
    LogicalType to;
    std::string message;
  };
  const std::vector<ErrorCase> cases = {
      {"float to int",
       LogicalType::Float64(),
       {F(1.5)},
       LogicalType::Int64(),
       "cannot convert Float64 to Int64"},
      {"string to int",
       LogicalType::String(),
       {S("1")},
       LogicalType::Int64(),
       "cannot convert String to Int64"},
      {"decimal scale down",
       LogicalType::Decimal(3),
       {D(1)},
       LogicalType::Decimal(1),
       "cannot convert Decimal(38, 3) to Decimal(38, 1)"},
      {"int too large for the scale",
       LogicalType::Int64(),
       {I(INT64_MAX)},
       LogicalType::Decimal(30),
       "does not fit in Decimal(38, 30)"},
      {"array of strings to array of ints",
       ArrayOf(LogicalType::String()),
       {A({S("x")})},
       ArrayOf(LogicalType::Int64()),
       "cannot convert String to Int64"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto cast = CastToSupertype(MakeVector(c.from, c.values), c.to);
    ASSERT_FALSE(cast.ok());
    EXPECT_NE(cast.status().message().find(c.message), std::string::npos)
        << cast.status().message();
  }
}

TEST(CastToSupertypeTest, OverflowInNullRowsIsIgnored) {
  ColumnVector values(Nullable(LogicalType::Int64()));
  values.Append<int64_t>(INT64_MAX);
  (*values.mutable_nulls())[0] = 1;
  values.Append<int64_t>(2);
  auto cast = CastToSupertype(values, Nullable(LogicalType::Decimal(30)));
  ASSERT_TRUE(cast.ok()) << cast.status().ToString();
  EXPECT_EQ(Render(*cast)[0], "NULL");
}

TEST(CastToSupertypeTest, ArgumentsViewTheOriginalWhenStorageMatches) {
  ColumnVector strings = MakeVector(LogicalType::Json(), {S("1")});
  auto same = CastArgTo({&strings, true}, Nullable(LogicalType::String()));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->arg.vector, &strings);
  EXPECT_EQ(same->owned, nullptr);
  EXPECT_TRUE(same->arg.constant);

  ColumnVector ints = MakeVector(LogicalType::Int64(), {I(7)});
  auto widened = CastArgTo({&ints, true}, LogicalType::Float64());
  ASSERT_TRUE(widened.ok());
  EXPECT_NE(widened->arg.vector, &ints);
  EXPECT_TRUE(widened->arg.constant);
  EXPECT_EQ(widened->arg.Get<double>(5), 7.0);
}

TEST(CastToSupertypeTest, SameStorage) {
  EXPECT_TRUE(SameStorage(LogicalType::Int64(), Nullable(LogicalType::Int64())));
  EXPECT_TRUE(SameStorage(LogicalType::Json(), LogicalType::String()));
  EXPECT_TRUE(SameStorage(ArrayOf(LogicalType::String()), ArrayOf(Nullable(LogicalType::Json()))));
  EXPECT_FALSE(SameStorage(LogicalType::Int64(), LogicalType::Float64()));
  EXPECT_FALSE(SameStorage(LogicalType::Decimal(1), LogicalType::Decimal(2)));
  EXPECT_FALSE(SameStorage(ArrayOf(LogicalType::Int64()), ArrayOf(LogicalType::Float64())));
  EXPECT_FALSE(SameStorage(LogicalType::Date(), LogicalType::DateTime()));
}

}  // namespace
}  // namespace larder::functions
