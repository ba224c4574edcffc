#include "sources/object_storage/sigv4.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <time.h>

#include <algorithm>
#include <cctype>

#include "common/hex.h"

namespace larder::sources {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

using Pairs = std::vector<std::pair<std::string, std::string>>;

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// A header value as signed: trimmed, runs of spaces collapsed to one.
std::string CanonicalHeaderValue(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

struct CanonicalHeaders {
  std::string block;         // "name:value\n" per header, sorted by name.
  std::string signed_names;  // "host;range;x-amz-date".
};

CanonicalHeaders CanonicalizeHeaders(const Pairs& headers) {
  Pairs lowered;
  for (const auto& [name, value] : headers) {
    lowered.emplace_back(Lower(name), CanonicalHeaderValue(value));
  }
  std::stable_sort(lowered.begin(), lowered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  CanonicalHeaders canonical;
  for (size_t idx = 0; idx < lowered.size(); ++idx) {
    if (idx > 0 && lowered[idx].first == lowered[idx - 1].first) {
      canonical.block.pop_back();  // The same header again: values joined by ','.
      canonical.block += "," + lowered[idx].second + "\n";
      continue;
    }
    canonical.block += lowered[idx].first + ":" + lowered[idx].second + "\n";
    if (!canonical.signed_names.empty()) canonical.signed_names += ';';
    canonical.signed_names += lowered[idx].first;
  }
  return canonical;
}

std::string Scope(std::string_view date, std::string_view region, std::string_view service) {
  return fmt::format("{}/{}/{}/aws4_request", date, region, service);
}

// Signs a canonical request: fills canonical_request, string_to_sign and signature.
void Sign(std::string canonical_request, const AwsCredentials& credentials, std::string_view region,
          std::string_view service, const std::string& amz_date, SignedRequest* out) {
  const std::string date = amz_date.substr(0, 8);
  out->canonical_request = std::move(canonical_request);
  out->string_to_sign =
      fmt::format("{}\n{}\n{}\n{}", kAlgorithm, amz_date, Scope(date, region, service),
                  Sha256Hex(out->canonical_request));
  out->signature = HexEncode(HmacSha256(
      SigningKey(credentials.secret_access_key, date, region, service), out->string_to_sign));
}

std::string BuildCanonicalRequest(const SigningRequest& request, const Pairs& query,
                                  const CanonicalHeaders& headers, std::string_view payload) {
  return fmt::format("{}\n{}\n{}\n{}\n{}\n{}", request.method, EncodePath(request.path),
                     CanonicalQueryString(query), headers.block, headers.signed_names, payload);
}

}  // namespace

std::string UriEncode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~' ||
        (keep_slash && c == '/')) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

std::string EncodePath(std::string_view path) {
  if (path.empty()) return "/";
  return UriEncode(path, /*keep_slash=*/true);
}

std::string CanonicalQueryString(const Pairs& query) {
  Pairs encoded;
  for (const auto& [name, value] : query) {
    encoded.emplace_back(UriEncode(name, false), UriEncode(value, false));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name + "=" + value;
  }
  return out;
}

std::string FormatAmzDate(int64_t unix_seconds) {
  const time_t seconds = static_cast<time_t>(unix_seconds);
  struct tm parts {};
  gmtime_r(&seconds, &parts);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", parts.tm_year + 1900, parts.tm_mon + 1,
                     parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string SigningKey(std::string_view secret_access_key, std::string_view date,
                       std::string_view region, std::string_view service) {
  const std::string date_key = HmacSha256("AWS4" + std::string(secret_access_key), date);
  const std::string region_key = HmacSha256(date_key, region);
  const std::string service_key = HmacSha256(region_key, service);
  return HmacSha256(service_key, "aws4_request");
}

SignedRequest SignRequestHeaders(const SigningRequest& request, const AwsCredentials& credentials,
                                 std::string_view region, int64_t unix_seconds,
                                 std::string_view service) {
  const std::string amz_date = FormatAmzDate(unix_seconds);
  const std::string payload =
      request.payload_sha256.empty() ? Sha256Hex("") : request.payload_sha256;
  SignedRequest signed_request;
  Pairs& added = signed_request.added_headers;
  added.emplace_back("x-amz-content-sha256", payload);
  added.emplace_back("x-amz-date", amz_date);
  if (!credentials.session_token.empty()) {
    added.emplace_back("x-amz-security-token", credentials.session_token);
  }
  Pairs all_headers = request.headers;
  all_headers.emplace_back("host", request.host);
  all_headers.insert(all_headers.end(), added.begin(), added.end());
  const CanonicalHeaders headers = CanonicalizeHeaders(all_headers);
  Sign(BuildCanonicalRequest(request, request.query, headers, payload), credentials, region,
       service, amz_date, &signed_request);
  added.emplace_back(
      "authorization",
      fmt::format("{} Credential={}/{},SignedHeaders={},Signature={}", kAlgorithm,
                  credentials.access_key_id, Scope(amz_date.substr(0, 8), region, service),
                  headers.signed_names, signed_request.signature));
  return signed_request;
}

SignedRequest PresignRequest(const SigningRequest& request, const AwsCredentials& credentials,
                             std::string_view region, int64_t unix_seconds, int64_t expires_seconds,
                             std::string_view service) {
  const std::string amz_date = FormatAmzDate(unix_seconds);
  Pairs all_headers = request.headers;
  all_headers.emplace_back("host", request.host);
  const CanonicalHeaders headers = CanonicalizeHeaders(all_headers);
  Pairs query = request.query;
  query.emplace_back("X-Amz-Algorithm", std::string(kAlgorithm));
  query.emplace_back("X-Amz-Credential",
                     fmt::format("{}/{}", credentials.access_key_id,
                                 Scope(amz_date.substr(0, 8), region, service)));
  query.emplace_back("X-Amz-Date", amz_date);
  query.emplace_back("X-Amz-Expires",
                     std::to_string(std::clamp<int64_t>(expires_seconds, 1, 604800)));
  query.emplace_back("X-Amz-SignedHeaders", headers.signed_names);
  if (!credentials.session_token.empty()) {
    query.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  SignedRequest signed_request;
  Sign(BuildCanonicalRequest(request, query, headers, kUnsignedPayload), credentials, region,
       service, amz_date, &signed_request);
  signed_request.query_string =
      CanonicalQueryString(query) + "&X-Amz-Signature=" + signed_request.signature;
  return signed_request;
}

}  // namespace larder::sources
