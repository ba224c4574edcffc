// HogQLPrinter: HogQL's quoting, literals and sugar on top of Printer.
#include "hogql/hogql_printer.h"

#include <array>
#include <charconv>
#include <cmath>

#include "hogql/token.h"

namespace larder::hogql {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}

bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

// [A-Za-z_$][A-Za-z0-9_$]*: lexes as one IDENTIFIER (or keyword) token.
bool IsWord(std::string_view name) {
  if (name.empty() || !IsIdentStart(name[0])) return false;
  for (char c : name) {
    if (!IsIdentChar(c)) return false;
  }
  return true;
}

bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> words) {
  for (std::string_view candidate : words) {
    if (word == candidate) return true;
  }
  return false;
}

// Appends `value` with the escapes the lexer decodes (\\ \n \t \r \b \f \a \v), writing the quote
// character as `quote_escape`. A NUL byte becomes \0, which the lexer deletes.
std::string Escape(std::string_view value, char quote, std::string_view quote_escape) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back(quote);
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\a':
        out += "\\a";
        break;
      case '\v':
        out += "\\v";
        break;
      case '\0':
        out += "\\0";
        break;
      default:
        if (c == quote) {
          out += quote_escape;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back(quote);
  return out;
}

// The shortest text that reads back as `value`, with a '.' or an exponent so it stays a float.
std::string FormatDouble(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  std::array<char, 64> buffer;
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  std::string text(buffer.data(), end);
  size_t exponent = text.find('e');
  if (exponent == std::string::npos) {
    if (text.find('.') == std::string::npos) text += ".0";
    return text;
  }
  // 1e+20 → 1e20, 1e-07 → 1e-7.
  size_t digits = exponent + 1;
  if (text[digits] == '+') {
    text.erase(digits, 1);
  } else if (text[digits] == '-') {
    ++digits;
  }
  while (digits + 1 < text.size() && text[digits] == '0') text.erase(digits, 1);
  return text;
}

// A sugar call's interval unit keyword ("DAY" for toIntervalDay), or empty.
std::string_view IntervalUnit(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kUnits[] = {
      {"toIntervalSecond", "SECOND"},   {"toIntervalMinute", "MINUTE"},
      {"toIntervalHour", "HOUR"},       {"toIntervalDay", "DAY"},
      {"toIntervalWeek", "WEEK"},       {"toIntervalMonth", "MONTH"},
      {"toIntervalQuarter", "QUARTER"}, {"toIntervalYear", "YEAR"}};
  for (const auto& [function, unit] : kUnits) {
    if (function == name) return unit;
  }
  return {};
}

bool IsStringConstant(const Node& node) {
  const auto* constant = As<Constant>(&node);
  return constant && std::holds_alternative<std::string>(constant->value);
}

bool IsConcatCall(const Node& node) {
  const auto* call = As<Call>(&node);
  return call && call->name == "concat";
}

bool IsNullConstant(const Node& node) {
  const auto* constant = As<Constant>(&node);
  return constant && std::holds_alternative<std::monostate>(constant->value);
}

}  // namespace

std::string PrintHogQL(const Node& node) {
  HogQLPrinter printer;
  return printer.Print(node);
}

std::string HogQLPrinter::QuoteIdentifier(std::string_view name) const {
  // Bare when it lexes as an identifier token and means nothing else where names stand: true and
  // false are constants, NOT starts a negation, and CASE, INTERVAL and ARRAY[ start constructs
  // that may swallow what follows.
  bool bare = IsWord(name) && IsIdentifierToken(KeywordType(name)) &&
              !IsOneOf(Lower(name), {"true", "false", "not", "case", "interval", "array"});
  return bare ? std::string(name) : Escape(name, '`', "``");
}

std::string HogQLPrinter::QuoteCteName(std::string_view name) const {
  // WITH recursive … is WITH RECURSIVE, and `, select` ends the WITH clause: quote keywords.
  if (KeywordType(name) != TokenType::kIdentifier) return Escape(name, '`', "``");
  return QuoteIdentifier(name);
}

std::string HogQLPrinter::QuoteAlias(std::string_view name) const {
  // The parser refuses these as bare aliases (PostHog reserves them).
  if (IsOneOf(Lower(name), {"true", "false", "team_id"})) return Escape(name, '`', "``");
  return QuoteIdentifier(name);
}

std::string HogQLPrinter::FunctionName(std::string_view name) const {
  // name( is a call unless a keyword construct takes it first: CASE(…) WHEN, CAST(x AS t), ….
  bool bare = IsWord(name) && IsIdentifierToken(KeywordType(name)) &&
              !IsOneOf(Lower(name), {"case", "cast", "try_cast", "interval", "columns"});
  return bare ? std::string(name) : Escape(name, '`', "``");
}

std::string HogQLPrinter::QuoteString(std::string_view value) const {
  return Escape(value, '\'', "\\'");
}

std::string HogQLPrinter::FormatNumber(const ConstantValue& value) const {
  if (const auto* integer = std::get_if<int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) return FormatDouble(*real);
  if (const auto* text = std::get_if<NumberText>(&value)) {
    if (text->text == "Infinity") return "inf";
    if (text->text == "-Infinity") return "-inf";
    if (text->text == "NaN") return "nan";
    return text->text;
  }
  return "NULL";
}

std::string HogQLPrinter::FormatTypeName(std::string_view type_name) const {
  // The parser renders a type as words, arguments and [] suffixes. Words print as they are; a
  // name that is not words (from a quoted identifier) prints quoted.
  if (type_name.find_first_of("([") != std::string_view::npos) return std::string(type_name);
  size_t start = 0;
  for (;;) {
    size_t space = type_name.find(' ', start);
    std::string_view word = type_name.substr(start, space - start);
    if (!IsWord(word) || !IsIdentifierToken(KeywordType(word))) {
      return Escape(type_name, '`', "``");
    }
    if (space == std::string_view::npos) return std::string(type_name);
    start = space + 1;
  }
}

HogQLPrinter::Sugar HogQLPrinter::SugarOf(const Call& call) {
  if (call.form != Call::Form::kSugar) return Sugar::kNone;
  const size_t count = call.args.size();
  if (count == 1 && IsQuery(*call.args[0])) return Sugar::kQueryArgument;
  const std::string& name = call.name;
  if (name == "concat") return Sugar::kConcat;
  if (name == "ifNull" && count == 2) return Sugar::kNullish;
  if ((name == "if" && count == 3) || (name == "multiIf" && count >= 5 && count % 2 == 1) ||
      (name == "_caseWithExpression" && count >= 4 && count % 2 == 0)) {
    return Sugar::kCase;
  }
  if (!IntervalUnit(name).empty() && count == 1) return Sugar::kInterval;
  if ((name == "trim" || name == "trimLeft" || name == "trimRight") && count == 2) {
    return Sugar::kTrim;
  }
  return Sugar::kNone;
}

int HogQLPrinter::Precedence(const Node& node) const {
  if (const auto* call = As<Call>(&node)) {
    switch (SugarOf(*call)) {
      case Sugar::kConcat:
        return precedence::kAdditive;
      case Sugar::kNullish:
        return precedence::kNullish;
      default:
        return precedence::kAtom;
    }
  }
  return Printer::Precedence(node);
}

const Node* HogQLPrinter::LeftOperand(const Node& node, int* level) const {
  const auto* call = As<Call>(&node);
  if (!call) return Printer::LeftOperand(node, level);
  switch (SugarOf(*call)) {
    case Sugar::kNullish:
      *level = precedence::kNullish;
      return call->args[0].get();
    case Sugar::kConcat:
      // The first part, unless it is written concat(…) (see PrintConcat).
      *level = precedence::kAdditive;
      if (call->args.size() < 2 || IsConcatCall(*call->args[0])) return nullptr;
      return IsBareLeftOperand(*call->args[0], *level) ? call->args[0].get() : nullptr;
    default:
      return nullptr;
  }
}

std::string HogQLPrinter::Parenthesize(const Node& node, std::string text) {
  // a || b in parentheses may follow NOT, where NOT ( would be a call: f'{a}{b}' is the same
  // concat and needs none.
  const auto* call = As<Call>(&node);
  if (call && SugarOf(*call) == Sugar::kConcat && call->args.size() >= 2) {
    return PrintTemplate(*call);
  }
  return Printer::Parenthesize(node, std::move(text));
}

std::string HogQLPrinter::PrintCall(const Call& call) {
  switch (SugarOf(call)) {
    case Sugar::kQueryArgument:
      return FunctionName(call.name) + "(" + PrintLeadingSelect(*call.args[0]) + ")";
    case Sugar::kConcat:
      return PrintConcat(call);
    case Sugar::kNullish:
      return PrintLeftOperand(*call.args[0], precedence::kNullish) + " ?? " +
             PrintOperand(*call.args[1], precedence::kNullish + 1);
    case Sugar::kCase:
      return PrintCase(call);
    case Sugar::kInterval:
      return PrintInterval(call);
    case Sugar::kTrim:
      return PrintTrim(call);
    case Sugar::kNone:
      break;
  }
  // Also a sugar call no syntax builds: it prints as a call (see PrintHogQL).
  return Printer::PrintCall(call);
}

std::string HogQLPrinter::PrintConcat(const Call& call) {
  // a || b is concat(a, b), splicing the arguments of an operand that is a call named concat:
  // such an argument is written concat(arg), which splices back to arg. So is a first part that
  // would need parentheses, which could follow NOT.
  std::vector<std::string> parts;
  if (call.args.size() < 2) parts.push_back("concat()");
  for (const NodePtr& arg : call.args) {
    const bool first = parts.empty();
    std::string part;
    if (!IsConcatCall(*arg) && !first) {
      part = PrintOperand(*arg, precedence::kAdditive + 1);
    } else if (!IsConcatCall(*arg) && IsBareLeftOperand(*arg, precedence::kAdditive)) {
      part = Visit(*arg);
    }
    if (part.empty() || (first && part.starts_with("("))) {
      part = "concat(" + PrintOperand(*arg, precedence::kGreedy) + ")";
    }
    parts.push_back(std::move(part));
  }
  if (parts.size() < 2) parts.push_back("concat()");
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : " || ") + part;
  return text;
}

std::string HogQLPrinter::PrintTemplate(const Call& call) {
  std::string text = "f'";
  for (const NodePtr& arg : call.args) text += "{" + PrintOperand(*arg, precedence::kGreedy) + "}";
  return text + "'";
}

std::string HogQLPrinter::PrintCase(const Call& call) {
  const NodeList& args = call.args;
  std::string text = "CASE";
  size_t first_branch = 0;
  if (call.name == "_caseWithExpression") {
    // CASE when … would read the operand as the first WHEN.
    text += " " + GuardLeadingWord(PrintOperand(*args[0], precedence::kGreedy), {"when"});
    first_branch = 1;
  }
  for (size_t arg_idx = first_branch; arg_idx + 1 < args.size(); arg_idx += 2) {
    text += " WHEN " + PrintOperand(*args[arg_idx], precedence::kGreedy) + " THEN " +
            PrintOperand(*args[arg_idx + 1], precedence::kGreedy);
  }
  // Without ELSE the parser supplies NULL.
  if (!IsNullConstant(*args.back())) {
    text += " ELSE " + PrintOperand(*args.back(), precedence::kGreedy);
  }
  return text + " END";
}

std::string HogQLPrinter::PrintInterval(const Call& call) {
  // INTERVAL '…' is the one-string form ('7 day'): an amount starting with a string goes in
  // parentheses.
  std::string text = PrintOperand(*call.args[0], precedence::kTernary);
  if (text.starts_with("'")) text = "(" + text + ")";
  return "INTERVAL " + text + " " + std::string(IntervalUnit(call.name));
}

std::string HogQLPrinter::PrintTrim(const Call& call) {
  std::string_view side =
      call.name == "trim" ? "BOTH" : (call.name == "trimLeft" ? "LEADING" : "TRAILING");
  const Node& characters = *call.args[1];
  // TRIM takes a string literal or a template string; f'{x}' is x itself.
  std::string text = IsStringConstant(characters)
                         ? Visit(characters)
                         : "f'{" + PrintOperand(characters, precedence::kGreedy) + "}'";
  return "TRIM(" + std::string(side) + " " + text + " FROM " +
         PrintOperand(*call.args[0], precedence::kGreedy) + ")";
}

}  // namespace larder::hogql
