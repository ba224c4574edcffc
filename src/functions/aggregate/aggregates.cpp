// Aggregate functions: count, sum, avg, min, max, any, uniq, groupArray, quantile, … and -If forms.
#include "functions/registration.h"

namespace larder::functions {

void RegisterAggregates(FunctionRegistry* r) {
  Aggregate(r, "count", 0, 1, Fixed(kInt));
  Aggregate(r, "countIf", 1, 2, Fixed(kInt));
  for (const char* name : {"uniq", "uniqExact", "uniqHLL12", "uniqCombined"}) {
    Aggregate(r, name, 1, -1, Fixed(kInt));
  }
  Aggregate(r, "uniqIf", 2, 2, Fixed(kInt));
  Aggregate(r, "sum", 1, 1, SumType());
  Aggregate(r, "sumIf", 2, 2, SumType());
  for (const char* name : {"avg", "stddevPop", "stddevSamp", "varPop", "varSamp", "median"}) {
    Aggregate(r, name, 1, 1, Fixed(kFloat.WithNullable(false)));
  }
  Aggregate(r, "avgIf", 2, 2, Fixed(kFloat));
  for (const char* name : {"min", "max", "any", "anyLast"})
    Aggregate(r, name, 1, 1, SameAsArgument(0));
  for (const char* name : {"minIf", "maxIf", "argMin", "argMax"}) {
    Aggregate(r, name, 2, 2, SameAsArgument(0));
  }
  Aggregate(r, "groupArray", 1, 1, ArrayOf(0), 1);
  Aggregate(r, "groupUniqArray", 1, 1, ArrayOf(0), 1);
  Aggregate(r, "quantile", 1, 1, Fixed(kFloat), 1, 1);
  Aggregate(r, "quantiles", 1, 1, Fixed(LogicalType::Array(kFloat)), -1, 1);
  Aggregate(r, "quantileIf", 2, 2, Fixed(kFloat), 1, 1);
}

}  // namespace larder::functions
