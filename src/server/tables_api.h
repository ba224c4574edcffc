// The schema API behind the web UI's tables browser and its SQL editor's completion, under
// /api/projects/{id}/: tables/ (every table a query can name, with its columns and ClickHouse
// type names), functions/ (every function HogQL can call) and
// external_data_schemas/{id}/incremental_fields/ (the replication keys a linked table offers,
// asked of its source, in PostHog's shape).
#pragma once

#include <string_view>
#include <vector>

#include "common/json.h"
#include "functions/function_registry.h"
#include "server/http_message.h"
#include "sync/schema_sync.h"
#include "warehouse/data_directory.h"

namespace larder::server {

// What the routes read. The pointers must outlive the call.
struct TablesApiContext {
  warehouse::DataDirectory* data = nullptr;
  const functions::FunctionRegistry* functions = nullptr;
  sync::SourceOpener open_source;  // Empty: the built-in connectors.
};

// True when `segments` (the path after /api/projects/{id}/, split at '/') is one of its routes;
// then `response` is filled. REQUIRES: the caller checked the request may use `project_id`.
bool HandleTablesApi(const TablesApiContext& context, int64_t project_id,
                     const std::vector<std::string_view>& segments, const HttpRequest& request,
                     HttpResponse* response);

// tables/: {"count", "results": [{"name", "kind", "row_count", "columns": [{"name", "type"}],
// "source": {"id", "schema_id", "source_type", "table"} (synced tables), "error" (a view that no
// longer binds)}]}. Kinds: events, persons (persons, person_distinct_ids, groups), synced,
// imported (loaded by `larder import`), self_managed, view. Ordered events, persons, then by
// name.
Result<Json> ProjectTablesJson(warehouse::DataDirectory* data,
                               const functions::FunctionRegistry& functions, int64_t project_id);

// functions/: {"count", "results": [{"name", "kind": "scalar"|"aggregate"|"window", "min_args",
// "max_args" (-1: any)}]}, sorted by name; functions that cannot run yet are left out.
Json FunctionsJson(const functions::FunctionRegistry& functions);

}  // namespace larder::server
