// Array functions that build arrays: array(…) (what [a, b] means), range, arrayConcat,
// arrayPushBack, arrayPushFront, arrayFlatten and emptyArray<Type>(). Looking inside arrays is in
// array_search.cpp, reshaping them in array_transform.cpp, folding them to one value in
// array_fold.cpp, the lambda forms (arrayMap(x -> …), arrayFilter, …) in array_lambda.cpp.
#include "functions/registration.h"
#include "functions/scalar/array_internal.h"
#include "functions/scalar/cast_to_supertype.h"
#include "functions/scalar/row_gather.h"

namespace larder::functions {
namespace {

// ClickHouse's function_range_max_elements_in_block: range() fails beyond this many elements
// in one call instead of exhausting memory.
constexpr Int128 kMaxRangeElements = 500'000'000;

Result<LogicalType> ArrayType(const std::vector<LogicalType>& args) {
  // [] holds no values, not NULLs: Array(Nothing) as in ClickHouse, not Array(Nullable(Nothing)).
  if (args.empty()) return LogicalType::Array(LogicalType::Nothing().WithNullable(false));
  LARDER_ASSIGN_OR_RETURN(LogicalType element, rules::CommonSupertype(0, 1)(args));
  return LogicalType::Array(element);
}

// array(a, b, …): row r is [a[r], b[r], …] with every argument read as the element type; NULL
// arguments become NULL elements.
Status MakeArray(const KernelCall& call, ColumnVector* out) {
  const LogicalType& element = call.result_type.element();
  std::vector<CastArg> casts;
  std::vector<const ColumnVector*> sources;
  for (const KernelArg& arg : call.args) {
    LARDER_ASSIGN_OR_RETURN(CastArg cast, CastArgTo(arg, element, call.context));
    sources.push_back(cast.arg.vector);
    casts.push_back(std::move(cast));
  }
  const size_t width = casts.size();
  std::vector<RowRef> refs(call.rows * width);
  for (size_t row = 0; row < call.rows; ++row) {
    for (size_t i = 0; i < width; ++i) {
      refs[row * width + i] = {static_cast<uint32_t>(i),
                               static_cast<uint32_t>(casts[i].arg.Row(row))};
    }
  }
  GatherRows(sources, refs, /*keep_nulls=*/true, out->mutable_child());
  for (size_t row = 0; row < call.rows; ++row) out->AppendArrayRow(static_cast<uint32_t>(width));
  return Status::OK();
}

Result<LogicalType> RangeType(const std::vector<LogicalType>& args) {
  bool nullable = false;
  for (const LogicalType& arg : args) {
    LARDER_RETURN_IF_ERROR(RequireInteger(arg, "every argument of range"));
    nullable = nullable || arg.nullable();
  }
  return LogicalType::Array(LogicalType::Int64()).WithNullable(nullable);
}

// How many values range(start, end, step) holds: start, start + step, … short of end.
Result<Int128> RangeSize(Int128 start, Int128 end, Int128 step) {
  if (step > 0) return start < end ? (end - start - 1) / step + 1 : 0;
  if (step < 0) return start > end ? (start - end - 1) / -step + 1 : 0;
  if (start == end) return 0;
  return InvalidArgument("range: the step must not be 0");
}

// range(end) is [0, end); range(start, end[, step]) counts from start towards end (down when
// step is negative), end excluded.
Status Range(const KernelCall& call, ColumnVector* out) {
  const size_t arg_count = call.args.size();
  std::vector<int64_t> starts(call.rows), steps(call.rows);
  std::vector<uint32_t> sizes(call.rows);
  Int128 total = 0;
  for (size_t row = 0; row < call.rows; ++row) {
    bool null = false;
    for (const KernelArg& arg : call.args) null = null || arg.IsNull(row);
    if (null) continue;  // The engine makes the row NULL.
    const int64_t start = arg_count == 1 ? 0 : IntArgAt(call.args[0], row);
    const int64_t end = IntArgAt(call.args[arg_count == 1 ? 0 : 1], row);
    const int64_t step = arg_count == 3 ? IntArgAt(call.args[2], row) : 1;
    LARDER_ASSIGN_OR_RETURN(Int128 size, RangeSize(start, end, step));
    total += size;
    if (total > kMaxRangeElements) {
      return InvalidArgument(
          "range: would make more than {} array elements; ask for shorter ranges or fewer rows",
          static_cast<int64_t>(kMaxRangeElements));
    }
    starts[row] = start;
    steps[row] = step;
    sizes[row] = static_cast<uint32_t>(size);
  }
  int64_t* values = AppendSlots<int64_t>(out->mutable_child(), static_cast<size_t>(total));
  for (size_t row = 0; row < call.rows; ++row) {
    // Wraps like ClickHouse's integers; never beyond end, which is an int64_t.
    uint64_t value = static_cast<uint64_t>(starts[row]);
    for (uint32_t i = 0; i < sizes[row]; ++i) {
      *values++ = static_cast<int64_t>(value);
      value += static_cast<uint64_t>(steps[row]);
    }
    out->AppendArrayRow(sizes[row]);
  }
  return Status::OK();
}

Result<LogicalType> ConcatType(const std::vector<LogicalType>& args) {
  bool nullable = false;
  for (const LogicalType& arg : args) {
    LARDER_RETURN_IF_ERROR(RequireArray(arg, "every argument of arrayConcat"));
    nullable = nullable || arg.nullable();
  }
  LARDER_ASSIGN_OR_RETURN(LogicalType type, rules::CommonSupertype(0, 1)(args));
  return type.WithNullable(nullable);
}

// arrayConcat(a, b, …): the elements of a, then of b, … (each read as the result's element type).
Status Concat(const KernelCall& call, ColumnVector* out) {
  std::vector<CastArg> casts;
  std::vector<const ColumnVector*> children;
  for (const KernelArg& arg : call.args) {
    LARDER_ASSIGN_OR_RETURN(CastArg cast, CastArgTo(arg, call.result_type, call.context));
    children.push_back(&cast.arg.vector->child());
    casts.push_back(std::move(cast));
  }
  std::vector<RowRef> refs;
  std::vector<uint32_t> counts(call.rows);
  for (size_t row = 0; row < call.rows; ++row) {
    for (size_t i = 0; i < casts.size(); ++i) {
      ElementRange range = ElementsOf(casts[i].arg, row);
      for (uint32_t element = range.begin; element < range.end; ++element) {
        refs.push_back({static_cast<uint32_t>(i), element});
      }
      counts[row] += range.size();
    }
  }
  GatherRows(children, refs, /*keep_nulls=*/true, out->mutable_child());
  for (uint32_t count : counts) out->AppendArrayRow(count);
  return Status::OK();
}

Result<LogicalType> PushType(const std::vector<LogicalType>& args) {
  LARDER_RETURN_IF_ERROR(RequireArray(args[0], "the first argument"));
  auto element = CommonSupertype(args[0].element(), args[1]);
  if (!element) {
    return InvalidArgument("cannot add a {} to an {}", args[1].ToString(), args[0].ToString());
  }
  return LogicalType::Array(*element).WithNullable(args[0].nullable());
}

// arrayPushBack(arr, x) / arrayPushFront(arr, x): arr with x added at the end or the start (a
// NULL x adds a NULL element); NULL for a NULL arr.
ScalarKernel PushKernel(bool back) {
  return [back](const KernelCall& call, ColumnVector* out) -> Status {
    LARDER_ASSIGN_OR_RETURN(CastArg array, CastArgTo(call.args[0], call.result_type, call.context));
    LARDER_ASSIGN_OR_RETURN(CastArg value,
                            CastArgTo(call.args[1], call.result_type.element(), call.context));
    std::vector<const ColumnVector*> sources = {&array.arg.vector->child(), value.arg.vector};
    std::vector<RowRef> refs;
    std::vector<uint32_t> counts(call.rows);
    std::vector<uint8_t> nulls(call.rows, 0);
    bool any_null = false;
    for (size_t row = 0; row < call.rows; ++row) {
      if (array.arg.IsNull(row)) {
        nulls[row] = 1;
        any_null = true;
        continue;
      }
      const RowRef pushed{1, static_cast<uint32_t>(value.arg.Row(row))};
      if (!back) refs.push_back(pushed);
      ElementRange range = ElementsOf(array.arg, row);
      for (uint32_t element = range.begin; element < range.end; ++element) {
        refs.push_back({0, element});
      }
      if (back) refs.push_back(pushed);
      counts[row] = range.size() + 1;
    }
    GatherRows(sources, refs, /*keep_nulls=*/true, out->mutable_child());
    for (uint32_t count : counts) out->AppendArrayRow(count);
    if (any_null) *out->mutable_nulls() = std::move(nulls);
    return Status::OK();
  };
}

// The innermost element type of nested arrays.
const LogicalType& Innermost(const LogicalType& type) {
  return type.id() == TypeId::kArray ? Innermost(type.element()) : type;
}

Result<LogicalType> FlattenType(const std::vector<LogicalType>& args) {
  LARDER_RETURN_IF_ERROR(RequireArray(args[0], "the argument of arrayFlatten"));
  return LogicalType::Array(Innermost(args[0].element())).WithNullable(args[0].nullable());
}

// arrayFlatten(arr): the innermost elements of nested arrays, in order ([[1], [2, 3]] → [1, 2,
// 3]); NULL nested arrays add nothing.
Status Flatten(const KernelCall& call, ColumnVector* out) {
  const KernelArg& arg = call.args[0];
  for (size_t row = 0; row < call.rows; ++row) {
    ElementRange range = ElementsOf(arg, row);
    const ColumnVector* level = &arg.vector->child();
    while (level->type().id() == TypeId::kArray) {
      range = {level->offsets()[range.begin], level->offsets()[range.end]};
      level = &level->child();
    }
    out->mutable_child()->AppendRange(*level, range.begin, range.size());
    out->AppendArrayRow(range.size());
  }
  return Status::OK();
}

Status EmptyArrays(const KernelCall& call, ColumnVector* out) {
  for (size_t row = 0; row < call.rows; ++row) out->AppendArrayRow(0);
  return Status::OK();
}

void RegisterEmptyArrays(FunctionRegistry* r) {
  // Larder's Int64 and Float64 stand in for ClickHouse's narrower numbers.
  const std::pair<const char*, LogicalType> kEmptyArrays[] = {
      {"emptyArrayUInt8", kInt},     {"emptyArrayUInt16", kInt}, {"emptyArrayUInt32", kInt},
      {"emptyArrayUInt64", kInt},    {"emptyArrayInt8", kInt},   {"emptyArrayInt16", kInt},
      {"emptyArrayInt32", kInt},     {"emptyArrayInt64", kInt},  {"emptyArrayFloat32", kFloat},
      {"emptyArrayFloat64", kFloat}, {"emptyArrayDate", kDate},  {"emptyArrayDateTime", kDateTime},
      {"emptyArrayString", kString}};
  for (const auto& [name, element] : kEmptyArrays) {
    Scalar(r, name, 0, 0, Fixed(LogicalType::Array(element)), EmptyArrays);
  }
}

}  // namespace

void RegisterArraySearch(FunctionRegistry* r);
void RegisterArrayTransforms(FunctionRegistry* r);
void RegisterArrayFolds(FunctionRegistry* r);
void RegisterArrayLambdas(FunctionRegistry* r);

void RegisterArrays(FunctionRegistry* r) {
  Scalar(r, "array", 0, -1, ArrayType, MakeArray, NullHandling::kSpecial);
  Scalar(r, "range", 1, 3, RangeType, Range);
  Scalar(r, "arrayConcat", 1, -1, ConcatType, Concat);
  Scalar(r, "arrayPushBack", 2, 2, PushType, PushKernel(true), NullHandling::kSpecial);
  Scalar(r, "arrayPushFront", 2, 2, PushType, PushKernel(false), NullHandling::kSpecial);
  Scalar(r, "arrayFlatten", 1, 1, FlattenType, Flatten);
  RegisterEmptyArrays(r);
  // arrayJoin multiplies rows and is planned as an operator, not run as a kernel.
  Scalar(r, "arrayJoin", 1, 1, ElementOf(0));
  // Larder has no Tuple type: `tuple(…)` only serves IN lists, which the engine reads from the
  // bound call itself (execution/expression_evaluator.cpp), so it has no kernel.
  Scalar(r, "tuple", 1, -1, Fixed(kString));
  RegisterArraySearch(r);
  RegisterArrayTransforms(r);
  RegisterArrayFolds(r);
  RegisterArrayLambdas(r);
}

}  // namespace larder::functions
