// JSON functions over String or JSON arguments (json.cpp): ClickHouse's JSONHas, JSONLength,
// JSONType, JSONExtractString, JSONExtractRaw, JSONExtractInt, JSONExtractFloat,
// JSONExtractBool, JSONExtractKeys, JSONExtractArrayRaw and JSONExtract, plus HogQL's property
// access `_property(json, key, …)`. This header is what the binder and the execution engine use
// directly: the multi-property extraction and JSONExtract's result type.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "functions/kernel.h"

namespace larder::functions {

// Fills `outs` with one Nullable(String) vector of `rows` rows per path, holding
// _property(json, path[0], path[1], …) for that path, while parsing each row's document once
// (the engine's optimization for queries reading several properties of one column). `json` is a
// String or JSON argument, `rows` long or constant.
//
// _property semantics (HogQL's `properties.a.b`): string values unescaped; numbers, booleans,
// objects and arrays as ClickHouse's JSONExtractRaw writes them; JSON null, a missing key, a
// NULL or invalid document give NULL.
Status ExtractProperties(const KernelArg& json, size_t rows,
                         const std::vector<std::vector<std::string>>& paths,
                         std::vector<ColumnVector>* outs);

// The result type of JSONExtract(json, path…, 'type_name'): Int8 … Int64 and UInt8 … UInt64
// read as Int64 (no range check of the narrower types), Float32/Float64 as Float64, String, Bool,
// and Nullable(…) / LowCardinality(…) of those. The binder must call this with the value of
// the constant last argument, because a ReturnTypeRule sees only argument types.
Result<LogicalType> JsonExtractType(std::string_view type_name);

}  // namespace larder::functions
