// Integration tests of the object-storage client and lister against a real S3 server: s3rver,
// which tests/objects/run.sh starts with AWS Signature Version 4 checked in front of it and names
// in LARDER_TEST_S3_ENDPOINT ("http://127.0.0.1:PORT", bucket LARDER_TEST_S3_BUCKET, access key
// and secret S3RVER / S3RVER). Without the variable every test fails: run them through that
// script.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "sources/object_storage/object_lister.h"
#include "sources/object_storage/s3_client.h"
#include "sources/object_storage/test_http_server.h"

namespace larder::sources {
namespace {

constexpr const char* kEndpointVariable = "LARDER_TEST_S3_ENDPOINT";
constexpr const char* kBucketVariable = "LARDER_TEST_S3_BUCKET";

class S3ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* endpoint = std::getenv(kEndpointVariable);
    const char* bucket = std::getenv(kBucketVariable);
    ASSERT_TRUE(endpoint != nullptr && *endpoint != '\0' && bucket != nullptr && *bucket != '\0')
        << kEndpointVariable << " and " << kBucketVariable
        << " are not set: run these tests with tests/objects/run.sh, which starts s3rver for them";
    endpoint_ = endpoint;
    bucket_ = bucket;
    // Every test writes under its own prefix, so tests see only their own objects.
    prefix_ = std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "/";
  }

  S3ClientOptions Options(const std::string& secret = "S3RVER") const {
    S3ClientOptions options;
    options.provider = ObjectStoreProvider::kS3Compatible;
    options.endpoint = endpoint_;
    options.credentials = {.access_key_id = "S3RVER", .secret_access_key = secret};
    options.first_backoff = std::chrono::milliseconds(10);
    return options;
  }
  S3Client Client() const { return S3Client(Options()); }

  void Put(const std::string& key, const std::string& body) {
    Status status = Client().PutObject(bucket_, prefix_ + key, body);
    ASSERT_TRUE(status.ok()) << key << ": " << status.ToString();
  }

  std::string endpoint_;
  std::string bucket_;
  std::string prefix_;
};

std::string Pattern(size_t size) {
  std::string bytes(size, '\0');
  uint64_t state = 88172645463325252ULL;
  for (char& byte : bytes) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    byte = static_cast<char>(state);
  }
  return bytes;
}

TEST_F(S3ServerTest, PutsHeadsAndGetsAnObject) {
  Put("dir/hello world.csv", "a,b\n1,2\n");
  Result<ObjectInfo> head = Client().HeadObject(bucket_, prefix_ + "dir/hello world.csv");
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ(head->size, 8u);
  EXPECT_EQ(head->etag, "e5ebd4c02cefbe7955977c67ada242b7");  // MD5 of the body.
  EXPECT_GT(head->last_modified_micros, 0);
  Result<std::string> body = Client().GetObject(bucket_, prefix_ + "dir/hello world.csv");
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, "a,b\n1,2\n");
}

TEST_F(S3ServerTest, ListsPageByPageWithContinuationTokens) {
  for (int idx = 0; idx < 25; ++idx) Put(fmt::format("k{:02}.csv", idx), "x");
  Put("zz/other.json", "{}");
  int pages = 0;
  std::string token;
  std::vector<std::string> keys;
  do {
    Result<ObjectListPage> page = Client().ListObjectsPage(bucket_, prefix_ + "k", token, 7);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    ++pages;
    for (const ObjectInfo& object : page->objects) keys.push_back(object.key);
    token = page->next_continuation_token;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 4);
  ASSERT_EQ(keys.size(), 25u);
  EXPECT_EQ(keys.front(), prefix_ + "k00.csv");
  EXPECT_EQ(keys.back(), prefix_ + "k24.csv");
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
}

TEST_F(S3ServerTest, ListsMoreThanAThousandObjects) {
  for (int idx = 0; idx < 1003; ++idx) Put(fmt::format("{:04}", idx), "");
  std::vector<ObjectInfo> objects;
  Status status = Client().ListObjects(bucket_, prefix_, [&](ObjectInfo object) {
    objects.push_back(std::move(object));
    return Status::OK();
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(objects.size(), 1003u);
  EXPECT_EQ(objects[1002].key, prefix_ + "1002");
  EXPECT_EQ(objects[1002].size, 0u);
}

TEST_F(S3ServerTest, ReadsRangesAndByteSources) {
  const std::string bytes = Pattern(100000);
  Put("blob.bin", bytes);
  Result<std::string> range = Client().GetObjectRange(bucket_, prefix_ + "blob.bin", 99990, 10);
  ASSERT_TRUE(range.ok()) << range.status().ToString();
  EXPECT_EQ(*range, bytes.substr(99990, 10));

  auto source = Client().OpenByteSource(bucket_, prefix_ + "blob.bin");
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  EXPECT_EQ(*(*source)->Size(), 100000u);
  std::string out;
  ASSERT_TRUE((*source)->ReadAt(12345, 5000, &out).ok());
  EXPECT_EQ(out, bytes.substr(12345, 5000));
  EXPECT_EQ((*source)->ReadAt(99999, 2, &out).code(), StatusCode::kInvalidArgument);
}

TEST_F(S3ServerTest, StreamsALargeObjectInBoundedPieces) {
  const std::string bytes = Pattern(24 << 20);
  Put("large.bin", bytes);
  size_t received = 0;
  size_t largest_piece = 0;
  bool same = true;
  Status status =
      Client().StreamObject(bucket_, prefix_ + "large.bin", [&](std::string_view piece) {
        same = same && bytes.compare(received, piece.size(), piece) == 0;
        received += piece.size();
        largest_piece = std::max(largest_piece, piece.size());
        return Status::OK();
      });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(received, bytes.size());
  EXPECT_TRUE(same);
  EXPECT_LE(largest_piece, 1u << 20) << "pieces should be small, whatever the object's size";
}

TEST_F(S3ServerTest, AMissingBucketOrKeyIsNotFoundByName) {
  Status no_bucket = Client().GetObject("no-such-bucket", "k").status();
  EXPECT_EQ(no_bucket.code(), StatusCode::kNotFound);
  EXPECT_NE(no_bucket.message().find("bucket 'no-such-bucket' does not exist"), std::string::npos)
      << no_bucket.message();
  Status no_key = Client().GetObject(bucket_, prefix_ + "missing.csv").status();
  EXPECT_EQ(no_key.code(), StatusCode::kNotFound);
  EXPECT_NE(no_key.message().find(endpoint_ + "/" + bucket_ + "/" + prefix_ +
                                  "missing.csv does not exist"),
            std::string::npos)
      << no_key.message();
  Status head = Client().HeadObject(bucket_, prefix_ + "missing.csv").status();
  EXPECT_EQ(head.code(), StatusCode::kNotFound) << head.ToString();
  Status listing =
      Client().ListObjects("no-such-bucket", "", [](ObjectInfo) { return Status::OK(); });
  EXPECT_EQ(listing.code(), StatusCode::kNotFound);
  EXPECT_NE(listing.message().find("bucket 'no-such-bucket'"), std::string::npos);
}

// s3rver 3.7.1 checks the access key ID of a Signature Version 4 request but not its signature;
// the signature is checked by tests/objects/s3_server.mjs in front of it, which answers 403
// SignatureDoesNotMatch as S3 does.
TEST_F(S3ServerTest, AWrongSecretOrKeyIsUnauthenticated) {
  Put("a.csv", "1");
  Status wrong_secret =
      S3Client(Options("not-the-secret")).GetObject(bucket_, prefix_ + "a.csv").status();
  EXPECT_EQ(wrong_secret.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(
      wrong_secret.message().find("the access key or secret is wrong for bucket '" + bucket_ + "'"),
      std::string::npos)
      << wrong_secret.message();
  S3ClientOptions wrong_key = Options();
  wrong_key.credentials.access_key_id = "NOBODY";
  Status unknown_key = S3Client(wrong_key).GetObject(bucket_, prefix_ + "a.csv").status();
  EXPECT_EQ(unknown_key.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(unknown_key.message().find("InvalidAccessKeyId"), std::string::npos)
      << unknown_key.message();
}

TEST_F(S3ServerTest, APresignedUrlReadsTheObjectUntilTampered) {
  Put("shared.csv", "shared\n");
  const std::string url = Client().PresignGetUrl(bucket_, prefix_ + "shared.csv", 600);
  Result<IncomingResponse> response = SendHttpRequest({.url = url});
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200) << response->body;
  EXPECT_EQ(response->body, "shared\n");
  std::string tampered = url;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  Result<IncomingResponse> refused = SendHttpRequest({.url = tampered});
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, 403);
}

// A stand-in in front of s3rver answers 503 twice, then passes the (signed) request on.
TEST_F(S3ServerTest, RetriesTwo503sThenReadsFromTheServer) {
  Put("flaky.csv", "steady\n");
  const std::string upstream = endpoint_;
  TestHttpServer flaky([&](const TestHttpServer::Request& request, int idx) {
    if (idx < 2) {
      return TestHttpServer::Answer(503, "<Error><Code>SlowDown</Code></Error>");
    }
    OutgoingRequest forward{.method = request.method, .url = upstream + request.target};
    for (const auto& [name, value] : request.headers) {
      if (name != "content-length") forward.headers.emplace_back(name, value);
    }
    Result<IncomingResponse> answer = SendHttpRequest(forward);
    if (!answer.ok()) return TestHttpServer::Answer(502, answer.status().message());
    return TestHttpServer::Answer(answer->status, answer->body);
  });
  std::vector<int64_t> waits;
  S3ClientOptions options = Options();
  options.endpoint = flaky.endpoint();
  options.sleep = [&](std::chrono::milliseconds delay) { waits.push_back(delay.count()); };
  Result<std::string> body = S3Client(options).GetObject(bucket_, prefix_ + "flaky.csv");
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, "steady\n");
  EXPECT_EQ(flaky.requests().size(), 3u);
  EXPECT_EQ(waits, (std::vector<int64_t>{10, 20}));
}

class ObjectListerServerTest : public S3ServerTest {
 protected:
  // The same tree in the bucket and in a local folder.
  void MakeTree(const std::string& folder) {
    const std::pair<std::string, std::string> files[] = {
        {"events/2024-01/a.csv", "id\n1\n"}, {"events/2024-02/b.csv", "id\n2\n3\n"},
        {"events/2024-02/c.json", "{}\n"},   {"events/2024-02/deep/d.csv", "id\n4\n"},
        {"events/other.csv", "id\n5\n"},
    };
    for (const auto& [key, body] : files) {
      Put(key, body);
      std::filesystem::create_directories(std::filesystem::path(folder + key).parent_path());
      std::ofstream(folder + key, std::ios::binary) << body;
    }
  }

  // Keys relative to the pattern's base, with what each object holds.
  std::vector<std::pair<std::string, std::string>> ListAndRead(const std::string& url_text,
                                                               const std::string& base,
                                                               const ObjectAccess& access) {
    std::vector<std::pair<std::string, std::string>> found;
    Result<ObjectUrl> url = ParseObjectUrl(url_text, {.endpoint = endpoint_});
    EXPECT_TRUE(url.ok()) << url.status().ToString();
    if (!url.ok()) return found;
    Result<std::vector<ObjectInfo>> objects = ListMatchingObjects(*url, access);
    EXPECT_TRUE(objects.ok()) << url_text << ": " << objects.status().ToString();
    if (!objects.ok()) return found;
    for (const ObjectInfo& object : *objects) {
      std::string streamed;
      Status status = StreamListedObject(*url, object, access, [&](std::string_view piece) {
        streamed.append(piece);
        return Status::OK();
      });
      EXPECT_TRUE(status.ok()) << status.ToString();
      auto source = OpenListedObject(*url, object, access);
      EXPECT_TRUE(source.ok()) << source.status().ToString();
      std::string ranged;
      if (source.ok() && object.size > 0) {
        EXPECT_TRUE((*source)->ReadAt(0, object.size, &ranged).ok());
      }
      EXPECT_EQ(streamed, ranged) << object.key;
      found.emplace_back(object.key.substr(base.size()), streamed);
    }
    return found;
  }
};

TEST_F(ObjectListerServerTest, BucketsAndFoldersMatchTheSameObjects) {
  std::string folder = (std::filesystem::temp_directory_path() / "larder-objects-XXXXXX").string();
  ASSERT_NE(mkdtemp(folder.data()), nullptr);
  folder += "/";
  MakeTree(folder);
  ObjectAccess access{.credentials = {.access_key_id = "S3RVER", .secret_access_key = "S3RVER"},
                      .max_keys_per_page = 2};
  using Found = std::vector<std::pair<std::string, std::string>>;
  const Found csv_by_month = {{"events/2024-01/a.csv", "id\n1\n"},
                              {"events/2024-02/b.csv", "id\n2\n3\n"}};
  const Found every_csv = {{"events/2024-01/a.csv", "id\n1\n"},
                           {"events/2024-02/b.csv", "id\n2\n3\n"},
                           {"events/2024-02/deep/d.csv", "id\n4\n"},
                           {"events/other.csv", "id\n5\n"}};
  const std::string bucket_base = "s3://" + bucket_ + "/" + prefix_;
  EXPECT_EQ(ListAndRead(bucket_base + "events/2024-*/*.csv", prefix_, access), csv_by_month);
  EXPECT_EQ(ListAndRead(bucket_base + "events/**/*.csv", prefix_, access), every_csv);
  EXPECT_EQ(ListAndRead(endpoint_ + "/" + bucket_ + "/" + prefix_ + "events/2024-0[1-2]/*.csv",
                        prefix_, access),
            csv_by_month);
  EXPECT_EQ(ListAndRead("file://" + folder + "events/2024-*/*.csv", folder, access), csv_by_month);
  EXPECT_EQ(ListAndRead("file://" + folder + "events/**/*.csv", folder, access), every_csv);
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace larder::sources
