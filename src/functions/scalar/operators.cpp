// The operators HogQL's syntax maps to functions: arithmetic (arithmetic.cpp), comparisons
// (comparison.cpp), logic (logical.cpp) and IN, whose sets the execution engine builds itself
// (execution/in_set.h).
#include "functions/registration.h"

namespace larder::functions {

void RegisterArithmetic(FunctionRegistry* r);
void RegisterComparisons(FunctionRegistry* r);
void RegisterLogical(FunctionRegistry* r);

void RegisterOperators(FunctionRegistry* r) {
  RegisterArithmetic(r);
  RegisterComparisons(r);
  RegisterLogical(r);
  for (const char* name : {"in", "notIn", "globalIn", "globalNotIn"}) {
    Scalar(r, name, 2, 2, Fixed(kBool));
  }
}

}  // namespace larder::functions
