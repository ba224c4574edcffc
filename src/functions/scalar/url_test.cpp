// Tests of the URL functions against ClickHouse's results (its documented examples and its
// parsing rules for URLs without schemes, user info, ports and fragments).
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

TestArg Urls(std::vector<std::string> urls) {
  std::vector<Value> values;
  for (std::string& url : urls) values.push_back(S(std::move(url)));
  return Col(kString, values);
}

TEST(Url, ProtocolAndDomain) {
  ExpectCases(
      Registry(),
      {
          {"protocol",
           {Urls({"https://clickhouse.com/", "svn+ssh://x.com/", "clickhouse.com", "mailto:a@b.c",
                  "http:/", ""})},
           "String",
           {"'https'", "'svn+ssh'", "''", "'mailto'", "''", "''"}},
          {"domain",
           {Urls({"svn+ssh://some.svn-hosting.com:80/repo/trunk",
                  "//some.svn-hosting.com:80/repo/trunk", "some.svn-hosting.com:80/repo/trunk",
                  "https://clickhouse.com/time/", "http://user@example.com/x", "localhost:8080",
                  "https://www.posthog.com/pricing?x=1#y", "http://a b.com/", "example.com", ""})},
           "String",
           {"'some.svn-hosting.com'", "'some.svn-hosting.com'", "'some.svn-hosting.com'",
            "'clickhouse.com'", "'example.com'", "''", "'www.posthog.com'", "''", "'example.com'",
            "''"}},
          {"domainWithoutWWW",
           {Urls({"https://www.posthog.com/pricing", "http://wwwx.com/", "www.a.com"})},
           "String",
           {"'posthog.com'", "'wwwx.com'", "'a.com'"}},
          {"topLevelDomain",
           {Urls({"svn+ssh://www.some.svn-hosting.com:80/repo/trunk", "http://127.0.0.1/",
                  "https://clickhouse.co.uk/x", "localhost"})},
           "String",
           {"'com'", "''", "'uk'", "''"}},
          {"domain",
           {DictCol(kNullableString, {"https://a.io/x", std::nullopt})},
           "Nullable(String)",
           {"'a.io'", "NULL"}},
      });
}

TEST(Url, PathQueryFragment) {
  const std::string news = "https://example.com/top/news.html?page=2#comments";
  ExpectCases(Registry(),
              {
                  {"path",
                   {Urls({news, "example.com", "example.com/a", "//example.com/a?b", "/x#y"})},
                   "String",
                   {"'/top/news.html'", "''", "'/a'", "'/a'", "'/x'"}},
                  {"pathFull",
                   {Urls({news, "https://example.com"})},
                   "String",
                   {"'/top/news.html?page=2#comments'", "''"}},
                  // The first '?' counts even inside the fragment, as in ClickHouse.
                  {"queryString",
                   {Urls({news, "http://a.com/?", "http://a.com/#x?y"})},
                   "String",
                   {"'page=2'", "''", "'y'"}},
                  {"fragment",
                   {Urls({news, "http://a.com/", "http://a.com/#"})},
                   "String",
                   {"'comments'", "''", "''"}},
                  {"cutQueryString",
                   {Urls({"http://example.com/?page=1&lr=213", "http://a.com/x?y=1#frag",
                          "http://a.com/"})},
                   "String",
                   {"'http://example.com/'", "'http://a.com/x#frag'", "'http://a.com/'"}},
                  {"cutFragment",
                   {Urls({"http://a.com/x?y=1#frag", "http://a.com/"})},
                   "String",
                   {"'http://a.com/x?y=1'", "'http://a.com/'"}},
              });
}

TEST(Url, Parameters) {
  const std::string url = "http://a.com/?utm_source=google&aa=1&a=2#c=3";
  ExpectCases(
      Registry(),
      {
          {"extractURLParameter",
           {Urls({url, url, url, url}), Col(kString, {S("utm_source"), S("a"), S("c"), S("zz")})},
           "String",
           {"'google'", "'2'", "'3'", "''"}},
          {"extractURLParameter",
           {Urls({"http://a.com/?x", "http://a.com/path=1"}), Const(kString, S("x"))},
           "String",
           {"''", "''"}},
          {"extractURLParameters",
           {Urls({url, "http://a.com/?a&b=1", "http://a.com/?a=1&b", "http://a.com/"})},
           "Array(String)",
           {"['utm_source=google','aa=1','a=2','c=3']", "['a','b=1']", "['a=1']", "[]"}},
          {"extractURLParameterNames",
           {Urls({url, "http://a.com/?a&b=1", "http://a.com/?a=1&b", "http://a.com/"})},
           "Array(String)",
           {"['utm_source','aa','a','c']", "['a','b']", "['a']", "[]"}},
      });
}

TEST(Url, Coding) {
  ExpectCases(Registry(), {
                              {"decodeURLComponent",
                               {Urls({"http://127.0.0.1:8123/?query=SELECT%201%3B", "%E2%82%AC",
                                      "a+b", "%", "%4", "%zz1", "100%25"})},
                               "String",
                               {"'http://127.0.0.1:8123/?query=SELECT 1;'", "'€'", "'a+b'", "'%'",
                                "'%4'", "'%zz1'", "'100%'"}},
                              {"encodeURLComponent",
                               {Urls({"test 1;/é", "a-b_c.d~", ""})},
                               "String",
                               {"'test%201%3B%2F%C3%A9'", "'a-b_c.d~'", "''"}},
                          });
  ExpectErrors(Registry(), {{"domain", {Const(kInt, I(1))}, "must be a String"}});
}

}  // namespace
}  // namespace larder::functions
