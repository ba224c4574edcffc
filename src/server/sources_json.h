// The JSON of the linked-sources API (sources_api.h): catalog entries out, requests in. Shapes
// follow PostHog's external_data_sources / external_data_schemas API.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/json.h"
#include "sync/source_operations.h"
#include "sync/sync_service.h"

namespace larder::server {

// "Postgres" / "MySQL" (PostHog's names) for "postgres" / "mysql"; others as they are.
std::string SourceTypeDisplayName(std::string_view source_type);
// The connector kind for a source_type as a client sends it, in any case ("MySQL" -> "mysql").
std::string SourceKind(std::string_view source_type);

Json JobJson(const catalog::SyncJobEntry& job);
// `syncs` (may be null) adds the running job's progress and the next scheduled run.
Json SchemaJson(const catalog::SourceSchemaEntry& schema, const sync::SyncService* syncs);
// `settings` are the source's opened settings; secret ones (password, …) are left out.
Json SourceJson(const catalog::SourceEntry& source,
                const std::vector<catalog::SourceSchemaEntry>& schemas,
                const std::map<std::string, std::string>& settings, const sync::SyncService* syncs);
// One table of database_schema/: its columns and the replication keys it offers.
Json DiscoveredTableJson(const sources::SourceTable& table);

// A create request: {"source_type", "prefix", "payload": {settings…, "schemas": [{"name",
// "should_sync", "sync_type", "incremental_field", "sync_frequency"}…]}}; settings may also be
// at the top level (database_schema/) or in "job_inputs".
struct SourceRequest {
  std::string source_type;  // The connector kind, lower-case.
  std::optional<std::string> prefix;
  std::map<std::string, std::string> settings;
  std::vector<std::string> enabled_tables;
  std::map<std::string, catalog::SyncType> sync_types;
  std::map<std::string, std::string> incremental_fields;
  std::optional<std::string> sync_frequency;
};
Result<SourceRequest> ParseSourceRequest(std::string_view body);

// A schema update: should_sync, sync_type, incremental_field, sync_frequency,
// sync_time_of_day (null clears it). Unknown fields are ignored, as PostHog's API does.
Result<sync::SchemaChange> ParseSchemaChange(std::string_view body);

}  // namespace larder::server
