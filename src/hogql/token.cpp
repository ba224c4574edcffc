#include "hogql/token.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace larder::hogql {
namespace {

struct KeywordSpelling {
  std::string_view text;  // Upper case.
  TokenType type;
};

constexpr std::array kKeywordNames = {
#define LARDER_HOGQL_KEYWORD_NAME(name) std::string_view(#name),
    LARDER_HOGQL_KEYWORDS(LARDER_HOGQL_KEYWORD_NAME)
#undef LARDER_HOGQL_KEYWORD_NAME
};

constexpr uint16_t kFirstKeyword = static_cast<uint16_t>(TokenType::kALL);

std::string Upper(std::string_view word) {
  std::string upper(word);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

}  // namespace

TokenType KeywordType(std::string_view word) {
  if (word.size() > 12 || word.empty()) return TokenType::kIdentifier;
  std::string upper = Upper(word);
  if (upper == "ASC") return TokenType::kASCENDING;
  if (upper == "INFINITY") return TokenType::kINF;
  if (upper == "NAN") return TokenType::kNAN_SQL;
  if (upper == "NULL") return TokenType::kNULL_SQL;
  if (upper == "YYYY") return TokenType::kYEAR;
  if (upper == "NAN_SQL" || upper == "NULL_SQL") return TokenType::kIdentifier;
  for (size_t i = 0; i < kKeywordNames.size(); ++i) {
    if (kKeywordNames[i] == upper) return static_cast<TokenType>(kFirstKeyword + i);
  }
  return TokenType::kIdentifier;
}

bool IsKeyword(TokenType type) { return static_cast<uint16_t>(type) >= kFirstKeyword; }

bool IsIntervalUnit(TokenType type) {
  switch (type) {
    case TokenType::kDAY:
    case TokenType::kHOUR:
    case TokenType::kMINUTE:
    case TokenType::kMONTH:
    case TokenType::kQUARTER:
    case TokenType::kSECOND:
    case TokenType::kWEEK:
    case TokenType::kYEAR:
      return true;
    default:
      return false;
  }
}

std::string_view IntervalFunction(TokenType type) {
  switch (type) {
    case TokenType::kDAY:
      return "toIntervalDay";
    case TokenType::kHOUR:
      return "toIntervalHour";
    case TokenType::kMINUTE:
      return "toIntervalMinute";
    case TokenType::kMONTH:
      return "toIntervalMonth";
    case TokenType::kQUARTER:
      return "toIntervalQuarter";
    case TokenType::kSECOND:
      return "toIntervalSecond";
    case TokenType::kWEEK:
      return "toIntervalWeek";
    default:
      return "toIntervalYear";
  }
}

bool IsIdentifierToken(TokenType type) {
  if (type == TokenType::kIdentifier || type == TokenType::kQuotedIdentifier) return true;
  if (!IsKeyword(type)) return false;
  switch (type) {
    case TokenType::kCATCH:
    case TokenType::kEXCEPT:
    case TokenType::kFINALLY:
    case TokenType::kFN:
    case TokenType::kFUN:
    case TokenType::kINF:
    case TokenType::kINTERSECT:
    case TokenType::kLET:
    case TokenType::kMATERIALIZED:
    case TokenType::kNAN_SQL:
    case TokenType::kNULL_SQL:
    case TokenType::kTHROW:
    case TokenType::kTRY:
    case TokenType::kWHILE:
    case TokenType::kWITHIN:
      return false;
    default:
      return true;
  }
}

bool IsImplicitColumnAliasToken(TokenType type) {
  switch (type) {
    case TokenType::kIdentifier:
    case TokenType::kQuotedIdentifier:
    case TokenType::kASCENDING:
    case TokenType::kCOHORT:
    case TokenType::kDATE:
    case TokenType::kDESCENDING:
    case TokenType::kFINAL:
    case TokenType::kID:
    case TokenType::kRETURN:
    case TokenType::kTOP:
    case TokenType::kTOTALS:
      return true;
    default:
      return false;
  }
}

bool IsImplicitTableAliasToken(TokenType type) {
  switch (type) {
    case TokenType::kIdentifier:
    case TokenType::kQuotedIdentifier:
    case TokenType::kDATE:
    case TokenType::kFIRST:
    case TokenType::kID:
    case TokenType::kKEY:
      return true;
    default:
      return false;
  }
}

std::string_view TokenName(TokenType type) {
  if (IsKeyword(type)) return kKeywordNames[static_cast<uint16_t>(type) - kFirstKeyword];
  switch (type) {
    case TokenType::kEnd:
      return "end of query";
    case TokenType::kIdentifier:
      return "identifier";
    case TokenType::kQuotedIdentifier:
      return "quoted identifier";
    case TokenType::kString:
      return "string";
    case TokenType::kFloating:
    case TokenType::kDecimal:
    case TokenType::kHex:
    case TokenType::kBinary:
    case TokenType::kOctalPrefix:
    case TokenType::kBadBinary:
      return "number";
    case TokenType::kLoneQuote:
      return "'";
    case TokenType::kTemplateStart:
      return "f'";
    case TokenType::kTemplateText:
      return "template text";
    case TokenType::kTemplateExprStart:
      return "{";
    case TokenType::kTemplateEnd:
      return "'";
    case TokenType::kArrow:
      return "->";
    case TokenType::kAsterisk:
      return "*";
    case TokenType::kBackslash:
      return "\\";
    case TokenType::kDoubleColon:
      return "::";
    case TokenType::kColonEquals:
      return ":=";
    case TokenType::kColon:
      return ":";
    case TokenType::kComma:
      return ",";
    case TokenType::kConcat:
      return "||";
    case TokenType::kDash:
      return "-";
    case TokenType::kDot:
      return ".";
    case TokenType::kEqDouble:
      return "==";
    case TokenType::kEqSingle:
      return "=";
    case TokenType::kGtEq:
      return ">=";
    case TokenType::kGt:
      return ">";
    case TokenType::kHash:
      return "#";
    case TokenType::kIRegexSingle:
      return "~*";
    case TokenType::kIRegexDouble:
      return "=~*";
    case TokenType::kLBrace:
      return "{";
    case TokenType::kLBracket:
      return "[";
    case TokenType::kLParen:
      return "(";
    case TokenType::kNullSafeEq:
      return "<=>";
    case TokenType::kLtEq:
      return "<=";
    case TokenType::kLt:
      return "<";
    case TokenType::kNotEq:
      return "!=";
    case TokenType::kNotIRegex:
      return "!~*";
    case TokenType::kNotRegex:
      return "!~";
    case TokenType::kNullProperty:
      return "?.";
    case TokenType::kNullish:
      return "??";
    case TokenType::kPercent:
      return "%";
    case TokenType::kPlus:
      return "+";
    case TokenType::kQuery:
      return "?";
    case TokenType::kRegexSingle:
      return "~";
    case TokenType::kRegexDouble:
      return "=~";
    case TokenType::kRBrace:
      return "}";
    case TokenType::kRBracket:
      return "]";
    case TokenType::kRParen:
      return ")";
    case TokenType::kSemicolon:
      return ";";
    case TokenType::kSlash:
      return "/";
    default:
      return "token";
  }
}

}  // namespace larder::hogql
