// ClickHouse's aggregate combinators as wrappers over any AggregateFactory, and the NULL handling
// every registered aggregate gets (ClickHouse's Null adapter). The engine uses MakeDistinct for
// count(DISTINCT x) and sum(DISTINCT x); RegisterAggregates names the combined forms.
#pragma once

#include "functions/aggregate/aggregate_spec.h"
#include "functions/kernel.h"

namespace larder::functions {

// -Distinct: each distinct argument row (rows with a NULL skipped) is fed once to `base`. The
// state keeps the distinct rows; `base` sees them when the result is made, so partial states
// merge exactly. Argument and result types are `base`'s.
AggregateFactory MakeDistinct(AggregateFactory base);

// -If: the last argument is a condition (Bool or Int64; NULL counts as false) choosing the rows
// `base` sees; `base` gets the other arguments.
AggregateFactory MakeIf(AggregateFactory base, std::string name);

// -Array: every argument is an array, and each element (the elements at one index of all
// arrays) is a row for `base`, which gets the element types. Arrays of one row must have equal
// sizes.
AggregateFactory MakeArray(AggregateFactory base, std::string name);

// ClickHouse's NULL handling around a spec's factory: Nullable is taken off the argument types
// `base` sees, and when the result type is Nullable (a Nullable argument, or -OrNull) the result
// is NULL for a group in which no row had all its arguments non-NULL. Arguments of type Nothing
// (a NULL literal) feed no row at all.
AggregateFactory MakeNullAware(AggregateFactory base);

// Registers spec.name and its combined forms: nameIf, nameDistinct, nameOrNull, nameArray and
// nameIfOrNull, each with ClickHouse's type rules (If: the rule of the arguments before the
// condition; OrNull: a Nullable result, except for arrays, which are [] instead).
void RegisterWithCombinators(FunctionRegistry* registry, const AggregateSpec& spec);

}  // namespace larder::functions
