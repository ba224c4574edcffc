// Parser: fields and asterisks, COLUMNS(…), lambdas, parentheses and tuples, dicts and
// placeholders, and type names for CAST and ::.
#include "hogql/lexer.h"
#include "hogql/parser_impl.h"

namespace larder::hogql {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

Result<NodePtr> Parser::FieldOrAsterisk() {
  const size_t start = pos_;
  const Token& first = Peek();
  std::vector<std::string> chain;
  LARDER_ASSIGN_OR_RETURN(std::string name, Identifier());
  chain.push_back(std::move(name));
  while (At(TokenType::kDot)) {
    if (At(TokenType::kAsterisk, 1)) {
      pos_ += 2;
      chain.push_back("*");
      return AsteriskWithExclude(std::move(chain), start);
    }
    if (!AtIdentifier(1)) break;
    ++pos_;
    LARDER_ASSIGN_OR_RETURN(std::string part, Identifier());
    chain.push_back(std::move(part));
  }
  if (chain.size() == 1 && first.type == TokenType::kIdentifier) {
    std::string lower = Lower(chain[0]);
    if (lower == "true" || lower == "false") {
      auto constant = Make<Constant>(start);
      constant->value = lower == "true";
      return NodePtr(std::move(constant));
    }
  }
  auto field = Make<Field>(start);
  field->chain = std::move(chain);
  return NodePtr(std::move(field));
}

Result<NodePtr> Parser::AsteriskWithExclude(std::vector<std::string> chain, size_t start) {
  if (!At(TokenType::kEXCLUDE) || !At(TokenType::kLParen, 1)) {
    auto field = Make<Field>(start);
    field->chain = std::move(chain);
    return NodePtr(std::move(field));
  }
  pos_ += 2;
  auto columns = Make<ColumnsExpr>(start);
  columns->all_columns = true;
  LARDER_ASSIGN_OR_RETURN(columns->exclude, IdentifierList());
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
  columns->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(columns));
}

Result<NodePtr> Parser::Columns(bool* matched) {
  *matched = false;
  const size_t start = pos_;
  if (!At(TokenType::kCOLUMNS) || !At(TokenType::kLParen, 1) || At(TokenType::kRParen, 2)) {
    return NodePtr();
  }
  pos_ += 2;
  *matched = true;
  auto columns = Make<ColumnsExpr>(start);
  if (At(TokenType::kString) && At(TokenType::kRParen, 1)) {
    columns->regex = DecodeStringLiteral(Next().text);
    ++pos_;
    columns->end = tokens_[pos_ - 1].end;
    return NodePtr(std::move(columns));
  }
  size_t star =
      At(TokenType::kAsterisk)
          ? 0
          : (AtIdentifier() && At(TokenType::kDot, 1) && At(TokenType::kAsterisk, 2) ? 2
                                                                                     : SIZE_MAX);
  if (star != SIZE_MAX &&
      (At(TokenType::kEXCLUDE, star + 1) || At(TokenType::kREPLACE, star + 1))) {
    // With REPLACE the modifiers belong to COLUMNS itself; `* EXCLUDE (…)` alone is an item.
    const size_t saved = pos_;
    pos_ += star + 1;
    Status status = ColumnsModifiers(columns.get());
    if (status.ok() && columns->replace && Accept(TokenType::kRParen)) {
      columns->end = tokens_[pos_ - 1].end;
      return NodePtr(std::move(columns));
    }
    if (not_implemented_) return status;
    pos_ = saved;
    columns = Make<ColumnsExpr>(start);
  }
  LARDER_ASSIGN_OR_RETURN(NodeList list, ExpressionList(TokenType::kRParen));
  columns->columns = std::move(list);
  columns->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(columns));
}

Status Parser::ColumnsModifiers(ColumnsExpr* columns) {
  columns->all_columns = true;
  if (At(TokenType::kEXCLUDE) && At(TokenType::kLParen, 1)) {
    pos_ += 2;
    LARDER_ASSIGN_OR_RETURN(columns->exclude, IdentifierList());
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
  }
  if (At(TokenType::kREPLACE) && At(TokenType::kLParen, 1)) {
    pos_ += 2;
    std::map<std::string, NodePtr> replace;
    do {
      LARDER_ASSIGN_OR_RETURN(NodePtr expr, Expression(3));
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kAS));
      LARDER_ASSIGN_OR_RETURN(std::string name, Identifier());
      replace[name] = std::move(expr);
    } while (Accept(TokenType::kComma));
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
    columns->replace = std::move(replace);
  }
  return Status::OK();
}

Result<NodePtr> Parser::LambdaIfAny(bool* matched) {
  *matched = false;
  const size_t start = pos_;
  std::vector<std::string> args;
  size_t ahead = 0;
  bool lambda_keyword = At(TokenType::kLAMBDA) && AtIdentifier(1);
  bool parenthesized = At(TokenType::kLParen);
  if (lambda_keyword || parenthesized) ahead = 1;
  // Scan: ident (, ident)* ,? then '->' (or ':' after LAMBDA, ')' '->' when parenthesized).
  std::vector<size_t> names;
  while (AtIdentifier(ahead)) {
    names.push_back(ahead);
    ++ahead;
    if (!At(TokenType::kComma, ahead)) break;
    ++ahead;
  }
  if (lambda_keyword) {
    if (names.empty() || !At(TokenType::kColon, ahead)) return NodePtr();
  } else if (parenthesized) {
    if (!At(TokenType::kRParen, ahead) || !At(TokenType::kArrow, ahead + 1)) return NodePtr();
    ++ahead;
  } else if (names.empty() || !At(TokenType::kArrow, ahead)) {
    return NodePtr();
  }
  for (size_t index : names) args.push_back(IdentifierText(Peek(index)));
  pos_ += ahead + 1;
  *matched = true;
  auto lambda = Make<Lambda>(start);
  lambda->args = std::move(args);
  LARDER_ASSIGN_OR_RETURN(lambda->expr, Expression());
  lambda->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(lambda));
}

Result<NodePtr> Parser::ParenthesizedOrTuple() {
  const size_t start = pos_;
  bool matched = false;
  LARDER_ASSIGN_OR_RETURN(NodePtr lambda, LambdaIfAny(&matched));
  if (matched) return lambda;
  if (At(TokenType::kSELECT, 1) || At(TokenType::kWITH, 1) || At(TokenType::kLParen, 1)) {
    LARDER_ASSIGN_OR_RETURN(std::optional<NodePtr> query,
                            Speculate(Attempt::kSubqueryParens, [this]() -> Result<NodePtr> {
                              ++pos_;
                              LARDER_ASSIGN_OR_RETURN(NodePtr select, SelectSet());
                              LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
                              return select;
                            }));
    if (query) return std::move(*query);
  }
  if (At(TokenType::kAsterisk, 1) && (At(TokenType::kEXCLUDE, 2) || At(TokenType::kREPLACE, 2))) {
    pos_ += 2;
    auto columns = Make<ColumnsExpr>(start);
    LARDER_RETURN_IF_ERROR(ColumnsModifiers(columns.get()));
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
    if (!columns->replace) return Fail(tokens_[start], "expected REPLACE");
    columns->end = tokens_[pos_ - 1].end;
    return NodePtr(std::move(columns));
  }
  ++pos_;
  LARDER_ASSIGN_OR_RETURN(NodePtr first, Expression());
  if (Accept(TokenType::kRParen)) return first;
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kComma));
  auto tuple = Make<Tuple>(start);
  tuple->exprs.push_back(std::move(first));
  LARDER_ASSIGN_OR_RETURN(NodeList rest, ExpressionList(TokenType::kRParen));
  for (NodePtr& expr : rest) tuple->exprs.push_back(std::move(expr));
  tuple->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(tuple));
}

Result<NodePtr> Parser::BraceExpression() {
  const size_t start = pos_;
  ++pos_;
  if (Accept(TokenType::kRBrace)) return NodePtr(Make<Dict>(start));
  LARDER_ASSIGN_OR_RETURN(NodePtr first, Expression());
  if (Accept(TokenType::kRBrace)) {
    auto placeholder = Make<Placeholder>(start);
    placeholder->expr = std::move(first);
    return NodePtr(std::move(placeholder));
  }
  auto dict = Make<Dict>(start);
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kColon));
  LARDER_ASSIGN_OR_RETURN(NodePtr value, Expression());
  dict->items.emplace_back(std::move(first), std::move(value));
  while (Accept(TokenType::kComma)) {
    if (At(TokenType::kRBrace)) break;
    LARDER_ASSIGN_OR_RETURN(NodePtr key, Expression());
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kColon));
    LARDER_ASSIGN_OR_RETURN(NodePtr item, Expression());
    dict->items.emplace_back(std::move(key), std::move(item));
  }
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kRBrace));
  dict->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(dict));
}

Result<std::string> Parser::TypeName(bool cast_shorthand) {
  if (cast_shorthand) {
    const Token& token = Peek();
    bool allowed = token.type == TokenType::kIdentifier ||
                   token.type == TokenType::kQuotedIdentifier || IsIntervalUnit(token.type) ||
                   token.type == TokenType::kDATE || token.type == TokenType::kINTERVAL ||
                   token.type == TokenType::kTIMESTAMP || token.type == TokenType::kTIME;
    if (!allowed) return Fail(token, "expected a type name");
    std::string name = Lower(IdentifierText(Next()));
    if (At(TokenType::kWITH) && (At(TokenType::kTIME, 1) || At(TokenType::kLOCAL, 1))) {
      ++pos_;
      bool local = Accept(TokenType::kLOCAL);
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kTIME));
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kZONE));
      name += local ? " with local time zone" : " with time zone";
    }
    return name;
  }
  DepthGuard guard(this);
  LARDER_RETURN_IF_ERROR(guard.Check());
  LARDER_ASSIGN_OR_RETURN(std::string name, Identifier());
  std::string rendered = Lower(name);
  if (Accept(TokenType::kLParen)) {
    LARDER_ASSIGN_OR_RETURN(std::string arguments, TypeArguments());
    rendered += "(" + arguments + ")";
  } else {
    while (AtIdentifier()) {
      LARDER_ASSIGN_OR_RETURN(std::string word, Identifier());
      rendered += " " + Lower(word);
    }
  }
  while (Accept(TokenType::kLBracket)) {
    rendered += "[";
    if (At(TokenType::kDecimal)) rendered += std::string(Next().text);
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRBracket));
    rendered += "]";
  }
  return rendered;
}

Result<std::string> Parser::TypeArguments() {
  if (At(TokenType::kString) && At(TokenType::kEqSingle, 1)) {
    return NotImplemented("Unsupported rule: ColumnTypeExprEnum");
  }
  // Every argument a type: render each type (Nested and Complex forms).
  const size_t saved = pos_;
  std::string rendered;
  bool all_types = true;
  while (!At(TokenType::kRParen)) {
    auto type = TypeName(false);
    if (!type.ok() || (!At(TokenType::kComma) && !At(TokenType::kRParen))) {
      all_types = false;
      break;
    }
    rendered += (rendered.empty() ? "" : ", ") + *type;
    if (!Accept(TokenType::kComma)) break;
  }
  if (all_types && Accept(TokenType::kRParen) && !rendered.empty()) return rendered;
  if (not_implemented_) return Status(StatusCode::kNotImplemented, "not implemented");
  // Otherwise the arguments are expressions, rendered as their tokens without whitespace.
  pos_ = saved;
  rendered.clear();
  while (!Accept(TokenType::kRParen)) {
    const size_t arg_start = pos_;
    Result<NodePtr> argument = Expression();
    if (!argument.ok()) return argument.status();
    if (!rendered.empty()) rendered += ", ";
    for (size_t token = arg_start; token < pos_; ++token) rendered += tokens_[token].text;
    if (Accept(TokenType::kRParen)) break;
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kComma));
  }
  return rendered;
}

}  // namespace larder::hogql
