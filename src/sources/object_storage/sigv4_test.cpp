// The worked examples of AWS's Signature Version 4 documentation for Amazon S3 ("Signature
// Calculations for the Authorization Header: Transferring Payload in a Single Chunk" and
// "Authenticating Requests: Using Query Parameters"), reproduced byte for byte.
#include "sources/object_storage/sigv4.h"

#include <gtest/gtest.h>

#include "common/hex.h"

namespace larder::sources {
namespace {

const AwsCredentials kExampleCredentials{
    .access_key_id = "AKIAIOSFODNN7EXAMPLE",
    .secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};
constexpr int64_t kMay24Of2013 = 1369353600;  // 20130524T000000Z
constexpr char kHost[] = "examplebucket.s3.amazonaws.com";
constexpr char kEmptySha256[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string AddedHeader(const SignedRequest& signed_request, std::string_view name) {
  for (const auto& [header, value] : signed_request.added_headers) {
    if (header == name) return value;
  }
  return "";
}

TEST(SigV4Test, GetObjectExample) {
  SignedRequest signed_request = SignRequestHeaders(
      {.method = "GET", .host = kHost, .path = "/test.txt", .headers = {{"Range", "bytes=0-9"}}},
      kExampleCredentials, "us-east-1", kMay24Of2013);
  EXPECT_EQ(
      signed_request.canonical_request,
      "GET\n"
      "/test.txt\n"
      "\n"
      "host:examplebucket.s3.amazonaws.com\n"
      "range:bytes=0-9\n"
      "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
      "x-amz-date:20130524T000000Z\n"
      "\n"
      "host;range;x-amz-content-sha256;x-amz-date\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(signed_request.string_to_sign,
            "AWS4-HMAC-SHA256\n"
            "20130524T000000Z\n"
            "20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(signed_request.signature,
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  EXPECT_EQ(AddedHeader(signed_request, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  EXPECT_EQ(AddedHeader(signed_request, "x-amz-date"), "20130524T000000Z");
  EXPECT_EQ(AddedHeader(signed_request, "x-amz-content-sha256"), kEmptySha256);
  EXPECT_EQ(AddedHeader(signed_request, "x-amz-security-token"), "");
}

TEST(SigV4Test, PutObjectExampleEncodesTheDollarInThePath) {
  const std::string payload = Sha256Hex("Welcome to Amazon S3.");
  EXPECT_EQ(payload, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  SignedRequest signed_request =
      SignRequestHeaders({.method = "PUT",
                          .host = kHost,
                          .path = "/test$file.text",
                          .headers = {{"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                                      {"x-amz-storage-class", "REDUCED_REDUNDANCY"}},
                          .payload_sha256 = payload},
                         kExampleCredentials, "us-east-1", kMay24Of2013);
  EXPECT_EQ(
      signed_request.canonical_request,
      "PUT\n"
      "/test%24file.text\n"
      "\n"
      "date:Fri, 24 May 2013 00:00:00 GMT\n"
      "host:examplebucket.s3.amazonaws.com\n"
      "x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072\n"
      "x-amz-date:20130524T000000Z\n"
      "x-amz-storage-class:REDUCED_REDUNDANCY\n"
      "\n"
      "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n"
      "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  EXPECT_EQ(signed_request.string_to_sign,
            "AWS4-HMAC-SHA256\n"
            "20130524T000000Z\n"
            "20130524/us-east-1/s3/aws4_request\n"
            "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");
  EXPECT_EQ(signed_request.signature,
            "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  EXPECT_EQ(AddedHeader(signed_request, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
            "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4Test, GetBucketLifecycleExampleSignsABareQueryName) {
  SignedRequest signed_request = SignRequestHeaders(
      {.method = "GET", .host = kHost, .path = "/", .query = {{"lifecycle", ""}}},
      kExampleCredentials, "us-east-1", kMay24Of2013);
  EXPECT_EQ(
      signed_request.canonical_request,
      "GET\n"
      "/\n"
      "lifecycle=\n"
      "host:examplebucket.s3.amazonaws.com\n"
      "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
      "x-amz-date:20130524T000000Z\n"
      "\n"
      "host;x-amz-content-sha256;x-amz-date\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(signed_request.signature,
            "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST(SigV4Test, ListObjectsExampleSortsTheQuery) {
  SignedRequest signed_request = SignRequestHeaders(
      {.method = "GET", .host = kHost, .path = "/", .query = {{"prefix", "J"}, {"max-keys", "2"}}},
      kExampleCredentials, "us-east-1", kMay24Of2013);
  EXPECT_EQ(
      signed_request.canonical_request.substr(0, signed_request.canonical_request.find("\nhost:")),
      "GET\n/\nmax-keys=2&prefix=J");
  EXPECT_EQ(signed_request.signature,
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4Test, PresignedUrlExample) {
  SignedRequest signed_request =
      PresignRequest({.method = "GET", .host = kHost, .path = "/test.txt"}, kExampleCredentials,
                     "us-east-1", kMay24Of2013, 86400);
  EXPECT_EQ(signed_request.canonical_request,
            "GET\n"
            "/test.txt\n"
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2F"
            "us-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&"
            "X-Amz-SignedHeaders=host\n"
            "host:examplebucket.s3.amazonaws.com\n"
            "\n"
            "host\n"
            "UNSIGNED-PAYLOAD");
  EXPECT_EQ(signed_request.string_to_sign,
            "AWS4-HMAC-SHA256\n"
            "20130524T000000Z\n"
            "20130524/us-east-1/s3/aws4_request\n"
            "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
  EXPECT_EQ(signed_request.signature,
            "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  EXPECT_EQ(
      "https://" + std::string(kHost) + EncodePath("/test.txt") + "?" + signed_request.query_string,
      "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&"
      "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&"
      "X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&"
      "X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

// "Examples of how to derive a signing key for Signature Version 4" (the IAM example).
TEST(SigV4Test, DerivesTheDocumentedSigningKey) {
  EXPECT_EQ(HexEncode(SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830",
                                 "us-east-1", "iam")),
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
}

TEST(SigV4Test, SessionTokensAreSentAndSigned) {
  AwsCredentials temporary = kExampleCredentials;
  temporary.session_token = "FQoGZXIvYXdzEXAMPLETOKEN";
  SignedRequest with_token = SignRequestHeaders(
      {.method = "GET", .host = kHost, .path = "/test.txt"}, temporary, "us-east-1", kMay24Of2013);
  SignedRequest without_token =
      SignRequestHeaders({.method = "GET", .host = kHost, .path = "/test.txt"}, kExampleCredentials,
                         "us-east-1", kMay24Of2013);
  EXPECT_EQ(AddedHeader(with_token, "x-amz-security-token"), "FQoGZXIvYXdzEXAMPLETOKEN");
  EXPECT_NE(with_token.canonical_request.find(
                "x-amz-security-token:FQoGZXIvYXdzEXAMPLETOKEN\n\n"
                "host;x-amz-content-sha256;x-amz-date;x-amz-security-token\n"),
            std::string::npos)
      << with_token.canonical_request;
  EXPECT_NE(with_token.signature, without_token.signature);

  SignedRequest presigned = PresignRequest({.method = "GET", .host = kHost, .path = "/a"},
                                           temporary, "us-east-1", kMay24Of2013, 60);
  EXPECT_NE(presigned.query_string.find("X-Amz-Security-Token=FQoGZXIvYXdzEXAMPLETOKEN&"),
            std::string::npos)
      << presigned.query_string;
}

TEST(SigV4Test, EncodesPathsAndQueriesAsS3Wants) {
  struct Case {
    std::string text;
    bool keep_slash;
    std::string encoded;
  };
  const Case cases[] = {
      {"a b/c", true, "a%20b/c"},
      {"a b/c", false, "a%20b%2Fc"},
      {"-_.~AZaz09", false, "-_.~AZaz09"},
      {"!'()*+=&$,:;@", false, "%21%27%28%29%2A%2B%3D%26%24%2C%3A%3B%40"},
      {"é", false, "%C3%A9"},
      {"%", false, "%25"},
  };
  for (const Case& test : cases) {
    EXPECT_EQ(UriEncode(test.text, test.keep_slash), test.encoded) << test.text;
  }
  EXPECT_EQ(EncodePath(""), "/");
  EXPECT_EQ(CanonicalQueryString({{"prefix", "a b/c"}, {"list-type", "2"}, {"b", ""}}),
            "b=&list-type=2&prefix=a%20b%2Fc");
}

TEST(SigV4Test, HeaderValuesAreTrimmedAndRepeatedNamesJoined) {
  SignedRequest signed_request = SignRequestHeaders(
      {.method = "GET",
       .host = kHost,
       .path = "/",
       .headers = {{"X-Amz-Meta-A", "  two   words  "}, {"x-amz-meta-a", "second"}}},
      kExampleCredentials, "us-east-1", kMay24Of2013);
  EXPECT_NE(signed_request.canonical_request.find("x-amz-meta-a:two words,second\n"),
            std::string::npos)
      << signed_request.canonical_request;
  EXPECT_NE(signed_request.canonical_request.find("host;x-amz-content-sha256;x-amz-date;"
                                                  "x-amz-meta-a\n"),
            std::string::npos);
}

TEST(SigV4Test, FormatsTheSigningTime) {
  EXPECT_EQ(FormatAmzDate(0), "19700101T000000Z");
  EXPECT_EQ(FormatAmzDate(kMay24Of2013 + 3 * 3600 + 4 * 60 + 5), "20130524T030405Z");
}

}  // namespace
}  // namespace larder::sources
