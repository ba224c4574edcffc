// The capture routes of the server: decode, authenticate the project token, make durable.
#include <array>

#include "server/server.h"

namespace larder::server {
namespace {

void SetCaptureError(HttpResponse* response, const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return SetError(response, 400, "invalid_payload", status.message());
    case StatusCode::kUnauthenticated:
      return SetError(response, 401, "invalid_api_key", status.message());
    case StatusCode::kResourceExhausted:
      return SetError(response, 413, "payload_too_large", status.message());
    default:
      return SetError(response, 503, "service_unavailable",
                      "events could not be stored: " + status.message());
  }
}

}  // namespace

bool IsCapturePath(std::string_view path) {
  static constexpr std::array<std::string_view, 6> kPaths = {"/capture", "/batch", "/e",
                                                             "/i/v0/e",  "/track", "/engage"};
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  for (std::string_view known : kPaths) {
    if (path == known) return true;
  }
  return false;
}

Result<int64_t> Server::ProjectForToken(const std::string& token) {
  {
    std::lock_guard lock(tokens_mutex_);
    auto it = tokens_.find(token);
    if (it != tokens_.end()) return it->second;
  }
  Result<catalog::Project> project = data_->catalog().FindProjectByToken(token);
  if (!project.ok()) {
    if (project.status().code() != StatusCode::kUnauthenticated) return project.status();
    return Status(StatusCode::kUnauthenticated,
                  "the project token '" + token.substr(0, 64) +
                      "' is not valid: use the project token (phc_…) your project was given");
  }
  std::lock_guard lock(tokens_mutex_);
  tokens_[token] = project->id;
  return project->id;
}

void Server::HandleCapture(const HttpRequest& request, HttpResponse* response) {
  if (request.method != "POST" && request.method != "GET") {
    SetError(response, 405, "method_not_allowed", "capture takes POST (or GET with data=)");
    return;
  }
  analytics::CaptureRequest capture{request.method,
                                    request.path,
                                    request.query_string,
                                    request.Header("content-type"),
                                    request.Header("content-encoding"),
                                    request.body};
  Result<analytics::CaptureBatch> batch =
      analytics::DecodeCapture(capture, data_->env().clock->NowMicros(), options_.capture);
  if (!batch.ok()) return SetCaptureError(response, batch.status());
  Result<int64_t> project_id = ProjectForToken(batch->token);
  if (!project_id.ok()) return SetCaptureError(response, project_id.status());
  if (!batch->events.empty()) {  // Empty when every event was one capture drops.
    Status accepted = ingester_->Accept(*project_id, std::move(batch->events));
    if (!accepted.ok()) return SetCaptureError(response, accepted);
  }
  response->body = R"({"status":1})";
}

}  // namespace larder::server
