// Prints a batch of rows as the CLI's output formats: an aligned table, CSV, JSON or JSON lines.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/column_vector.h"

namespace larder::cli {

enum class OutputFormat { kTable, kCsv, kJson, kJsonLines };

Result<OutputFormat> ParseOutputFormat(std::string_view name);
// Renders `batch` in `format`.
std::string FormatBatch(const Batch& batch, OutputFormat format);

}  // namespace larder::cli
