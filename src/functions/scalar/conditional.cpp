// Conditionals: if, multiIf, CASE, coalesce, ifNull, nullIf, assumeNotNull, greatest, least.
#include "functions/registration.h"

namespace larder::functions {

void RegisterConditionals(FunctionRegistry* r) {
  Scalar(r, "if", 3, 3, rules::CommonSupertype(1, 1));
  Scalar(r, "multiIf", 3, -1, [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    std::vector<LogicalType> branches;
    for (size_t i = 1; i < args.size(); i += 2) branches.push_back(args[i]);
    branches.push_back(args.back());
    return rules::CommonSupertype(0, 1)(branches);
  });
  Scalar(r, "_caseWithExpression", 4, -1,
         [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
           std::vector<LogicalType> branches;
           for (size_t i = 2; i < args.size(); i += 2) branches.push_back(args[i]);
           branches.push_back(args.back());
           return rules::CommonSupertype(0, 1)(branches);
         });
  Scalar(r, "coalesce", 1, -1, rules::CommonSupertype(0, 1));
  Scalar(r, "ifNull", 2, 2, [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    LARDER_ASSIGN_OR_RETURN(LogicalType type, rules::CommonSupertype(0, 1)(args));
    return type.WithNullable(args[1].nullable());
  });
  Scalar(r, "nullIf", 2, 2, SameAsArgument(0, true));
  Scalar(r, "assumeNotNull", 1, 1, [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    return args[0].WithNullable(false);
  });
  Scalar(r, "toNullable", 1, 1, SameAsArgument(0, true));
  Scalar(r, "greatest", 1, -1, rules::CommonSupertype(0, 1));
  Scalar(r, "least", 1, -1, rules::CommonSupertype(0, 1));
}

}  // namespace larder::functions
