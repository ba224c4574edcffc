// Array functions: array, range, has, indexOf, arraySort, arrayConcat, arraySlice, tuple.
#include "functions/registration.h"

namespace larder::functions {

void RegisterArrays(FunctionRegistry* r) {
  Scalar(r, "array", 0, -1, [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    if (args.empty()) return LogicalType::Array(LogicalType::Nothing());
    LARDER_ASSIGN_OR_RETURN(LogicalType element, rules::CommonSupertype(0, 1)(args));
    return LogicalType::Array(element);
  });
  Scalar(r, "arrayJoin", 1, 1, ElementOf(0));
  Scalar(r, "arrayElement", 2, 2, ElementOf(0));
  Scalar(r, "has", 2, 2, Fixed(kBool));
  Scalar(r, "hasAny", 2, 2, Fixed(kBool));
  Scalar(r, "hasAll", 2, 2, Fixed(kBool));
  Scalar(r, "indexOf", 2, 2, Fixed(kInt));
  Scalar(r, "arrayDistinct", 1, 1, SameAsArgument(0));
  Scalar(r, "arraySort", 1, 2, SameAsArgument(0));
  Scalar(r, "arraySlice", 2, 3, SameAsArgument(0));
  Scalar(r, "arrayConcat", 1, -1, SameAsArgument(0));
  Scalar(r, "arrayStringConcat", 1, 2, Fixed(kString));
  Scalar(r, "range", 1, 3, Fixed(LogicalType::Array(kInt)));
  Scalar(r, "tuple", 1, -1, Fixed(kString));
}

}  // namespace larder::functions
