// `larder sources …`: link a database, see its tables, choose how each syncs, run syncs and see
// how they went — the command-line face of the sync engine.
#include <cstdio>
#include <optional>

#include "catalog/name_rules.h"
#include "cli/commands.h"
#include "cli/environment.h"
#include "cli/progress_line.h"
#include "fmt/ranges.h"
#include "sync/source_operations.h"
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

// "id, amount, updated_at" or "none".
std::string KeyCandidates(const sources::SourceTable& table) {
  std::string keys;
  for (const sources::SourceColumn& column : table.columns) {
    if (column.replication_key_candidate) keys += (keys.empty() ? "" : ", ") + column.name;
  }
  return keys.empty() ? "none" : keys;
}

Status RunSourcesTables(const SourcesOptions& options) {
  LARDER_ASSIGN_OR_RETURN(auto settings, ParseSettings(options.settings));
  LARDER_ASSIGN_OR_RETURN(std::vector<sources::SourceTable> tables,
                          sync::DiscoverTables(sync::OpenSource, {options.source_type, settings}));
  for (const sources::SourceTable& table : tables) {
    std::printf("%s  %zu columns  primary key (%s)  replication key candidates: %s\n",
                table.name.c_str(), table.columns.size(),
                fmt::format("{}", fmt::join(table.primary_key, ", ")).c_str(),
                KeyCandidates(table).c_str());
  }
  return Status::OK();
}

Status RunSourcesCreate(const GlobalOptions& global, const SourcesOptions& options) {
  sync::LinkRequest request;
  LARDER_ASSIGN_OR_RETURN(request.settings, ParseSettings(options.settings));
  request.source_type = options.source_type;
  request.prefix = options.prefix;
  request.enabled_tables = options.enabled;
  if (!options.frequency.empty()) request.sync_frequency = options.frequency;
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  request.project_id = options.project_id ? options.project_id : data->default_project().id;
  LARDER_ASSIGN_OR_RETURN(sync::LinkedSource linked,
                          sync::LinkSource(data, sync::OpenSource, request));
  std::printf("source %lld (%s): %zu tables, %zu syncing\n",
              static_cast<long long>(linked.source.id), linked.source.source_type.c_str(),
              linked.tables.size(), options.enabled.size());
  for (size_t table_idx = 0; table_idx < linked.tables.size(); ++table_idx) {
    const catalog::SourceSchemaEntry& schema = linked.schemas[table_idx];
    std::printf("  schema %lld  %s -> %s  (replication key candidates: %s)\n",
                static_cast<long long>(schema.id), schema.name.c_str(), schema.table_name.c_str(),
                KeyCandidates(linked.tables[table_idx]).c_str());
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
    std::optional<int64_t> last_synced;
    for (const auto& schema : schemas) {
      syncing += schema.should_sync;
      if (schema.should_sync && schema.last_synced_at_us) {
        last_synced = std::max(last_synced.value_or(0), *schema.last_synced_at_us);
      }
    }
    std::string status = sync::SourceStatus(schemas);
    std::printf("%lld  %s  prefix '%s'  %zu tables, %zu syncing  %s  last synced %s\n",
                static_cast<long long>(source.id), source.source_type.c_str(),
                source.prefix.c_str(), schemas.size(), syncing,
                status.empty() ? "-" : status.c_str(), Cell(last_synced).c_str());
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
  if (options.enable && options.disable) {
    return InvalidArgument("--enable and --disable contradict each other");
  }
  sync::SchemaChange change;
  if (options.enable || options.disable) change.should_sync = options.enable;
  if (!options.sync_type.empty()) change.sync_type = options.sync_type;
  if (!options.key.empty()) change.incremental_field = options.key;
  if (!options.frequency.empty()) change.sync_frequency = options.frequency;
  if (!options.time_of_day.empty()) {
    change.sync_time_of_day = options.time_of_day == "none" ? "" : options.time_of_day;
  }
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(catalog::SourceSchemaEntry schema,
                          sync::ConfigureSchema(data, sync::OpenSource, options.id, change));
  std::printf("schema %lld (%s): %s, %s%s%s, every %s%s%s%s\n", static_cast<long long>(schema.id),
              schema.name.c_str(), schema.should_sync ? "enabled" : "disabled",
              std::string(catalog::SyncTypeName(schema.sync_type)).c_str(),
              schema.incremental_field.empty() ? "" : " on ", schema.incremental_field.c_str(),
              schema.sync_frequency.c_str(), schema.sync_time_of_day.empty() ? "" : " at ",
              schema.sync_time_of_day.c_str(),
              schema.resync_pending ? "; the next sync loads the table again from scratch" : "");
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

Status RunSourcesDelete(const GlobalOptions& global, const SourcesOptions& options) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(auto schemas, data->catalog().ListSourceSchemas(options.id));
  LARDER_RETURN_IF_ERROR(sync::DeleteLinkedSource(data, options.id));
  std::printf("deleted source %lld and its %zu tables\n", static_cast<long long>(options.id),
              schemas.size());
  return Status::OK();
}

Status RunSourcesDeleteData(const GlobalOptions& global, const SourcesOptions& options) {
  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  LARDER_ASSIGN_OR_RETURN(auto schema, data->catalog().GetSourceSchema(options.id));
  LARDER_RETURN_IF_ERROR(sync::DeleteSchemaData(data, options.id));
  std::printf("deleted the synced data of %s (table %s)\n", schema.name.c_str(),
              schema.table_name.c_str());
  return Status::OK();
}

}  // namespace larder::cli
