// Pieces shared by the conditional kernels (conditional.cpp, null_functions.cpp,
// greatest_least.cpp): converting branches to the result type and matching values as `equals`.
#pragma once

#include <vector>

#include "functions/scalar/cast_to_supertype.h"

namespace larder::functions {

// call.args[i] for i in `indexes`, each read as call.result_type.
Status CastArgs(const KernelCall& call, const std::vector<size_t>& indexes,
                std::vector<CastArg>* casts);

// mask[row] = 1 where `equals` (the comparison kernel) says a = b on that row and neither is
// NULL; `call` gives the row count and context.
Status EqualsMask(const ScalarKernel& equals, const KernelCall& call, const KernelArg& a,
                  const KernelArg& b, std::vector<uint8_t>* mask);

}  // namespace larder::functions
