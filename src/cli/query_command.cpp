// `larder query`: runs HogQL against the data directory. With --explain it prints the logical
// plan; errors show the query with a caret under the position.
#include <cstdio>

#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/query_error.h"
#include "functions/function_registry.h"
#include "hogql/parser.h"
#include "planner/binder.h"
#include "planner/optimizer.h"
#include "warehouse/catalog_tables.h"

namespace larder::cli {

Status RunQuery(const GlobalOptions& global, const QueryOptions& options) {
  hogql::ParseResult parsed = hogql::ParseSelect(options.query);
  if (parsed.error) return InvalidArgument("{}", ShowQueryError(options.query, *parsed.error));
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  warehouse::CatalogTables tables(data, data->default_project().id);
  functions::FunctionRegistry registry = functions::BuiltinFunctions();
  planner::BindResult bound = planner::BindQuery(*parsed.node, options.query, tables, registry);
  if (bound.error) return InvalidArgument("{}", ShowQueryError(options.query, *bound.error));
  if (!options.explain) {
    return NotImplemented(
        "running queries arrives with the execution engine; `larder query --explain` shows the "
        "plan");
  }
  planner::LogicalPtr plan = planner::Optimize(std::move(bound.plan), registry);
  std::printf("%s", planner::ExplainPlan(*plan).c_str());
  return Status::OK();
}

}  // namespace larder::cli
