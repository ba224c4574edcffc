// Server: `larder serve` — the HTTP server with Larder's routes (capture, query API, linked
// sources API, health) over one data directory, the ingestion pipeline behind capture and the
// sync service that keeps linked tables synced.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "analytics/capture_request.h"
#include "analytics/event_ingester.h"
#include "functions/function_registry.h"
#include "server/http_server.h"
#include "server/sources_api.h"
#include "sources/object_storage/object_lister.h"
#include "sync/sync_service.h"
#include "warehouse/data_directory.h"
#include "warehouse/ingestion_target.h"

namespace larder::server {

struct ServerOptions {
  HttpServerOptions http;
  analytics::EventIngesterOptions ingest;
  analytics::CaptureLimits capture;
  std::chrono::milliseconds query_timeout{60000};  // Longer queries end with 504.
  uint64_t query_memory_limit = 4ULL << 30;        // Bytes of operator state per query.
  sync::SyncServiceOptions sync;
  sync::SourceOpener open_source;  // Connectors for linked sources; empty: the built-in ones.
  SourcesApiOptions sources;
  std::string ui_dir;  // The web UI's built files, served at `/` (static_route.h).
};

class Server {
 public:
  // Replays the event log, then starts listening. REQUIRES: `data` and `pool` outlive it.
  static Result<std::unique_ptr<Server>> Start(warehouse::DataDirectory* data, ThreadPool* pool,
                                               const ServerOptions& options);
  ~Server();

  int port() const { return http_->port(); }
  // Stops taking requests, answers those in progress, then flushes every accepted event.
  Status Stop();

  analytics::EventIngester& ingester() { return *ingester_; }
  sync::SyncService& syncs() { return *syncs_; }

 private:
  Server(warehouse::DataDirectory* data, ThreadPool* pool, const ServerOptions& options);
  void Handle(const HttpRequest& request, HttpResponse* response);
  void HandleCapture(const HttpRequest& request, HttpResponse* response);
  // /api/projects/{id}/…: authenticates, then the query or the sources API.
  void HandleProjectApi(int64_t project_id, const std::vector<std::string_view>& segments,
                        const HttpRequest& request, HttpResponse* response);
  void HandleQuery(int64_t project_id, const HttpRequest& request, HttpResponse* response);
  // The project a capture token belongs to; kUnauthenticated when none.
  Result<int64_t> ProjectForToken(const std::string& token);
  // Checks the request's personal API key may use `project_id`; fills an error response if not.
  bool Authorize(int64_t project_id, const HttpRequest& request, HttpResponse* response);

  warehouse::DataDirectory* data_;
  ThreadPool* pool_;
  const ServerOptions options_;
  sources::ObjectAccess files_;  // What self-managed tables may read.
  functions::FunctionRegistry functions_;
  warehouse::DirectoryIngestionTarget target_;
  std::unique_ptr<analytics::EventIngester> ingester_;
  std::unique_ptr<sync::SyncService> syncs_;
  std::unique_ptr<SourcesApi> sources_api_;
  std::unique_ptr<HttpServer> http_;
  std::mutex tokens_mutex_;
  std::unordered_map<std::string, int64_t> tokens_;  // Capture token -> project id.
  bool stopped_ = false;
};

// True for the capture service's paths: /capture, /batch, /e, /i/v0/e, /track, /engage, each
// with or without a trailing slash.
bool IsCapturePath(std::string_view path);

}  // namespace larder::server
