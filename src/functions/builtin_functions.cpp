// The built-in functions: names, argument counts and result types (ClickHouse semantics; counts
// are Int64 where ClickHouse says UInt64, and comparisons are Bool where it says UInt8), with
// their kernels. Each family registers itself from its own file.
#include "functions/registration.h"

namespace larder::functions {

void Scalar(FunctionRegistry* registry, std::string name, int min_args, int max_args,
            ReturnTypeRule rule, ScalarKernel kernel, NullHandling nulls) {
  FunctionInfo info{std::move(name), FunctionKind::kScalar, min_args, max_args, 0, 0,
                    std::move(rule)};
  info.kernel = std::move(kernel);
  info.nulls = nulls;
  registry->Register(std::move(info));
}

void Aggregate(FunctionRegistry* registry, std::string name, int min_args, int max_args,
               ReturnTypeRule rule, int max_params, int min_params, AggregateFactory factory) {
  FunctionInfo info{std::move(name), FunctionKind::kAggregate, min_args, max_args, min_params,
                    max_params,      std::move(rule)};
  info.aggregate = std::move(factory);
  registry->Register(std::move(info));
}

ReturnTypeRule Propagating(LogicalType type) {
  return [type](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    bool nullable = false;
    for (const LogicalType& arg : args) nullable = nullable || arg.nullable();
    return type.WithNullable(nullable);
  };
}

ReturnTypeRule ArrayOf(size_t index) {
  return [index](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    return LogicalType::Array(args.at(index));
  };
}

ReturnTypeRule ElementOf(size_t index) {
  return [index](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    const LogicalType& array = args.at(index);
    if (array.id() != TypeId::kArray) {
      return InvalidArgument("expected an Array, not {}", array.ToString());
    }
    return array.element();
  };
}

ReturnTypeRule SumType() {
  return [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    TypeId id = args.at(0).id();
    if (id == TypeId::kFloat64) return kFloat;
    if (id == TypeId::kDecimal) return LogicalType::Decimal(args[0].scale());
    if (id == TypeId::kInt64 || id == TypeId::kBool || id == TypeId::kNothing) return kInt;
    return InvalidArgument("sum needs numbers, not {}", args[0].ToString());
  };
}

FunctionRegistry BuiltinFunctions() {
  FunctionRegistry registry;
  RegisterOperators(&registry);
  RegisterMath(&registry);
  RegisterConditionals(&registry);
  RegisterConversions(&registry);
  RegisterStrings(&registry);
  RegisterDates(&registry);
  RegisterArrays(&registry);
  RegisterAggregates(&registry);
  RegisterWindows(&registry);
  return registry;
}

}  // namespace larder::functions
