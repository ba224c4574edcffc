// Printer: the walk from a HogQL AST (ast.h) back to query text, shared by the dialects that print
// it (HogQL in hogql_printer.h; ClickHouse SQL later). It knows the shape of every clause and
// where parentheses go; the dialect decides quoting, literals, function names and sugar.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "hogql/ast.h"

namespace larder::hogql {

// How tightly each construct binds, mirroring the levels of HogQL's parser
// (parse_expression.cpp): an operand whose precedence is below the level its position needs is
// printed in parentheses.
namespace precedence {
inline constexpr int kGreedy = 0;  // Lambda, named argument: they take everything to their right.
inline constexpr int kAlias = 2;
inline constexpr int kTernary = 3;
inline constexpr int kOr = 4;
inline constexpr int kAnd = 5;
inline constexpr int kNot = 12;
inline constexpr int kBetween = 13;
inline constexpr int kNullish = 14;  // ??
inline constexpr int kDistinctFrom = 16;
inline constexpr int kIsNull = 17;
inline constexpr int kComparison = 19;
inline constexpr int kAdditive = 20;  // + - ||
inline constexpr int kMultiplicative = 21;
inline constexpr int kUnary = 22;  // -x
inline constexpr int kPostfix = 23;
inline constexpr int kAtom = 24;
}  // namespace precedence

// Walks the AST: Print() switches on the node kind and calls the virtual method for it. Each
// method returns the text of its node. A dialect derives from Printer, implements the quoting
// hooks and overrides the node methods it prints differently.
//
// Printing reads the AST and changes nothing in it. A dialect may keep state while it prints (the
// ClickHouse printer will collect query parameters), so use one printer per thread.
class Printer {
 public:
  virtual ~Printer() = default;

  // The text of a query or an expression. A query is printed without surrounding parentheses.
  std::string Print(const Node& node);

 protected:
  // Dispatches on node.kind to the Print<Kind> method below.
  std::string Visit(const Node& node);

  // Queries and their clauses (printer_select.cpp).
  virtual std::string PrintSelectQuery(const SelectQuery& query);
  virtual std::string PrintSelectSetQuery(const SelectSetQuery& set);
  virtual std::string PrintCte(const CTE& cte);
  // The whole chain: the table, then each next_join with its operator and constraint.
  virtual std::string PrintJoinExpr(const JoinExpr& join);
  // One table of a join chain: the table (or table function, subquery, placeholder), its alias,
  // FINAL and SAMPLE.
  virtual std::string PrintJoinTable(const JoinExpr& join);
  virtual std::string PrintJoinConstraint(const JoinConstraint& constraint);
  virtual std::string PrintSampleExpr(const SampleExpr& sample);
  virtual std::string PrintRatioExpr(const RatioExpr& ratio);
  virtual std::string PrintOrderExpr(const OrderExpr& order);
  virtual std::string PrintWithFillExpr(const WithFillExpr& fill);
  virtual std::string PrintInterpolateExpr(const InterpolateExpr& interpolate);
  virtual std::string PrintLimitByExpr(const LimitByExpr& limit_by);
  virtual std::string PrintGroupingSet(const GroupingSet& set);
  virtual std::string PrintWindowExpr(const WindowExpr& window);
  virtual std::string PrintWindowFrameExpr(const WindowFrameExpr& frame);

  // Expressions (printer.cpp).
  virtual std::string PrintWindowFunction(const WindowFunction& function);
  virtual std::string PrintCall(const Call& call);
  virtual std::string PrintExprCall(const ExprCall& call);
  virtual std::string PrintAlias(const Alias& alias);
  virtual std::string PrintArithmeticOperation(const ArithmeticOperation& op);
  virtual std::string PrintCompareOperation(const CompareOperation& op);
  virtual std::string PrintIsDistinctFrom(const IsDistinctFrom& op);
  virtual std::string PrintBetweenExpr(const BetweenExpr& between);
  virtual std::string PrintAnd(const And& node);
  virtual std::string PrintOr(const Or& node);
  virtual std::string PrintNot(const Not& node);
  virtual std::string PrintConstant(const Constant& constant);
  virtual std::string PrintField(const Field& field);
  virtual std::string PrintPlaceholder(const Placeholder& placeholder);
  virtual std::string PrintArrayAccess(const ArrayAccess& access);
  virtual std::string PrintArraySlice(const ArraySlice& slice);
  virtual std::string PrintTupleAccess(const TupleAccess& access);
  virtual std::string PrintArray(const Array& array);
  virtual std::string PrintTuple(const Tuple& tuple);
  virtual std::string PrintDict(const Dict& dict);
  virtual std::string PrintLambda(const Lambda& lambda);
  virtual std::string PrintTypeCast(const TypeCast& cast);
  virtual std::string PrintTryCast(const TryCast& cast);
  virtual std::string PrintColumnsExpr(const ColumnsExpr& columns);
  virtual std::string PrintSpreadExpr(const SpreadExpr& spread);
  virtual std::string PrintPositionalRef(const PositionalRef& ref);
  virtual std::string PrintNamedArgument(const NamedArgument& argument);

  // Dialect hooks.
  // An identifier (column, table, alias, CTE, window or lambda argument name), quoted if needed.
  virtual std::string QuoteIdentifier(std::string_view name) const = 0;
  // The name a CTE declares: it starts a WITH item, where a keyword could be read as WITH's own.
  virtual std::string QuoteCteName(std::string_view name) const { return QuoteIdentifier(name); }
  // An alias (AS name, table alias): an identifier that may also have reserved names.
  virtual std::string QuoteAlias(std::string_view name) const { return QuoteIdentifier(name); }
  // The name of a called function (Call, WindowFunction).
  virtual std::string FunctionName(std::string_view name) const { return QuoteIdentifier(name); }
  // A string literal.
  virtual std::string QuoteString(std::string_view value) const = 0;
  // A number constant: int64_t, double or NumberText (Infinity, -Infinity, NaN, big integers).
  virtual std::string FormatNumber(const ConstantValue& value) const = 0;
  // A type name as the AST holds it (already rendered, lower case), for CAST(x AS <type>).
  virtual std::string FormatTypeName(std::string_view type_name) const {
    return std::string(type_name);
  }
  // The precedence of `node`'s own operator as printed (see namespace precedence).
  virtual int Precedence(const Node& node) const;

  // Helpers for the node methods.
  // `node`, in parentheses when it binds less tightly than `min_precedence` (BindingPrecedence).
  std::string PrintOperand(const Node& node, int min_precedence);
  // `node` in parentheses: a dialect may have a form that needs none (HogQL prints a || b as
  // f'{a}{b}').
  virtual std::string Parenthesize(const Node& node, std::string text);
  // The postfix operators, for PrintPostfixOperand.
  enum class Postfix {
    kAccess,    // x[i], x[a:b], x.name, x?.1
    kTupleDot,  // x.1
    kCall,      // x(…)
  };
  // `node` as the operand of a postfix operator.
  std::string PrintPostfixOperand(const Node& node, Postfix postfix);
  // The operand printed first inside `node` whose own operators the parser reads in the same
  // loop as node's operator (the left operand of a binary or postfix operator), and in `level`
  // the precedence it needs to go without parentheses; null for prefix and atomic nodes.
  virtual const Node* LeftOperand(const Node& node, int* level) const;
  // Whether `left` prints bare as a left operand needing `level`: it binds at least as tightly, or
  // it ends in IS NULL, which has no right operand to take what follows (x IS NULL = y is
  // (x IS NULL) = y, x IS NULL[1] is (x IS NULL)[1]).
  bool IsBareLeftOperand(const Node& left, int level) const;
  // How tightly `node` binds as printed: the lowest precedence among its operator and the
  // operators of its bare left operands (x IS NULL = y reads as one only where IS NULL does).
  int BindingPrecedence(const Node& node) const;
  // `node` as a left operand needing `level` (see IsBareLeftOperand).
  std::string PrintLeftOperand(const Node& node, int level);
  // The nodes, each printed at min_precedence, joined with ", ".
  std::string PrintList(const NodeList& nodes, int min_precedence = precedence::kGreedy);
  // One item of a comma-separated list (the first unless `after_comma`).
  std::string PrintListItem(const Node& node, int min_precedence, bool after_comma);
  // A lambda: x -> body, or (x) -> body with `parenthesize_args`.
  std::string LambdaText(const Lambda& lambda, bool parenthesize_args);
  // A dotted list of identifiers (CTE columns, table column aliases, EXCLUDE, USING KEY).
  std::string PrintNameList(const std::vector<std::string>& names) const;
  // A query where the grammar wants a parenthesised subquery: "(SELECT …)". Placeholders stay
  // bare.
  std::string PrintSubquery(const Node& query);
  // The WITH clause of `query` ("WITH … " or nothing) and the rest of it.
  std::string PrintWith(const SelectQuery& query);
  std::string PrintSelectClauses(const SelectQuery& query);
  // How a set operation's first member is printed: plainly; so that the text starts with SELECT
  // or WITH where it can (for f(SELECT …), which the parser recognises by those words); or
  // without the first query's CTEs, which a WITH before the set's parentheses gives it.
  enum class SetStart { kPlain, kLeadingSelect, kOmitCtes };
  std::string PrintSelectSet(const SelectSetQuery& set, SetStart start);
  // The first member of a set; `alone` when there are no others (a set of one query exists to
  // hold ORDER BY / LIMIT that the query's own must run before).
  std::string PrintFirstSetMember(const Node& member, SetStart start, bool alone,
                                  bool set_has_clauses);
  // A member after a set operator, in parentheses when it needs them to keep its own clauses.
  std::string PrintSetMember(const Node& member, bool last, bool set_has_clauses);
  bool PrintsBareInSet(const Node& member, bool last, bool set_has_clauses);
  // A query (or placeholder) whose text starts with SELECT or WITH where it can.
  std::string PrintLeadingSelect(const Node& query);
  // " LIMIT n [WITH TIES] OFFSET m" (the parts that are set), for SelectQuery and SelectSetQuery.
  std::string PrintLimitAndOffset(const NodePtr& limit, const NodePtr& offset, bool with_ties);
  // OrderExprs joined with ", ".
  std::string PrintOrderBy(const NodeList& order_by);
  // " GROUP BY …" in the query's grouping mode, or nothing.
  std::string PrintGroupBy(const SelectQuery& query);
  // The join operator before a joined table ("LEFT JOIN", "CROSS JOIN", …).
  virtual std::string PrintJoinOperator(std::string_view join_type) const;
  // Call arguments, joined with ", ".
  std::string PrintArguments(const NodeList& args);
  // A call's argument list: ([DISTINCT] args [ORDER BY …]).
  std::string PrintCallArguments(const Call& call);
  // Whether `node` is a SelectQuery or SelectSetQuery.
  static bool IsQuery(const Node& node);
  // Whether `text` starts with `word` (any case) as a whole word.
  static bool StartsWithWord(std::string_view text, std::string_view word);
  // `text` in parentheses if it starts with one of `words`: keeps an expression that begins with
  // a word from being read as the keyword a clause expects there (SELECT distinct, f(order), …).
  static std::string GuardLeadingWord(std::string text,
                                      std::initializer_list<std::string_view> words);
};

}  // namespace larder::hogql
