#include "server/sources_json.h"

#include <simdjson.h>

#include <algorithm>

#include "types/datetime.h"

namespace larder::server {
namespace {

// Settings that are secrets: never sent back.
bool IsSecretSetting(std::string_view name) {
  for (std::string_view secret : {"password", "secret", "token", "key", "credential"}) {
    if (name.find(secret) != std::string_view::npos) return true;
  }
  return false;
}

// ISO 8601 in UTC: "2024-03-01T12:00:00Z".
Json OptionalTime(const std::optional<int64_t>& micros) {
  if (!micros) return Json(nullptr);
  std::string text = FormatDateTime(*micros);
  std::replace(text.begin(), text.end(), ' ', 'T');
  return Json(text + "Z");
}

// A setting's value as text: strings as they are, numbers and booleans as JSON prints them.
Result<std::string> SettingText(std::string_view name, simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      return std::string(value.get_string().value());
    case simdjson::dom::element_type::INT64:
      return std::to_string(value.get_int64().value());
    case simdjson::dom::element_type::UINT64:
      return std::to_string(value.get_uint64().value());
    case simdjson::dom::element_type::BOOL:
      return std::string(value.get_bool().value() ? "true" : "false");
    default:
      return InvalidArgument("setting '{}' must be a string, a number or a boolean", name);
  }
}

Result<simdjson::dom::object> ParseObject(simdjson::dom::parser& parser, std::string_view body) {
  simdjson::dom::element root;
  if (auto error = parser.parse(body.data(), body.size()).get(root); error) {
    return InvalidArgument("the request body is not valid JSON: {}",
                           simdjson::error_message(error));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return InvalidArgument("the request body must be a JSON object");
  }
  return object;
}

Result<std::optional<std::string>> OptionalString(simdjson::dom::object object,
                                                  std::string_view field) {
  simdjson::dom::element value;
  if (object[field].get(value) != simdjson::SUCCESS || value.is_null()) {
    return std::optional<std::string>();
  }
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    return InvalidArgument("{} must be a string", field);
  }
  return std::optional<std::string>(std::string(text));
}

Status ReadSchemaList(simdjson::dom::array schemas, SourceRequest* request) {
  for (simdjson::dom::element item : schemas) {
    simdjson::dom::object schema;
    std::string_view name;
    if (item.get_object().get(schema) != simdjson::SUCCESS ||
        schema["name"].get_string().get(name) != simdjson::SUCCESS) {
      return InvalidArgument("payload.schemas must be a list of objects with a name");
    }
    bool should_sync = false;
    if (schema["should_sync"].get_bool().get(should_sync) == simdjson::SUCCESS && should_sync) {
      request->enabled_tables.emplace_back(name);
    }
    LARDER_ASSIGN_OR_RETURN(auto type, OptionalString(schema, "sync_type"));
    if (type) {
      LARDER_ASSIGN_OR_RETURN(request->sync_types[std::string(name)],
                              catalog::ParseSyncType(*type));
    }
    LARDER_ASSIGN_OR_RETURN(auto field, OptionalString(schema, "incremental_field"));
    if (field) request->incremental_fields[std::string(name)] = *field;
    LARDER_ASSIGN_OR_RETURN(auto frequency, OptionalString(schema, "sync_frequency"));
    if (frequency) request->sync_frequency = *frequency;
  }
  return Status::OK();
}

// Reads the settings of `object` (every member but the request's own fields).
Status ReadSettings(simdjson::dom::object object, SourceRequest* request) {
  for (auto [key, value] : object) {
    if (key == "schemas") {
      simdjson::dom::array schemas;
      if (value.get_array().get(schemas) != simdjson::SUCCESS) {
        return InvalidArgument("payload.schemas must be a list");
      }
      LARDER_RETURN_IF_ERROR(ReadSchemaList(schemas, request));
      continue;
    }
    if (key == "source_type" || key == "prefix" || key == "payload" || key == "job_inputs" ||
        value.is_null()) {
      continue;
    }
    LARDER_ASSIGN_OR_RETURN(request->settings[std::string(key)], SettingText(key, value));
  }
  return Status::OK();
}

}  // namespace

std::string SourceTypeDisplayName(std::string_view source_type) {
  if (source_type == "postgres") return "Postgres";
  if (source_type == "mysql") return "MySQL";
  if (source_type == "bucket") return "Bucket";
  return std::string(source_type);
}

std::string SourceKind(std::string_view source_type) {
  std::string kind(source_type);
  std::transform(kind.begin(), kind.end(), kind.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (kind == "postgresql") kind = "postgres";
  if (kind == "mariadb") kind = "mysql";
  return kind;
}

Json JobJson(const catalog::SyncJobEntry& job) {
  Json json = Json::MakeObject();
  json["id"] = job.id;
  json["schema_id"] = job.schema_id;
  json["created_at"] = OptionalTime(job.started_at_us);
  json["finished_at"] = OptionalTime(job.finished_at_us);
  json["status"] = job.status;
  json["rows_synced"] = job.rows_synced;
  json["bytes"] = job.bytes;
  json["rows_with_null_key"] = job.null_key_rows;
  json["cursor_before"] = job.cursor_before.empty() ? Json(nullptr) : Json(job.cursor_before);
  json["cursor_after"] = job.cursor_after.empty() ? Json(nullptr) : Json(job.cursor_after);
  json["latest_error"] = job.error.empty() ? Json(nullptr) : Json(job.error);
  return json;
}

Json SchemaJson(const catalog::SourceSchemaEntry& schema, const sync::SyncService* syncs) {
  Json json = Json::MakeObject();
  json["id"] = schema.id;
  json["source_id"] = schema.source_id;
  json["name"] = schema.name;
  json["should_sync"] = schema.should_sync;
  json["sync_type"] = std::string(catalog::SyncTypeName(schema.sync_type));
  json["incremental"] = schema.sync_type != catalog::SyncType::kFullRefresh;
  json["incremental_field"] =
      schema.incremental_field.empty() ? Json(nullptr) : Json(schema.incremental_field);
  json["incremental_field_type"] =
      schema.incremental_field_type.empty() ? Json(nullptr) : Json(schema.incremental_field_type);
  Json key = Json::MakeArray();
  for (const std::string& column : schema.primary_key) key.push_back(column);
  json["primary_key"] = std::move(key);
  json["sync_frequency"] = schema.sync_frequency;
  json["sync_time_of_day"] =
      schema.sync_time_of_day.empty() ? Json(nullptr) : Json(schema.sync_time_of_day);
  json["status"] = schema.status.empty() ? Json(nullptr) : Json(schema.status);
  json["latest_error"] = schema.latest_error.empty() ? Json(nullptr) : Json(schema.latest_error);
  json["last_synced_at"] = OptionalTime(schema.last_synced_at_us);
  json["resync_pending"] = schema.resync_pending;
  Json table = Json::MakeObject();
  table["name"] = schema.table_name;
  table["row_count"] = schema.row_count;
  json["table"] = std::move(table);
  json["progress"] = nullptr;
  json["next_sync_at"] = nullptr;
  if (syncs == nullptr) return json;
  if (std::optional<sync::ActiveJobInfo> active = syncs->ActiveJob(schema.id)) {
    Json progress = Json::MakeObject();
    progress["phase"] = active->phase;
    progress["rows_synced"] = static_cast<int64_t>(active->rows);
    progress["bytes"] = static_cast<int64_t>(active->bytes);
    progress["resync"] = active->resync;
    json["progress"] = std::move(progress);
    if (active->phase != "Queued") json["status"] = "Running";
  }
  Result<std::optional<int64_t>> next = syncs->NextRun(schema);
  if (next.ok() && next->has_value()) json["next_sync_at"] = OptionalTime(**next);
  return json;
}

Json SourceJson(const catalog::SourceEntry& source,
                const std::vector<catalog::SourceSchemaEntry>& schemas,
                const std::map<std::string, std::string>& settings,
                const sync::SyncService* syncs) {
  Json json = Json::MakeObject();
  json["id"] = source.id;
  json["source_type"] = SourceTypeDisplayName(source.source_type);
  json["prefix"] = source.prefix;
  json["created_at"] = OptionalTime(source.created_at_us);
  std::optional<int64_t> last_run;
  Json schema_list = Json::MakeArray();
  for (const catalog::SourceSchemaEntry& schema : schemas) {
    if (schema.should_sync && schema.last_synced_at_us) {
      last_run = std::max(last_run.value_or(0), *schema.last_synced_at_us);
    }
    schema_list.push_back(SchemaJson(schema, syncs));
  }
  std::string status = sync::SourceStatus(schemas);
  json["status"] = status.empty() ? Json(nullptr) : Json(status);
  json["last_run_at"] = OptionalTime(last_run);
  json["schemas"] = std::move(schema_list);
  Json inputs = Json::MakeObject();
  for (const auto& [name, value] : settings) {
    if (!IsSecretSetting(name)) inputs[name] = value;
  }
  json["job_inputs"] = std::move(inputs);
  return json;
}

Json DiscoveredTableJson(const sources::SourceTable& table) {
  Json json = Json::MakeObject();
  json["table"] = table.name;
  json["should_sync"] = false;
  Json fields = Json::MakeArray();
  Json columns = Json::MakeArray();
  for (const sources::SourceColumn& column : table.columns) {
    Json described = Json::MakeObject();
    described["name"] = column.name;
    described["type"] = column.source_type;
    described["larder_type"] = column.type.ToString();
    described["nullable"] = column.nullable;
    columns.push_back(std::move(described));
    if (!column.replication_key_candidate) continue;
    Json field = Json::MakeObject();
    field["label"] = column.name;
    field["field"] = column.name;
    field["type"] = sync::ReplicationKeyTypeName(column);
    field["field_type"] = sync::ReplicationKeyTypeName(column);
    field["indexed"] = column.indexed;
    fields.push_back(std::move(field));
  }
  json["incremental_available"] = !table.primary_key.empty();
  json["append_available"] = true;
  // Tables made of files append the files not loaded before, with no key.
  json["append_by_file"] = table.appends_by_object;
  json["incremental_fields"] = std::move(fields);
  Json key = Json::MakeArray();
  for (const std::string& column : table.primary_key) key.push_back(column);
  json["primary_key"] = std::move(key);
  json["columns"] = std::move(columns);
  json["rows"] =
      table.estimated_rows ? Json(static_cast<int64_t>(*table.estimated_rows)) : Json(nullptr);
  return json;
}

Result<SourceRequest> ParseSourceRequest(std::string_view body) {
  simdjson::dom::parser parser;
  LARDER_ASSIGN_OR_RETURN(simdjson::dom::object object, ParseObject(parser, body));
  SourceRequest request;
  LARDER_ASSIGN_OR_RETURN(auto type, OptionalString(object, "source_type"));
  if (type) request.source_type = SourceKind(*type);
  LARDER_ASSIGN_OR_RETURN(request.prefix, OptionalString(object, "prefix"));
  LARDER_RETURN_IF_ERROR(ReadSettings(object, &request));
  for (std::string_view nested : {"payload", "job_inputs"}) {
    simdjson::dom::element value;
    if (object[nested].get(value) != simdjson::SUCCESS || value.is_null()) continue;
    simdjson::dom::object inner;
    if (value.get_object().get(inner) != simdjson::SUCCESS) {
      return InvalidArgument("{} must be an object of connection settings", nested);
    }
    LARDER_RETURN_IF_ERROR(ReadSettings(inner, &request));
  }
  return request;
}

Result<sync::SchemaChange> ParseSchemaChange(std::string_view body) {
  simdjson::dom::parser parser;
  LARDER_ASSIGN_OR_RETURN(simdjson::dom::object object, ParseObject(parser, body));
  sync::SchemaChange change;
  simdjson::dom::element value;
  if (object["should_sync"].get(value) == simdjson::SUCCESS) {
    bool flag = false;
    if (value.get_bool().get(flag) != simdjson::SUCCESS) {
      return InvalidArgument("should_sync must be true or false");
    }
    change.should_sync = flag;
  }
  LARDER_ASSIGN_OR_RETURN(change.sync_type, OptionalString(object, "sync_type"));
  LARDER_ASSIGN_OR_RETURN(change.incremental_field, OptionalString(object, "incremental_field"));
  LARDER_ASSIGN_OR_RETURN(change.sync_frequency, OptionalString(object, "sync_frequency"));
  if (object["sync_time_of_day"].get(value) == simdjson::SUCCESS) {
    LARDER_ASSIGN_OR_RETURN(auto time, OptionalString(object, "sync_time_of_day"));
    change.sync_time_of_day = time.value_or("");
  }
  return change;
}

}  // namespace larder::server
