// HttpClient: one outgoing HTTP(S) request at a time (libcurl) — for webhooks, the HTTP
// sources and object storage. Follows no redirects, verifies TLS certificates, and bounds every
// request by a timeout. Large bodies can be streamed to a callback in bounded memory.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace larder {

// Receives the body of a successful (2xx) response piece by piece, in order. A non-OK status
// stops the transfer; SendHttpRequest then returns that status.
using HttpBodySink = std::function<Status(std::string_view piece)>;

struct IncomingResponse;
// Sees a successful (2xx) response's status and headers (its body still empty) just before its
// first piece goes to the body sink. A non-OK status stops the transfer, as for HttpBodySink.
using HttpHeadSink = std::function<Status(const IncomingResponse& head)>;

struct OutgoingRequest {
  std::string method = "GET";  // "HEAD" asks for headers only.
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // The whole request, body included; zero means no limit (then set stall_timeout).
  std::chrono::milliseconds timeout{10000};
  // When set, a 2xx response's body goes to the sink instead of IncomingResponse::body (which
  // then holds only the first MiB of a non-2xx response's body, to explain the error).
  HttpBodySink body_sink;
  HttpHeadSink head_sink;  // Only used with body_sink.
  // Refuses to talk to a loopback, private, link-local or otherwise non-public address
  // (IsNonPublicAddress), checked on the address actually connected to: kPermissionDenied.
  bool deny_private_networks = false;
  // Gives up when less than one byte a second arrives for this long; zero means never.
  std::chrono::milliseconds stall_timeout{0};
};

struct IncomingResponse {
  int status = 0;
  std::string body;
  // The response's headers in the order received; names in lower case, values trimmed.
  std::vector<std::pair<std::string, std::string>> headers;

  // The value of the first header called `lower_case_name`, or "" when there is none.
  std::string_view Header(std::string_view lower_case_name) const;
};

// Sends `request` and reads the whole response. A response of any status is OK (the caller
// judges it); kUnavailable when the host cannot be resolved or reached, the connection breaks
// or the time runs out; kInvalidArgument for a URL that is not http:// or https://; the sink's
// status when the body sink stops the transfer. Thread-safe: each call has its own connection.
Result<IncomingResponse> SendHttpRequest(const OutgoingRequest& request);

}  // namespace larder
