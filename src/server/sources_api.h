// The linked-sources API under /api/projects/{id}/ in PostHog's shapes: external_data_sources/
// (list, create, retrieve, update, delete, {id}/reload/, database_schema/) and
// external_data_schemas/ (list, retrieve, update, {id}/reload|resync|cancel|delete_data/,
// {id}/jobs/). Credentials go in sealed and never come back out.
#pragma once

#include <string_view>
#include <vector>

#include "server/http_message.h"
#include "sync/sync_service.h"

namespace larder::server {

struct SourcesApiOptions {
  // Refuse source hosts that resolve to loopback, private or link-local addresses.
  bool deny_private_networks = false;
  // Folders file:// patterns may read (`larder serve --file-root`); none by default.
  std::vector<std::string> file_roots;
};

class SourcesApi {
 public:
  // REQUIRES: every pointer outlives the API.
  SourcesApi(warehouse::DataDirectory* data, sync::SyncService* syncs,
             sync::SourceOpener open_source, const SourcesApiOptions& options)
      : data_(data), syncs_(syncs), open_source_(std::move(open_source)), options_(options) {}

  // True when `segments` (the path after /api/projects/{id}/, split at '/') is one of its
  // routes; then `response` is filled.
  bool Handle(int64_t project_id, const std::vector<std::string_view>& segments,
              const HttpRequest& request, HttpResponse* response);

 private:
  void Sources(int64_t project_id, const std::vector<std::string_view>& segments,
               const HttpRequest& request, HttpResponse* response);
  void Schemas(int64_t project_id, const std::vector<std::string_view>& segments,
               const HttpRequest& request, HttpResponse* response);
  Status ListSources(int64_t project_id, HttpResponse* response);
  Status CreateSource(int64_t project_id, const HttpRequest& request, HttpResponse* response);
  Status DatabaseSchema(const HttpRequest& request, HttpResponse* response);
  Status RetrieveSource(const catalog::SourceEntry& source, HttpResponse* response);
  Status UpdateSource(catalog::SourceEntry source, const HttpRequest& request,
                      HttpResponse* response);
  Status DeleteSource(const catalog::SourceEntry& source, HttpResponse* response);
  Status ReloadSource(const catalog::SourceEntry& source, HttpResponse* response);
  Status ListSchemas(int64_t project_id, HttpResponse* response);
  Status UpdateSchema(const catalog::SourceSchemaEntry& schema, const HttpRequest& request,
                      HttpResponse* response);
  Status SchemaAction(const catalog::SourceSchemaEntry& schema, std::string_view action,
                      HttpResponse* response);
  // The source `id` of `project_id`: kNotFound for another project's.
  Result<catalog::SourceEntry> ProjectSource(int64_t project_id, std::string_view id);
  Result<catalog::SourceSchemaEntry> ProjectSchema(int64_t project_id, std::string_view id);
  // Connector settings from a request, with the host checked against the network policy.
  Status CheckHostAllowed(const std::map<std::string, std::string>& settings) const;

  warehouse::DataDirectory* data_;
  sync::SyncService* syncs_;
  const sync::SourceOpener open_source_;
  const SourcesApiOptions options_;
};

// The HTTP status for an error of a sources request: 400 for bad input (including a source's
// wrong credentials or unreachable host), 404, 409 for conflicts, 500 for the rest.
void SetStatusError(HttpResponse* response, const Status& status);

}  // namespace larder::server
