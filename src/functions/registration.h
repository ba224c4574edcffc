// Shared pieces for the function families' registration (functions/scalar/*.cpp,
// functions/aggregate/*.cpp, functions/window/*.cpp): shorthands and common type rules.
#pragma once

#include "functions/function_registry.h"

namespace larder::functions {

inline const LogicalType kBool = LogicalType::Bool();
inline const LogicalType kInt = LogicalType::Int64();
inline const LogicalType kFloat = LogicalType::Float64();
inline const LogicalType kString = LogicalType::String();
inline const LogicalType kDate = LogicalType::Date();
inline const LogicalType kDateTime = LogicalType::DateTime();

using rules::Arithmetic;
using rules::Fixed;
using rules::SameAsArgument;

// Registers a scalar with its kernel (none yet when empty).
void Scalar(FunctionRegistry* registry, std::string name, int min_args, int max_args,
            ReturnTypeRule rule, ScalarKernel kernel = nullptr,
            NullHandling nulls = NullHandling::kPropagate);
void Aggregate(FunctionRegistry* registry, std::string name, int min_args, int max_args,
               ReturnTypeRule rule, int max_params = 0, int min_params = 0,
               AggregateFactory factory = nullptr);
// Keeps the nullability of the arguments: NULL in, NULL out.
ReturnTypeRule Propagating(LogicalType type);
ReturnTypeRule ArrayOf(size_t index);
ReturnTypeRule ElementOf(size_t index);
ReturnTypeRule SumType();

void RegisterOperators(FunctionRegistry* r);
void RegisterMath(FunctionRegistry* r);
void RegisterConditionals(FunctionRegistry* r);
void RegisterConversions(FunctionRegistry* r);
void RegisterStrings(FunctionRegistry* r);
void RegisterDates(FunctionRegistry* r);
void RegisterArrays(FunctionRegistry* r);
void RegisterAggregates(FunctionRegistry* r);
void RegisterWindows(FunctionRegistry* r);

}  // namespace larder::functions
