// Window functions: row_number, rank, dense_rank, lag / lead, first_value, last_value, nth_value.
#include "functions/registration.h"

namespace larder::functions {

void RegisterWindows(FunctionRegistry* r) {
  for (const char* name : {"row_number", "rank", "dense_rank"}) {
    r->Register({name, FunctionKind::kWindow, 0, 0, 0, 0, Fixed(kInt)});
  }
  for (const char* name : {"lagInFrame", "leadInFrame", "lag", "lead"}) {
    r->Register({name, FunctionKind::kWindow, 1, 3, 0, 0, SameAsArgument(0, true)});
  }
  for (const char* name : {"first_value", "last_value"}) {
    r->Register({name, FunctionKind::kWindow, 1, 1, 0, 0, SameAsArgument(0, true)});
  }
  // Past the frame nth_value gives the type's default (NULL only for a Nullable argument).
  r->Register({"nth_value", FunctionKind::kWindow, 2, 2, 0, 0, SameAsArgument(0)});
}

}  // namespace larder::functions
