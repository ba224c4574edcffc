// `larder serve`: runs the HTTP server (capture, query API) on the data directory until SIGINT
// or SIGTERM, then stops gracefully: requests in progress are answered, accepted events flushed.
#include <limits.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/environment.h"
#include "common/file_system.h"
#include "server/server.h"

namespace larder::cli {
namespace {

Result<FILE*> OpenAccessLog(const std::string& target) {
  if (target == "off") return nullptr;
  if (target == "-") return stderr;
  FILE* file = std::fopen(target.c_str(), "a");
  if (file == nullptr) return InvalidArgument("cannot open --access-log '{}'", target);
  return file;
}

// The web UI's default folder: `ui` beside the running binary (build/ui for build/larder, where
// ./scripts/build puts it).
std::string DefaultUiDir() {
  char path[PATH_MAX];
  ssize_t length = ::readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (length <= 0) return "ui";
  return JoinPath(DirName(std::string_view(path, static_cast<size_t>(length))), "ui");
}

}  // namespace

Status RunServe(const GlobalOptions& global, const ServeOptions& options) {
  if (options.port < 0 || options.port > 65535) return InvalidArgument("--port must be 0-65535");
  // Every thread started from here on inherits the mask; this thread waits for the signals.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Environment environment;
  LARDER_ASSIGN_OR_RETURN(auto* data, environment.OpenDataDirectory(global));
  if (options.demo) {
    LARDER_RETURN_IF_ERROR(LoadDemoEvents(data, options.demo_events));
  }
  server::ServerOptions server_options;
  server_options.http.host = options.host;
  server_options.http.port = options.port;
  server_options.http.max_body_bytes = options.max_body_mb << 20;
  LARDER_ASSIGN_OR_RETURN(server_options.http.access_log, OpenAccessLog(options.access_log));
  server_options.ingest.flush_interval = std::chrono::milliseconds(options.flush_interval_ms);
  server_options.query_timeout = std::chrono::milliseconds(options.query_timeout_ms);
  server_options.sync.max_concurrent_jobs = options.max_sync_jobs;
  server_options.sync.failure_webhook_url = options.sync_webhook;
  server_options.sync.run_scheduler = !options.no_scheduler;
  server_options.sync.checkpoint_rows = options.sync_checkpoint_rows;
  server_options.sources.deny_private_networks = options.deny_private_networks;
  for (const std::string& root : options.file_roots) {
    std::error_code error;
    std::filesystem::path absolute = std::filesystem::canonical(root, error);
    if (error) return InvalidArgument("--file-root {}: {}", root, error.message());
    server_options.sources.file_roots.push_back(absolute.string());
  }
  server_options.ui_dir = options.ui_dir.empty() ? DefaultUiDir() : options.ui_dir;
  LARDER_ASSIGN_OR_RETURN(auto server,
                          server::Server::Start(data, &environment.pool(), server_options));
  std::printf("listening on http://%s:%d\n", options.host.c_str(), server->port());
  if (data->env().fs->FileExists(JoinPath(server_options.ui_dir, "index.html"))) {
    std::printf("web UI at http://%s:%d/\n", options.host.c_str(), server->port());
  } else {
    std::printf("web UI not built (no index.html in %s): run ./scripts/build\n",
                server_options.ui_dir.c_str());
  }
  std::fflush(stdout);
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  std::fprintf(stderr, "larder serve: %s received, stopping\n",
               signal_number == SIGINT ? "SIGINT" : "SIGTERM");
  Status stopped = server->Stop();
  auto stats = server->ingester().stats();
  std::fprintf(stderr,
               "larder serve: stopped; %llu events accepted, %llu stored, %llu duplicates\n",
               static_cast<unsigned long long>(stats.accepted),
               static_cast<unsigned long long>(stats.stored),
               static_cast<unsigned long long>(stats.duplicates));
  return stopped;
}

}  // namespace larder::cli
