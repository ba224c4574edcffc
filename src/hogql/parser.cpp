#include "hogql/parser.h"

#include <cctype>

#include "hogql/lexer.h"
#include "hogql/parser_impl.h"

namespace larder::hogql {

bool Parser::AtWord(std::string_view lower_word, size_t ahead) const {
  const Token& token = Peek(ahead);
  if (token.type != TokenType::kIdentifier || token.text.size() != lower_word.size()) return false;
  for (size_t i = 0; i < lower_word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(token.text[i])) != lower_word[i]) return false;
  }
  return true;
}

Status Parser::Expect(TokenType type) {
  if (Accept(type)) return Status::OK();
  return Fail(Peek(), fmt::format("expected '{}'", TokenName(type)));
}

Status Parser::Fail(const Token& token, std::string message, bool locate) {
  std::string located = message;
  if (locate && token.type == TokenType::kEnd) {
    located = fmt::format("{} but the query ended", message);
  } else if (locate) {
    located = fmt::format("{} at '{}'", message, token.text);
  }
  if (!not_implemented_ && (!error_ || token.start >= error_->start)) {
    error_ = SyntaxError{SyntaxError::Kind::kSyntax, std::move(located), token.start,
                         static_cast<uint32_t>(text_.size())};
  }
  return InvalidArgument("syntax error");
}

Status Parser::Unexpected() {
  const Token& token = Peek();
  if (token.type == TokenType::kEnd) return Fail(token, "unexpected end of query", false);
  return Fail(token, "unexpected " + std::string(IsKeyword(token.type) ? "keyword" : "token"));
}

Status Parser::NotImplemented(std::string message) {
  // Not-implemented constructs win over syntax errors found while speculating.
  if (not_implemented_) return Status(StatusCode::kNotImplemented, "not implemented");
  error_ = SyntaxError{SyntaxError::Kind::kNotImplemented, std::move(message), Peek().start,
                       static_cast<uint32_t>(text_.size())};
  not_implemented_ = true;
  return Status(StatusCode::kNotImplemented, "not implemented");
}

Status Parser::Reserved(std::string_view alias) {
  if (not_implemented_) return InvalidArgument("reserved alias");
  error_ =
      SyntaxError{SyntaxError::Kind::kSyntax,
                  fmt::format("\"{}\" cannot be an alias or identifier, as it's a reserved "
                              "keyword",
                              alias),
                  tokens_[pos_ > 0 ? pos_ - 1 : 0].start, tokens_[pos_ > 0 ? pos_ - 1 : 0].end};
  not_implemented_ = true;  // A definite error: speculation must not hide it.
  return InvalidArgument("reserved alias");
}

Result<std::optional<NodePtr>> Parser::Speculate(Attempt attempt,
                                                 const std::function<Result<NodePtr>()>& parse) {
  if (AttemptFailed(attempt)) return std::optional<NodePtr>();
  size_t saved = pos_;
  Result<NodePtr> result = parse();
  if (result.ok()) return std::optional<NodePtr>(std::move(*result));
  if (not_implemented_) return result.status();
  pos_ = saved;
  RecordFailedAttempt(attempt, saved);
  return std::optional<NodePtr>();
}

std::string Parser::IdentifierText(const Token& token) const {
  if (token.type == TokenType::kQuotedIdentifier) return DecodeQuotedIdentifier(token.text);
  return std::string(token.text);
}

Result<std::string> Parser::Identifier() {
  if (!AtIdentifier()) return Fail(Peek(), "expected an identifier");
  return IdentifierText(Next());
}

Result<NodePtr> Parser::AliasAfterAs(NodePtr expr, size_t start) {
  const Token& name = Peek();
  std::string alias;
  if (name.type == TokenType::kString) {
    alias = DecodeStringLiteral(Next().text);
  } else {
    LARDER_ASSIGN_OR_RETURN(alias, Identifier());
  }
  LARDER_RETURN_IF_ERROR(CheckAlias(name, alias));
  auto node = Make<Alias>(start);
  node->alias = std::move(alias);
  node->expr = std::move(expr);
  return NodePtr(std::move(node));
}

Status Parser::CheckAlias(const Token& token, const std::string& alias) {
  std::string lower = token.type == TokenType::kString ? alias : std::string(token.text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true" || lower == "false" || lower == "team_id") return Reserved(alias);
  return Status::OK();
}

SyntaxError Parser::TakeError() {
  if (error_) return std::move(*error_);
  return SyntaxError{SyntaxError::Kind::kSyntax, "syntax error", Peek().start,
                     static_cast<uint32_t>(text_.size())};
}

ChainDepth::~ChainDepth() { parser_->depth_ -= added_; }

Status ChainDepth::Step() {
  ++parser_->depth_;
  ++added_;
  DepthGuard guard(parser_);  // Checks at one level deeper than the node being built.
  return guard.Check();
}

Status DepthGuard::Check() {
  if (parser_->depth_ <= kMaxParseDepth) return Status::OK();
  if (parser_->not_implemented_) return InvalidArgument("too deep");
  parser_->error_.reset();  // This error wins, even over ones further into the query.
  Status status = parser_->Fail(
      parser_->Peek(), fmt::format("the query nests more than {} levels deep", kMaxParseDepth));
  parser_->not_implemented_ = true;
  return status;
}

Result<NodePtr> Parser::SelectStatement() {
  LARDER_ASSIGN_OR_RETURN(NodePtr node, SelectSet());
  Accept(TokenType::kSemicolon);
  if (!At(TokenType::kEnd)) return Fail(Peek(), "unexpected text after the query");
  return node;
}

Result<NodePtr> Parser::ExpressionStatement() {
  LARDER_ASSIGN_OR_RETURN(NodePtr node, Expression());
  if (!At(TokenType::kEnd)) return Fail(Peek(), "unexpected text after the expression");
  return node;
}

namespace {

ParseResult Run(std::string_view text, bool select) {
  LexResult lexed = Lex(text);
  if (lexed.error) return ParseResult{nullptr, std::move(lexed.error)};
  Parser parser(text, std::move(lexed.tokens));
  Result<NodePtr> node = select ? parser.SelectStatement() : parser.ExpressionStatement();
  if (!node.ok()) return ParseResult{nullptr, parser.TakeError()};
  return ParseResult{std::move(*node), std::nullopt};
}

}  // namespace

ParseResult ParseSelect(std::string_view text) { return Run(text, true); }
ParseResult ParseExpr(std::string_view text) { return Run(text, false); }

}  // namespace larder::hogql
