#include "hogql/lexer.h"

#include <fmt/format.h>

namespace larder::hogql {
namespace {

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

enum class Mode { kDefault, kTemplate };

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}
  LexResult Run();

 private:
  char At(size_t i) const { return i < text_.size() ? text_[i] : '\0'; }
  void Emit(TokenType type, size_t start, size_t end) {
    result_.tokens.push_back({type, static_cast<uint32_t>(start), static_cast<uint32_t>(end),
                              text_.substr(start, end - start)});
  }
  void Fail(SyntaxError::Kind kind, std::string message, size_t start) {
    result_.error = SyntaxError{kind, std::move(message), static_cast<uint32_t>(start),
                                static_cast<uint32_t>(text_.size())};
  }
  bool SkipWhitespaceAndComments();
  size_t WhitespaceLength(size_t pos) const;
  void LexDefault();
  void LexTemplate();
  size_t MatchEscape(size_t pos) const;
  size_t MatchQuoted(size_t pos, char quote) const;
  size_t MatchNumber(size_t pos, TokenType* type) const;
  size_t MatchDigits(size_t pos) const {
    while (IsDigit(At(pos))) ++pos;
    return pos;
  }
  size_t MatchExponent(size_t pos, char marker_lower) const;
  bool LexOperator();

  std::string_view text_;
  size_t pos_ = 0;
  std::vector<Mode> modes_{Mode::kDefault};
  LexResult result_;
};

// Length of the whitespace character at `pos` (PostHog's WHITESPACE set, UTF-8), or 0.
size_t Lexer::WhitespaceLength(size_t pos) const {
  unsigned char c = static_cast<unsigned char>(At(pos));
  if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') return 1;
  auto b1 = static_cast<unsigned char>(At(pos + 1));
  auto b2 = static_cast<unsigned char>(At(pos + 2));
  if (c == 0xC2 && (b1 == 0x85 || b1 == 0xA0)) return 2;  // U+0085, U+00A0
  if (c == 0xE1 && b1 == 0x9A && b2 == 0x80) return 3;    // U+1680
  if (c == 0xE2 && b1 == 0x80 &&
      ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF)) {
    return 3;  // U+2000–U+200A, U+2028, U+2029, U+202F
  }
  if (c == 0xE2 && b1 == 0x81 && b2 == 0x9F) return 3;  // U+205F
  if (c == 0xE3 && b1 == 0x80 && b2 == 0x80) return 3;  // U+3000
  if (c == 0xEF && b1 == 0xBB && b2 == 0xBF) return 3;  // U+FEFF
  return 0;
}

bool Lexer::SkipWhitespaceAndComments() {
  for (;;) {
    if (size_t length = WhitespaceLength(pos_)) {
      pos_ += length;
    } else if (At(pos_) == '/' && At(pos_ + 1) == '*') {
      size_t close = text_.find("*/", pos_ + 2);
      if (close == std::string_view::npos) {
        Fail(SyntaxError::Kind::kSyntax, "unterminated /* comment", pos_);
        return false;
      }
      pos_ = close + 2;
    } else if ((At(pos_) == '-' && At(pos_ + 1) == '-') ||
               (At(pos_) == '/' && At(pos_ + 1) == '/') ||
               (At(pos_) == '#' && !IsDigit(At(pos_ + 1)))) {
      while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
    } else {
      return true;
    }
  }
}

// Length of an ESCAPE_CHAR_COMMON at `pos` (which holds a backslash), or 0.
size_t Lexer::MatchEscape(size_t pos) const {
  char c = static_cast<char>(std::tolower(static_cast<unsigned char>(At(pos + 1))));
  if (c == 'b' || c == 'f' || c == 'r' || c == 'n' || c == 't' || c == '0' || c == 'a' ||
      c == 'v' || At(pos + 1) == '\\') {
    return 2;
  }
  if (c == 'x' && IsHexDigit(At(pos + 2)) && IsHexDigit(At(pos + 3))) return 4;
  return 0;
}

// End of a quoted token starting at `pos` with `quote` (' ` "), or 0 if it does not lex.
size_t Lexer::MatchQuoted(size_t pos, char quote) const {
  size_t i = pos + 1;
  while (i < text_.size()) {
    char c = text_[i];
    if (c == quote) {
      if (At(i + 1) == quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    if (c == '\\') {
      if (size_t length = MatchEscape(i)) {
        i += length;
        continue;
      }
      char next = At(i + 1);
      bool allowed = (quote == '\'' && next == '\'') || (quote == '`' && next == '\'') ||
                     (quote == '"' && next == '"');
      if (!allowed) return 0;
      i += 2;
      continue;
    }
    ++i;
  }
  return 0;
}

size_t Lexer::MatchExponent(size_t pos, char marker_lower) const {
  if (std::tolower(static_cast<unsigned char>(At(pos))) != marker_lower) return 0;
  size_t i = pos + 1;
  if (At(i) == '+' || At(i) == '-') ++i;
  if (!IsDigit(At(i))) return 0;
  return MatchDigits(i);
}

// Matches a number token at `pos`; returns its end (or `pos` if none).
size_t Lexer::MatchNumber(size_t pos, TokenType* type) const {
  if (At(pos) == '.') {  // '.' DECIMAL [eE] …
    size_t digits_end = MatchDigits(pos + 1);
    if (digits_end > pos + 1) {
      if (size_t end = MatchExponent(digits_end, 'e')) {
        *type = TokenType::kFloating;
        return end;
      }
    }
    return pos;
  }
  char prefix = static_cast<char>(std::tolower(static_cast<unsigned char>(At(pos + 1))));
  if (At(pos) == '0' && prefix == 'x' && IsHexDigit(At(pos + 2))) {
    size_t i = pos + 2;
    while (IsHexDigit(At(i))) ++i;
    size_t mantissa_end = i;
    if (At(i) == '.') {
      size_t j = i + 1;
      while (IsHexDigit(At(j))) ++j;
      if (size_t end = MatchExponent(j, 'p')) {
        *type = TokenType::kFloating;
        return end;
      }
    }
    if (size_t end = MatchExponent(mantissa_end, 'p')) {
      *type = TokenType::kFloating;
      return end;
    }
    *type = TokenType::kHex;
    return mantissa_end;
  }
  if (At(pos) == '0' && prefix == 'b' && IsDigit(At(pos + 2))) {
    size_t end = MatchDigits(pos + 2);
    bool binary = true;
    for (size_t i = pos + 2; i < end; ++i) binary = binary && (text_[i] == '0' || text_[i] == '1');
    *type = binary ? TokenType::kBinary : TokenType::kBadBinary;
    return end;
  }
  if (At(pos) == '0' && prefix == 'o' && IsDigit(At(pos + 2))) {
    *type = TokenType::kOctalPrefix;
    return MatchDigits(pos + 2);
  }
  size_t digits_end = MatchDigits(pos);
  if (At(digits_end) == '.') {
    size_t fraction_end = MatchDigits(digits_end + 1);
    if (size_t end = MatchExponent(fraction_end, 'e')) {
      *type = TokenType::kFloating;
      return end;
    }
  }
  if (size_t end = MatchExponent(digits_end, 'e')) {
    *type = TokenType::kFloating;
    return end;
  }
  *type = TokenType::kDecimal;
  return digits_end;
}

bool Lexer::LexOperator() {
  struct Operator {
    std::string_view text;
    TokenType type;
  };
  // Longest first, so the first match is the maximal munch.
  static constexpr Operator kOperators[] = {
      {"<=>", TokenType::kNullSafeEq},
      {"=~*", TokenType::kIRegexDouble},
      {"!~*", TokenType::kNotIRegex},
      {"->", TokenType::kArrow},
      {"::", TokenType::kDoubleColon},
      {":=", TokenType::kColonEquals},
      {"||", TokenType::kConcat},
      {"==", TokenType::kEqDouble},
      {">=", TokenType::kGtEq},
      {"~*", TokenType::kIRegexSingle},
      {"<=", TokenType::kLtEq},
      {"!=", TokenType::kNotEq},
      {"<>", TokenType::kNotEq},
      {"!~", TokenType::kNotRegex},
      {"?.", TokenType::kNullProperty},
      {"??", TokenType::kNullish},
      {"=~", TokenType::kRegexDouble},
      {"*", TokenType::kAsterisk},
      {"\\", TokenType::kBackslash},
      {":", TokenType::kColon},
      {",", TokenType::kComma},
      {"-", TokenType::kDash},
      {".", TokenType::kDot},
      {"=", TokenType::kEqSingle},
      {">", TokenType::kGt},
      {"#", TokenType::kHash},
      {"[", TokenType::kLBracket},
      {"(", TokenType::kLParen},
      {"<", TokenType::kLt},
      {"%", TokenType::kPercent},
      {"+", TokenType::kPlus},
      {"?", TokenType::kQuery},
      {"~", TokenType::kRegexSingle},
      {"]", TokenType::kRBracket},
      {")", TokenType::kRParen},
      {";", TokenType::kSemicolon},
      {"/", TokenType::kSlash},
  };
  std::string_view rest = text_.substr(pos_);
  for (const Operator& op : kOperators) {
    if (rest.starts_with(op.text)) {
      Emit(op.type, pos_, pos_ + op.text.size());
      pos_ += op.text.size();
      return true;
    }
  }
  return false;
}

void Lexer::LexDefault() {
  const size_t start = pos_;
  const char c = text_[pos_];
  if (c == 'f' && At(pos_ + 1) == '\'') {
    Emit(TokenType::kTemplateStart, pos_, pos_ + 2);
    pos_ += 2;
    modes_.push_back(Mode::kTemplate);
    return;
  }
  if (c == 'F' && At(pos_ + 1) == '\'') {
    Fail(SyntaxError::Kind::kSyntax, "F'…' template strings are only allowed on their own", pos_);
    return;
  }
  if (IsIdentStart(c)) {
    size_t end = pos_ + 1;
    while (IsIdentChar(At(end))) ++end;
    std::string_view word = text_.substr(pos_, end - pos_);
    Emit(KeywordType(word), pos_, end);
    pos_ = end;
    return;
  }
  if (c == '\'' || c == '`' || c == '"') {
    size_t end = MatchQuoted(pos_, c);
    if (end == 0) {
      if (c != '\'') {
        Fail(SyntaxError::Kind::kSyntax, fmt::format("unterminated quoted identifier {}", c), pos_);
        return;
      }
      Emit(TokenType::kLoneQuote, pos_, pos_ + 1);
      pos_ += 1;
      return;
    }
    Emit(c == '\'' ? TokenType::kString : TokenType::kQuotedIdentifier, pos_, end);
    pos_ = end;
    return;
  }
  TokenType number_type;
  if (size_t end = MatchNumber(pos_, &number_type); end > pos_) {
    Emit(number_type, pos_, end);
    pos_ = end;
    return;
  }
  if (c == '{') {
    Emit(TokenType::kLBrace, pos_, pos_ + 1);
    ++pos_;
    modes_.push_back(Mode::kDefault);
    return;
  }
  if (c == '}') {
    if (modes_.size() <= 1) {
      Fail(SyntaxError::Kind::kParsing, "unbalanced '}'", pos_);
      return;
    }
    modes_.pop_back();
    Emit(TokenType::kRBrace, pos_, pos_ + 1);
    ++pos_;
    return;
  }
  if (LexOperator()) return;
  unsigned char byte = static_cast<unsigned char>(c);
  if (byte >= 0x21 && byte <= 0x7e) {
    Fail(SyntaxError::Kind::kSyntax, fmt::format("Unexpected character '{}' (U+{:04X})", c, byte),
         start);
  } else {
    Fail(SyntaxError::Kind::kSyntax, fmt::format("Unexpected character (byte 0x{:02X})", byte),
         start);
  }
}

void Lexer::LexTemplate() {
  const size_t start = pos_;
  char c = text_[pos_];
  if (c == '{') {
    Emit(TokenType::kTemplateExprStart, pos_, pos_ + 1);
    ++pos_;
    modes_.push_back(Mode::kDefault);
    return;
  }
  if (c == '\'' && At(pos_ + 1) != '\'') {
    Emit(TokenType::kTemplateEnd, pos_, pos_ + 1);
    ++pos_;
    modes_.pop_back();
    return;
  }
  size_t i = pos_;
  while (i < text_.size()) {
    char ch = text_[i];
    if (ch == '{') break;
    if (ch == '\'') {
      if (At(i + 1) != '\'') break;
      i += 2;
      continue;
    }
    if (ch == '\\') {
      if (size_t length = MatchEscape(i)) {
        i += length;
        continue;
      }
      if (At(i + 1) == '\'' || At(i + 1) == '{') {
        i += 2;
        continue;
      }
      Fail(SyntaxError::Kind::kSyntax, "invalid escape in template string", i);
      return;
    }
    ++i;
  }
  if (i == start) {
    Fail(SyntaxError::Kind::kSyntax, "unterminated template string", start);
    return;
  }
  Emit(TokenType::kTemplateText, start, i);
  pos_ = i;
}

LexResult Lexer::Run() {
  while (!result_.error) {
    if (modes_.back() == Mode::kTemplate) {
      if (pos_ >= text_.size()) {
        Fail(SyntaxError::Kind::kSyntax, "unterminated template string", pos_);
        break;
      }
      LexTemplate();
      continue;
    }
    if (!SkipWhitespaceAndComments() || pos_ >= text_.size()) break;
    LexDefault();
  }
  Emit(TokenType::kEnd, text_.size(), text_.size());
  return std::move(result_);
}

// Applies the common escapes: \b \f \r \n \t \a \v \\ decode, \0 is removed, others stay.
std::string DecodeCommonEscapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 >= text.size()) {
      out.push_back(text[i]);
      continue;
    }
    char next = text[i + 1];
    char decoded = 0;
    switch (next) {
      case 'b':
        decoded = '\b';
        break;
      case 'f':
        decoded = '\f';
        break;
      case 'r':
        decoded = '\r';
        break;
      case 'n':
        decoded = '\n';
        break;
      case 't':
        decoded = '\t';
        break;
      case 'a':
        decoded = '\a';
        break;
      case 'v':
        decoded = '\v';
        break;
      case '\\':
        decoded = '\\';
        break;
      case '0':
        ++i;
        continue;
      default:
        out.push_back('\\');
        continue;
    }
    out.push_back(decoded);
    ++i;
  }
  return out;
}

std::string ReplaceAll(const std::string& text, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  for (size_t found; (found = text.find(from, pos)) != std::string::npos;
       pos = found + from.size()) {
    out.append(text, pos, found - pos);
    out.append(to);
  }
  out.append(text, pos, std::string::npos);
  return out;
}

}  // namespace

LexResult Lex(std::string_view text) { return Lexer(text).Run(); }

std::string DecodeStringLiteral(std::string_view token_text) {
  std::string inner(token_text.substr(1, token_text.size() - 2));
  inner = ReplaceAll(std::move(inner), "''", "'");
  inner = ReplaceAll(std::move(inner), "\\'", "'");
  return DecodeCommonEscapes(inner);
}

std::string DecodeQuotedIdentifier(std::string_view token_text) {
  char quote = token_text.front();
  std::string inner(token_text.substr(1, token_text.size() - 2));
  if (quote == '`') {
    inner = ReplaceAll(std::move(inner), "``", "`");
    inner = ReplaceAll(std::move(inner), "\\`", "`");
  } else {
    inner = ReplaceAll(std::move(inner), "\"\"", "\"");
    inner = ReplaceAll(std::move(inner), "\\\"", "\"");
  }
  return DecodeCommonEscapes(inner);
}

std::string DecodeTemplateText(std::string_view token_text) {
  std::string text(token_text);
  text = ReplaceAll(std::move(text), "''", "'");
  text = ReplaceAll(std::move(text), "\\'", "'");
  text = ReplaceAll(std::move(text), "\\{", "{");
  return DecodeCommonEscapes(text);
}

}  // namespace larder::hogql
