// S3Client against a scripted loopback HTTP server: what it sends (signed requests), how it
// retries, resumes and reads listings, and the errors it reports.
#include "sources/object_storage/s3_client.h"

#include <gtest/gtest.h>

#include "sources/object_storage/test_http_server.h"

namespace larder::sources {
namespace {

using Milliseconds = std::chrono::milliseconds;
using Server = TestHttpServer;

constexpr int64_t kMay24Of2013Micros = 1369353600LL * 1000000;

class S3ClientTest : public ::testing::Test {
 protected:
  S3ClientOptions OptionsFor(const Server& server) {
    S3ClientOptions options;
    options.provider = ObjectStoreProvider::kS3Compatible;
    options.endpoint = server.endpoint();
    options.credentials = {.access_key_id = "AKIDTEST", .secret_access_key = "secret"};
    options.clock = &clock_;
    options.first_backoff = Milliseconds(100);
    options.max_backoff = Milliseconds(1500);
    options.sleep = [this](Milliseconds delay) { waits_.push_back(delay.count()); };
    return options;
  }

  ManualClock clock_{kMay24Of2013Micros};
  std::vector<int64_t> waits_;
};

TEST_F(S3ClientTest, SignsPathStyleRequestsAsTheSignerComputesThem) {
  Server server([](const Server::Request&, int) { return Server::Answer(200, "hello"); });
  S3Client client(OptionsFor(server));
  Result<std::string> body = client.GetObject("bucket", "dir/a b+c.csv");
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, "hello");

  ASSERT_EQ(server.requests().size(), 1u);
  const Server::Request sent = server.requests()[0];
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.target, "/bucket/dir/a%20b%2Bc.csv");
  const std::string host = "127.0.0.1:" + std::to_string(server.port());
  EXPECT_EQ(sent.Header("host"), host);
  EXPECT_EQ(sent.Header("x-amz-date"), "20130524T000000Z");
  EXPECT_EQ(sent.Header("x-amz-content-sha256"), Sha256Hex(""));
  SignedRequest expected = SignRequestHeaders(
      {.method = "GET", .host = host, .path = "/bucket/dir/a b+c.csv"},
      {.access_key_id = "AKIDTEST", .secret_access_key = "secret"}, "us-east-1", 1369353600);
  EXPECT_EQ(sent.Header("authorization"), expected.added_headers.back().second);
  EXPECT_NE(sent.Header("authorization")
                .find("Credential=AKIDTEST/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;"
                      "x-amz-content-sha256;x-amz-date,"),
            std::string::npos);
}

TEST_F(S3ClientTest, VirtualHostStyleAndSessionTokens) {
  Server server([](const Server::Request&, int) { return Server::Answer(200, ""); });
  S3ClientOptions options = OptionsFor(server);
  // Virtual-host style needs a host name; the request still goes to 127.0.0.1 because the
  // Host header is what carries the bucket.
  options.virtual_host = true;
  options.endpoint = "http://localhost:" + std::to_string(server.port());
  options.credentials.session_token = "TOKEN";
  ASSERT_TRUE(S3Client(options).PutObject("bucket", "k.csv", "a,b\n").ok());
  const Server::Request sent = server.requests().at(0);
  EXPECT_EQ(sent.method, "PUT");
  EXPECT_EQ(sent.target, "/k.csv");
  EXPECT_EQ(sent.Header("host"), "bucket.localhost:" + std::to_string(server.port()));
  EXPECT_EQ(sent.Header("x-amz-security-token"), "TOKEN");
  EXPECT_EQ(sent.Header("x-amz-content-sha256"), Sha256Hex("a,b\n"));
  EXPECT_EQ(sent.body, "a,b\n");
  EXPECT_NE(sent.Header("authorization").find("x-amz-security-token"), std::string::npos);
}

TEST_F(S3ClientTest, RetriesTwo503sWithGrowingWaitsThenAnswers) {
  Server server([](const Server::Request&, int idx) {
    return idx < 2 ? Server::Answer(503, "<Error><Code>SlowDown</Code></Error>")
                   : Server::Answer(200, "finally");
  });
  Result<std::string> body = S3Client(OptionsFor(server)).GetObject("b", "k");
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, "finally");
  EXPECT_EQ(server.requests().size(), 3u);
  EXPECT_EQ(waits_, (std::vector<int64_t>{100, 200}));
}

TEST_F(S3ClientTest, RetriesAClosedConnectionAndHonoursRetryAfter) {
  Server server([](const Server::Request&, int idx) {
    if (idx == 0) return std::string();  // Closed without an answer.
    if (idx == 1) return Server::Answer(429, "", "Retry-After: 1\r\n");
    return Server::Answer(200, "ok");
  });
  Result<std::string> body = S3Client(OptionsFor(server)).GetObject("b", "k");
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(waits_, (std::vector<int64_t>{100, 1000}));
}

TEST_F(S3ClientTest, GivesUpAfterTheLastAttemptSayingWhy) {
  Server server([](const Server::Request&, int) {
    return Server::Answer(503,
                          "<Error><Code>SlowDown</Code><Message>Reduce your rate"
                          "</Message></Error>");
  });
  Status status = S3Client(OptionsFor(server)).GetObject("b", "k").status();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_NE(status.message().find("SlowDown: Reduce your rate"), std::string::npos)
      << status.message();
  EXPECT_EQ(server.requests().size(), 4u);
  EXPECT_EQ(waits_, (std::vector<int64_t>{100, 200, 400}));
}

TEST_F(S3ClientTest, AnUnreachableEndpointIsUnavailableAfterRetries) {
  S3ClientOptions options;
  options.endpoint = "http://127.0.0.1:1";
  options.max_attempts = 2;
  options.sleep = [this](Milliseconds delay) { waits_.push_back(delay.count()); };
  Status status = S3Client(options).GetObject("b", "k").status();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_NE(status.message().find("tried 2 times"), std::string::npos) << status.message();
  EXPECT_EQ(waits_.size(), 1u);
}

TEST_F(S3ClientTest, PermanentErrorsAreNotRetried) {
  Server server([](const Server::Request&, int) {
    return Server::Answer(403, "<Error><Code>SignatureDoesNotMatch</Code></Error>");
  });
  Status status = S3Client(OptionsFor(server)).GetObject("events", "k").status();
  EXPECT_EQ(status.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(status.message().find("the access key or secret is wrong for bucket 'events'"),
            std::string::npos)
      << status.message();
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_TRUE(waits_.empty());
}

TEST_F(S3ClientTest, ListsEveryPageWithContinuationTokens) {
  Server server([](const Server::Request& request, int) {
    const bool second = request.target.find("continuation-token=tok%2F1") != std::string::npos;
    std::string body = "<ListBucketResult><EncodingType>url</EncodingType>";
    if (!second) {
      body +=
          "<IsTruncated>true</IsTruncated><NextContinuationToken>tok/1</NextContinuationToken>"
          "<Contents><Key>logs/a+b%2Bc.csv</Key><Size>10</Size><ETag>&quot;e1&quot;</ETag>"
          "<LastModified>2024-03-01T10:00:00.000Z</LastModified></Contents>";
    } else {
      body +=
          "<IsTruncated>false</IsTruncated><Contents><Key>logs/z.csv</Key><Size>0</Size>"
          "<ETag>\"e2-3\"</ETag></Contents>";
    }
    return Server::Answer(200, body + "</ListBucketResult>");
  });
  std::vector<ObjectInfo> objects;
  Status status = S3Client(OptionsFor(server)).ListObjects("b", "logs/", [&](ObjectInfo object) {
    objects.push_back(std::move(object));
    return Status::OK();
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(objects[0].key, "logs/a b+c.csv");
  EXPECT_EQ(objects[0].size, 10u);
  EXPECT_EQ(objects[0].etag, "e1");
  EXPECT_EQ(objects[0].last_modified_micros, 1709287200LL * 1000000);
  EXPECT_EQ(objects[1].key, "logs/z.csv");
  EXPECT_EQ(objects[1].etag, "e2-3");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].target, "/b?encoding-type=url&list-type=2&max-keys=1000&prefix=logs%2F");
}

TEST_F(S3ClientTest, RefusesAListingThatRepeatsItsToken) {
  Server server([](const Server::Request&, int) {
    return Server::Answer(200,
                          "<ListBucketResult><IsTruncated>true</IsTruncated>"
                          "<NextContinuationToken>same</NextContinuationToken></ListBucketResult>");
  });
  Status status =
      S3Client(OptionsFor(server)).ListObjects("b", "", [](ObjectInfo) { return Status::OK(); });
  EXPECT_EQ(status.code(), StatusCode::kCorruption);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST_F(S3ClientTest, RangedReadsAskForTheRangeOfOneETag) {
  Server server([](const Server::Request& request, int) {
    if (request.method == "HEAD") {
      return std::string(
          "HTTP/1.1 200 OK\r\nContent-Length: 20\r\nETag: \"v1\"\r\nLast-Modified: Wed, 12 Oct "
          "2009 17:50:00 GMT\r\nConnection: close\r\n\r\n");
    }
    if (request.Header("if-match") != "\"v1\"") return Server::Answer(412, "");
    return Server::Answer(206, "0123456789");
  });
  S3Client client(OptionsFor(server));
  Result<ObjectInfo> head = client.HeadObject("b", "k");
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ(head->size, 20u);
  EXPECT_EQ(head->etag, "v1");
  EXPECT_EQ(head->last_modified_micros, 1255369800LL * 1000000);
  Result<std::string> range = client.GetObjectRange("b", "k", 10, 10, "v1");
  ASSERT_TRUE(range.ok()) << range.status().ToString();
  EXPECT_EQ(*range, "0123456789");
  EXPECT_EQ(server.requests().back().Header("range"), "bytes=10-19");
  EXPECT_EQ(client.GetObjectRange("b", "k", 10, 10, "v0").status().code(), StatusCode::kConflict);
}

TEST_F(S3ClientTest, AStreamCutShortResumesWhereItStopped) {
  std::string whole(100, ' ');
  for (size_t idx = 0; idx < whole.size(); ++idx) whole[idx] = static_cast<char>('a' + idx % 26);
  Server server([&](const Server::Request& request, int idx) {
    if (idx == 0) {  // Promises 100 bytes, sends 40, hangs up.
      return "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nETag: \"v7\"\r\nConnection: close\r\n\r\n" +
             whole.substr(0, 40);
    }
    EXPECT_EQ(request.Header("range"), "bytes=40-");
    EXPECT_EQ(request.Header("if-match"), "\"v7\"");
    return Server::Answer(206, whole.substr(40), "Content-Range: bytes 40-99/100\r\n");
  });
  std::string received;
  Status status = S3Client(OptionsFor(server)).StreamObject("b", "k", [&](std::string_view piece) {
    received.append(piece);
    return Status::OK();
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(received, whole);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST_F(S3ClientTest, AResumeAnsweredWithTheWholeObjectSkipsWhatWasDelivered) {
  const std::string whole = "0123456789abcdefghij";
  Server server([&](const Server::Request&, int idx) {
    if (idx == 0) {
      return "HTTP/1.1 200 OK\r\nContent-Length: 20\r\nConnection: close\r\n\r\n" +
             whole.substr(0, 7);
    }
    return Server::Answer(200, whole);  // A server that ignores Range.
  });
  std::string received;
  Status status = S3Client(OptionsFor(server)).StreamObject("b", "k", [&](std::string_view piece) {
    received.append(piece);
    return Status::OK();
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(received, whole);
}

TEST_F(S3ClientTest, ASinkErrorStopsTheStreamWithoutRetrying) {
  Server server([](const Server::Request&, int) { return Server::Answer(200, "data"); });
  Status status = S3Client(OptionsFor(server)).StreamObject("b", "k", [](std::string_view) {
    return Cancelled("the sync was cancelled");
  });
  EXPECT_EQ(status.code(), StatusCode::kCancelled);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(S3ClientTest, AHeadErrorIsExplainedByTheServersWords) {
  Server server([](const Server::Request& request, int) {
    if (request.method == "HEAD") return Server::Answer(404, "");
    return Server::Answer(404, "<Error><Code>NoSuchBucket</Code></Error>");
  });
  Status status = S3Client(OptionsFor(server)).HeadObject("missing", "k").status();
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_NE(status.message().find("bucket 'missing' does not exist"), std::string::npos)
      << status.message();
}

TEST_F(S3ClientTest, AByteSourceReadsRangesOfTheObject) {
  const std::string whole = "0123456789";
  Server server([&](const Server::Request& request, int) {
    if (request.method == "HEAD") {
      return std::string(
          "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nETag: \"e\"\r\nConnection: close\r\n\r\n");
    }
    return Server::Answer(206, whole.substr(3, 4));
  });
  auto source = S3Client(OptionsFor(server)).OpenByteSource("b", "dir/k.parquet");
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  EXPECT_EQ((*source)->name(), server.endpoint() + "/b/dir/k.parquet");
  EXPECT_EQ(*(*source)->Size(), 10u);
  std::string out;
  ASSERT_TRUE((*source)->ReadAt(3, 4, &out).ok());
  EXPECT_EQ(out, "3456");
  EXPECT_EQ(server.requests().back().Header("range"), "bytes=3-6");
  Status past_end = (*source)->ReadAt(8, 4, &out);
  EXPECT_EQ(past_end.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(past_end.message().find("/b/dir/k.parquet"), std::string::npos);
}

TEST_F(S3ClientTest, PrivateAddressesAreRefusedWhenAsked) {
  Server server([](const Server::Request&, int) { return Server::Answer(200, "secret"); });
  S3ClientOptions options = OptionsFor(server);
  options.deny_private_networks = true;
  Status status = S3Client(options).GetObject("b", "k").status();
  EXPECT_EQ(status.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(status.message().find("127.0.0.1"), std::string::npos) << status.message();
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(S3ClientTest, PresignsGetUrls) {
  S3ClientOptions options;
  options.endpoint = "https://s3.amazonaws.com";
  options.virtual_host = true;
  options.credentials = {.access_key_id = "AKIAIOSFODNN7EXAMPLE",
                         .secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};
  options.clock = &clock_;
  EXPECT_EQ(S3Client(options).PresignGetUrl("examplebucket", "test.txt", 86400),
            "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&"
            "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&"
            "X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&"
            "X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

}  // namespace
}  // namespace larder::sources
