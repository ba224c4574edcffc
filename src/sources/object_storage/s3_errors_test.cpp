#include "sources/object_storage/s3_errors.h"

#include <gtest/gtest.h>

namespace larder::sources {
namespace {

std::string ErrorXml(const std::string& code, const std::string& extra = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code +
         "</Code><Message>the server's words</Message>" + extra +
         "<RequestId>4442587FB7D0A2F9</RequestId></Error>";
}

S3CallContext ReadContext() {
  return {.action = "read",
          .bucket = "events",
          .key = "2024/a.csv",
          .object = "s3://events/2024/a.csv",
          .region = "us-east-1",
          .access_key_id = "AKIAEXAMPLE"};
}

struct ErrorCase {
  int status;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  StatusCode code;
  std::vector<std::string> message_parts;
};

TEST(S3ErrorsTest, MapsAnswersToErrorsThatSayWhatToFix) {
  const ErrorCase cases[] = {
      // A bucket in another region.
      {301,
       ErrorXml("PermanentRedirect",
                "<Bucket>events</Bucket><Endpoint>events.s3.eu-west-1.amazonaws.com</Endpoint>"),
       {},
       StatusCode::kInvalidArgument,
       {"bucket 'events' is in region 'eu-west-1', not 'us-east-1'",
        "set the region to "
        "eu-west-1"}},
      {400,
       ErrorXml("AuthorizationHeaderMalformed", "<Region>ap-southeast-2</Region>"),
       {},
       StatusCode::kInvalidArgument,
       {"region 'ap-southeast-2'"}},
      {301,
       "",
       {{"x-amz-bucket-region", "eu-central-1"}},
       StatusCode::kInvalidArgument,
       {"region 'eu-central-1'"}},
      {301,
       ErrorXml("PermanentRedirect"),
       {},
       StatusCode::kInvalidArgument,
       {"did not say which", "set the bucket's region"}},
      // Credentials.
      {403,
       ErrorXml("SignatureDoesNotMatch"),
       {},
       StatusCode::kUnauthenticated,
       {"the access key or secret is wrong for bucket 'events'", "AKIAEXAMPLE",
        "SignatureDoesNotMatch: the server's words"}},
      {403,
       ErrorXml("InvalidAccessKeyId"),
       {},
       StatusCode::kUnauthenticated,
       {"the access key or secret is wrong for bucket 'events'"}},
      {403, "", {}, StatusCode::kUnauthenticated, {"wrong for bucket 'events'", "HTTP 403"}},
      {400, ErrorXml("ExpiredToken"), {}, StatusCode::kUnauthenticated, {"session token"}},
      {403, ErrorXml("ExpiredToken"), {}, StatusCode::kUnauthenticated, {"session token"}},
      {403,
       ErrorXml("RequestTimeTooSkewed"),
       {},
       StatusCode::kFailedPrecondition,
       {"clock", "15 minutes"}},
      {403,
       ErrorXml("AccessDenied"),
       {},
       StatusCode::kPermissionDenied,
       {"'AKIAEXAMPLE' is valid but may not read s3://events/2024/a.csv", "s3:GetObject"}},
      // Missing things.
      {404,
       ErrorXml("NoSuchBucket"),
       {},
       StatusCode::kNotFound,
       {"bucket 'events' does not exist at Amazon S3"}},
      {404,
       ErrorXml("NoSuchKey"),
       {},
       StatusCode::kNotFound,
       {"s3://events/2024/a.csv does not exist"}},
      {404,
       "",
       {},
       StatusCode::kNotFound,
       {"s3://events/2024/a.csv does not exist (or its bucket"}},
      // The rest.
      {412, ErrorXml("PreconditionFailed"), {}, StatusCode::kConflict, {"changed"}},
      {503, ErrorXml("SlowDown"), {}, StatusCode::kUnavailable, {"SlowDown", "try again later"}},
      {500, "<html>oops</html>", {}, StatusCode::kUnavailable, {"HTTP 500"}},
      {400,
       ErrorXml("InvalidArgument"),
       {},
       StatusCode::kInvalidArgument,
       {"cannot read s3://events/2024/a.csv", "InvalidArgument"}},
      {501, ErrorXml("NotImplemented"), {}, StatusCode::kNotImplemented, {"NotImplemented"}},
  };
  for (const ErrorCase& test : cases) {
    IncomingResponse response{.status = test.status, .body = test.body, .headers = test.headers};
    Status status = S3ErrorStatus(response, ReadContext());
    EXPECT_EQ(status.code(), test.code) << test.status << " " << test.body << "\n"
                                        << status.ToString();
    for (const std::string& part : test.message_parts) {
      EXPECT_NE(status.message().find(part), std::string::npos)
          << "'" << part << "' not in: " << status.message();
    }
  }
}

TEST(S3ErrorsTest, PermissionMessagesNameTheActionsPermission) {
  S3CallContext context = ReadContext();
  context.action = "list";
  context.key = "";
  context.object = "s3://events/";
  IncomingResponse response{.status = 403, .body = ErrorXml("AccessDenied")};
  EXPECT_NE(S3ErrorStatus(response, context).message().find("s3:ListBucket"), std::string::npos);
  context.action = "write";
  EXPECT_NE(S3ErrorStatus(response, context).message().find("s3:PutObject"), std::string::npos);
}

TEST(S3ErrorsTest, TellsTransientAnswersFromPermanentOnes) {
  const std::pair<IncomingResponse, bool> cases[] = {
      {{.status = 500}, true},
      {{.status = 503, .body = ErrorXml("SlowDown")}, true},
      {{.status = 429}, true},
      {{.status = 408}, true},
      {{.status = 400, .body = ErrorXml("RequestTimeout")}, true},
      {{.status = 400, .body = ErrorXml("InvalidArgument")}, false},
      {{.status = 403}, false},
      {{.status = 404}, false},
      {{.status = 301}, false},
      {{.status = 501}, false},
  };
  for (const auto& [response, transient] : cases) {
    EXPECT_EQ(IsTransientS3Answer(response), transient) << response.status << response.body;
  }
}

TEST(S3ErrorsTest, ParsesTheErrorDocument) {
  S3ErrorDetails details = ParseS3Error(
      {.status = 301,
       .body = ErrorXml("PermanentRedirect", "<Endpoint>b.s3-us-west-2.amazonaws.com</Endpoint>")});
  EXPECT_EQ(details.code, "PermanentRedirect");
  EXPECT_EQ(details.message, "the server's words");
  EXPECT_EQ(details.endpoint, "b.s3-us-west-2.amazonaws.com");
  EXPECT_EQ(details.region, "us-west-2");
  EXPECT_EQ(ParseS3Error({.status = 404, .body = "not xml"}).code, "");
}

}  // namespace
}  // namespace larder::sources
