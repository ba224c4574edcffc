// Parser: primary expressions — literals, identifiers and fields, calls and window calls,
// keyword constructs (CASE, CAST, INTERVAL, TRIM, COLUMNS), lambdas, tuples, arrays, dicts.
#include <charconv>

#include "hogql/lexer.h"
#include "hogql/parser_impl.h"

namespace larder::hogql {
namespace {

bool StartsNumberToken(TokenType type) {
  switch (type) {
    case TokenType::kDecimal:
    case TokenType::kFloating:
    case TokenType::kHex:
    case TokenType::kBinary:
    case TokenType::kOctalPrefix:
    case TokenType::kINF:
    case TokenType::kNAN_SQL:
    case TokenType::kDot:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool Parser::AtNumber(size_t ahead) const {
  TokenType type = Peek(ahead).type;
  return StartsNumberToken(type) && (type != TokenType::kDot || At(TokenType::kDecimal, ahead + 1));
}

Result<NodePtr> Parser::Primary() {
  DepthGuard guard(this);
  LARDER_RETURN_IF_ERROR(guard.Check());
  bool matched = false;
  LARDER_ASSIGN_OR_RETURN(NodePtr construct, KeywordConstruct(&matched));
  if (matched) return construct;
  if (AtNumber(0)) return NumberLiteral();
  const Token& token = Peek();
  const size_t start = pos_;
  switch (token.type) {
    case TokenType::kTemplateStart:
      return TemplateString();
    case TokenType::kString:
    case TokenType::kNULL_SQL:
      return Literal();
    case TokenType::kDash:
    case TokenType::kPlus: {
      if (AtNumber(1)) return NumberLiteral();
      if (token.type == TokenType::kPlus) return Unexpected();
      ++pos_;
      LARDER_ASSIGN_OR_RETURN(NodePtr operand, ValueExpression(22));
      auto node = Make<ArithmeticOperation>(start);
      auto zero = std::make_unique<Constant>();
      zero->value = int64_t{0};
      node->left = std::move(zero);
      node->op = "-";
      node->right = std::move(operand);
      return NodePtr(std::move(node));
    }
    case TokenType::kHash:
      if (At(TokenType::kDecimal, 1)) {
        ++pos_;
        const Token& digits = Next();
        auto ref = Make<PositionalRef>(start);
        std::from_chars(digits.text.data(), digits.text.data() + digits.text.size(), ref->index);
        return NodePtr(std::move(ref));
      }
      return Unexpected();
    case TokenType::kLParen:
      return ParenthesizedOrTuple();
    case TokenType::kLBracket: {
      ++pos_;
      auto array = Make<Array>(start);
      LARDER_ASSIGN_OR_RETURN(array->exprs, ExpressionList(TokenType::kRBracket));
      array->end = tokens_[pos_ - 1].end;
      return NodePtr(std::move(array));
    }
    case TokenType::kLBrace:
      return BraceExpression();
    case TokenType::kAsterisk: {
      if (At(TokenType::kCOLUMNS, 1) && At(TokenType::kLParen, 2)) {
        ++pos_;
        bool columns_matched = false;
        auto spread = Make<SpreadExpr>(start);
        LARDER_ASSIGN_OR_RETURN(spread->expr, Columns(&columns_matched));
        if (!columns_matched) return Unexpected();
        spread->end = tokens_[pos_ - 1].end;
        return NodePtr(std::move(spread));
      }
      ++pos_;
      return AsteriskWithExclude({"*"}, start);
    }
    case TokenType::kNOT:
      // NOT (…) is a call named not, except around a subquery: NOT (SELECT …).
      if (!At(TokenType::kLParen, 1) || At(TokenType::kSELECT, 2) || At(TokenType::kWITH, 2)) {
        ++pos_;
        LARDER_ASSIGN_OR_RETURN(NodePtr operand, ValueExpression(12));
        auto node = Make<Not>(start);
        node->expr = std::move(operand);
        return NodePtr(std::move(node));
      }
      break;
    default:
      break;
  }
  LARDER_ASSIGN_OR_RETURN(NodePtr lambda, LambdaIfAny(&matched));
  if (matched) return lambda;
  if (AtIdentifier() && At(TokenType::kLParen, 1)) return FunctionCall();
  if (AtIdentifier() && At(TokenType::kColonEquals, 1)) {
    auto argument = Make<NamedArgument>(start);
    argument->name = IdentifierText(Next());
    ++pos_;
    LARDER_ASSIGN_OR_RETURN(argument->value, Expression());
    argument->end = tokens_[pos_ - 1].end;
    return NodePtr(std::move(argument));
  }
  if (AtIdentifier()) return FieldOrAsterisk();
  return Unexpected();
}

Result<NodePtr> Parser::KeywordConstruct(bool* matched) {
  *matched = false;
  const TokenType type = Peek().type;
  std::function<Result<NodePtr>()> attempt;
  switch (type) {
    case TokenType::kCASE:
      attempt = [this] { return Case(); };
      break;
    case TokenType::kCAST:
      attempt = [this] { return Cast(false); };
      break;
    case TokenType::kTRY_CAST:
      attempt = [this] { return Cast(true); };
      break;
    case TokenType::kINTERVAL:
      attempt = [this] { return Interval(); };
      break;
    case TokenType::kTRIM:
      attempt = [this] { return Trim(); };
      break;
    case TokenType::kARRAY:
      if (!At(TokenType::kLBracket, 1)) return NodePtr();
      ++pos_;
      *matched = true;
      return Primary();
    case TokenType::kLAMBDA: {
      bool lambda_matched = false;
      LARDER_ASSIGN_OR_RETURN(NodePtr lambda, LambdaIfAny(&lambda_matched));
      *matched = lambda_matched;
      return lambda;
    }
    case TokenType::kCOLUMNS: {
      bool columns_matched = false;
      LARDER_ASSIGN_OR_RETURN(NodePtr columns, Columns(&columns_matched));
      *matched = columns_matched;
      return columns;
    }
    case TokenType::kDATE:
      if (At(TokenType::kString, 1)) return NotImplemented("Unsupported rule: ColumnExprDate");
      return NodePtr();
    case TokenType::kTIMESTAMP:
      if (At(TokenType::kString, 1)) return NotImplemented("Unsupported rule: ColumnExprTimestamp");
      return NodePtr();
    case TokenType::kSUBSTRING:
      if (At(TokenType::kLParen, 1) && !AttemptFailed(Attempt::kSubstringFrom)) {
        size_t saved = pos_;
        pos_ += 2;
        auto first = Expression();
        bool from_form = first.ok() && At(TokenType::kFROM);
        pos_ = saved;
        if (from_form) return NotImplemented("Unsupported rule: ColumnExprSubstring");
        RecordFailedAttempt(Attempt::kSubstringFrom, saved);
      }
      return NodePtr();
    default:
      return NodePtr();
  }
  LARDER_ASSIGN_OR_RETURN(std::optional<NodePtr> node,
                          Speculate(Attempt::kKeywordConstruct, attempt));
  if (!node) return NodePtr();
  *matched = true;
  return std::move(*node);
}

Result<NodePtr> Parser::Case() {
  const size_t start = pos_;
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kCASE));
  NodePtr operand;
  if (!At(TokenType::kWHEN)) {
    LARDER_ASSIGN_OR_RETURN(operand, Expression());
  }
  NodeList args;
  if (operand) args.push_back(std::move(operand));
  size_t branches = 0;
  while (Accept(TokenType::kWHEN)) {
    LARDER_ASSIGN_OR_RETURN(NodePtr condition, Expression());
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kTHEN));
    LARDER_ASSIGN_OR_RETURN(NodePtr result, Expression());
    args.push_back(std::move(condition));
    args.push_back(std::move(result));
    ++branches;
  }
  if (branches == 0) return Fail(Peek(), "expected WHEN");
  if (Accept(TokenType::kELSE)) {
    LARDER_ASSIGN_OR_RETURN(NodePtr otherwise, Expression());
    args.push_back(std::move(otherwise));
  } else {
    auto null = std::make_unique<Constant>();
    args.push_back(std::move(null));
  }
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kEND));
  std::string name =
      args.size() % 2 == 0 ? "_caseWithExpression" : (branches == 1 ? "if" : "multiIf");
  auto call = Make<Call>(start);
  call->form = Call::Form::kSugar;
  call->name = std::move(name);
  call->args = std::move(args);
  return NodePtr(std::move(call));
}

Result<NodePtr> Parser::Cast(bool try_cast) {
  const size_t start = pos_;
  ++pos_;
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kLParen));
  const size_t expr_start = pos_;
  LARDER_ASSIGN_OR_RETURN(NodePtr expr, Expression(3));
  // `cast(a AS b AS Int)`: every AS name followed by another AS is an alias of the value (as
  // PostHog's grammar reads it); the last AS gives the type, whose name may have several words.
  while (At(TokenType::kAS) && (AtIdentifier(1) || At(TokenType::kString, 1)) &&
         At(TokenType::kAS, 2)) {
    ++pos_;
    LARDER_ASSIGN_OR_RETURN(expr, AliasAfterAs(std::move(expr), expr_start));
    expr->end = tokens_[pos_ - 1].end;
  }
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kAS));
  LARDER_ASSIGN_OR_RETURN(std::string type_name, TypeName(false));
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
  if (try_cast) {
    auto cast = Make<TryCast>(start);
    cast->expr = std::move(expr);
    cast->type_name = std::move(type_name);
    return NodePtr(std::move(cast));
  }
  auto cast = Make<TypeCast>(start);
  cast->expr = std::move(expr);
  cast->type_name = std::move(type_name);
  return NodePtr(std::move(cast));
}

Result<NodePtr> Parser::Interval() {
  const size_t start = pos_;
  ++pos_;
  if (At(TokenType::kString)) {
    const Token& literal = Next();
    std::string text = DecodeStringLiteral(literal.text);
    size_t space = text.find(' ');
    if (space == std::string::npos) {
      return NotImplemented("Unsupported interval type: must be in the format '<count> <unit>'");
    }
    std::string count = text.substr(0, space), unit = text.substr(space + 1);
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(count.data(), count.data() + count.size(), value);
    if (count.empty() || ec != std::errc() || ptr != count.data() + count.size() ||
        count.find_first_not_of("0123456789") != std::string::npos) {
      return NotImplemented(
          fmt::format("Unsupported interval count: '{}' is not a valid integer", count));
    }
    std::string singular = unit.ends_with('s') ? unit.substr(0, unit.size() - 1) : unit;
    static const std::pair<std::string_view, std::string_view> kUnits[] = {
        {"second", "toIntervalSecond"},   {"minute", "toIntervalMinute"},
        {"hour", "toIntervalHour"},       {"day", "toIntervalDay"},
        {"week", "toIntervalWeek"},       {"month", "toIntervalMonth"},
        {"quarter", "toIntervalQuarter"}, {"year", "toIntervalYear"}};
    for (const auto& [name, function] : kUnits) {
      if (singular != name) continue;
      auto call = Make<Call>(start);
      call->form = Call::Form::kSugar;
      call->name = std::string(function);
      auto constant = std::make_unique<Constant>();
      constant->value = value;
      call->args.push_back(std::move(constant));
      return NodePtr(std::move(call));
    }
    return NotImplemented(fmt::format("Unsupported interval unit: {}", unit));
  }
  LARDER_ASSIGN_OR_RETURN(NodePtr amount, Expression());
  if (!IsIntervalUnit(Peek().type)) return Fail(Peek(), "expected an interval unit");
  auto call = Make<Call>(start);
  call->form = Call::Form::kSugar;
  call->name = std::string(IntervalFunction(Next().type));
  call->args.push_back(std::move(amount));
  call->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(call));
}

Result<NodePtr> Parser::Trim() {
  const size_t start = pos_;
  ++pos_;
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kLParen));
  std::string name;
  if (Accept(TokenType::kBOTH))
    name = "trim";
  else if (Accept(TokenType::kLEADING))
    name = "trimLeft";
  else if (Accept(TokenType::kTRAILING))
    name = "trimRight";
  else
    return Fail(Peek(), "expected BOTH, LEADING or TRAILING");
  NodePtr characters;
  if (At(TokenType::kTemplateStart)) {
    LARDER_ASSIGN_OR_RETURN(characters, TemplateString());
  } else if (At(TokenType::kString)) {
    LARDER_ASSIGN_OR_RETURN(characters, Literal());
  } else {
    return Fail(Peek(), "expected a string");
  }
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kFROM));
  LARDER_ASSIGN_OR_RETURN(NodePtr value, Expression());
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
  auto call = Make<Call>(start);
  call->form = Call::Form::kSugar;
  call->name = std::move(name);
  call->args.push_back(std::move(value));
  call->args.push_back(std::move(characters));
  return NodePtr(std::move(call));
}

}  // namespace larder::hogql
