// Tokens of HogQL, as PostHog's HogQL lexer defines them (keywords are case-insensitive; some
// keywords have two spellings). The lexer produces them; the parser consumes them.
#pragma once

#include <cstdint>
#include <string_view>

namespace larder::hogql {

// Every keyword, in PostHog's token order. X(name, spelling...) — the spellings it matches.
// clang-format off
#define LARDER_HOGQL_KEYWORDS(X)                                                              \
  X(ALL) X(AND) X(ANTI) X(ANY) X(ARRAY) X(AS) X(ASCENDING) X(ASOF) X(BETWEEN) X(BOTH) X(BY)   \
  X(CASE) X(CAST) X(CATCH) X(COHORT) X(COLLATE) X(COLUMNS) X(CROSS) X(CUBE) X(CURRENT)        \
  X(DATE) X(DAY) X(DESC) X(DESCENDING) X(DISTINCT) X(ELSE) X(END) X(EXCEPT) X(EXCLUDE)        \
  X(EXTRACT) X(FINAL) X(FILL) X(FILTER) X(FINALLY) X(FIRST) X(FN) X(FOLLOWING) X(FOR) X(FROM) \
  X(FULL) X(FUN) X(GROUP) X(GROUPING) X(HAVING) X(HOUR) X(ID) X(IF) X(ILIKE) X(IGNORE)        \
  X(INCLUDE) X(IN) X(INF) X(INNER) X(INTERSECT) X(INTERPOLATE) X(INTERVAL) X(IS) X(JOIN)      \
  X(KEY) X(LAMBDA) X(LAST) X(LEADING) X(LEFT) X(LET) X(LIKE) X(LIMIT) X(MATERIALIZED)         \
  X(MINUTE) X(MONTH) X(NAME) X(NATURAL) X(NAN_SQL) X(NOT) X(NULL_SQL) X(NULLS) X(OFFSET)      \
  X(ON) X(OR) X(ORDER) X(OUTER) X(OVER) X(PARTITION) X(PIVOT) X(POSITIONAL) X(PRECEDING)      \
  X(PREWHERE) X(QUALIFY) X(QUARTER) X(RANGE) X(RECURSIVE) X(REPLACE) X(RETURN) X(RIGHT)       \
  X(ROLLUP) X(ROW) X(ROWS) X(SAMPLE) X(SECOND) X(SELECT) X(SEMI) X(SETS) X(SETTINGS) X(STEP)  \
  X(SUBSTRING) X(THEN) X(THROW) X(TIES) X(TIMESTAMP) X(TIME) X(LOCAL) X(ZONE) X(TO) X(TOP)    \
  X(TOTALS) X(TRAILING) X(TRIM) X(TRUNCATE) X(TRY) X(TRY_CAST) X(UNBOUNDED) X(UNION)          \
  X(UNPIVOT) X(USING) X(VALUES) X(WEEK) X(WHEN) X(WHERE) X(WHILE) X(WINDOW) X(WITH)           \
  X(WITHIN) X(YEAR)
// clang-format on

enum class TokenType : uint16_t {
  kEnd,
  kIdentifier,
  kQuotedIdentifier,  // `x` or "x"
  kString,            // 'x'
  kFloating,          // 1e3, 1.5e-2, 0x1p3 (a dot without exponent is DECIMAL DOT DECIMAL)
  kDecimal,           // 123 (also 017, read as decimal)
  kHex,               // 0x1F
  kBinary,            // 0b101
  kOctalPrefix,       // 0o17 (always refused)
  kBadBinary,         // 0b12
  kLoneQuote,         // a ' that does not start a valid string literal
  // Template strings f'…{expr}…'.
  kTemplateStart,  // f'
  kTemplateText,
  kTemplateExprStart,  // { inside a template string
  kTemplateEnd,        // the closing '
  // Punctuation and operators.
  kArrow,
  kAsterisk,
  kBackslash,
  kDoubleColon,
  kColonEquals,
  kColon,
  kComma,
  kConcat,
  kDash,
  kDot,
  kEqDouble,
  kEqSingle,
  kGtEq,
  kGt,
  kHash,
  kIRegexSingle,
  kIRegexDouble,
  kLBrace,
  kLBracket,
  kLParen,
  kNullSafeEq,
  kLtEq,
  kLt,
  kNotEq,
  kNotIRegex,
  kNotRegex,
  kNullProperty,
  kNullish,
  kPercent,
  kPlus,
  kQuery,
  kRegexSingle,
  kRegexDouble,
  kRBrace,
  kRBracket,
  kRParen,
  kSemicolon,
  kSlash,
#define LARDER_HOGQL_KEYWORD_ENUM(name) k##name,
  LARDER_HOGQL_KEYWORDS(LARDER_HOGQL_KEYWORD_ENUM)
#undef LARDER_HOGQL_KEYWORD_ENUM
};

struct Token {
  TokenType type = TokenType::kEnd;
  uint32_t start = 0;  // Byte offsets into the query text.
  uint32_t end = 0;
  std::string_view text;
};

// The keyword token for `word` (any case), or kIdentifier.
TokenType KeywordType(std::string_view word);
bool IsKeyword(TokenType type);
// Whether a token can serve as an identifier (IDENTIFIER, quoted, interval units and most
// keywords — PostHog's `identifier` rule).
bool IsIdentifierToken(TokenType type);
// Tokens allowed as an alias without AS after a column (`SELECT x date`).
bool IsImplicitColumnAliasToken(TokenType type);
// Tokens allowed as a table alias without AS (`FROM t date`).
bool IsImplicitTableAliasToken(TokenType type);
// DAY, HOUR, … YEAR.
bool IsIntervalUnit(TokenType type);
// "toIntervalDay" for DAY, etc. REQUIRES: IsIntervalUnit(type).
std::string_view IntervalFunction(TokenType type);
// How the token is named in messages: 'SELECT', ',' …
std::string_view TokenName(TokenType type);

}  // namespace larder::hogql
