#include "server/server.h"

#include <charconv>

#include "common/logging.h"
#include "external/self_managed_tables.h"
#include "server/static_route.h"
#include "server/tables_api.h"
#include "server/warehouse_tables_api.h"
#include "sync/source_registry.h"

namespace larder::server {
namespace {

// Reads "/api/projects/{id}/a/b/" into the id and {"a", "b"} (a trailing slash is optional);
// false for other paths.
bool ParseProjectPath(std::string_view path, int64_t* project_id,
                      std::vector<std::string_view>* segments) {
  constexpr std::string_view kPrefix = "/api/projects/";
  if (!path.starts_with(kPrefix)) return false;
  path.remove_prefix(kPrefix.size());
  auto [end, error] = std::from_chars(path.data(), path.data() + path.size(), *project_id);
  if (error != std::errc()) return false;
  std::string_view rest(end, path.data() + path.size() - end);
  if (!rest.starts_with('/')) return false;
  rest.remove_prefix(1);
  if (rest.ends_with('/')) rest.remove_suffix(1);
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    segments->push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return !segments->empty();
}

// Browsers may call capture and the API from any page; answer their CORS checks.
void AddCorsHeaders(const HttpRequest& request, HttpResponse* response) {
  std::string_view origin = request.Header("origin");
  if (origin.empty()) {
    response->SetHeader("Access-Control-Allow-Origin", "*");
    return;
  }
  response->SetHeader("Access-Control-Allow-Origin", std::string(origin));
  response->SetHeader("Access-Control-Allow-Credentials", "true");
  response->SetHeader("Vary", "Origin");
}

void AnswerPreflight(const HttpRequest& request, HttpResponse* response) {
  response->status = 200;
  response->content_type.clear();
  response->SetHeader("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE, OPTIONS");
  std::string_view asked = request.Header("access-control-request-headers");
  response->SetHeader("Access-Control-Allow-Headers",
                      asked.empty() ? "Content-Type, Authorization" : std::string(asked));
  response->SetHeader("Access-Control-Max-Age", "86400");
}

// What PostHog's clients ask before capturing (feature flags, remote config): nothing enabled.
constexpr std::string_view kFlagsResponse =
    R"({"config":{"enable_collect_everything":true},"featureFlags":{},"featureFlagPayloads":{},)"
    R"("flags":{},"errorsWhileComputingFlags":false,"sessionRecording":false,)"
    R"("supportedCompression":["gzip","gzip-js"],"toolbarParams":{},"isAuthenticated":false,)"
    R"("siteApps":[],"capturePerformance":false,"autocapture_opt_out":false,)"
    R"("autocaptureExceptions":false,"surveys":false,"heatmaps":false})";

bool IsFlagsPath(std::string_view path) {
  return path == "/decide" || path == "/decide/" || path == "/flags" || path == "/flags/";
}

}  // namespace

Server::Server(warehouse::DataDirectory* data, ThreadPool* pool, const ServerOptions& options)
    : data_(data),
      pool_(pool),
      options_(options),
      functions_(functions::BuiltinFunctions()),
      target_(data) {}

Server::~Server() {
  Status stopped = Stop();
  if (!stopped.ok()) LARDER_LOG(kError, "stopping the server: {}", stopped.ToString());
}

Result<std::unique_ptr<Server>> Server::Start(warehouse::DataDirectory* data, ThreadPool* pool,
                                              const ServerOptions& options) {
  ServerOptions with_opener = options;
  if (!with_opener.open_source) {
    // The built-in connectors, within what the operator allows.
    with_opener.open_source = sync::PolicySourceOpener(
        {options.sources.file_roots, options.sources.deny_private_networks});
  }
  std::unique_ptr<Server> server(new Server(data, pool, with_opener));
  server->files_.file_roots = options.sources.file_roots;
  server->files_.deny_private_networks = options.sources.deny_private_networks;
  external::InstallSelfManagedTables(data, server->files_);
  // Every project has its events table from the start, so queries on a new one find it empty.
  LARDER_ASSIGN_OR_RETURN(std::vector<catalog::Project> projects, data->catalog().ListProjects());
  for (const catalog::Project& project : projects) {
    Result<storage::Table*> events = server->target_.EventsTable(project.id);
    if (!events.ok()) return events.status();
  }
  LARDER_ASSIGN_OR_RETURN(server->ingester_,
                          analytics::EventIngester::Open(data->env().fs, data->EventsLogDir(),
                                                         &server->target_, options.ingest));
  server->ingester_->StartFlusher();
  const sync::SourceOpener& opener = server->options_.open_source;
  LARDER_ASSIGN_OR_RETURN(server->syncs_, sync::SyncService::Start(data, opener, options.sync));
  server->sources_api_ =
      std::make_unique<SourcesApi>(data, server->syncs_.get(), opener, options.sources);
  LARDER_ASSIGN_OR_RETURN(
      server->http_,
      HttpServer::Start(options.http,
                        [raw = server.get()](const HttpRequest& request, HttpResponse* response) {
                          raw->Handle(request, response);
                        }));
  return server;
}

Status Server::Stop() {
  if (stopped_) return Status::OK();
  stopped_ = true;
  if (http_ != nullptr) http_->Stop();
  if (syncs_ != nullptr) syncs_->Stop();
  if (ingester_ != nullptr) return ingester_->Stop();
  return Status::OK();
}

void Server::Handle(const HttpRequest& request, HttpResponse* response) {
  const std::string& path = request.path;
  int64_t project_id = 0;
  std::vector<std::string_view> segments;
  AddCorsHeaders(request, response);
  if (request.method == "OPTIONS") {
    AnswerPreflight(request, response);
  } else if (path == "/_health" || path == "/_health/") {
    response->body = R"({"status":"ok"})";
  } else if (IsCapturePath(path)) {
    HandleCapture(request, response);
  } else if (IsFlagsPath(path)) {
    response->body = std::string(kFlagsResponse);
  } else if (ParseProjectPath(path, &project_id, &segments)) {
    HandleProjectApi(project_id, segments, request, response);
  } else if (!ServeUiFile(*data_->env().fs, options_.ui_dir, request, response)) {
    SetError(response, 404, "not_found", "there is nothing at " + path);
  }
}

void Server::HandleProjectApi(int64_t project_id, const std::vector<std::string_view>& segments,
                              const HttpRequest& request, HttpResponse* response) {
  if (!Authorize(project_id, request, response)) return;
  if (segments.size() == 1 && segments[0] == "query")
    return HandleQuery(project_id, request, response);
  if (HandleTablesApi({data_, &functions_, options_.open_source}, project_id, segments, request,
                      response)) {
    return;
  }
  if (sources_api_->Handle(project_id, segments, request, response)) return;
  if (HandleWarehouseTablesApi({data_, files_}, project_id, segments, request, response)) return;
  SetError(response, 404, "not_found", "there is nothing at " + request.path);
}

}  // namespace larder::server
