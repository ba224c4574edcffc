// Binder: expressions — fields, JSON properties, literals, operators, calls and casts.
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "planner/binder_impl.h"
#include "planner/optimizer.h"

namespace larder::planner {

using hogql::As;

namespace {

const char* CompareFunction(std::string_view op) {
  static const std::pair<std::string_view, const char*> kOps[] = {{"==", "equals"},
                                                                  {"!=", "notEquals"},
                                                                  {"<", "less"},
                                                                  {"<=", "lessOrEquals"},
                                                                  {">", "greater"},
                                                                  {">=", "greaterOrEquals"},
                                                                  {"like", "like"},
                                                                  {"ilike", "ilike"},
                                                                  {"not like", "notLike"},
                                                                  {"not ilike", "notILike"},
                                                                  {"in", "in"},
                                                                  {"not in", "notIn"},
                                                                  {"global in", "globalIn"},
                                                                  {"global not in", "globalNotIn"},
                                                                  {"=~", "match"}};
  for (const auto& [text, name] : kOps) {
    if (text == op) return name;
  }
  return nullptr;
}

const char* ArithmeticFunction(std::string_view op) {
  if (op == "+") return "plus";
  if (op == "-") return "minus";
  if (op == "*") return "multiply";
  if (op == "/") return "divide";
  return "modulo";
}

}  // namespace

Result<BoundExprPtr> Binder::BindExpr(const hogql::Node& node, const ExprContext& context) {
  if (++depth_ > 256) return Error(node, "the expression nests more than 256 levels deep");
  Result<BoundExprPtr> bound = [&]() -> Result<BoundExprPtr> {
    switch (node.kind) {
      case hogql::NodeKind::kAlias: {
        // Inside its own definition a name is not the alias: `max(id) AS id` reads column id
        // (as ClickHouse's analyzer does), never max(max(id)).
        const auto& alias = static_cast<const hogql::Alias&>(node);
        const bool entered = resolving_aliases_.insert(alias.alias).second;
        Result<BoundExprPtr> expr = BindExpr(*alias.expr, context);
        if (entered) resolving_aliases_.erase(alias.alias);
        return expr;
      }
      case hogql::NodeKind::kField:
        return BindField(static_cast<const hogql::Field&>(node), context);
      case hogql::NodeKind::kConstant:
        return BindConstant(static_cast<const hogql::Constant&>(node));
      case hogql::NodeKind::kCall:
        return BindCall(static_cast<const hogql::Call&>(node), context);
      case hogql::NodeKind::kTypeCast:
        return BindCast(static_cast<const hogql::TypeCast&>(node), context);
      case hogql::NodeKind::kArithmeticOperation:
      case hogql::NodeKind::kCompareOperation:
      case hogql::NodeKind::kAnd:
      case hogql::NodeKind::kOr:
      case hogql::NodeKind::kNot:
      case hogql::NodeKind::kBetweenExpr:
      case hogql::NodeKind::kIsDistinctFrom:
      case hogql::NodeKind::kArray:
      case hogql::NodeKind::kTuple:
      case hogql::NodeKind::kArrayAccess:
        return BindOperator(node, context);
      case hogql::NodeKind::kPlaceholder:
        return BindPlaceholder(static_cast<const hogql::Placeholder&>(node));
      case hogql::NodeKind::kWindowFunction:
        return BindWindowFunction(static_cast<const hogql::WindowFunction&>(node), context);
      case hogql::NodeKind::kSelectQuery:
      case hogql::NodeKind::kSelectSetQuery:
        return BindSubquery(node);
      default:
        return NotSupported(node, hogql::NodeKindName(node.kind));
    }
  }();
  --depth_;
  if (bound.ok() && (*bound)->start == (*bound)->end) {
    (*bound)->start = node.start;
    (*bound)->end = node.end;
  }
  return bound;
}

Result<BoundExprPtr> Binder::BindConstant(const hogql::Constant& constant) {
  return std::visit(
      [&](const auto& value) -> Result<BoundExprPtr> {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return MakeConstant(Value::Null(), LogicalType::Nothing());
        } else if constexpr (std::is_same_v<T, bool>) {
          return MakeConstant(Value::Bool(value), LogicalType::Bool());
        } else if constexpr (std::is_same_v<T, int64_t>) {
          return MakeConstant(Value::Int64(value), LogicalType::Int64());
        } else if constexpr (std::is_same_v<T, double>) {
          return MakeConstant(Value::Float64(value), LogicalType::Float64());
        } else if constexpr (std::is_same_v<T, std::string>) {
          return MakeConstant(Value::String(value), LogicalType::String());
        } else {
          if (value.text == "Infinity" || value.text == "-Infinity" || value.text == "NaN") {
            double number =
                value.text == "NaN" ? std::nan("") : (value.text[0] == '-' ? -INFINITY : INFINITY);
            return MakeConstant(Value::Float64(number), LogicalType::Float64());
          }
          return Error(constant, fmt::format("the number {} does not fit in Int64", value.text));
        }
      },
      constant.value);
}

Result<BoundExprPtr> Binder::BindSubquery(const hogql::Node& query) {
  // Subqueries see the query's CTEs but not its columns (no correlation, as in ClickHouse).
  std::set<std::string> saved_aliases = std::move(resolving_aliases_);
  resolving_aliases_.clear();
  Result<LogicalPtr> plan = BindQueryNode(query);
  resolving_aliases_ = std::move(saved_aliases);
  if (!plan.ok()) return plan.status();
  if ((*plan)->output.fields.size() != 1) {
    return Error(query, fmt::format("a subquery used as a value must return one column, not {}",
                                    (*plan)->output.fields.size()));
  }
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExpr::Kind::kSubquery;
  expr->type = (*plan)->output.fields[0].type.WithNullable(true);
  expr->name = "(subquery)";
  expr->subquery_source = &query;
  // Optimized here, once: clones of this expression share the plan.
  expr->subquery = std::shared_ptr<LogicalOperator>(Optimize(std::move(*plan), functions_));
  return expr;
}

Result<BoundExprPtr> Binder::BindPlaceholder(const hogql::Placeholder& placeholder) {
  const auto* field = As<hogql::Field>(placeholder.expr.get());
  if (!field || field->chain.size() != 1) {
    return Error(placeholder, "a placeholder must be a single name, such as {date_from}");
  }
  const std::string& name = field->chain[0];
  auto it = parameters_.find(name);
  if (it == parameters_.end()) {
    return Error(
        placeholder,
        fmt::format("Placeholder {{{}}} has no value; pass it as a query parameter", name));
  }
  const Value& value = it->second;
  return std::visit(
      [&](const auto& v) -> Result<BoundExprPtr> {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return MakeConstant(value, LogicalType::Nothing());
        } else if constexpr (std::is_same_v<T, bool>) {
          return MakeConstant(value, LogicalType::Bool());
        } else if constexpr (std::is_same_v<T, int64_t>) {
          return MakeConstant(value, LogicalType::Int64());
        } else if constexpr (std::is_same_v<T, double>) {
          return MakeConstant(value, LogicalType::Float64());
        } else if constexpr (std::is_same_v<T, std::string>) {
          return MakeConstant(value, LogicalType::String());
        } else {
          return Error(placeholder,
                       fmt::format("placeholder {{{}}} has an unsupported value", name));
        }
      },
      value.storage());
}

Result<BoundExprPtr> Binder::BindColumn(const std::vector<std::string>& chain,
                                        const hogql::Node& node, const ExprContext& context,
                                        bool* found) {
  *found = false;
  if (!context.scope) return BoundExprPtr();
  const std::vector<ScopeTable>& tables = context.scope->tables;
  // table.column[.property…]
  if (chain.size() >= 2) {
    for (size_t table_idx = 0; table_idx < tables.size(); ++table_idx) {
      const ScopeTable& table = tables[table_idx];
      if (table.name != chain[0] && table.table_name != chain[0]) continue;
      *found = true;
      if (IsPersonField(table, chain[1])) {
        return BindPersonField(table_idx, {chain.begin() + 1, chain.end()}, node, context.scope);
      }
      for (size_t i = 0; i < table.columns.size(); ++i) {
        if (table.columns[i].name != chain[1]) continue;
        BoundExprPtr column = MakeColumn(table.offset + i, table.columns[i].type, chain[1]);
        if (chain.size() == 2) return column;
        return BindProperty(std::move(column), {chain.begin() + 2, chain.end()}, node);
      }
      return Error(node, fmt::format("Table `{}` has no column `{}`.", chain[0], chain[1]));
    }
  }
  // column[.property…], or a person field
  size_t owner = tables.size();
  std::optional<size_t> index;
  for (size_t table_idx = 0; table_idx < tables.size(); ++table_idx) {
    const ScopeTable& table = tables[table_idx];
    std::optional<size_t> column;
    for (size_t i = 0; i < table.columns.size() && !column; ++i) {
      if (table.columns[i].name == chain[0] && !table.using_hidden.contains(chain[0])) column = i;
    }
    if (!column && !IsPersonField(table, chain[0])) continue;
    if (owner < tables.size()) {
      const std::string& first = tables[owner].name;
      return Error(node,
                   fmt::format("Column `{}` is ambiguous: it is in `{}` and `{}`; write "
                               "{}.{} or {}.{}",
                               chain[0], first, table.name, first, chain[0], table.name, chain[0]));
    }
    owner = table_idx;
    index = column;
  }
  if (owner == tables.size()) return BoundExprPtr();
  *found = true;
  if (IsPersonField(tables[owner], chain[0])) {
    return BindPersonField(owner, chain, node, context.scope);
  }
  const Field& field = tables[owner].columns[*index];
  BoundExprPtr column = MakeColumn(tables[owner].offset + *index, field.type, field.name);
  if (chain.size() == 1) return column;
  return BindProperty(std::move(column), {chain.begin() + 1, chain.end()}, node);
}

Result<BoundExprPtr> Binder::BindField(const hogql::Field& field, const ExprContext& context) {
  const std::vector<std::string>& chain = field.chain;
  if (chain.back() == "*")
    return Error(field, "`*` is only allowed in the SELECT list and count(*)");
  if (BoundExprPtr param = FindLambdaParam(chain[0])) {
    if (chain.size() == 1) return param;
    return BindProperty(std::move(param), {chain.begin() + 1, chain.end()}, field);
  }
  if (chain.size() == 1 && context.aliases && !resolving_aliases_.count(chain[0])) {
    auto alias = context.aliases->find(chain[0]);
    if (alias != context.aliases->end()) {
      resolving_aliases_.insert(chain[0]);
      auto bound = BindExpr(*alias->second, context);
      resolving_aliases_.erase(chain[0]);
      return bound;
    }
  }
  bool found = false;
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr column, BindColumn(chain, field, context, &found));
  if (found) return column;
  std::vector<std::string> candidates;
  if (context.scope) {
    for (const ScopeTable& table : context.scope->tables) {
      for (const Field& column_field : table.columns) candidates.push_back(column_field.name);
    }
  }
  if (context.aliases) {
    for (const auto& [name, node] : *context.aliases) candidates.push_back(name);
  }
  if (NamesOuterQuery(chain, context)) {
    return Error(field, fmt::format("`{}` belongs to an enclosing query: correlated subqueries "
                                    "are not supported; join the tables instead",
                                    fmt::join(chain, ".")));
  }
  std::string suggestion = DidYouMean(chain[0], candidates);
  return Error(
      field, fmt::format("Unable to resolve field `{}`.{}", chain[0],
                         suggestion.empty() ? "" : fmt::format(" Did you mean `{}`?", suggestion)));
}

bool Binder::NamesOuterQuery(const std::vector<std::string>& chain,
                             const ExprContext& context) const {
  for (const Scope* scope : scopes_) {
    if (scope == context.scope) break;
    for (const ScopeTable& table : scope->tables) {
      if (chain.size() > 1 && !table.name.empty() && table.name == chain[0]) return true;
      for (const Field& column : table.columns) {
        if (column.name == chain[0]) return true;
      }
    }
  }
  return false;
}

Result<BoundExprPtr> Binder::BindProperty(BoundExprPtr json, const std::vector<std::string>& path,
                                          const hogql::Node& node) {
  if (json->type.id() != TypeId::kJson) {
    return Error(node, fmt::format("`{}` is {}, not JSON, so `{}` cannot be read from it",
                                   json->name, json->type.ToString(), path.front()));
  }
  std::vector<BoundExprPtr> args;
  std::string name = json->name;
  args.push_back(std::move(json));
  for (const std::string& key : path) {
    args.push_back(MakeConstant(Value::String(key), LogicalType::String()));
    name += "." + key;
  }
  // A property reads as its text (strings unquoted), NULL when missing, as HogQL does.
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr call, CallFunction("_property", std::move(args), node));
  call->name = std::move(name);
  return call;
}

Status Binder::ReadStringConstantAsNumber(const std::string& comparison,
                                          std::vector<BoundExprPtr>* args,
                                          const hogql::Node& node) {
  static const char* kComparisons[] = {"equals",       "notEquals", "less",
                                       "lessOrEquals", "greater",   "greaterOrEquals"};
  if (args->size() != 2 || std::find(std::begin(kComparisons), std::end(kComparisons),
                                     comparison) == std::end(kComparisons)) {
    return Status::OK();
  }
  for (size_t i = 0; i < 2; ++i) {
    BoundExprPtr& text = (*args)[i];
    const TypeId other = (*args)[1 - i]->type.id();
    if (text->kind != BoundExpr::Kind::kConstant || text->type.id() != TypeId::kString) continue;
    const char* conversion = other == TypeId::kInt64     ? "toInt64"
                             : other == TypeId::kFloat64 ? "toFloat64"
                                                         : nullptr;
    if (!conversion) continue;
    std::vector<BoundExprPtr> value;
    value.push_back(std::move(text));
    LARDER_ASSIGN_OR_RETURN(text, CallFunction(conversion, std::move(value), node));
  }
  return Status::OK();
}

namespace {

// A DateTime result without a zone of its own takes the zone of the first DateTime argument
// that has one, as ClickHouse's functions do (toStartOfHour of a DateTime('Asia/Tokyo') is one).
LogicalType InheritTimeZone(LogicalType type, const std::vector<LogicalType>& args) {
  if (type.id() != TypeId::kDateTime || type.time_zone()) return type;
  for (const LogicalType& arg : args) {
    if (arg.id() == TypeId::kDateTime && arg.time_zone()) {
      return LogicalType::DateTime(arg.time_zone()).WithNullable(type.nullable());
    }
  }
  return type;
}

}  // namespace

Result<BoundExprPtr> Binder::CallFunction(std::string_view name, std::vector<BoundExprPtr> args,
                                          const hogql::Node& node) {
  const functions::FunctionInfo* function = functions_.Find(name);
  if (!function) {
    std::string suggestion = DidYouMean(name, functions_.Names());
    return Error(
        node,
        fmt::format("Unknown function `{}`.{}", name,
                    suggestion.empty() ? "" : fmt::format(" Did you mean `{}`?", suggestion)));
  }
  int count = static_cast<int>(args.size());
  if (count < function->min_args || (function->max_args >= 0 && count > function->max_args)) {
    std::string expected = function->max_args < 0 ? fmt::format("at least {}", function->min_args)
                           : function->min_args == function->max_args
                               ? std::to_string(function->min_args)
                               : fmt::format("{} to {}", function->min_args, function->max_args);
    return Error(node, fmt::format("Function `{}` takes {} argument{}, but {} {} given",
                                   function->name, expected, expected == "1" ? "" : "s", count,
                                   count == 1 ? "was" : "were"));
  }
  LARDER_RETURN_IF_ERROR(ReadStringConstantAsNumber(function->name, &args, node));
  std::vector<LogicalType> types;
  for (const BoundExprPtr& arg : args) types.push_back(arg->type);
  auto type = function->return_type(types);
  if (type.ok()) *type = InheritTimeZone(std::move(*type), types);
  if (type.ok() && function->constant_type) {
    std::vector<const Value*> constants;
    for (const BoundExprPtr& arg : args) {
      constants.push_back(arg->kind == BoundExpr::Kind::kConstant ? &arg->value : nullptr);
    }
    type = function->constant_type(std::move(*type), constants);
  }
  if (!type.ok()) {
    return Error(node, fmt::format("Function `{}`: {}", function->name, type.status().message()));
  }
  return MakeCall(function, std::move(args), *type);
}

Result<BoundExprPtr> Binder::BindFilteredAggregate(const hogql::Call& call,
                                                   const ExprContext& context) {
  // agg(args) FILTER (WHERE cond) is aggIf(args, cond).
  const functions::FunctionInfo* function = functions_.Find(call.name);
  if (!function || function->kind != functions::FunctionKind::kAggregate) {
    return Error(
        *call.filter_expr,
        fmt::format("FILTER (WHERE …) only follows an aggregate function, not `{}`", call.name));
  }
  if (!context.allow_aggregates) {
    return Error(call, fmt::format("Aggregate function `{}` is not allowed in {}", call.name,
                                   context.clause));
  }
  std::vector<BoundExprPtr> args;
  for (const hogql::NodePtr& arg : call.args) {
    const auto* field = As<hogql::Field>(arg.get());
    if (field && field->chain == std::vector<std::string>{"*"}) continue;  // count(*).
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr bound, BindExpr(*arg, context));
    args.push_back(std::move(bound));
  }
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr condition, BindExpr(*call.filter_expr, context));
  args.push_back(std::move(condition));
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr bound,
                          CallFunction(function->name + "If", std::move(args), call));
  bound->distinct = call.distinct;
  LARDER_RETURN_IF_ERROR(BindParams(call, context, bound.get()));
  return bound;
}

Result<BoundExprPtr> Binder::BindCall(const hogql::Call& call, const ExprContext& context) {
  const functions::FunctionInfo* function = functions_.Find(call.name);
  if (function && function->kind == functions::FunctionKind::kAggregate &&
      !context.allow_aggregates) {
    return Error(call, fmt::format("Aggregate function `{}` is not allowed in {}", call.name,
                                   context.clause));
  }
  if (function && function->kind == functions::FunctionKind::kWindow) {
    return Error(call, fmt::format("Window function `{}` needs an OVER clause", call.name));
  }
  if (!call.args.empty() && As<hogql::Lambda>(call.args[0].get())) {
    return BindLambdaCall(call, context);
  }
  if (function && function->name == "arrayJoin") return BindArrayJoinCall(call, context);
  if (call.filter_expr) return BindFilteredAggregate(call, context);
  std::vector<BoundExprPtr> args;
  for (const hogql::NodePtr& arg : call.args) {
    const auto* field = As<hogql::Field>(arg.get());
    if (field && field->chain == std::vector<std::string>{"*"} && call.args.size() == 1 &&
        function && function->kind == functions::FunctionKind::kAggregate) {
      continue;  // count(*) counts rows.
    }
    if (As<hogql::Lambda>(arg.get())) {
      return Error(*arg, fmt::format("a lambda must be the first argument of `{}`", call.name));
    }
    ExprContext inner = context;
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr bound, BindExpr(*arg, inner));
    args.push_back(std::move(bound));
  }
  // count(DISTINCT a, b) counts distinct tuples, rows with a NULL left out: uniqExact(a, b).
  const bool distinct_tuples =
      call.distinct && args.size() > 1 && function && function->name == "count";
  LARDER_ASSIGN_OR_RETURN(
      BoundExprPtr bound,
      CallFunction(distinct_tuples ? "uniqExact" : call.name, std::move(args), call));
  if (distinct_tuples) return bound;
  if (call.distinct && bound->kind != BoundExpr::Kind::kAggregate) {
    return Error(
        call, fmt::format("DISTINCT is only allowed in aggregate functions, not `{}`", call.name));
  }
  bound->distinct = call.distinct;
  LARDER_RETURN_IF_ERROR(BindParams(call, context, bound.get()));
  return bound;
}

Status Binder::BindParams(const hogql::Call& call, const ExprContext& context, BoundExpr* bound) {
  if (call.params) {
    for (const hogql::NodePtr& param : *call.params) {
      LARDER_ASSIGN_OR_RETURN(BoundExprPtr value, BindExpr(*param, context));
      if (value->kind != BoundExpr::Kind::kConstant) {
        return Error(*param, fmt::format("parameters of `{}` must be constants", call.name));
      }
      bound->params.push_back(value->value);
    }
  }
  int params = static_cast<int>(bound->params.size());
  if (params < bound->function->min_params ||
      (bound->function->max_params >= 0 && params > bound->function->max_params)) {
    return Error(call, fmt::format("Function `{}` takes {} to {} parameters in its first "
                                   "parentheses, but {} were given",
                                   bound->function->name, bound->function->min_params,
                                   bound->function->max_params, params));
  }
  return Status::OK();
}

Result<BoundExprPtr> Binder::BindOperator(const hogql::Node& node, const ExprContext& context) {
  auto bind_all = [&](const hogql::NodeList& nodes) -> Result<std::vector<BoundExprPtr>> {
    std::vector<BoundExprPtr> args;
    for (const hogql::NodePtr& item : nodes) {
      LARDER_ASSIGN_OR_RETURN(BoundExprPtr arg, BindExpr(*item, context));
      args.push_back(std::move(arg));
    }
    return args;
  };
  auto pair = [&](const hogql::NodePtr& left,
                  const hogql::NodePtr& right) -> Result<std::vector<BoundExprPtr>> {
    std::vector<BoundExprPtr> args;
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr a, BindExpr(*left, context));
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr b, BindExpr(*right, context));
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    return args;
  };
  switch (node.kind) {
    case hogql::NodeKind::kArithmeticOperation: {
      const auto& op = static_cast<const hogql::ArithmeticOperation&>(node);
      LARDER_ASSIGN_OR_RETURN(auto args, pair(op.left, op.right));
      return CallFunction(ArithmeticFunction(op.op), std::move(args), node);
    }
    case hogql::NodeKind::kCompareOperation: {
      const auto& op = static_cast<const hogql::CompareOperation&>(node);
      LARDER_ASSIGN_OR_RETURN(auto args, pair(op.left, op.right));
      if (op.is_null_comparison_style) {
        args.pop_back();
        return CallFunction(op.op == "==" ? "isNull" : "isNotNull", std::move(args), node);
      }
      if (op.op == "!~" || op.op == "!~*" || op.op == "=~*") {
        return NotSupported(node, fmt::format("the {} operator", op.op));
      }
      const char* function = CompareFunction(op.op);
      if (!function) return NotSupported(node, fmt::format("the {} operator", op.op));
      return CallFunction(function, std::move(args), node);
    }
    case hogql::NodeKind::kAnd:
    case hogql::NodeKind::kOr: {
      const hogql::NodeList& exprs = node.kind == hogql::NodeKind::kAnd
                                         ? static_cast<const hogql::And&>(node).exprs
                                         : static_cast<const hogql::Or&>(node).exprs;
      LARDER_ASSIGN_OR_RETURN(auto args, bind_all(exprs));
      return CallFunction(node.kind == hogql::NodeKind::kAnd ? "and" : "or", std::move(args), node);
    }
    case hogql::NodeKind::kNot: {
      std::vector<BoundExprPtr> args;
      LARDER_ASSIGN_OR_RETURN(BoundExprPtr arg,
                              BindExpr(*static_cast<const hogql::Not&>(node).expr, context));
      args.push_back(std::move(arg));
      return CallFunction("not", std::move(args), node);
    }
    case hogql::NodeKind::kBetweenExpr: {
      const auto& between = static_cast<const hogql::BetweenExpr&>(node);
      LARDER_ASSIGN_OR_RETURN(auto low, pair(between.expr, between.low));
      LARDER_ASSIGN_OR_RETURN(auto high, pair(between.expr, between.high));
      LARDER_ASSIGN_OR_RETURN(
          BoundExprPtr lower,
          CallFunction(between.negated ? "less" : "greaterOrEquals", std::move(low), node));
      LARDER_ASSIGN_OR_RETURN(
          BoundExprPtr upper,
          CallFunction(between.negated ? "greater" : "lessOrEquals", std::move(high), node));
      std::vector<BoundExprPtr> args;
      args.push_back(std::move(lower));
      args.push_back(std::move(upper));
      return CallFunction(between.negated ? "or" : "and", std::move(args), node);
    }
    case hogql::NodeKind::kIsDistinctFrom: {
      const auto& op = static_cast<const hogql::IsDistinctFrom&>(node);
      LARDER_ASSIGN_OR_RETURN(auto args, pair(op.left, op.right));
      return CallFunction(op.negated ? "isNotDistinctFrom" : "isDistinctFrom", std::move(args),
                          node);
    }
    case hogql::NodeKind::kArray:
    case hogql::NodeKind::kTuple: {
      const hogql::NodeList& exprs = node.kind == hogql::NodeKind::kArray
                                         ? static_cast<const hogql::Array&>(node).exprs
                                         : static_cast<const hogql::Tuple&>(node).exprs;
      LARDER_ASSIGN_OR_RETURN(auto args, bind_all(exprs));
      return CallFunction(node.kind == hogql::NodeKind::kArray ? "array" : "tuple", std::move(args),
                          node);
    }
    default: {
      const auto& access = static_cast<const hogql::ArrayAccess&>(node);
      LARDER_ASSIGN_OR_RETURN(BoundExprPtr base, BindExpr(*access.array, context));
      const auto* key = As<hogql::Constant>(access.property.get());
      const auto* key_text = key ? std::get_if<std::string>(&key->value) : nullptr;
      if (base->type.id() == TypeId::kJson && key_text) {
        return BindProperty(std::move(base), {*key_text}, node);
      }
      std::vector<BoundExprPtr> args;
      args.push_back(std::move(base));
      LARDER_ASSIGN_OR_RETURN(BoundExprPtr index, BindExpr(*access.property, context));
      args.push_back(std::move(index));
      return CallFunction("arrayElement", std::move(args), node);
    }
  }
}

Result<BoundExprPtr> Binder::BindCast(const hogql::TypeCast& cast, const ExprContext& context) {
  std::string type = cast.type_name;
  bool nullable = false;
  if (type.starts_with("nullable(") && type.ends_with(")")) {
    nullable = true;
    type = type.substr(9, type.size() - 10);
  }
  static const std::pair<std::string_view, const char*> kTypes[] = {
      {"int", "toInt64"},         {"int64", "toInt64"},        {"int32", "toInt32"},
      {"int16", "toInt16"},       {"int8", "toInt8"},          {"uint8", "toUInt8"},
      {"uint16", "toUInt16"},     {"uint32", "toUInt32"},      {"smallint", "toInt16"},
      {"tinyint", "toInt8"},      {"integer", "toInt64"},      {"bigint", "toInt64"},
      {"uint64", "toUInt64"},     {"float", "toFloat64"},      {"float64", "toFloat64"},
      {"double", "toFloat64"},    {"real", "toFloat64"},       {"string", "toString"},
      {"text", "toString"},       {"varchar", "toString"},     {"date", "toDate"},
      {"datetime", "toDateTime"}, {"timestamp", "toDateTime"}, {"uuid", "toUUID"},
      {"bool", "toBool"},         {"boolean", "toBool"}};
  const char* function = nullptr;
  for (const auto& [name, target] : kTypes) {
    if (type == name) function = target;
  }
  if (!function) {
    return Error(cast, fmt::format("Unknown type `{}` in CAST; use Int64, Float64, String, Date, "
                                   "DateTime, UUID or Bool",
                                   cast.type_name));
  }
  std::vector<BoundExprPtr> args;
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr value, BindExpr(*cast.expr, context));
  args.push_back(std::move(value));
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr call, CallFunction(function, std::move(args), cast));
  if (nullable) call->type = call->type.WithNullable(true);
  return call;
}

}  // namespace larder::planner
