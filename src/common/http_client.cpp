#include "common/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "common/network_policy.h"

namespace larder {
namespace {

// How much of a non-2xx body is kept when the body goes to a sink.
constexpr size_t kMaxErrorBodyBytes = 1 << 20;

struct EasyCloser {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListCloser {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// What libcurl's callbacks write into while one request runs.
struct Transfer {
  CURL* curl = nullptr;
  const OutgoingRequest* request = nullptr;
  IncomingResponse* response = nullptr;
  bool head_seen = false;
  Status sink_status;  // Why a sink or the address check stopped the transfer.
};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

size_t ReceiveBody(char* data, size_t size, size_t count, void* out) {
  auto* transfer = static_cast<Transfer*>(out);
  const size_t bytes = size * count;
  long status = 0;
  curl_easy_getinfo(transfer->curl, CURLINFO_RESPONSE_CODE, &status);
  const OutgoingRequest& request = *transfer->request;
  if (request.body_sink && status >= 200 && status < 300) {
    if (!transfer->head_seen && request.head_sink) {
      transfer->response->status = static_cast<int>(status);
      transfer->sink_status = request.head_sink(*transfer->response);
    }
    transfer->head_seen = true;
    if (transfer->sink_status.ok()) {
      transfer->sink_status = request.body_sink(std::string_view(data, bytes));
    }
    return transfer->sink_status.ok() ? bytes : 0;  // 0 makes libcurl stop.
  }
  std::string& body = transfer->response->body;
  if (request.body_sink) {
    body.append(data,
                std::min(bytes, kMaxErrorBodyBytes - std::min(kMaxErrorBodyBytes, body.size())));
  } else {
    body.append(data, bytes);
  }
  return bytes;
}

size_t ReceiveHeader(char* data, size_t size, size_t count, void* out) {
  auto* transfer = static_cast<Transfer*>(out);
  std::string_view line(data, size * count);
  auto& headers = transfer->response->headers;
  if (line.starts_with("HTTP/")) {
    headers.clear();  // A new response (after "100 Continue") starts.
    return line.size();
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return line.size();
  std::string name(Trim(line.substr(0, colon)));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  headers.emplace_back(std::move(name), std::string(Trim(line.substr(colon + 1))));
  return line.size();
}

// Before each request goes out on a connection: refuses non-public addresses when asked to.
int CheckConnectedAddress(void* out, char* primary_ip, char*, int, int) {
  auto* transfer = static_cast<Transfer*>(out);
  if (IsNonPublicAddress(primary_ip)) {
    transfer->sink_status = Status(
        StatusCode::kPermissionDenied,
        fmt::format("{} resolves to {}, a private or local address, which this server does not "
                    "connect to (--deny-private-networks)",
                    transfer->request->url, primary_ip));
    return CURL_PREREQFUNC_ABORT;
  }
  return CURL_PREREQFUNC_OK;
}

void InitializeCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::string_view IncomingResponse::Header(std::string_view lower_case_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_case_name) return value;
  }
  return {};
}

Result<IncomingResponse> SendHttpRequest(const OutgoingRequest& request) {
  if (!request.url.starts_with("http://") && !request.url.starts_with("https://")) {
    return InvalidArgument("'{}' is not an http:// or https:// URL", request.url);
  }
  InitializeCurlOnce();
  std::unique_ptr<CURL, EasyCloser> handle(curl_easy_init());
  if (handle == nullptr) return Internal("libcurl could not make a request handle");
  CURL* curl = handle.get();
  std::unique_ptr<curl_slist, ListCloser> headers;
  for (const auto& [name, value] : request.headers) {
    headers.reset(curl_slist_append(headers.release(), (name + ": " + value).c_str()));
  }
  IncomingResponse response;
  Transfer transfer{.curl = curl, .request = &request, .response = &response};
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
  if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  if (request.stall_timeout.count() > 0) {
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                     std::max(1L, static_cast<long>(request.stall_timeout.count() / 1000)));
  }
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &ReceiveBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &ReceiveHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  if (request.deny_private_networks) {
    curl_easy_setopt(curl, CURLOPT_PREREQFUNCTION, &CheckConnectedAddress);
    curl_easy_setopt(curl, CURLOPT_PREREQDATA, &transfer);
  }
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }
  CURLcode code = curl_easy_perform(curl);
  if (!transfer.sink_status.ok()) return transfer.sink_status;
  if (code != CURLE_OK) {
    return Status(StatusCode::kUnavailable,
                  fmt::format("{} {}: {}", request.method, request.url,
                              error[0] != '\0' ? error : curl_easy_strerror(code)));
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace larder
