// AWS Signature Version 4 for S3 requests: signing in the Authorization header and in the query
// string (presigned URLs), as Amazon S3, Google Cloud Storage (HMAC keys), Cloudflare R2 and
// other S3-compatible servers check it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace larder::sources {

// An access key. `session_token` is set for temporary credentials (STS) and sent as
// x-amz-security-token.
struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
};

// One request as it will be sent, before signing.
struct SigningRequest {
  std::string method;  // "GET", "PUT", …
  std::string host;    // The Host header: "bucket.s3.eu-west-1.amazonaws.com", "127.0.0.1:9000".
  std::string path;    // The path, not yet encoded: "/bucket/a b.csv".
  // Query parameters, not yet encoded, in any order; an empty value for a bare name.
  std::vector<std::pair<std::string, std::string>> query;
  // Headers to sign besides host and the x-amz-* ones the signer adds, as sent.
  std::vector<std::pair<std::string, std::string>> headers;
  // Hex SHA-256 of the body, or "UNSIGNED-PAYLOAD". Empty means the hash of an empty body.
  std::string payload_sha256;
};

// What signing produced; the intermediate strings are kept so they can be checked.
struct SignedRequest {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // 64 lower-case hex digits.
  // Header signing: the headers to add to the request (authorization, x-amz-date,
  // x-amz-content-sha256 and, with a session token, x-amz-security-token).
  std::vector<std::pair<std::string, std::string>> added_headers;
  // Query signing: the whole encoded query string, X-Amz-Signature last.
  std::string query_string;
};

// Signs `request` for the Authorization header. `unix_seconds` is the signing time (UTC).
SignedRequest SignRequestHeaders(const SigningRequest& request, const AwsCredentials& credentials,
                                 std::string_view region, int64_t unix_seconds,
                                 std::string_view service = "s3");

// Signs `request` in its query string, valid for `expires_seconds` (1 to 604800): the presigned
// URL is "https://" + host + EncodePath(path) + "?" + query_string. The payload is not signed.
SignedRequest PresignRequest(const SigningRequest& request, const AwsCredentials& credentials,
                             std::string_view region, int64_t unix_seconds, int64_t expires_seconds,
                             std::string_view service = "s3");

// S3's URI encoding: every byte except A-Z a-z 0-9 - _ . ~ as %XX (upper-case hex); '/' kept
// when `keep_slash`. Space is %20, never '+'.
std::string UriEncode(std::string_view text, bool keep_slash);
// A path as S3 wants it in the request line and the canonical request: encoded once, '/' kept.
std::string EncodePath(std::string_view path);
// The canonical query string: names and values encoded, sorted by name (then value).
std::string CanonicalQueryString(const std::vector<std::pair<std::string, std::string>>& query);
// "20130524T000000Z".
std::string FormatAmzDate(int64_t unix_seconds);

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Raw (32-byte) HMAC-SHA256 of `data` under `key`.
std::string HmacSha256(std::string_view key, std::string_view data);
// The derived signing key (raw bytes) for a date ("20130524"), region and service.
std::string SigningKey(std::string_view secret_access_key, std::string_view date,
                       std::string_view region, std::string_view service);

}  // namespace larder::sources
