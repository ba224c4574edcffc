#include "server/warehouse_tables_api.h"

#include <simdjson.h>

#include <charconv>

#include "external/self_managed_tables.h"
#include "server/sources_api.h"
#include "types/datetime.h"

namespace larder::server {
namespace {

Json TableJson(const catalog::TableEntry& entry) {
  Json json = Json::MakeObject();
  json["id"] = entry.id;
  json["name"] = entry.name;
  json["url_pattern"] = entry.location;
  json["created_at"] = FormatDateTime(entry.created_at_us);
  Json columns = Json::MakeArray();
  Result<warehouse::SelfManagedDefinition> definition =
      warehouse::DecodeSelfManagedDefinition(entry.definition);
  json["format"] = definition.ok() ? definition->format : "";
  if (definition.ok()) {
    for (const Field& field : definition->schema.fields) {
      Json column = Json::MakeObject();
      column["key"] = field.name;
      column["name"] = field.name;
      column["type"] = field.type.ToString();
      column["schema_valid"] = true;
      columns.push_back(std::move(column));
    }
  }
  json["columns"] = std::move(columns);
  return json;
}

Result<std::vector<catalog::TableEntry>> SelfManagedTables(warehouse::DataDirectory* data,
                                                           int64_t project_id) {
  LARDER_ASSIGN_OR_RETURN(std::vector<catalog::TableEntry> entries,
                          data->catalog().ListTables(project_id));
  std::vector<catalog::TableEntry> tables;
  for (catalog::TableEntry& entry : entries) {
    if (entry.kind == catalog::TableKind::kSelfManaged) tables.push_back(std::move(entry));
  }
  return tables;
}

Result<catalog::TableEntry> FindTable(warehouse::DataDirectory* data, int64_t project_id,
                                      std::string_view id_text) {
  int64_t id = 0;
  auto [end, error] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (error != std::errc() || end != id_text.data() + id_text.size()) {
    return InvalidArgument("'{}' is not a table id", id_text);
  }
  LARDER_ASSIGN_OR_RETURN(auto tables, SelfManagedTables(data, project_id));
  for (catalog::TableEntry& entry : tables) {
    if (entry.id == id) return std::move(entry);
  }
  return NotFound("self-managed table {} does not exist in project {}", id, project_id);
}

// Copies the string member `name` of `object` into settings[key] when it is there.
Status CopyString(simdjson::dom::object object, const char* name, const char* key,
                  std::map<std::string, std::string>* settings) {
  simdjson::dom::element value;
  if (object[name].get(value) != simdjson::SUCCESS || value.is_null()) return Status::OK();
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    return InvalidArgument("{} must be a string", name);
  }
  if (!text.empty()) (*settings)[key] = std::string(text);
  return Status::OK();
}

Result<external::SelfManagedRequest> ParseCreate(int64_t project_id, std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(body.data(), body.size()).get_object().get(object) != simdjson::SUCCESS) {
    return InvalidArgument("the body must be a JSON object");
  }
  external::SelfManagedRequest request;
  request.project_id = project_id;
  std::map<std::string, std::string> fields;
  LARDER_RETURN_IF_ERROR(CopyString(object, "name", "name", &fields));
  request.name = fields["name"];
  if (request.name.empty()) return InvalidArgument("name is required");
  auto& settings = request.settings;
  LARDER_RETURN_IF_ERROR(CopyString(object, "url_pattern", "url", &settings));
  if (!settings.contains("url")) return InvalidArgument("url_pattern is required");
  LARDER_RETURN_IF_ERROR(CopyString(object, "format", "format", &settings));
  LARDER_RETURN_IF_ERROR(CopyString(object, "region", "region", &settings));
  LARDER_RETURN_IF_ERROR(CopyString(object, "endpoint", "endpoint", &settings));
  simdjson::dom::object credential;
  if (object["credential"].get_object().get(credential) == simdjson::SUCCESS) {
    LARDER_RETURN_IF_ERROR(CopyString(credential, "access_key", "access_key_id", &settings));
    LARDER_RETURN_IF_ERROR(CopyString(credential, "access_secret", "secret_access_key", &settings));
    LARDER_RETURN_IF_ERROR(CopyString(credential, "session_token", "session_token", &settings));
  }
  simdjson::dom::object columns;
  if (object["columns"].get_object().get(columns) == simdjson::SUCCESS) {
    std::string overrides;
    for (auto [name, type] : columns) {
      std::string_view text;
      if (type.get_string().get(text) != simdjson::SUCCESS) {
        return InvalidArgument("columns.{} must be a type name such as \"String\"", name);
      }
      overrides += std::string(name) + ":" + std::string(text) + ";";
    }
    if (!overrides.empty()) settings["column_types"] = overrides;
  }
  return request;
}

Status Route(const WarehouseTablesContext& context, int64_t project_id,
             const std::vector<std::string_view>& segments, const HttpRequest& request,
             HttpResponse* response) {
  if (segments.size() == 1 && request.method == "GET") {
    LARDER_ASSIGN_OR_RETURN(auto tables, SelfManagedTables(context.data, project_id));
    Json results = Json::MakeArray();
    for (const catalog::TableEntry& entry : tables) results.push_back(TableJson(entry));
    Json page = Json::MakeObject();
    page["count"] = static_cast<int64_t>(tables.size());
    page["next"] = nullptr;
    page["previous"] = nullptr;
    page["results"] = std::move(results);
    SetJson(response, page);
    return Status::OK();
  }
  if (segments.size() == 1 && request.method == "POST") {
    LARDER_ASSIGN_OR_RETURN(external::SelfManagedRequest create,
                            ParseCreate(project_id, request.body));
    LARDER_ASSIGN_OR_RETURN(catalog::TableEntry entry,
                            external::CreateSelfManagedTable(context.data, context.policy, create));
    SetJson(response, TableJson(entry), 201);
    return Status::OK();
  }
  if (segments.size() != 2) {
    SetError(response, 405, "method_not_allowed", "use GET or POST");
    return Status::OK();
  }
  LARDER_ASSIGN_OR_RETURN(catalog::TableEntry entry,
                          FindTable(context.data, project_id, segments[1]));
  if (request.method == "GET") {
    SetJson(response, TableJson(entry));
  } else if (request.method == "DELETE") {
    LARDER_RETURN_IF_ERROR(context.data->DropTable(project_id, entry.name));
    response->status = 204;
    response->body.clear();
  } else {
    SetError(response, 405, "method_not_allowed", "use GET or DELETE");
  }
  return Status::OK();
}

}  // namespace

bool HandleWarehouseTablesApi(const WarehouseTablesContext& context, int64_t project_id,
                              const std::vector<std::string_view>& segments,
                              const HttpRequest& request, HttpResponse* response) {
  if (segments.empty() || segments[0] != "warehouse_tables" || segments.size() > 2) return false;
  Status status = Route(context, project_id, segments, request, response);
  if (!status.ok()) SetStatusError(response, status);
  return true;
}

}  // namespace larder::server
