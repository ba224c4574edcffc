// The HogQL abstract syntax tree. Node kinds and field names are PostHog's (posthog/hogql/ast.py)
// so the JSON form (ast_json.h) matches PostHog's parser node for node. The parser builds it;
// the binder and printers read it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace larder::hogql {

enum class NodeKind : uint8_t {
  kSelectQuery,
  kSelectSetQuery,
  kCTE,
  kJoinExpr,
  kJoinConstraint,
  kSampleExpr,
  kRatioExpr,
  kOrderExpr,
  kWithFillExpr,
  kInterpolateExpr,
  kLimitByExpr,
  kGroupingSet,
  kWindowExpr,
  kWindowFrameExpr,
  kWindowFunction,
  kCall,
  kExprCall,
  kAlias,
  kArithmeticOperation,
  kCompareOperation,
  kIsDistinctFrom,
  kBetweenExpr,
  kAnd,
  kOr,
  kNot,
  kConstant,
  kField,
  kPlaceholder,
  kArrayAccess,
  kArraySlice,
  kTupleAccess,
  kArray,
  kTuple,
  kDict,
  kLambda,
  kTypeCast,
  kTryCast,
  kColumnsExpr,
  kSpreadExpr,
  kPositionalRef,
  kNamedArgument,
};

// PostHog's class name of a node kind ("SelectQuery", …).
std::string_view NodeKindName(NodeKind kind);

struct Node {
  explicit Node(NodeKind kind) : kind(kind) {}
  virtual ~Node() = default;
  const NodeKind kind;
  uint32_t start = 0;  // Byte offsets of the node's text in the query.
  uint32_t end = 0;
};
using NodePtr = std::unique_ptr<Node>;
using NodeList = std::vector<NodePtr>;

template <typename T>
T* As(Node* node) {
  return node && node->kind == T::kKind ? static_cast<T*>(node) : nullptr;
}
template <typename T>
const T* As(const Node* node) {
  return node && node->kind == T::kKind ? static_cast<const T*>(node) : nullptr;
}

#define LARDER_HOGQL_NODE(Name)                        \
  static constexpr NodeKind kKind = NodeKind::k##Name; \
  Name() : Node(kKind) {}

// A number PostHog keeps as text: "Infinity", "-Infinity", "NaN", or an integer past int64.
struct NumberText {
  std::string text;
  bool operator==(const NumberText&) const = default;
};
using ConstantValue = std::variant<std::monostate, bool, int64_t, double, std::string, NumberText>;

struct Constant : Node {
  LARDER_HOGQL_NODE(Constant)
  ConstantValue value;  // monostate = NULL.
};

struct Field : Node {
  LARDER_HOGQL_NODE(Field)
  std::vector<std::string> chain;  // "*" for an asterisk.
};

struct Placeholder : Node {
  LARDER_HOGQL_NODE(Placeholder)
  NodePtr expr;
};

struct Alias : Node {
  LARDER_HOGQL_NODE(Alias)
  std::string alias;
  NodePtr expr;
};

struct ArithmeticOperation : Node {
  LARDER_HOGQL_NODE(ArithmeticOperation)
  std::string op;  // + - * / %
  NodePtr left, right;
};

struct CompareOperation : Node {
  LARDER_HOGQL_NODE(CompareOperation)
  // == != < <= > >= like ilike "not like" "not ilike" in "not in" "in cohort" "not in cohort"
  // =~ !~ =~* !~*
  std::string op;
  NodePtr left, right;
  bool is_null_comparison_style = false;  // Written as IS [NOT] NULL.
};

struct IsDistinctFrom : Node {
  LARDER_HOGQL_NODE(IsDistinctFrom)
  NodePtr left, right;
  bool negated = false;  // IS NOT DISTINCT FROM, <=>
};

struct BetweenExpr : Node {
  LARDER_HOGQL_NODE(BetweenExpr)
  NodePtr expr, low, high;
  bool negated = false;
};

struct And : Node {
  LARDER_HOGQL_NODE(And)
  NodeList exprs;
};

struct Or : Node {
  LARDER_HOGQL_NODE(Or)
  NodeList exprs;
};

struct Not : Node {
  LARDER_HOGQL_NODE(Not)
  NodePtr expr;
};

struct OrderExpr;

struct Call : Node {
  LARDER_HOGQL_NODE(Call)
  enum class Form { kCall, kSugar, kWithinGroup };  // Which keys PostHog emits.
  Form form = Form::kCall;
  std::string name;
  NodeList args;
  std::optional<NodeList> params;  // f(params)(args)
  bool distinct = false;
  NodePtr filter_expr;
  std::optional<NodeList> order_by;      // OrderExprs: f(x ORDER BY y)
  std::optional<NodeList> within_group;  // OrderExprs: WITHIN GROUP (ORDER BY …)
};

struct ExprCall : Node {
  LARDER_HOGQL_NODE(ExprCall)
  NodePtr expr;
  NodeList args;
};

struct WindowExpr : Node {
  LARDER_HOGQL_NODE(WindowExpr)
  std::optional<NodeList> partition_by;
  std::optional<NodeList> order_by;
  std::optional<std::string> frame_method;  // ROWS | RANGE
  NodePtr frame_start, frame_end;           // WindowFrameExprs
};

struct WindowFrameExpr : Node {
  LARDER_HOGQL_NODE(WindowFrameExpr)
  std::string frame_type;  // CURRENT ROW | PRECEDING | FOLLOWING
  NodePtr frame_value;     // Null for UNBOUNDED and CURRENT ROW.
};

struct WindowFunction : Node {
  LARDER_HOGQL_NODE(WindowFunction)
  std::string name;
  NodeList exprs;     // First parentheses.
  NodeList args;      // Second parentheses (parametric form).
  NodePtr over_expr;  // WindowExpr
  std::optional<std::string> over_identifier;
};

struct ArrayAccess : Node {
  LARDER_HOGQL_NODE(ArrayAccess)
  NodePtr array, property;
  bool nullish = false;
};

struct ArraySlice : Node {
  LARDER_HOGQL_NODE(ArraySlice)
  NodePtr array, start_expr, end_expr;
};

struct TupleAccess : Node {
  LARDER_HOGQL_NODE(TupleAccess)
  NodePtr tuple;
  int64_t index = 0;
  bool nullish = false;
};

struct Array : Node {
  LARDER_HOGQL_NODE(Array)
  NodeList exprs;
};

struct Tuple : Node {
  LARDER_HOGQL_NODE(Tuple)
  NodeList exprs;
};

struct Dict : Node {
  LARDER_HOGQL_NODE(Dict)
  std::vector<std::pair<NodePtr, NodePtr>> items;
};

struct Lambda : Node {
  LARDER_HOGQL_NODE(Lambda)
  std::vector<std::string> args;
  NodePtr expr;
};

struct TypeCast : Node {
  LARDER_HOGQL_NODE(TypeCast)
  NodePtr expr;
  std::string type_name;  // As written, lower-cased (PostHog's rendering).
};

struct TryCast : Node {
  LARDER_HOGQL_NODE(TryCast)
  NodePtr expr;
  std::string type_name;
};

struct ColumnsExpr : Node {
  LARDER_HOGQL_NODE(ColumnsExpr)
  std::optional<std::string> regex;
  std::optional<NodeList> columns;
  bool all_columns = false;
  std::optional<std::vector<std::string>> exclude;
  std::optional<std::map<std::string, NodePtr>> replace;
};

struct SpreadExpr : Node {
  LARDER_HOGQL_NODE(SpreadExpr)
  NodePtr expr;
};

struct PositionalRef : Node {
  LARDER_HOGQL_NODE(PositionalRef)
  int64_t index = 0;
};

struct NamedArgument : Node {
  LARDER_HOGQL_NODE(NamedArgument)
  std::string name;
  NodePtr value;
};

struct OrderExpr : Node {
  LARDER_HOGQL_NODE(OrderExpr)
  NodePtr expr;
  std::string order = "ASC";  // ASC | DESC
  bool nulls_first = false;   // NULLS FIRST (PostHog's AST drops it; Larder sorts by it).
  NodePtr with_fill;          // WithFillExpr
};

struct WithFillExpr : Node {
  LARDER_HOGQL_NODE(WithFillExpr)
  NodePtr from_value, to_value, step_value;
};

struct InterpolateExpr : Node {
  LARDER_HOGQL_NODE(InterpolateExpr)
  NodePtr expr, value;
};

struct LimitByExpr : Node {
  LARDER_HOGQL_NODE(LimitByExpr)
  NodePtr n, offset_value;
  NodeList exprs;
};

struct GroupingSet : Node {
  LARDER_HOGQL_NODE(GroupingSet)
  NodeList exprs;
};

struct RatioExpr : Node {
  LARDER_HOGQL_NODE(RatioExpr)
  NodePtr left, right;
};

struct SampleExpr : Node {
  LARDER_HOGQL_NODE(SampleExpr)
  NodePtr sample_value, offset_value;
};

struct JoinConstraint : Node {
  LARDER_HOGQL_NODE(JoinConstraint)
  NodePtr expr;
  std::string constraint_type;  // ON | USING
};

struct JoinExpr : Node {
  LARDER_HOGQL_NODE(JoinExpr)
  NodePtr table;                       // Field, SelectQuery, SelectSetQuery or Placeholder.
  std::optional<NodeList> table_args;  // Table function arguments.
  std::optional<std::string> alias;
  bool has_column_aliases_key = false;
  std::optional<std::vector<std::string>> column_aliases;
  bool table_final = false;
  NodePtr sample;  // SampleExpr
  std::unique_ptr<JoinExpr> next_join;
  std::optional<std::string> join_type;  // Set on every join but the first.
  bool has_constraint_key = false;       // Non-cross joins carry a constraint key, maybe null.
  NodePtr constraint;                    // JoinConstraint
};

struct CTE : Node {
  LARDER_HOGQL_NODE(CTE)
  std::string name;
  NodePtr expr;
  std::string cte_type;  // subquery | column
  std::optional<std::vector<std::string>> columns;
  std::optional<bool> materialized;
  std::optional<std::vector<std::string>> using_key;
  bool recursive = false;
};

struct SelectQuery : Node {
  LARDER_HOGQL_NODE(SelectQuery)
  std::optional<std::vector<std::unique_ptr<CTE>>> ctes;
  bool distinct = false;
  NodeList select;
  std::unique_ptr<JoinExpr> select_from;
  std::optional<std::string> array_join_op;
  std::optional<NodeList> array_join_list;
  NodePtr prewhere, where, having, qualify;
  std::optional<NodeList> group_by;
  std::optional<std::string> group_by_mode;  // all | rollup | cube | grouping_sets
  std::optional<std::map<std::string, NodePtr>> window_exprs;
  std::optional<NodeList> order_by;
  std::optional<NodeList> interpolate;
  NodePtr limit_by;  // LimitByExpr
  NodePtr limit, offset;
  bool limit_with_ties = false;
};

struct SelectSetQuery : Node {
  LARDER_HOGQL_NODE(SelectSetQuery)
  struct Subsequent {
    std::string set_operator;  // "UNION ALL", "UNION DISTINCT", "INTERSECT", "EXCEPT", …
    NodePtr select_query;
  };
  NodePtr initial_select_query;
  std::vector<Subsequent> subsequent_select_queries;
  std::optional<NodeList> order_by;  // ORDER BY after the last query applies to the whole set.
  NodePtr limit, offset;
  bool limit_with_ties = false;
};

#undef LARDER_HOGQL_NODE

}  // namespace larder::hogql
