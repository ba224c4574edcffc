// How each aggregate family (count.cpp, sum_avg.cpp, …) describes its functions to
// RegisterAggregates (aggregates.cpp), which adds ClickHouse's NULL handling and the combinators
// (-If, -Distinct, -OrNull, -Array) to every one of them; see combinators.h.
#pragma once

#include <string>
#include <vector>

#include "functions/function_registry.h"

namespace larder::functions {

// One aggregate function, defined on arguments without NULLs.
struct AggregateSpec {
  std::string name;
  int min_args = 1;
  int max_args = 1;  // -1: any number.
  int min_params = 0;
  int max_params = 0;  // -1: any number.
  // The result type for argument types that are not Nullable (Nothing, NULL's type, may appear
  // and must be accepted: the function then never sees a row).
  ReturnTypeRule rule;
  // Makes the function for such argument types. Its Update skips rows with a NULL argument; it
  // never produces NULL itself.
  AggregateFactory factory;
  // count and uniq: 0 rather than NULL when every argument was NULL (ClickHouse's
  // returns_default_when_only_null). Array results are never NULL either.
  bool never_null = false;
};

std::vector<AggregateSpec> CountAggregates();
std::vector<AggregateSpec> SumAvgAggregates();
std::vector<AggregateSpec> MinMaxAggregates();
std::vector<AggregateSpec> UniqAggregates();
std::vector<AggregateSpec> GroupArrayAggregates();
std::vector<AggregateSpec> QuantileAggregates();
std::vector<AggregateSpec> StatisticsAggregates();
std::vector<AggregateSpec> TopKAggregates();

// Makes a factory from a function creating the aggregate from (args, params), for functions
// whose result type follows from their arguments alone.
template <typename Make>
AggregateFactory FactoryOf(Make make) {
  return [make](const std::vector<LogicalType>& args, const std::vector<Value>& params,
                const LogicalType&) -> Result<std::unique_ptr<AggregateFunction>> {
    return make(args, params);
  };
}

}  // namespace larder::functions
