// What people do with linked sources, shared by `larder sources …` and the HTTP API: list a
// database's tables before linking, link a source (credentials checked, one schema per table,
// table names checked for collisions), change how a table syncs, delete a table's synced data,
// and delete a source with its tables.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/source_entries.h"
#include "sync/schema_sync.h"

namespace larder::sync {

// Connects with `config`, checks the credentials and lists the tables (errors say what to fix).
Result<std::vector<sources::SourceTable>> DiscoverTables(const SourceOpener& open_source,
                                                         const sources::SourceConfig& config);

struct LinkRequest {
  int64_t project_id = 0;
  std::string source_type;
  std::string prefix;
  std::map<std::string, std::string> settings;
  // Tables to sync from the start (full refresh, or as `sync_types` says); the others are
  // linked disabled. Unknown names are refused.
  std::vector<std::string> enabled_tables;
  std::map<std::string, catalog::SyncType> sync_types;    // By table; default full_refresh.
  std::map<std::string, std::string> incremental_fields;  // By table, for append/incremental.
  std::string sync_frequency = "6hour";
};

struct LinkedSource {
  catalog::SourceEntry source;
  std::vector<catalog::SourceSchemaEntry> schemas;  // In the order of `tables`.
  std::vector<sources::SourceTable> tables;         // As discovered.
};

// Checks the credentials, discovers the tables and records the source (settings sealed) and one
// schema per table. kAlreadyExists naming the table when a Larder table of the project already
// has one of the names, or two source tables map to one name; nothing is recorded then.
Result<LinkedSource> LinkSource(warehouse::DataDirectory* data, const SourceOpener& open_source,
                                const LinkRequest& request);

// Changes to a schema; unset fields stay as they are.
struct SchemaChange {
  std::optional<bool> should_sync;
  std::optional<std::string> sync_type;
  std::optional<std::string> incremental_field;
  std::optional<std::string> sync_frequency;
  std::optional<std::string> sync_time_of_day;  // "HH:MM" UTC, or "" for none.
};

// Validates and stores `change`: a replication key must be a candidate column of the table (the
// source is asked), the frequency and time of day well-formed. A changed key or sync type of a
// table that has data marks it for a resync (the next run loads it from scratch, swapped in
// atomically). Returns the stored schema.
Result<catalog::SourceSchemaEntry> ConfigureSchema(warehouse::DataDirectory* data,
                                                   const SourceOpener& open_source,
                                                   int64_t schema_id, const SchemaChange& change);

// Drops the schema's Larder table and forgets its sync state (cursor, rows, last sync); the
// schema stays linked. REQUIRES: no job of it runs.
Status DeleteSchemaData(warehouse::DataDirectory* data, int64_t schema_id);

// Drops every table of the source and marks it deleted. REQUIRES: none of its jobs runs.
Status DeleteLinkedSource(warehouse::DataDirectory* data, int64_t source_id);

// The status a source shows: the worst of its syncing schemas' (Failed > Running > Cancelled >
// Paused > Completed); "" when none syncs or none has run.
std::string SourceStatus(const std::vector<catalog::SourceSchemaEntry>& schemas);

// integer | numeric | date | datetime | timestamp for a replication key column.
std::string ReplicationKeyTypeName(const sources::SourceColumn& column);

}  // namespace larder::sync
