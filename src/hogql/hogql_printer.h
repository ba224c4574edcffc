// The HogQL printer: AST (ast.h) → HogQL text that parses back (parser.h) to the same AST, in a
// canonical form (upper-case keywords, spaced operators, minimal quoting and parentheses). Used to
// show and log queries; the ClickHouse printer derives from the same Printer (printer.h).
#pragma once

#include <string>
#include <string_view>

#include "hogql/ast.h"
#include "hogql/printer.h"

namespace larder::hogql {

// The text of a query (printed bare: parse it with ParseSelect) or of an expression (ParseExpr).
//
// For every AST the parser builds, ParseSelect/ParseExpr(PrintHogQL(ast)) gives an equal AST
// (equal ToJson), and printing that AST again gives the same text. Shapes the parser never
// builds may not survive, because HogQL has no text for them:
//   - an And inside an And, or an Or inside an Or (the parser flattens them), or one with fewer
//     than two operands;
//   - a Not whose operand prints in or starting with parentheses: NOT (x) is a call to not()
//     (so is NOT (SELECT …), which PostHog's parser reads as a Not). One such tree the parser
//     does build: NOT x -> y AS z IS NULL, where the alias ends the lambda's body and IS NULL
//     applies to the lambda (also with := for x -> and any operator for IS NULL). It prints as
//     NOT (x -> y AS z) IS NULL;
//   - a string or identifier holding a NUL byte: it prints as \0, which the lexer deletes;
//   - an infinite or NaN double (prints as inf/nan, which parse as NumberText);
//   - a sugar Call (Call::Form::kSugar) that no syntax produces: a name other than concat,
//     ifNull, if, multiIf, _caseWithExpression, toInterval<Unit>, trim, trimLeft, trimRight with
//     the argument count that syntax gives, and without a single SELECT argument. It prints as an
//     ordinary call;
//   - an empty Tuple, an empty ColumnsExpr list, a ColumnsExpr with all_columns and neither
//     EXCLUDE nor REPLACE, a SpreadExpr around `* EXCLUDE (…)`, a CTE list mixing RECURSIVE and
//     not, a cross join with a constraint, column aliases without an alias, a table function on a
//     dotted name, a frame method without a frame, WITH TIES without LIMIT, INTERPOLATE without
//     ORDER BY, a negative TupleAccess index, a zero-argument lambda after NOT, a RatioExpr of
//     anything but number constants, a CompareOperation marked is_null_comparison_style whose
//     right side is not NULL (prints as a comparison), a type name that does not read back as
//     itself;
//   - a SelectSetQuery with no subsequent queries around a SelectQuery without ORDER BY, LIMIT or
//     OFFSET, or with no set-level clauses (the parser returns the query itself).
std::string PrintHogQL(const Node& node);

// The HogQL dialect of Printer. Sugar calls print as the syntax that builds them (a || b, a ?? b,
// CASE, INTERVAL n UNIT, TRIM(BOTH … FROM …), f(SELECT …)).
class HogQLPrinter : public Printer {
 protected:
  std::string QuoteIdentifier(std::string_view name) const override;
  std::string QuoteCteName(std::string_view name) const override;
  std::string QuoteAlias(std::string_view name) const override;
  std::string FunctionName(std::string_view name) const override;
  std::string QuoteString(std::string_view value) const override;
  std::string FormatNumber(const ConstantValue& value) const override;
  std::string FormatTypeName(std::string_view type_name) const override;
  int Precedence(const Node& node) const override;
  const Node* LeftOperand(const Node& node, int* level) const override;
  std::string Parenthesize(const Node& node, std::string text) override;
  std::string PrintCall(const Call& call) override;

 private:
  // How a sugar call is written.
  enum class Sugar { kNone, kQueryArgument, kConcat, kNullish, kCase, kInterval, kTrim };
  static Sugar SugarOf(const Call& call);

  std::string PrintConcat(const Call& call);
  // concat(a, b, …) as the template string f'{a}{b}…' (REQUIRES: two arguments or more).
  std::string PrintTemplate(const Call& call);
  std::string PrintCase(const Call& call);
  std::string PrintInterval(const Call& call);
  std::string PrintTrim(const Call& call);
};

}  // namespace larder::hogql
