#include "sources/object_storage/s3_client.h"

#include <time.h>

#include <algorithm>
#include <charconv>
#include <thread>

#include "sources/object_storage/s3_errors.h"
#include "sources/object_storage/xml_reader.h"
#include "types/datetime.h"

namespace larder::sources {
namespace {

using Milliseconds = std::chrono::milliseconds;

bool IsSuccess(const IncomingResponse& response) {
  return response.status >= 200 && response.status < 300;
}

bool ParseUnsigned(std::string_view text, uint64_t* value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

std::string Unquote(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    etag = etag.substr(1, etag.size() - 2);
  }
  return std::string(etag);
}

// "Wed, 12 Oct 2009 17:50:00 GMT" (HTTP dates) → µs since the epoch; 0 when unreadable.
int64_t ParseHttpDate(std::string_view text) {
  struct tm parts {};
  const std::string copy(text);
  const char* end = strptime(copy.c_str(), "%a, %d %b %Y %H:%M:%S", &parts);
  if (end == nullptr) return 0;
  return static_cast<int64_t>(timegm(&parts)) * 1000000;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Keys of a listing asked for with encoding-type=url ('+' is a space there).
std::string UrlDecodeKey(std::string_view text) {
  std::string out;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if (text[pos] == '+') {
      out += ' ';
    } else if (text[pos] == '%' && pos + 2 < text.size() && HexDigit(text[pos + 1]) >= 0 &&
               HexDigit(text[pos + 2]) >= 0) {
      out += static_cast<char>(HexDigit(text[pos + 1]) * 16 + HexDigit(text[pos + 2]));
      pos += 2;
    } else {
      out += text[pos];
    }
  }
  return out;
}

Result<ObjectListPage> ParseListing(const std::string& body, const std::string& bucket) {
  Result<XmlElement> root = ParseXml(body);
  if (!root.ok() || root->name != "ListBucketResult") {
    return Corruption("the listing of bucket '{}' is not a ListBucketResult document{}", bucket,
                      root.ok() ? "" : ": " + root.status().message());
  }
  const bool url_encoded = root->ChildText("EncodingType") == "url";
  ObjectListPage page;
  for (const XmlElement& child : root->children) {
    if (child.name != "Contents") continue;
    ObjectInfo object;
    object.key = url_encoded ? UrlDecodeKey(child.ChildText("Key")) : child.ChildText("Key");
    if (!ParseUnsigned(child.ChildText("Size"), &object.size)) {
      return Corruption("the listing of bucket '{}' gives '{}' the size '{}'", bucket, object.key,
                        child.ChildText("Size"));
    }
    object.etag = Unquote(child.ChildText("ETag"));
    if (!ParseDateTimeWithOffset(child.ChildText("LastModified"), &object.last_modified_micros)) {
      object.last_modified_micros = 0;
    }
    page.objects.push_back(std::move(object));
  }
  if (root->ChildText("IsTruncated") == "true") {
    page.next_continuation_token = root->ChildText("NextContinuationToken");
    if (page.next_continuation_token.empty()) {
      return Corruption("the listing of bucket '{}' is cut short but gives no continuation token",
                        bucket);
    }
  }
  return page;
}

// Reads an object by ranged GETs of one ETag.
class ObjectByteSource : public ByteSource {
 public:
  ObjectByteSource(S3Client client, std::string bucket, std::string key, ObjectInfo info)
      : client_(std::move(client)),
        bucket_(std::move(bucket)),
        key_(std::move(key)),
        name_(client_.DisplayObject(bucket_, key_)),
        info_(std::move(info)) {}

  const std::string& name() const override { return name_; }
  Result<uint64_t> Size() override { return info_.size; }

  Status ReadAt(uint64_t offset, size_t length, std::string* out) override {
    if (offset > info_.size || length > info_.size - offset) {
      return InvalidArgument("{}: a read of {} bytes at offset {} goes past the end ({} bytes)",
                             name_, length, offset, info_.size);
    }
    if (length == 0) {
      out->clear();
      return Status::OK();
    }
    LARDER_ASSIGN_OR_RETURN(*out,
                            client_.GetObjectRange(bucket_, key_, offset, length, info_.etag));
    if (out->size() != length) {
      return Corruption("{}: asked for {} bytes at offset {}, got {}", name_, length, offset,
                        out->size());
    }
    return Status::OK();
  }

 private:
  const S3Client client_;
  const std::string bucket_;
  const std::string key_;
  const std::string name_;
  const ObjectInfo info_;
};

}  // namespace

S3ClientOptions S3OptionsFor(const ObjectUrl& url, const AwsCredentials& credentials) {
  S3ClientOptions options;
  options.provider = url.provider;
  options.endpoint = url.endpoint;
  options.region = url.region;
  options.virtual_host = url.virtual_host;
  options.credentials = credentials;
  return options;
}

S3Client::S3Client(S3ClientOptions options) : options_(std::move(options)) {}

std::string S3Client::DisplayObject(const std::string& bucket, const std::string& key) const {
  return DisplayObjectLocation(options_.provider, options_.endpoint, bucket, key);
}

void S3Client::Wait(Milliseconds delay) const {
  if (options_.sleep) {
    options_.sleep(delay);
  } else {
    std::this_thread::sleep_for(delay);
  }
}

Result<IncomingResponse> S3Client::SendOnce(const Request& request) const {
  LARDER_ASSIGN_OR_RETURN(EndpointParts endpoint, SplitEndpoint(options_.endpoint));
  SigningRequest signing;
  signing.method = request.method;
  if (options_.virtual_host) {
    signing.host = request.bucket + "." + endpoint.authority;
    signing.path = "/" + request.key;
  } else {
    signing.host = endpoint.authority;
    signing.path = "/" + request.bucket + (request.key.empty() ? "" : "/" + request.key);
  }
  signing.query = request.query;
  signing.headers = request.headers;
  if (!request.body.empty()) signing.payload_sha256 = Sha256Hex(request.body);
  const int64_t now_seconds =
      options_.clock != nullptr ? options_.clock->NowMicros() / 1000000 : time(nullptr);
  const SignedRequest signed_request =
      SignRequestHeaders(signing, options_.credentials, options_.region, now_seconds);

  OutgoingRequest outgoing;
  outgoing.method = request.method;
  outgoing.url = fmt::format("{}://{}{}", endpoint.https ? "https" : "http", signing.host,
                             EncodePath(signing.path));
  if (!request.query.empty()) outgoing.url += "?" + CanonicalQueryString(request.query);
  outgoing.headers = request.headers;
  outgoing.headers.emplace_back("Host", signing.host);
  outgoing.headers.insert(outgoing.headers.end(), signed_request.added_headers.begin(),
                          signed_request.added_headers.end());
  outgoing.body = std::string(request.body);
  outgoing.body_sink = request.body_sink;
  outgoing.head_sink = request.head_sink;
  outgoing.deny_private_networks = options_.deny_private_networks;
  if (request.streaming) {
    outgoing.timeout = Milliseconds(0);
    outgoing.stall_timeout = options_.stall_timeout;
  } else {
    outgoing.timeout = options_.request_timeout;
  }
  return SendHttpRequest(outgoing);
}

Result<IncomingResponse> S3Client::SendWithRetries(
    Request& request, const std::function<void(Request*)>& prepare) const {
  Milliseconds delay = options_.first_backoff;
  const int attempts = std::max(1, options_.max_attempts);
  for (int attempt = 1;; ++attempt) {
    if (prepare) prepare(&request);
    Result<IncomingResponse> response = SendOnce(request);
    bool transient = false;
    if (!response.ok()) {
      // Only a failed connection (refused, reset, timed out) is worth another try; a sink's
      // or the address policy's refusal is final.
      transient = response.status().code() == StatusCode::kUnavailable;
      if (!transient || attempt >= attempts) {
        if (!transient) return response.status();
        return Status(StatusCode::kUnavailable,
                      fmt::format("{} (tried {} times): check the endpoint and the network",
                                  response.status().message(), attempt));
      }
    } else if (!IsTransientS3Answer(*response) || attempt >= attempts) {
      return response;
    }
    Milliseconds wait = delay;
    uint64_t retry_after = 0;
    if (response.ok() && ParseUnsigned(response->Header("retry-after"), &retry_after)) {
      wait = std::max(wait, Milliseconds(retry_after * 1000));
    }
    Wait(std::min(wait, options_.max_backoff));
    delay = std::min(delay * 2, options_.max_backoff);
  }
}

Status S3Client::ErrorFor(const IncomingResponse& response, const Request& request) const {
  if (IsSuccess(response)) return Status::OK();
  S3CallContext context;
  context.action = request.action;
  context.bucket = request.bucket;
  context.key = request.key;
  context.object = request.key.empty() ? DisplayObject(request.bucket, "")
                                       : DisplayObject(request.bucket, request.key);
  context.region = options_.region;
  context.access_key_id = options_.credentials.access_key_id;
  context.provider = options_.provider;
  return S3ErrorStatus(response, context);
}

Result<IncomingResponse> S3Client::Send(Request& request) const {
  LARDER_ASSIGN_OR_RETURN(IncomingResponse response, SendWithRetries(request));
  LARDER_RETURN_IF_ERROR(ErrorFor(response, request));
  return response;
}

Result<ObjectListPage> S3Client::ListObjectsPage(const std::string& bucket,
                                                 const std::string& prefix,
                                                 const std::string& continuation_token,
                                                 int max_keys) const {
  Request request{.action = "list", .bucket = bucket};
  request.query = {{"list-type", "2"},
                   {"encoding-type", "url"},
                   {"max-keys", std::to_string(std::clamp(max_keys, 1, 1000))}};
  if (!prefix.empty()) request.query.emplace_back("prefix", prefix);
  if (!continuation_token.empty()) {
    request.query.emplace_back("continuation-token", continuation_token);
  }
  LARDER_ASSIGN_OR_RETURN(IncomingResponse response, Send(request));
  return ParseListing(response.body, bucket);
}

Status S3Client::ListObjects(const std::string& bucket, const std::string& prefix,
                             const std::function<Status(ObjectInfo)>& visit, int max_keys) const {
  std::string token;
  do {
    LARDER_ASSIGN_OR_RETURN(ObjectListPage page, ListObjectsPage(bucket, prefix, token, max_keys));
    for (ObjectInfo& object : page.objects) {
      LARDER_RETURN_IF_ERROR(visit(std::move(object)));
    }
    if (!page.next_continuation_token.empty() && page.next_continuation_token == token) {
      return Corruption("the listing of bucket '{}' repeats its continuation token", bucket);
    }
    token = std::move(page.next_continuation_token);
  } while (!token.empty());
  return Status::OK();
}

Result<ObjectInfo> S3Client::HeadObject(const std::string& bucket, const std::string& key) const {
  Request request{.method = "HEAD", .bucket = bucket, .key = key};
  LARDER_ASSIGN_OR_RETURN(IncomingResponse response, SendWithRetries(request));
  if (response.status >= 300 && response.status < 500) {
    // HEAD answers carry no body to explain an error: ask for one byte to hear why.
    Request explain{.bucket = bucket, .key = key, .headers = {{"Range", "bytes=0-0"}}};
    Result<IncomingResponse> explained = SendOnce(explain);
    if (explained.ok() && !IsSuccess(*explained) && !explained->body.empty()) {
      return ErrorFor(*explained, explain);
    }
  }
  LARDER_RETURN_IF_ERROR(ErrorFor(response, request));
  ObjectInfo info;
  info.key = key;
  if (!ParseUnsigned(response.Header("content-length"), &info.size)) {
    return Corruption("the HEAD of {} has no Content-Length", DisplayObject(bucket, key));
  }
  info.etag = Unquote(response.Header("etag"));
  info.last_modified_micros = ParseHttpDate(response.Header("last-modified"));
  return info;
}

Result<std::string> S3Client::GetObject(const std::string& bucket, const std::string& key) const {
  Request request{.bucket = bucket, .key = key};
  LARDER_ASSIGN_OR_RETURN(IncomingResponse response, Send(request));
  return std::move(response.body);
}

Result<std::string> S3Client::GetObjectRange(const std::string& bucket, const std::string& key,
                                             uint64_t offset, uint64_t length,
                                             const std::string& if_match) const {
  if (length == 0) return std::string();
  Request request{.bucket = bucket, .key = key};
  request.headers.emplace_back("Range", fmt::format("bytes={}-{}", offset, offset + length - 1));
  if (!if_match.empty()) request.headers.emplace_back("If-Match", "\"" + if_match + "\"");
  LARDER_ASSIGN_OR_RETURN(IncomingResponse response, Send(request));
  if (response.status == 200) {  // The server sent the whole object: cut the range out.
    if (offset >= response.body.size()) return std::string();
    return response.body.substr(offset, length);
  }
  return std::move(response.body);
}

Status S3Client::StreamObject(const std::string& bucket, const std::string& key,
                              const HttpBodySink& sink) const {
  uint64_t delivered = 0;  // Bytes the sink has had.
  uint64_t to_skip = 0;    // Bytes of this answer the sink already had.
  std::string etag;
  Request request{.bucket = bucket, .key = key, .streaming = true};
  request.head_sink = [&](const IncomingResponse& head) {
    if (delivered == 0) {
      etag = Unquote(head.Header("etag"));
      to_skip = 0;
    } else {
      // A resumed read: a server ignoring Range sends everything again.
      to_skip = head.status == 206 ? 0 : delivered;
    }
    return Status::OK();
  };
  request.body_sink = [&](std::string_view piece) {
    const uint64_t skipped = std::min<uint64_t>(to_skip, piece.size());
    to_skip -= skipped;
    piece.remove_prefix(skipped);
    if (piece.empty()) return Status::OK();
    Status accepted = sink(piece);
    if (accepted.ok()) delivered += piece.size();
    return accepted;
  };
  auto prepare = [&](Request* next) {
    next->headers.clear();
    if (delivered > 0) {
      next->headers.emplace_back("Range", fmt::format("bytes={}-", delivered));
      if (!etag.empty()) next->headers.emplace_back("If-Match", "\"" + etag + "\"");
    }
  };
  LARDER_ASSIGN_OR_RETURN(IncomingResponse response, SendWithRetries(request, prepare));
  return ErrorFor(response, request);
}

Status S3Client::PutObject(const std::string& bucket, const std::string& key,
                           std::string_view body) const {
  Request request{.method = "PUT", .action = "write", .bucket = bucket, .key = key};
  request.headers.emplace_back("Content-Type", "application/octet-stream");
  request.body = body;
  return Send(request).status();
}

std::string S3Client::PresignGetUrl(const std::string& bucket, const std::string& key,
                                    int64_t expires_seconds) const {
  Result<EndpointParts> endpoint = SplitEndpoint(options_.endpoint);
  if (!endpoint.ok()) return "";
  SigningRequest signing{.method = "GET"};
  signing.host = options_.virtual_host ? bucket + "." + endpoint->authority : endpoint->authority;
  signing.path = options_.virtual_host ? "/" + key : "/" + bucket + "/" + key;
  const int64_t now_seconds =
      options_.clock != nullptr ? options_.clock->NowMicros() / 1000000 : time(nullptr);
  const SignedRequest presigned =
      PresignRequest(signing, options_.credentials, options_.region, now_seconds, expires_seconds);
  return fmt::format("{}://{}{}?{}", endpoint->https ? "https" : "http", signing.host,
                     EncodePath(signing.path), presigned.query_string);
}

Result<std::unique_ptr<ByteSource>> S3Client::OpenByteSource(const std::string& bucket,
                                                             const std::string& key) const {
  LARDER_ASSIGN_OR_RETURN(ObjectInfo info, HeadObject(bucket, key));
  return OpenListedByteSource(bucket, info);
}

std::unique_ptr<ByteSource> S3Client::OpenListedByteSource(const std::string& bucket,
                                                           const ObjectInfo& object) const {
  return std::make_unique<ObjectByteSource>(*this, bucket, object.key, object);
}

}  // namespace larder::sources
