// Parser: expressions, by precedence climbing over PostHog's levels (ast.h names the nodes).
// columnExpr = value (AND | OR | ?: | AS)*; value = primary (postfix | binary operator)*.
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "hogql/lexer.h"
#include "hogql/parser_impl.h"

namespace larder::hogql {
namespace {

NodePtr MakeSugarCall(std::string name, NodeList args, uint32_t start, uint32_t end) {
  auto call = std::make_unique<Call>();
  call->form = Call::Form::kSugar;
  call->name = std::move(name);
  call->args = std::move(args);
  call->start = start;
  call->end = end;
  return call;
}

NodePtr MakeConstant(ConstantValue value, uint32_t start, uint32_t end) {
  auto constant = std::make_unique<Constant>();
  constant->value = std::move(value);
  constant->start = start;
  constant->end = end;
  return constant;
}

// And/Or flattening: an operand of the same kind contributes its operands. A left operand of the
// same kind is extended in place, so a long chain costs linear time.
template <typename T>
NodePtr Flatten(NodePtr left, NodePtr right) {
  NodePtr result;
  if (As<T>(left.get())) {
    result = std::move(left);
  } else {
    auto node = std::make_unique<T>();
    node->start = left->start;
    node->exprs.push_back(std::move(left));
    result = std::move(node);
  }
  auto* target = static_cast<T*>(result.get());
  target->end = right->end;
  if (auto* same = As<T>(right.get())) {
    for (NodePtr& inner : same->exprs) target->exprs.push_back(std::move(inner));
  } else {
    target->exprs.push_back(std::move(right));
  }
  return result;
}

// `a || b`: concat(a, b), splicing the arguments of operands that are concat calls (as PostHog
// does, even a written concat(…) loses DISTINCT and parameters).
NodePtr Concat(NodePtr left, NodePtr right) {
  uint32_t start = left->start, end = right->end;
  auto* left_call = As<Call>(left.get());
  NodePtr result;
  if (left_call && left_call->name == "concat") {
    left_call->form = Call::Form::kSugar;
    left_call->distinct = false;
    left_call->params.reset();
    left_call->filter_expr.reset();
    left_call->order_by.reset();
    left_call->within_group.reset();
    result = std::move(left);
  } else {
    NodeList args;
    args.push_back(std::move(left));
    result = MakeSugarCall("concat", std::move(args), start, end);
  }
  auto* call = static_cast<Call*>(result.get());
  call->end = end;
  auto* right_call = As<Call>(right.get());
  if (right_call && right_call->name == "concat") {
    for (NodePtr& arg : right_call->args) call->args.push_back(std::move(arg));
  } else {
    call->args.push_back(std::move(right));
  }
  return result;
}

}  // namespace

Result<NodePtr> Parser::Expression(int min_precedence) {
  DepthGuard guard(this);
  LARDER_RETURN_IF_ERROR(guard.Check());
  const size_t start = pos_;
  ChainDepth chain(this);
  LARDER_ASSIGN_OR_RETURN(NodePtr left, ValueExpression(0));
  for (;;) {
    if (min_precedence <= 5 && Accept(TokenType::kAND)) {
      LARDER_ASSIGN_OR_RETURN(NodePtr right, Expression(6));
      left = Flatten<And>(std::move(left), std::move(right));
    } else if (min_precedence <= 4 && Accept(TokenType::kOR)) {
      LARDER_ASSIGN_OR_RETURN(NodePtr right, Expression(5));
      left = Flatten<Or>(std::move(left), std::move(right));
    } else if (min_precedence <= 3 && Accept(TokenType::kQuery)) {
      LARDER_RETURN_IF_ERROR(chain.Step());
      LARDER_ASSIGN_OR_RETURN(NodePtr then, Expression(0));
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kColon));
      LARDER_ASSIGN_OR_RETURN(NodePtr otherwise, Expression(3));
      NodeList args;
      uint32_t begin = left->start, end = otherwise->end;
      args.push_back(std::move(left));
      args.push_back(std::move(then));
      args.push_back(std::move(otherwise));
      left = MakeSugarCall("if", std::move(args), begin, end);
    } else if (min_precedence <= 2 && Accept(TokenType::kAS)) {
      LARDER_RETURN_IF_ERROR(chain.Step());
      LARDER_ASSIGN_OR_RETURN(left, AliasAfterAs(std::move(left), start));
    } else {
      return left;
    }
  }
}

Result<NodePtr> Parser::ValueExpression(int min_precedence) {
  DepthGuard guard(this);
  LARDER_RETURN_IF_ERROR(guard.Check());
  const size_t start = pos_;
  LARDER_ASSIGN_OR_RETURN(NodePtr left, Primary());
  return ContinueValue(std::move(left), min_precedence, start);
}

Result<NodePtr> Parser::ContinueValue(NodePtr left, int min_precedence, size_t start) {
  // Each operator applied in this loop nests `left` one level deeper (concat flattens).
  ChainDepth chain(this);
  for (;;) {
    bool matched = false;
    LARDER_ASSIGN_OR_RETURN(left, Postfix(std::move(left), start, &matched));
    if (matched) {
      LARDER_RETURN_IF_ERROR(chain.Step());
      continue;
    }
    const TokenType type = Peek().type;
    auto binary = [&](std::string op, int right_precedence) -> Result<NodePtr> {
      LARDER_ASSIGN_OR_RETURN(NodePtr right, ValueExpression(right_precedence));
      auto node = Make<ArithmeticOperation>(start);
      node->op = std::move(op);
      node->left = std::move(left);
      node->right = std::move(right);
      return NodePtr(std::move(node));
    };
    if (min_precedence <= 21 && (type == TokenType::kAsterisk || type == TokenType::kSlash ||
                                 type == TokenType::kPercent)) {
      std::string op(Next().text);
      LARDER_RETURN_IF_ERROR(chain.Step());
      LARDER_ASSIGN_OR_RETURN(left, binary(op, 22));
    } else if (min_precedence <= 20 && (type == TokenType::kPlus || type == TokenType::kDash)) {
      std::string op(Next().text);
      LARDER_RETURN_IF_ERROR(chain.Step());
      LARDER_ASSIGN_OR_RETURN(left, binary(op, 21));
    } else if (min_precedence <= 20 && type == TokenType::kConcat) {
      ++pos_;
      LARDER_ASSIGN_OR_RETURN(NodePtr right, ValueExpression(21));
      left = Concat(std::move(left), std::move(right));
    } else if (Parser::Comparison comparison = ComparisonAt();
               min_precedence <= 19 && comparison.tokens) {
      LARDER_RETURN_IF_ERROR(chain.Step());
      pos_ += comparison.tokens;
      LARDER_ASSIGN_OR_RETURN(NodePtr right, ValueExpression(20));
      auto node = Make<CompareOperation>(start);
      node->op = std::move(comparison.op);
      node->left = std::move(left);
      node->right = std::move(right);
      left = std::move(node);
    } else if (min_precedence <= 18 && type == TokenType::kIGNORE && At(TokenType::kNULLS, 1)) {
      pos_ += 2;
    } else if (min_precedence <= 17 && type == TokenType::kIS &&
               (At(TokenType::kNULL_SQL, 1) ||
                (At(TokenType::kNOT, 1) && At(TokenType::kNULL_SQL, 2)))) {
      bool negated = At(TokenType::kNOT, 1);
      LARDER_RETURN_IF_ERROR(chain.Step());
      pos_ += negated ? 3 : 2;
      auto node = Make<CompareOperation>(start);
      node->op = negated ? "!=" : "==";
      node->left = std::move(left);
      node->right = MakeConstant(std::monostate{}, node->end, node->end);
      node->is_null_comparison_style = true;
      left = std::move(node);
    } else if (min_precedence <= 16 && type == TokenType::kIS &&
               (At(TokenType::kDISTINCT, 1) ||
                (At(TokenType::kNOT, 1) && At(TokenType::kDISTINCT, 2)))) {
      bool negated = At(TokenType::kNOT, 1);
      LARDER_RETURN_IF_ERROR(chain.Step());
      pos_ += negated ? 2 : 1;
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kDISTINCT));
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kFROM));
      LARDER_ASSIGN_OR_RETURN(NodePtr right, ValueExpression(17));
      auto node = Make<IsDistinctFrom>(start);
      node->left = std::move(left);
      node->right = std::move(right);
      node->negated = negated;
      left = std::move(node);
    } else if (min_precedence <= 15 && type == TokenType::kNullSafeEq) {
      LARDER_RETURN_IF_ERROR(chain.Step());
      ++pos_;
      LARDER_ASSIGN_OR_RETURN(NodePtr right, ValueExpression(16));
      auto node = Make<IsDistinctFrom>(start);
      node->left = std::move(left);
      node->right = std::move(right);
      node->negated = true;
      left = std::move(node);
    } else if (min_precedence <= 14 && type == TokenType::kNullish) {
      LARDER_RETURN_IF_ERROR(chain.Step());
      ++pos_;
      LARDER_ASSIGN_OR_RETURN(NodePtr right, ValueExpression(15));
      NodeList args;
      uint32_t begin = left->start, end = right->end;
      args.push_back(std::move(left));
      args.push_back(std::move(right));
      left = MakeSugarCall("ifNull", std::move(args), begin, end);
    } else if (min_precedence <= 13 && (type == TokenType::kBETWEEN ||
                                        (type == TokenType::kNOT && At(TokenType::kBETWEEN, 1)))) {
      bool negated = type == TokenType::kNOT;
      LARDER_RETURN_IF_ERROR(chain.Step());
      pos_ += negated ? 2 : 1;
      LARDER_ASSIGN_OR_RETURN(NodePtr low, ValueExpression(0));
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kAND));
      LARDER_ASSIGN_OR_RETURN(NodePtr high, ValueExpression(14));
      auto node = Make<BetweenExpr>(start);
      node->expr = std::move(left);
      node->low = std::move(low);
      node->high = std::move(high);
      node->negated = negated;
      left = std::move(node);
    } else {
      return left;
    }
  }
}

Parser::Comparison Parser::ComparisonAt() const {
  switch (Peek().type) {
    case TokenType::kEqSingle:
    case TokenType::kEqDouble:
      return {"==", 1};
    case TokenType::kNotEq:
      return {"!=", 1};
    case TokenType::kLt:
      return {"<", 1};
    case TokenType::kLtEq:
      return {"<=", 1};
    case TokenType::kGt:
      return {">", 1};
    case TokenType::kGtEq:
      return {">=", 1};
    case TokenType::kRegexSingle:
    case TokenType::kRegexDouble:
      return {"=~", 1};
    case TokenType::kIRegexSingle:
    case TokenType::kIRegexDouble:
      return {"=~*", 1};
    case TokenType::kNotRegex:
      return {"!~", 1};
    case TokenType::kNotIRegex:
      return {"!~*", 1};
    case TokenType::kLIKE:
      return {"like", 1};
    case TokenType::kILIKE:
      return {"ilike", 1};
    case TokenType::kIN:
      return At(TokenType::kCOHORT, 1) ? Comparison{"in cohort", 2} : Comparison{"in", 1};
    case TokenType::kNOT:
      if (At(TokenType::kLIKE, 1)) return {"not like", 2};
      if (At(TokenType::kILIKE, 1)) return {"not ilike", 2};
      if (At(TokenType::kIN, 1)) {
        return At(TokenType::kCOHORT, 2) ? Comparison{"not in cohort", 3} : Comparison{"not in", 2};
      }
      return {};
    case TokenType::kIdentifier:
      // GLOBAL IN: ClickHouse's distributed IN (PostHog's parser has no GLOBAL token).
      if (AtWord("global") && At(TokenType::kIN, 1)) return {"global in", 2};
      if (AtWord("global") && At(TokenType::kNOT, 1) && At(TokenType::kIN, 2)) {
        return {"global not in", 3};
      }
      return {};
    default:
      return {};
  }
}

Result<NodePtr> Parser::Postfix(NodePtr left, size_t start, bool* matched) {
  *matched = true;
  const TokenType type = Peek().type;
  if (type == TokenType::kLParen && (At(TokenType::kSELECT, 1) || At(TokenType::kWITH, 1))) {
    LARDER_ASSIGN_OR_RETURN(std::optional<NodePtr> query,
                            Speculate(Attempt::kSubqueryArgument, [this]() -> Result<NodePtr> {
                              ++pos_;
                              LARDER_ASSIGN_OR_RETURN(NodePtr select, SelectSet());
                              LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
                              return select;
                            }));
    if (query) {
      // A one-part name called on a subquery is a plain call (`f(select …)`, also `(f)(select …)`).
      const auto* field = As<Field>(left.get());
      if (field && field->chain.size() == 1) {
        auto call = Make<Call>(start);
        call->form = Call::Form::kSugar;
        call->name = field->chain.front();
        call->args.push_back(std::move(*query));
        call->end = tokens_[pos_ - 1].end;
        return NodePtr(std::move(call));
      }
      auto call = Make<ExprCall>(start);
      call->expr = std::move(left);
      call->args.push_back(std::move(*query));
      call->end = tokens_[pos_ - 1].end;
      return NodePtr(std::move(call));
    }
  }
  if (type == TokenType::kLParen) {
    ++pos_;
    auto call = Make<ExprCall>(start);
    LARDER_ASSIGN_OR_RETURN(call->args, ExpressionList(TokenType::kRParen));
    call->end = tokens_[pos_ - 1].end;
    call->expr = std::move(left);
    return NodePtr(std::move(call));
  }
  if (type == TokenType::kLBracket) {
    ++pos_;
    NodePtr index;
    if (!At(TokenType::kColon)) {
      LARDER_ASSIGN_OR_RETURN(index, Expression());
    }
    if (Accept(TokenType::kColon)) {
      auto slice = Make<ArraySlice>(start);
      slice->array = std::move(left);
      slice->start_expr = std::move(index);
      if (!At(TokenType::kRBracket)) {
        LARDER_ASSIGN_OR_RETURN(slice->end_expr, Expression());
      }
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kRBracket));
      slice->end = tokens_[pos_ - 1].end;
      return NodePtr(std::move(slice));
    }
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRBracket));
    auto access = Make<ArrayAccess>(start);
    access->array = std::move(left);
    access->property = std::move(index);
    return NodePtr(std::move(access));
  }
  bool nullish = type == TokenType::kNullProperty;
  if ((type == TokenType::kDot || nullish) && At(TokenType::kDecimal, 1)) {
    pos_ += 1;
    const Token& digits = Next();
    auto access = Make<TupleAccess>(start);
    access->tuple = std::move(left);
    std::from_chars(digits.text.data(), digits.text.data() + digits.text.size(), access->index);
    access->nullish = nullish;
    return NodePtr(std::move(access));
  }
  if (nullish && At(TokenType::kLBracket, 1)) {
    pos_ += 2;
    auto access = Make<ArrayAccess>(start);
    LARDER_ASSIGN_OR_RETURN(access->property, Expression());
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRBracket));
    access->end = tokens_[pos_ - 1].end;
    access->array = std::move(left);
    access->nullish = true;
    return NodePtr(std::move(access));
  }
  if ((type == TokenType::kDot || nullish) && AtIdentifier(1)) {
    ++pos_;
    const Token& name = Next();
    auto access = Make<ArrayAccess>(start);
    access->array = std::move(left);
    access->property = MakeConstant(IdentifierText(name), name.start, name.end);
    access->nullish = nullish;
    return NodePtr(std::move(access));
  }
  if (type == TokenType::kDoubleColon) {
    ++pos_;
    LARDER_ASSIGN_OR_RETURN(std::string type_name, TypeName(true));
    auto cast = Make<TypeCast>(start);
    cast->expr = std::move(left);
    cast->type_name = std::move(type_name);
    return NodePtr(std::move(cast));
  }
  *matched = false;
  return left;
}

Result<NodeList> Parser::ExpressionList(TokenType closing) {
  NodeList list;
  while (!Accept(closing)) {
    LARDER_ASSIGN_OR_RETURN(NodePtr item, Expression());
    list.push_back(std::move(item));
    if (Accept(closing)) break;
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kComma));
  }
  return list;
}

Result<std::vector<std::string>> Parser::IdentifierList() {
  std::vector<std::string> names;
  do {
    if (At(TokenType::kRParen) && !names.empty()) break;  // A trailing comma.
    LARDER_ASSIGN_OR_RETURN(std::string name, Identifier());
    while (At(TokenType::kDot) && AtIdentifier(1)) {
      ++pos_;
      LARDER_ASSIGN_OR_RETURN(std::string part, Identifier());
      name += "." + part;
    }
    names.push_back(std::move(name));
  } while (Accept(TokenType::kComma));
  return names;
}

Result<NodePtr> Parser::NumberLiteral() {
  const size_t start = pos_;
  bool negative = false;
  if (At(TokenType::kDash) || At(TokenType::kPlus)) negative = Next().type == TokenType::kDash;
  std::string text;
  bool is_float = false;
  const Token& first = Next();
  switch (first.type) {
    case TokenType::kINF:
      return MakeConstant(NumberText{negative ? "-Infinity" : "Infinity"}, tokens_[start].start,
                          first.end);
    case TokenType::kNAN_SQL:
      return MakeConstant(NumberText{"NaN"}, tokens_[start].start, first.end);
    case TokenType::kOctalPrefix:
      return Fail(first, fmt::format("HogQL does not support `0o`-prefixed octal integer "
                                     "literals; got `{}`. Use a plain decimal literal instead.",
                                     first.text));
    case TokenType::kDot:  // .5
      if (!At(TokenType::kDecimal)) return Fail(Peek(), "expected digits after '.'");
      text = "0." + std::string(Next().text);
      is_float = true;
      break;
    case TokenType::kDecimal:
      text = std::string(first.text);
      if (At(TokenType::kDot) && !At(TokenType::kDecimal, 0 + 1) && !AtIdentifier(1)) {
        ++pos_;  // "1." is a float.
        text += ".";
        is_float = true;
      } else if (At(TokenType::kDot) && At(TokenType::kDecimal, 1)) {
        pos_ += 1;
        text += "." + std::string(Next().text);
        is_float = true;
      }
      break;
    case TokenType::kFloating:
      text = std::string(first.text);
      is_float = true;
      break;
    case TokenType::kHex:
    case TokenType::kBinary:
      text = std::string(first.text);
      break;
    default:
      return Fail(first, "expected a number");
  }
  uint32_t begin = tokens_[start].start, end = tokens_[pos_ - 1].end;
  if (is_float) {
    double value = std::strtod(text.c_str(), nullptr);
    if (negative) value = -value;
    if (std::isinf(value))
      return MakeConstant(NumberText{value < 0 ? "-Infinity" : "Infinity"}, begin, end);
    return MakeConstant(value, begin, end);
  }
  int base = first.type == TokenType::kHex ? 16 : first.type == TokenType::kBinary ? 2 : 10;
  std::string_view digits = base == 10 ? std::string_view(text) : std::string_view(text).substr(2);
  uint64_t magnitude = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  bool fits = ec == std::errc() &&
              (negative ? magnitude <= uint64_t{1} << 63 : magnitude <= uint64_t{INT64_MAX});
  if (!fits) {
    std::string lower = text;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return MakeConstant(NumberText{(negative ? "-" : "") + lower}, begin, end);
  }
  int64_t value = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return MakeConstant(value, begin, end);
}

Result<NodePtr> Parser::Literal() {
  const Token& token = Peek();
  if (token.type == TokenType::kString) {
    ++pos_;
    return MakeConstant(DecodeStringLiteral(token.text), token.start, token.end);
  }
  if (token.type == TokenType::kNULL_SQL) {
    ++pos_;
    return MakeConstant(std::monostate{}, token.start, token.end);
  }
  return NumberLiteral();
}

Result<NodePtr> Parser::TemplateString() {
  const size_t start = pos_;
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kTemplateStart));
  NodeList parts;
  while (!Accept(TokenType::kTemplateEnd)) {
    const Token& token = Peek();
    if (token.type == TokenType::kTemplateText) {
      ++pos_;
      parts.push_back(MakeConstant(DecodeTemplateText(token.text), token.start, token.end));
    } else if (Accept(TokenType::kTemplateExprStart)) {
      LARDER_ASSIGN_OR_RETURN(NodePtr expr, Expression());
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kRBrace));
      parts.push_back(std::move(expr));
    } else {
      return Fail(token, "unterminated template string");
    }
  }
  uint32_t begin = tokens_[start].start, end = tokens_[pos_ - 1].end;
  if (parts.empty()) return MakeConstant(std::string(), begin, end);
  if (parts.size() == 1) return std::move(parts.front());
  return MakeSugarCall("concat", std::move(parts), begin, end);
}

}  // namespace larder::hogql
