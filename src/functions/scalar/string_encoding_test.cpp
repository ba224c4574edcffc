// Tests of base64, hex, MD5, cityHash64 and sipHash64. Hash values are ClickHouse's (UInt64)
// read as Int64, and published CityHash v1.0.2 / SipHash-2-4 test vectors.
#include <gtest/gtest.h>

#include <initializer_list>

#include "functions/function_test_util.h"
#include "functions/registration.h"
#include "functions/scalar/city_hash.h"
#include "functions/scalar/sip_hash.h"

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

// sipHash64(array('e','x','a'), 'mple', <2019-06-15 21:00:00 UTC as DateTime>) built from the
// parts ClickHouse combines: intHash64(3) for the array length, each element, then each argument,
// folded with SipHash of the 16 bytes of both hashes.
uint64_t SipOfDocumentedExampleWithoutInteger() {
  auto sip = [](const void* data, size_t size) {
    return SipHash64(0, 0, static_cast<const char*>(data), size);
  };
  auto combine = [&](uint64_t a, uint64_t b) {
    const uint64_t both[2] = {a, b};
    return sip(both, sizeof(both));
  };
  uint64_t length = 3 ^ 0x4CF2D2BAAE6DA887ULL;  // intHash64(3), as ClickHouse hashes lengths.
  length ^= length >> 33;
  length *= 0xff51afd7ed558ccdULL;
  length ^= length >> 33;
  length *= 0xc4ceb9fe1a85ec53ULL;
  length ^= length >> 33;
  uint64_t hash = length;
  for (const char* element : {"e", "x", "a"}) hash = combine(hash, sip(element, 1));
  hash = combine(hash, sip("mple", 4));
  const uint32_t seconds = 1560639600 - 2 * 3600;
  return combine(hash, sip(&seconds, sizeof(seconds)));
}

// A ClickHouse UInt64 as the Int64 Larder returns.
std::string AsInt64(uint64_t value) { return std::to_string(static_cast<int64_t>(value)); }

TEST(StringEncoding, Base64) {
  ExpectCases(Registry(), {
                              {"base64Encode",
                               {Col(kString, {S("clickhouse"), S(""), S("a"), S("ab"), S("abc")})},
                               "String",
                               {"'Y2xpY2tob3VzZQ=='", "''", "'YQ=='", "'YWI='", "'YWJj'"}},
                              {"base64Decode",
                               {Col(kString, {S("Y2xpY2tob3VzZQ=="), S(""), S("YWI="), S("YQ")})},
                               "String",
                               {"'clickhouse'", "''", "'ab'", "'a'"}},
                              {"base64Decode",
                               {DictCol(kNullableString, {"YWJj", std::nullopt})},
                               "Nullable(String)",
                               {"'abc'", "NULL"}},
                              {"tryBase64Decode",
                               {Col(kString, {S("YWJj"), S("not base64!"), S("a"), S("YQ=a")})},
                               "String",
                               {"'abc'", "''", "''", "''"}},
                          });
  ExpectErrors(Registry(), {{"base64Decode", {Str("aoeo054640eu=")}, "is not valid base64"},
                            {"base64Decode", {Str("Y!==")}, "is not valid base64"}});
}

TEST(StringEncoding, HexAndMd5) {
  ExpectCases(
      Registry(),
      {
          {"hex",
           {Col(kString, {S("abc"), S(""), S("\x01\xff")})},
           "String",
           {"'616263'", "''", "'01FF'"}},
          {"hex",
           {Col(kInt, {I(0), I(255), I(256), I(-1)})},
           "String",
           {"'00'", "'FF'", "'0100'", "'FFFFFFFFFFFFFFFF'"}},
          {"hex", {Const(kFloat, F(1.0))}, "String", {"'000000000000F03F'"}},
          {"hex", {Const(kBool, B(true))}, "String", {"'01'"}},
          {"hex", {Const(kDate, Value::Date(17897))}, "String", {"'45E9'"}},
          {"hex",
           {Const(LogicalType::Uuid(), Value::Uuid({0x61f0c4045cb311e7, 0x907ba6006ad3dba0}))},
           "String",
           {"'61F0C4045CB311E7907BA6006AD3DBA0'"}},
          {"hex", {Col(kNullableString, {S("a"), N()})}, "Nullable(String)", {"'61'", "NULL"}},
      });
  // MD5 returns the 16 raw bytes, so hex(MD5(x)) is the usual digest text.
  auto md5 = CallFunction(Registry(), "MD5", {Col(kString, {S("hello"), S("")})});
  ASSERT_TRUE(md5.ok()) << md5.status().ToString();
  ASSERT_EQ(md5->size(), 2u);
  EXPECT_EQ(md5->GetString(0).size(), 16u);
  auto hex = CallFunction(Registry(), "hex", {TestArg(md5->Clone(), false)});
  ASSERT_TRUE(hex.ok()) << hex.status().ToString();
  EXPECT_EQ(Render(*hex), (std::vector<std::string>{"'5D41402ABC4B2A76B9719D911017C592'",
                                                    "'D41D8CD98F00B204E9800998ECF8427E'"}));
  ExpectErrors(Registry(), {{"hex",
                             {Const(LogicalType::Decimal(2), Value::Decimal(100))},
                             "cannot take hex of Decimal"}});
}

// CityHash v1.0.2 vectors (the version ClickHouse uses) for every length class.
TEST(StringHash, CityHashVectors) {
  const std::pair<std::string, uint64_t> kVectors[] = {
      {"", 11160318154034397263ULL},
      {"1", 11413460447292444913ULL},
      {"12", 12074748272894662792ULL},
      {"abc", 4220206313085259313ULL},
      {"1234", 11914632649014994877ULL},
      {"12345678", 7177601938557627951ULL},
      {"123456789", 12390271160407166709ULL},
      {"1234567890AbcDE", 1470766631700230904ULL},
      {"1234567890abcdef", 10283158570132023530ULL},
      {"4RNfAbDSysH78xK5s", 16686325262955297357ULL},
      {"1234567890abcdefghijklmnopqrstuvwxyz", 6062807976406716385ULL},
      {"7zxsqkZNsEoNfRz83hct4HH5ytE3SFvx0MX9ACbDDBZhtUcR30pGvmJIPAoXwJCq", 12341453991847893643ULL},
      {"DSDXf2J5gvPZWtzo4qdrdbXw6qGKkVuzrV7zEZA3x6xNnGdQdSTr7YocaJWpgDgzq",
       12363235829494951337ULL},
      {"DMqhuXQxgAmJ9EOkT1n2lpzu7YD6zKc6ESSDWfJfohaQDwu0ba61bfGMiuS5GXpr0bIVcCtLwRtIVGmK",
       12512298373611890505ULL},
      {"Moscow", 12507901496292878638ULL},
      {"How can you write a big system without C++?  -Paul Glick", 6237945311650045625ULL},
  };
  for (const auto& [text, expected] : kVectors) {
    EXPECT_EQ(CityHash64(text.data(), text.size()), expected) << "'" << text << "'";
  }
}

// The SipHash-2-4 paper's vectors (key 00 01 … 0f) and ClickHouse's zero-key values.
TEST(StringHash, SipHashVectors) {
  const uint64_t key0 = 0x0706050403020100ULL, key1 = 0x0f0e0d0c0b0a0908ULL;
  std::string message;
  for (char c = 0; c < 15; ++c) message.push_back(c);
  EXPECT_EQ(SipHash64(key0, key1, message.data(), message.size()), 0xa129ca6149be45e5ULL);
  EXPECT_EQ(SipHash64(key0, key1, "", 0), 0x726fdb47dd0e0e31ULL);
  EXPECT_EQ(SipHash64(0, 0, "", 0), 2202906307356721367ULL);
  EXPECT_EQ(SipHash64(0, 0, "hello", 5), 10142490492830962361ULL);
}

TEST(StringHash, Functions) {
  ExpectCases(
      Registry(),
      {
          {"cityHash64",
           {Col(kNullableString, {S("abc"), S(""), N()})},
           "Nullable(Int64)",
           {AsInt64(4220206313085259313ULL), AsInt64(11160318154034397263ULL), "NULL"}},
          {"cityHash64",
           {DictCol(kString, {"Moscow", "abc", "Moscow"})},
           "Int64",
           {AsInt64(12507901496292878638ULL), AsInt64(4220206313085259313ULL),
            AsInt64(12507901496292878638ULL)}},
          // Integers go through intHash64: ClickHouse's SELECT cityHash64(10000).
          {"cityHash64", {Const(kInt, I(10000))}, "Int64", {AsInt64(14845905981091347439ULL)}},
          {"sipHash64",
           {Col(kString, {S("hello"), S("")})},
           "Int64",
           {AsInt64(10142490492830962361ULL), AsInt64(2202906307356721367ULL)}},
          // Several arguments fold left to right.
          {"cityHash64",
           {Str("a"), Str("b")},
           "Int64",
           {AsInt64(CityHash128To64(CityHash64("a", 1), CityHash64("b", 1)))}},
      });
}

// ClickHouse's documented example, cityHash64(array('e','x','a'), 'mple', 10,
// toDateTime('2019-06-15 23:00:00')), computed on a server at UTC+3: arrays, strings, integers
// and DateTime (UInt32 seconds) hash and combine as in ClickHouse.
TEST(StringHash, ClickHouseDocumentedExample) {
  const int64_t utc_micros = (1560639600LL - 3 * 3600) * 1'000'000;
  ExpectCases(Registry(),
              {
                  {"cityHash64",
                   {Const(ArrayOf(kString), A({S("e"), S("x"), S("a")})), Str("mple"),
                    Const(kInt, I(10)), Const(kDateTime, Value::DateTime(utc_micros))},
                   "Int64",
                   {AsInt64(12072650598913549138ULL)}},
                  // The same for sipHash64 (documented at UTC+2 as 11400366955626497465), with
                  // Bool standing in for the one-byte UInt8 10 that Larder has no type for:
                  // the value checks the array, string and DateTime parts.
                  {"sipHash64",
                   {Const(ArrayOf(kString), A({S("e"), S("x"), S("a")})), Str("mple"),
                    Const(kDateTime, Value::DateTime((1560639600LL - 2 * 3600) * 1'000'000))},
                   "Int64",
                   {AsInt64(SipOfDocumentedExampleWithoutInteger())}},
              });
}

}  // namespace
}  // namespace larder::functions
