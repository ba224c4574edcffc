// Tests of replace*, extract*, and split* against ClickHouse's results.
#include <gtest/gtest.h>

#include "functions/function_test_util.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

const FunctionRegistry& Registry() {
  static const FunctionRegistry registry = BuiltinFunctions();
  return registry;
}

const LogicalType kNullableString = kString.WithNullable(true);

TestArg Str(const std::string& text) { return Const(kString, S(text)); }

TEST(StringReplace, Plain) {
  ExpectCases(Registry(),
              {
                  {"replaceAll",
                   {Col(kString, {S("a-b-c"), S("abc"), S("")}), Str("-"), Str("+")},
                   "String",
                   {"'a+b+c'", "'abc'", "''"}},
                  {"replaceOne", {Str("a-b-c"), Str("-"), Str("")}, "String", {"'ab-c'"}},
                  {"replaceAll", {Str("aaa"), Str("aa"), Str("b")}, "String", {"'ba'"}},
                  {"replaceAll", {Str("abc"), Str(""), Str("x")}, "String", {"'abc'"}},
                  {"replaceAll",
                   {Col(kString, {S("xyx"), S("aba")}), Col(kString, {S("x"), S("a")}),
                    Col(kString, {S("1"), S("2")})},
                   "String",
                   {"'1y1'", "'2b2'"}},
                  {"replaceAll",
                   {DictCol(kNullableString, {"a.b", std::nullopt}), Str("."), Str("/")},
                   "Nullable(String)",
                   {"'a/b'", "NULL"}},
              });
}

TEST(StringReplace, Regexp) {
  ExpectCases(
      Registry(),
      {
          {"replaceRegexpOne",
           {Str("2014-01-02"), Str("(\\d{4})-(\\d{2})-(\\d{2})"), Str("\\2/\\3/\\1")},
           "String",
           {"'01/02/2014'"}},
          {"replaceRegexpAll",
           {Str("Hello, World!"), Str("."), Str("\\0\\0")},
           "String",
           {"'HHeelllloo,,  WWoorrlldd!!'"}},
          {"replaceRegexpOne",
           {Str("Hello, World!"), Str("."), Str("\\0\\0")},
           "String",
           {"'HHello, World!'"}},
          {"replaceRegexpAll",
           {Str("Hello, World!"), Str("^"), Str("here: ")},
           "String",
           {"'here: Hello, World!'"}},
          // Empty matches step one byte, as in ClickHouse (and JavaScript).
          {"replaceRegexpAll", {Str("x"), Str("^|.*"), Str("H")}, "String", {"'HxH'"}},
          {"replaceRegexpAll", {Str("abc"), Str("x*"), Str("-")}, "String", {"'-a-b-c-'"}},
          {"replaceRegexpAll", {Str(""), Str("^$"), Str("empty")}, "String", {"'empty'"}},
          {"replaceRegexpAll", {Str("a.b.c"), Str("\\."), Str("\\\\")}, "String", {"'a\\b\\c'"}},
          {"replaceRegexpAll",
           {Col(kString, {S("aaa"), S("bab")}), Str("a+"), Str("<\\0>")},
           "String",
           {"'<aaa>'", "'b<a>b'"}},
          {"replaceRegexpAll",
           {Str("https://www.posthog.com/x"), Str("^https?://(?:www\\.)?([^/]+)/.*$"), Str("\\1")},
           "String",
           {"'posthog.com'"}},
      });
  ExpectErrors(
      Registry(),
      {{"replaceRegexpAll",
        {Str("a"), Str("(a)"), Str("\\2")},
        "refers to \\2, but the pattern has only 1 capturing groups"},
       {"replaceRegexpOne", {Str("a"), Str("[a"), Str("")}, "not a valid regular expression"}});
}

TEST(StringReplace, Extract) {
  ExpectCases(
      Registry(),
      {
          {"extract",
           {Col(kString, {S("id=123&x=1"), S("none")}), Str("id=(\\d+)")},
           "String",
           {"'123'", "''"}},
          {"extract", {Str("abc123def"), Str("\\d+")}, "String", {"'123'"}},
          {"extract", {Str("ab"), Str("(x)|b")}, "String", {"''"}},
          {"extractAll", {Str("a1b22c333"), Str("\\d+")}, "Array(String)", {"['1','22','333']"}},
          {"extractAll", {Str("k=v, a=b"), Str("(\\w+)=")}, "Array(String)", {"['k','a']"}},
          {"extractAll",
           {Col(kString, {S("abc"), S("")}), Str("z")},
           "Array(String)",
           {"[]", "[]"}},
          // Stops at the first empty match.
          {"extractAll", {Str("aXbX"), Str("X*")}, "Array(String)", {"[]"}},
          // Each search restarts after the previous match, so ^ matches again there.
          {"extractAll", {Str("aaa"), Str("^a")}, "Array(String)", {"['a','a','a']"}},
          {"extractAll",
           {Col(kNullableString, {S("x1"), N()}), Str("\\d")},
           "Nullable(Array(String))",
           {"['1']", "NULL"}},
      });
}

TEST(StringSplit, SplitByCharAndString) {
  ExpectCases(Registry(),
              {
                  {"splitByChar",
                   {Str(","), Col(kString, {S("a,b,,c"), S(""), S("abc"), S("a,")})},
                   "Array(String)",
                   {"['a','b','','c']", "['']", "['abc']", "['a','']"}},
                  {"splitByChar",
                   {Str(","), Str("a,b,c,d"), Const(kInt, I(2))},
                   "Array(String)",
                   {"['a','b']"}},
                  {"splitByChar",
                   {Str(","), Str("a,b"), Const(kInt, I(0))},
                   "Array(String)",
                   {"['a','b']"}},
                  {"splitByString",
                   {Str(", "), Str("1, 2 3, 4,5, abcde")},
                   "Array(String)",
                   {"['1','2 3','4,5','abcde']"}},
                  {"splitByString", {Str(""), Str("abc")}, "Array(String)", {"['a','b','c']"}},
                  {"splitByString",
                   {Str("ab"), Col(kString, {S("ab"), S("")})},
                   "Array(String)",
                   {"['','']", "['']"}},
                  {"splitByString",
                   {Str("/"), DictCol(kString, {"/a/b", "c"})},
                   "Array(String)",
                   {"['','a','b']", "['c']"}},
              });
  ExpectErrors(Registry(), {{"splitByChar", {Str("ab"), Str("a")}, "exactly one byte"},
                            {"splitByChar", {Const(kInt, I(1)), Str("a")}, "must be a String"}});
}

}  // namespace
}  // namespace larder::functions
