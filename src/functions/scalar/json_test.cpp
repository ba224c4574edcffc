// Tests of the JSON functions, _property and ExtractProperties against ClickHouse's results
// (JSONExtract* as of ClickHouse 24: JSONExtractString gives raw JSON for non-strings).
#include "functions/scalar/json.h"

#include <gtest/gtest.h>

#include "functions/function_test_util.h"
#include "functions/registration.h"
#include "functions/scalar/json_fast_path.h"

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

const FunctionRegistry& Registry() {
  static const FunctionRegistry registry = BuiltinFunctions();
  return registry;
}

const LogicalType kNullableString = kString.WithNullable(true);

const char kDoc[] =
    R"({"a":"hello","b":-100,"c":[-100,200.0,300],"d":true,"e":null,)"
    R"("f":{"g":"x/y","h":1.5},"u":18446744073709551615,"s":"12","esc":"a\"b\u00e9"})";

TestArg Doc() { return Const(kString, S(kDoc)); }
TestArg Key(const std::string& key) { return Const(kString, S(key)); }
TestArg Index(int64_t index) { return Const(kInt, I(index)); }

TEST(Json, HasLengthType) {
  ExpectCases(Registry(),
              {
                  {"JSONHas", {Doc(), Key("a")}, "Bool", {"true"}},
                  {"JSONHas", {Doc(), Key("zz")}, "Bool", {"false"}},
                  {"JSONHas", {Doc(), Key("c"), Index(3)}, "Bool", {"true"}},
                  {"JSONHas", {Doc(), Key("c"), Index(4)}, "Bool", {"false"}},
                  {"JSONHas", {Doc(), Key("c"), Index(-3)}, "Bool", {"true"}},
                  {"JSONHas", {Doc(), Key("c"), Index(0)}, "Bool", {"false"}},
                  {"JSONLength", {Doc()}, "Int64", {"9"}},
                  {"JSONLength", {Doc(), Key("c")}, "Int64", {"3"}},
                  {"JSONLength", {Doc(), Key("a")}, "Int64", {"0"}},
                  {"JSONType",
                   {Const(kString, S(kDoc)), Col(kString, {S("a"), S("b"), S("c"), S("d"), S("e"),
                                                           S("f"), S("u"), S("zz")})},
                   "String",
                   {"'String'", "'Int64'", "'Array'", "'Bool'", "'Null'", "'Object'", "'UInt64'",
                    "'Null'"}},
                  {"JSONType", {Doc(), Key("c"), Index(2)}, "String", {"'Double'"}},
              });
}

TEST(Json, ExtractScalars) {
  ExpectCases(
      Registry(),
      {
          {"JSONExtractString",
           {Doc(), Col(kString, {S("a"), S("b"), S("e"), S("f"), S("zz"), S("esc"), S("d")})},
           "String",
           {"'hello'", "'-100'", "''", "'{\"g\":\"x\\/y\",\"h\":1.5}'", "''", "'a\"bé'", "'true'"}},
          {"JSONExtractString", {Doc(), Index(1)}, "String", {"'hello'"}},
          {"JSONExtractString", {Doc(), Index(-1)}, "String", {"'a\"bé'"}},
          {"JSONExtractRaw",
           {Doc(), Col(kString, {S("c"), S("a"), S("zz"), S("e")})},
           "String",
           {"'[-100,200,300]'", "'\"hello\"'", "''", "'null'"}},
          {"JSONExtractRaw", {Doc(), Key("f"), Key("g")}, "String", {"'\"x\\/y\"'"}},
          {"JSONExtractInt",
           {Doc(), Col(kString, {S("b"), S("s"), S("d"), S("u"), S("a"), S("zz")})},
           "Int64",
           {"-100", "12", "0", "0", "0", "0"}},
          {"JSONExtractInt",
           {Doc(), Key("c"), Col(kInt, {I(2), I(-1), I(0)})},
           "Int64",
           {"200", "300", "0"}},
          {"JSONExtractInt", {Doc(), Key("f"), Key("h")}, "Int64", {"1"}},
          {"JSONExtractFloat",
           {Doc(), Col(kString, {S("b"), S("s"), S("a")})},
           "Float64",
           {"-100", "12", "0"}},
          {"JSONExtractFloat", {Doc(), Key("f"), Key("h")}, "Float64", {"1.5"}},
          {"JSONExtractBool",
           {Doc(), Col(kString, {S("d"), S("b"), S("a"), S("zz")})},
           "Bool",
           {"true", "true", "false", "false"}},
      });
}

TEST(Json, ExtractLists) {
  ExpectCases(Registry(), {
                              {"JSONExtractKeys",
                               {Doc(), Col(kString, {S("f"), S("a")})},
                               "Array(String)",
                               {"['g','h']", "[]"}},
                              {"JSONExtractArrayRaw",
                               {Doc(), Col(kString, {S("c"), S("f")})},
                               "Array(String)",
                               {"['-100','200','300']", "[]"}},
                              {"JSONExtractArrayRaw",
                               {Const(kString, S(R"([{"a":1},"x",[]])"))},
                               "Array(String)",
                               {"['{\"a\":1}','\"x\"','[]']"}},
                          });
}

TEST(Json, InvalidNullAndEncodedDocuments) {
  const LogicalType json = LogicalType::Json();
  ExpectCases(
      Registry(),
      {
          {"JSONExtractString",
           {Col(kNullableString, {S(R"({"a":"x"})"), S(R"({"a":)"), S(""), N(), S("[1]")}),
            Key("a")},
           "Nullable(String)",
           {"'x'", "''", "''", "NULL", "''"}},
          {"JSONHas",
           {Col(kString, {S(R"({"a":1} x)"), S(R"({"a":1})")}), Key("a")},
           "Bool",
           {"false", "true"}},
          {"JSONExtractInt",
           {DictCol(kString, {R"({"n":1})", R"({"n":2})", R"({"n":1})"}), Key("n")},
           "Int64",
           {"1", "2", "1"}},
          {"JSONExtractString", {Col(json, {S(R"({"k":"v"})")}), Key("k")}, "String", {"'v'"}},
          // A whole document, without a path.
          {"JSONExtractRaw",
           {Const(kString, S(R"( { "a" : [ 1 , 2 ] } )"))},
           "String",
           {"'{\"a\":[1,2]}'"}},
      });
  ExpectErrors(Registry(), {{"JSONExtractString",
                             {Doc(), Const(kFloat, F(1))},
                             "must be a String key or an integer index"},
                            {"JSONHas", {Const(kInt, I(1)), Key("a")}, "must be a String"}});
}

TEST(Json, Property) {
  auto docs = [] {
    return Col(
        kNullableString,
        {S(R"({"$browser":"Chrome","n":1.0,"i":42,"t":true,"o":{"x":1},"l":[1,"a"],"z":null})"),
         S(R"({"$browser":"Fire\"fox","a":{"b":"deep"}})"), S("not json"), N(), S("{}")});
  };
  ExpectCases(Registry(),
              {
                  {"_property",
                   {docs(), Key("$browser")},
                   "Nullable(String)",
                   {"'Chrome'", "'Fire\"fox'", "NULL", "NULL", "NULL"}},
                  {"_property",
                   {docs(), Col(kString, {S("n"), S("a"), S("n"), S("n"), S("n")})},
                   "Nullable(String)",
                   {"'1'", "'{\"b\":\"deep\"}'", "NULL", "NULL", "NULL"}},
                  {"_property",
                   {docs(), Key("a"), Key("b")},
                   "Nullable(String)",
                   {"NULL", "'deep'", "NULL", "NULL", "NULL"}},
                  {"_property",
                   {Const(kString, S(R"({"i":42,"t":true,"o":{"x":1},"l":[1,"a"],"z":null})")),
                    Col(kString, {S("i"), S("t"), S("o"), S("l"), S("z"), S("missing")})},
                   "Nullable(String)",
                   {"'42'", "'true'", "'{\"x\":1}'", "'[1,\"a\"]'", "NULL", "NULL"}},
                  {"_property",
                   {Const(kString, S(R"({"l":["p","q"]})")), Key("l"), Index(-1)},
                   "Nullable(String)",
                   {"'q'"}},
              });
}

// ExtractProperties must give exactly what _property gives for each path.
TEST(Json, ExtractPropertiesMatchesProperty) {
  std::vector<Value> values;
  for (int i = 0; i < 300; ++i) {
    switch (i % 7) {
      case 0:
        values.push_back(N());
        break;
      case 1:
        values.push_back(S("{broken"));
        break;
      default:
        values.push_back(S(fmt::format(
            R"({{"$browser":"B{}","$os":"{}","n":{},"a":{{"b":[{},"x"],"c":null}},"f":{}.25}})",
            i % 5, i % 3 == 0 ? "Mac" : "Linux", i, i, i)));
    }
  }
  const std::vector<std::vector<std::string>> paths = {
      {"$browser"}, {"a", "b"}, {"a", "c"}, {"missing"}, {"n"}, {"f"}, {"a"}, {}};
  for (bool dictionary : {false, true}) {
    SCOPED_TRACE(dictionary ? "dictionary" : "flat");
    TestArg json = Col(kNullableString, values);
    if (dictionary) {
      std::vector<std::optional<std::string>> texts;
      for (const Value& value : values) {
        texts.push_back(value.is_null() ? std::nullopt
                                        : std::optional<std::string>(value.as_string()));
      }
      json = DictCol(kNullableString, texts);
    }
    std::vector<ColumnVector> outs;
    ASSERT_TRUE(ExtractProperties({&json.vector, false}, values.size(), paths, &outs).ok());
    ASSERT_EQ(outs.size(), paths.size());
    for (size_t i = 0; i < paths.size(); ++i) {
      if (paths[i].empty()) continue;  // _property needs a key; ExtractProperties allows none.
      std::vector<TestArg> args = {json};
      for (const std::string& key : paths[i]) args.push_back(Key(key));
      auto expected = CallFunction(Registry(), "_property", args);
      ASSERT_TRUE(expected.ok()) << expected.status().ToString();
      EXPECT_EQ(outs[i].type().ToString(), "Nullable(String)");
      EXPECT_EQ(Render(outs[i]), Render(*expected)) << "path " << i;
    }
    EXPECT_EQ(Render(outs[7])[2],
              "'{\"$browser\":\"B2\",\"$os\":\"Linux\",\"n\":2,\"a\":{\"b\":[2,"
              "\"x\"],\"c\":null},\"f\":2.25}'");
  }
}

TEST(Json, ExtractPropertiesOfConstantsAndNull) {
  TestArg constant = Const(kString, S(R"({"a":{"b":2}})"));
  std::vector<ColumnVector> outs;
  ASSERT_TRUE(ExtractProperties({&constant.vector, true}, 3, {{"a", "b"}, {"a"}}, &outs).ok());
  EXPECT_EQ(Render(outs[0]), (std::vector<std::string>{"'2'", "'2'", "'2'"}));
  EXPECT_EQ(Render(outs[1]),
            (std::vector<std::string>{"'{\"b\":2}'", "'{\"b\":2}'", "'{\"b\":2}'"}));
  TestArg null = NullConst();
  ASSERT_TRUE(ExtractProperties({&null.vector, true}, 2, {{"a"}}, &outs).ok());
  EXPECT_EQ(Render(outs[0]), (std::vector<std::string>{"NULL", "NULL"}));
  TestArg number = Const(kInt, I(1));
  EXPECT_FALSE(ExtractProperties({&number.vector, true}, 1, {{"a"}}, &outs).ok());
}

// JSONExtract's kernel follows the result type the binder sets from its last argument.
Result<ColumnVector> CallJsonExtract(const std::vector<TestArg>& args, const LogicalType& type) {
  const FunctionInfo* function = Registry().Find("JSONExtract");
  if (function == nullptr || !function->kernel) return NotFound("JSONExtract");
  size_t rows = 1;
  for (const TestArg& arg : args) {
    if (!arg.constant) rows = arg.vector.size();
  }
  EvalContext context;
  KernelCall call{{}, rows, type, &context};
  for (const TestArg& arg : args) call.args.push_back({&arg.vector, arg.constant});
  ColumnVector out(type);
  LARDER_RETURN_IF_ERROR(function->kernel(call, &out));
  return out;
}

TEST(Json, ExtractByTypeName) {
  struct Case {
    std::string type_name;
    std::vector<std::string> rows;  // For keys b, d, s, a, e, zz.
  };
  const Case kCases[] = {
      {"Int64", {"-100", "1", "12", "0", "0", "0"}},
      {"UInt8", {"-100", "1", "12", "0", "0", "0"}},
      {"Nullable(Int64)", {"-100", "1", "12", "NULL", "NULL", "NULL"}},
      {"Float64", {"-100", "0", "12", "0", "0", "0"}},
      {"String", {"'-100'", "'true'", "'12'", "'hello'", "''", "''"}},
      {"Nullable(String)", {"'-100'", "'true'", "'12'", "'hello'", "NULL", "NULL"}},
      {"LowCardinality(Nullable(String))", {"'-100'", "'true'", "'12'", "'hello'", "NULL", "NULL"}},
      {"Bool", {"true", "true", "false", "false", "false", "false"}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.type_name);
    Result<LogicalType> type = JsonExtractType(c.type_name);
    ASSERT_TRUE(type.ok()) << type.status().ToString();
    auto result =
        CallJsonExtract({Doc(), Col(kString, {S("b"), S("d"), S("s"), S("a"), S("e"), S("zz")}),
                         Const(kString, S(c.type_name))},
                        *type);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(Render(*result), c.rows);
  }
  EXPECT_FALSE(JsonExtractType("Array(Int64)").ok());
  EXPECT_FALSE(JsonExtractType("Date").ok());
  // The registry gives the call its type from the constant type name.
  auto bound = CallFunction(Registry(), "JSONExtract", {Doc(), Key("b"), Key("Int64")});
  ASSERT_TRUE(bound.ok()) << bound.status().ToString();
  EXPECT_EQ(bound->type(), kInt);
  auto unnamed = CallFunction(Registry(), "JSONExtract", {Doc(), Key("b"), Col(kString, {S("x")})});
  ASSERT_FALSE(unnamed.ok());
  EXPECT_NE(unnamed.status().message().find("constant String"), std::string::npos);
}

}  // namespace
}  // namespace larder::functions

namespace larder::functions {
namespace {

using namespace testing;
using namespace testing::values;

// JSON columns take the top-level fast path; the same text as String goes through the full
// parser. Both must read every property the same.
TEST(Json, TopLevelFastPathAgreesWithTheFullParser) {
  const std::vector<std::string> documents = {
      R"({"$browser":"Chrome","$os":"Mac","n":42,"neg":-7,"t":true,"f":false,"z":null})",
      R"(  { "$browser" : "Firefox" , "n" : 0 , "$os":"" }  )",
      R"({"$browser":"a\"b","n":1.5,"$os":"x\u00e9y"})",
      R"({"n":1e3,"$browser":"-0","neg":-0,"big":123456789012345678901})",
      R"({"nested":{"$browser":"no","a":[1,{"b":"}"}]},"$browser":"yes","arr":[1, 2]})",
      R"({"$browser":"first","$browser":"second","n":5,"n":6})",
      R"({"z":null,"z":"later","t":[],"f":{}})",
      R"({})",
      R"([1,2,3])",
      R"("just a string")",
      R"({"$browser":"\\","s\"k":1,"n":007})",
      R"({"$os":"Linux","n":-12,"t":true})",
      R"({"n":12.345,"neg":-1.5,"t":0.1,"f":100.000,"big":3.14159265358979})",
  };
  const std::vector<std::vector<std::string>> paths = {
      {"$browser"}, {"$os"}, {"n"}, {"neg"}, {"t"}, {"f"}, {"z"}, {"big"}, {"arr"}, {"missing"}};
  std::vector<Value> values;
  for (const std::string& document : documents) values.push_back(S(document));
  values.push_back(N());
  TestArg as_json = Col(LogicalType::Json().WithNullable(true), values);
  TestArg as_text = Col(kString.WithNullable(true), values);
  std::vector<ColumnVector> fast, full;
  ASSERT_TRUE(ExtractProperties({&as_json.vector, false}, values.size(), paths, &fast).ok());
  ASSERT_TRUE(ExtractProperties({&as_text.vector, false}, values.size(), paths, &full).ok());
  for (size_t i = 0; i < paths.size(); ++i) {
    EXPECT_EQ(Render(fast[i]), Render(full[i])) << "key " << paths[i][0];
  }
  // One key at a time (the _property kernel's own fast path).
  for (const auto& path : paths) {
    auto one = CallFunction(Registry(), "_property", {as_json, Key(path[0])});
    ASSERT_TRUE(one.ok());
    auto reference = CallFunction(Registry(), "_property", {as_text, Key(path[0])});
    ASSERT_TRUE(reference.ok());
    EXPECT_EQ(Render(*one), Render(*reference)) << "key " << path[0];
  }
  EXPECT_EQ(Render(fast[0])[5], "'first'");
}

TEST(Json, TopLevelFastPathTakesFlatDocumentsAndGivesUpOnTheRest) {
  std::vector<FastPropertyValue> v;
  ASSERT_TRUE(LookUpTopLevelKeys(R"({"a":"x","s":2.5,"c":{"d":"}"},"b":12,"e":true,"n":null})",
                                 {"a", "b", "e", "n", "zz"}, &v));
  EXPECT_EQ(v[0].text, "x");
  EXPECT_EQ(v[1].text, "12");
  EXPECT_EQ(v[2].text, "true");
  EXPECT_FALSE(v[3].found);
  EXPECT_FALSE(v[4].found);
  EXPECT_FALSE(LookUpTopLevelKeys(R"({"a":"x\"y"})", {"a"}, &v));  // An escape.
  ASSERT_TRUE(LookUpTopLevelKeys(R"({"a":2.50,"b":0.1,"c":12.0})", {"a", "b", "c"}, &v));
  EXPECT_EQ(v[0].text, "2.5");  // Printed back as the full parser prints it.
  EXPECT_EQ(v[1].text, "0.1");
  EXPECT_EQ(v[2].text, "12");
  EXPECT_FALSE(LookUpTopLevelKeys(R"({"a":{"b":1}})", {"a"}, &v));  // Re-serialized.
  EXPECT_FALSE(LookUpTopLevelKeys(R"({"x":1e999,"a":1})", {"a"}, &v));
  EXPECT_FALSE(LookUpTopLevelKeys(R"([1])", {"a"}, &v));
}

}  // namespace
}  // namespace larder::functions
