// S3Client: the S3 API calls Larder makes on a bucket — list (ListObjectsV2), HEAD, GET whole,
// by range or streamed, PUT — signed with SigV4, retried with backoff when the failure is
// transient, and turned into errors that say what to fix. Works with Amazon S3, GCS (HMAC keys),
// Cloudflare R2 and other S3-compatible servers.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/byte_source.h"
#include "common/clock.h"
#include "common/http_client.h"
#include "common/status.h"
#include "sources/object_storage/object_url.h"
#include "sources/object_storage/sigv4.h"

namespace larder::sources {

struct S3ClientOptions {
  ObjectStoreProvider provider = ObjectStoreProvider::kAwsS3;  // For messages.
  std::string endpoint;  // "https://s3.eu-west-1.amazonaws.com", "http://127.0.0.1:4568".
  std::string region = "us-east-1";
  bool virtual_host = false;  // The bucket in the host name, else the first path segment.
  AwsCredentials credentials;
  // Refuse endpoints on loopback, private or link-local addresses (`--deny-private-networks`).
  bool deny_private_networks = false;

  // A request failing transiently (connection refused or reset, timeout, HTTP 5xx, 429) is
  // tried up to max_attempts times in all, waiting first_backoff, then twice that each time, at
  // most max_backoff (or what a Retry-After header asks, within max_backoff).
  int max_attempts = 4;
  std::chrono::milliseconds first_backoff{200};
  std::chrono::milliseconds max_backoff{5000};
  std::chrono::milliseconds request_timeout{30000};  // Each list, HEAD, ranged GET and PUT.
  std::chrono::milliseconds stall_timeout{60000};    // A streamed GET with no byte for this long.

  const Clock* clock = nullptr;  // The signing time; nullptr: the system's. Not owned.
  // Waits between attempts; nullptr: sleeps. Tests count the waits instead.
  std::function<void(std::chrono::milliseconds)> sleep;
};

// The options for reaching the bucket of `url` with `credentials`.
S3ClientOptions S3OptionsFor(const ObjectUrl& url, const AwsCredentials& credentials);

// One object as a listing or a HEAD reports it.
struct ObjectInfo {
  std::string key;  // The full key (for local files: the absolute path).
  uint64_t size = 0;
  std::string etag;                  // Without the quotes S3 puts around it.
  int64_t last_modified_micros = 0;  // UTC; 0 when unknown.
};

struct ObjectListPage {
  std::vector<ObjectInfo> objects;
  std::string next_continuation_token;  // Empty on the last page.
};

// Thread-safe: every call makes its own connection; the client holds only its options.
class S3Client {
 public:
  explicit S3Client(S3ClientOptions options);

  const S3ClientOptions& options() const { return options_; }

  // One page of the keys of `bucket` starting with `prefix`, in key order; `continuation_token`
  // from the previous page ("" for the first). `max_keys` is 1 to 1000.
  Result<ObjectListPage> ListObjectsPage(const std::string& bucket, const std::string& prefix,
                                         const std::string& continuation_token,
                                         int max_keys = 1000) const;
  // Every object of `bucket` whose key starts with `prefix`, page after page, to `visit`; a
  // non-OK status from `visit` stops the listing and is returned.
  Status ListObjects(const std::string& bucket, const std::string& prefix,
                     const std::function<Status(ObjectInfo)>& visit, int max_keys = 1000) const;

  Result<ObjectInfo> HeadObject(const std::string& bucket, const std::string& key) const;
  // The whole object in memory: for small objects only.
  Result<std::string> GetObject(const std::string& bucket, const std::string& key) const;
  // `length` bytes at `offset` (fewer at the end of the object). With `if_match` (an ETag), fails
  // with kConflict when the object has changed since.
  Result<std::string> GetObjectRange(const std::string& bucket, const std::string& key,
                                     uint64_t offset, uint64_t length,
                                     const std::string& if_match = "") const;
  // The whole object, piece by piece to `sink`, in bounded memory. A connection that breaks
  // mid-way is resumed where it stopped (a ranged GET of the same ETag), so the sink sees every
  // byte exactly once, in order; kConflict if the object changed in between.
  Status StreamObject(const std::string& bucket, const std::string& key,
                      const HttpBodySink& sink) const;
  Status PutObject(const std::string& bucket, const std::string& key, std::string_view body) const;
  // A presigned GET URL for the object, valid for `expires_seconds` (at most 7 days).
  std::string PresignGetUrl(const std::string& bucket, const std::string& key,
                            int64_t expires_seconds) const;

  // The object read by ranged GETs of the ETag a HEAD finds now (kConflict once it changes).
  Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& bucket,
                                                     const std::string& key) const;
  // The same for an object a listing found: its size and ETag are taken as listed (no HEAD).
  std::unique_ptr<ByteSource> OpenListedByteSource(const std::string& bucket,
                                                   const ObjectInfo& object) const;

  // How messages name an object: "s3://bucket/key", "gs://bucket/key", "http://host/bucket/key".
  std::string DisplayObject(const std::string& bucket, const std::string& key) const;

 private:
  // One S3 request before signing; `key` empty for bucket-level calls.
  struct Request {
    std::string method = "GET";
    std::string action = "read";  // For messages: "list", "read", "write".
    std::string bucket;
    std::string key;
    std::vector<std::pair<std::string, std::string>> query;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string_view body;
    HttpBodySink body_sink;
    HttpHeadSink head_sink;
    bool streaming = false;  // Bounded by stall_timeout rather than request_timeout.
  };

  // Signs and sends `request` once; an answer of any status is OK.
  Result<IncomingResponse> SendOnce(const Request& request) const;
  // Sends `request`, again after a wait while it fails transiently (calling `prepare` before
  // every attempt, when set); returns the last answer, of any status.
  Result<IncomingResponse> SendWithRetries(
      Request& request, const std::function<void(Request*)>& prepare = nullptr) const;
  // SendWithRetries, then the error a non-2xx answer means.
  Result<IncomingResponse> Send(Request& request) const;
  Status ErrorFor(const IncomingResponse& response, const Request& request) const;
  void Wait(std::chrono::milliseconds delay) const;

  S3ClientOptions options_;
};

}  // namespace larder::sources
