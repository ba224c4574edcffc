// `larder query`: runs HogQL against the data directory. With --explain it prints the logical
// plan; errors show the query with a caret under the position.
#include <cstdio>

#include "cli/commands.h"
#include "cli/environment.h"
#include "functions/function_registry.h"
#include "hogql/parser.h"
#include "planner/binder.h"
#include "planner/optimizer.h"
#include "warehouse/catalog_tables.h"

namespace larder::cli {

std::string ShowError(std::string_view text, const hogql::SyntaxError& error) {
  size_t start = std::min<size_t>(error.start, text.size());
  size_t line_start = text.rfind('\n', start == 0 ? 0 : start - 1);
  line_start = line_start == std::string_view::npos || start == 0 ? 0 : line_start + 1;
  size_t line_end = text.find('\n', start);
  if (line_end == std::string_view::npos) line_end = text.size();
  size_t width = std::max<size_t>(1, std::min<size_t>(error.end, line_end) - start);
  return fmt::format("{}: {}\n  {}\n  {}{}", error.TypeName(), error.message,
                     text.substr(line_start, line_end - line_start),
                     std::string(start - line_start, ' '), std::string(width, '^'));
}

Status RunQuery(const GlobalOptions& global, const QueryOptions& options) {
  hogql::ParseResult parsed = hogql::ParseSelect(options.query);
  if (parsed.error) return InvalidArgument("{}", ShowError(options.query, *parsed.error));
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  warehouse::CatalogTables tables(data, data->default_project().id);
  functions::FunctionRegistry registry = functions::BuiltinFunctions();
  planner::BindResult bound = planner::BindQuery(*parsed.node, options.query, tables, registry);
  if (bound.error) return InvalidArgument("{}", ShowError(options.query, *bound.error));
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
