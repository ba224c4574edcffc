// Tests of position, startsWith/endsWith, LIKE (like_pattern.h) and match against ClickHouse's
// results.
#include <gtest/gtest.h>

#include "functions/function_test_util.h"
#include "functions/registration.h"
#include "functions/scalar/like_pattern.h"

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

const FunctionRegistry& Registry() {
  static const FunctionRegistry registry = BuiltinFunctions();
  return registry;
}

const LogicalType kNullableString = kString.WithNullable(true);

TEST(StringSearch, Position) {
  auto abc = [] { return Const(kString, S("abc")); };
  ExpectCases(
      Registry(),
      {
          {"position",
           {Const(kString, S("Hello, world!")), Const(kString, S("!"))},
           "Int64",
           {"13"}},
          {"position",
           {Const(kString, S("Hello, world!")), Const(kString, S("o")), Col(kInt, {I(1), I(7)})},
           "Int64",
           {"5", "9"}},
          {"position",
           {Col(kString, {S("abc"), S("xyz"), S("")}), Const(kString, S("c"))},
           "Int64",
           {"3", "0", "0"}},
          {"position", {Const(kString, S("Hello")), Const(kString, S("hello"))}, "Int64", {"0"}},
          // The empty needle, as ClickHouse documents it.
          {"position", {abc(), Const(kString, S(""))}, "Int64", {"1"}},
          {"position",
           {abc(), Const(kString, S("")), Col(kInt, {I(0), I(1), I(3), I(4), I(5)})},
           "Int64",
           {"1", "1", "3", "4", "0"}},
          {"position", {abc(), Const(kString, S("c")), Const(kInt, I(5))}, "Int64", {"0"}},
          {"position",
           {Col(kString, {S("aXbx"), S("ab")}), Col(kString, {S("x"), S("b")})},
           "Int64",
           {"4", "2"}},
          {"positionCaseInsensitive",
           {Col(kString, {S("Hello, World"), S("HELLO")}), Const(kString, S("wORLD"))},
           "Int64",
           {"8", "0"}},
          {"positionCaseInsensitive",
           {DictCol(kNullableString, {"ABC", std::nullopt, "xbc"}), Const(kString, S("Bc"))},
           "Nullable(Int64)",
           {"2", "NULL", "2"}},
          {"startsWith",
           {Col(kString, {S("Spider-Man"), S("Sp"), S("")}), Const(kString, S("Spi"))},
           "Bool",
           {"true", "false", "false"}},
          {"endsWith",
           {Col(kString, {S("index.html"), S("html")}), Const(kString, S(".html"))},
           "Bool",
           {"true", "false"}},
          {"startsWith",
           {Const(kString, S("abc")), Col(kString, {S(""), S("b")})},
           "Bool",
           {"true", "false"}},
      });
}

// LikePattern directly: the fast shapes and the general matcher must agree with LIKE semantics.
TEST(StringLike, Patterns) {
  struct Case {
    std::string pattern;
    std::string text;
    bool matches;
  };
  const Case kCases[] = {
      {"abc", "abc", true},
      {"abc", "abcd", false},
      {"", "", true},
      {"", "a", false},
      {"%", "", true},
      {"%", "anything", true},
      {"ab%", "abc", true},
      {"ab%", "xabc", false},
      {"%bc", "abc", true},
      {"%bc", "abcx", false},
      {"%/pricing%", "https://posthog.com/pricing?x=1", true},
      {"%/pricing%", "https://posthog.com/docs", false},
      {"a%c", "abc", true},
      {"a%c", "ac", true},
      {"a%c", "acb", false},
      {"a%b%c", "a123b456c", true},
      {"a%b%c", "a123c456b", false},
      {"%a%a%", "banana", true},
      {"%aa%", "banana", false},
      {"a_c", "abc", true},
      {"a_c", "ac", false},
      {"a_c", "aéc", true},  // `_` is one code point, not one byte.
      {"_", "é", true},
      {"__", "é", false},
      {"%é_", "caféx", true},
      {"%_", "", false},
      {"_%", "x", true},
      {"ab%cd%ab", "abcdab", true},
      {"ab%ba", "aba", false},  // The anchored ends may not overlap.
      {"ab%ab", "ab", false},
      {"ab%ab", "abab", true},
      {"a\\%b", "a%b", true},
      {"a\\%b", "axb", false},
      {"a\\_b", "a_b", true},
      {"a\\_b", "axb", false},
      {"a\\\\b", "a\\b", true},
      {"a\\b", "a\\b", true},  // A backslash before another character is literal.
      {"100\\%", "100%", true},
      {"%\\%", "50%", true},
      {"%\\%", "50", false},
  };
  std::string scratch;
  for (const Case& c : kCases) {
    EXPECT_EQ(LikePattern(c.pattern, false).Matches(c.text, &scratch), c.matches)
        << "'" << c.text << "' LIKE '" << c.pattern << "'";
  }
}

TEST(StringLike, CaseInsensitive) {
  struct Case {
    std::string pattern;
    std::string text;
    bool matches;
  };
  const Case kCases[] = {
      {"%PRICING%", "https://x.com/Pricing", true},
      {"abc", "ABC", true},
      {"a_c", "AbC", true},
      {"%é%", "CAFÉ", true},
      {"ПРИВЕТ%", "привет мир", true},
      {"abc%", "xabc", false},
      {"%.HTML", "index.html", true},
      {"%.html", "x.htm", false},
      {"ab", "a", false},
      {"%", "", true},
  };
  std::string scratch;
  for (const Case& c : kCases) {
    EXPECT_EQ(LikePattern(c.pattern, true).Matches(c.text, &scratch), c.matches)
        << "'" << c.text << "' ILIKE '" << c.pattern << "'";
  }
}

TEST(StringLike, Functions) {
  auto urls = [] {
    return Col(kNullableString, {S("https://a.com/pricing"), S("https://a.com/PRICING/x"),
                                 S("https://a.com/"), N()});
  };
  ExpectCases(Registry(), {
                              {"like",
                               {urls(), Const(kString, S("%/pricing%"))},
                               "Nullable(Bool)",
                               {"true", "false", "false", "NULL"}},
                              {"ilike",
                               {urls(), Const(kString, S("%/pricing%"))},
                               "Nullable(Bool)",
                               {"true", "true", "false", "NULL"}},
                              {"notLike",
                               {urls(), Const(kString, S("%/pricing%"))},
                               "Nullable(Bool)",
                               {"false", "true", "true", "NULL"}},
                              {"notILike",
                               {urls(), Const(kString, S("%/pricing%"))},
                               "Nullable(Bool)",
                               {"false", "false", "true", "NULL"}},
                              {"like",
                               {DictCol(kString, {"ab", "cd", "ab"}), Const(kString, S("a_"))},
                               "Bool",
                               {"true", "false", "true"}},
                              // Patterns from a column, compiled when they change.
                              {"like",
                               {Col(kString, {S("abc"), S("abc"), S("xyz")}),
                                Col(kString, {S("a%"), S("%c"), S("a%")})},
                               "Bool",
                               {"true", "true", "false"}},
                          });
  ExpectErrors(Registry(),
               {{"like", {Const(kString, S("a")), Const(kInt, I(1))}, "needs strings"}});
}

TEST(StringMatch, Regex) {
  ExpectCases(
      Registry(),
      {
          {"match",
           {Col(kString, {S("abc123"), S("abc"), S("")}), Const(kString, S("\\d+"))},
           "Bool",
           {"true", "false", "false"}},
          {"match",
           {Col(kString, {S("Hello"), S("hello")}), Const(kString, S("^Hel"))},
           "Bool",
           {"true", "false"}},
          {"match", {Const(kString, S("HELLO")), Const(kString, S("(?i)^hel"))}, "Bool", {"true"}},
          // As in ClickHouse, '.' also matches a line break.
          {"match", {Const(kString, S("a\nb")), Const(kString, S("a.b"))}, "Bool", {"true"}},
          {"match", {Const(kString, S("a\nb")), Const(kString, S("(?-s)a.b"))}, "Bool", {"false"}},
          {"match", {Const(kString, S("a.b")), Const(kString, S("a\\.b"))}, "Bool", {"true"}},
          {"match", {Const(kString, S("axb")), Const(kString, S("a\\.b"))}, "Bool", {"false"}},
          {"match", {Const(kString, S("x]y")), Const(kString, S("[]]"))}, "Bool", {"true"}},
          {"match",
           {Col(kString, {S("abc"), S("abc")}), Col(kString, {S("b"), S("^b")})},
           "Bool",
           {"true", "false"}},
          {"match",
           {Col(kString, {S("/docs/a"), S("/blog")}), Const(kString, S("docs"))},
           "Bool",
           {"true", "false"}},
      });
  ExpectErrors(Registry(), {{"match",
                             {Const(kString, S("a")), Const(kString, S("(ab"))},
                             "not a valid regular expression"}});
}

}  // namespace
}  // namespace larder::functions
