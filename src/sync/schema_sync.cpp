#include "sync/schema_sync.h"

#include <simdjson.h>

#include "common/json.h"
#include "sync/schema_drift.h"
#include "sync/table_sync.h"

namespace larder::sync {
namespace {

Schema TableSchemaOf(const sources::SourceTable& table) {
  Schema schema;
  for (const sources::SourceColumn& column : table.columns) {
    schema.fields.push_back({column.name, column.type});
  }
  return schema;
}

Result<sources::SourceTable> FindSourceTable(sources::Source* source, const std::string& name) {
  LARDER_ASSIGN_OR_RETURN(std::vector<sources::SourceTable> tables, source->Discover());
  for (sources::SourceTable& table : tables) {
    if (table.name == name) return std::move(table);
  }
  return NotFound("the source has no table {} any more", name);
}

// The Larder table for `schema`, created from the source's columns or brought up to date.
Result<storage::Table*> PrepareTable(warehouse::DataDirectory* data, int64_t project_id,
                                     const catalog::SourceSchemaEntry& schema,
                                     const sources::SourceTable& source_table) {
  const Schema columns = TableSchemaOf(source_table);
  if (!data->catalog().GetTable(project_id, schema.table_name).ok()) {
    return data->CreateTable(project_id, schema.table_name, catalog::TableKind::kSynced, columns,
                             source_table.primary_key, {});
  }
  LARDER_ASSIGN_OR_RETURN(storage::Table * table, data->OpenTable(project_id, schema.table_name));
  // A table made of files keeps its columns; a file that disagrees fails the sync naming it.
  if (source_table.appends_by_object) return table;
  LARDER_ASSIGN_OR_RETURN(SchemaChanges changes, PlanSchemaChanges(table->Snapshot()->schema(),
                                                                   columns, schema.table_name));
  LARDER_RETURN_IF_ERROR(ApplySchemaChanges(table, changes));
  return table;
}

// Opens the source, prepares the table and syncs it; fills `job` with the counts and cursors.
Status SyncOnce(warehouse::DataDirectory* data, const SourceOpener& open_source,
                const catalog::SourceEntry& source_entry, const catalog::SourceSchemaEntry& schema,
                const SchemaSyncOptions& options, catalog::SyncJobEntry* job, int64_t* rows) {
  LARDER_ASSIGN_OR_RETURN(std::string settings_json,
                          data->secrets().Open(source_entry.sealed_config));
  LARDER_ASSIGN_OR_RETURN(auto settings, DecodeSourceSettings(settings_json));
  LARDER_ASSIGN_OR_RETURN(std::unique_ptr<sources::Source> source,
                          open_source({source_entry.source_type, std::move(settings)}));
  LARDER_ASSIGN_OR_RETURN(sources::SourceTable source_table,
                          FindSourceTable(source.get(), schema.name));
  LARDER_ASSIGN_OR_RETURN(storage::Table * table,
                          PrepareTable(data, source_entry.project_id, schema, source_table));
  TableSyncRequest request;
  request.source = source.get();
  request.source_table = schema.name;
  request.sync_type = schema.sync_type;
  request.cursor_column = schema.incremental_field;
  request.primary_key = schema.primary_key.empty() ? source_table.primary_key : schema.primary_key;
  request.appends_by_object = source_table.appends_by_object;
  request.table = table;
  request.checkpoint_rows = options.checkpoint_rows;
  request.resync = options.resync || schema.resync_pending;
  request.cancel = options.cancel;
  request.progress = options.progress;
  LARDER_ASSIGN_OR_RETURN(TableSyncResult result, SyncTable(request));
  job->rows_synced = static_cast<int64_t>(result.rows);
  job->bytes = static_cast<int64_t>(result.bytes);
  job->cursor_before = result.cursor_before;
  job->cursor_after = result.cursor_after;
  job->null_key_rows = static_cast<int64_t>(result.null_key_rows);
  *rows = static_cast<int64_t>(table->Snapshot()->row_count());
  return Status::OK();
}

}  // namespace

std::string EncodeSourceSettings(const std::map<std::string, std::string>& settings) {
  Json object = Json::MakeObject();
  for (const auto& [key, value] : settings) object[key] = value;
  return object.Serialize();
}

Result<std::map<std::string, std::string>> DecodeSourceSettings(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json.data(), json.size()).get(object) != simdjson::SUCCESS) {
    return Corruption("a source's settings are not a JSON object");
  }
  std::map<std::string, std::string> settings;
  for (auto [key, value] : object) {
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) {
      return Corruption("a source's setting {} is not text", key);
    }
    settings.emplace(std::string(key), std::string(text));
  }
  return settings;
}

Result<catalog::SyncJobEntry> RunSchemaSync(warehouse::DataDirectory* data,
                                            const SourceOpener& open_source, int64_t schema_id,
                                            const SchemaSyncOptions& options) {
  catalog::Catalog& catalog = data->catalog();
  LARDER_ASSIGN_OR_RETURN(catalog::SourceSchemaEntry schema, catalog.GetSourceSchema(schema_id));
  LARDER_ASSIGN_OR_RETURN(catalog::SourceEntry source, catalog.GetSource(schema.source_id));
  LARDER_ASSIGN_OR_RETURN(catalog::SyncJobEntry job, catalog.StartSyncJob(schema_id, ""));
  schema.status = "Running";
  LARDER_RETURN_IF_ERROR(catalog.UpdateSourceSchema(schema));
  int64_t rows = schema.row_count;
  Status synced = SyncOnce(data, open_source, source, schema, options, &job, &rows);
  if (options.outcome != nullptr) *options.outcome = synced;
  if (synced.ok()) {
    job.status = "Completed";
    schema.status = "Completed";
    schema.latest_error.clear();
    schema.last_synced_at_us = data->env().clock->NowMicros();
    schema.row_count = rows;
    schema.resync_pending = false;
  } else {
    job.status = synced.code() == StatusCode::kCancelled ? "Cancelled" : "Failed";
    job.error = synced.message();
    schema.status = job.status;
    schema.latest_error = synced.message();
  }
  LARDER_RETURN_IF_ERROR(catalog.FinishSyncJob(job));
  LARDER_RETURN_IF_ERROR(catalog.UpdateSourceSchema(schema));
  return job;
}

}  // namespace larder::sync
