// ObjectUrl: where a linked table's files live, parsed from the URL pattern a user gives
// (`s3://bucket/logs/*.parquet`, `https://bucket.s3.eu-west-1.amazonaws.com/p/*.csv`,
// `gs://…`, an R2 account URL, any S3-compatible endpoint, `file:///data/**/*.csv`).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace larder::sources {

enum class ObjectStoreProvider {
  kAwsS3,         // Amazon S3.
  kGcs,           // Google Cloud Storage through its S3-interoperable XML API (HMAC keys).
  kR2,            // Cloudflare R2 (an account's endpoint).
  kS3Compatible,  // Any other server speaking S3 (MinIO, s3rver, …), path-style.
  kLocalFiles,    // file:// — a folder on the machine Larder runs on.
};

std::string_view ObjectStoreProviderName(ObjectStoreProvider provider);

// A parsed pattern. For buckets, requests go to `endpoint` (scheme and host[:port], no path)
// with the bucket in the host name (virtual_host) or as the first path segment (path style).
struct ObjectUrl {
  ObjectStoreProvider provider = ObjectStoreProvider::kAwsS3;
  std::string endpoint;  // "https://s3.eu-west-1.amazonaws.com"; empty for kLocalFiles.
  bool virtual_host = false;
  std::string region;  // The signing region: "eu-west-1"; "auto" for GCS and R2.
  std::string bucket;  // Empty for kLocalFiles.
  // The glob the keys must match, without a leading '/': "logs/*.parquet". For kLocalFiles an
  // absolute path pattern: "/data/**/*.csv". A pattern ending in '/' (or an empty one) names a
  // folder and gets "**" appended: every object under it.
  std::string key_pattern;
  // The literal start of key_pattern, where listing begins: "logs/" (S3 lists by this prefix).
  std::string key_prefix;

  // How messages name the location: "s3://bucket/logs/*.parquet", "file:///data/*.csv".
  std::string Display() const;
  // How messages name one object of it: "s3://bucket/logs/a.parquet", "/data/a.csv".
  std::string DisplayObject(std::string_view key) const;
};

// What the source's settings add to the URL.
struct ObjectUrlSettings {
  // An S3-compatible endpoint ("http://127.0.0.1:9000", "https://minio.internal"): s3:// URLs
  // are then sent there, path style. Empty: the provider's own.
  std::string endpoint;
  // The bucket's region when the URL does not say it; empty: "us-east-1" for AWS.
  std::string region;
};

// Parses `url`. Accepted forms:
//   s3://BUCKET/KEYS                                 AWS (or `settings.endpoint` when set)
//   https://BUCKET.s3[.-]REGION.amazonaws.com/KEYS  AWS, virtual-host style
//   https://BUCKET.s3.amazonaws.com/KEYS             AWS, region from the settings
//   https://s3[.-]REGION.amazonaws.com/BUCKET/KEYS  AWS, path style (also s3.amazonaws.com)
//   gs://BUCKET/KEYS, https://storage.googleapis.com/BUCKET/KEYS,
//   https://BUCKET.storage.googleapis.com/KEYS       GCS
//   https://ACCOUNT.r2.cloudflarestorage.com/BUCKET/KEYS   R2 (also ACCOUNT.eu.r2…)
//   http(s)://HOST[:PORT]/BUCKET/KEYS                any other host: S3-compatible, path style
//   file:///ABSOLUTE/PATH                            local files
// An http(s) URL's path is percent-decoded; s3://, gs:// and file:// are taken as written. '?'
// is a wildcard everywhere, never the start of a query string. The region in the host name wins
// over settings.region; an http(s) URL's host wins over settings.endpoint. kInvalidArgument,
// saying what is wrong and showing an accepted form, for anything else: no bucket, a relative
// file path, user names in the URL, another scheme, a malformed glob.
Result<ObjectUrl> ParseObjectUrl(std::string_view url, const ObjectUrlSettings& settings = {});

// How messages name an object of a bucket: "s3://bucket/key", "gs://bucket/key",
// "https://account.r2.cloudflarestorage.com/bucket/key"; for local files the path itself.
std::string DisplayObjectLocation(ObjectStoreProvider provider, std::string_view endpoint,
                                  std::string_view bucket, std::string_view key);

// "scheme://host[:port]" → the value of a Host header ("host" or "host:port", the port left out
// when it is the scheme's default) and whether it is https.
struct EndpointParts {
  bool https = true;
  std::string host;       // Without the port.
  std::string authority;  // host[:port] as a Host header carries it.
};
Result<EndpointParts> SplitEndpoint(std::string_view endpoint);

}  // namespace larder::sources
