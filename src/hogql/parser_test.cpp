#include "hogql/parser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "hogql/ast_json.h"
#include "hogql/lexer.h"

namespace larder::hogql {
namespace {

enum class Kind { kSelect, kExpr };

ParseResult Parse(Kind kind, std::string_view text) {
  return kind == Kind::kSelect ? ParseSelect(text) : ParseExpr(text);
}

std::string Repeat(std::string_view piece, size_t count) {
  std::string out;
  out.reserve(piece.size() * count);
  for (size_t index = 0; index < count; ++index) out += piece;
  return out;
}

// `open` × depth, then `middle`, then `close` × depth.
std::string Nest(std::string_view open, size_t depth, std::string_view middle,
                 std::string_view close) {
  return Repeat(open, depth) + std::string(middle) + Repeat(close, depth);
}

// ---- Syntax errors: what the user is told, and where.

TEST(ParserErrors, ReportTheOffendingPositionAndWhatWasWrong) {
  struct Case {
    Kind kind;
    std::string input;
    std::string type;
    uint32_t start;
    std::string message;  // A substring of the message.
  };
  const std::vector<Case> cases = {
      {Kind::kSelect, "SELECT 1 +", "SyntaxError", 10, "unexpected end of query"},
      {Kind::kSelect, "select (1", "SyntaxError", 9, "the query ended"},
      {Kind::kSelect, "select 1)", "SyntaxError", 8, "unexpected text after the query at ')'"},
      {Kind::kSelect, "select 'abc", "SyntaxError", 7, "unexpected token at '''"},
      {Kind::kSelect, "select @x", "SyntaxError", 7, "Unexpected character '@'"},
      {Kind::kSelect, "select 1 ! 2", "SyntaxError", 9, "Unexpected character '!'"},
      {Kind::kSelect, "", "SyntaxError", 0, "expected 'SELECT' but the query ended"},
      {Kind::kSelect, "select * from", "SyntaxError", 13, "expected an identifier"},
      {Kind::kSelect, "select top 10 a from t", "NotImplementedError", 7, "topClause"},
      {Kind::kSelect, "select 1 as true", "SyntaxError", 12,
       "\"true\" cannot be an alias or identifier, as it's a reserved keyword"},
      {Kind::kSelect, "select 1 as team_id", "SyntaxError", 12, "\"team_id\" cannot be an alias"},
      {Kind::kSelect, "select a b c", "SyntaxError", 11, "unexpected text after the query at 'c'"},
      {Kind::kSelect, "select 1 union", "SyntaxError", 14, "expected 'SELECT'"},
      {Kind::kSelect, "select from t", "SyntaxError", 7,
       "Cannot use \"from\" before an implicit alias"},
      {Kind::kSelect, "select count( from t", "SyntaxError", 19, "expected ')' at 't'"},
      {Kind::kSelect, "select a from t where", "SyntaxError", 21, "unexpected end of query"},
      {Kind::kSelect, "select 0o17", "SyntaxError", 7, "`0o`-prefixed octal"},
      {Kind::kSelect, "select `abc", "SyntaxError", 7, "unterminated quoted identifier `"},
      {Kind::kSelect, "select 1 /* unterminated", "SyntaxError", 9, "unterminated /* comment"},
      {Kind::kSelect, "select f'abc", "SyntaxError", 12, "unterminated template string"},
      {Kind::kSelect, "select }", "ParsingError", 7, "unbalanced '}'"},
      {Kind::kSelect, "select a from t left right join u on 1", "SyntaxError", 16,
       "join modifiers is not valid"},
      {Kind::kSelect, "select case when 1 end", "SyntaxError", 19, "expected 'THEN' at 'end'"},
      {Kind::kSelect, "select a from t array join [1]", "SyntaxError", 27,
       "ARRAY JOIN arrays must have an alias"},
      {Kind::kSelect, "select date '2020-01-01'", "NotImplementedError", 7, "ColumnExprDate"},
      {Kind::kSelect, "select 1 settings a = 1", "NotImplementedError", 9, "settingsClause"},
      {Kind::kExpr, "", "SyntaxError", 0, "unexpected end of query"},
      {Kind::kExpr, "a b", "SyntaxError", 2, "unexpected text after the expression at 'b'"},
      {Kind::kExpr, "1 = = 2", "SyntaxError", 4, "unexpected token at '='"},
      {Kind::kExpr, "x ? y", "SyntaxError", 5, "expected ':'"},
      {Kind::kExpr, "a between 1", "SyntaxError", 11, "expected 'AND'"},
      {Kind::kExpr, "F'x'", "SyntaxError", 0, "template strings are only allowed on their own"},
      {Kind::kExpr, "1 \xE2\x88\x9E 2", "SyntaxError", 2, "Unexpected character (byte 0xE2)"},
      {Kind::kExpr, "substring(x from 1)", "NotImplementedError", 0, "ColumnExprSubstring"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.input);
    ParseResult result = Parse(test.kind, test.input);
    ASSERT_FALSE(result.node);
    ASSERT_TRUE(result.error);
    EXPECT_EQ(result.error->TypeName(), test.type);
    EXPECT_EQ(result.error->start, test.start) << result.error->message;
    EXPECT_NE(result.error->message.find(test.message), std::string::npos) << result.error->message;
    EXPECT_LE(result.error->start, result.error->end);
    EXPECT_LE(result.error->end, test.input.size());
  }
}

TEST(ParserErrors, StatusNamesThePosition) {
  ParseResult result = ParseSelect("select 1 +");
  ASSERT_TRUE(result.error);
  Status status = result.error->ToStatus();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.ToString().find("at position 10"), std::string::npos) << status.ToString();
}

// ---- Nesting: refused past kMaxParseDepth with an error, never a crash or a hang.

struct NestingCase {
  std::string name;
  Kind kind;
  std::string open, middle, close;
};

std::vector<NestingCase> NestingCases() {
  return {
      {"parentheses", Kind::kExpr, "(", "1", ")"},
      {"function calls", Kind::kExpr, "f(", "1", ")"},
      {"arrays", Kind::kExpr, "[", "1", "]"},
      {"tuples", Kind::kExpr, "(1, ", "1", ")"},
      {"unary minus", Kind::kExpr, "- ", "x", ""},
      {"NOT", Kind::kExpr, "not ", "x", ""},
      {"lambdas", Kind::kExpr, "x -> ", "x", ""},
      {"ternaries", Kind::kExpr, "a ? b : ", "c", ""},
      {"CASE", Kind::kExpr, "case when a then ", "b", " end"},
      {"CAST", Kind::kExpr, "cast(", "x", " as Int64)"},
      {"dicts", Kind::kExpr, "{'k': ", "1", "}"},
      {"scalar subqueries", Kind::kSelect, "select (", "select 1", ")"},
      {"FROM subqueries", Kind::kSelect, "select 1 from (", "select 1", ")"},
      {"parenthesised joins", Kind::kSelect, "select 1 from (", "t", ")"},
      {"set operations", Kind::kSelect, "(", "select 1", " union all select 2)"},
      {"type arguments", Kind::kExpr, "cast(x as ", "Int64", ")"},
  };
}

TEST(ParserNesting, ModerateNestingParses) {
  for (const NestingCase& test : NestingCases()) {
    SCOPED_TRACE(test.name);
    std::string input = test.name == "type arguments"
                            ? "cast(x as " + Nest("Array(", 20, "Int64", ")") + ")"
                            : Nest(test.open, 20, test.middle, test.close);
    ParseResult result = Parse(test.kind, input);
    EXPECT_TRUE(result.node) << input << "\n" << (result.error ? result.error->message : "");
  }
}

TEST(ParserNesting, TooDeepIsASyntaxErrorNamingTheLimit) {
  const std::string limit = std::to_string(kMaxParseDepth);
  for (size_t depth : {size_t{kMaxParseDepth} + 1, size_t{1000}, size_t{20000}}) {
    for (const NestingCase& test : NestingCases()) {
      SCOPED_TRACE(test.name + " × " + std::to_string(depth));
      std::string input = test.name == "type arguments"
                              ? "cast(x as " + Nest("Array(", depth, "Int64", ")") + ")"
                              : Nest(test.open, depth, test.middle, test.close);
      ParseResult result = Parse(test.kind, input);
      ASSERT_FALSE(result.node);
      ASSERT_TRUE(result.error);
      EXPECT_EQ(result.error->TypeName(), "SyntaxError");
      EXPECT_NE(result.error->message.find("nests more than " + limit + " levels deep"),
                std::string::npos)
          << result.error->message;
      EXPECT_LT(result.error->start, input.size());
    }
  }
}

// Constructs that the parser reads two ways (a speculative reading, then another) used to take
// 2^depth time when nested; each of these took minutes or more before failed attempts were
// remembered. They must parse (or fail) promptly; a regression shows up as a hanging test.
TEST(ParserNesting, NestedSpeculationIsNotExponential) {
  struct Case {
    std::string name;
    Kind kind;
    std::string input;
    bool valid;
  };
  const std::vector<Case> cases = {
      {"case as a function name", Kind::kExpr, Nest("case(", 30, "1", ")"), true},
      {"substring", Kind::kExpr, Nest("substring(", 45, "1", ")"), true},
      {"LIMIT subqueries", Kind::kSelect, Nest("select 1 limit (", 35, "select 1", ")"), true},
      {"cast, failing at the end", Kind::kExpr, Nest("cast(", 60, "1 +", ")"), false},
      {"subquery calls, failing", Kind::kSelect, Nest("select (", 45, "1 +", ")"), false},
      {"parenthesised joins, failing", Kind::kSelect,
       Nest("select 1 from ((", 35, "select 1 +", ") t)"), false},
      {"subqueries past the limit", Kind::kSelect, Nest("select (", 250, "select 1", ")"), false},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    ParseResult result = Parse(test.kind, test.input);
    EXPECT_EQ(static_cast<bool>(result.node), test.valid)
        << (result.error ? result.error->message : "");
  }
}

// Left-deep chains (a + b + c …, x[1][1]…, a AS b AS c …) are built by a loop, not by
// recursion, so the nesting limit does not see them: a 2,000-term `a + a + …` (4 KB) gives an
// AST 2,000 levels deep, and ToJson (recursive) overflows the stack under AddressSanitizer;
// 100,000 terms overflow it in a release build, and 1,000,000 overflow the destructor.
// Disabled until the chains count towards the limit or the recursive walks become iterative.
// Loops that wrap a node in another (a + b + c, x[1][1], joins) deepen the tree without
// recursion; they count towards the nesting limit, so long chains are refused, not a crash later
// when the tree is printed or freed.
TEST(ParserNesting, LongLeftDeepChainsAreRefusedNotOverflowingTheStack) {
  const std::pair<std::string, std::string> kChains[] = {
      {"1", " + 1"}, {"x", "[1]"}, {"x", "::Int64"}, {"x", " as y"}, {"x", " ?? x"}, {"t", ".1"}};
  for (const auto& [head, piece] : kChains) {
    std::string input = head + Repeat(piece, 100000);
    ParseResult result = ParseExpr(input);
    ASSERT_TRUE(result.error) << piece;
    EXPECT_NE(result.error->message.find("levels deep"), std::string::npos) << piece;
  }
  std::string joins = "select 1 from t0";
  for (int i = 1; i < 20000; ++i) joins += ", t" + std::to_string(i);
  ParseResult result = ParseSelect(joins);
  ASSERT_TRUE(result.error);
  EXPECT_NE(result.error->message.find("levels deep"), std::string::npos);
  // Chains within the limit still parse and print.
  ParseResult short_chain = ParseExpr(Repeat("1 + ", 150) + "1");
  ASSERT_TRUE(short_chain.node);
  EXPECT_FALSE(ToJson(*short_chain.node).Serialize().empty());
}

// ---- Large queries: a megabyte of query text parses, in a shape that does not nest.

// Parses `text` as a SELECT, printing how long it took (measured, not asserted).
ParseResult TimedParse(std::string_view name, std::string_view text) {
  auto begin = std::chrono::steady_clock::now();
  ParseResult result = ParseSelect(text);
  auto end = std::chrono::steady_clock::now();
  double ms = std::chrono::duration<double, std::milli>(end - begin).count();
  std::printf("[ MEASURE  ] parse of a %.1f MB %s: %.1f ms\n", text.size() / 1e6,
              std::string(name).c_str(), ms);
  return result;
}

TEST(ParserLargeQueries, OneMegabyteInList) {
  std::string query = "select * from events where id in (0";
  size_t count = 1;
  while (query.size() < (1 << 20)) query += ", " + std::to_string(count++);
  query += ")";
  ParseResult result = TimedParse("IN list", query);
  ASSERT_TRUE(result.node) << result.error->message;
  auto* select = As<SelectQuery>(result.node.get());
  ASSERT_TRUE(select);
  auto* in = As<CompareOperation>(select->where.get());
  ASSERT_TRUE(in);
  EXPECT_EQ(in->op, "in");
  auto* list = As<Tuple>(in->right.get());
  ASSERT_TRUE(list);
  ASSERT_EQ(list->exprs.size(), count);
  auto* last = As<Constant>(list->exprs.back().get());
  ASSERT_TRUE(last);
  EXPECT_EQ(std::get<int64_t>(last->value), static_cast<int64_t>(count - 1));
  EXPECT_GT(ToJson(*result.node).Serialize().size(), query.size());
}

TEST(ParserLargeQueries, OneMegabyteOfOredComparisons) {
  std::string query = "select count() from events where event = 'e0'";
  size_t count = 1;
  while (query.size() < (1 << 20)) query += " or event = 'e" + std::to_string(count++) + "'";
  ParseResult result = TimedParse("OR chain", query);
  ASSERT_TRUE(result.node) << result.error->message;
  auto* select = As<SelectQuery>(result.node.get());
  ASSERT_TRUE(select);
  auto* any = As<Or>(select->where.get());
  ASSERT_TRUE(any);
  ASSERT_EQ(any->exprs.size(), count);
  auto* last = As<CompareOperation>(any->exprs.back().get());
  ASSERT_TRUE(last);
  auto* value = As<Constant>(last->right.get());
  ASSERT_TRUE(value);
  EXPECT_EQ(std::get<std::string>(value->value), "e" + std::to_string(count - 1));
  EXPECT_GT(ToJson(*result.node).Serialize().size(), query.size());
}

TEST(ParserLargeQueries, OneMegabyteString) {
  std::string payload = Repeat("ab''c\\n", (1 << 20) / 7);
  ParseResult result = TimedParse("string literal", "select '" + payload + "' as s");
  ASSERT_TRUE(result.node) << result.error->message;
  auto* select = As<SelectQuery>(result.node.get());
  ASSERT_TRUE(select);
  ASSERT_EQ(select->select.size(), 1u);
  auto* alias = As<Alias>(select->select[0].get());
  ASSERT_TRUE(alias);
  auto* constant = As<Constant>(alias->expr.get());
  ASSERT_TRUE(constant);
  EXPECT_EQ(std::get<std::string>(constant->value), Repeat("ab'c\n", (1 << 20) / 7));
}

// ---- Lexer: tokens that are easy to get wrong.

using Tokens = std::vector<std::pair<TokenType, std::string>>;

Tokens LexTokens(std::string_view text) {
  LexResult result = Lex(text);
  EXPECT_FALSE(result.error) << text << ": " << result.error->message;
  Tokens tokens;
  for (const Token& token : result.tokens) {
    if (token.type != TokenType::kEnd) tokens.emplace_back(token.type, std::string(token.text));
  }
  EXPECT_EQ(result.tokens.back().type, TokenType::kEnd);
  return tokens;
}

TEST(Lexer, NumbersInEveryBase) {
  using T = TokenType;
  struct Case {
    std::string input;
    Tokens tokens;
  };
  const std::vector<Case> cases = {
      {"123", {{T::kDecimal, "123"}}},
      {"017", {{T::kDecimal, "017"}}},
      {"0x1F", {{T::kHex, "0x1F"}}},
      {"0XaB", {{T::kHex, "0XaB"}}},
      {"0x", {{T::kDecimal, "0"}, {T::kIdentifier, "x"}}},
      {"0b101", {{T::kBinary, "0b101"}}},
      {"0b12", {{T::kBadBinary, "0b12"}}},
      {"0o17", {{T::kOctalPrefix, "0o17"}}},
      {"1e3", {{T::kFloating, "1e3"}}},
      {"1.5e-2", {{T::kFloating, "1.5e-2"}}},
      {"1.e+2", {{T::kFloating, "1.e+2"}}},
      {".5e1", {{T::kFloating, ".5e1"}}},
      {"0x1p3", {{T::kFloating, "0x1p3"}}},
      {"0x1.8p1", {{T::kFloating, "0x1.8p1"}}},
      {"1.5", {{T::kDecimal, "1"}, {T::kDot, "."}, {T::kDecimal, "5"}}},
      {"1e", {{T::kDecimal, "1"}, {T::kIdentifier, "e"}}},
      {"1..2", {{T::kDecimal, "1"}, {T::kDot, "."}, {T::kDot, "."}, {T::kDecimal, "2"}}},
      {"inf nan", {{T::kINF, "inf"}, {T::kNAN_SQL, "nan"}}},
  };
  for (const Case& test : cases) EXPECT_EQ(LexTokens(test.input), test.tokens) << test.input;
}

TEST(Lexer, OperatorsAreMaximalMunch) {
  using T = TokenType;
  struct Case {
    std::string input;
    Tokens tokens;
  };
  const std::vector<Case> cases = {
      {"a?.b", {{T::kIdentifier, "a"}, {T::kNullProperty, "?."}, {T::kIdentifier, "b"}}},
      {"a??b", {{T::kIdentifier, "a"}, {T::kNullish, "??"}, {T::kIdentifier, "b"}}},
      {"a<=>b", {{T::kIdentifier, "a"}, {T::kNullSafeEq, "<=>"}, {T::kIdentifier, "b"}}},
      {"<=<>", {{T::kLtEq, "<="}, {T::kNotEq, "<>"}}},
      {"=~*!~*", {{T::kIRegexDouble, "=~*"}, {T::kNotIRegex, "!~*"}}},
      {"x::Int64", {{T::kIdentifier, "x"}, {T::kDoubleColon, "::"}, {T::kIdentifier, "Int64"}}},
      {"a:=1", {{T::kIdentifier, "a"}, {T::kColonEquals, ":="}, {T::kDecimal, "1"}}},
      {"x->x||y",
       {{T::kIdentifier, "x"},
        {T::kArrow, "->"},
        {T::kIdentifier, "x"},
        {T::kConcat, "||"},
        {T::kIdentifier, "y"}}},
      {"#1", {{T::kHash, "#"}, {T::kDecimal, "1"}}},
      {"SeLeCt $a_1", {{T::kSELECT, "SeLeCt"}, {T::kIdentifier, "$a_1"}}},
  };
  for (const Case& test : cases) EXPECT_EQ(LexTokens(test.input), test.tokens) << test.input;
}

TEST(Lexer, CommentsAndWhitespaceAreSkipped) {
  using T = TokenType;
  const Tokens one_plus_two = {{T::kDecimal, "1"}, {T::kPlus, "+"}, {T::kDecimal, "2"}};
  for (std::string input : {"1 -- comment\n+ 2", "1 // comment\r\n+ 2", "1 /* multi\nline */ + 2",
                            "1 # comment\n+ 2", "1/**/+/* */2", "1\t+\f2\v",
                            "1\xC2\xA0+\xE3\x80\x80"
                            "2",
                            "\xEF\xBB\xBF"
                            "1+2"}) {
    EXPECT_EQ(LexTokens(input), one_plus_two) << input;
  }
  EXPECT_EQ(LexTokens("1 -- the end"), (Tokens{{T::kDecimal, "1"}}));
  EXPECT_EQ(LexTokens("/* a */ /* b */"), Tokens{});
}

TEST(Lexer, TemplateStrings) {
  using T = TokenType;
  EXPECT_EQ(LexTokens("f'a{x}b'"), (Tokens{{T::kTemplateStart, "f'"},
                                           {T::kTemplateText, "a"},
                                           {T::kTemplateExprStart, "{"},
                                           {T::kIdentifier, "x"},
                                           {T::kRBrace, "}"},
                                           {T::kTemplateText, "b"},
                                           {T::kTemplateEnd, "'"}}));
  // Nested: a dict inside the expression, a template inside that.
  EXPECT_EQ(LexTokens("f'{ {'k': f'{y}'} }'"), (Tokens{{T::kTemplateStart, "f'"},
                                                       {T::kTemplateExprStart, "{"},
                                                       {T::kLBrace, "{"},
                                                       {T::kString, "'k'"},
                                                       {T::kColon, ":"},
                                                       {T::kTemplateStart, "f'"},
                                                       {T::kTemplateExprStart, "{"},
                                                       {T::kIdentifier, "y"},
                                                       {T::kRBrace, "}"},
                                                       {T::kTemplateEnd, "'"},
                                                       {T::kRBrace, "}"},
                                                       {T::kRBrace, "}"},
                                                       {T::kTemplateEnd, "'"}}));
  EXPECT_EQ(LexTokens("f'it''s \\{x}'"), (Tokens{{T::kTemplateStart, "f'"},
                                                 {T::kTemplateText, "it''s \\{x}"},
                                                 {T::kTemplateEnd, "'"}}));
  EXPECT_EQ(DecodeTemplateText("it''s \\{x} \\'q\\' \\n"), "it's {x} 'q' \n");

  ParseResult result = ParseExpr("f'a{x}b'");
  ASSERT_TRUE(result.node);
  auto* concat = As<Call>(result.node.get());
  ASSERT_TRUE(concat);
  EXPECT_EQ(concat->name, "concat");
  EXPECT_EQ(concat->args.size(), 3u);
}

TEST(Lexer, StringsAndQuotedIdentifiers) {
  using T = TokenType;
  EXPECT_EQ(LexTokens("'a''b'"), (Tokens{{T::kString, "'a''b'"}}));
  EXPECT_EQ(LexTokens("'a\\'b'"), (Tokens{{T::kString, "'a\\'b'"}}));
  EXPECT_EQ(LexTokens("`a``b` \"c\"\"d\""),
            (Tokens{{T::kQuotedIdentifier, "`a``b`"}, {T::kQuotedIdentifier, "\"c\"\"d\""}}));
  // A quote that does not start a valid string (an unknown escape, no end) stands alone.
  EXPECT_EQ(LexTokens("'\\q'"), (Tokens{{T::kLoneQuote, "'"},
                                        {T::kBackslash, "\\"},
                                        {T::kIdentifier, "q"},
                                        {T::kLoneQuote, "'"}}));
}

TEST(Lexer, EscapesDecode) {
  struct Case {
    std::string token;
    std::string decoded;
  };
  const std::vector<Case> strings = {
      {"'a''b'", "a'b"},
      {"'a\\'b'", "a'b"},
      {"'\\b\\f\\r\\n\\t\\a\\v\\\\'", "\b\f\r\n\t\a\v\\"},
      {"'x\\0y'", "xy"},                 // \0 is dropped.
      {"'\\x41'", "\\x41"},              // \xHH lexes but is kept as written.
      {"'\\N'", "\\N"},                  // Upper-case escapes lex but are kept.
      {"'caf\xC3\xA9'", "caf\xC3\xA9"},  // UTF-8 passes through.
      {"''", ""},
  };
  for (const Case& test : strings) {
    EXPECT_EQ(LexTokens(test.token), (Tokens{{TokenType::kString, test.token}})) << test.token;
    EXPECT_EQ(DecodeStringLiteral(test.token), test.decoded) << test.token;
  }
  EXPECT_EQ(DecodeQuotedIdentifier("`a``b\\`c`"), "a`b`c");
  EXPECT_EQ(DecodeQuotedIdentifier("\"a\"\"b\\\"c\""), "a\"b\"c");
  EXPECT_EQ(DecodeQuotedIdentifier("`tab\\t`"), "tab\t");

  ParseResult result = ParseExpr("'it''s\\n'");
  ASSERT_TRUE(result.node);
  auto* constant = As<Constant>(result.node.get());
  ASSERT_TRUE(constant);
  EXPECT_EQ(std::get<std::string>(constant->value), "it's\n");
}

TEST(Lexer, ErrorsCarryTheirOffset) {
  struct Case {
    std::string input;
    uint32_t start;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"a /* open", 2, "unterminated /* comment"},
      {"a `open", 2, "unterminated quoted identifier `"},
      {"a \"open", 2, "unterminated quoted identifier \""},
      {"a }", 2, "unbalanced '}'"},
      {"f'abc", 5, "unterminated template string"},
      {"f'\\q'", 2, "invalid escape in template string"},
      {"a ^ b", 2, "Unexpected character '^'"},
      {std::string("a \0 b", 5), 2, "Unexpected character (byte 0x00)"},
  };
  for (const Case& test : cases) {
    LexResult result = Lex(test.input);
    ASSERT_TRUE(result.error) << test.input;
    EXPECT_EQ(result.error->start, test.start) << test.input;
    EXPECT_NE(result.error->message.find(test.message), std::string::npos)
        << test.input << ": " << result.error->message;
    EXPECT_EQ(result.tokens.back().type, TokenType::kEnd);
  }
}

}  // namespace
}  // namespace larder::hogql
