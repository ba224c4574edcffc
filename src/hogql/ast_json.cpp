#include "hogql/ast_json.h"

#include <cmath>

namespace larder::hogql {
namespace {

Json NodeOrNull(const NodePtr& node) { return node ? ToJson(*node) : Json(); }

Json List(const NodeList& nodes) {
  Json array = Json::MakeArray();
  for (const NodePtr& node : nodes) array.push_back(ToJson(*node));
  return array;
}

Json OptionalList(const std::optional<NodeList>& nodes) { return nodes ? List(*nodes) : Json(); }

Json Strings(const std::vector<std::string>& values) {
  Json array = Json::MakeArray();
  for (const std::string& value : values) array.push_back(value);
  return array;
}

Json Start(const Node& node) {
  Json object = Json::MakeObject();
  object["node"] = NodeKindName(node.kind);
  return object;
}

void ConstantJson(const Constant& constant, Json* out) {
  std::visit(
      [&](const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          (*out)["value"] = Json();
        } else if constexpr (std::is_same_v<T, NumberText>) {
          (*out)["value"] = value.text;
          (*out)["value_type"] = "number";
        } else {
          (*out)["value"] = value;
        }
      },
      constant.value);
}

void CallJson(const Call& call, Json* out) {
  (*out)["name"] = call.name;
  (*out)["args"] = List(call.args);
  if (call.form == Call::Form::kSugar) return;
  (*out)["distinct"] = call.distinct;
  (*out)["params"] = OptionalList(call.params);
  if (call.form == Call::Form::kWithinGroup) {
    (*out)["within_group"] = OptionalList(call.within_group);
    return;
  }
  (*out)["filter_expr"] = NodeOrNull(call.filter_expr);
  (*out)["order_by"] = OptionalList(call.order_by);
}

Json FrameValue(const NodePtr& value) {
  if (const auto* constant = As<Constant>(value.get())) {
    if (const auto* integer = std::get_if<int64_t>(&constant->value)) return *integer;
  }
  return NodeOrNull(value);
}

void JoinJson(const JoinExpr& join, Json* out) {
  (*out)["table"] = NodeOrNull(join.table);
  (*out)["alias"] = join.alias ? Json(*join.alias) : Json();
  (*out)["table_final"] = join.table_final ? Json(true) : Json();
  (*out)["sample"] = NodeOrNull(join.sample);
  (*out)["next_join"] = join.next_join ? ToJson(*join.next_join) : Json();
  if (join.table_args) (*out)["table_args"] = List(*join.table_args);
  if (join.join_type) (*out)["join_type"] = *join.join_type;
  if (join.has_constraint_key) (*out)["constraint"] = NodeOrNull(join.constraint);
  if (join.has_column_aliases_key) {
    (*out)["column_aliases"] = join.column_aliases ? Strings(*join.column_aliases) : Json();
  }
}

void SelectJson(const SelectQuery& query, Json* out) {
  if (query.ctes) {
    Json ctes = Json::MakeArray();
    for (const auto& cte : *query.ctes) ctes.push_back(ToJson(*cte));
    (*out)["ctes"] = ctes;
  } else {
    (*out)["ctes"] = Json();
  }
  (*out)["distinct"] = query.distinct ? Json(true) : Json();
  (*out)["select"] = List(query.select);
  (*out)["select_from"] = query.select_from ? ToJson(*query.select_from) : Json();
  (*out)["prewhere"] = NodeOrNull(query.prewhere);
  (*out)["where"] = NodeOrNull(query.where);
  (*out)["having"] = NodeOrNull(query.having);
  (*out)["qualify"] = NodeOrNull(query.qualify);
  (*out)["group_by"] = OptionalList(query.group_by);
  if (query.group_by_mode) (*out)["group_by_mode"] = *query.group_by_mode;
  if (query.array_join_op) (*out)["array_join_op"] = *query.array_join_op;
  if (query.array_join_list) (*out)["array_join_list"] = List(*query.array_join_list);
  if (query.window_exprs) {
    Json windows = Json::MakeObject();
    for (const auto& [name, window] : *query.window_exprs) windows[name] = ToJson(*window);
    (*out)["window_exprs"] = windows;
  }
  if (query.order_by) (*out)["order_by"] = List(*query.order_by);
  if (query.interpolate) (*out)["interpolate"] = List(*query.interpolate);
  if (query.limit_by) (*out)["limit_by"] = ToJson(*query.limit_by);
  if (query.limit) (*out)["limit"] = ToJson(*query.limit);
  if (query.offset) (*out)["offset"] = ToJson(*query.offset);
  if (query.limit_with_ties) (*out)["limit_with_ties"] = true;
}

void SelectSetJson(const SelectSetQuery& query, Json* out) {
  (*out)["initial_select_query"] = NodeOrNull(query.initial_select_query);
  Json subsequent = Json::MakeArray();
  for (const auto& next : query.subsequent_select_queries) {
    Json node = Json::MakeObject();
    node["node"] = "SelectSetNode";
    node["set_operator"] = next.set_operator;
    node["select_query"] = NodeOrNull(next.select_query);
    subsequent.push_back(node);
  }
  (*out)["subsequent_select_queries"] = subsequent;
  if (query.order_by) (*out)["order_by"] = List(*query.order_by);
  if (query.limit) (*out)["limit"] = ToJson(*query.limit);
  if (query.offset) (*out)["offset"] = ToJson(*query.offset);
  if (query.limit_with_ties) (*out)["limit_with_ties"] = true;
}

void ColumnsJson(const ColumnsExpr& columns, Json* out) {
  if (columns.regex) (*out)["regex"] = *columns.regex;
  if (columns.columns) (*out)["columns"] = List(*columns.columns);
  if (columns.all_columns) (*out)["all_columns"] = true;
  if (columns.exclude) (*out)["exclude"] = Strings(*columns.exclude);
  if (columns.replace) {
    Json replace = Json::MakeObject();
    for (const auto& [name, expr] : *columns.replace) replace[name] = ToJson(*expr);
    (*out)["replace"] = replace;
  }
}

void WindowJson(const WindowExpr& window, Json* out) {
  (*out)["partition_by"] = OptionalList(window.partition_by);
  (*out)["order_by"] = OptionalList(window.order_by);
  (*out)["frame_start"] = NodeOrNull(window.frame_start);
  (*out)["frame_end"] = NodeOrNull(window.frame_end);
  if (window.frame_method) (*out)["frame_method"] = *window.frame_method;
}

void CteJson(const CTE& cte, Json* out) {
  (*out)["name"] = cte.name;
  (*out)["expr"] = NodeOrNull(cte.expr);
  (*out)["cte_type"] = cte.cte_type;
  if (cte.recursive) (*out)["recursive"] = true;
  if (cte.cte_type == "column") return;
  (*out)["columns"] = cte.columns ? Strings(*cte.columns) : Json();
  (*out)["materialized"] = cte.materialized ? Json(*cte.materialized) : Json();
  (*out)["using_key"] = cte.using_key ? Strings(*cte.using_key) : Json();
}

// The fields of expression nodes that hold at most a few children.
void ExpressionJson(const Node& node, Json* out) {
  switch (node.kind) {
    case NodeKind::kConstant:
      return ConstantJson(static_cast<const Constant&>(node), out);
    case NodeKind::kField:
      (*out)["chain"] = Strings(static_cast<const Field&>(node).chain);
      return;
    case NodeKind::kPlaceholder:
      (*out)["expr"] = NodeOrNull(static_cast<const Placeholder&>(node).expr);
      return;
    case NodeKind::kAlias: {
      const auto& alias = static_cast<const Alias&>(node);
      (*out)["alias"] = alias.alias;
      (*out)["expr"] = NodeOrNull(alias.expr);
      return;
    }
    case NodeKind::kArithmeticOperation: {
      const auto& op = static_cast<const ArithmeticOperation&>(node);
      (*out)["op"] = op.op;
      (*out)["left"] = NodeOrNull(op.left);
      (*out)["right"] = NodeOrNull(op.right);
      return;
    }
    case NodeKind::kCompareOperation: {
      const auto& op = static_cast<const CompareOperation&>(node);
      (*out)["op"] = op.op;
      (*out)["left"] = NodeOrNull(op.left);
      (*out)["right"] = NodeOrNull(op.right);
      if (op.is_null_comparison_style) (*out)["is_null_comparison_style"] = true;
      return;
    }
    case NodeKind::kIsDistinctFrom: {
      const auto& op = static_cast<const IsDistinctFrom&>(node);
      (*out)["left"] = NodeOrNull(op.left);
      (*out)["right"] = NodeOrNull(op.right);
      (*out)["negated"] = op.negated;
      return;
    }
    case NodeKind::kBetweenExpr: {
      const auto& between = static_cast<const BetweenExpr&>(node);
      (*out)["expr"] = NodeOrNull(between.expr);
      (*out)["low"] = NodeOrNull(between.low);
      (*out)["high"] = NodeOrNull(between.high);
      (*out)["negated"] = between.negated;
      return;
    }
    case NodeKind::kAnd:
      (*out)["exprs"] = List(static_cast<const And&>(node).exprs);
      return;
    case NodeKind::kOr:
      (*out)["exprs"] = List(static_cast<const Or&>(node).exprs);
      return;
    case NodeKind::kNot:
      (*out)["expr"] = NodeOrNull(static_cast<const Not&>(node).expr);
      return;
    default:
      break;
  }
}

void AccessJson(const Node& node, Json* out) {
  switch (node.kind) {
    case NodeKind::kArrayAccess: {
      const auto& access = static_cast<const ArrayAccess&>(node);
      (*out)["array"] = NodeOrNull(access.array);
      (*out)["property"] = NodeOrNull(access.property);
      if (access.nullish) (*out)["nullish"] = true;
      return;
    }
    case NodeKind::kArraySlice: {
      const auto& slice = static_cast<const ArraySlice&>(node);
      (*out)["array"] = NodeOrNull(slice.array);
      if (slice.start_expr) (*out)["start_expr"] = ToJson(*slice.start_expr);
      if (slice.end_expr) (*out)["end_expr"] = ToJson(*slice.end_expr);
      return;
    }
    case NodeKind::kTupleAccess: {
      const auto& access = static_cast<const TupleAccess&>(node);
      (*out)["tuple"] = NodeOrNull(access.tuple);
      (*out)["index"] = access.index;
      if (access.nullish) (*out)["nullish"] = true;
      return;
    }
    case NodeKind::kArray:
      (*out)["exprs"] = List(static_cast<const Array&>(node).exprs);
      return;
    case NodeKind::kTuple:
      (*out)["exprs"] = List(static_cast<const Tuple&>(node).exprs);
      return;
    case NodeKind::kDict: {
      Json items = Json::MakeArray();
      for (const auto& [key, value] : static_cast<const Dict&>(node).items) {
        items.push_back(Json(Json::Array{ToJson(*key), ToJson(*value)}));
      }
      (*out)["items"] = items;
      return;
    }
    case NodeKind::kLambda: {
      const auto& lambda = static_cast<const Lambda&>(node);
      (*out)["args"] = Strings(lambda.args);
      (*out)["expr"] = NodeOrNull(lambda.expr);
      return;
    }
    case NodeKind::kTypeCast: {
      const auto& cast = static_cast<const TypeCast&>(node);
      (*out)["expr"] = NodeOrNull(cast.expr);
      (*out)["type_name"] = cast.type_name;
      return;
    }
    case NodeKind::kTryCast: {
      const auto& cast = static_cast<const TryCast&>(node);
      (*out)["expr"] = NodeOrNull(cast.expr);
      (*out)["type_name"] = cast.type_name;
      return;
    }
    default:
      break;
  }
}

void ClauseJson(const Node& node, Json* out) {
  switch (node.kind) {
    case NodeKind::kOrderExpr: {
      const auto& order = static_cast<const OrderExpr&>(node);
      (*out)["expr"] = NodeOrNull(order.expr);
      (*out)["order"] = order.order;
      if (order.with_fill) (*out)["with_fill"] = ToJson(*order.with_fill);
      return;
    }
    case NodeKind::kWithFillExpr: {
      const auto& fill = static_cast<const WithFillExpr&>(node);
      if (fill.from_value) (*out)["from_value"] = ToJson(*fill.from_value);
      if (fill.to_value) (*out)["to_value"] = ToJson(*fill.to_value);
      if (fill.step_value) (*out)["step_value"] = ToJson(*fill.step_value);
      return;
    }
    case NodeKind::kInterpolateExpr: {
      const auto& interpolate = static_cast<const InterpolateExpr&>(node);
      (*out)["expr"] = NodeOrNull(interpolate.expr);
      (*out)["value"] = NodeOrNull(interpolate.value);
      return;
    }
    case NodeKind::kLimitByExpr: {
      const auto& limit_by = static_cast<const LimitByExpr&>(node);
      (*out)["n"] = NodeOrNull(limit_by.n);
      (*out)["offset_value"] = NodeOrNull(limit_by.offset_value);
      (*out)["exprs"] = List(limit_by.exprs);
      return;
    }
    case NodeKind::kGroupingSet:
      (*out)["exprs"] = List(static_cast<const GroupingSet&>(node).exprs);
      return;
    case NodeKind::kRatioExpr: {
      const auto& ratio = static_cast<const RatioExpr&>(node);
      (*out)["left"] = NodeOrNull(ratio.left);
      (*out)["right"] = NodeOrNull(ratio.right);
      return;
    }
    case NodeKind::kSampleExpr: {
      const auto& sample = static_cast<const SampleExpr&>(node);
      (*out)["sample_value"] = NodeOrNull(sample.sample_value);
      (*out)["offset_value"] = NodeOrNull(sample.offset_value);
      return;
    }
    case NodeKind::kJoinConstraint: {
      const auto& constraint = static_cast<const JoinConstraint&>(node);
      (*out)["expr"] = NodeOrNull(constraint.expr);
      (*out)["constraint_type"] = constraint.constraint_type;
      return;
    }
    case NodeKind::kWindowFrameExpr: {
      const auto& frame = static_cast<const WindowFrameExpr&>(node);
      (*out)["frame_type"] = frame.frame_type;
      if (frame.frame_type != "CURRENT ROW") (*out)["frame_value"] = FrameValue(frame.frame_value);
      return;
    }
    default:
      break;
  }
}

}  // namespace

std::string_view NodeKindName(NodeKind kind) {
  static constexpr std::string_view kNames[] = {"SelectQuery",
                                                "SelectSetQuery",
                                                "CTE",
                                                "JoinExpr",
                                                "JoinConstraint",
                                                "SampleExpr",
                                                "RatioExpr",
                                                "OrderExpr",
                                                "WithFillExpr",
                                                "InterpolateExpr",
                                                "LimitByExpr",
                                                "GroupingSet",
                                                "WindowExpr",
                                                "WindowFrameExpr",
                                                "WindowFunction",
                                                "Call",
                                                "ExprCall",
                                                "Alias",
                                                "ArithmeticOperation",
                                                "CompareOperation",
                                                "IsDistinctFrom",
                                                "BetweenExpr",
                                                "And",
                                                "Or",
                                                "Not",
                                                "Constant",
                                                "Field",
                                                "Placeholder",
                                                "ArrayAccess",
                                                "ArraySlice",
                                                "TupleAccess",
                                                "Array",
                                                "Tuple",
                                                "Dict",
                                                "Lambda",
                                                "TypeCast",
                                                "TryCast",
                                                "ColumnsExpr",
                                                "SpreadExpr",
                                                "PositionalRef",
                                                "NamedArgument"};
  return kNames[static_cast<size_t>(kind)];
}

Json ToJson(const Node& node) {
  Json out = Start(node);
  switch (node.kind) {
    case NodeKind::kSelectQuery:
      SelectJson(static_cast<const SelectQuery&>(node), &out);
      break;
    case NodeKind::kSelectSetQuery:
      SelectSetJson(static_cast<const SelectSetQuery&>(node), &out);
      break;
    case NodeKind::kCTE:
      CteJson(static_cast<const CTE&>(node), &out);
      break;
    case NodeKind::kJoinExpr:
      JoinJson(static_cast<const JoinExpr&>(node), &out);
      break;
    case NodeKind::kCall:
      CallJson(static_cast<const Call&>(node), &out);
      break;
    case NodeKind::kExprCall: {
      const auto& call = static_cast<const ExprCall&>(node);
      out["expr"] = NodeOrNull(call.expr);
      out["args"] = List(call.args);
      break;
    }
    case NodeKind::kWindowFunction: {
      const auto& function = static_cast<const WindowFunction&>(node);
      out["name"] = function.name;
      out["exprs"] = List(function.exprs);
      out["args"] = List(function.args);
      if (function.over_identifier)
        out["over_identifier"] = *function.over_identifier;
      else
        out["over_expr"] = NodeOrNull(function.over_expr);
      break;
    }
    case NodeKind::kWindowExpr:
      WindowJson(static_cast<const WindowExpr&>(node), &out);
      break;
    case NodeKind::kColumnsExpr:
      ColumnsJson(static_cast<const ColumnsExpr&>(node), &out);
      break;
    case NodeKind::kSpreadExpr:
      out["expr"] = NodeOrNull(static_cast<const SpreadExpr&>(node).expr);
      break;
    case NodeKind::kPositionalRef:
      out["index"] = static_cast<const PositionalRef&>(node).index;
      break;
    case NodeKind::kNamedArgument: {
      const auto& argument = static_cast<const NamedArgument&>(node);
      out["name"] = argument.name;
      out["value"] = NodeOrNull(argument.value);
      break;
    }
    default:
      ExpressionJson(node, &out);
      AccessJson(node, &out);
      ClauseJson(node, &out);
  }
  return out;
}

Json ToJson(const SyntaxError& error) {
  Json out = Json::MakeObject();
  out["error"] = true;
  out["type"] = error.TypeName();
  out["message"] = error.message;
  Json start = Json::MakeObject();
  start["offset"] = static_cast<int64_t>(error.start);
  Json end = Json::MakeObject();
  end["offset"] = static_cast<int64_t>(error.end);
  out["start"] = start;
  out["end"] = end;
  return out;
}

}  // namespace larder::hogql
