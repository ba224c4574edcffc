// The array functions that take a lambda: arrayMap(x -> …, arr…) itself runs in the expression
// evaluator (it evaluates the lambda over every element); the others are bound as a kernel over
// the array and its mask, the lambda's arrayMap: arrayFilter(f, arr) is arrayFilter(arr,
// arrayMap(f, arr)), and so are arrayFirst, arrayLast, arrayFirstIndex and arrayLastIndex.
// arrayExists and arrayAll take a mask (with or without a lambda); arrayCount, arraySum, … with a
// lambda fold its arrayMap (planner/bind_lambda.cpp).
#include "functions/registration.h"
#include "functions/scalar/array_internal.h"
#include "functions/scalar/row_gather.h"

namespace larder::functions {
namespace {

Status RequireMask(const LogicalType& type, std::string_view function) {
  LARDER_RETURN_IF_ERROR(RequireArray(type, "the argument"));
  const TypeId id = type.element().id();
  if (id == TypeId::kBool || id == TypeId::kInt64 || id == TypeId::kNothing) return Status::OK();
  return InvalidArgument("{} needs a condition (a Bool or integer for each element), not {}",
                         function, type.ToString());
}

// Whether element `element` of a mask's elements is true: not NULL, not zero.
bool MaskAt(const ColumnVector& mask, uint32_t element) {
  if (mask.IsNull(element)) return false;
  switch (mask.type().id()) {
    case TypeId::kBool:
      return mask.data<uint8_t>()[element] != 0;
    case TypeId::kInt64:
      return mask.data<int64_t>()[element] != 0;
    default:
      return false;
  }
}

Result<LogicalType> MapType(const std::vector<LogicalType>& args) {
  for (size_t i = 1; i < args.size(); ++i) {
    LARDER_RETURN_IF_ERROR(RequireArray(args[i], "an argument after the lambda"));
  }
  return LogicalType::Array(args[0]);
}

Result<LogicalType> MaskedType(const std::vector<LogicalType>& args, bool element) {
  LARDER_RETURN_IF_ERROR(RequireArray(args[0], "the array"));
  LARDER_RETURN_IF_ERROR(RequireMask(args[1], "the lambda"));
  return element ? args[0].element() : args[0];
}

// arrayFilter(arr, mask): the elements whose mask is true.
Status Filter(const KernelCall& call, ColumnVector* out) {
  const KernelArg& array = call.args[0];
  const KernelArg& mask = call.args[1];
  std::vector<uint32_t> elements;
  std::vector<uint32_t> counts(call.rows);
  for (size_t row = 0; row < call.rows; ++row) {
    const ElementRange range = ElementsOf(array, row);
    const ElementRange truths = ElementsOf(mask, row);
    for (uint32_t i = 0; i < range.size() && i < truths.size(); ++i) {
      if (!MaskAt(mask.vector->child(), truths.begin + i)) continue;
      elements.push_back(range.begin + i);
      ++counts[row];
    }
  }
  AppendSelected(array.vector->child(), elements, counts, out);
  return Status::OK();
}

// The position in row `row` of the first (or last) element whose mask is true; nullopt if none.
std::optional<uint32_t> FindTrue(const KernelArg& mask, size_t row, bool last) {
  const ElementRange truths = ElementsOf(mask, row);
  for (uint32_t i = 0; i < truths.size(); ++i) {
    uint32_t at = last ? truths.size() - 1 - i : i;
    if (MaskAt(mask.vector->child(), truths.begin + at)) return at;
  }
  return std::nullopt;
}

// arrayFirst / arrayLast(arr, mask): the element, or the type's default when none matches.
ScalarKernel FirstKernel(bool last) {
  return [last](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& array = call.args[0];
    std::vector<RowRef> refs;
    refs.reserve(call.rows);
    for (size_t row = 0; row < call.rows; ++row) {
      std::optional<uint32_t> at = FindTrue(call.args[1], row, last);
      if (at) {
        refs.push_back({0, ElementsOf(array, row).begin + *at});
      } else {
        refs.push_back({kDefaultRow, 0});
      }
    }
    GatherRows({&array.vector->child()}, refs, true, out);
    return Status::OK();
  };
}

// arrayFirstIndex / arrayLastIndex(mask): 1-based position, 0 when none matches.
ScalarKernel IndexKernel(bool last) {
  return [last](const KernelCall& call, ColumnVector* out) -> Status {
    int64_t* positions = AppendSlots<int64_t>(out, call.rows);
    for (size_t row = 0; row < call.rows; ++row) {
      std::optional<uint32_t> at = FindTrue(call.args[0], row, last);
      positions[row] = at ? static_cast<int64_t>(*at) + 1 : 0;
    }
    return Status::OK();
  };
}

// arrayExists(mask) / arrayAll(mask).
ScalarKernel QuantifierKernel(bool all) {
  return [all](const KernelCall& call, ColumnVector* out) -> Status {
    uint8_t* results = AppendSlots<uint8_t>(out, call.rows);
    for (size_t row = 0; row < call.rows; ++row) {
      const ElementRange truths = ElementsOf(call.args[0], row);
      bool result = all;
      for (uint32_t i = truths.begin; i < truths.end && result == all; ++i) {
        if (MaskAt(call.args[0].vector->child(), i) != all) result = !all;
      }
      results[row] = result;
    }
    return Status::OK();
  };
}

ReturnTypeRule MaskFold(LogicalType type, std::string_view function) {
  return [type, function](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    LARDER_RETURN_IF_ERROR(RequireMask(args[0], function));
    return type.WithNullable(args[0].nullable());
  };
}

}  // namespace

void RegisterArrayLambdas(FunctionRegistry* r) {
  // No kernel: the expression evaluator runs the lambda over the elements.
  Scalar(r, "arrayMap", 2, -1, MapType);
  Scalar(
      r, "arrayFilter", 2, 2, [](const auto& args) { return MaskedType(args, false); }, Filter);
  Scalar(
      r, "arrayFirst", 2, 2, [](const auto& args) { return MaskedType(args, true); },
      FirstKernel(false));
  Scalar(
      r, "arrayLast", 2, 2, [](const auto& args) { return MaskedType(args, true); },
      FirstKernel(true));
  Scalar(r, "arrayFirstIndex", 1, 1, MaskFold(kInt, "arrayFirstIndex"), IndexKernel(false));
  Scalar(r, "arrayLastIndex", 1, 1, MaskFold(kInt, "arrayLastIndex"), IndexKernel(true));
  Scalar(r, "arrayExists", 1, 1, MaskFold(kBool, "arrayExists"), QuantifierKernel(false));
  Scalar(r, "arrayAll", 1, 1, MaskFold(kBool, "arrayAll"), QuantifierKernel(true));
}

}  // namespace larder::functions
