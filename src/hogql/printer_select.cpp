// Printer: queries and their clauses — SELECT, set operations, WITH, FROM and joins, GROUP BY,
// WINDOW, ORDER BY, LIMIT. The expression nodes are in printer.cpp.
#include <algorithm>
#include <sstream>

#include "hogql/printer.h"

namespace larder::hogql {
namespace {

bool HasOwnTail(const SelectQuery& query) {
  return query.order_by || query.limit || query.offset || query.limit_by;
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream stream{std::string(text)};
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

bool IsStrictness(std::string_view word) {
  return word == "ALL" || word == "ANY" || word == "ASOF" || word == "SEMI" || word == "ANTI";
}

}  // namespace

std::string Printer::PrintSelectQuery(const SelectQuery& query) {
  return PrintWith(query) + PrintSelectClauses(query);
}

std::string Printer::PrintWith(const SelectQuery& query) {
  if (!query.ctes || query.ctes->empty()) return std::string();
  // RECURSIVE belongs to the whole WITH clause; the parser gives it to each CTE.
  std::string text = query.ctes->front()->recursive ? "WITH RECURSIVE " : "WITH ";
  for (size_t cte_idx = 0; cte_idx < query.ctes->size(); ++cte_idx) {
    if (cte_idx > 0) text += ", ";
    text += PrintCte(*(*query.ctes)[cte_idx]);
  }
  return text + " ";
}

std::string Printer::PrintSelectClauses(const SelectQuery& query) {
  std::string text = query.distinct ? "SELECT DISTINCT " : "SELECT ";
  for (size_t column_idx = 0; column_idx < query.select.size(); ++column_idx) {
    if (column_idx > 0) text += ", ";
    // SELECT distinct … would be the DISTINCT keyword, and `, from` a trailing comma.
    text += GuardLeadingWord(
        PrintListItem(*query.select[column_idx], precedence::kGreedy, column_idx > 0),
        {"distinct", "from"});
  }
  if (query.select_from) text += " FROM " + PrintJoinExpr(*query.select_from);
  if (query.array_join_op) {
    text += " " + *query.array_join_op + " " +
            (query.array_join_list ? PrintList(*query.array_join_list) : std::string());
  }
  if (query.prewhere) text += " PREWHERE " + PrintOperand(*query.prewhere, precedence::kGreedy);
  if (query.where) text += " WHERE " + PrintOperand(*query.where, precedence::kGreedy);
  text += PrintGroupBy(query);
  if (query.having) text += " HAVING " + PrintOperand(*query.having, precedence::kGreedy);
  if (query.qualify) text += " QUALIFY " + PrintOperand(*query.qualify, precedence::kGreedy);
  if (query.window_exprs) {
    std::string windows;
    for (const auto& [name, window] : *query.window_exprs) {
      if (!windows.empty()) windows += ", ";
      windows += QuoteIdentifier(name) + " AS " + Visit(*window);
    }
    text += " WINDOW " + windows;
  }
  if (query.order_by) text += " ORDER BY " + PrintOrderBy(*query.order_by);
  if (query.interpolate) {
    text += " INTERPOLATE";
    if (!query.interpolate->empty()) text += " (" + PrintList(*query.interpolate) + ")";
  }
  if (query.limit_by) text += " " + Visit(*query.limit_by);
  return text + PrintLimitAndOffset(query.limit, query.offset, query.limit_with_ties);
}

std::string Printer::PrintGroupBy(const SelectQuery& query) {
  if (query.group_by_mode == "all") return " GROUP BY ALL";
  if (!query.group_by) return std::string();
  if (query.group_by_mode == "rollup" || query.group_by_mode == "cube") {
    std::string mode = query.group_by_mode == "rollup" ? "ROLLUP" : "CUBE";
    return " GROUP BY " + mode + "(" + PrintList(*query.group_by) + ")";
  }
  if (query.group_by_mode == "grouping_sets") {
    return " GROUP BY GROUPING SETS (" + PrintList(*query.group_by) + ")";
  }
  std::string text;
  for (const NodePtr& expr : *query.group_by) {
    std::string item = PrintListItem(*expr, precedence::kGreedy, !text.empty());
    if (text.empty()) {
      // GROUP BY all / rollup(…) / cube(…) would choose a grouping mode.
      text = GuardLeadingWord(std::move(item), {"all", "rollup", "cube"});
      continue;
    }
    // After a comma these words end the list (the comma reads as a trailing one).
    text +=
        ", " + GuardLeadingWord(std::move(item), {"having", "qualify", "window", "order", "limit",
                                                  "offset", "settings", "union", "with"});
  }
  return " GROUP BY " + text;
}

std::string Printer::PrintSelectSetQuery(const SelectSetQuery& set) {
  return PrintSelectSet(set, SetStart::kPlain);
}

std::string Printer::PrintLeadingSelect(const Node& query) {
  const auto* set = As<SelectSetQuery>(&query);
  return set ? PrintSelectSet(*set, SetStart::kLeadingSelect) : Visit(query);
}

std::string Printer::PrintSelectSet(const SelectSetQuery& set, SetStart start) {
  bool has_clauses = set.order_by || set.limit || set.offset || set.limit_with_ties;
  const auto& subsequent = set.subsequent_select_queries;
  std::string text = PrintFirstSetMember(*set.initial_select_query, start, subsequent.empty(),
                                         !subsequent.empty() && has_clauses);
  for (size_t query_idx = 0; query_idx < subsequent.size(); ++query_idx) {
    bool last = query_idx + 1 == subsequent.size();
    text += " " + subsequent[query_idx].set_operator + " " +
            PrintSetMember(*subsequent[query_idx].select_query, last, has_clauses);
  }
  if (set.order_by) text += " ORDER BY " + PrintOrderBy(*set.order_by);
  return text + PrintLimitAndOffset(set.limit, set.offset, set.limit_with_ties);
}

std::string Printer::PrintFirstSetMember(const Node& member, SetStart start, bool alone,
                                         bool set_has_clauses) {
  const auto* query = As<SelectQuery>(&member);
  const auto* inner = As<SelectSetQuery>(&member);
  if (start == SetStart::kLeadingSelect && query) return Visit(member);
  // WITH x AS (…) (SELECT … UNION ALL …) gives the CTEs to the first query of the inner set.
  const auto* inner_first = inner ? As<SelectQuery>(inner->initial_select_query.get()) : nullptr;
  if (start == SetStart::kLeadingSelect && inner_first && inner_first->ctes) {
    return PrintWith(*inner_first) + "(" + PrintSelectSet(*inner, SetStart::kOmitCtes) + ")";
  }
  bool omit_ctes = start == SetStart::kOmitCtes && query;
  // A query with its own ORDER BY / LIMIT, limited again from outside: (SELECT … LIMIT 2)
  // LIMIT 3.
  if (alone || !PrintsBareInSet(member, false, set_has_clauses)) {
    return "(" + (omit_ctes ? PrintSelectClauses(*query) : Visit(member)) + ")";
  }
  return omit_ctes ? PrintSelectClauses(*query) : Visit(member);
}

std::string Printer::PrintSetMember(const Node& member, bool last, bool set_has_clauses) {
  if (PrintsBareInSet(member, last, set_has_clauses)) return Visit(member);
  return "(" + Visit(member) + ")";
}

bool Printer::PrintsBareInSet(const Node& member, bool last, bool set_has_clauses) {
  if (member.kind == NodeKind::kSelectSetQuery) return false;
  const auto* query = As<SelectQuery>(&member);
  // A member's own ORDER BY / LIMIT go inside its parentheses (they read the same without for
  // all but the last member, which then takes the set's).
  return !query || !(HasOwnTail(*query) || (last && set_has_clauses));
}

std::string Printer::PrintCte(const CTE& cte) {
  if (cte.cte_type == "column") {
    std::string expr = PrintOperand(*cte.expr, precedence::kTernary);
    // WITH recursive … would be the keyword; after a comma, SELECT ends the WITH clause.
    return GuardLeadingWord(std::move(expr), {"recursive", "select"}) + " AS " +
           QuoteIdentifier(cte.name);
  }
  std::string text = QuoteCteName(cte.name);
  if (cte.columns) text += "(" + PrintNameList(*cte.columns) + ")";
  if (cte.using_key) text += " USING KEY (" + PrintNameList(*cte.using_key) + ")";
  text += " AS ";
  if (cte.materialized) text += *cte.materialized ? "MATERIALIZED " : "NOT MATERIALIZED ";
  return text + "(" + Visit(*cte.expr) + ")";
}

std::string Printer::PrintJoinExpr(const JoinExpr& join) {
  std::string text = PrintJoinTable(join);
  for (const JoinExpr* next = join.next_join.get(); next; next = next->next_join.get()) {
    text += " " + PrintJoinOperator(next->join_type.value_or("CROSS JOIN")) + " " +
            PrintJoinTable(*next);
    if (next->constraint) text += " " + Visit(*next->constraint);
  }
  return text;
}

std::string Printer::PrintJoinTable(const JoinExpr& join) {
  std::string text;
  const auto* field = As<Field>(join.table.get());
  if (field && join.table_args && field->chain.size() == 1) {
    text = FunctionName(field->chain[0]) + "(" + PrintList(*join.table_args) + ")";
  } else if (field) {
    for (const std::string& part : field->chain) {
      text += (text.empty() ? "" : ".") + QuoteIdentifier(part);
    }
  } else if (join.table) {
    text = PrintSubquery(*join.table);
  }
  if (join.alias) text += " AS " + QuoteAlias(*join.alias);
  if (join.column_aliases) text += "(" + PrintNameList(*join.column_aliases) + ")";
  if (join.table_final) text += " FINAL";
  if (join.sample) text += " " + Visit(*join.sample);
  return text;
}

std::string Printer::PrintJoinOperator(std::string_view join_type) const {
  // The parser names a join by its words in a fixed order ("LEFT SEMI ASOF JOIN"), and not every
  // order reads back: two strictness words must come first (ASOF SEMI LEFT JOIN).
  std::vector<std::string> words = Words(join_type);
  size_t strictness = std::count_if(words.begin(), words.end(), IsStrictness);
  if (strictness < 2) return std::string(join_type);
  std::vector<std::string> ordered;
  for (const std::string& word : words) {
    if (word == "GLOBAL") ordered.push_back(word);
  }
  if (std::find(words.begin(), words.end(), "ASOF") != words.end()) ordered.push_back("ASOF");
  for (const std::string& word : words) {
    if (IsStrictness(word) && word != "ASOF") ordered.push_back(word);
  }
  for (const std::string& word : words) {
    if (!IsStrictness(word) && word != "GLOBAL") ordered.push_back(word);
  }
  std::string text;
  for (const std::string& word : ordered) text += (text.empty() ? "" : " ") + word;
  return text;
}

std::string Printer::PrintJoinConstraint(const JoinConstraint& constraint) {
  if (constraint.constraint_type != "USING") {
    return "ON " + PrintOperand(*constraint.expr, precedence::kGreedy);
  }
  // USING a, b makes a tuple of the columns; one column stays itself.
  const auto* tuple = As<Tuple>(constraint.expr.get());
  if (tuple && tuple->exprs.size() > 1) return "USING (" + PrintList(tuple->exprs) + ")";
  return "USING (" + PrintOperand(*constraint.expr, precedence::kGreedy) + ")";
}

std::string Printer::PrintSampleExpr(const SampleExpr& sample) {
  std::string text = "SAMPLE " + Visit(*sample.sample_value);
  if (sample.offset_value) text += " OFFSET " + Visit(*sample.offset_value);
  return text;
}

std::string Printer::PrintRatioExpr(const RatioExpr& ratio) {
  std::string text = Visit(*ratio.left);
  if (ratio.right) text += "/" + Visit(*ratio.right);
  return text;
}

std::string Printer::PrintOrderBy(const NodeList& order_by) {
  std::string text;
  for (const NodePtr& order : order_by) {
    if (!text.empty()) text += ", ";
    text += Visit(*order);
  }
  return text;
}

std::string Printer::PrintOrderExpr(const OrderExpr& order) {
  std::string text = PrintOperand(*order.expr, precedence::kGreedy) + " " + order.order;
  if (order.with_fill) text += " " + Visit(*order.with_fill);
  return text;
}

std::string Printer::PrintWithFillExpr(const WithFillExpr& fill) {
  std::string text = "WITH FILL";
  if (fill.from_value) text += " FROM " + PrintOperand(*fill.from_value, precedence::kGreedy);
  if (fill.to_value) text += " TO " + PrintOperand(*fill.to_value, precedence::kGreedy);
  if (fill.step_value) text += " STEP " + PrintOperand(*fill.step_value, precedence::kGreedy);
  return text;
}

std::string Printer::PrintInterpolateExpr(const InterpolateExpr& interpolate) {
  return PrintOperand(*interpolate.expr, precedence::kTernary) + " AS " +
         PrintOperand(*interpolate.value, precedence::kGreedy);
}

std::string Printer::PrintLimitByExpr(const LimitByExpr& limit_by) {
  std::string text = "LIMIT " + PrintOperand(*limit_by.n, precedence::kGreedy);
  if (limit_by.offset_value) {
    text += " OFFSET " + PrintOperand(*limit_by.offset_value, precedence::kGreedy);
  }
  return text + " BY " + PrintList(limit_by.exprs);
}

std::string Printer::PrintLimitAndOffset(const NodePtr& limit, const NodePtr& offset,
                                         bool with_ties) {
  std::string text;
  if (limit) text += " LIMIT " + PrintOperand(*limit, precedence::kGreedy);
  if (with_ties) text += " WITH TIES";
  if (offset) text += " OFFSET " + PrintOperand(*offset, precedence::kGreedy);
  return text;
}

std::string Printer::PrintGroupingSet(const GroupingSet& set) {
  return "(" + PrintList(set.exprs) + ")";
}

std::string Printer::PrintWindowExpr(const WindowExpr& window) {
  std::vector<std::string> parts;
  if (window.partition_by) parts.push_back("PARTITION BY " + PrintList(*window.partition_by));
  if (window.order_by) parts.push_back("ORDER BY " + PrintOrderBy(*window.order_by));
  if (window.frame_method && window.frame_start) {
    std::string frame = *window.frame_method + " ";
    if (window.frame_end) {
      frame += "BETWEEN " + Visit(*window.frame_start) + " AND " + Visit(*window.frame_end);
    } else {
      frame += Visit(*window.frame_start);
    }
    parts.push_back(std::move(frame));
  }
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : " ") + part;
  return "(" + text + ")";
}

std::string Printer::PrintWindowFrameExpr(const WindowFrameExpr& frame) {
  if (frame.frame_type == "CURRENT ROW") return "CURRENT ROW";
  if (!frame.frame_value) return "UNBOUNDED " + frame.frame_type;
  // unbounded PRECEDING would be UNBOUNDED PRECEDING; after BETWEEN, PostHog's parser misreads an
  // operator word (ROWS BETWEEN and PRECEDING …), so those go in parentheses too.
  std::string value = PrintOperand(*frame.frame_value, precedence::kNot);
  return GuardLeadingWord(std::move(value),
                          {"unbounded", "and", "or", "as", "between", "in", "like", "ilike"}) +
         " " + frame.frame_type;
}

}  // namespace larder::hogql
