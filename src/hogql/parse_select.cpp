// Parser: SELECT statements, set operations, WITH, FROM and joins, and the clauses after them.
#include "hogql/lexer.h"
#include "hogql/parser_impl.h"

namespace larder::hogql {
namespace {

bool IsJoinModifier(TokenType type) {
  switch (type) {
    case TokenType::kALL:
    case TokenType::kANY:
    case TokenType::kASOF:
    case TokenType::kINNER:
    case TokenType::kLEFT:
    case TokenType::kRIGHT:
    case TokenType::kFULL:
    case TokenType::kOUTER:
    case TokenType::kSEMI:
    case TokenType::kANTI:
      return true;
    default:
      return false;
  }
}

// Whether the modifiers before JOIN form one of PostHog's join operators: an optional side
// (INNER, LEFT/RIGHT [OUTER], FULL [OUTER]) with strictness words wholly before or after it.
bool ValidJoinModifiers(const std::vector<TokenType>& modifiers) {
  auto is_side = [](TokenType t) {
    return t == TokenType::kINNER || t == TokenType::kLEFT || t == TokenType::kRIGHT ||
           t == TokenType::kFULL;
  };
  size_t side = modifiers.size();
  for (size_t i = 0; i < modifiers.size(); ++i) {
    if (!is_side(modifiers[i])) continue;
    if (side != modifiers.size()) return false;
    side = i;
  }
  std::vector<TokenType> strictness;
  for (size_t i = 0; i < modifiers.size(); ++i) {
    if (i == side) continue;
    if (modifiers[i] == TokenType::kOUTER) {
      if (side == modifiers.size() || i != side + 1 || modifiers[side] == TokenType::kINNER) {
        return false;
      }
      continue;
    }
    strictness.push_back(modifiers[i]);
  }
  if (side != modifiers.size()) {
    // Strictness words must all sit on one side of the side word (OUTER included).
    bool before = false, after = false;
    for (size_t i = 0; i < modifiers.size(); ++i) {
      if (i == side || modifiers[i] == TokenType::kOUTER) continue;
      (i < side ? before : after) = true;
    }
    if (before && after) return false;
  }
  TokenType side_type = side == modifiers.size() ? TokenType::kJOIN : modifiers[side];
  auto any_of = [](TokenType t, std::initializer_list<TokenType> set) {
    return std::find(set.begin(), set.end(), t) != set.end();
  };
  if (strictness.size() == 2) {
    // ASOF SEMI / ASOF ANTI, written before the side (or with no side).
    return strictness[0] == TokenType::kASOF &&
           any_of(strictness[1], {TokenType::kSEMI, TokenType::kANTI}) &&
           (side == modifiers.size() ||
            ((side_type == TokenType::kLEFT || side_type == TokenType::kRIGHT) && side == 2));
  }
  if (strictness.size() > 2) return false;
  if (strictness.empty()) return true;
  TokenType word = strictness[0];
  switch (side_type) {
    case TokenType::kJOIN:
      return true;
    case TokenType::kINNER:
    case TokenType::kFULL:
      return any_of(word, {TokenType::kALL, TokenType::kANY, TokenType::kASOF});
    default:
      return true;  // LEFT / RIGHT take any one strictness word.
  }
}

// The join type PostHog prints for a set of modifiers (order of the words as it prints them).
std::string JoinTypeName(const std::vector<TokenType>& modifiers) {
  auto has = [&](TokenType type) {
    return std::find(modifiers.begin(), modifiers.end(), type) != modifiers.end();
  };
  std::string name;
  auto add = [&](TokenType type, std::string_view word) {
    if (has(type)) name += std::string(word) + " ";
  };
  if (has(TokenType::kLEFT) || has(TokenType::kRIGHT)) {
    add(TokenType::kLEFT, "LEFT");
    add(TokenType::kRIGHT, "RIGHT");
    add(TokenType::kOUTER, "OUTER");
    add(TokenType::kSEMI, "SEMI");
    add(TokenType::kALL, "ALL");
    add(TokenType::kANTI, "ANTI");
    add(TokenType::kANY, "ANY");
    add(TokenType::kASOF, "ASOF");
  } else if (has(TokenType::kFULL)) {
    add(TokenType::kFULL, "FULL");
    add(TokenType::kOUTER, "OUTER");
    add(TokenType::kALL, "ALL");
    add(TokenType::kANY, "ANY");
    add(TokenType::kASOF, "ASOF");
  } else if (has(TokenType::kSEMI) || has(TokenType::kANTI)) {
    add(TokenType::kASOF, "ASOF");
    add(TokenType::kSEMI, "SEMI");
    add(TokenType::kANTI, "ANTI");
  } else if (has(TokenType::kALL) || has(TokenType::kANY) || has(TokenType::kASOF)) {
    add(TokenType::kALL, "ALL");
    add(TokenType::kANY, "ANY");
    add(TokenType::kASOF, "ASOF");
    name += "INNER ";
  } else {
    add(TokenType::kINNER, "INNER");
  }
  return name + "JOIN";
}

}  // namespace

Result<NodePtr> Parser::SelectSet() {
  DepthGuard guard(this);
  LARDER_RETURN_IF_ERROR(guard.Check());
  const size_t start = pos_;
  LARDER_ASSIGN_OR_RETURN(NodePtr first, SelectWithParens());
  auto set = Make<SelectSetQuery>(start);
  for (;;) {
    std::string op;
    if (Accept(TokenType::kUNION)) {
      op = Accept(TokenType::kALL) ? "UNION ALL" : (Accept(TokenType::kDISTINCT), "UNION DISTINCT");
    } else if (Accept(TokenType::kINTERSECT)) {
      op = Accept(TokenType::kALL)
               ? "INTERSECT ALL"
               : (Accept(TokenType::kDISTINCT) ? "INTERSECT DISTINCT" : "INTERSECT");
    } else if (Accept(TokenType::kEXCEPT)) {
      op = Accept(TokenType::kALL) ? "EXCEPT ALL" : "EXCEPT";
    } else {
      break;
    }
    if (At(TokenType::kBY) && At(TokenType::kNAME, 1)) {
      pos_ += 2;
      op += " BY NAME";
    }
    LARDER_ASSIGN_OR_RETURN(NodePtr next, SelectWithParens());
    set->subsequent_select_queries.push_back({std::move(op), std::move(next)});
  }
  std::optional<NodeList> order_by, interpolate;
  if (At(TokenType::kORDER) && At(TokenType::kBY, 1)) {
    LARDER_RETURN_IF_ERROR(OrderByClause(&order_by, &interpolate));
  }
  NodePtr limit, offset;
  bool with_ties = false;
  LARDER_RETURN_IF_ERROR(LimitAndOffset(&limit, &offset, &with_ties));
  if (set->subsequent_select_queries.empty()) {
    // One (parenthesised) query: set-level clauses apply to it, unless it has its own, which
    // must run first — then the outer ones go on a set around it.
    if (!order_by && !limit && !offset) return first;
    auto* query = As<SelectQuery>(first.get());
    if (query && !query->order_by && !query->limit && !query->offset) {
      query->order_by = std::move(order_by);
      query->limit = std::move(limit);
      query->offset = std::move(offset);
      query->limit_with_ties = with_ties;
      return first;
    }
  }
  set->initial_select_query = std::move(first);
  set->order_by = std::move(order_by);
  set->limit = std::move(limit);
  set->offset = std::move(offset);
  set->limit_with_ties = with_ties;
  set->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(set));
}

Result<NodePtr> Parser::SelectWithParens() {
  if (At(TokenType::kLBrace)) return BraceExpression();
  if (At(TokenType::kLParen)) {
    ++pos_;
    LARDER_ASSIGN_OR_RETURN(NodePtr inner, SelectSet());
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
    return inner;
  }
  if (At(TokenType::kWITH)) {
    std::vector<std::unique_ptr<CTE>> ctes;
    LARDER_RETURN_IF_ERROR(WithClause(&ctes));
    if (Accept(TokenType::kLParen)) {
      LARDER_ASSIGN_OR_RETURN(NodePtr inner, SelectSet());
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
      Node* target = inner.get();
      if (auto* set = As<SelectSetQuery>(target)) target = set->initial_select_query.get();
      if (auto* query = As<SelectQuery>(target)) query->ctes = std::move(ctes);
      return inner;
    }
    return Select(std::move(ctes));
  }
  return Select(std::nullopt);
}

Status Parser::WithClause(std::vector<std::unique_ptr<CTE>>* ctes) {
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kWITH));
  bool recursive = Accept(TokenType::kRECURSIVE);
  do {
    if (At(TokenType::kSELECT) && !ctes->empty()) break;  // A trailing comma.
    LARDER_ASSIGN_OR_RETURN(auto cte, CommonTableExpression(recursive));
    ctes->push_back(std::move(cte));
  } while (Accept(TokenType::kComma));
  return Status::OK();
}

Result<std::unique_ptr<CTE>> Parser::CommonTableExpression(bool recursive) {
  const size_t start = pos_;
  // name [(columns)] [USING KEY (columns)] AS [NOT] [MATERIALIZED] (subquery)
  LARDER_ASSIGN_OR_RETURN(std::optional<NodePtr> subquery,
                          Speculate(Attempt::kCteSubquery, [&]() -> Result<NodePtr> {
                            auto cte = Make<CTE>(start);
                            cte->cte_type = "subquery";
                            cte->recursive = recursive;
                            LARDER_ASSIGN_OR_RETURN(cte->name, Identifier());
                            if (Accept(TokenType::kLParen)) {
                              LARDER_ASSIGN_OR_RETURN(cte->columns, IdentifierList());
                              LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
                            }
                            if (At(TokenType::kUSING) && At(TokenType::kKEY, 1)) {
                              pos_ += 2;
                              LARDER_RETURN_IF_ERROR(Expect(TokenType::kLParen));
                              LARDER_ASSIGN_OR_RETURN(cte->using_key, IdentifierList());
                              LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
                            }
                            LARDER_RETURN_IF_ERROR(Expect(TokenType::kAS));
                            if (At(TokenType::kNOT) && At(TokenType::kMATERIALIZED, 1)) {
                              pos_ += 2;
                              cte->materialized = false;
                            } else if (Accept(TokenType::kMATERIALIZED)) {
                              cte->materialized = true;
                            }
                            LARDER_RETURN_IF_ERROR(Expect(TokenType::kLParen));
                            LARDER_ASSIGN_OR_RETURN(cte->expr, SelectSet());
                            LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
                            cte->end = tokens_[pos_ - 1].end;
                            return NodePtr(std::move(cte));
                          }));
  if (subquery) return std::unique_ptr<CTE>(static_cast<CTE*>(subquery->release()));
  // expr AS name
  auto cte = Make<CTE>(start);
  cte->cte_type = "column";
  cte->recursive = recursive;
  LARDER_ASSIGN_OR_RETURN(cte->expr, Expression(3));
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kAS));
  LARDER_ASSIGN_OR_RETURN(cte->name, Identifier());
  cte->end = tokens_[pos_ - 1].end;
  return cte;
}

Result<NodePtr> Parser::Select(std::optional<std::vector<std::unique_ptr<CTE>>> ctes) {
  const size_t start = pos_;
  auto query = Make<SelectQuery>(start);
  if (!ctes && At(TokenType::kWITH)) {
    std::vector<std::unique_ptr<CTE>> parsed;
    LARDER_RETURN_IF_ERROR(WithClause(&parsed));
    ctes = std::move(parsed);
  }
  query->ctes = std::move(ctes);
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kSELECT));
  if (At(TokenType::kDISTINCT)) {
    TokenType next = Peek(1).type;
    if (next != TokenType::kEnd && next != TokenType::kComma && next != TokenType::kFROM &&
        next != TokenType::kSemicolon && next != TokenType::kRParen) {
      ++pos_;
      query->distinct = true;
    }
  }
  if (At(TokenType::kTOP) && At(TokenType::kDecimal, 1)) {
    return NotImplemented("Unsupported: SelectStmt.topClause()");
  }
  LARDER_RETURN_IF_ERROR(SelectColumns(query.get()));
  if (Accept(TokenType::kFROM)) {
    LARDER_ASSIGN_OR_RETURN(query->select_from, JoinExpression(false));
  }
  LARDER_RETURN_IF_ERROR(ArrayJoinClause(query.get()));
  if (Accept(TokenType::kPREWHERE)) {
    LARDER_ASSIGN_OR_RETURN(query->prewhere, Expression());
  }
  if (Accept(TokenType::kWHERE)) {
    LARDER_ASSIGN_OR_RETURN(query->where, Expression());
  }
  if (At(TokenType::kSAMPLE) || (At(TokenType::kUSING) && At(TokenType::kSAMPLE, 1))) {
    return NotImplemented("Unsupported: SelectStmt.sampleClause()");
  }
  LARDER_RETURN_IF_ERROR(GroupByClause(query.get()));
  if (Accept(TokenType::kHAVING)) {
    LARDER_ASSIGN_OR_RETURN(query->having, Expression());
  }
  if (Accept(TokenType::kQUALIFY)) {
    LARDER_ASSIGN_OR_RETURN(query->qualify, Expression());
  }
  LARDER_RETURN_IF_ERROR(WindowClause(query.get()));
  if (At(TokenType::kORDER) && At(TokenType::kBY, 1)) {
    LARDER_RETURN_IF_ERROR(OrderByClause(&query->order_by, &query->interpolate));
  }
  LARDER_RETURN_IF_ERROR(LimitClauses(query.get()));
  if (At(TokenType::kSETTINGS)) return NotImplemented("Unsupported: SelectStmt.settingsClause()");
  query->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(query));
}

Status Parser::SelectColumns(SelectQuery* query) {
  for (;;) {
    LARDER_ASSIGN_OR_RETURN(NodePtr column, SelectColumn());
    query->select.push_back(std::move(column));
    if (!Accept(TokenType::kComma)) return Status::OK();
    // A trailing comma before FROM or at the end.
    TokenType next = Peek().type;
    if (next == TokenType::kEnd || next == TokenType::kSemicolon || next == TokenType::kRParen ||
        (next == TokenType::kFROM && !At(TokenType::kEnd, 1) && !At(TokenType::kComma, 1))) {
      return Status::OK();
    }
  }
}

Result<NodePtr> Parser::SelectColumn() {
  const size_t start = pos_;
  if (AtIdentifier() && At(TokenType::kColon, 1)) {
    auto alias = Make<Alias>(start);
    alias->alias = IdentifierText(Next());
    ++pos_;
    LARDER_ASSIGN_OR_RETURN(alias->expr, Expression());
    alias->end = tokens_[pos_ - 1].end;
    return NodePtr(std::move(alias));
  }
  if (At(TokenType::kFROM) && IsImplicitColumnAliasToken(Peek(1).type)) {
    error_ = SyntaxError{SyntaxError::Kind::kSyntax, "Cannot use \"from\" before an implicit alias",
                         Peek().start, Peek(1).end};
    not_implemented_ = true;
    return InvalidArgument("from before alias");
  }
  LARDER_ASSIGN_OR_RETURN(NodePtr expr, Expression());
  if (IsImplicitColumnAliasToken(Peek().type)) {
    const Token& name = Next();
    std::string alias_name = IdentifierText(name);
    LARDER_RETURN_IF_ERROR(CheckAlias(name, alias_name));
    auto alias = Make<Alias>(start);
    alias->alias = std::move(alias_name);
    alias->expr = std::move(expr);
    return NodePtr(std::move(alias));
  }
  return expr;
}

bool Parser::AtClauseEnd() const {
  switch (Peek().type) {
    case TokenType::kEnd:
    case TokenType::kRParen:
    case TokenType::kSemicolon:
    case TokenType::kHAVING:
    case TokenType::kQUALIFY:
    case TokenType::kWINDOW:
    case TokenType::kORDER:
    case TokenType::kLIMIT:
    case TokenType::kOFFSET:
    case TokenType::kSETTINGS:
    case TokenType::kUNION:
    case TokenType::kEXCEPT:
    case TokenType::kINTERSECT:
    case TokenType::kWITH:
      return true;
    default:
      return false;
  }
}

bool Parser::AtGlobalJoin() const {
  if (!AtWord("global")) return false;
  TokenType next = Peek(1).type;
  return next == TokenType::kJOIN || IsJoinModifier(next) || next == TokenType::kCROSS;
}

Result<std::unique_ptr<JoinExpr>> Parser::JoinExpression(bool cross_operand) {
  DepthGuard guard(this);
  LARDER_RETURN_IF_ERROR(guard.Check());
  LARDER_ASSIGN_OR_RETURN(std::unique_ptr<JoinExpr> head, JoinUnit());
  JoinExpr* tail = head.get();
  auto append = [&](std::unique_ptr<JoinExpr> right) {
    while (tail->next_join) tail = tail->next_join.get();
    tail->next_join = std::move(right);
    while (tail->next_join) tail = tail->next_join.get();
  };
  ChainDepth chain(this);  // Each join links one more JoinExpr into the chain.
  for (;;) {
    LARDER_RETURN_IF_ERROR(chain.Step());
    bool global = AtGlobalJoin();
    if (global) ++pos_;
    if (At(TokenType::kComma) || (At(TokenType::kCROSS) && At(TokenType::kJOIN, 1))) {
      if (cross_operand) break;
      pos_ += At(TokenType::kComma) ? 1 : 2;
      LARDER_ASSIGN_OR_RETURN(std::unique_ptr<JoinExpr> right, JoinExpression(true));
      right->join_type = global ? "GLOBAL CROSS JOIN" : "CROSS JOIN";
      append(std::move(right));
      continue;
    }
    LARDER_ASSIGN_OR_RETURN(std::optional<std::string> join_type, JoinOperator());
    if (!join_type) {
      if (global) return Fail(Peek(), "expected JOIN after GLOBAL");
      break;
    }
    LARDER_ASSIGN_OR_RETURN(std::unique_ptr<JoinExpr> right, JoinExpression(false));
    right->join_type = global ? "GLOBAL " + *join_type : *join_type;
    right->has_constraint_key = true;
    if (At(TokenType::kON) || At(TokenType::kUSING)) {
      LARDER_ASSIGN_OR_RETURN(right->constraint, JoinConstraintClause());
    }
    append(std::move(right));
  }
  return head;
}

Result<std::optional<std::string>> Parser::JoinOperator() {
  if (At(TokenType::kPOSITIONAL) && At(TokenType::kJOIN, 1)) {
    pos_ += 2;
    return std::optional<std::string>("POSITIONAL JOIN");
  }
  size_t ahead = At(TokenType::kNATURAL) ? 1 : 0;
  std::vector<TokenType> modifiers;
  while (IsJoinModifier(Peek(ahead).type)) modifiers.push_back(Peek(ahead++).type);
  if (!At(TokenType::kJOIN, ahead)) return std::optional<std::string>();
  if (!ValidJoinModifiers(modifiers))
    return Fail(Peek(), "this combination of join modifiers is not valid");
  pos_ += ahead + 1;
  return std::optional<std::string>(JoinTypeName(modifiers));
}

Result<NodePtr> Parser::JoinConstraintClause() {
  const size_t start = pos_;
  auto constraint = Make<JoinConstraint>(start);
  if (Accept(TokenType::kON)) {
    constraint->constraint_type = "ON";
    LARDER_ASSIGN_OR_RETURN(constraint->expr, Expression());
    if (At(TokenType::kComma)) {
      return NotImplemented("Unsupported: JOIN ... ON with multiple expressions");
    }
  } else {
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kUSING));
    constraint->constraint_type = "USING";
    bool parenthesized = Accept(TokenType::kLParen);
    NodeList columns;
    do {
      LARDER_ASSIGN_OR_RETURN(NodePtr column, Expression());
      columns.push_back(std::move(column));
    } while (Accept(TokenType::kComma) && !At(TokenType::kRParen));
    if (parenthesized) LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
    if (columns.size() == 1) {
      constraint->expr = std::move(columns.front());
    } else {
      auto tuple = Make<Tuple>(start);
      tuple->exprs = std::move(columns);
      constraint->expr = std::move(tuple);
    }
  }
  constraint->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(constraint));
}

Result<std::unique_ptr<JoinExpr>> Parser::JoinUnit() {
  if (At(TokenType::kLParen) && !At(TokenType::kSELECT, 1) && !At(TokenType::kWITH, 1) &&
      !AttemptFailed(Attempt::kParenthesizedJoin)) {
    size_t saved = pos_;
    ++pos_;
    auto inner = JoinExpression(false);
    if (inner.ok() && Accept(TokenType::kRParen)) return std::move(*inner);
    if (not_implemented_) return inner.ok() ? Fail(Peek(), "expected ')'") : inner.status();
    pos_ = saved;
    RecordFailedAttempt(Attempt::kParenthesizedJoin, saved);
  }
  LARDER_ASSIGN_OR_RETURN(std::unique_ptr<JoinExpr> join, TableExpression());
  if (Accept(TokenType::kFINAL)) join->table_final = true;
  if (At(TokenType::kSAMPLE)) {
    LARDER_ASSIGN_OR_RETURN(join->sample, SampleClause());
  }
  return join;
}

Result<std::unique_ptr<JoinExpr>> Parser::TableExpression() {
  const size_t start = pos_;
  auto join = Make<JoinExpr>(start);
  if (At(TokenType::kLBrace)) {
    LARDER_ASSIGN_OR_RETURN(join->table, BraceExpression());
  } else if (Accept(TokenType::kLParen)) {
    LARDER_ASSIGN_OR_RETURN(join->table, SelectSet());
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
  } else if (AtIdentifier() && At(TokenType::kLParen, 1)) {
    auto table = std::make_unique<Field>();
    table->chain.push_back(IdentifierText(Next()));
    ++pos_;
    LARDER_ASSIGN_OR_RETURN(join->table_args, ExpressionList(TokenType::kRParen));
    join->table = std::move(table);
  } else {
    auto table = Make<Field>(start);
    LARDER_ASSIGN_OR_RETURN(std::string name, Identifier());
    table->chain.push_back(std::move(name));
    while (At(TokenType::kDot) && AtIdentifier(1)) {
      ++pos_;
      LARDER_ASSIGN_OR_RETURN(std::string part, Identifier());
      table->chain.push_back(std::move(part));
    }
    table->end = tokens_[pos_ - 1].end;
    join->table = std::move(table);
  }
  LARDER_RETURN_IF_ERROR(TableAliases(join.get()));
  join->end = tokens_[pos_ - 1].end;
  return join;
}

Status Parser::TableAliases(JoinExpr* join) {
  for (;;) {
    if (AtGlobalJoin()) return Status::OK();
    const Token& name = At(TokenType::kAS) ? Peek(1) : Peek();
    if (Accept(TokenType::kAS)) {
      LARDER_ASSIGN_OR_RETURN(std::string alias, Identifier());
      LARDER_RETURN_IF_ERROR(CheckAlias(name, alias));
      join->alias = std::move(alias);
    } else if (IsImplicitTableAliasToken(Peek().type)) {
      std::string alias = IdentifierText(Next());
      LARDER_RETURN_IF_ERROR(CheckAlias(name, alias));
      join->alias = std::move(alias);
    } else {
      return Status::OK();
    }
    join->has_column_aliases_key = true;
    if (Accept(TokenType::kLParen)) {
      LARDER_ASSIGN_OR_RETURN(join->column_aliases, IdentifierList());
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
    }
  }
}

Result<NodePtr> Parser::SampleClause() {
  const size_t start = pos_;
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kSAMPLE));
  auto sample = Make<SampleExpr>(start);
  LARDER_ASSIGN_OR_RETURN(sample->sample_value, Ratio());
  if (Accept(TokenType::kOFFSET)) {
    LARDER_ASSIGN_OR_RETURN(sample->offset_value, Ratio());
  }
  if (At(TokenType::kLParen) && AtIdentifier(1) && At(TokenType::kRParen, 2)) pos_ += 3;
  sample->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(sample));
}

Result<NodePtr> Parser::Ratio() {
  if (At(TokenType::kLBrace)) return BraceExpression();
  const size_t start = pos_;
  auto ratio = Make<RatioExpr>(start);
  LARDER_ASSIGN_OR_RETURN(ratio->left, NumberLiteral());
  if (Accept(TokenType::kSlash)) {
    LARDER_ASSIGN_OR_RETURN(ratio->right, NumberLiteral());
  }
  ratio->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(ratio));
}

Status Parser::ArrayJoinClause(SelectQuery* query) {
  std::string op;
  size_t skip = 0;
  if (At(TokenType::kARRAY) && At(TokenType::kJOIN, 1)) {
    op = "ARRAY JOIN";
    skip = 2;
  } else if ((At(TokenType::kLEFT) || At(TokenType::kINNER)) && At(TokenType::kARRAY, 1) &&
             At(TokenType::kJOIN, 2)) {
    op = At(TokenType::kLEFT) ? "LEFT ARRAY JOIN" : "INNER ARRAY JOIN";
    skip = 3;
  } else {
    return Status::OK();
  }
  const Token& keyword = Peek();
  pos_ += skip;
  NodeList arrays;
  do {
    const Token& first = Peek();
    LARDER_ASSIGN_OR_RETURN(NodePtr array, Expression());
    if (!As<Alias>(array.get())) {
      error_ = SyntaxError{SyntaxError::Kind::kSyntax, "ARRAY JOIN arrays must have an alias",
                           first.start, tokens_[pos_ - 1].end};
      not_implemented_ = true;
      return InvalidArgument("array join alias");
    }
    arrays.push_back(std::move(array));
  } while (Accept(TokenType::kComma));
  if (!query->select_from) {
    error_ = SyntaxError{SyntaxError::Kind::kSyntax,
                         "Using ARRAY JOIN without a FROM clause is not permitted", keyword.start,
                         tokens_[pos_ - 1].end};
    not_implemented_ = true;
    return InvalidArgument("array join without from");
  }
  query->array_join_op = std::move(op);
  query->array_join_list = std::move(arrays);
  return Status::OK();
}

Status Parser::GroupByClause(SelectQuery* query) {
  if (!At(TokenType::kGROUP) || !At(TokenType::kBY, 1)) return Status::OK();
  pos_ += 2;
  if (Accept(TokenType::kALL)) {
    query->group_by_mode = "all";
  } else if ((At(TokenType::kCUBE) || At(TokenType::kROLLUP)) && At(TokenType::kLParen, 1)) {
    query->group_by_mode = At(TokenType::kCUBE) ? "cube" : "rollup";
    pos_ += 2;
    LARDER_ASSIGN_OR_RETURN(query->group_by, ExpressionList(TokenType::kRParen));
  } else if (At(TokenType::kGROUPING) && At(TokenType::kSETS, 1)) {
    pos_ += 2;
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kLParen));
    NodeList sets;
    do {
      const size_t set_start = pos_;
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kLParen));
      auto set = Make<GroupingSet>(set_start);
      LARDER_ASSIGN_OR_RETURN(set->exprs, ExpressionList(TokenType::kRParen));
      set->end = tokens_[pos_ - 1].end;
      sets.push_back(std::move(set));
    } while (Accept(TokenType::kComma));
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
    query->group_by_mode = "grouping_sets";
    query->group_by = std::move(sets);
  } else {
    NodeList exprs;
    do {
      LARDER_ASSIGN_OR_RETURN(NodePtr expr, Expression());
      exprs.push_back(std::move(expr));
    } while (Accept(TokenType::kComma) && !AtClauseEnd());
    query->group_by = std::move(exprs);
  }
  // WITH ROLLUP / WITH CUBE / WITH TOTALS are accepted and ignored, as PostHog does.
  while (At(TokenType::kWITH) &&
         (At(TokenType::kCUBE, 1) || At(TokenType::kROLLUP, 1) || At(TokenType::kTOTALS, 1))) {
    pos_ += 2;
  }
  return Status::OK();
}

Status Parser::WindowClause(SelectQuery* query) {
  if (!Accept(TokenType::kWINDOW)) return Status::OK();
  std::map<std::string, NodePtr> windows;
  do {
    LARDER_ASSIGN_OR_RETURN(std::string name, Identifier());
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kAS));
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kLParen));
    LARDER_ASSIGN_OR_RETURN(NodePtr window, WindowSpec());
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
    windows[name] = std::move(window);
  } while (Accept(TokenType::kComma));
  query->window_exprs = std::move(windows);
  return Status::OK();
}

Status Parser::OrderByClause(std::optional<NodeList>* order_by,
                             std::optional<NodeList>* interpolate) {
  pos_ += 2;
  LARDER_ASSIGN_OR_RETURN(*order_by, OrderList());
  if (!Accept(TokenType::kINTERPOLATE)) return Status::OK();
  NodeList items;
  if (Accept(TokenType::kLParen)) {
    do {
      const size_t start = pos_;
      auto item = Make<InterpolateExpr>(start);
      LARDER_ASSIGN_OR_RETURN(item->expr, Expression(3));
      if (Accept(TokenType::kAS)) {
        LARDER_ASSIGN_OR_RETURN(item->value, Expression());
      } else {
        // INTERPOLATE (b) means b AS b; ClickHouse allows only a column there.
        const auto* field = As<Field>(item->expr.get());
        if (!field)
          return Fail(tokens_[start], "INTERPOLATE needs a column, or `column AS expression`");
        auto value = std::make_unique<Field>();
        value->chain = field->chain;
        value->start = field->start;
        value->end = field->end;
        item->value = std::move(value);
      }
      item->end = tokens_[pos_ - 1].end;
      items.push_back(std::move(item));
    } while (Accept(TokenType::kComma));
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
  }
  *interpolate = std::move(items);
  return Status::OK();
}

Status Parser::LimitClauses(SelectQuery* query) {
  if (At(TokenType::kLIMIT) && !AttemptFailed(Attempt::kLimitBy)) {
    // LIMIT n [OFFSET m | , m] BY exprs comes first when BY follows.
    const size_t saved = pos_;
    ++pos_;
    LARDER_ASSIGN_OR_RETURN(NodePtr first, Expression());
    NodePtr second;
    bool comma = false;
    if (Accept(TokenType::kComma)) {
      comma = true;
      LARDER_ASSIGN_OR_RETURN(second, Expression());
    } else if (Accept(TokenType::kOFFSET)) {
      LARDER_ASSIGN_OR_RETURN(second, Expression());
    }
    if (Accept(TokenType::kBY)) {
      const size_t start = saved;
      auto limit_by = Make<LimitByExpr>(start);
      if (comma) {
        limit_by->n = std::move(second);
        limit_by->offset_value = std::move(first);
      } else {
        limit_by->n = std::move(first);
        limit_by->offset_value = std::move(second);
      }
      do {
        LARDER_ASSIGN_OR_RETURN(NodePtr expr, Expression());
        limit_by->exprs.push_back(std::move(expr));
      } while (Accept(TokenType::kComma));
      limit_by->end = tokens_[pos_ - 1].end;
      query->limit_by = std::move(limit_by);
    } else {
      pos_ = saved;
      RecordFailedAttempt(Attempt::kLimitBy, saved);
    }
  }
  return LimitAndOffset(&query->limit, &query->offset, &query->limit_with_ties);
}

Status Parser::LimitAndOffset(NodePtr* limit, NodePtr* offset, bool* with_ties) {
  if (Accept(TokenType::kLIMIT)) {
    LARDER_ASSIGN_OR_RETURN(NodePtr first, Expression());
    if (At(TokenType::kPercent)) return Fail(Peek(), "LIMIT … PERCENT is not supported");
    if (Accept(TokenType::kComma)) {
      // LIMIT offset, count — as ClickHouse reads it.
      LARDER_ASSIGN_OR_RETURN(*limit, Expression());
      *offset = std::move(first);
    } else {
      *limit = std::move(first);
    }
    if (At(TokenType::kWITH) && At(TokenType::kTIES, 1)) {
      pos_ += 2;
      *with_ties = true;
    }
    if (!*offset && Accept(TokenType::kOFFSET)) {
      LARDER_ASSIGN_OR_RETURN(*offset, Expression());
    }
    return Status::OK();
  }
  if (Accept(TokenType::kOFFSET)) {
    LARDER_ASSIGN_OR_RETURN(*offset, Expression());
    if (At(TokenType::kLIMIT)) return LimitAndOffset(limit, offset, with_ties);
  }
  return Status::OK();
}

}  // namespace larder::hogql
