// Tests of the basic string functions, case conversion, concat/format/pad/repeat and
// substring/trim, against ClickHouse's results.
#include <gtest/gtest.h>

#include "functions/function_test_util.h"
#include "functions/registration.h"
#include "functions/scalar/utf8.h"
#include "functions/scalar/value_text.h"

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

const FunctionRegistry& Registry() {
  static const FunctionRegistry registry = BuiltinFunctions();
  return registry;
}

const LogicalType kNullableString = kString.WithNullable(true);

TEST(StringBasics, LengthEmptyReverse) {
  ExpectCases(
      Registry(),
      {
          {"length",
           {Col(kNullableString, {S("abc"), S(""), S("é"), N()})},
           "Nullable(Int64)",
           {"3", "0", "2", "NULL"}},
          {"length", {Const(kString, S("hello"))}, "Int64", {"5"}},
          {"length", {Col(ArrayOf(kInt), {A({I(1), I(2)}), A({})})}, "Int64", {"2", "0"}},
          {"length",
           {DictCol(kNullableString, {"ab", std::nullopt, "ab", "xyz"})},
           "Nullable(Int64)",
           {"2", "NULL", "2", "3"}},
          {"lengthUTF8", {Col(kString, {S("привет"), S("a€"), S("")})}, "Int64", {"6", "2", "0"}},
          {"empty", {Col(kString, {S(""), S(" ")})}, "Bool", {"true", "false"}},
          {"notEmpty", {Col(kString, {S(""), S("x")})}, "Bool", {"false", "true"}},
          {"empty", {Col(ArrayOf(kString), {A({}), A({S("")})})}, "Bool", {"true", "false"}},
          {"notEmpty", {DictCol(kString, {"", "a", ""})}, "Bool", {"false", "true", "false"}},
          {"reverse", {Col(kString, {S("abc"), S("")})}, "String", {"'cba'", "''"}},
          {"reverse",
           {Col(ArrayOf(kInt), {A({I(1), I(2), I(3)}), A({})})},
           "Array(Int64)",
           {"[3,2,1]", "[]"}},
          {"reverse",
           {
               Const(ArrayOf(kString), A({S("a"), S("b")})),
           },
           "Array(String)",
           {"['b','a']"}},
      });
  ExpectErrors(Registry(), {{"length", {Const(kInt, I(3))}, "must be a String or an Array"},
                            {"empty", {Const(kFloat, F(1))}, "needs a String"}});
}

TEST(StringCase, AsciiAndUtf8) {
  ExpectCases(
      Registry(),
      {
          {"lower", {Col(kString, {S("AbC-Ü"), S("")})}, "String", {"'abc-Ü'", "''"}},
          {"upper", {Col(kString, {S("abc-ü")})}, "String", {"'ABC-ü'"}},
          {"lowerUTF8", {Col(kString, {S("ÀÉÎ ПРИВЕТ ΣΑΣ")})}, "String", {"'àéî привет σασ'"}},
          {"upperUTF8", {Col(kString, {S("àéî привет ςß")})}, "String", {"'ÀÉÎ ПРИВЕТ Σß'"}},
          {"upperUTF8",
           {DictCol(kNullableString, {"a", std::nullopt, "b"})},
           "Nullable(String)",
           {"'A'", "NULL", "'B'"}},
          // Invalid UTF-8 bytes pass through unchanged.
          {"upperUTF8",
           {Const(kString, S("a\xff"
                             "b"))},
           "String",
           {"'A\xff"
            "B'"}},
      });
}

TEST(StringCase, CaseMappingRoundTrips) {
  for (uint32_t c = 0; c < 0x2000; ++c) {
    if (c == 0x130 || c == 0x1E9E) continue;  // İ -> i -> I, ẞ -> ß -> ß: no round trip.
    uint32_t lower = utf8::ToLower(c);
    if (lower != c) {
      EXPECT_EQ(utf8::ToUpper(lower), c) << std::hex << c;
    }
  }
}

TEST(StringConcat, Concat) {
  ExpectCases(Registry(),
              {
                  {"concat",
                   {Col(kString, {S("a"), S("")}), Const(kString, S("-"))},
                   "String",
                   {"'a-'", "'-'"}},
                  // NULL reads as '' (HogQL prints concat(ifNull(toString(x), ''), …)).
                  {"concat",
                   {Col(kNullableString, {S("x"), N()}), NullConst(), Const(kString, S("!"))},
                   "String",
                   {"'x!'", "'!'"}},
                  {"concat",
                   {Const(kString, S("n=")), Col(kInt, {I(-5), I(42)}), Const(kFloat, F(0.5)),
                    Const(kBool, B(true))},
                   "String",
                   {"'n=-50.5true'", "'n=420.5true'"}},
                  {"concat",
                   {Const(kDate, Value::Date(19000)), Const(kString, S(" ")),
                    Const(kDateTime, Value::DateTime(1'700'000'000'000'000))},
                   "String",
                   {"'2022-01-08 2023-11-14 22:13:20'"}},
                  {"concat",
                   {DictCol(kString, {"p", "q", "p"}), Const(kString, S("1"))},
                   "String",
                   {"'p1'", "'q1'", "'p1'"}},
                  {"concat",
                   {Const(ArrayOf(kString), A({S("a"), S("it's")}))},
                   "String",
                   {"'['a','it\\'s']'"}},
              });
}

TEST(StringConcat, DateTimeInQueryTimeZoneAndDecimals) {
  EvalContext amsterdam;
  amsterdam.time_zone = "Europe/Amsterdam";
  ExpectCases(Registry(),
              {
                  {"concat",
                   {Const(kDateTime, Value::DateTime(1'700'000'000'250'000)),
                    Const(LogicalType::Decimal(3), Value::Decimal(1500))},
                   "String",
                   {"'2023-11-14 23:13:20.2500001.5'"}},
              },
              amsterdam);
}

TEST(StringConcat, FloatText) {
  const std::pair<double, const char*> kCases[] = {{0.1, "0.1"},
                                                   {1.0, "1"},
                                                   {-2.5, "-2.5"},
                                                   {1e20, "100000000000000000000"},
                                                   {1e21, "1e21"},
                                                   {1.5e-7, "1.5e-7"},
                                                   {1e-6, "0.000001"},
                                                   {0.30000000000000004, "0.30000000000000004"},
                                                   {123456.789, "123456.789"},
                                                   {-0.0, "-0"},
                                                   {1.0 / 0.0, "inf"},
                                                   {-1.0 / 0.0, "-inf"}};
  for (const auto& [value, expected] : kCases) {
    std::string text;
    AppendFloatText(value, &text);
    EXPECT_EQ(text, expected);
  }
}

TEST(StringConcat, FormatRepeatPad) {
  ExpectCases(
      Registry(),
      {
          {"format",
           {Const(kString, S("{1} {0} {1}")), Const(kString, S("World")),
            Const(kString, S("Hello"))},
           "String",
           {"'Hello World Hello'"}},
          {"format",
           {Const(kString, S("{} = {}")), Col(kString, {S("a"), S("b")}), Col(kInt, {I(1), I(2)})},
           "String",
           {"'a = 1'", "'b = 2'"}},
          {"format", {Const(kString, S("{{}} {}")), Const(kString, S("x"))}, "String", {"'{} x'"}},
          {"format",
           {Const(kString, S("{}")), Col(kNullableString, {S("a"), N()})},
           "Nullable(String)",
           {"'a'", "NULL"}},
          {"repeat",
           {Col(kString, {S("ab"), S("x")}), Const(kInt, I(3))},
           "String",
           {"'ababab'", "'xxx'"}},
          {"repeat",
           {Const(kString, S("ab")), Col(kInt, {I(0), I(-2), I(1)})},
           "String",
           {"''", "''", "'ab'"}},
          {"leftPad",
           {Col(kString, {S("abc"), S("abcdefgh")}), Const(kInt, I(7)), Const(kString, S("*"))},
           "String",
           {"'****abc'", "'abcdefg'"}},
          {"leftPad",
           {Const(kString, S("abc")), Const(kInt, I(8)), Const(kString, S("xy"))},
           "String",
           {"'xyxyxabc'"}},
          {"rightPad",
           {Col(kString, {S("abc"), S("")}), Const(kInt, I(5))},
           "String",
           {"'abc  '", "'     '"}},
          {"rightPad",
           {Const(kString, S("abc")), Const(kInt, I(2)), Const(kString, S(""))},
           "String",
           {"'ab'"}},
      });
  ExpectErrors(
      Registry(),
      {
          {"format", {Const(kString, S("{} {}")), Const(kString, S("x"))}, "has no argument"},
          {"format", {Const(kString, S("{} {0}")), Const(kString, S("x"))}, "mixes"},
          {"format", {Const(kString, S("a}")), Const(kString, S("x"))}, "unmatched"},
          {"repeat",
           {Const(kString, S("a")), Const(kInt, I(2'000'000))},
           "cannot repeat 2000000 times"},
          {"leftPad", {Const(kString, S("a")), Const(kInt, I(-1))}, "negative"},
          {"rightPad", {Const(kString, S("a")), Const(kInt, I(5'000'000))}, "too big"},
          {"repeat",
           {Const(kString, S("a")), Const(kString, S("2"))},
           "argument 2 must be an integer"},
      });
}

TEST(StringSlice, Substring) {
  auto hello = [] { return Const(kString, S("Hello")); };
  ExpectCases(
      Registry(),
      {
          {"substring", {hello(), Const(kInt, I(2))}, "String", {"'ello'"}},
          {"substring", {hello(), Const(kInt, I(2)), Const(kInt, I(3))}, "String", {"'ell'"}},
          {"substring", {hello(), Const(kInt, I(0)), Const(kInt, I(3))}, "String", {"''"}},
          {"substring", {hello(), Const(kInt, I(-3))}, "String", {"'llo'"}},
          {"substring", {hello(), Const(kInt, I(-3)), Const(kInt, I(2))}, "String", {"'ll'"}},
          {"substring", {hello(), Const(kInt, I(-10)), Const(kInt, I(7))}, "String", {"'He'"}},
          {"substring", {hello(), Const(kInt, I(10))}, "String", {"''"}},
          {"substring", {hello(), Const(kInt, I(2)), Const(kInt, I(-1))}, "String", {"'ell'"}},
          {"substring", {hello(), Const(kInt, I(-3)), Const(kInt, I(-1))}, "String", {"'ll'"}},
          {"substring", {hello(), Const(kInt, I(1)), Const(kInt, I(-10))}, "String", {"''"}},
          {"substring",
           {Col(kString, {S("abcdef"), S("xy"), S("")}), Col(kInt, {I(3), I(-1), I(1)}),
            Const(kInt, I(2))},
           "String",
           {"'cd'", "'y'", "''"}},
          {"substring",
           {DictCol(kNullableString, {"abc", std::nullopt}), Const(kInt, I(2))},
           "Nullable(String)",
           {"'bc'", "NULL"}},
      });
}

TEST(StringSlice, Trim) {
  ExpectCases(Registry(),
              {
                  {"trim",
                   {Col(kString, {S("  a b  "), S("   "), S("\tx ")})},
                   "String",
                   {"'a b'", "''", "'\tx'"}},
                  {"trimLeft", {Const(kString, S("  a  "))}, "String", {"'a  '"}},
                  {"trimRight", {Const(kString, S("  a  "))}, "String", {"'  a'"}},
                  {"trim",
                   {Const(kString, S("(  Hello, world!  )")), Const(kString, S(" ()"))},
                   "String",
                   {"'Hello, world!'"}},
                  {"trimLeft",
                   {Col(kString, {S("xxay"), S("yyb")}), Col(kString, {S("x"), S("y")})},
                   "String",
                   {"'ay'", "'b'"}},
              });
}

}  // namespace
}  // namespace larder::functions
