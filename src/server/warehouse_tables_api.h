// The self-managed tables API under /api/projects/{id}/, in PostHog's shape: warehouse_tables/
// (list, create) and warehouse_tables/{id}/ (retrieve, delete) — files in a bucket or a folder
// linked as a table and read in place at query time. Credentials go in sealed and never come
// back out.
//
// Create takes {"name", "url_pattern", "format" (CSV, CSVWithNames, JSONEachRow, Parquet; ""
// or absent: from the extension), "credential": {"access_key", "access_secret",
// "session_token"}, "region", "endpoint", "columns": {"name": "Type", …} (type overrides)}.
// A table is {"id", "name", "format", "url_pattern", "columns": [{"key", "name", "type",
// "schema_valid"}], "created_at"}.
#pragma once

#include <string_view>
#include <vector>

#include "server/http_message.h"
#include "sources/object_storage/object_lister.h"
#include "warehouse/data_directory.h"

namespace larder::server {

struct WarehouseTablesContext {
  warehouse::DataDirectory* data = nullptr;
  sources::ObjectAccess policy;  // File roots and private networks the server allows.
};

// True when `segments` (the path after /api/projects/{id}/) is one of its routes; then
// `response` is filled. REQUIRES: the caller checked the request may use `project_id`.
bool HandleWarehouseTablesApi(const WarehouseTablesContext& context, int64_t project_id,
                              const std::vector<std::string_view>& segments,
                              const HttpRequest& request, HttpResponse* response);

}  // namespace larder::server
