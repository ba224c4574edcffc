// Renders a batch of rows in Larder's output formats: an aligned table, CSV, JSON (the query
// API's and `larder query --format json`'s shape) or JSON lines.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/column_vector.h"

namespace larder::warehouse {

enum class OutputFormat { kTable, kCsv, kJson, kJsonLines };

Result<OutputFormat> ParseOutputFormat(std::string_view name);
// Renders `batch` in `format`.
std::string FormatBatch(const Batch& batch, OutputFormat format);
// Appends the query API's fields for `batch`, without braces:
// "columns":[names],"types":[ClickHouse type names],"results":[[row values],…].
void AppendJsonResultFields(const Batch& batch, std::string* out);

}  // namespace larder::warehouse
