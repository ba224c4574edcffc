#include "planner/binder.h"

#include <algorithm>
#include <regex>
#include <set>

#include "hogql/parser.h"
#include "planner/binder_impl.h"

namespace larder::planner {

using hogql::As;

std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates) {
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diagonal = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        size_t above = row[j];
        bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                    std::tolower(static_cast<unsigned char>(b[j - 1]));
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
        diagonal = above;
      }
    }
    return row[b.size()];
  };
  std::string best;
  size_t best_distance = std::max<size_t>(1, (name.size() + 1) / 3) + 1;
  for (const std::string& candidate : candidates) {
    size_t d = distance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

BindResult BindQuery(const hogql::Node& query, std::string_view text, const TableProvider& tables,
                     const functions::FunctionRegistry& functions,
                     const QueryParameters& parameters) {
  Binder binder(text, tables, functions, parameters);
  Result<LogicalPtr> plan = binder.BindQueryNode(query);
  if (!plan.ok()) return BindResult{nullptr, binder.TakeError()};
  return BindResult{std::move(*plan), std::nullopt};
}

hogql::SyntaxError Binder::TakeError() {
  if (error_) return std::move(*error_);
  return hogql::SyntaxError{hogql::SyntaxError::Kind::kQuery, "the query could not be bound", 0,
                            static_cast<uint32_t>(text_.size())};
}

Status Binder::Error(uint32_t start, uint32_t end, std::string message) {
  if (!error_) error_ = hogql::SyntaxError{hogql::SyntaxError::Kind::kQuery, message, start, end};
  return InvalidArgument("{}", message);
}

Status Binder::Error(const hogql::Node& node, std::string message) {
  return Error(node.start, node.end, std::move(message));
}

Status Binder::NotSupported(const hogql::Node& node, std::string_view what) {
  if (!error_) {
    error_ = hogql::SyntaxError{hogql::SyntaxError::Kind::kNotImplemented,
                                fmt::format("{} is not supported yet", what), node.start, node.end};
  }
  return Status(StatusCode::kNotImplemented, std::string(what));
}

std::string Binder::TextOf(const hogql::Node& node) const {
  if (node.end <= node.start || node.end > text_.size()) return "?";
  return std::string(text_.substr(node.start, node.end - node.start));
}

Result<LogicalPtr> Binder::BindQueryNode(const hogql::Node& query) {
  if (++depth_ > 64) return Error(query, "subqueries nest more than 64 levels deep");
  Result<LogicalPtr> plan = [&]() -> Result<LogicalPtr> {
    if (const auto* select = As<hogql::SelectQuery>(&query)) return BindSelect(*select);
    if (const auto* set = As<hogql::SelectSetQuery>(&query)) return BindSetQuery(*set);
    return Error(query, "expected a SELECT query");
  }();
  --depth_;
  return plan;
}

BoundExprPtr Binder::Positional(const hogql::Node& node, const std::vector<BoundExprPtr>& select) {
  const auto* constant = As<hogql::Constant>(&node);
  if (!constant) return nullptr;
  const int64_t* position = std::get_if<int64_t>(&constant->value);
  if (!position || *position < 1 || static_cast<size_t>(*position) > select.size()) return nullptr;
  return select[*position - 1]->Clone();
}

Result<std::optional<int64_t>> Binder::ConstantCount(const hogql::Node* node,
                                                     std::string_view clause) {
  if (!node) return std::optional<int64_t>();
  const auto* constant = As<hogql::Constant>(node);
  const int64_t* value = constant ? std::get_if<int64_t>(&constant->value) : nullptr;
  int64_t parameter = 0;
  if (const auto* placeholder = As<hogql::Placeholder>(node)) {  // LIMIT {n}: its value.
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr bound, BindPlaceholder(*placeholder));
    if (bound->type.id() == TypeId::kInt64 && !bound->value.is_null()) {
      parameter = bound->value.as_int64();
      value = &parameter;
    }
  }
  if (!value || *value < 0) {
    return Error(*node, fmt::format("{} needs a whole number of rows of at least 0, not {}", clause,
                                    TextOf(*node)));
  }
  return std::optional<int64_t>(*value);
}

Result<LogicalPtr> Binder::BindView(const std::string& name, const std::string& definition,
                                    const hogql::Node& reference) {
  if (std::find(views_.begin(), views_.end(), name) != views_.end()) {
    return Error(reference, fmt::format("view `{}` refers to itself", name));
  }
  hogql::ParseResult parsed = hogql::ParseSelect(definition);
  if (parsed.error) {
    return Error(reference,
                 fmt::format("view `{}` does not parse: {}", name, parsed.error->message));
  }
  views_.push_back(name);
  Binder inner(definition, tables_, functions_, parameters_);
  inner.views_ = views_;
  Result<LogicalPtr> plan = inner.BindQueryNode(*parsed.node);
  views_.pop_back();
  if (!plan.ok()) {
    hogql::SyntaxError error = inner.TakeError();
    return Error(reference, fmt::format("view `{}`: {}", name, error.message));
  }
  return plan;
}

Result<LogicalPtr> Binder::BindTable(const hogql::JoinExpr& join, Scope* scope) {
  LogicalPtr plan;
  std::string name;
  if (join.table_args) {
    LARDER_ASSIGN_OR_RETURN(plan, BindTableFunction(join));
    name = As<hogql::Field>(join.table.get())->chain.back();
  } else if (const auto* field = As<hogql::Field>(join.table.get())) {
    name = field->chain.back();
    std::string full;
    for (const std::string& part : field->chain) full += (full.empty() ? "" : ".") + part;
    const hogql::CTE* cte = nullptr;
    for (auto it = ctes_.rbegin(); it != ctes_.rend() && !cte; ++it) {
      auto found = it->find(full);
      if (found != it->end()) cte = found->second;
    }
    std::optional<std::string> view = cte ? std::nullopt : tables_.ViewDefinition(full);
    if (cte) {
      LARDER_ASSIGN_OR_RETURN(plan, BindQueryNode(*cte->expr));
    } else if (view) {
      LARDER_ASSIGN_OR_RETURN(plan, BindView(full, *view, *join.table));
    } else {
      auto schema = tables_.FindTable(full);
      if (!schema.ok()) {
        std::string suggestion = DidYouMean(full, tables_.TableNames());
        return Error(
            *join.table,
            fmt::format("Unknown table `{}`.{}", full,
                        suggestion.empty() ? "" : fmt::format(" Did you mean `{}`?", suggestion)));
      }
      plan = std::make_unique<LogicalOperator>(LogicalOperator::Kind::kScan);
      plan->table = full;
      plan->output = *schema;
      plan->estimated_rows = tables_.RowCount(full);
    }
  } else if (join.table && (As<hogql::SelectQuery>(join.table.get()) ||
                            As<hogql::SelectSetQuery>(join.table.get()))) {
    LARDER_ASSIGN_OR_RETURN(plan, BindQueryNode(*join.table));
    name = "";
  } else {
    return NotSupported(*join.table, "this kind of table expression");
  }
  if (join.sample) {
    LARDER_ASSIGN_OR_RETURN(plan, ApplySample(join, std::move(plan)));
  }
  if (join.alias) name = *join.alias;
  for (const ScopeTable& table : scope->tables) {
    if (!name.empty() && table.name == name) {
      return Error(join,
                   fmt::format("`{}` appears twice in FROM; give one of them an alias", name));
    }
  }
  std::string table_name = plan->kind == LogicalOperator::Kind::kScan ? plan->table : name;
  ScopeTable table{name, table_name, plan->output.fields, scope->width};
  FindPersonFields(*plan, &table);
  scope->tables.push_back(std::move(table));
  scope->width += plan->output.fields.size();
  return plan;
}

Result<LogicalPtr> Binder::BindTableFunction(const hogql::JoinExpr& join) {
  const auto* field = As<hogql::Field>(join.table.get());
  const std::string function = field ? field->chain.back() : "";
  if (function != "numbers") {
    return NotSupported(join, fmt::format("the table function {}", function));
  }
  // numbers(n) and numbers(start, n): the column `number` from start (default 0), n rows.
  const hogql::NodeList& args = *join.table_args;
  if (args.empty() || args.size() > 2) {
    return Error(join, "numbers takes (count) or (start, count)");
  }
  Scope none;
  ExprContext context{&none, nullptr, nullptr, "numbers", false};
  std::vector<BoundExprPtr> bounds;
  for (const hogql::NodePtr& arg : args) {
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr bound, BindExpr(*arg, context));
    bounds.push_back(std::move(bound));
  }
  if (bounds.size() == 2) {
    std::vector<BoundExprPtr> end;
    end.push_back(bounds[0]->Clone());
    end.push_back(std::move(bounds[1]));
    LARDER_ASSIGN_OR_RETURN(bounds[1], CallFunction("plus", std::move(end), join));
  }
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr range, CallFunction("range", std::move(bounds), join));
  auto plan = MakeOperator(LogicalOperator::Kind::kValues);
  auto numbers = MakeOperator(LogicalOperator::Kind::kArrayJoin, std::move(plan));
  numbers->output.fields.push_back({"number", range->type.element()});
  numbers->exprs.push_back(std::move(range));
  return numbers;
}

Result<LogicalPtr> Binder::BindFrom(const hogql::JoinExpr& first, Scope* scope) {
  LARDER_ASSIGN_OR_RETURN(LogicalPtr plan, BindTable(first, scope));
  for (const hogql::JoinExpr* join = first.next_join.get(); join; join = join->next_join.get()) {
    LARDER_ASSIGN_OR_RETURN(LogicalPtr right, BindTable(*join, scope));
    auto node = std::make_unique<LogicalOperator>(LogicalOperator::Kind::kJoin);
    node->join_type = join->join_type.value_or("JOIN");
    if (join->constraint) {
      const auto* constraint = As<hogql::JoinConstraint>(join->constraint.get());
      if (constraint->constraint_type == "USING") {
        LARDER_ASSIGN_OR_RETURN(node->predicate, BindUsing(*constraint, node->join_type, scope));
      } else {
        ExprContext context{scope, nullptr, nullptr, "ON", false};
        LARDER_ASSIGN_OR_RETURN(node->predicate, BindExpr(*constraint->expr, context));
      }
      PlaceLazyJoinsOfOn(scope->tables.size() - 1, scope, &plan, &right, node->predicate.get());
    } else if (node->join_type != "CROSS JOIN") {
      return Error(*join, fmt::format("{} needs an ON condition", node->join_type));
    }
    node->output = plan->output;
    for (const Field& field : right->output.fields) node->output.fields.push_back(field);
    node->children.push_back(std::move(plan));
    node->children.push_back(std::move(right));
    plan = std::move(node);
    // RIGHT SEMI / RIGHT ANTI: the LEFT form with the sides swapped (columns keep their order).
    const std::string& type = plan->join_type;
    const bool semi = type.find("SEMI") != std::string::npos;
    if (type.find("RIGHT") != std::string::npos &&
        (semi || type.find("ANTI") != std::string::npos)) {
      plan = SwapJoinSides(std::move(plan), semi ? "LEFT SEMI JOIN" : "LEFT ANTI JOIN");
    }
  }
  return plan;
}

Result<BoundExprPtr> Binder::BindUsing(const hogql::JoinConstraint& constraint,
                                       const std::string& join_type, Scope* scope) {
  if (join_type.find("FULL") != std::string::npos) {
    return NotSupported(constraint, "FULL JOIN … USING");
  }
  std::vector<const hogql::Node*> items;
  if (const auto* tuple = As<hogql::Tuple>(constraint.expr.get())) {
    for (const hogql::NodePtr& item : tuple->exprs) items.push_back(item.get());
  } else {
    items.push_back(constraint.expr.get());
  }
  std::vector<ScopeTable>& tables = scope->tables;
  ScopeTable& right = tables.back();
  auto has_column = [](const ScopeTable& table, const std::string& name) {
    for (const Field& column : table.columns) {
      if (column.name == name) return !table.using_hidden.contains(name);
    }
    return false;
  };
  auto condition = std::make_unique<hogql::And>();
  std::vector<std::pair<ScopeTable*, std::string>> hide;
  for (const hogql::Node* item : items) {
    const auto* field = As<hogql::Field>(item);
    if (!field || field->chain.size() != 1) {
      return Error(*item, fmt::format("USING takes column names, not {}", TextOf(*item)));
    }
    const std::string& name = field->chain[0];
    ScopeTable* left = nullptr;
    for (size_t table_idx = 0; table_idx + 1 < tables.size(); ++table_idx) {
      if (!has_column(tables[table_idx], name)) continue;
      if (left) {
        return Error(*item, fmt::format("Column `{}` in USING is in both `{}` and `{}`", name,
                                        left->name, tables[table_idx].name));
      }
      left = &tables[table_idx];
    }
    if (!left || !has_column(right, name)) {
      return Error(*item, fmt::format("Column `{}` in USING must be in the tables on both sides "
                                      "of the JOIN",
                                      name));
    }
    if (left->name.empty() || right.name.empty()) {
      return Error(constraint, "a subquery joined USING (…) needs an alias");
    }
    auto compare = std::make_unique<hogql::CompareOperation>();
    compare->op = "==";
    auto left_field = std::make_unique<hogql::Field>();
    left_field->chain = {left->name, name};
    auto right_field = std::make_unique<hogql::Field>();
    right_field->chain = {right.name, name};
    for (hogql::Node* made :
         std::initializer_list<hogql::Node*>{compare.get(), left_field.get(), right_field.get()}) {
      made->start = item->start;
      made->end = item->end;
    }
    compare->left = std::move(left_field);
    compare->right = std::move(right_field);
    condition->exprs.push_back(std::move(compare));
    hide.emplace_back(join_type.find("RIGHT") != std::string::npos ? left : &right, name);
  }
  condition->start = constraint.start;
  condition->end = constraint.end;
  ExprContext context{scope, nullptr, nullptr, "USING", false};
  const hogql::Node& bound = condition->exprs.size() == 1 ? *condition->exprs[0] : *condition;
  Result<BoundExprPtr> predicate = BindExpr(bound, context);
  synthesized_.push_back(std::move(condition));
  for (auto& [table, name] : hide) table->using_hidden.insert(name);
  return predicate;
}

Status Binder::ExpandColumns(const hogql::ColumnsExpr& columns, const ExprContext& context,
                             std::vector<BoundExprPtr>* exprs, std::vector<std::string>* names) {
  if (columns.columns) {  // COLUMNS(a, b): the expressions themselves.
    for (const hogql::NodePtr& item : *columns.columns) {
      LARDER_ASSIGN_OR_RETURN(BoundExprPtr expr, BindExpr(*item, context));
      names->push_back(TextOf(*item));
      exprs->push_back(std::move(expr));
    }
    return Status::OK();
  }
  std::optional<std::regex> pattern;
  if (columns.regex) {
    try {
      pattern.emplace(*columns.regex);
    } catch (const std::regex_error& error) {
      return Error(columns, fmt::format("COLUMNS('{}') is not a valid regular expression: {}",
                                        *columns.regex, error.what()));
    }
  }
  const std::vector<std::string> none;
  const std::vector<std::string>& excluded = columns.exclude ? *columns.exclude : none;
  size_t matched = 0;
  for (const ScopeTable& table : context.scope->tables) {
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const std::string& name = table.columns[i].name;
      if (table.using_hidden.contains(name)) continue;
      if (pattern && !std::regex_search(name, *pattern)) continue;
      if (std::find(excluded.begin(), excluded.end(), name) != excluded.end()) continue;
      ++matched;
      names->push_back(name);
      if (columns.replace && columns.replace->contains(name)) {
        LARDER_ASSIGN_OR_RETURN(BoundExprPtr expr, BindExpr(*columns.replace->at(name), context));
        exprs->push_back(std::move(expr));
      } else {
        exprs->push_back(MakeColumn(table.offset + i, table.columns[i].type, name));
      }
    }
  }
  if (matched == 0) {
    return Error(columns, columns.regex
                              ? fmt::format("COLUMNS('{}') matches no column", *columns.regex)
                              : std::string("* EXCEPT leaves no column"));
  }
  return Status::OK();
}

Result<std::vector<BoundExprPtr>> Binder::BindSelectList(const hogql::SelectQuery& query,
                                                         const ExprContext& context,
                                                         std::vector<std::string>* names) {
  std::vector<BoundExprPtr> exprs;
  for (const hogql::NodePtr& item : query.select) {
    const auto* field = As<hogql::Field>(item.get());
    if (field && field->chain.back() == "*") {
      bool qualified = field->chain.size() > 1;
      bool matched = false;
      for (const ScopeTable& table : context.scope->tables) {
        if (qualified && table.name != field->chain[field->chain.size() - 2]) continue;
        matched = true;
        for (size_t i = 0; i < table.columns.size(); ++i) {
          if (!qualified && table.using_hidden.contains(table.columns[i].name)) continue;
          exprs.push_back(
              MakeColumn(table.offset + i, table.columns[i].type, table.columns[i].name));
          names->push_back(table.columns[i].name);
        }
      }
      if (!matched) return Error(*item, fmt::format("`{}` matches no table", TextOf(*item)));
      continue;
    }
    if (const auto* columns = As<hogql::ColumnsExpr>(item.get())) {
      LARDER_RETURN_IF_ERROR(ExpandColumns(*columns, context, &exprs, names));
      continue;
    }
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr expr, BindExpr(*item, context));
    if (const auto* alias = As<hogql::Alias>(item.get())) {
      names->push_back(alias->alias);
    } else if (field) {
      names->push_back(field->chain.back());
    } else {
      names->push_back(TextOf(*item));
    }
    exprs.push_back(std::move(expr));
  }
  return exprs;
}

Result<LogicalPtr> Binder::BindSelect(const hogql::SelectQuery& query) {
  const auto* limit_by = As<hogql::LimitByExpr>(query.limit_by.get());
  if (limit_by && query.distinct) return NotSupported(*limit_by, "LIMIT … BY with DISTINCT");
  if (query.limit_with_ties && !query.order_by) {
    return Error(query, "LIMIT … WITH TIES needs an ORDER BY to say which rows tie");
  }
  if (query.limit_with_ties && query.distinct) {
    return NotSupported(query, "LIMIT … WITH TIES with DISTINCT");
  }
  ctes_.emplace_back();
  std::map<std::string, const hogql::Node*> aliases;
  if (query.ctes) {
    for (const auto& cte : *query.ctes) {
      if (cte->cte_type == "subquery")
        ctes_.back()[cte->name] = cte.get();
      else
        aliases[cte->name] = cte->expr.get();
    }
  }
  std::set<std::string> select_aliases;
  for (const hogql::NodePtr& item : query.select) {
    const auto* alias = As<hogql::Alias>(item.get());
    if (!alias) continue;
    auto [it, added] = select_aliases.insert(alias->alias);
    if (!added && TextOf(*aliases[alias->alias]) != TextOf(*alias->expr)) {
      return Error(*item, fmt::format("Cannot redefine an alias: `{}` names two different "
                                      "expressions",
                                      alias->alias));
    }
    aliases[alias->alias] = alias->expr.get();
  }
  Scope scope;
  scopes_.push_back(&scope);
  struct PopScope {
    std::vector<const Scope*>* scopes;
    ~PopScope() { scopes->pop_back(); }
  } pop_scope{&scopes_};
  LogicalPtr plan;
  if (query.select_from) {
    LARDER_ASSIGN_OR_RETURN(plan, BindFrom(*query.select_from, &scope));
    if (query.array_join_op) LARDER_RETURN_IF_ERROR(BindArrayJoinClause(query, &scope));
  } else {
    plan = std::make_unique<LogicalOperator>(LogicalOperator::Kind::kValues);
  }
  ExprContext context{&scope, query.window_exprs ? &*query.window_exprs : nullptr, &aliases,
                      "WHERE", false};
  // PREWHERE is an optimisation hint in ClickHouse: here it filters with WHERE, before it.
  BoundExprPtr where;
  for (const hogql::Node* clause : {query.prewhere.get(), query.where.get()}) {
    if (!clause) continue;
    context.clause = clause == query.prewhere.get() ? "PREWHERE" : "WHERE";
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr condition, BindExpr(*clause, context));
    if (!where) {
      where = std::move(condition);
      continue;
    }
    std::vector<BoundExprPtr> both;
    both.push_back(std::move(where));
    both.push_back(std::move(condition));
    LARDER_ASSIGN_OR_RETURN(where, CallFunction("and", std::move(both), *clause));
  }
  context.allow_aggregates = true;
  context.clause = "SELECT";
  std::vector<std::string> names;
  LARDER_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> select, BindSelectList(query, context, &names));
  BoundExprPtr having;
  if (query.having) {
    context.clause = "HAVING";
    LARDER_ASSIGN_OR_RETURN(having, BindExpr(*query.having, context));
  }
  std::vector<LogicalOperator::SortKey> order;
  if (query.order_by) {
    context.clause = "ORDER BY";
    for (const hogql::NodePtr& item : *query.order_by) {
      const auto* order_expr = As<hogql::OrderExpr>(item.get());
      BoundExprPtr key = Positional(*order_expr->expr, select);
      if (!key) {
        LARDER_ASSIGN_OR_RETURN(key, BindExpr(*order_expr->expr, context));
      }
      order.push_back({std::move(key), order_expr->order == "DESC", order_expr->nulls_first});
    }
  }
  // LIMIT BY's expressions ride along with the ORDER BY keys through aggregation and windows,
  // which rewrite them over their outputs; they are taken back out below.
  const size_t order_keys = order.size();
  // QUALIFY filters on window functions' results: it rides along too, last.
  if (query.qualify) {
    context.clause = "QUALIFY";
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr qualify, BindExpr(*query.qualify, context));
    order.push_back({std::move(qualify), false});
  }
  const size_t qualify_keys = order.size();
  if (limit_by) {
    context.clause = "LIMIT BY";
    for (const hogql::NodePtr& item : limit_by->exprs) {
      BoundExprPtr key = Positional(*item, select);
      if (!key) {
        LARDER_ASSIGN_OR_RETURN(key, BindExpr(*item, context));
      }
      order.push_back({std::move(key), false});
    }
  }
  std::vector<std::vector<bool>> grouping_sets;
  LARDER_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> groups,
                          BindGroupBy(query, context, select, &grouping_sets));
  // Every clause is bound: the person fields they read join their tables in under WHERE.
  plan = ApplyArrayJoins(std::move(plan), &scope);
  plan = AttachLazyJoins(std::move(plan), &scope);
  if (where) {
    auto filter = MakeOperator(LogicalOperator::Kind::kFilter, std::move(plan));
    filter->predicate = std::move(where);
    plan = std::move(filter);
  }
  LARDER_ASSIGN_OR_RETURN(plan, Aggregate(std::move(plan), query, std::move(groups),
                                          std::move(grouping_sets), &select, &having, &order));
  if (having) {
    auto filter = MakeOperator(LogicalOperator::Kind::kFilter, std::move(plan));
    filter->predicate = std::move(having);
    plan = std::move(filter);
  }
  LARDER_ASSIGN_OR_RETURN(plan, Windows(std::move(plan), &select, &order));
  std::vector<BoundExprPtr> limit_by_keys;
  for (size_t i = qualify_keys; i < order.size(); ++i) {
    limit_by_keys.push_back(std::move(order[i].expr));
  }
  BoundExprPtr qualify;
  if (qualify_keys > order_keys) qualify = std::move(order[order_keys].expr);
  order.resize(order_keys);
  if (qualify) {
    auto filter = MakeOperator(LogicalOperator::Kind::kFilter, std::move(plan));
    filter->predicate = std::move(qualify);
    plan = std::move(filter);
  }
  std::vector<LogicalOperator::SortKey> tie_keys;
  if (query.limit_with_ties) {
    for (const auto& key : order) {
      tie_keys.push_back({key.expr->Clone(), key.descending, key.nulls_first});
    }
  }
  if (!order.empty() && !query.distinct) {
    auto sort = MakeOperator(LogicalOperator::Kind::kSort, std::move(plan));
    sort->sort_keys = std::move(order);
    plan = std::move(sort);
  }
  if (limit_by) {
    auto by = MakeOperator(LogicalOperator::Kind::kLimitBy, std::move(plan));
    LARDER_ASSIGN_OR_RETURN(by->limit, ConstantCount(limit_by->n.get(), "LIMIT BY"));
    LARDER_ASSIGN_OR_RETURN(auto offset, ConstantCount(limit_by->offset_value.get(), "OFFSET"));
    by->offset = offset.value_or(0);
    by->groups = std::move(limit_by_keys);
    plan = std::move(by);
  }
  // WITH TIES compares the ORDER BY keys, which exist below the projection: limit there.
  if (query.limit_with_ties) {
    auto limit = MakeOperator(LogicalOperator::Kind::kLimit, std::move(plan));
    LARDER_ASSIGN_OR_RETURN(limit->limit, ConstantCount(query.limit.get(), "LIMIT"));
    LARDER_ASSIGN_OR_RETURN(auto offset, ConstantCount(query.offset.get(), "OFFSET"));
    limit->offset = offset.value_or(0);
    limit->with_ties = true;
    limit->sort_keys = std::move(tie_keys);
    plan = std::move(limit);
  }
  // DISTINCT … ORDER BY: the keys are sorted after DISTINCT, so each must be a selected column.
  std::vector<LogicalOperator::SortKey> distinct_order;
  if (query.distinct) {
    for (const auto& key : order) {
      size_t found = select.size();
      for (size_t i = 0; i < select.size() && found == select.size(); ++i) {
        if (select[i]->SameAs(*key.expr)) found = i;
      }
      if (found == select.size()) {
        return NotSupported(query, "ORDER BY an expression that is not selected, with DISTINCT");
      }
      distinct_order.push_back(
          {MakeColumn(found, select[found]->type, names[found]), key.descending, key.nulls_first});
    }
  }
  auto project = MakeOperator(LogicalOperator::Kind::kProject, std::move(plan));
  project->output.fields.clear();
  for (size_t i = 0; i < select.size(); ++i) {
    project->output.fields.push_back({names[i], select[i]->type});
  }
  project->exprs = std::move(select);
  plan = std::move(project);
  if (query.distinct) {
    plan = MakeOperator(LogicalOperator::Kind::kDistinct, std::move(plan));
    if (!distinct_order.empty()) {
      auto sort = MakeOperator(LogicalOperator::Kind::kSort, std::move(plan));
      sort->sort_keys = std::move(distinct_order);
      plan = std::move(sort);
    }
  }
  if ((query.limit || query.offset) && !query.limit_with_ties) {
    auto limit = MakeOperator(LogicalOperator::Kind::kLimit, std::move(plan));
    LARDER_ASSIGN_OR_RETURN(limit->limit, ConstantCount(query.limit.get(), "LIMIT"));
    LARDER_ASSIGN_OR_RETURN(auto offset, ConstantCount(query.offset.get(), "OFFSET"));
    limit->offset = offset.value_or(0);
    plan = std::move(limit);
  }
  ctes_.pop_back();
  return plan;
}

}  // namespace larder::planner
