// Binder: window functions — f(args) OVER (PARTITION BY … ORDER BY … frame) or OVER name — and
// the Window operator that computes them after grouping.
#include <cmath>

#include "planner/binder_impl.h"

namespace larder::planner {
namespace {

using hogql::As;

Result<BoundExpr::FrameBound> FrameBoundOf(const hogql::WindowFrameExpr& frame, bool start) {
  using Type = BoundExpr::FrameBound::Type;
  BoundExpr::FrameBound bound;
  if (frame.frame_type == "CURRENT ROW") return bound;
  bool preceding = frame.frame_type == "PRECEDING";
  if (!frame.frame_value) {
    bound.type = preceding ? Type::kUnboundedPreceding : Type::kUnboundedFollowing;
    return bound;
  }
  const auto* constant = As<hogql::Constant>(frame.frame_value.get());
  const int64_t* offset = constant ? std::get_if<int64_t>(&constant->value) : nullptr;
  if (!offset || *offset < 0) {
    return InvalidArgument("a window frame bound must be a whole number of rows of at least 0");
  }
  bound.type = preceding ? Type::kPreceding : Type::kFollowing;
  bound.offset = *offset;
  (void)start;
  return bound;
}

// Where a frame bound lies relative to the current row (rows or range units).
long double FramePosition(const BoundExpr::FrameBound& bound) {
  using Type = BoundExpr::FrameBound::Type;
  switch (bound.type) {
    case Type::kUnboundedPreceding:
      return -INFINITY;
    case Type::kPreceding:
      return -static_cast<long double>(bound.offset);
    case Type::kCurrentRow:
      return 0;
    case Type::kFollowing:
      return static_cast<long double>(bound.offset);
    case Type::kUnboundedFollowing:
      return INFINITY;
  }
  return 0;
}

void CollectWindows(const BoundExpr& expr, std::vector<BoundExprPtr>* windows) {
  if (expr.kind == BoundExpr::Kind::kWindow) {
    for (const BoundExprPtr& existing : *windows) {
      if (existing->SameAs(expr)) return;
    }
    windows->push_back(expr.Clone());
    return;
  }
  for (const BoundExprPtr& arg : expr.args) CollectWindows(*arg, windows);
}

BoundExprPtr ReplaceWindows(const BoundExpr& expr, const std::vector<BoundExprPtr>& windows,
                            size_t first_column) {
  if (expr.kind == BoundExpr::Kind::kWindow) {
    for (size_t i = 0; i < windows.size(); ++i) {
      if (windows[i]->SameAs(expr)) return MakeColumn(first_column + i, expr.type, expr.name);
    }
  }
  BoundExprPtr copy = expr.Clone();
  for (BoundExprPtr& arg : copy->args) arg = ReplaceWindows(*arg, windows, first_column);
  return copy;
}

}  // namespace

Status Binder::BindWindowSpec(const hogql::WindowExpr& window, const ExprContext& context,
                              BoundExpr* call) {
  ExprContext inner = context;
  inner.clause = "OVER";
  if (window.partition_by) {
    for (const hogql::NodePtr& node : *window.partition_by) {
      LARDER_ASSIGN_OR_RETURN(BoundExprPtr expr, BindExpr(*node, inner));
      call->args.push_back(std::move(expr));
      ++call->window_partitions;
    }
  }
  if (window.order_by) {
    for (const hogql::NodePtr& node : *window.order_by) {
      const auto* order = As<hogql::OrderExpr>(node.get());
      LARDER_ASSIGN_OR_RETURN(BoundExprPtr expr, BindExpr(*order->expr, inner));
      call->args.push_back(std::move(expr));
      call->window_order_descending.push_back(order->order == "DESC");
      call->window_order_nulls_first.push_back(order->nulls_first);
    }
  }
  if (window.frame_method) {
    BoundExpr::Frame frame;
    frame.rows = *window.frame_method == "ROWS";
    const auto* start = As<hogql::WindowFrameExpr>(window.frame_start.get());
    auto start_bound = FrameBoundOf(*start, true);
    if (!start_bound.ok()) return Error(*start, start_bound.status().message());
    frame.start = *start_bound;
    if (const auto* end = As<hogql::WindowFrameExpr>(window.frame_end.get())) {
      auto end_bound = FrameBoundOf(*end, false);
      if (!end_bound.ok()) return Error(*end, end_bound.status().message());
      frame.end = *end_bound;
    }
    if (FramePosition(frame.start) > FramePosition(frame.end) ||
        frame.start.type == BoundExpr::FrameBound::Type::kUnboundedFollowing ||
        frame.end.type == BoundExpr::FrameBound::Type::kUnboundedPreceding) {
      return Error(*window.frame_start, "the window frame starts after it ends");
    }
    call->frame = frame;
  }
  return Status::OK();
}

Result<BoundExprPtr> Binder::BindWindowFunction(const hogql::WindowFunction& function,
                                                const ExprContext& context) {
  if (!context.allow_aggregates) {
    return Error(function, fmt::format("Window function `{}` is not allowed in {}", function.name,
                                       context.clause));
  }
  const functions::FunctionInfo* info = functions_.Find(function.name);
  if (info && info->kind == functions::FunctionKind::kScalar) {
    return Error(function, fmt::format("`{}` is not an aggregate or window function, so it cannot "
                                       "be used with OVER",
                                       function.name));
  }
  ExprContext inner = context;
  // f(a, b) OVER …: arguments in `exprs`; f(p)(a) OVER …: parameters in `exprs`.
  const hogql::NodeList& arg_nodes = function.args.empty() ? function.exprs : function.args;
  std::vector<BoundExprPtr> args;
  for (const hogql::NodePtr& node : arg_nodes) {
    const auto* field = As<hogql::Field>(node.get());
    if (field && field->chain == std::vector<std::string>{"*"}) continue;  // count(*) OVER …
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr arg, BindExpr(*node, inner));
    args.push_back(std::move(arg));
  }
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr call,
                          CallFunction(function.name, std::move(args), function));
  call->kind = BoundExpr::Kind::kWindow;
  call->window_args = call->args.size();
  if (!function.args.empty()) {
    for (const hogql::NodePtr& param : function.exprs) {
      LARDER_ASSIGN_OR_RETURN(BoundExprPtr value, BindExpr(*param, inner));
      if (value->kind != BoundExpr::Kind::kConstant) {
        return Error(*param, fmt::format("parameters of `{}` must be constants", function.name));
      }
      call->params.push_back(value->value);
    }
  }
  const hogql::WindowExpr* window = As<hogql::WindowExpr>(function.over_expr.get());
  if (function.over_identifier) {
    auto found = context.windows ? context.windows->find(*function.over_identifier)
                                 : std::map<std::string, hogql::NodePtr>::const_iterator();
    if (!context.windows || found == context.windows->end()) {
      return Error(function, fmt::format("Window `{}` is not defined; add WINDOW {} AS (…)",
                                         *function.over_identifier, *function.over_identifier));
    }
    window = As<hogql::WindowExpr>(found->second.get());
  }
  if (window) LARDER_RETURN_IF_ERROR(BindWindowSpec(*window, context, call.get()));
  return call;
}

Result<LogicalPtr> Binder::Windows(LogicalPtr input, std::vector<BoundExprPtr>* select,
                                   std::vector<LogicalOperator::SortKey>* order) {
  std::vector<BoundExprPtr> windows;
  for (const BoundExprPtr& expr : *select) CollectWindows(*expr, &windows);
  for (const auto& key : *order) CollectWindows(*key.expr, &windows);
  if (windows.empty()) return input;
  const size_t first_column = input->output.fields.size();
  for (BoundExprPtr& expr : *select) expr = ReplaceWindows(*expr, windows, first_column);
  for (auto& key : *order) key.expr = ReplaceWindows(*key.expr, windows, first_column);
  auto op = MakeOperator(LogicalOperator::Kind::kWindow, std::move(input));
  for (const BoundExprPtr& window : windows) {
    op->output.fields.push_back({window->name, window->type});
  }
  op->exprs = std::move(windows);
  return op;
}

}  // namespace larder::planner
