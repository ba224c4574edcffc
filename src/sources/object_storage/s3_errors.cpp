#include "sources/object_storage/s3_errors.h"

#include <vector>

#include "sources/object_storage/xml_reader.h"

namespace larder::sources {
namespace {

// The region in an S3 host name: "b.s3.eu-west-1.amazonaws.com", "b.s3-eu-west-1.amazonaws.com".
std::string RegionOfHost(std::string_view host) {
  std::vector<std::string_view> labels;
  while (!host.empty()) {
    const size_t dot = host.find('.');
    labels.push_back(host.substr(0, dot));
    host = dot == std::string_view::npos ? std::string_view() : host.substr(dot + 1);
  }
  for (size_t idx = 0; idx < labels.size(); ++idx) {
    if (labels[idx].starts_with("s3-") && !labels[idx].starts_with("s3-website")) {
      return std::string(labels[idx].substr(3));
    }
    if (labels[idx] != "s3") continue;
    for (size_t next = idx + 1; next < labels.size(); ++next) {
      if (labels[next] == "amazonaws") return "";
      if (labels[next] != "dualstack") return std::string(labels[next]);
    }
  }
  return "";
}

// " (Amazon S3 said SignatureDoesNotMatch: …)" or "".
std::string ServerSaid(const S3ErrorDetails& details, const S3CallContext& context, int status) {
  if (details.code.empty() && details.message.empty()) {
    return fmt::format(" ({} answered HTTP {})", ObjectStoreProviderName(context.provider), status);
  }
  return fmt::format(" ({} said {}{}{})", ObjectStoreProviderName(context.provider), details.code,
                     details.message.empty() ? "" : ": ", details.message);
}

std::string_view PermissionFor(std::string_view action) {
  if (action == "list") return "s3:ListBucket";
  if (action == "write") return "s3:PutObject";
  return "s3:GetObject";
}

bool IsRegionError(const IncomingResponse& response, const S3ErrorDetails& details,
                   const S3CallContext& context) {
  if (response.status == 301 || details.code == "PermanentRedirect" ||
      details.code == "AuthorizationHeaderMalformed" ||
      details.code == "IllegalLocationConstraintException") {
    return true;
  }
  return response.status == 400 && !details.region.empty() && details.region != context.region;
}

Status RegionError(const S3ErrorDetails& details, const S3CallContext& context) {
  if (details.region.empty() || details.region == context.region) {
    return InvalidArgument(
        "bucket '{}' is not in region '{}' and the server did not say which it is in: set the "
        "bucket's region{}",
        context.bucket, context.region,
        details.endpoint.empty() ? "" : fmt::format(" (its endpoint is {})", details.endpoint));
  }
  return InvalidArgument("bucket '{}' is in region '{}', not '{}': set the region to {}",
                         context.bucket, details.region, context.region, details.region);
}

Status ForbiddenError(const IncomingResponse& response, const S3ErrorDetails& details,
                      const S3CallContext& context) {
  const std::string said = ServerSaid(details, context, response.status);
  const std::string& code = details.code;
  if (code == "RequestTimeTooSkewed") {
    return FailedPrecondition(
        "this machine's clock differs from {}'s by more than 15 minutes, so requests are "
        "refused: set the clock right (NTP){}",
        ObjectStoreProviderName(context.provider), said);
  }
  if (code.empty() || code == "InvalidAccessKeyId" || code == "SignatureDoesNotMatch" ||
      code == "InvalidSecurity") {
    return Status(StatusCode::kUnauthenticated,
                  fmt::format("the access key or secret is wrong for bucket '{}' (access key ID "
                              "'{}'){}",
                              context.bucket, context.access_key_id, said));
  }
  return Status(StatusCode::kPermissionDenied,
                fmt::format("the access key '{}' is valid but may not {} {}: grant it {} on "
                            "bucket '{}'{}",
                            context.access_key_id, context.action, context.object,
                            PermissionFor(context.action), context.bucket, said));
}

Status NotFoundError(const S3ErrorDetails& details, const S3CallContext& context) {
  if (details.code == "NoSuchBucket") {
    return NotFound("bucket '{}' does not exist at {}: check the bucket's name{}", context.bucket,
                    ObjectStoreProviderName(context.provider),
                    context.provider == ObjectStoreProvider::kAwsS3
                        ? fmt::format(" and region (signed for {})", context.region)
                        : "");
  }
  if (details.code == "NoSuchKey" || !context.key.empty()) {
    return NotFound("{} does not exist{}", context.object,
                    details.code == "NoSuchKey" ? "" : " (or its bucket does not)");
  }
  return NotFound("bucket '{}' was not found at {} ({})", context.bucket,
                  ObjectStoreProviderName(context.provider),
                  details.code.empty() ? "HTTP 404" : details.code);
}

}  // namespace

S3ErrorDetails ParseS3Error(const IncomingResponse& response) {
  S3ErrorDetails details;
  Result<XmlElement> root = ParseXml(response.body);
  if (root.ok() && root->name == "Error") {
    details.code = root->ChildText("Code");
    details.message = root->ChildText("Message");
    details.region = root->ChildText("Region");
    details.endpoint = root->ChildText("Endpoint");
  }
  if (details.region.empty()) details.region = std::string(response.Header("x-amz-bucket-region"));
  if (details.region.empty() && !details.endpoint.empty()) {
    details.region = RegionOfHost(details.endpoint);
  }
  return details;
}

bool IsTransientS3Answer(const IncomingResponse& response) {
  if ((response.status >= 500 && response.status != 501) || response.status == 429 ||
      response.status == 408) {
    return true;
  }
  return response.status == 400 && ParseS3Error(response).code == "RequestTimeout";
}

Status S3ErrorStatus(const IncomingResponse& response, const S3CallContext& context) {
  const S3ErrorDetails details = ParseS3Error(response);
  if (IsRegionError(response, details, context)) return RegionError(details, context);
  if (details.code == "ExpiredToken" || details.code == "TokenRefreshRequired" ||
      details.code == "InvalidToken") {
    return Status(StatusCode::kUnauthenticated,
                  fmt::format("the session token for bucket '{}' has expired or is not valid: "
                              "give fresh temporary credentials{}",
                              context.bucket, ServerSaid(details, context, response.status)));
  }
  switch (response.status) {
    case 403:
      return ForbiddenError(response, details, context);
    case 404:
      return NotFoundError(details, context);
    case 412:
      return Conflict("{} changed while it was being read: read it again", context.object);
    default:
      break;
  }
  const std::string said = ServerSaid(details, context, response.status);
  if (IsTransientS3Answer(response)) {
    return Status(StatusCode::kUnavailable,
                  fmt::format("{} is not answering for now{}: try again later",
                              ObjectStoreProviderName(context.provider), said));
  }
  if (details.code == "NotImplemented") {
    return NotImplemented("{} cannot {} {}{}", ObjectStoreProviderName(context.provider),
                          context.action, context.object, said);
  }
  return InvalidArgument("cannot {} {}{}", context.action, context.object, said);
}

}  // namespace larder::sources
