// Parser: function calls (plain, parametric, DISTINCT, ORDER BY, FILTER, WITHIN GROUP), window
// calls with OVER, window specifications and ORDER BY items.
#include "hogql/lexer.h"
#include "hogql/parser_impl.h"

namespace larder::hogql {
namespace {

// One parenthesised argument group of a call: ( [DISTINCT] [args] [ORDER BY …] ).
struct ArgumentGroup {
  bool distinct = false;
  NodeList args;
  std::optional<NodeList> order_by;
};

}  // namespace

Result<NodePtr> Parser::FunctionCall() {
  const size_t start = pos_;
  std::string name = IdentifierText(Next());
  LARDER_RETURN_IF_ERROR(Expect(TokenType::kLParen));
  if (At(TokenType::kSELECT) || At(TokenType::kWITH)) {
    LARDER_ASSIGN_OR_RETURN(std::optional<NodePtr> query,
                            Speculate(Attempt::kSubqueryCall, [this]() -> Result<NodePtr> {
                              LARDER_ASSIGN_OR_RETURN(NodePtr select, SelectSet());
                              LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
                              return select;
                            }));
    if (query) {
      auto call = Make<Call>(start);
      call->form = Call::Form::kSugar;
      call->name = std::move(name);
      call->args.push_back(std::move(*query));
      return NodePtr(std::move(call));
    }
  }
  auto group = [this]() -> Result<ArgumentGroup> {
    ArgumentGroup result;
    result.distinct = Accept(TokenType::kDISTINCT);
    while (!At(TokenType::kRParen) && !At(TokenType::kORDER)) {
      LARDER_ASSIGN_OR_RETURN(NodePtr arg, Expression());
      result.args.push_back(std::move(arg));
      if (!Accept(TokenType::kComma)) break;
    }
    if (At(TokenType::kORDER) && At(TokenType::kBY, 1)) {
      pos_ += 2;
      LARDER_ASSIGN_OR_RETURN(result.order_by, OrderList());
    }
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
    return result;
  };
  LARDER_ASSIGN_OR_RETURN(ArgumentGroup first, group());
  std::optional<ArgumentGroup> second;
  if (Accept(TokenType::kLParen)) {
    LARDER_ASSIGN_OR_RETURN(second, group());
  }
  if (!second && At(TokenType::kWITHIN) && At(TokenType::kGROUP, 1)) {
    pos_ += 2;
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kLParen));
    if (!At(TokenType::kORDER) || !At(TokenType::kBY, 1)) return Fail(Peek(), "expected ORDER BY");
    pos_ += 2;
    auto call = Make<Call>(start);
    call->form = Call::Form::kWithinGroup;
    call->name = std::move(name);
    call->params = std::move(first.args);
    LARDER_ASSIGN_OR_RETURN(call->within_group, OrderList());
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
    call->end = tokens_[pos_ - 1].end;
    return NodePtr(std::move(call));
  }
  NodePtr filter;
  if (At(TokenType::kFILTER) && At(TokenType::kLParen, 1)) {
    pos_ += 2;
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kWHERE));
    LARDER_ASSIGN_OR_RETURN(filter, Expression());
    LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
  }
  if (At(TokenType::kOVER)) {
    if (first.distinct || first.order_by || (second && second->order_by)) {
      return Fail(Peek(), "DISTINCT and ORDER BY are not allowed in a window function's arguments");
    }
    ++pos_;
    auto function = Make<WindowFunction>(start);
    function->name = std::move(name);
    function->exprs = std::move(first.args);
    if (second) function->args = std::move(second->args);
    if (Accept(TokenType::kLParen)) {
      LARDER_ASSIGN_OR_RETURN(function->over_expr, WindowSpec());
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kRParen));
    } else {
      LARDER_ASSIGN_OR_RETURN(function->over_identifier, Identifier());
    }
    function->end = tokens_[pos_ - 1].end;
    return NodePtr(std::move(function));
  }
  auto call = Make<Call>(start);
  call->name = std::move(name);
  call->filter_expr = std::move(filter);
  if (second) {
    if (first.distinct || first.order_by) {
      return Fail(tokens_[start], "DISTINCT and ORDER BY belong in the last parentheses");
    }
    call->params = std::move(first.args);
    call->args = std::move(second->args);
    call->distinct = second->distinct;
    call->order_by = std::move(second->order_by);
  } else {
    call->args = std::move(first.args);
    call->distinct = first.distinct;
    call->order_by = std::move(first.order_by);
  }
  return NodePtr(std::move(call));
}

Result<NodePtr> Parser::WindowSpec() {
  const size_t start = pos_;
  auto window = Make<WindowExpr>(start);
  if (At(TokenType::kPARTITION) && At(TokenType::kBY, 1)) {
    pos_ += 2;
    NodeList partition;
    do {
      LARDER_ASSIGN_OR_RETURN(NodePtr expr, Expression());
      partition.push_back(std::move(expr));
    } while (Accept(TokenType::kComma) && !At(TokenType::kRParen));
    window->partition_by = std::move(partition);
  }
  if (At(TokenType::kORDER) && At(TokenType::kBY, 1)) {
    pos_ += 2;
    LARDER_ASSIGN_OR_RETURN(window->order_by, OrderList());
  }
  if (At(TokenType::kROWS) || At(TokenType::kRANGE)) {
    window->frame_method = At(TokenType::kROWS) ? "ROWS" : "RANGE";
    ++pos_;
    if (Accept(TokenType::kBETWEEN)) {
      LARDER_ASSIGN_OR_RETURN(window->frame_start, FrameBound());
      LARDER_RETURN_IF_ERROR(Expect(TokenType::kAND));
      LARDER_ASSIGN_OR_RETURN(window->frame_end, FrameBound());
    } else {
      LARDER_ASSIGN_OR_RETURN(window->frame_start, FrameBound());
    }
  }
  window->end = pos_ > start ? tokens_[pos_ - 1].end : tokens_[start].start;
  return NodePtr(std::move(window));
}

Result<NodePtr> Parser::FrameBound() {
  const size_t start = pos_;
  auto frame = Make<WindowFrameExpr>(start);
  if (At(TokenType::kCURRENT) && At(TokenType::kROW, 1)) {
    pos_ += 2;
    frame->frame_type = "CURRENT ROW";
  } else if (At(TokenType::kUNBOUNDED) &&
             (At(TokenType::kPRECEDING, 1) || At(TokenType::kFOLLOWING, 1))) {
    ++pos_;
    frame->frame_type = Next().type == TokenType::kPRECEDING ? "PRECEDING" : "FOLLOWING";
  } else {
    LARDER_ASSIGN_OR_RETURN(frame->frame_value, Expression());
    if (!At(TokenType::kPRECEDING) && !At(TokenType::kFOLLOWING)) {
      return Fail(Peek(), "expected PRECEDING or FOLLOWING");
    }
    frame->frame_type = Next().type == TokenType::kPRECEDING ? "PRECEDING" : "FOLLOWING";
  }
  frame->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(frame));
}

Result<NodeList> Parser::OrderList() {
  NodeList items;
  do {
    LARDER_ASSIGN_OR_RETURN(NodePtr item, OrderItem());
    items.push_back(std::move(item));
  } while (Accept(TokenType::kComma));
  return items;
}

Result<NodePtr> Parser::OrderItem() {
  const size_t start = pos_;
  auto order = Make<OrderExpr>(start);
  LARDER_ASSIGN_OR_RETURN(order->expr, Expression());
  if (Accept(TokenType::kDESC) || Accept(TokenType::kDESCENDING)) {
    order->order = "DESC";
  } else {
    Accept(TokenType::kASCENDING);
  }
  if (At(TokenType::kNULLS) && (At(TokenType::kFIRST, 1) || At(TokenType::kLAST, 1))) {
    order->nulls_first = At(TokenType::kFIRST, 1);
    pos_ += 2;
  }
  if (At(TokenType::kCOLLATE) && At(TokenType::kString, 1)) pos_ += 2;
  if (At(TokenType::kWITH) && At(TokenType::kFILL, 1)) {
    const size_t fill_start = pos_;
    pos_ += 2;
    auto fill = Make<WithFillExpr>(fill_start);
    if (Accept(TokenType::kFROM)) {
      LARDER_ASSIGN_OR_RETURN(fill->from_value, Expression());
    }
    if (Accept(TokenType::kTO)) {
      LARDER_ASSIGN_OR_RETURN(fill->to_value, Expression());
    }
    if (Accept(TokenType::kSTEP)) {
      LARDER_ASSIGN_OR_RETURN(fill->step_value, Expression());
    }
    fill->end = tokens_[pos_ - 1].end;
    order->with_fill = std::move(fill);
  }
  order->end = tokens_[pos_ - 1].end;
  return NodePtr(std::move(order));
}

}  // namespace larder::hogql
