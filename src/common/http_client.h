// HttpClient: one outgoing HTTP(S) request at a time (libcurl) — for webhooks and the HTTP
// sources. Follows no redirects, verifies TLS certificates, and bounds every request by a
// timeout.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace larder {

struct OutgoingRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{10000};
};

struct IncomingResponse {
  int status = 0;
  std::string body;
};

// Sends `request` and reads the whole response. A response of any status is OK (the caller
// judges it); kUnavailable when the host cannot be resolved or reached, or the time runs out;
// kInvalidArgument for a URL that is not http:// or https://.
Result<IncomingResponse> SendHttpRequest(const OutgoingRequest& request);

}  // namespace larder
