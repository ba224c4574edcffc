// Printer: dispatch, precedence and the expression nodes. The query nodes are in
// printer_select.cpp.
#include "hogql/printer.h"

#include <algorithm>
#include <cctype>

namespace larder::hogql {
namespace {

bool IsIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

// 0 - x, as the parser builds unary minus.
bool IsUnaryMinus(const ArithmeticOperation& op) {
  const auto* zero = As<Constant>(op.left.get());
  if (op.op != "-" || !zero) return false;
  const auto* value = std::get_if<int64_t>(&zero->value);
  return value && *value == 0;
}

bool IsNullConstant(const NodePtr& node) {
  const auto* constant = As<Constant>(node.get());
  return constant && std::holds_alternative<std::monostate>(constant->value);
}

// The operand of a postfix node (x[i], x[a:b], x.1, x(…)), or null.
const Node* PostfixTarget(const Node& node) {
  switch (node.kind) {
    case NodeKind::kArrayAccess:
      return static_cast<const ArrayAccess&>(node).array.get();
    case NodeKind::kArraySlice:
      return static_cast<const ArraySlice&>(node).array.get();
    case NodeKind::kTupleAccess:
      return static_cast<const TupleAccess&>(node).tuple.get();
    case NodeKind::kExprCall:
      return static_cast<const ExprCall&>(node).expr.get();
    default:
      return nullptr;
  }
}

// x IS [NOT] NULL, or postfix operators on it. The parser applies a postfix after IS NULL to the
// whole comparison (x IS NULL[1] is (x IS NULL)[1]), so such a chain prints without parentheses
// and binds like IS NULL: NOT x IS NULL[1] has no other text.
bool IsNullChain(const Node& node) {
  if (const auto* op = As<CompareOperation>(&node)) {
    return op->is_null_comparison_style && IsNullConstant(op->right) &&
           (op->op == "==" || op->op == "!=");
  }
  const Node* target = PostfixTarget(node);
  return target && IsNullChain(*target);
}

// An integer constant: its digits would take a following .1 as a fraction.
bool IsInteger(const Node& node) {
  const auto* constant = As<Constant>(&node);
  if (!constant) return false;
  const auto* text = std::get_if<NumberText>(&constant->value);
  return std::holds_alternative<int64_t>(constant->value) ||
         (text && text->text != "Infinity" && text->text != "-Infinity" && text->text != "NaN");
}

bool IsBoolConstant(const Node& node) {
  const auto* constant = As<Constant>(&node);
  return constant && std::holds_alternative<bool>(constant->value);
}

std::string_view ComparisonText(std::string_view op) {
  static constexpr std::pair<std::string_view, std::string_view> kOperators[] = {
      {"==", "="},
      {"like", "LIKE"},
      {"ilike", "ILIKE"},
      {"not like", "NOT LIKE"},
      {"not ilike", "NOT ILIKE"},
      {"in", "IN"},
      {"not in", "NOT IN"},
      {"in cohort", "IN COHORT"},
      {"not in cohort", "NOT IN COHORT"},
      {"global in", "GLOBAL IN"},
      {"global not in", "GLOBAL NOT IN"},
  };
  for (const auto& [name, text] : kOperators) {
    if (name == op) return text;
  }
  return op;
}

}  // namespace

std::string Printer::Print(const Node& node) { return Visit(node); }

std::string Printer::Visit(const Node& node) {
  switch (node.kind) {
#define LARDER_HOGQL_PRINT_CASE(Kind, Method) \
  case NodeKind::k##Kind:                     \
    return Method(static_cast<const Kind&>(node));
    LARDER_HOGQL_PRINT_CASE(SelectQuery, PrintSelectQuery)
    LARDER_HOGQL_PRINT_CASE(SelectSetQuery, PrintSelectSetQuery)
    LARDER_HOGQL_PRINT_CASE(CTE, PrintCte)
    LARDER_HOGQL_PRINT_CASE(JoinExpr, PrintJoinExpr)
    LARDER_HOGQL_PRINT_CASE(JoinConstraint, PrintJoinConstraint)
    LARDER_HOGQL_PRINT_CASE(SampleExpr, PrintSampleExpr)
    LARDER_HOGQL_PRINT_CASE(RatioExpr, PrintRatioExpr)
    LARDER_HOGQL_PRINT_CASE(OrderExpr, PrintOrderExpr)
    LARDER_HOGQL_PRINT_CASE(WithFillExpr, PrintWithFillExpr)
    LARDER_HOGQL_PRINT_CASE(InterpolateExpr, PrintInterpolateExpr)
    LARDER_HOGQL_PRINT_CASE(LimitByExpr, PrintLimitByExpr)
    LARDER_HOGQL_PRINT_CASE(GroupingSet, PrintGroupingSet)
    LARDER_HOGQL_PRINT_CASE(WindowExpr, PrintWindowExpr)
    LARDER_HOGQL_PRINT_CASE(WindowFrameExpr, PrintWindowFrameExpr)
    LARDER_HOGQL_PRINT_CASE(WindowFunction, PrintWindowFunction)
    LARDER_HOGQL_PRINT_CASE(Call, PrintCall)
    LARDER_HOGQL_PRINT_CASE(ExprCall, PrintExprCall)
    LARDER_HOGQL_PRINT_CASE(Alias, PrintAlias)
    LARDER_HOGQL_PRINT_CASE(ArithmeticOperation, PrintArithmeticOperation)
    LARDER_HOGQL_PRINT_CASE(CompareOperation, PrintCompareOperation)
    LARDER_HOGQL_PRINT_CASE(IsDistinctFrom, PrintIsDistinctFrom)
    LARDER_HOGQL_PRINT_CASE(BetweenExpr, PrintBetweenExpr)
    LARDER_HOGQL_PRINT_CASE(And, PrintAnd)
    LARDER_HOGQL_PRINT_CASE(Or, PrintOr)
    LARDER_HOGQL_PRINT_CASE(Not, PrintNot)
    LARDER_HOGQL_PRINT_CASE(Constant, PrintConstant)
    LARDER_HOGQL_PRINT_CASE(Field, PrintField)
    LARDER_HOGQL_PRINT_CASE(Placeholder, PrintPlaceholder)
    LARDER_HOGQL_PRINT_CASE(ArrayAccess, PrintArrayAccess)
    LARDER_HOGQL_PRINT_CASE(ArraySlice, PrintArraySlice)
    LARDER_HOGQL_PRINT_CASE(TupleAccess, PrintTupleAccess)
    LARDER_HOGQL_PRINT_CASE(Array, PrintArray)
    LARDER_HOGQL_PRINT_CASE(Tuple, PrintTuple)
    LARDER_HOGQL_PRINT_CASE(Dict, PrintDict)
    LARDER_HOGQL_PRINT_CASE(Lambda, PrintLambda)
    LARDER_HOGQL_PRINT_CASE(TypeCast, PrintTypeCast)
    LARDER_HOGQL_PRINT_CASE(TryCast, PrintTryCast)
    LARDER_HOGQL_PRINT_CASE(ColumnsExpr, PrintColumnsExpr)
    LARDER_HOGQL_PRINT_CASE(SpreadExpr, PrintSpreadExpr)
    LARDER_HOGQL_PRINT_CASE(PositionalRef, PrintPositionalRef)
    LARDER_HOGQL_PRINT_CASE(NamedArgument, PrintNamedArgument)
#undef LARDER_HOGQL_PRINT_CASE
  }
  return std::string();
}

int Printer::Precedence(const Node& node) const {
  switch (node.kind) {
    case NodeKind::kLambda:
    case NodeKind::kNamedArgument:
      return precedence::kGreedy;
    case NodeKind::kAlias:
      return precedence::kAlias;
    case NodeKind::kOr:
      return precedence::kOr;
    case NodeKind::kAnd:
      return precedence::kAnd;
    case NodeKind::kNot: {
      // NOT x -> y negates the whole lambda, which takes everything to its right.
      const Node& operand = *static_cast<const Not&>(node).expr;
      return Precedence(operand) == precedence::kGreedy ? precedence::kGreedy : precedence::kNot;
    }
    case NodeKind::kBetweenExpr:
      return precedence::kBetween;
    case NodeKind::kIsDistinctFrom:
      return precedence::kDistinctFrom;
    case NodeKind::kCompareOperation:
      return IsNullChain(node) ? precedence::kIsNull : precedence::kComparison;
    case NodeKind::kArithmeticOperation: {
      const auto& op = static_cast<const ArithmeticOperation&>(node);
      if (IsUnaryMinus(op)) return precedence::kUnary;
      return op.op == "+" || op.op == "-" ? precedence::kAdditive : precedence::kMultiplicative;
    }
    case NodeKind::kArrayAccess:
    case NodeKind::kArraySlice:
    case NodeKind::kTupleAccess:
    case NodeKind::kExprCall:
      return precedence::kPostfix;
    default:
      return precedence::kAtom;
  }
}

bool Printer::IsQuery(const Node& node) {
  return node.kind == NodeKind::kSelectQuery || node.kind == NodeKind::kSelectSetQuery;
}

bool Printer::StartsWithWord(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(word[i]))) {
      return false;
    }
  }
  return text.size() == word.size() || !IsIdentifierChar(text[word.size()]);
}

std::string Printer::GuardLeadingWord(std::string text,
                                      std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (StartsWithWord(text, word)) return "(" + text + ")";
  }
  return text;
}

std::string Printer::PrintOperand(const Node& node, int min_precedence) {
  std::string text = Visit(node);
  if (IsQuery(node)) return "(" + text + ")";
  if (BindingPrecedence(node) < min_precedence) return Parenthesize(node, std::move(text));
  return text;
}

std::string Printer::PrintPostfixOperand(const Node& node, Postfix postfix) {
  // 1.1 would be a float and true(x) a call; 1.5.1, inf.1, 1.name or true[1] read fine.
  if ((postfix == Postfix::kTupleDot && IsInteger(node)) ||
      (postfix == Postfix::kCall && IsBoolConstant(node))) {
    return "(" + Visit(node) + ")";
  }
  return PrintLeftOperand(node, precedence::kPostfix);
}

const Node* Printer::LeftOperand(const Node& node, int* level) const {
  *level = precedence::kPostfix;
  switch (node.kind) {
    case NodeKind::kArithmeticOperation: {
      const auto& op = static_cast<const ArithmeticOperation&>(node);
      if (IsUnaryMinus(op)) return nullptr;
      *level = Precedence(node);
      return op.left.get();
    }
    case NodeKind::kCompareOperation:
      *level = IsNullChain(node) ? precedence::kIsNull + 1 : precedence::kComparison;
      return static_cast<const CompareOperation&>(node).left.get();
    case NodeKind::kIsDistinctFrom:
      *level = precedence::kDistinctFrom;
      return static_cast<const IsDistinctFrom&>(node).left.get();
    case NodeKind::kBetweenExpr:
      *level = precedence::kBetween;
      return static_cast<const BetweenExpr&>(node).expr.get();
    default:
      return PostfixTarget(node);
  }
}

bool Printer::IsBareLeftOperand(const Node& left, int level) const {
  return IsNullChain(left) || (!IsQuery(left) && Precedence(left) >= level);
}

int Printer::BindingPrecedence(const Node& node) const {
  int binding = Precedence(node);
  int level = 0;
  const Node* left = LeftOperand(node, &level);
  if (left && IsBareLeftOperand(*left, level)) {
    binding = std::min(binding, BindingPrecedence(*left));
  }
  return binding;
}

std::string Printer::PrintLeftOperand(const Node& node, int level) {
  if (IsBareLeftOperand(node, level)) return Visit(node);
  return PrintOperand(node, level);
}

std::string Printer::Parenthesize(const Node& /*node*/, std::string text) {
  return "(" + text + ")";
}

std::string Printer::PrintList(const NodeList& nodes, int min_precedence) {
  std::string text;
  for (const NodePtr& node : nodes) {
    if (!text.empty()) text += ", ";
    text += PrintListItem(*node, min_precedence, &node != &nodes.front());
  }
  return text;
}

std::string Printer::PrintListItem(const Node& node, int min_precedence, bool after_comma) {
  // In `a, x -> …` the lambda would take a as a first argument: write (x) -> ….
  const auto* lambda = As<Lambda>(&node);
  if (lambda && after_comma && min_precedence <= precedence::kGreedy) {
    return LambdaText(*lambda, true);
  }
  return PrintOperand(node, min_precedence);
}

std::string Printer::PrintNameList(const std::vector<std::string>& names) const {
  std::string text;
  for (const std::string& name : names) {
    if (!text.empty()) text += ", ";
    // IdentifierList joins dotted parts with '.', so "a.b" prints as a.b; an empty part can only
    // come from a quoted name.
    std::string dotted;
    size_t start = 0;
    bool empty_part = false;
    for (;;) {
      size_t dot = name.find('.', start);
      std::string_view part = std::string_view(name).substr(start, dot - start);
      empty_part = empty_part || part.empty();
      dotted += (start ? "." : "") + QuoteIdentifier(part);
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    text += empty_part ? QuoteIdentifier(name) : dotted;
  }
  return text;
}

std::string Printer::PrintSubquery(const Node& query) {
  return IsQuery(query) ? "(" + Visit(query) + ")" : Visit(query);
}

std::string Printer::PrintArguments(const NodeList& args) {
  std::string text;
  for (const NodePtr& arg : args) {
    if (!text.empty()) text += ", ";
    // A leading DISTINCT or ORDER would be read as the call's own keyword.
    text += GuardLeadingWord(PrintListItem(*arg, precedence::kGreedy, &arg != &args.front()),
                             {"distinct", "order"});
  }
  return text;
}

std::string Printer::PrintCallArguments(const Call& call) {
  std::string text = "(";
  if (call.distinct) text += call.args.empty() ? "DISTINCT" : "DISTINCT ";
  text += PrintArguments(call.args);
  if (call.order_by) {
    if (!call.args.empty() || call.distinct) text += " ";
    text += "ORDER BY " + PrintOrderBy(*call.order_by);
  }
  return text + ")";
}

std::string Printer::PrintCall(const Call& call) {
  std::string text = FunctionName(call.name);
  if (call.form == Call::Form::kWithinGroup) {
    text += "(" + (call.params ? PrintArguments(*call.params) : std::string()) + ")";
    return text + " WITHIN GROUP (ORDER BY " +
           (call.within_group ? PrintOrderBy(*call.within_group) : std::string()) + ")";
  }
  if (call.params) text += "(" + PrintArguments(*call.params) + ")";
  text += PrintCallArguments(call);
  if (call.filter_expr) {
    text += " FILTER (WHERE " + PrintOperand(*call.filter_expr, precedence::kGreedy) + ")";
  }
  return text;
}

std::string Printer::PrintWindowFunction(const WindowFunction& function) {
  std::string text = FunctionName(function.name) + "(" + PrintArguments(function.exprs) + ")";
  if (!function.args.empty()) text += "(" + PrintArguments(function.args) + ")";
  text += " OVER ";
  if (function.over_identifier) return text + QuoteIdentifier(*function.over_identifier);
  if (function.over_expr) return text + Visit(*function.over_expr);
  return text + "()";
}

std::string Printer::PrintExprCall(const ExprCall& call) {
  // f(x) would be a function call and g(x)(y) a parametric call: keep them as callees.
  const auto* field = As<Field>(call.expr.get());
  const auto* callee_call = As<Call>(call.expr.get());
  bool wrap = (field && field->chain.size() == 1 && field->chain[0] != "*") ||
              (callee_call && callee_call->form == Call::Form::kCall && !callee_call->params &&
               !callee_call->filter_expr);
  std::string callee =
      wrap ? "(" + Visit(*call.expr) + ")" : PrintPostfixOperand(*call.expr, Postfix::kCall);
  return callee + "(" + PrintList(call.args) + ")";
}

std::string Printer::PrintAlias(const Alias& alias) {
  return PrintOperand(*alias.expr, precedence::kAlias) + " AS " + QuoteAlias(alias.alias);
}

std::string Printer::PrintArithmeticOperation(const ArithmeticOperation& op) {
  if (IsUnaryMinus(op)) {
    std::string operand = PrintOperand(*op.right, precedence::kUnary);
    // "-1" would be a negative literal and "--" a comment.
    char first = operand.empty() ? ' ' : operand[0];
    bool numeric = std::isdigit(static_cast<unsigned char>(first)) || first == '.' ||
                   first == '-' || first == '+' || StartsWithWord(operand, "inf") ||
                   StartsWithWord(operand, "infinity") || StartsWithWord(operand, "nan");
    return numeric ? "-(" + operand + ")" : "-" + operand;
  }
  int level = Precedence(op);
  return PrintLeftOperand(*op.left, level) + " " + op.op + " " + PrintOperand(*op.right, level + 1);
}

std::string Printer::PrintCompareOperation(const CompareOperation& op) {
  if (IsNullChain(op)) {
    return PrintLeftOperand(*op.left, precedence::kIsNull + 1) +
           (op.op == "==" ? " IS NULL" : " IS NOT NULL");
  }
  std::string right = PrintOperand(*op.right, precedence::kComparison + 1);
  if (op.op.ends_with("in")) right = GuardLeadingWord(std::move(right), {"cohort"});
  return PrintLeftOperand(*op.left, precedence::kComparison) + " " +
         std::string(ComparisonText(op.op)) + " " + right;
}

std::string Printer::PrintIsDistinctFrom(const IsDistinctFrom& op) {
  return PrintLeftOperand(*op.left, precedence::kDistinctFrom) +
         (op.negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") +
         PrintOperand(*op.right, precedence::kDistinctFrom + 1);
}

std::string Printer::PrintBetweenExpr(const BetweenExpr& between) {
  return PrintLeftOperand(*between.expr, precedence::kBetween) +
         (between.negated ? " NOT BETWEEN " : " BETWEEN ") +
         PrintOperand(*between.low, precedence::kBetween + 1) + " AND " +
         PrintOperand(*between.high, precedence::kNullish);
}

std::string Printer::PrintAnd(const And& node) {
  std::string text;
  for (const NodePtr& expr : node.exprs) {
    if (!text.empty()) text += " AND ";
    text += PrintOperand(*expr, precedence::kAnd + 1);
  }
  return text;
}

std::string Printer::PrintOr(const Or& node) {
  std::string text;
  for (const NodePtr& expr : node.exprs) {
    if (!text.empty()) text += " OR ";
    text += PrintOperand(*expr, precedence::kOr + 1);
  }
  return text;
}

std::string Printer::PrintNot(const Not& node) {
  const Node& operand = *node.expr;
  // NOT ( would be a call to a function named not: a lambda or named argument, which take the
  // rest of the expression anyway, follow NOT bare.
  if (const auto* lambda = As<Lambda>(&operand); lambda && lambda->args.size() > 1) {
    std::string args;
    for (const std::string& arg : lambda->args) {
      args += (args.empty() ? "" : ", ") + QuoteIdentifier(arg);
    }
    return "NOT lambda " + args + ": " + PrintOperand(*lambda->expr, precedence::kGreedy);
  }
  if (Precedence(operand) == precedence::kGreedy) return "NOT " + Visit(operand);
  return "NOT " + PrintOperand(operand, precedence::kNot);
}

std::string Printer::PrintConstant(const Constant& constant) {
  if (std::holds_alternative<std::monostate>(constant.value)) return "NULL";
  if (const auto* flag = std::get_if<bool>(&constant.value)) return *flag ? "true" : "false";
  if (const auto* text = std::get_if<std::string>(&constant.value)) return QuoteString(*text);
  return FormatNumber(constant.value);
}

std::string Printer::PrintField(const Field& field) {
  std::string text;
  for (size_t part_idx = 0; part_idx < field.chain.size(); ++part_idx) {
    const std::string& part = field.chain[part_idx];
    if (part_idx > 0) text += ".";
    bool last = part_idx + 1 == field.chain.size();
    text += part == "*" && last ? "*" : QuoteIdentifier(part);
  }
  return text;
}

std::string Printer::PrintPlaceholder(const Placeholder& placeholder) {
  return "{" + PrintOperand(*placeholder.expr, precedence::kGreedy) + "}";
}

std::string Printer::PrintArrayAccess(const ArrayAccess& access) {
  const auto* constant = As<Constant>(access.property.get());
  const auto* name = constant ? std::get_if<std::string>(&constant->value) : nullptr;
  // .name when it reads back as the same property: a bare identifier, not after a field (a.b is
  // a longer field) or true (true.b too), and not e1, which after digits makes a float (1.e1).
  bool dotted = name && QuoteIdentifier(*name) == *name && !IsBoolConstant(*access.array) &&
                (access.nullish || access.array->kind != NodeKind::kField) &&
                !(name->size() > 1 && (name->at(0) == 'e' || name->at(0) == 'E') &&
                  std::isdigit(static_cast<unsigned char>(name->at(1))));
  std::string array = PrintPostfixOperand(*access.array, Postfix::kAccess);
  if (dotted) return array + (access.nullish ? "?." : ".") + *name;
  return array + (access.nullish ? "?.[" : "[") +
         PrintOperand(*access.property, precedence::kGreedy) + "]";
}

std::string Printer::PrintArraySlice(const ArraySlice& slice) {
  std::string text = PrintPostfixOperand(*slice.array, Postfix::kAccess) + "[";
  if (slice.start_expr) text += PrintOperand(*slice.start_expr, precedence::kTernary);
  text += ":";
  if (slice.end_expr) text += PrintOperand(*slice.end_expr, precedence::kTernary);
  return text + "]";
}

std::string Printer::PrintTupleAccess(const TupleAccess& access) {
  Postfix postfix = access.nullish ? Postfix::kAccess : Postfix::kTupleDot;
  return PrintPostfixOperand(*access.tuple, postfix) + (access.nullish ? "?." : ".") +
         std::to_string(access.index);
}

std::string Printer::PrintArray(const Array& array) { return "[" + PrintList(array.exprs) + "]"; }

std::string Printer::PrintTuple(const Tuple& tuple) {
  return "(" + PrintList(tuple.exprs) + (tuple.exprs.size() == 1 ? ",)" : ")");
}

std::string Printer::PrintDict(const Dict& dict) {
  std::string text;
  for (const auto& [key, value] : dict.items) {
    if (!text.empty()) text += ", ";
    text +=
        PrintOperand(*key, precedence::kTernary) + ": " + PrintOperand(*value, precedence::kGreedy);
  }
  return "{" + text + "}";
}

std::string Printer::PrintLambda(const Lambda& lambda) { return LambdaText(lambda, false); }

std::string Printer::LambdaText(const Lambda& lambda, bool parenthesize_args) {
  std::string args;
  for (const std::string& arg : lambda.args) {
    if (!args.empty()) args += ", ";
    args += QuoteIdentifier(arg);
  }
  if (lambda.args.size() != 1 || parenthesize_args) args = "(" + args + ")";
  return args + " -> " + PrintOperand(*lambda.expr, precedence::kGreedy);
}

std::string Printer::PrintTypeCast(const TypeCast& cast) {
  return "CAST(" + PrintOperand(*cast.expr, precedence::kTernary) + " AS " +
         FormatTypeName(cast.type_name) + ")";
}

std::string Printer::PrintTryCast(const TryCast& cast) {
  return "TRY_CAST(" + PrintOperand(*cast.expr, precedence::kTernary) + " AS " +
         FormatTypeName(cast.type_name) + ")";
}

std::string Printer::PrintColumnsExpr(const ColumnsExpr& columns) {
  if (columns.regex) return "COLUMNS(" + QuoteString(*columns.regex) + ")";
  if (columns.columns) {
    // COLUMNS('…') alone is the regex form.
    const NodeList& list = *columns.columns;
    bool lone_string = list.size() == 1 && As<Constant>(list[0].get()) &&
                       std::holds_alternative<std::string>(As<Constant>(list[0].get())->value);
    if (lone_string) return "COLUMNS((" + Visit(*list[0]) + "))";
    return "COLUMNS(" + PrintList(list) + ")";
  }
  std::string text = "*";
  if (columns.exclude) text += " EXCLUDE (" + PrintNameList(*columns.exclude) + ")";
  if (!columns.replace) return text;
  text += " REPLACE (";
  bool first = true;
  for (const auto& [name, expr] : *columns.replace) {
    if (!first) text += ", ";
    first = false;
    text += PrintOperand(*expr, precedence::kTernary) + " AS " + QuoteIdentifier(name);
  }
  return "COLUMNS(" + text + "))";
}

std::string Printer::PrintSpreadExpr(const SpreadExpr& spread) { return "*" + Visit(*spread.expr); }

std::string Printer::PrintPositionalRef(const PositionalRef& ref) {
  return "#" + std::to_string(ref.index);
}

std::string Printer::PrintNamedArgument(const NamedArgument& argument) {
  return QuoteIdentifier(argument.name) +
         " := " + PrintOperand(*argument.value, precedence::kGreedy);
}

}  // namespace larder::hogql
