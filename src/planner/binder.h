// The binder: a parsed HogQL query → a logical plan, resolving tables, columns, aliases, `*`,
// functions and aggregates against the tables and the function registry, with types. Every
// mistake becomes a QueryError that names what is wrong and where (byte offsets in the query).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "functions/function_registry.h"
#include "hogql/ast.h"
#include "hogql/syntax_error.h"
#include "planner/logical_plan.h"
#include "planner/table_provider.h"

namespace larder::planner {

struct BindResult {
  LogicalPtr plan;
  std::optional<hogql::SyntaxError> error;
};

// Values for the query's placeholders: `{name}` reads parameters["name"].
using QueryParameters = std::map<std::string, Value>;

// `query` is a SelectQuery or SelectSetQuery parsed from `text` (used for column names and
// error positions).
BindResult BindQuery(const hogql::Node& query, std::string_view text, const TableProvider& tables,
                     const functions::FunctionRegistry& functions,
                     const QueryParameters& parameters = {});

// The closest of `candidates` to `name` (edit distance at most a third of the name, at least
// 1, ignoring case), or "".
std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace larder::planner
