// Registers the aggregate functions of every family (count.cpp, sum_avg.cpp, min_max.cpp,
// uniq.cpp, group_array.cpp, quantile.cpp, statistics.cpp, top_k.cpp), each with ClickHouse's
// NULL handling and its combined forms (nameIf, nameDistinct, nameOrNull, nameArray,
// nameIfOrNull; see combinators.h). sumMap is left out: ClickHouse returns a Tuple of arrays and
// Larder has no Tuple type.
#include "functions/aggregate/aggregate_spec.h"
#include "functions/aggregate/combinators.h"
#include "functions/registration.h"

namespace larder::functions {

void RegisterAggregates(FunctionRegistry* r) {
  for (auto family :
       {CountAggregates, SumAvgAggregates, MinMaxAggregates, UniqAggregates, GroupArrayAggregates,
        QuantileAggregates, StatisticsAggregates, TopKAggregates}) {
    for (const AggregateSpec& spec : family()) RegisterWithCombinators(r, spec);
  }
}

}  // namespace larder::functions
