// `larder query`: runs HogQL against the data directory and prints the rows. With --explain it
// prints the plan instead; errors show the query with a caret under the position.
#include <cstdio>
#include <iostream>
#include <iterator>

#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/query_error.h"
#include "functions/function_registry.h"
#include "warehouse/query_runner.h"
#include "warehouse/result_format.h"

namespace larder::cli {

using warehouse::FormatBatch;
using warehouse::OutputFormat;
using warehouse::ParseOutputFormat;

Status RunQuery(const GlobalOptions& global, const QueryOptions& options) {
  LARDER_ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(options.format));
  warehouse::QueryRequest request;
  request.text = options.query;
  if (request.text == "-") {
    request.text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  request.explain = options.explain;
  request.memory_limit = options.max_memory_mb * 1024 * 1024;
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  functions::FunctionRegistry registry = functions::BuiltinFunctions();
  LARDER_ASSIGN_OR_RETURN(
      warehouse::QueryResponse response,
      warehouse::RunHogQLQuery(
          *data, options.project_id == 0 ? data->default_project().id : options.project_id,
          registry, environment.pool(), request));
  if (response.error) return InvalidArgument("{}", ShowQueryError(request.text, *response.error));
  if (options.explain) {
    std::printf("%s", response.plan_text.c_str());
    return Status::OK();
  }
  std::string text = FormatBatch(response.result.ToBatch(), format);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return Status::OK();
}

}  // namespace larder::cli
