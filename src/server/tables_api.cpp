#include "server/tables_api.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "hogql/parser.h"
#include "planner/binder.h"
#include "server/sources_api.h"
#include "server/sources_json.h"
#include "sync/source_operations.h"
#include "sync/source_registry.h"
#include "warehouse/catalog_tables.h"
#include "warehouse/person_tables.h"

namespace larder::server {
namespace {

// The linked source a synced table comes from.
struct TableOrigin {
  int64_t source_id = 0;
  int64_t schema_id = 0;
  std::string source_type;
  std::string source_table;
};

// Synced tables of the project by Larder table name.
Result<std::map<std::string, TableOrigin>> LinkedTables(warehouse::DataDirectory* data,
                                                        int64_t project_id) {
  std::map<std::string, TableOrigin> origins;
  LARDER_ASSIGN_OR_RETURN(auto sources, data->catalog().ListSources(project_id));
  for (const catalog::SourceEntry& source : sources) {
    if (source.deleted) continue;
    LARDER_ASSIGN_OR_RETURN(auto schemas, data->catalog().ListSourceSchemas(source.id));
    for (const catalog::SourceSchemaEntry& schema : schemas) {
      origins[schema.table_name] = {source.id, schema.id, SourceTypeDisplayName(source.source_type),
                                    schema.name};
    }
  }
  return origins;
}

Json ColumnsJson(const Schema& schema) {
  Json columns = Json::MakeArray();
  for (const Field& field : schema.fields) {
    Json column = Json::MakeObject();
    column["name"] = field.name;
    column["type"] = field.type.ToString();
    columns.push_back(std::move(column));
  }
  return columns;
}

// The columns a view's query returns, found by binding it as a query would.
Result<Schema> ViewSchema(const std::string& definition, const planner::TableProvider& tables,
                          const functions::FunctionRegistry& functions) {
  hogql::ParseResult parsed = hogql::ParseSelect(definition);
  if (parsed.error)
    return InvalidArgument("the view's query does not parse: {}", parsed.error->message);
  planner::BindResult bound = planner::BindQuery(*parsed.node, definition, tables, functions);
  if (bound.error)
    return InvalidArgument("the view's query does not bind: {}", bound.error->message);
  return bound.plan->output;
}

std::string KindName(const Result<catalog::TableEntry>& entry, bool linked) {
  if (!entry.ok()) return "persons";  // The persons store's tables have no catalog entry.
  if (entry->kind == catalog::TableKind::kSynced) return linked ? "synced" : "imported";
  return std::string(catalog::TableKindName(entry->kind));
}

int KindRank(std::string_view kind) {
  if (kind == "events") return 0;
  if (kind == "persons") return 1;
  return 2;
}

// One table of tables/; sets `kind` to its kind.
Json TableJson(warehouse::DataDirectory* data, const functions::FunctionRegistry& functions,
               const warehouse::CatalogTables& tables,
               const std::map<std::string, TableOrigin>& origins, int64_t project_id,
               const std::string& name, std::string* kind_out) {
  Result<catalog::TableEntry> entry = data->catalog().GetTable(project_id, name);
  auto origin = origins.find(name);
  std::string kind = KindName(entry, origin != origins.end());
  *kind_out = kind;
  Json json = Json::MakeObject();
  json["name"] = name;
  json["kind"] = kind;
  json["row_count"] = nullptr;
  Result<Schema> schema =
      kind == "view" ? ViewSchema(entry->definition, tables, functions) : tables.FindTable(name);
  json["columns"] = schema.ok() ? ColumnsJson(*schema) : Json::MakeArray();
  if (!schema.ok()) json["error"] = schema.status().message();
  if (entry.ok() && kind != "view") {
    Result<storage::Table*> stored = data->OpenTable(project_id, name);
    if (stored.ok()) json["row_count"] = static_cast<int64_t>((*stored)->Snapshot()->row_count());
  }
  if (origin != origins.end()) {
    Json source = Json::MakeObject();
    source["id"] = origin->second.source_id;
    source["schema_id"] = origin->second.schema_id;
    source["source_type"] = origin->second.source_type;
    source["table"] = origin->second.source_table;
    json["source"] = std::move(source);
  }
  return json;
}

// external_data_schemas/{id}/incremental_fields/: asks the source which columns of the table
// can be its replication key.
Status IncrementalFields(const TablesApiContext& context, int64_t project_id,
                         std::string_view schema_text, HttpResponse* response) {
  int64_t schema_id = 0;
  auto [end, error] =
      std::from_chars(schema_text.data(), schema_text.data() + schema_text.size(), schema_id);
  Result<catalog::SourceSchemaEntry> schema =
      error == std::errc() && end == schema_text.data() + schema_text.size()
          ? context.data->catalog().GetSourceSchema(schema_id)
          : NotFound("there is no schema '{}'", schema_text);
  Result<catalog::SourceEntry> source =
      schema.ok() ? context.data->catalog().GetSource(schema->source_id) : schema.status();
  if (!source.ok() || source->project_id != project_id || source->deleted) {
    return NotFound("schema {} does not exist in project {}", schema_text, project_id);
  }
  LARDER_ASSIGN_OR_RETURN(std::string sealed, context.data->secrets().Open(source->sealed_config));
  LARDER_ASSIGN_OR_RETURN(auto settings, sync::DecodeSourceSettings(sealed));
  const sync::SourceOpener& opener =
      context.open_source ? context.open_source : sync::SourceOpener(sync::OpenSource);
  LARDER_ASSIGN_OR_RETURN(auto discovered,
                          sync::DiscoverTables(opener, {source->source_type, settings}));
  for (const sources::SourceTable& table : discovered) {
    if (table.name != schema->name) continue;
    Json json = DiscoveredTableJson(table);
    json["full_refresh_available"] = true;
    SetJson(response, json);
    return Status::OK();
  }
  return NotFound("table \"{}\" is no longer in the source: it was dropped or renamed there",
                  schema->name);
}

}  // namespace

Result<Json> ProjectTablesJson(warehouse::DataDirectory* data,
                               const functions::FunctionRegistry& functions, int64_t project_id) {
  warehouse::CatalogTables tables(data, project_id);
  LARDER_ASSIGN_OR_RETURN(auto origins, LinkedTables(data, project_id));
  std::vector<std::pair<std::pair<int, std::string>, Json>> ranked;
  for (const std::string& name : tables.TableNames()) {
    std::string kind;
    Json table = TableJson(data, functions, tables, origins, project_id, name, &kind);
    ranked.push_back({{KindRank(kind), name}, std::move(table)});
  }
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  Json results = Json::MakeArray();
  for (auto& [rank, table] : ranked) results.push_back(std::move(table));
  return Page(std::move(results), ranked.size());
}

Json FunctionsJson(const functions::FunctionRegistry& functions) {
  Json results = Json::MakeArray();
  size_t count = 0;
  for (const std::string& name : functions.Names()) {
    const functions::FunctionInfo* info = functions.Find(name);
    if (info == nullptr) continue;
    if (info->kind == functions::FunctionKind::kScalar && !info->kernel) continue;
    Json function = Json::MakeObject();
    function["name"] = name;
    function["kind"] = info->kind == functions::FunctionKind::kScalar      ? "scalar"
                       : info->kind == functions::FunctionKind::kAggregate ? "aggregate"
                                                                           : "window";
    function["min_args"] = info->min_args;
    function["max_args"] = info->max_args;
    results.push_back(std::move(function));
    ++count;
  }
  return Page(std::move(results), count);
}

bool HandleTablesApi(const TablesApiContext& context, int64_t project_id,
                     const std::vector<std::string_view>& segments, const HttpRequest& request,
                     HttpResponse* response) {
  const bool incremental_fields = segments.size() == 3 && segments[0] == "external_data_schemas" &&
                                  segments[2] == "incremental_fields";
  const bool listing =
      segments.size() == 1 && (segments[0] == "tables" || segments[0] == "functions");
  if (!incremental_fields && !listing) return false;
  if (request.method != "GET" && !(incremental_fields && request.method == "POST")) {
    SetError(response, 405, "method_not_allowed",
             incremental_fields ? "use GET or POST" : "use GET");
    return true;
  }
  if (incremental_fields) {
    Status status = IncrementalFields(context, project_id, segments[1], response);
    if (!status.ok()) SetStatusError(response, status);
  } else if (segments[0] == "functions") {
    SetJson(response, FunctionsJson(*context.functions));
  } else if (Result<Json> tables = ProjectTablesJson(context.data, *context.functions, project_id);
             tables.ok()) {
    SetJson(response, *tables);
  } else {
    SetStatusError(response, tables.status());
  }
  return true;
}

}  // namespace larder::server
