#include "sources/object_storage/object_url.h"

#include <gtest/gtest.h>

namespace larder::sources {
namespace {

using P = ObjectStoreProvider;

struct UrlCase {
  std::string url;
  ObjectUrlSettings settings;
  P provider;
  std::string endpoint;
  bool virtual_host;
  std::string region;
  std::string bucket;
  std::string key_pattern;
  std::string key_prefix;
};

TEST(ObjectUrlTest, ParsesEveryAcceptedForm) {
  const UrlCase cases[] = {
      {"s3://bucket/path/*.parquet",
       {},
       P::kAwsS3,
       "https://s3.us-east-1.amazonaws.com",
       true,
       "us-east-1",
       "bucket",
       "path/*.parquet",
       "path/"},
      {"s3://bucket/path/*.parquet",
       {.region = "eu-west-1"},
       P::kAwsS3,
       "https://s3.eu-west-1.amazonaws.com",
       true,
       "eu-west-1",
       "bucket",
       "path/*.parquet",
       "path/"},
      {"s3://my.dotted.bucket/a.csv",
       {},
       P::kAwsS3,
       "https://s3.us-east-1.amazonaws.com",
       false,
       "us-east-1",
       "my.dotted.bucket",
       "a.csv",
       "a.csv"},
      {"s3://bucket",
       {},
       P::kAwsS3,
       "https://s3.us-east-1.amazonaws.com",
       true,
       "us-east-1",
       "bucket",
       "**",
       ""},
      {"s3://bucket/logs/",
       {},
       P::kAwsS3,
       "https://s3.us-east-1.amazonaws.com",
       true,
       "us-east-1",
       "bucket",
       "logs/**",
       "logs/"},
      {"https://bucket.s3.eu-west-1.amazonaws.com/p/*.csv",
       {},
       P::kAwsS3,
       "https://s3.eu-west-1.amazonaws.com",
       true,
       "eu-west-1",
       "bucket",
       "p/*.csv",
       "p/"},
      {"https://bucket.s3.eu-west-1.amazonaws.com/p/*.csv",
       {.region = "us-west-2"},
       P::kAwsS3,
       "https://s3.eu-west-1.amazonaws.com",
       true,
       "eu-west-1",
       "bucket",
       "p/*.csv",
       "p/"},
      {"https://bucket.s3-eu-west-1.amazonaws.com/p/x.csv",
       {},
       P::kAwsS3,
       "https://s3-eu-west-1.amazonaws.com",
       true,
       "eu-west-1",
       "bucket",
       "p/x.csv",
       "p/x.csv"},
      {"https://bucket.s3.amazonaws.com/p/*.csv",
       {.region = "ap-south-1"},
       P::kAwsS3,
       "https://s3.amazonaws.com",
       true,
       "ap-south-1",
       "bucket",
       "p/*.csv",
       "p/"},
      {"https://s3.eu-west-1.amazonaws.com/bucket/p/*.csv",
       {},
       P::kAwsS3,
       "https://s3.eu-west-1.amazonaws.com",
       false,
       "eu-west-1",
       "bucket",
       "p/*.csv",
       "p/"},
      {"https://s3.amazonaws.com/bucket/p/*.csv",
       {},
       P::kAwsS3,
       "https://s3.amazonaws.com",
       false,
       "us-east-1",
       "bucket",
       "p/*.csv",
       "p/"},
      {"https://s3.dualstack.us-east-2.amazonaws.com/bucket/x",
       {},
       P::kAwsS3,
       "https://s3.dualstack.us-east-2.amazonaws.com",
       false,
       "us-east-2",
       "bucket",
       "x",
       "x"},
      {"https://my.bucket.s3.eu-west-1.amazonaws.com/x",
       {},
       P::kAwsS3,
       "https://s3.eu-west-1.amazonaws.com",
       false,
       "eu-west-1",
       "my.bucket",
       "x",
       "x"},
      {"https://bucket.s3.eu-west-1.amazonaws.com/my%20folder/*.csv",
       {},
       P::kAwsS3,
       "https://s3.eu-west-1.amazonaws.com",
       true,
       "eu-west-1",
       "bucket",
       "my folder/*.csv",
       "my folder/"},
      {"gs://bucket/events/*.jsonl",
       {},
       P::kGcs,
       "https://storage.googleapis.com",
       false,
       "auto",
       "bucket",
       "events/*.jsonl",
       "events/"},
      {"https://storage.googleapis.com/bucket/events/*.jsonl",
       {},
       P::kGcs,
       "https://storage.googleapis.com",
       false,
       "auto",
       "bucket",
       "events/*.jsonl",
       "events/"},
      {"https://bucket.storage.googleapis.com/e/*.csv",
       {},
       P::kGcs,
       "https://storage.googleapis.com",
       true,
       "auto",
       "bucket",
       "e/*.csv",
       "e/"},
      {"https://0123abcd.r2.cloudflarestorage.com/bucket/d/*.parquet",
       {},
       P::kR2,
       "https://0123abcd.r2.cloudflarestorage.com",
       false,
       "auto",
       "bucket",
       "d/*.parquet",
       "d/"},
      {"https://0123abcd.eu.r2.cloudflarestorage.com/bucket/d.csv",
       {},
       P::kR2,
       "https://0123abcd.eu.r2.cloudflarestorage.com",
       false,
       "auto",
       "bucket",
       "d.csv",
       "d.csv"},
      {"http://127.0.0.1:4568/bucket/d/{a,b}.csv",
       {},
       P::kS3Compatible,
       "http://127.0.0.1:4568",
       false,
       "us-east-1",
       "bucket",
       "d/{a,b}.csv",
       "d/"},
      {"https://minio.example.com:443/bucket/d/?.csv",
       {.region = "local"},
       P::kS3Compatible,
       "https://minio.example.com",
       false,
       "local",
       "bucket",
       "d/?.csv",
       "d/"},
      {"s3://bucket/d/*.csv",
       {.endpoint = "http://127.0.0.1:4568"},
       P::kS3Compatible,
       "http://127.0.0.1:4568",
       false,
       "us-east-1",
       "bucket",
       "d/*.csv",
       "d/"},
      {"s3://bucket/d/*.csv",
       {.endpoint = "http://127.0.0.1:4568/"},
       P::kS3Compatible,
       "http://127.0.0.1:4568",
       false,
       "us-east-1",
       "bucket",
       "d/*.csv",
       "d/"},
      {"s3://bucket/d/*.csv",
       {.endpoint = "https://s3.eu-central-1.amazonaws.com"},
       P::kAwsS3,
       "https://s3.eu-central-1.amazonaws.com",
       false,
       "eu-central-1",
       "bucket",
       "d/*.csv",
       "d/"},
      {"s3://bucket/d/*.csv",
       {.endpoint = "https://acct.r2.cloudflarestorage.com"},
       P::kR2,
       "https://acct.r2.cloudflarestorage.com",
       false,
       "auto",
       "bucket",
       "d/*.csv",
       "d/"},
      {"file:///data/**/*.csv", {}, P::kLocalFiles, "", false, "", "", "/data/**/*.csv", "/data/"},
      {"file://localhost/data/x.csv",
       {},
       P::kLocalFiles,
       "",
       false,
       "",
       "",
       "/data/x.csv",
       "/data/x.csv"},
      {"file:///data/", {}, P::kLocalFiles, "", false, "", "", "/data/**", "/data/"},
  };
  for (const UrlCase& test : cases) {
    Result<ObjectUrl> url = ParseObjectUrl(test.url, test.settings);
    ASSERT_TRUE(url.ok()) << test.url << ": " << url.status().ToString();
    EXPECT_EQ(url->provider, test.provider) << test.url;
    EXPECT_EQ(url->endpoint, test.endpoint) << test.url;
    EXPECT_EQ(url->virtual_host, test.virtual_host) << test.url;
    EXPECT_EQ(url->region, test.region) << test.url;
    EXPECT_EQ(url->bucket, test.bucket) << test.url;
    EXPECT_EQ(url->key_pattern, test.key_pattern) << test.url;
    EXPECT_EQ(url->key_prefix, test.key_prefix) << test.url;
  }
}

TEST(ObjectUrlTest, RefusesWhatIsNotABucketOrFolderAndSaysWhy) {
  struct Case {
    std::string url;
    ObjectUrlSettings settings;
    std::string message_part;
  };
  const Case cases[] = {
      {"bucket/path/*.csv", {}, "is not a URL"},
      {"ftp://host/bucket/x.csv", {}, "scheme 'ftp' is not supported"},
      {"s3:///path/x.csv", {}, "names no bucket"},
      {"s3://buck*/x.csv", {}, "cannot be a wildcard"},
      {"https://user:pw@host/bucket/x", {}, "no user name"},
      {"https://host:port/bucket/x", {}, "numeric port"},
      {"https://host/bucket/a%zz.csv", {}, "two hex digits"},
      {"https://bucket.s3-website-us-east-1.amazonaws.com/x", {}, "not an S3 API endpoint"},
      {"file://data/x.csv", {}, "three slashes"},
      {"file:///data/[x.csv", {}, "without a ']'"},
      {"s3://bucket/x.csv", {.endpoint = "https://bucket.s3.amazonaws.com"}, "names a bucket"},
  };
  for (const Case& test : cases) {
    Result<ObjectUrl> url = ParseObjectUrl(test.url, test.settings);
    ASSERT_FALSE(url.ok()) << test.url;
    EXPECT_EQ(url.status().code(), StatusCode::kInvalidArgument) << test.url;
    EXPECT_NE(url.status().message().find(test.message_part), std::string::npos)
        << test.url << ": " << url.status().message();
  }
}

TEST(ObjectUrlTest, DisplaysLocationsTheWayUsersWroteThem) {
  EXPECT_EQ(ParseObjectUrl("s3://b/k/*.csv")->DisplayObject("k/a.csv"), "s3://b/k/a.csv");
  EXPECT_EQ(ParseObjectUrl("gs://b/k/*.csv")->Display(), "gs://b/k/*.csv");
  EXPECT_EQ(ParseObjectUrl("http://127.0.0.1:9/b/k.csv")->Display(), "http://127.0.0.1:9/b/k.csv");
  EXPECT_EQ(ParseObjectUrl("file:///d/*.csv")->DisplayObject("/d/a.csv"), "/d/a.csv");
}

TEST(ObjectUrlTest, SplitsEndpointsIntoHostHeaders) {
  struct Case {
    std::string endpoint;
    bool https;
    std::string host;
    std::string authority;
  };
  const Case cases[] = {
      {"https://s3.amazonaws.com", true, "s3.amazonaws.com", "s3.amazonaws.com"},
      {"http://127.0.0.1:4568", false, "127.0.0.1", "127.0.0.1:4568"},
      {"http://127.0.0.1:80", false, "127.0.0.1", "127.0.0.1"},
      {"https://Host.Example:8443/", true, "host.example", "host.example:8443"},
      {"http://[::1]:9000", false, "::1", "[::1]:9000"},
  };
  for (const Case& test : cases) {
    Result<EndpointParts> parts = SplitEndpoint(test.endpoint);
    ASSERT_TRUE(parts.ok()) << test.endpoint;
    EXPECT_EQ(parts->https, test.https) << test.endpoint;
    EXPECT_EQ(parts->host, test.host) << test.endpoint;
    EXPECT_EQ(parts->authority, test.authority) << test.endpoint;
  }
  EXPECT_FALSE(SplitEndpoint("ftp://x").ok());
}

}  // namespace
}  // namespace larder::sources
