// The Catalog's linked sources, their schemas and sync jobs (source_entries.h).
#include <fmt/format.h>

#include <array>

#include "catalog/catalog.h"
#include "common/hex.h"

namespace larder::catalog {
namespace {

constexpr std::string_view kSelectSources =
    "SELECT id, project_id, source_type, prefix, sealed_config_hex, created_at, deleted "
    "FROM sources";
constexpr std::string_view kSelectSchemas =
    "SELECT id, source_id, name, should_sync, sync_type, incremental_field, "
    "incremental_field_type, primary_key, sync_frequency, sync_time_of_day, status, "
    "latest_error, last_synced_at, table_name, row_count, resync_pending FROM source_schemas";
constexpr std::string_view kSelectJobs =
    "SELECT id, schema_id, started_at, finished_at, status, rows_synced, bytes, cursor_before, "
    "cursor_after, error, null_key_rows FROM sync_jobs";

// Primary key columns are stored joined by the unit separator, which names do not contain.
constexpr char kKeySeparator = '\x1f';

struct Frequency {
  std::string_view name;
  int64_t seconds;
};
constexpr std::array<Frequency, 10> kFrequencies = {{{"never", 0},
                                                     {"5min", 300},
                                                     {"15min", 900},
                                                     {"30min", 1800},
                                                     {"1hour", 3600},
                                                     {"6hour", 21600},
                                                     {"12hour", 43200},
                                                     {"24hour", 86400},
                                                     {"7day", 604800},
                                                     {"30day", 2592000}}};

std::string JoinKey(const std::vector<std::string>& columns) {
  std::string joined;
  for (const std::string& column : columns) {
    if (!joined.empty()) joined.push_back(kKeySeparator);
    joined += column;
  }
  return joined;
}

std::vector<std::string> SplitKey(const std::string& joined) {
  std::vector<std::string> columns;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find(kKeySeparator, start);
    if (end == std::string::npos) end = joined.size();
    columns.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return columns;
}

Result<SourceEntry> ReadSource(const Statement& row) {
  LARDER_ASSIGN_OR_RETURN(std::string sealed,
                          HexDecode(row.ColumnText(4), "catalog: a sealed source config"));
  return SourceEntry{row.ColumnInt64(0),     row.ColumnInt64(1), row.ColumnText(2),
                     row.ColumnText(3),      std::move(sealed),  row.ColumnInt64(5),
                     row.ColumnInt64(6) != 0};
}

Result<SourceSchemaEntry> ReadSchema(const Statement& row) {
  SourceSchemaEntry schema;
  schema.id = row.ColumnInt64(0);
  schema.source_id = row.ColumnInt64(1);
  schema.name = row.ColumnText(2);
  schema.should_sync = row.ColumnInt64(3) != 0;
  Result<SyncType> type = ParseSyncType(row.ColumnText(4));
  if (!type.ok())
    return Corruption("catalog row {} of source_schemas: {}", schema.id, type.status().message());
  schema.sync_type = *type;
  schema.incremental_field = row.ColumnText(5);
  schema.incremental_field_type = row.ColumnText(6);
  schema.primary_key = SplitKey(row.ColumnText(7));
  schema.sync_frequency = row.ColumnText(8);
  schema.sync_time_of_day = row.ColumnText(9);
  schema.status = row.ColumnText(10);
  schema.latest_error = row.ColumnText(11);
  schema.last_synced_at_us = row.ColumnOptionalInt64(12);
  schema.table_name = row.ColumnText(13);
  schema.row_count = row.ColumnInt64(14);
  schema.resync_pending = row.ColumnInt64(15) != 0;
  return schema;
}

Result<SyncJobEntry> ReadJob(const Statement& row) {
  return SyncJobEntry{row.ColumnInt64(0),         row.ColumnInt64(1), row.ColumnInt64(2),
                      row.ColumnOptionalInt64(3), row.ColumnText(4),  row.ColumnInt64(5),
                      row.ColumnInt64(6),         row.ColumnText(7),  row.ColumnText(8),
                      row.ColumnText(9),          row.ColumnInt64(10)};
}

std::string Where(std::string_view select, std::string_view condition) {
  return fmt::format("{} WHERE {}", select, condition);
}

Status ValidateSchema(const SourceSchemaEntry& schema) {
  Result<int64_t> frequency = SyncFrequencySeconds(schema.sync_frequency);
  if (!frequency.ok()) return frequency.status();
  // Tables made of files append the files not loaded before: they take no key.
  const bool appends_files = schema.sync_type == SyncType::kAppend &&
                             schema.incremental_field_type == kAppendByFileKeyType;
  if (schema.sync_type != SyncType::kFullRefresh && schema.incremental_field.empty() &&
      !appends_files) {
    return InvalidArgument("table {}: {} sync needs an incremental_field (the replication key)",
                           schema.name, SyncTypeName(schema.sync_type));
  }
  if (schema.sync_type == SyncType::kIncremental && schema.primary_key.empty()) {
    return InvalidArgument(
        "table {}: incremental sync merges rows on the primary key, and the table has none; "
        "use append instead",
        schema.name);
  }
  return Status::OK();
}

}  // namespace

std::string_view SyncTypeName(SyncType type) {
  switch (type) {
    case SyncType::kFullRefresh:
      return "full_refresh";
    case SyncType::kAppend:
      return "append";
    case SyncType::kIncremental:
      return "incremental";
  }
  return "full_refresh";
}

Result<SyncType> ParseSyncType(std::string_view name) {
  if (name == "full_refresh") return SyncType::kFullRefresh;
  if (name == "append") return SyncType::kAppend;
  if (name == "incremental") return SyncType::kIncremental;
  return InvalidArgument("unknown sync type '{}'; expected full_refresh, append or incremental",
                         name);
}

Result<int64_t> SyncFrequencySeconds(std::string_view name) {
  for (const Frequency& frequency : kFrequencies) {
    if (frequency.name == name) return frequency.seconds;
  }
  return InvalidArgument(
      "unknown sync frequency '{}'; expected never, 5min, 15min, 30min, 1hour, 6hour, 12hour, "
      "24hour, 7day or 30day",
      name);
}

Result<SourceEntry> Catalog::CreateSource(int64_t project_id, std::string_view source_type,
                                          std::string_view prefix, std::string_view sealed_config) {
  SourceEntry source{0,
                     project_id,
                     std::string(source_type),
                     std::string(prefix),
                     std::string(sealed_config),
                     clock_->NowMicros(),
                     false};
  std::lock_guard lock(mutex_);
  Result<Project> project = GetProjectLocked(project_id);
  if (!project.ok()) return project.status();
  LARDER_RETURN_IF_ERROR(Execute(*db_,
                                 "INSERT INTO sources(project_id, source_type, prefix, "
                                 "sealed_config_hex, created_at) VALUES(?, ?, ?, ?, ?)",
                                 project_id, source.source_type, source.prefix,
                                 HexEncode(sealed_config), source.created_at_us));
  source.id = db_->LastInsertRowId();
  return source;
}

Result<SourceEntry> Catalog::GetSource(int64_t id) {
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(
      std::vector<SourceEntry> sources,
      QueryAll(*db_, Where(kSelectSources, "id = ? AND deleted = 0"), &ReadSource, id));
  if (sources.empty()) return NotFound("source {} does not exist", id);
  return std::move(sources.front());
}

Result<std::vector<SourceEntry>> Catalog::ListSources(int64_t project_id) {
  std::lock_guard lock(mutex_);
  return QueryAll(*db_, Where(kSelectSources, "project_id = ? AND deleted = 0 ORDER BY id"),
                  &ReadSource, project_id);
}

Status Catalog::UpdateSourceConfig(int64_t id, std::string_view sealed_config) {
  std::lock_guard lock(mutex_);
  LARDER_RETURN_IF_ERROR(
      Execute(*db_, "UPDATE sources SET sealed_config_hex = ? WHERE id = ? AND deleted = 0",
              HexEncode(sealed_config), id));
  if (db_->ChangedRows() == 0) return NotFound("source {} does not exist", id);
  return Status::OK();
}

Status Catalog::DeleteSource(int64_t id) {
  std::lock_guard lock(mutex_);
  LARDER_RETURN_IF_ERROR(
      Execute(*db_, "UPDATE sources SET deleted = 1 WHERE id = ? AND deleted = 0", id));
  if (db_->ChangedRows() == 0) return NotFound("source {} does not exist", id);
  return Status::OK();
}

Result<SourceSchemaEntry> Catalog::CreateSourceSchema(int64_t source_id, std::string_view name,
                                                      std::string_view table_name) {
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(
      std::vector<SourceEntry> sources,
      QueryAll(*db_, Where(kSelectSources, "id = ? AND deleted = 0"), &ReadSource, source_id));
  if (sources.empty()) return NotFound("source {} does not exist", source_id);
  Status inserted = Execute(*db_,
                            "INSERT INTO source_schemas(source_id, name, table_name) "
                            "VALUES(?, ?, ?)",
                            source_id, name, table_name);
  if (inserted.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("source {} already has table '{}'", source_id, name);
  }
  LARDER_RETURN_IF_ERROR(inserted);
  SourceSchemaEntry schema;
  schema.id = db_->LastInsertRowId();
  schema.source_id = source_id;
  schema.name = std::string(name);
  schema.table_name = std::string(table_name);
  return schema;
}

Result<SourceSchemaEntry> Catalog::GetSourceSchema(int64_t id) {
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(std::vector<SourceSchemaEntry> schemas,
                          QueryAll(*db_, Where(kSelectSchemas, "id = ?"), &ReadSchema, id));
  if (schemas.empty()) return NotFound("source schema {} does not exist", id);
  return std::move(schemas.front());
}

Result<std::vector<SourceSchemaEntry>> Catalog::ListSourceSchemas(int64_t source_id) {
  std::lock_guard lock(mutex_);
  return QueryAll(*db_, Where(kSelectSchemas, "source_id = ? ORDER BY name"), &ReadSchema,
                  source_id);
}

Status Catalog::UpdateSourceSchema(const SourceSchemaEntry& schema) {
  LARDER_RETURN_IF_ERROR(ValidateSchema(schema));
  std::lock_guard lock(mutex_);
  LARDER_RETURN_IF_ERROR(Execute(
      *db_,
      "UPDATE source_schemas SET should_sync = ?, sync_type = ?, incremental_field = ?, "
      "incremental_field_type = ?, primary_key = ?, sync_frequency = ?, sync_time_of_day = ?, "
      "status = ?, latest_error = ?, last_synced_at = ?, table_name = ?, row_count = ?, "
      "resync_pending = ? WHERE id = ?",
      schema.should_sync ? 1 : 0, SyncTypeName(schema.sync_type), schema.incremental_field,
      schema.incremental_field_type, JoinKey(schema.primary_key), schema.sync_frequency,
      schema.sync_time_of_day, schema.status, schema.latest_error,
      schema.last_synced_at_us.value_or(0), schema.table_name, schema.row_count,
      schema.resync_pending ? 1 : 0, schema.id));
  if (db_->ChangedRows() == 0) return NotFound("source schema {} does not exist", schema.id);
  if (!schema.last_synced_at_us) {
    LARDER_RETURN_IF_ERROR(
        Execute(*db_, "UPDATE source_schemas SET last_synced_at = NULL WHERE id = ?", schema.id));
  }
  return Status::OK();
}

Result<SyncJobEntry> Catalog::StartSyncJob(int64_t schema_id, std::string_view cursor_before) {
  SyncJobEntry job;
  job.schema_id = schema_id;
  job.started_at_us = clock_->NowMicros();
  job.status = "Running";
  job.cursor_before = std::string(cursor_before);
  std::lock_guard lock(mutex_);
  LARDER_RETURN_IF_ERROR(Execute(*db_,
                                 "INSERT INTO sync_jobs(schema_id, started_at, status, "
                                 "cursor_before) VALUES(?, ?, ?, ?)",
                                 schema_id, job.started_at_us, job.status, job.cursor_before));
  job.id = db_->LastInsertRowId();
  return job;
}

Status Catalog::FinishSyncJob(const SyncJobEntry& job) {
  std::lock_guard lock(mutex_);
  LARDER_RETURN_IF_ERROR(Execute(*db_,
                                 "UPDATE sync_jobs SET finished_at = ?, status = ?, "
                                 "rows_synced = ?, bytes = ?, cursor_after = ?, error = ?, "
                                 "null_key_rows = ? WHERE id = ?",
                                 clock_->NowMicros(), job.status, job.rows_synced, job.bytes,
                                 job.cursor_after, job.error, job.null_key_rows, job.id));
  if (db_->ChangedRows() == 0) return NotFound("sync job {} does not exist", job.id);
  return Status::OK();
}

Result<std::vector<SourceSchemaEntry>> Catalog::ListSyncingSchemas() {
  std::lock_guard lock(mutex_);
  return QueryAll(*db_,
                  Where(kSelectSchemas,
                        "should_sync = 1 AND source_id IN (SELECT id FROM sources WHERE "
                        "deleted = 0) ORDER BY id"),
                  &ReadSchema);
}

Result<int64_t> Catalog::FailRunningSyncJobs(std::string_view error) {
  std::lock_guard lock(mutex_);
  LARDER_RETURN_IF_ERROR(Execute(*db_,
                                 "UPDATE source_schemas SET status = 'Failed', latest_error = ? "
                                 "WHERE status = 'Running'",
                                 error));
  LARDER_RETURN_IF_ERROR(Execute(*db_,
                                 "UPDATE sync_jobs SET status = 'Failed', error = ?, "
                                 "finished_at = ? WHERE status = 'Running'",
                                 error, clock_->NowMicros()));
  return static_cast<int64_t>(db_->ChangedRows());
}

Result<std::vector<SyncJobEntry>> Catalog::ListSyncJobs(int64_t schema_id, int64_t limit) {
  std::lock_guard lock(mutex_);
  return QueryAll(*db_, Where(kSelectJobs, "schema_id = ? ORDER BY id DESC LIMIT ?"), &ReadJob,
                  schema_id, limit);
}

}  // namespace larder::catalog
