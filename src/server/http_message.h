// HttpRequest and HttpResponse: one HTTP/1.1 exchange as the server's handlers see it. The
// server (http_server.h) parses requests into these and writes responses from them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json.h"

namespace larder::server {

struct HttpRequest {
  std::string method;        // "GET", "POST", … as sent (HTTP methods are case-sensitive).
  std::string target;        // The request target as sent: "/batch/?compression=gzip".
  std::string path;          // target before '?'.
  std::string query_string;  // target after '?', raw (not percent-decoded); may be empty.
  // Header fields in arrival order; names lower-cased, values with surrounding spaces trimmed.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // De-chunked when it came with Transfer-Encoding: chunked.
  std::string peer;  // "127.0.0.1:53122".
  bool keep_alive = true;

  // The first header named `name` (lower-case), or "" when absent.
  std::string_view Header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // Besides Content-Length etc.
  std::string body;
  std::string content_type = "application/json";

  void SetHeader(std::string name, std::string value);
};

// The reason phrase of a status code ("Not Found"); "Unknown" for codes it does not know.
std::string_view ReasonPhrase(int status);

// The JSON error body every error response carries, in the shape of PostHog's API errors:
// {"type":"validation_error"|"authentication_error"|…,"code":"…","detail":"…","attr":null}.
std::string ErrorBody(int status, std::string_view code, std::string_view detail);
// Makes `response` a JSON response of `json`.
void SetJson(HttpResponse* response, const Json& json, int status = 200);
// PostHog's paginated list: {"count", "next": null, "previous": null, "results"}.
Json Page(Json results, size_t count);

// Makes `response` an error response with ErrorBody.
void SetError(HttpResponse* response, int status, std::string_view code, std::string_view detail);

}  // namespace larder::server
