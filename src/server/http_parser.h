// HTTP/1.1 request parsing, without sockets: the request line and header fields, and the
// chunked transfer coding. The server (http_server.cpp) feeds it the bytes it reads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "server/http_message.h"

namespace larder::server {

// Why a request cannot be served, as the response the server sends before closing.
struct HttpError {
  int status = 400;
  std::string code;    // Machine-readable: "bad_request_line", "body_too_large", …
  std::string detail;  // For people: what was wrong.
};

// Parses `head` (request line and header fields, up to but excluding the empty line) into
// `request`'s method, target, path, query_string, headers and keep_alive.
std::optional<HttpError> ParseRequestHead(std::string_view head, HttpRequest* request);

// How the body of a parsed request is delimited.
struct BodyFraming {
  bool chunked = false;
  size_t content_length = 0;  // When not chunked.
  bool expect_continue = false;
};
// Reads Content-Length / Transfer-Encoding / Expect; refuses bodies over `max_body_bytes`.
std::optional<HttpError> GetBodyFraming(const HttpRequest& request, size_t max_body_bytes,
                                        BodyFraming* framing);

// Decodes a chunked body incrementally: Feed() the bytes as they arrive.
class ChunkedDecoder {
 public:
  explicit ChunkedDecoder(size_t max_body_bytes) : max_body_bytes_(max_body_bytes) {}
  enum class State { kNeedMore, kDone, kError };
  // Consumes a prefix of `data`, appending decoded bytes to `body`; `*consumed` is set to how
  // many bytes of `data` were used (after kDone, the rest belongs to the next request).
  State Feed(std::string_view data, std::string* body, size_t* consumed);
  const HttpError& error() const { return error_; }

 private:
  enum class Step { kSize, kData, kDataEnd, kTrailer };
  State Fail(int status, std::string code, std::string detail);

  size_t max_body_bytes_;
  Step step_ = Step::kSize;
  size_t remaining_ = 0;  // Bytes left in the current chunk.
  HttpError error_;
};

}  // namespace larder::server
