// Lambdas: `arrayMap(x, y -> body, arr1, arr2)` binds the body with x and y as the elements of the
// arrays (see BoundExpr::Kind::kLambdaParam), and the other functions that take a lambda are
// bound through arrayMap: arrayFilter(f, arr) as arrayFilter(arr, arrayMap(f, arr)), arraySum(f,
// arr) as arraySum(arrayMap(f, arr)), and so on.
#include <array>

#include "planner/binder_impl.h"

namespace larder::planner {
namespace {

// Functions whose lambda form folds the lambda's values: F(f, arr…) = F(arrayMap(f, arr…)).
constexpr std::array<std::string_view, 8> kFoldsOfMap = {"arraySum", "arrayAvg",   "arrayMin",
                                                         "arrayMax", "arrayCount", "arrayExists",
                                                         "arrayAll", "arrayUniq"};
// Functions that take the first array and the lambda's values as a mask.
constexpr std::array<std::string_view, 3> kArrayAndMask = {"arrayFilter", "arrayFirst",
                                                           "arrayLast"};
// Functions that take the mask only.
constexpr std::array<std::string_view, 2> kMaskOnly = {"arrayFirstIndex", "arrayLastIndex"};

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

BoundExprPtr Binder::FindLambdaParam(const std::string& name) const {
  size_t after = 0;  // Parameters of the lambdas inside the one searched.
  for (auto frame = lambda_frames_.rbegin(); frame != lambda_frames_.rend(); ++frame) {
    for (size_t slot = 0; slot < frame->size(); ++slot) {
      if ((*frame)[slot].name != name) continue;
      auto param = std::make_unique<BoundExpr>();
      param->kind = BoundExpr::Kind::kLambdaParam;
      param->column = after + frame->size() - slot;
      param->type = (*frame)[slot].type;
      param->name = name;
      return param;
    }
    after += frame->size();
  }
  return nullptr;
}

Result<BoundExprPtr> Binder::BindLambdaCall(const hogql::Call& call, const ExprContext& context) {
  const std::string& name = call.name;
  const functions::FunctionInfo* function = functions_.Find(name);
  const std::string canonical = function ? function->name : name;
  if (canonical != "arrayMap" && !OneOf(kFoldsOfMap, canonical) &&
      !OneOf(kArrayAndMask, canonical) && !OneOf(kMaskOnly, canonical)) {
    return NotSupported(call, fmt::format("a lambda as an argument of `{}`", name));
  }
  const auto& lambda = static_cast<const hogql::Lambda&>(*call.args[0]);
  if (call.args.size() < 2) {
    return Error(call, fmt::format("`{}` needs one or more arrays after its lambda", name));
  }
  std::vector<BoundExprPtr> arrays;
  std::vector<Field> params;
  for (size_t i = 1; i < call.args.size(); ++i) {
    if (As<hogql::Lambda>(call.args[i].get())) {
      return Error(*call.args[i], fmt::format("`{}` takes one lambda, first", name));
    }
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr array, BindExpr(*call.args[i], context));
    if (array->type.id() != TypeId::kArray) {
      return Error(*call.args[i], fmt::format("`{}` needs arrays after its lambda, not {}", name,
                                              array->type.ToString()));
    }
    if (i - 1 < lambda.args.size()) params.push_back({lambda.args[i - 1], array->type.element()});
    arrays.push_back(std::move(array));
  }
  if (lambda.args.size() != arrays.size()) {
    return Error(lambda, fmt::format("the lambda of `{}` takes {} parameter{} but {} array{} "
                                     "given",
                                     name, lambda.args.size(), lambda.args.size() == 1 ? "" : "s",
                                     arrays.size(), arrays.size() == 1 ? " is" : "s are"));
  }
  lambda_frames_.push_back(std::move(params));
  ExprContext inner = context;
  inner.allow_aggregates = false;
  Result<BoundExprPtr> body = BindExpr(*lambda.expr, inner);
  lambda_frames_.pop_back();
  if (!body.ok()) return body.status();
  auto bound_lambda = std::make_unique<BoundExpr>();
  bound_lambda->kind = BoundExpr::Kind::kLambda;
  bound_lambda->column = lambda.args.size();
  bound_lambda->type = (*body)->type;
  bound_lambda->name = TextOf(lambda);
  bound_lambda->args.push_back(std::move(*body));
  std::vector<BoundExprPtr> map_args;
  map_args.push_back(std::move(bound_lambda));
  BoundExprPtr first_array = arrays[0]->Clone();
  for (BoundExprPtr& array : arrays) map_args.push_back(std::move(array));
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr mapped, CallFunction("arrayMap", std::move(map_args), call));
  if (canonical == "arrayMap") return mapped;
  std::vector<BoundExprPtr> args;
  if (OneOf(kArrayAndMask, canonical)) args.push_back(std::move(first_array));
  args.push_back(std::move(mapped));
  return CallFunction(name, std::move(args), call);
}

}  // namespace larder::planner
