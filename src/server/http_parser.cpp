#include "server/http_parser.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace larder::server {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string Lower(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered;
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  });
}

HttpError BadRequest(std::string code, std::string detail) {
  return HttpError{400, std::move(code), std::move(detail)};
}

// "GET /x HTTP/1.1": fills method, target, path, query; returns the minor version.
std::optional<HttpError> ParseRequestLine(std::string_view line, HttpRequest* request,
                                          int* minor_version) {
  size_t first = line.find(' ');
  size_t last = line.rfind(' ');
  if (first == std::string_view::npos || first == last) {
    return BadRequest("bad_request_line", "the request line is not 'METHOD TARGET HTTP/1.1'");
  }
  std::string_view method = line.substr(0, first);
  std::string_view target = line.substr(first + 1, last - first - 1);
  std::string_view version = line.substr(last + 1);
  if (!IsToken(method)) return BadRequest("bad_request_line", "the request method is malformed");
  if (target.empty() || target.find(' ') != std::string_view::npos) {
    return BadRequest("bad_request_line", "the request target is malformed");
  }
  if (version == "HTTP/1.1") {
    *minor_version = 1;
  } else if (version == "HTTP/1.0") {
    *minor_version = 0;
  } else {
    return HttpError{505, "http_version_not_supported",
                     "only HTTP/1.0 and HTTP/1.1 are supported, not '" +
                         std::string(version.substr(0, 20)) + "'"};
  }
  request->method = std::string(method);
  request->target = std::string(target);
  size_t question = target.find('?');
  request->path = std::string(target.substr(0, question));
  request->query_string =
      question == std::string_view::npos ? "" : std::string(target.substr(question + 1));
  return std::nullopt;
}

bool HasToken(std::string_view list, std::string_view token) {
  std::string lowered = Lower(list);
  size_t start = 0;
  while (start <= lowered.size()) {
    size_t comma = lowered.find(',', start);
    std::string_view item = Trim(std::string_view(lowered).substr(
        start, comma == std::string::npos ? std::string::npos : comma - start));
    if (item == token) return true;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return false;
}

}  // namespace

std::optional<HttpError> ParseRequestHead(std::string_view head, HttpRequest* request) {
  size_t line_end = head.find("\r\n");
  std::string_view request_line = head.substr(0, line_end);
  int minor_version = 1;
  if (auto error = ParseRequestLine(request_line, request, &minor_version)) return error;
  size_t position = line_end == std::string_view::npos ? head.size() : line_end + 2;
  while (position < head.size()) {
    size_t end = head.find("\r\n", position);
    if (end == std::string_view::npos) end = head.size();
    std::string_view field = head.substr(position, end - position);
    position = end + 2;
    size_t colon = field.find(':');
    if (colon == std::string_view::npos || !IsToken(field.substr(0, colon))) {
      return BadRequest("bad_header", "a header line is not 'Name: value'");
    }
    request->headers.emplace_back(Lower(field.substr(0, colon)),
                                  std::string(Trim(field.substr(colon + 1))));
  }
  std::string_view connection = request->Header("connection");
  request->keep_alive =
      minor_version == 1 ? !HasToken(connection, "close") : HasToken(connection, "keep-alive");
  return std::nullopt;
}

std::optional<HttpError> GetBodyFraming(const HttpRequest& request, size_t max_body_bytes,
                                        BodyFraming* framing) {
  framing->expect_continue = HasToken(request.Header("expect"), "100-continue");
  std::string_view transfer_encoding = request.Header("transfer-encoding");
  if (!transfer_encoding.empty()) {
    if (Lower(Trim(transfer_encoding)) != "chunked") {
      return HttpError{501, "unsupported_transfer_encoding",
                       "Transfer-Encoding '" + std::string(transfer_encoding) +
                           "' is not supported; send chunked or Content-Length"};
    }
    framing->chunked = true;
    return std::nullopt;
  }
  std::string_view length_text = request.Header("content-length");
  if (length_text.empty()) {
    framing->content_length = 0;
    return std::nullopt;
  }
  uint64_t length = 0;
  auto [end, error] =
      std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
  if (error != std::errc() || end != length_text.data() + length_text.size()) {
    return BadRequest("bad_content_length", "Content-Length is not a number");
  }
  if (length > max_body_bytes) {
    return HttpError{413, "body_too_large",
                     "the request body is " + std::to_string(length) + " bytes; the limit is " +
                         std::to_string(max_body_bytes) + " bytes"};
  }
  framing->content_length = static_cast<size_t>(length);
  return std::nullopt;
}

ChunkedDecoder::State ChunkedDecoder::Fail(int status, std::string code, std::string detail) {
  error_ = HttpError{status, std::move(code), std::move(detail)};
  return State::kError;
}

ChunkedDecoder::State ChunkedDecoder::Feed(std::string_view data, std::string* body,
                                           size_t* consumed) {
  size_t position = 0;
  for (;;) {
    *consumed = position;
    if (step_ == Step::kData) {
      size_t take = std::min(remaining_, data.size() - position);
      body->append(data.substr(position, take));
      position += take;
      remaining_ -= take;
      if (remaining_ > 0) {
        *consumed = position;
        return State::kNeedMore;
      }
      step_ = Step::kDataEnd;
      continue;
    }
    size_t line_end = data.find("\r\n", position);
    if (line_end == std::string_view::npos) {
      if (data.size() - position > 1024) {
        return Fail(400, "bad_chunk", "a chunk header or trailer line is too long");
      }
      return State::kNeedMore;
    }
    std::string_view line = data.substr(position, line_end - position);
    position = line_end + 2;
    if (step_ == Step::kDataEnd) {
      if (!line.empty()) return Fail(400, "bad_chunk", "chunk data is longer than its size");
      step_ = Step::kSize;
    } else if (step_ == Step::kTrailer) {
      if (line.empty()) {
        *consumed = position;
        return State::kDone;
      }
    } else {
      std::string_view size_text = Trim(line.substr(0, line.find(';')));
      uint64_t size = 0;
      auto [end, error] =
          std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
      if (size_text.empty() || error != std::errc() || end != size_text.data() + size_text.size()) {
        return Fail(400, "bad_chunk", "a chunk size is not a hexadecimal number");
      }
      if (size > max_body_bytes_ || body->size() + size > max_body_bytes_) {
        return Fail(
            413, "body_too_large",
            "the request body is over the limit of " + std::to_string(max_body_bytes_) + " bytes");
      }
      remaining_ = static_cast<size_t>(size);
      step_ = size == 0 ? Step::kTrailer : Step::kData;
    }
  }
}

}  // namespace larder::server
