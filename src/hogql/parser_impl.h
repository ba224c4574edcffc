// The recursive-descent parser behind parser.h, shared by parser.cpp (tokens, errors, entry
// points), parse_expression.cpp (expressions, by precedence climbing) and parse_select.cpp
// (SELECT and its clauses). Internal to hogql/.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "hogql/ast.h"
#include "hogql/syntax_error.h"
#include "hogql/token.h"

namespace larder::hogql {

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)) {}

  Result<NodePtr> SelectStatement();
  Result<NodePtr> ExpressionStatement();
  // The error behind a failed parse (the one that got furthest into the query).
  SyntaxError TakeError();

 private:
  friend class DepthGuard;
  friend class ChainDepth;

  // Tokens.
  const Token& Peek(size_t ahead = 0) const {
    size_t index = std::min(pos_ + ahead, tokens_.size() - 1);
    return tokens_[index];
  }
  bool At(TokenType type, size_t ahead = 0) const { return Peek(ahead).type == type; }
  bool AtIdentifier(size_t ahead = 0) const { return IsIdentifierToken(Peek(ahead).type); }
  bool AtWord(std::string_view lower_word, size_t ahead = 0) const;
  // Whether a number literal starts `ahead` tokens on (a digit token, inf, nan, or '.' digits).
  bool AtNumber(size_t ahead) const;
  bool Accept(TokenType type) {
    if (!At(type)) return false;
    ++pos_;
    return true;
  }
  Status Expect(TokenType type);
  const Token& Next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }

  // Errors. Each records itself if it is the furthest so far and returns a non-OK status.
  // `locate` appends where: " at '<token>'" or " but the query ended".
  Status Fail(const Token& token, std::string message, bool locate = true);
  Status Unexpected();
  Status NotImplemented(std::string message);
  Status Reserved(std::string_view alias);
  // The places that try one reading of the tokens and rewind when it fails.
  enum class Attempt {
    kSubqueryArgument,   // x(SELECT …)
    kSubqueryCall,       // f(SELECT …)
    kSubqueryParens,     // (SELECT …) or ((…)) as a subquery
    kKeywordConstruct,   // CASE, CAST, TRY_CAST, INTERVAL, TRIM
    kSubstringFrom,      // SUBSTRING(x FROM …)
    kCteSubquery,        // WITH name AS (SELECT …)
    kParenthesizedJoin,  // FROM (t1 JOIN t2)
    kLimitBy,            // LIMIT n BY …
  };
  // Runs `parse`; if it fails with a syntax error, rewinds to where it started and returns
  // nullopt. Definite errors (not implemented, reserved alias, too deep) are returned as errors.
  // A failed attempt is remembered (AttemptFailed) and not run again at the same token.
  Result<std::optional<NodePtr>> Speculate(Attempt attempt,
                                           const std::function<Result<NodePtr>()>& parse);
  // Whether `attempt` already failed at the current token. Whether an attempt succeeds depends
  // only on the tokens from where it starts (errors that depend on more, such as the nesting
  // limit, are definite), so trying it again cannot succeed. Without this, constructs that are
  // each read two ways and nested N deep (case(case(…)), f(select (select …))) take 2^N time.
  bool AttemptFailed(Attempt attempt) const { return failed_attempts_.count({attempt, pos_}) > 0; }
  void RecordFailedAttempt(Attempt attempt, size_t start) {
    failed_attempts_.insert({attempt, start});
  }
  template <typename T>
  std::unique_ptr<T> Make(size_t start_token) const {
    auto node = std::make_unique<T>();
    node->start = tokens_[start_token].start;
    node->end = pos_ > 0 ? tokens_[pos_ - 1].end : node->start;
    return node;
  }

  // The comparison operator at the current token, and how many tokens it spans (0 if none).
  struct Comparison {
    std::string op;
    size_t tokens = 0;
  };
  Comparison ComparisonAt() const;

  // Identifiers.
  Result<std::string> Identifier();
  std::string IdentifierText(const Token& token) const;
  Status CheckAlias(const Token& token, const std::string& alias);
  // `expr AS name` once AS is consumed: reads the name (an identifier or a string) and wraps
  // `expr`, which starts at token `start`, in an Alias.
  Result<NodePtr> AliasAfterAs(NodePtr expr, size_t start);

  // Expressions (parse_expression.cpp).
  Result<NodePtr> Expression(int min_precedence = 0);
  Result<NodePtr> ValueExpression(int min_precedence);
  Result<NodePtr> ContinueValue(NodePtr left, int min_precedence, size_t start);
  Result<NodePtr> Postfix(NodePtr left, size_t start, bool* matched);
  Result<NodePtr> Primary();
  Result<NodePtr> KeywordConstruct(bool* matched);
  Result<NodePtr> Case();
  Result<NodePtr> Cast(bool try_cast);
  Result<NodePtr> Interval();
  Result<NodePtr> Trim();
  Result<NodePtr> Columns(bool* matched);
  Result<NodePtr> FunctionCall();
  Result<NodePtr> WindowCall(std::string name, NodeList first, std::optional<NodeList> second,
                             size_t start);
  Result<NodePtr> Literal();
  Result<NodePtr> NumberLiteral();
  Result<NodePtr> TemplateString();
  Result<NodePtr> ParenthesizedOrTuple();
  Result<NodePtr> BraceExpression();
  Result<NodePtr> LambdaIfAny(bool* matched);
  Result<NodePtr> FieldOrAsterisk();
  Result<NodePtr> AsteriskWithExclude(std::vector<std::string> chain, size_t start);
  Result<NodeList> ExpressionList(TokenType closing);
  Result<std::vector<std::string>> IdentifierList();
  Result<std::string> TypeName(bool cast_shorthand);
  Result<std::string> TypeArguments();
  Status ColumnsModifiers(ColumnsExpr* columns);
  Result<NodePtr> WindowSpec();
  Result<NodePtr> FrameBound();
  Result<NodeList> OrderList();
  Result<NodePtr> OrderItem();

  // SELECT (parse_select.cpp).
  Result<NodePtr> SelectSet();
  Result<NodePtr> SelectWithParens();
  Result<NodePtr> Select(std::optional<std::vector<std::unique_ptr<CTE>>> ctes);
  Status SelectColumns(SelectQuery* query);
  Result<NodePtr> SelectColumn();
  Status WithClause(std::vector<std::unique_ptr<CTE>>* ctes);
  Result<std::unique_ptr<CTE>> CommonTableExpression(bool recursive);
  Result<std::unique_ptr<JoinExpr>> JoinExpression(bool cross_operand);
  Result<std::unique_ptr<JoinExpr>> JoinUnit();
  Result<std::unique_ptr<JoinExpr>> TableExpression();
  Status TableAliases(JoinExpr* join);
  // Consumes join modifiers and JOIN; returns the join type ("LEFT JOIN", …) or nullopt.
  Result<std::optional<std::string>> JoinOperator();
  Result<NodePtr> JoinConstraintClause();
  Result<NodePtr> SampleClause();
  Result<NodePtr> Ratio();
  Status ArrayJoinClause(SelectQuery* query);
  Status GroupByClause(SelectQuery* query);
  Status WindowClause(SelectQuery* query);
  Status OrderByClause(std::optional<NodeList>* order_by, std::optional<NodeList>* interpolate);
  Status LimitClauses(SelectQuery* query);
  // LIMIT a [, b] [WITH TIES] | LIMIT a [WITH TIES] OFFSET b | OFFSET b, at the parser's position.
  Status LimitAndOffset(NodePtr* limit, NodePtr* offset, bool* with_ties);
  bool AtGlobalJoin() const;
  // Whether the current token ends a clause's expression list (a trailing comma came before).
  bool AtClauseEnd() const;

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  std::optional<SyntaxError> error_;
  bool not_implemented_ = false;  // error_ is definite (not a guess from speculation).
  std::set<std::pair<Attempt, size_t>> failed_attempts_;  // Attempt and its first token.
};

// Counts the levels a loop adds by wrapping a node in another (a + b + c, a[1][2], x ?? y ?? z,
// joins), which deepen the tree without recursion; they count towards kMaxParseDepth too, so
// every walk over the tree (printing, freeing) stays within the stack.
class ChainDepth {
 public:
  explicit ChainDepth(Parser* parser) : parser_(parser) {}
  ~ChainDepth();
  Status Step();

 private:
  Parser* parser_;
  int added_ = 0;
};

// Counts nesting; refuses to go deeper than kMaxParseDepth with a definite error: the query is
// rejected, not read another way (a remembered failed attempt must not depend on how deep it
// started, and retrying deep readings is what makes deep inputs slow).
class DepthGuard {
 public:
  explicit DepthGuard(Parser* parser) : parser_(parser) { ++parser_->depth_; }
  ~DepthGuard() { --parser_->depth_; }
  Status Check();

 private:
  Parser* parser_;
};

}  // namespace larder::hogql
