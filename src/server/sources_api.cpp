#include "server/sources_api.h"

#include <charconv>

#include "common/network_policy.h"
#include "server/sources_json.h"

namespace larder::server {
namespace {

constexpr int64_t kJobsListed = 100;

Result<int64_t> ParseId(std::string_view text, std::string_view what) {
  int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return NotFound("there is no {} '{}'", what, text);
  }
  return id;
}

Status MethodNotAllowed(std::string_view allowed) {
  return Status(StatusCode::kFailedPrecondition,
                fmt::format("method not allowed: use {}", allowed));
}

}  // namespace

void SetStatusError(HttpResponse* response, const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kUnauthenticated:
    case StatusCode::kUnavailable:
      return SetError(response, 400, "invalid_input", status.message());
    case StatusCode::kPermissionDenied:
      return SetError(response, 403, "permission_denied", status.message());
    case StatusCode::kNotFound:
      return SetError(response, 404, "not_found", status.message());
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kConflict:
      if (status.message().starts_with("method not allowed")) {
        return SetError(response, 405, "method_not_allowed", status.message());
      }
      return SetError(response, 409, "conflict", status.message());
    default:
      return SetError(response, 500, "internal_error", status.ToString());
  }
}

bool SourcesApi::Handle(int64_t project_id, const std::vector<std::string_view>& segments,
                        const HttpRequest& request, HttpResponse* response) {
  if (segments.empty()) return false;
  if (segments[0] == "external_data_sources") {
    Sources(project_id, segments, request, response);
    return true;
  }
  if (segments[0] == "external_data_schemas") {
    Schemas(project_id, segments, request, response);
    return true;
  }
  return false;
}

void SourcesApi::Sources(int64_t project_id, const std::vector<std::string_view>& segments,
                         const HttpRequest& request, HttpResponse* response) {
  const std::string& method = request.method;
  Status status;
  if (segments.size() == 1) {
    if (method == "GET") {
      status = ListSources(project_id, response);
    } else if (method == "POST") {
      status = CreateSource(project_id, request, response);
    } else {
      status = MethodNotAllowed("GET or POST");
    }
  } else if (segments.size() == 2 && segments[1] == "database_schema") {
    status = method == "POST" ? DatabaseSchema(request, response) : MethodNotAllowed("POST");
  } else if (segments.size() <= 3) {
    Result<catalog::SourceEntry> source = ProjectSource(project_id, segments[1]);
    if (!source.ok()) {
      status = source.status();
    } else if (segments.size() == 3 && segments[2] == "reload") {
      status = method == "POST" ? ReloadSource(*source, response) : MethodNotAllowed("POST");
    } else if (segments.size() == 3) {
      status = NotFound("there is no action {} of a source", segments[2]);
    } else if (method == "GET") {
      status = RetrieveSource(*source, response);
    } else if (method == "PATCH" || method == "PUT") {
      status = UpdateSource(*source, request, response);
    } else if (method == "DELETE") {
      status = DeleteSource(*source, response);
    } else {
      status = MethodNotAllowed("GET, PATCH or DELETE");
    }
  } else {
    status = NotFound("there is nothing at {}", request.path);
  }
  if (!status.ok()) SetStatusError(response, status);
}

void SourcesApi::Schemas(int64_t project_id, const std::vector<std::string_view>& segments,
                         const HttpRequest& request, HttpResponse* response) {
  const std::string& method = request.method;
  Status status;
  if (segments.size() == 1) {
    status = method == "GET" ? ListSchemas(project_id, response) : MethodNotAllowed("GET");
  } else if (segments.size() <= 3) {
    Result<catalog::SourceSchemaEntry> schema = ProjectSchema(project_id, segments[1]);
    if (!schema.ok()) {
      status = schema.status();
    } else if (segments.size() == 3 && segments[2] == "jobs") {
      if (method != "GET") {
        status = MethodNotAllowed("GET");
      } else if (auto jobs = data_->catalog().ListSyncJobs(schema->id, kJobsListed); jobs.ok()) {
        Json list = Json::MakeArray();
        for (const catalog::SyncJobEntry& job : *jobs) list.push_back(JobJson(job));
        SetJson(response, Page(std::move(list), jobs->size()));
      } else {
        status = jobs.status();
      }
    } else if (segments.size() == 3) {
      status = method == "POST" ? SchemaAction(*schema, segments[2], response)
                                : MethodNotAllowed("POST");
    } else if (method == "GET") {
      SetJson(response, SchemaJson(*schema, syncs_));
    } else if (method == "PATCH" || method == "PUT") {
      status = UpdateSchema(*schema, request, response);
    } else {
      status = MethodNotAllowed("GET or PATCH");
    }
  } else {
    status = NotFound("there is nothing at {}", request.path);
  }
  if (!status.ok()) SetStatusError(response, status);
}

Result<catalog::SourceEntry> SourcesApi::ProjectSource(int64_t project_id, std::string_view id) {
  LARDER_ASSIGN_OR_RETURN(int64_t source_id, ParseId(id, "source"));
  Result<catalog::SourceEntry> source = data_->catalog().GetSource(source_id);
  if (!source.ok() || source->project_id != project_id) {
    return NotFound("source {} does not exist in project {}", source_id, project_id);
  }
  return source;
}

Result<catalog::SourceSchemaEntry> SourcesApi::ProjectSchema(int64_t project_id,
                                                             std::string_view id) {
  LARDER_ASSIGN_OR_RETURN(int64_t schema_id, ParseId(id, "schema"));
  Result<catalog::SourceSchemaEntry> schema = data_->catalog().GetSourceSchema(schema_id);
  if (schema.ok() && ProjectSource(project_id, std::to_string(schema->source_id)).ok()) {
    return schema;
  }
  return NotFound("schema {} does not exist in project {}", schema_id, project_id);
}

Status SourcesApi::CheckHostAllowed(const std::map<std::string, std::string>& settings) const {
  if (!options_.deny_private_networks) return Status::OK();
  auto host = settings.find("host");
  if (host == settings.end()) return Status::OK();
  return CheckPublicHost(host->second);
}

Status SourcesApi::ListSources(int64_t project_id, HttpResponse* response) {
  LARDER_ASSIGN_OR_RETURN(auto sources, data_->catalog().ListSources(project_id));
  Json list = Json::MakeArray();
  for (const catalog::SourceEntry& source : sources) {
    LARDER_ASSIGN_OR_RETURN(auto schemas, data_->catalog().ListSourceSchemas(source.id));
    LARDER_ASSIGN_OR_RETURN(std::string json, data_->secrets().Open(source.sealed_config));
    LARDER_ASSIGN_OR_RETURN(auto settings, sync::DecodeSourceSettings(json));
    list.push_back(SourceJson(source, schemas, settings, syncs_));
  }
  SetJson(response, Page(std::move(list), sources.size()));
  return Status::OK();
}

Status SourcesApi::CreateSource(int64_t project_id, const HttpRequest& request,
                                HttpResponse* response) {
  LARDER_ASSIGN_OR_RETURN(SourceRequest parsed, ParseSourceRequest(request.body));
  if (parsed.source_type.empty()) {
    return InvalidArgument("source_type is required (Postgres or MySQL)");
  }
  LARDER_RETURN_IF_ERROR(CheckHostAllowed(parsed.settings));
  sync::LinkRequest link;
  link.project_id = project_id;
  link.source_type = parsed.source_type;
  link.prefix = parsed.prefix.value_or("");
  link.settings = parsed.settings;
  link.enabled_tables = parsed.enabled_tables;
  link.sync_types = parsed.sync_types;
  link.incremental_fields = parsed.incremental_fields;
  if (parsed.sync_frequency) link.sync_frequency = *parsed.sync_frequency;
  LARDER_ASSIGN_OR_RETURN(sync::LinkedSource linked, sync::LinkSource(data_, open_source_, link));
  syncs_->Wake();
  SetJson(response, SourceJson(linked.source, linked.schemas, parsed.settings, syncs_), 201);
  return Status::OK();
}

Status SourcesApi::DatabaseSchema(const HttpRequest& request, HttpResponse* response) {
  LARDER_ASSIGN_OR_RETURN(SourceRequest parsed, ParseSourceRequest(request.body));
  if (parsed.source_type.empty()) {
    return InvalidArgument("source_type is required (Postgres or MySQL)");
  }
  LARDER_RETURN_IF_ERROR(CheckHostAllowed(parsed.settings));
  LARDER_ASSIGN_OR_RETURN(
      auto tables, sync::DiscoverTables(open_source_, {parsed.source_type, parsed.settings}));
  Json list = Json::MakeArray();
  for (const sources::SourceTable& table : tables) list.push_back(DiscoveredTableJson(table));
  SetJson(response, list);
  return Status::OK();
}

Status SourcesApi::RetrieveSource(const catalog::SourceEntry& source, HttpResponse* response) {
  LARDER_ASSIGN_OR_RETURN(auto schemas, data_->catalog().ListSourceSchemas(source.id));
  LARDER_ASSIGN_OR_RETURN(std::string json, data_->secrets().Open(source.sealed_config));
  LARDER_ASSIGN_OR_RETURN(auto settings, sync::DecodeSourceSettings(json));
  SetJson(response, SourceJson(source, schemas, settings, syncs_));
  return Status::OK();
}

Status SourcesApi::UpdateSource(catalog::SourceEntry source, const HttpRequest& request,
                                HttpResponse* response) {
  LARDER_ASSIGN_OR_RETURN(SourceRequest parsed, ParseSourceRequest(request.body));
  if (parsed.prefix && *parsed.prefix != source.prefix) {
    return InvalidArgument("a source's prefix cannot change: its tables are named by it");
  }
  if (!parsed.settings.empty()) {
    LARDER_ASSIGN_OR_RETURN(std::string json, data_->secrets().Open(source.sealed_config));
    LARDER_ASSIGN_OR_RETURN(auto settings, sync::DecodeSourceSettings(json));
    for (const auto& [name, value] : parsed.settings) settings[name] = value;
    LARDER_RETURN_IF_ERROR(CheckHostAllowed(settings));
    // New credentials must work before they replace the old ones.
    Result<std::vector<sources::SourceTable>> checked =
        sync::DiscoverTables(open_source_, {source.source_type, settings});
    if (!checked.ok()) return checked.status();
    LARDER_ASSIGN_OR_RETURN(std::string sealed,
                            data_->secrets().Seal(sync::EncodeSourceSettings(settings)));
    LARDER_RETURN_IF_ERROR(data_->catalog().UpdateSourceConfig(source.id, sealed));
    source.sealed_config = sealed;
  }
  return RetrieveSource(source, response);
}

Status SourcesApi::DeleteSource(const catalog::SourceEntry& source, HttpResponse* response) {
  LARDER_ASSIGN_OR_RETURN(auto schemas, data_->catalog().ListSourceSchemas(source.id));
  for (const catalog::SourceSchemaEntry& schema : schemas) syncs_->CancelAndWait(schema.id);
  LARDER_RETURN_IF_ERROR(sync::DeleteLinkedSource(data_, source.id));
  response->status = 204;
  response->body.clear();
  return Status::OK();
}

Status SourcesApi::ReloadSource(const catalog::SourceEntry& source, HttpResponse* response) {
  LARDER_ASSIGN_OR_RETURN(auto schemas, data_->catalog().ListSourceSchemas(source.id));
  for (const catalog::SourceSchemaEntry& schema : schemas) {
    if (schema.should_sync && !syncs_->ActiveJob(schema.id)) {
      LARDER_RETURN_IF_ERROR(syncs_->Trigger(schema.id, false));
    }
  }
  return RetrieveSource(source, response);
}

Status SourcesApi::ListSchemas(int64_t project_id, HttpResponse* response) {
  LARDER_ASSIGN_OR_RETURN(auto sources, data_->catalog().ListSources(project_id));
  Json list = Json::MakeArray();
  size_t count = 0;
  for (const catalog::SourceEntry& source : sources) {
    LARDER_ASSIGN_OR_RETURN(auto schemas, data_->catalog().ListSourceSchemas(source.id));
    for (const catalog::SourceSchemaEntry& schema : schemas) {
      list.push_back(SchemaJson(schema, syncs_));
      ++count;
    }
  }
  SetJson(response, Page(std::move(list), count));
  return Status::OK();
}

Status SourcesApi::UpdateSchema(const catalog::SourceSchemaEntry& schema,
                                const HttpRequest& request, HttpResponse* response) {
  LARDER_ASSIGN_OR_RETURN(sync::SchemaChange change, ParseSchemaChange(request.body));
  LARDER_ASSIGN_OR_RETURN(catalog::SourceSchemaEntry stored,
                          sync::ConfigureSchema(data_, open_source_, schema.id, change));
  syncs_->Wake();
  SetJson(response, SchemaJson(stored, syncs_));
  return Status::OK();
}

Status SourcesApi::SchemaAction(const catalog::SourceSchemaEntry& schema, std::string_view action,
                                HttpResponse* response) {
  if (action == "reload" || action == "resync") {
    if (!schema.should_sync) {
      return FailedPrecondition("table {} is not enabled: set should_sync first", schema.name);
    }
    LARDER_RETURN_IF_ERROR(syncs_->Trigger(schema.id, action == "resync"));
  } else if (action == "cancel") {
    LARDER_RETURN_IF_ERROR(syncs_->Cancel(schema.id));
  } else if (action == "delete_data") {
    syncs_->CancelAndWait(schema.id);
    LARDER_RETURN_IF_ERROR(sync::DeleteSchemaData(data_, schema.id));
  } else {
    return NotFound(
        "there is no action {} of a schema; use reload, resync, cancel, delete_data "
        "or jobs",
        action);
  }
  LARDER_ASSIGN_OR_RETURN(catalog::SourceSchemaEntry current,
                          data_->catalog().GetSourceSchema(schema.id));
  SetJson(response, SchemaJson(current, syncs_));
  return Status::OK();
}

}  // namespace larder::server
