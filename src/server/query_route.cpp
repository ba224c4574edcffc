// The query API: POST /api/projects/{id}/query/ with {"query":{"kind":"HogQLQuery",
// "query":"…"}}, authenticated by a personal API key of that project.
#include <simdjson.h>

#include <condition_variable>
#include <thread>

#include "common/json.h"
#include "server/server.h"
#include "warehouse/query_runner.h"
#include "warehouse/result_format.h"

namespace larder::server {
namespace {

// Cancels a query when its time is up, unless it finishes first.
class QueryDeadline {
 public:
  explicit QueryDeadline(std::chrono::milliseconds limit) {
    if (limit.count() <= 0) return;
    watcher_ = std::thread([this, limit] {
      std::unique_lock lock(mutex_);
      if (!done_cv_.wait_for(lock, limit, [&] { return done_; })) expired_.store(true);
    });
  }
  ~QueryDeadline() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    done_cv_.notify_all();
    if (watcher_.joinable()) watcher_.join();
  }
  const std::atomic<bool>* flag() const { return &expired_; }
  bool expired() const { return expired_.load(); }

 private:
  std::atomic<bool> expired_{false};
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::thread watcher_;
};

// The HogQL text of a query API body, or an error message.
Result<std::string> ReadQueryText(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.parse(body).get(root); error) {
    return InvalidArgument("the request body is not valid JSON: {}",
                           simdjson::error_message(error));
  }
  simdjson::dom::element query;
  if (root["query"].get(query) != simdjson::SUCCESS || !query.is_object()) {
    return InvalidArgument("the body must be {}", R"({"query":{"kind":"HogQLQuery","query":"…"}})");
  }
  std::string_view kind;
  if (query["kind"].get(kind) != simdjson::SUCCESS || kind != "HogQLQuery") {
    return InvalidArgument(R"(query.kind must be "HogQLQuery")");
  }
  std::string_view text;
  if (query["query"].get(text) != simdjson::SUCCESS) {
    return InvalidArgument("query.query must be a string holding the HogQL query");
  }
  return std::string(text);
}

void SetQueryError(HttpResponse* response, std::string_view text, const hogql::SyntaxError& error) {
  Json body = Json::MakeObject();
  body["type"] = "validation_error";
  body["code"] = std::string(error.TypeName());
  body["detail"] = error.message;
  body["attr"] = nullptr;
  body["start"] = static_cast<int64_t>(error.start);
  body["end"] = static_cast<int64_t>(std::min<size_t>(error.end, text.size()));
  response->status = 400;
  response->body = body.Serialize();
}

}  // namespace

bool Server::Authorize(int64_t project_id, const HttpRequest& request, HttpResponse* response) {
  std::string_view header = request.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (!header.starts_with(kBearer)) {
    SetError(response, 401, "not_authenticated",
             "send a personal API key: 'Authorization: Bearer phx_…' (larder keys create)");
    return false;
  }
  Result<catalog::PersonalApiKey> key =
      data_->catalog().VerifyPersonalApiKey(header.substr(kBearer.size()));
  if (!key.ok()) {
    SetError(response, 401, "authentication_failed", key.status().message());
    return false;
  }
  if (key->project_id != project_id) {
    SetError(response, 403, "permission_denied",
             "this personal API key does not give access to project " + std::to_string(project_id));
    return false;
  }
  return true;
}

void Server::HandleQuery(int64_t project_id, const HttpRequest& request, HttpResponse* response) {
  if (request.method != "POST") {
    SetError(response, 405, "method_not_allowed", "the query API takes POST");
    return;
  }
  Result<std::string> text = ReadQueryText(request.body);
  if (!text.ok()) return SetError(response, 400, "invalid_input", text.status().message());
  warehouse::QueryRequest query;
  query.text = *text;
  query.memory_limit = options_.query_memory_limit;
  QueryDeadline deadline(options_.query_timeout);
  query.cancel = deadline.flag();
  Result<warehouse::QueryResponse> ran =
      warehouse::RunHogQLQuery(*data_, project_id, functions_, *pool_, query);
  if (!ran.ok()) {
    const Status& status = ran.status();
    if (deadline.expired()) {
      SetError(response, 504, "query_timeout",
               "the query ran longer than its limit of " +
                   fmt::format("{:g} s", options_.query_timeout.count() / 1000.0));
    } else if (status.code() == StatusCode::kInvalidArgument ||
               status.code() == StatusCode::kResourceExhausted ||
               status.code() == StatusCode::kNotFound) {
      SetError(response, 400, "query_error", status.message());
    } else {
      SetError(response, 500, "query_failed", status.ToString());
    }
    return;
  }
  if (ran->error) return SetQueryError(response, query.text, *ran->error);
  std::string body = "{";
  warehouse::AppendJsonResultFields(ran->result.ToBatch(), &body);
  body += ",\"hogql\":";
  AppendJsonString(query.text, &body);
  body += ",\"hasMore\":false,\"is_cached\":false}";
  response->body = std::move(body);
}

}  // namespace larder::server
