// `larder sources …`: link a database, see its tables, choose how each syncs, run syncs and see
// how they went — the command-line face of the sync engine.
#include <cstdio>
#include <optional>

#include "catalog/name_rules.h"
#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/progress_line.h"
#include "sync/replication_key.h"
#include "sync/source_registry.h"
#include "types/datetime.h"

namespace larder::cli {
namespace {

Result<std::map<std::string, std::string>> ParseSettings(const std::vector<std::string>& pairs) {
  std::map<std::string, std::string> settings;
  for (const std::string& pair : pairs) {
    size_t equals = pair.find('=');
    if (equals == std::string::npos || equals == 0) {
      return InvalidArgument("--set takes NAME=VALUE, not '{}'", pair);
    }
    settings[pair.substr(0, equals)] = pair.substr(equals + 1);
  }
  return settings;
}

std::string Cell(const std::optional<int64_t>& micros) {
  return micros ? FormatDateTime(*micros) : "never";
}

}  // namespace

Status RunSourcesCreate(const GlobalOptions& global, const SourcesOptions& options) {
  LARDER_ASSIGN_OR_RETURN(auto settings, ParseSettings(options.settings));
  sources::SourceConfig config{options.source_type, settings};
  LARDER_ASSIGN_OR_RETURN(auto source, sync::OpenSource(config));
  LARDER_RETURN_IF_ERROR(source->Check());
  LARDER_ASSIGN_OR_RETURN(std::vector<sources::SourceTable> tables, source->Discover());
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  const int64_t project = options.project_id ? options.project_id : data->default_project().id;
  LARDER_ASSIGN_OR_RETURN(std::string sealed,
                          data->secrets().Seal(sync::EncodeSourceSettings(settings)));
  LARDER_ASSIGN_OR_RETURN(
      catalog::SourceEntry entry,
      data->catalog().CreateSource(project, options.source_type, options.prefix, sealed));
  std::printf("source %lld (%s): %zu tables, none syncing yet\n", static_cast<long long>(entry.id),
              entry.source_type.c_str(), tables.size());
  for (const sources::SourceTable& table : tables) {
    std::string name = catalog::SyncedTableName(options.prefix, options.source_type, table.name);
    LARDER_ASSIGN_OR_RETURN(catalog::SourceSchemaEntry schema,
                            data->catalog().CreateSourceSchema(entry.id, table.name, name));
    schema.primary_key = table.primary_key;
    LARDER_RETURN_IF_ERROR(data->catalog().UpdateSourceSchema(schema));
    std::string keys;
    for (const sources::SourceColumn& column : table.columns) {
      if (column.replication_key_candidate) keys += (keys.empty() ? "" : ", ") + column.name;
    }
    std::printf("  schema %lld  %s -> %s  (replication key candidates: %s)\n",
                static_cast<long long>(schema.id), table.name.c_str(), name.c_str(),
                keys.empty() ? "none" : keys.c_str());
  }
  return Status::OK();
}

Status RunSourcesList(const GlobalOptions& global, const SourcesOptions& options) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  const int64_t project = options.project_id ? options.project_id : data->default_project().id;
  LARDER_ASSIGN_OR_RETURN(auto list, data->catalog().ListSources(project));
  for (const catalog::SourceEntry& source : list) {
    LARDER_ASSIGN_OR_RETURN(auto schemas, data->catalog().ListSourceSchemas(source.id));
    size_t syncing = 0;
    std::string status = "Completed";
    for (const auto& schema : schemas) {
      if (!schema.should_sync) continue;
      ++syncing;
      if (schema.status == "Failed" || (schema.status == "Running" && status != "Failed")) {
        status = schema.status;
      }
    }
    std::printf("%lld  %s  prefix '%s'  %zu tables, %zu syncing  %s\n",
                static_cast<long long>(source.id), source.source_type.c_str(),
                source.prefix.c_str(), schemas.size(), syncing, syncing ? status.c_str() : "-");
  }
  return Status::OK();
}

Status RunSourcesShow(const GlobalOptions& global, const SourcesOptions& options) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(auto source, data->catalog().GetSource(options.id));
  LARDER_ASSIGN_OR_RETURN(auto schemas, data->catalog().ListSourceSchemas(source.id));
  std::printf("source %lld (%s)\n", static_cast<long long>(source.id), source.source_type.c_str());
  for (const auto& schema : schemas) {
    std::printf(
        "  schema %lld  %s -> %s  %s  %s%s%s  every %s  last synced %s  %s  %lld rows%s%s\n",
        static_cast<long long>(schema.id), schema.name.c_str(), schema.table_name.c_str(),
        schema.should_sync ? "enabled" : "disabled",
        std::string(catalog::SyncTypeName(schema.sync_type)).c_str(),
        schema.incremental_field.empty() ? "" : " on ", schema.incremental_field.c_str(),
        schema.sync_frequency.c_str(), Cell(schema.last_synced_at_us).c_str(),
        schema.status.empty() ? "not synced" : schema.status.c_str(),
        static_cast<long long>(schema.row_count),
        schema.latest_error.empty() ? "" : "  error: ", schema.latest_error.c_str());
  }
  return Status::OK();
}

Status RunSourcesConfigure(const GlobalOptions& global, const SourcesOptions& options) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(auto schema, data->catalog().GetSourceSchema(options.id));
  if (options.enable) schema.should_sync = true;
  if (options.disable) schema.should_sync = false;
  if (!options.sync_type.empty()) {
    LARDER_ASSIGN_OR_RETURN(schema.sync_type, catalog::ParseSyncType(options.sync_type));
  }
  if (!options.frequency.empty()) schema.sync_frequency = options.frequency;
  if (!options.key.empty()) {
    LARDER_ASSIGN_OR_RETURN(auto source, data->catalog().GetSource(schema.source_id));
    LARDER_ASSIGN_OR_RETURN(std::string json, data->secrets().Open(source.sealed_config));
    LARDER_ASSIGN_OR_RETURN(auto settings, sync::DecodeSourceSettings(json));
    LARDER_ASSIGN_OR_RETURN(auto connector, sync::OpenSource({source.source_type, settings}));
    LARDER_ASSIGN_OR_RETURN(auto tables, connector->Discover());
    bool found = false;
    for (const auto& table : tables) {
      if (table.name != schema.name) continue;
      found = true;
      LARDER_RETURN_IF_ERROR(sync::CheckReplicationKey(table, options.key));
    }
    if (!found) return NotFound("the source has no table {} any more", schema.name);
    schema.incremental_field = options.key;
  }
  LARDER_RETURN_IF_ERROR(data->catalog().UpdateSourceSchema(schema));
  std::printf("schema %lld (%s): %s, %s%s%s, every %s\n", static_cast<long long>(schema.id),
              schema.name.c_str(), schema.should_sync ? "enabled" : "disabled",
              std::string(catalog::SyncTypeName(schema.sync_type)).c_str(),
              schema.incremental_field.empty() ? "" : " on ", schema.incremental_field.c_str(),
              schema.sync_frequency.c_str());
  return Status::OK();
}

Status RunSourcesSync(const GlobalOptions& global, const SourcesOptions& options) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(auto schema, data->catalog().GetSourceSchema(options.id));
  std::optional<ProgressLine> progress;
  sync::SchemaSyncOptions sync_options;
  sync_options.resync = options.resync;
  sync_options.progress = [&](uint64_t rows, uint64_t bytes) {
    if (!progress) progress.emplace("syncing " + schema.name, 0, 0);
    progress->Update(rows, bytes);
  };
  LARDER_ASSIGN_OR_RETURN(catalog::SyncJobEntry job,
                          sync::RunSchemaSync(data, sync::OpenSource, schema.id, sync_options));
  if (progress) progress->Finish(static_cast<uint64_t>(job.rows_synced), 0);
  if (job.status != "Completed") {
    return Status(StatusCode::kUnavailable,
                  fmt::format("sync of {} {}: {}", schema.name, job.status, job.error));
  }
  std::printf("synced %s: %lld rows (cursor %s -> %s)\n", schema.table_name.c_str(),
              static_cast<long long>(job.rows_synced),
              job.cursor_before.empty() ? "none" : job.cursor_before.c_str(),
              job.cursor_after.empty() ? "none" : job.cursor_after.c_str());
  return Status::OK();
}

Status RunSourcesJobs(const GlobalOptions& global, const SourcesOptions& options) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(auto jobs, data->catalog().ListSyncJobs(options.id, 50));
  for (const catalog::SyncJobEntry& job : jobs) {
    std::printf("job %lld  %s  started %s  %lld rows  cursor %s -> %s%s%s\n",
                static_cast<long long>(job.id), job.status.c_str(),
                FormatDateTime(job.started_at_us).c_str(), static_cast<long long>(job.rows_synced),
                job.cursor_before.empty() ? "none" : job.cursor_before.c_str(),
                job.cursor_after.empty() ? "none" : job.cursor_after.c_str(),
                job.error.empty() ? "" : "  error: ", job.error.c_str());
  }
  return Status::OK();
}

}  // namespace larder::cli
