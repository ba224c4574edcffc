#include "sources/object_storage/object_url.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "sources/object_storage/glob.h"

namespace larder::sources {
namespace {

constexpr std::string_view kAwsSuffix = ".amazonaws.com";
constexpr std::string_view kGcsHost = "storage.googleapis.com";
constexpr std::string_view kR2Suffix = ".r2.cloudflarestorage.com";
constexpr std::string_view kDefaultAwsRegion = "us-east-1";
constexpr std::string_view kAcceptedForms =
    "use s3://bucket/path/*.parquet, gs://bucket/path/*.csv, "
    "https://bucket.s3.REGION.amazonaws.com/path/*.csv, https://ACCOUNT.r2.cloudflarestorage.com/"
    "bucket/path/*.csv, http(s)://HOST:PORT/bucket/path/*.csv or file:///folder/**/*.csv";

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

std::vector<std::string> SplitLabels(std::string_view host) {
  std::vector<std::string> labels;
  size_t start = 0;
  while (true) {
    const size_t dot = host.find('.', start);
    labels.emplace_back(host.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels;
}

std::string JoinLabels(const std::vector<std::string>& labels, size_t from, size_t to) {
  std::string joined;
  for (size_t idx = from; idx < to; ++idx) {
    if (!joined.empty()) joined += '.';
    joined += labels[idx];
  }
  return joined;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> PercentDecode(std::string_view text, std::string_view url) {
  std::string decoded;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if (text[pos] != '%') {
      decoded += text[pos];
      continue;
    }
    const int high = pos + 2 < text.size() ? HexValue(text[pos + 1]) : -1;
    const int low = high >= 0 ? HexValue(text[pos + 2]) : -1;
    if (low < 0) {
      return InvalidArgument("'{}' has a '%' that is not followed by two hex digits", url);
    }
    decoded += static_cast<char>(high * 16 + low);
    pos += 2;
  }
  return decoded;
}

// Splits "bucket/keys" at the first '/'.
Status SplitBucketPath(std::string_view path, std::string_view url, ObjectUrl* out) {
  const size_t slash = path.find('/');
  out->bucket = std::string(path.substr(0, slash));
  out->key_pattern = slash == std::string_view::npos ? "" : std::string(path.substr(slash + 1));
  if (out->bucket.empty()) {
    return InvalidArgument("'{}' names no bucket: {}", url, kAcceptedForms);
  }
  return Status::OK();
}

Status CheckBucketName(const std::string& bucket, std::string_view url) {
  for (char c : bucket) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') {
      return InvalidArgument(
          "'{}': the bucket name '{}' may hold only letters, digits, '.', '-' and '_' (a bucket "
          "cannot be a wildcard)",
          url, bucket);
    }
  }
  return Status::OK();
}

// The AWS endpoint for `region`.
std::string AwsEndpoint(std::string_view region) {
  return fmt::format("https://s3.{}.amazonaws.com", region);
}

// A host under amazonaws.com: "bucket.s3.eu-west-1", "s3-eu-west-1", "s3.dualstack.us-east-2",
// "bucket.s3" (labels before the suffix). Fills bucket (for virtual-host style), region and
// endpoint.
Status ParseAwsHost(std::string_view scheme, std::string_view host_without_suffix,
                    std::string_view url, ObjectUrl* out) {
  std::vector<std::string> labels = SplitLabels(host_without_suffix);
  size_t s3_idx = labels.size();
  for (size_t idx = 0; idx < labels.size(); ++idx) {
    if (labels[idx] == "s3" || labels[idx].starts_with("s3-")) {
      s3_idx = idx;
      break;
    }
  }
  if (s3_idx == labels.size() || labels[s3_idx].starts_with("s3-website") ||
      labels[s3_idx].starts_with("s3-accesspoint") || labels[s3_idx] == "s3-control") {
    return InvalidArgument("'{}' is not an S3 API endpoint: {}", url, kAcceptedForms);
  }
  std::string region;
  if (labels[s3_idx].starts_with("s3-")) region = labels[s3_idx].substr(3);
  for (size_t idx = s3_idx + 1; idx < labels.size() && region.empty(); ++idx) {
    if (labels[idx] != "dualstack") region = labels[idx];
  }
  if (!region.empty()) out->region = region;
  out->bucket = JoinLabels(labels, 0, s3_idx);
  // Names with dots go path style: TLS certificates do not cover them as host names.
  out->virtual_host = !out->bucket.empty() && out->bucket.find('.') == std::string::npos;
  out->endpoint =
      fmt::format("{}://{}{}", scheme, JoinLabels(labels, s3_idx, labels.size()), kAwsSuffix);
  return Status::OK();
}

// Fills provider, endpoint, region, bucket and key_pattern from an http(s) URL.
Status ParseHttpUrl(std::string_view scheme, std::string_view rest, std::string_view url,
                    const ObjectUrlSettings& settings, ObjectUrl* out) {
  const size_t slash = rest.find('/');
  const std::string authority = Lower(rest.substr(0, slash));
  std::string_view raw_path = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  if (authority.empty() || authority.find('@') != std::string::npos) {
    return InvalidArgument("'{}' needs a host and no user name: {}", url, kAcceptedForms);
  }
  if (raw_path.find('#') != std::string_view::npos) {
    return InvalidArgument("'{}' has a '#' fragment, which a bucket URL cannot have", url);
  }
  LARDER_ASSIGN_OR_RETURN(std::string path, PercentDecode(raw_path, url));
  LARDER_ASSIGN_OR_RETURN(EndpointParts parts,
                          SplitEndpoint(fmt::format("{}://{}", scheme, authority)));
  const std::string& host = parts.host;
  out->region = settings.region;
  if (host.ends_with(kAwsSuffix)) {
    out->provider = ObjectStoreProvider::kAwsS3;
    if (out->region.empty()) out->region = kDefaultAwsRegion;
    LARDER_RETURN_IF_ERROR(ParseAwsHost(
        scheme, std::string_view(host).substr(0, host.size() - kAwsSuffix.size()), url, out));
  } else if (host == kGcsHost || host.ends_with("." + std::string(kGcsHost))) {
    out->provider = ObjectStoreProvider::kGcs;
    out->region = "auto";
    out->endpoint = fmt::format("{}://{}", scheme, kGcsHost);
    if (host != kGcsHost) {
      out->bucket = host.substr(0, host.size() - kGcsHost.size() - 1);
      out->virtual_host = out->bucket.find('.') == std::string::npos;
    }
  } else if (host.ends_with(kR2Suffix)) {
    out->provider = ObjectStoreProvider::kR2;
    out->region = "auto";
    out->endpoint = fmt::format("{}://{}", scheme, parts.authority);
  } else {
    out->provider = ObjectStoreProvider::kS3Compatible;
    if (out->region.empty()) out->region = kDefaultAwsRegion;
    out->endpoint = fmt::format("{}://{}", scheme, parts.authority);
  }
  if (!out->bucket.empty()) {  // The bucket was in the host name.
    out->key_pattern = path;
    return Status::OK();
  }
  return SplitBucketPath(path, url, out);
}

// s3://: AWS, or the endpoint the settings name (path style).
Status ParseS3Url(std::string_view rest, std::string_view url, const ObjectUrlSettings& settings,
                  ObjectUrl* out) {
  LARDER_RETURN_IF_ERROR(SplitBucketPath(rest, url, out));
  const std::string bucket = out->bucket;
  const std::string key_pattern = out->key_pattern;
  if (!settings.endpoint.empty()) {
    std::string endpoint = settings.endpoint;
    while (endpoint.ends_with('/')) endpoint.pop_back();
    if (endpoint.find("://") == std::string::npos) endpoint = "https://" + endpoint;
    // Parse the endpoint as a URL with the bucket in its path, to classify its host.
    *out = ObjectUrl();
    LARDER_RETURN_IF_ERROR(ParseHttpUrl(endpoint.substr(0, endpoint.find("://")),
                                        endpoint.substr(endpoint.find("://") + 3) + "/" + bucket,
                                        endpoint, settings, out));
    if (!out->key_pattern.empty() || out->bucket != bucket) {
      return InvalidArgument(
          "the endpoint '{}' names a bucket or a path: give only the "
          "service's scheme, host and port, like http://127.0.0.1:9000",
          settings.endpoint);
    }
    out->bucket = bucket;
    out->key_pattern = key_pattern;
    return Status::OK();
  }
  out->provider = ObjectStoreProvider::kAwsS3;
  out->region = settings.region.empty() ? std::string(kDefaultAwsRegion) : settings.region;
  out->endpoint = AwsEndpoint(out->region);
  // Virtual-host style, except for names with dots, which TLS certificates do not cover.
  out->virtual_host = bucket.find('.') == std::string::npos;
  return Status::OK();
}

Status ParseFileUrl(std::string_view rest, std::string_view url, ObjectUrl* out) {
  if (rest.starts_with("localhost/")) rest.remove_prefix(std::string_view("localhost").size());
  if (!rest.starts_with('/')) {
    return InvalidArgument(
        "'{}' is not an absolute file URL: write file:///folder/**/*.csv (three slashes)", url);
  }
  out->provider = ObjectStoreProvider::kLocalFiles;
  out->key_pattern = std::string(rest);
  return Status::OK();
}

}  // namespace

std::string_view ObjectStoreProviderName(ObjectStoreProvider provider) {
  switch (provider) {
    case ObjectStoreProvider::kAwsS3:
      return "Amazon S3";
    case ObjectStoreProvider::kGcs:
      return "Google Cloud Storage";
    case ObjectStoreProvider::kR2:
      return "Cloudflare R2";
    case ObjectStoreProvider::kS3Compatible:
      return "S3-compatible storage";
    case ObjectStoreProvider::kLocalFiles:
      return "local files";
  }
  return "object storage";
}

std::string ObjectUrl::Display() const { return DisplayObject(key_pattern); }

std::string ObjectUrl::DisplayObject(std::string_view key) const {
  return DisplayObjectLocation(provider, endpoint, bucket, key);
}

std::string DisplayObjectLocation(ObjectStoreProvider provider, std::string_view endpoint,
                                  std::string_view bucket, std::string_view key) {
  switch (provider) {
    case ObjectStoreProvider::kAwsS3:
      return fmt::format("s3://{}/{}", bucket, key);
    case ObjectStoreProvider::kGcs:
      return fmt::format("gs://{}/{}", bucket, key);
    case ObjectStoreProvider::kR2:
    case ObjectStoreProvider::kS3Compatible:
      return fmt::format("{}/{}/{}", endpoint, bucket, key);
    case ObjectStoreProvider::kLocalFiles:
      return std::string(key);
  }
  return std::string(key);
}

Result<EndpointParts> SplitEndpoint(std::string_view endpoint) {
  EndpointParts parts;
  std::string_view rest;
  if (endpoint.starts_with("https://")) {
    rest = endpoint.substr(8);
  } else if (endpoint.starts_with("http://")) {
    parts.https = false;
    rest = endpoint.substr(7);
  } else {
    return InvalidArgument("the endpoint '{}' is not an http:// or https:// URL", endpoint);
  }
  rest = rest.substr(0, rest.find('/'));
  std::string_view host = rest;
  std::string_view port;
  if (rest.starts_with('[')) {  // [IPv6]:port
    const size_t close = rest.find(']');
    if (close == std::string_view::npos) {
      return InvalidArgument("the endpoint '{}' has an unclosed '['", endpoint);
    }
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
  } else if (const size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (host.empty() || !std::all_of(port.begin(), port.end(),
                                   [](unsigned char c) { return std::isdigit(c) != 0; })) {
    return InvalidArgument("the endpoint '{}' needs a host and a numeric port", endpoint);
  }
  parts.host = Lower(host);
  const bool default_port = port.empty() || port == (parts.https ? "443" : "80");
  std::string shown_host = rest.starts_with('[') ? "[" + parts.host + "]" : parts.host;
  parts.authority = default_port ? shown_host : fmt::format("{}:{}", shown_host, port);
  return parts;
}

Result<ObjectUrl> ParseObjectUrl(std::string_view url, const ObjectUrlSettings& settings) {
  const size_t separator = url.find("://");
  if (separator == std::string_view::npos) {
    return InvalidArgument("'{}' is not a URL: {}", url, kAcceptedForms);
  }
  const std::string scheme = Lower(url.substr(0, separator));
  const std::string_view rest = url.substr(separator + 3);
  ObjectUrl parsed;
  if (scheme == "s3" || scheme == "s3a") {
    LARDER_RETURN_IF_ERROR(ParseS3Url(rest, url, settings, &parsed));
  } else if (scheme == "gs" || scheme == "gcs") {
    LARDER_RETURN_IF_ERROR(SplitBucketPath(rest, url, &parsed));
    parsed.provider = ObjectStoreProvider::kGcs;
    parsed.endpoint = fmt::format("https://{}", kGcsHost);
    parsed.region = "auto";
  } else if (scheme == "https" || scheme == "http") {
    LARDER_RETURN_IF_ERROR(ParseHttpUrl(scheme, rest, url, settings, &parsed));
  } else if (scheme == "file") {
    LARDER_RETURN_IF_ERROR(ParseFileUrl(rest, url, &parsed));
  } else {
    return InvalidArgument("'{}': the scheme '{}' is not supported: {}", url, scheme,
                           kAcceptedForms);
  }
  if (parsed.provider != ObjectStoreProvider::kLocalFiles) {
    LARDER_RETURN_IF_ERROR(CheckBucketName(parsed.bucket, url));
  }
  if (parsed.key_pattern.empty() || parsed.key_pattern.ends_with('/')) {
    parsed.key_pattern += "**";
  }
  Result<Glob> glob = Glob::Compile(parsed.key_pattern);
  if (!glob.ok()) return glob.status().WithContext(std::string(url));
  parsed.key_prefix = glob->literal_prefix();
  return parsed;
}

}  // namespace larder::sources
