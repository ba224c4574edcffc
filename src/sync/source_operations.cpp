#include "sync/source_operations.h"

#include <set>

#include "catalog/name_rules.h"
#include "sync/replication_key.h"
#include "sync/schedule.h"

namespace larder::sync {
namespace {

Result<sources::SourceTable> FindTable(std::vector<sources::SourceTable> tables,
                                       const std::string& name) {
  for (sources::SourceTable& table : tables) {
    if (table.name == name) return std::move(table);
  }
  return NotFound("the source has no table {}", name);
}

Status IncrementalOfFiles(const sources::SourceTable& table) {
  return InvalidArgument(
      "table {} is made of files and has no primary key to merge on: sync it with full_refresh "
      "or append (which loads the files not loaded before)",
      table.name);
}

Status FileTablesTakeNoKey(const sources::SourceTable& table) {
  return InvalidArgument(
      "table {} is made of files: append loads the files not loaded before and takes no "
      "incremental_field",
      table.name);
}

// Settings of a schema as LinkRequest asks for them.
Status ApplyLinkSettings(const LinkRequest& request, const sources::SourceTable& table,
                         catalog::SourceSchemaEntry* schema) {
  schema->primary_key = table.primary_key;
  schema->sync_frequency = request.sync_frequency;
  schema->should_sync = std::find(request.enabled_tables.begin(), request.enabled_tables.end(),
                                  table.name) != request.enabled_tables.end();
  if (auto type = request.sync_types.find(table.name); type != request.sync_types.end()) {
    schema->sync_type = type->second;
  }
  if (table.appends_by_object) {
    // Files are appended by key and ETag; the key type says so (catalog::ValidateSchema).
    if (schema->sync_type == catalog::SyncType::kIncremental) return IncrementalOfFiles(table);
    if (request.incremental_fields.contains(table.name)) return FileTablesTakeNoKey(table);
    schema->incremental_field_type = catalog::kAppendByFileKeyType;
    return Status::OK();
  }
  if (auto field = request.incremental_fields.find(table.name);
      field != request.incremental_fields.end()) {
    LARDER_RETURN_IF_ERROR(CheckReplicationKey(table, field->second));
    schema->incremental_field = field->second;
    for (const sources::SourceColumn& column : table.columns) {
      if (column.name == field->second) {
        schema->incremental_field_type = ReplicationKeyTypeName(column);
      }
    }
  }
  return Status::OK();
}

// Refuses names another table of the project has, or two source tables share.
Status CheckTableNames(warehouse::DataDirectory* data, const LinkRequest& request,
                       const std::vector<sources::SourceTable>& tables) {
  std::map<std::string, std::string> seen;
  for (const sources::SourceTable& table : tables) {
    std::string name = catalog::SyncedTableName(request.prefix, request.source_type, table.name);
    if (auto [it, inserted] = seen.emplace(name, table.name); !inserted) {
      return AlreadyExists(
          "source tables {} and {} would both be synced to table {}; they "
          "cannot be linked together",
          it->second, table.name, name);
    }
    if (data->catalog().GetTable(request.project_id, name).ok()) {
      return AlreadyExists(
          "table {} already exists in this project: link this source with another prefix", name);
    }
  }
  // Sources linked before whose tables have not synced yet have no table, only a schema.
  LARDER_ASSIGN_OR_RETURN(auto linked, data->catalog().ListSources(request.project_id));
  for (const catalog::SourceEntry& source : linked) {
    LARDER_ASSIGN_OR_RETURN(auto schemas, data->catalog().ListSourceSchemas(source.id));
    for (const catalog::SourceSchemaEntry& schema : schemas) {
      if (seen.contains(schema.table_name)) {
        return AlreadyExists(
            "source {} already syncs to table {}: link this source with another prefix", source.id,
            schema.table_name);
      }
    }
  }
  return Status::OK();
}

int StatusRank(const std::string& status) {
  if (status == "Failed") return 5;
  if (status == "Running") return 4;
  if (status == "Cancelled") return 3;
  if (status == "Paused") return 2;
  if (status == "Completed") return 1;
  return 0;
}

// The source table of a linked schema, as its source describes it now.
Result<sources::SourceTable> DiscoverSchemaTable(warehouse::DataDirectory* data,
                                                 const SourceOpener& open_source,
                                                 const catalog::SourceSchemaEntry& schema) {
  LARDER_ASSIGN_OR_RETURN(auto source, data->catalog().GetSource(schema.source_id));
  LARDER_ASSIGN_OR_RETURN(std::string json, data->secrets().Open(source.sealed_config));
  LARDER_ASSIGN_OR_RETURN(auto settings, DecodeSourceSettings(json));
  LARDER_ASSIGN_OR_RETURN(std::unique_ptr<sources::Source> connector,
                          open_source({source.source_type, std::move(settings)}));
  LARDER_ASSIGN_OR_RETURN(auto tables, connector->Discover());
  return FindTable(std::move(tables), schema.name);
}

}  // namespace

Result<std::vector<sources::SourceTable>> DiscoverTables(const SourceOpener& open_source,
                                                         const sources::SourceConfig& config) {
  LARDER_ASSIGN_OR_RETURN(std::unique_ptr<sources::Source> source, open_source(config));
  LARDER_RETURN_IF_ERROR(source->Check());
  return source->Discover();
}

Result<LinkedSource> LinkSource(warehouse::DataDirectory* data, const SourceOpener& open_source,
                                const LinkRequest& request) {
  Result<int64_t> frequency = catalog::SyncFrequencySeconds(request.sync_frequency);
  if (!frequency.ok()) return frequency.status();
  LinkedSource linked;
  LARDER_ASSIGN_OR_RETURN(linked.tables,
                          DiscoverTables(open_source, {request.source_type, request.settings}));
  for (const std::string& name : request.enabled_tables) {
    Result<sources::SourceTable> table = FindTable(linked.tables, name);
    if (!table.ok()) return table.status();
  }
  LARDER_RETURN_IF_ERROR(CheckTableNames(data, request, linked.tables));
  std::vector<catalog::SourceSchemaEntry> settings;
  for (const sources::SourceTable& table : linked.tables) {
    catalog::SourceSchemaEntry schema;
    schema.name = table.name;
    LARDER_RETURN_IF_ERROR(ApplyLinkSettings(request, table, &schema));
    settings.push_back(std::move(schema));
  }
  LARDER_ASSIGN_OR_RETURN(std::string sealed,
                          data->secrets().Seal(EncodeSourceSettings(request.settings)));
  LARDER_ASSIGN_OR_RETURN(linked.source,
                          data->catalog().CreateSource(request.project_id, request.source_type,
                                                       request.prefix, sealed));
  for (catalog::SourceSchemaEntry& wanted : settings) {
    std::string name = catalog::SyncedTableName(request.prefix, request.source_type, wanted.name);
    LARDER_ASSIGN_OR_RETURN(
        catalog::SourceSchemaEntry schema,
        data->catalog().CreateSourceSchema(linked.source.id, wanted.name, name));
    wanted.id = schema.id;
    wanted.source_id = schema.source_id;
    wanted.table_name = schema.table_name;
    LARDER_RETURN_IF_ERROR(data->catalog().UpdateSourceSchema(wanted));
    linked.schemas.push_back(wanted);
  }
  return linked;
}

Result<catalog::SourceSchemaEntry> ConfigureSchema(warehouse::DataDirectory* data,
                                                   const SourceOpener& open_source,
                                                   int64_t schema_id, const SchemaChange& change) {
  LARDER_ASSIGN_OR_RETURN(catalog::SourceSchemaEntry schema,
                          data->catalog().GetSourceSchema(schema_id));
  const catalog::SourceSchemaEntry before = schema;
  if (change.should_sync) schema.should_sync = *change.should_sync;
  if (change.sync_type) {
    LARDER_ASSIGN_OR_RETURN(schema.sync_type, catalog::ParseSyncType(*change.sync_type));
  }
  if (change.sync_frequency) schema.sync_frequency = *change.sync_frequency;
  if (change.sync_time_of_day) {
    if (!change.sync_time_of_day->empty()) {
      Result<int> minutes = ParseTimeOfDay(*change.sync_time_of_day);
      if (!minutes.ok()) return minutes.status();
    }
    schema.sync_time_of_day = *change.sync_time_of_day;
  }
  const bool keyed_change =
      change.incremental_field ||
      (change.sync_type && schema.sync_type != catalog::SyncType::kFullRefresh);
  if (keyed_change) {
    LARDER_ASSIGN_OR_RETURN(sources::SourceTable table,
                            DiscoverSchemaTable(data, open_source, schema));
    if (table.appends_by_object) {
      if (schema.sync_type == catalog::SyncType::kIncremental) return IncrementalOfFiles(table);
      if (change.incremental_field && !change.incremental_field->empty()) {
        return FileTablesTakeNoKey(table);
      }
    } else if (change.incremental_field) {
      LARDER_RETURN_IF_ERROR(CheckReplicationKey(table, *change.incremental_field));
      schema.incremental_field = *change.incremental_field;
      for (const sources::SourceColumn& column : table.columns) {
        if (column.name == schema.incremental_field) {
          schema.incremental_field_type = ReplicationKeyTypeName(column);
        }
      }
      if (schema.primary_key.empty()) schema.primary_key = table.primary_key;
    }
  }
  const bool appends_files = schema.incremental_field_type == catalog::kAppendByFileKeyType ||
                             (keyed_change && schema.incremental_field.empty() &&
                              schema.sync_type == catalog::SyncType::kAppend);
  if (schema.incremental_field.empty()) schema.incremental_field_type.clear();
  if (appends_files && schema.sync_type == catalog::SyncType::kAppend) {
    schema.incremental_field_type = catalog::kAppendByFileKeyType;
  }
  bool changed_how =
      schema.sync_type != before.sync_type || schema.incremental_field != before.incremental_field;
  if (changed_how && before.status != "") schema.resync_pending = true;
  if (before.should_sync && !schema.should_sync && !schema.status.empty()) schema.status = "Paused";
  LARDER_RETURN_IF_ERROR(data->catalog().UpdateSourceSchema(schema));
  return schema;
}

Status DeleteSchemaData(warehouse::DataDirectory* data, int64_t schema_id) {
  LARDER_ASSIGN_OR_RETURN(catalog::SourceSchemaEntry schema,
                          data->catalog().GetSourceSchema(schema_id));
  LARDER_ASSIGN_OR_RETURN(catalog::SourceEntry source, data->catalog().GetSource(schema.source_id));
  if (data->catalog().GetTable(source.project_id, schema.table_name).ok()) {
    LARDER_RETURN_IF_ERROR(data->DropTable(source.project_id, schema.table_name));
  }
  schema.status.clear();
  schema.latest_error.clear();
  schema.last_synced_at_us.reset();
  schema.row_count = 0;
  schema.resync_pending = false;
  return data->catalog().UpdateSourceSchema(schema);
}

Status DeleteLinkedSource(warehouse::DataDirectory* data, int64_t source_id) {
  LARDER_ASSIGN_OR_RETURN(catalog::SourceEntry source, data->catalog().GetSource(source_id));
  LARDER_ASSIGN_OR_RETURN(auto schemas, data->catalog().ListSourceSchemas(source_id));
  for (const catalog::SourceSchemaEntry& schema : schemas) {
    if (data->catalog().GetTable(source.project_id, schema.table_name).ok()) {
      LARDER_RETURN_IF_ERROR(data->DropTable(source.project_id, schema.table_name));
    }
  }
  return data->catalog().DeleteSource(source_id);
}

std::string SourceStatus(const std::vector<catalog::SourceSchemaEntry>& schemas) {
  std::string worst;
  for (const catalog::SourceSchemaEntry& schema : schemas) {
    if (schema.should_sync && StatusRank(schema.status) > StatusRank(worst)) worst = schema.status;
  }
  return worst;
}

std::string ReplicationKeyTypeName(const sources::SourceColumn& column) {
  switch (column.type.id()) {
    case TypeId::kInt64:
      return "integer";
    case TypeId::kDecimal:
    case TypeId::kFloat64:
      return "numeric";
    case TypeId::kDate:
      return "date";
    case TypeId::kDateTime:
      return column.source_type.find("timestamp") != std::string::npos ? "timestamp" : "datetime";
    default:
      return "";
  }
}

}  // namespace larder::sync
