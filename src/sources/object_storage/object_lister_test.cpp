#include "sources/object_storage/object_lister.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "sources/object_storage/test_http_server.h"

namespace larder::sources {
namespace {

namespace fs = std::filesystem;

class ObjectListerLocalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "larder-lister-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    base_ = fs::canonical(pattern).string();
    root_ = base_ + "/root";
    outside_ = base_ + "/outside";
    fs::create_directories(root_ + "/2024/jan");
    fs::create_directories(root_ + "/2025");
    fs::create_directories(outside_);
    Write(root_ + "/top.csv", "t\n");
    Write(root_ + "/2024/a.csv", "a,b\n1,2\n");
    Write(root_ + "/2024/b.json", "{}\n");
    Write(root_ + "/2024/jan/c.csv", "c\n");
    Write(root_ + "/2025/d.csv", "dd\n");
    Write(outside_ + "/secret.csv", "password\n");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const std::string& path, const std::string& contents) {
    std::ofstream(path, std::ios::binary) << contents;
  }

  ObjectUrl Url(const std::string& pattern) {
    Result<ObjectUrl> url = ParseObjectUrl("file://" + pattern);
    EXPECT_TRUE(url.ok()) << url.status().ToString();
    return url.ok() ? *url : ObjectUrl{};
  }

  std::vector<std::string> Keys(const std::string& pattern, const ObjectAccess& access = {}) {
    Result<std::vector<ObjectInfo>> objects = ListMatchingObjects(Url(pattern), access);
    EXPECT_TRUE(objects.ok()) << pattern << ": " << objects.status().ToString();
    std::vector<std::string> keys;
    if (!objects.ok()) return keys;
    for (const ObjectInfo& object : *objects) keys.push_back(object.key.substr(root_.size()));
    return keys;
  }

  ObjectAccess Confined() { return {.file_roots = std::vector<std::string>{root_}}; }

  std::string base_;
  std::string root_;
  std::string outside_;
};

TEST_F(ObjectListerLocalTest, ListsTheFilesAPatternMatchesInKeyOrder) {
  using Keys_ = std::vector<std::string>;
  EXPECT_EQ(Keys(root_ + "/**/*.csv"),
            (Keys_{"/2024/a.csv", "/2024/jan/c.csv", "/2025/d.csv", "/top.csv"}));
  EXPECT_EQ(Keys(root_ + "/*/*.csv"), (Keys_{"/2024/a.csv", "/2025/d.csv"}));
  EXPECT_EQ(Keys(root_ + "/{2024,2025}/*.{csv,json}"),
            (Keys_{"/2024/a.csv", "/2024/b.json", "/2025/d.csv"}));
  EXPECT_EQ(Keys(root_ + "/2024/"), (Keys_{"/2024/a.csv", "/2024/b.json", "/2024/jan/c.csv"}));
  EXPECT_EQ(Keys(root_ + "/2024/a.csv"), (Keys_{"/2024/a.csv"}));
  EXPECT_EQ(Keys(root_ + "/2024/none.csv"), Keys_{});
}

TEST_F(ObjectListerLocalTest, ReportsSizesAndAnETagThatChangesWithTheFile) {
  auto first = ListMatchingObjects(Url(root_ + "/2024/a.csv"), {});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].size, 8u);
  EXPECT_GT((*first)[0].last_modified_micros, 0);
  Write(root_ + "/2024/a.csv", "a,b\n1,2\n3,4\n");
  auto second = ListMatchingObjects(Url(root_ + "/2024/a.csv"), {});
  ASSERT_TRUE(second.ok());
  EXPECT_NE((*first)[0].etag, (*second)[0].etag);
}

TEST_F(ObjectListerLocalTest, AMissingFolderIsNotFound) {
  Result<std::vector<ObjectInfo>> objects = ListMatchingObjects(Url(root_ + "/nope/*.csv"), {});
  EXPECT_EQ(objects.status().code(), StatusCode::kNotFound);
  EXPECT_NE(objects.status().message().find(root_ + "/nope/"), std::string::npos);
}

TEST_F(ObjectListerLocalTest, FileRootsConfinePatterns) {
  struct Case {
    std::string pattern;
    std::vector<std::string> roots;
    StatusCode code;
    std::string message_part;
  };
  const Case cases[] = {
      {root_ + "/**/*.csv", {root_}, StatusCode::kOk, ""},
      {root_ + "/2024/*.csv", {outside_, root_ + "/2024"}, StatusCode::kOk, ""},
      {root_ + "/**/*.csv", {}, StatusCode::kPermissionDenied, "--file-root"},
      {outside_ + "/*.csv",
       {root_},
       StatusCode::kPermissionDenied,
       "outside the folders this server may read"},
      {base_ + "/**/*.csv", {root_}, StatusCode::kPermissionDenied, "outside the folders"},
      {root_ + "/../outside/*.csv", {root_}, StatusCode::kPermissionDenied, "'..'"},
      {root_ + "/2024/../../outside/*.csv", {root_}, StatusCode::kPermissionDenied, "'..'"},
      {"/etc/passwd", {root_}, StatusCode::kPermissionDenied, "outside the folders"},
      {root_ + "/missing/*.csv", {root_}, StatusCode::kNotFound, "does not exist"},
      {root_ + "x/*.csv", {root_}, StatusCode::kNotFound, "does not exist"},
  };
  for (const Case& test : cases) {
    Status status = CheckFileRoots(Url(test.pattern), test.roots);
    EXPECT_EQ(status.code(), test.code) << test.pattern << ": " << status.ToString();
    EXPECT_NE(status.message().find(test.message_part), std::string::npos)
        << test.pattern << ": " << status.message();
  }
  // Patterns for buckets are not files.
  EXPECT_TRUE(CheckFileRoots(*ParseObjectUrl("s3://b/x.csv"), {}).ok());
}

TEST_F(ObjectListerLocalTest, ASymlinkedFileLeavingTheRootIsRefusedByName) {
  fs::create_symlink(outside_ + "/secret.csv", root_ + "/2025/link.csv");
  Result<std::vector<ObjectInfo>> confined =
      ListMatchingObjects(Url(root_ + "/**/*.csv"), Confined());
  ASSERT_FALSE(confined.ok());
  EXPECT_EQ(confined.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(confined.status().message().find(root_ +
                                             "/2025/link.csv leads (through a symbolic "
                                             "link) to " +
                                             outside_ + "/secret.csv"),
            std::string::npos)
      << confined.status().message();
  // The embedded CLI reads what its user can.
  EXPECT_EQ(Keys(root_ + "/2025/*.csv"),
            (std::vector<std::string>{"/2025/d.csv", "/2025/link.csv"}));
}

TEST_F(ObjectListerLocalTest, ASymlinkedFolderLeavingTheRootIsRefused) {
  fs::create_directory_symlink(outside_, root_ + "/2024/elsewhere");
  Status status = ListMatchingObjects(Url(root_ + "/**/*.csv"), Confined()).status();
  EXPECT_EQ(status.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(status.message().find("elsewhere"), std::string::npos) << status.message();
  // A pattern that cannot reach into it still lists.
  EXPECT_TRUE(ListMatchingObjects(Url(root_ + "/2025/*.csv"), Confined()).ok());
  // A start folder that is a link leading out is refused before any listing.
  Status start = CheckFileRoots(Url(root_ + "/2024/elsewhere/*.csv"), {root_});
  EXPECT_EQ(start.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(start.message().find("symbolic link"), std::string::npos) << start.message();
}

TEST_F(ObjectListerLocalTest, SymlinksInsideTheRootAreFollowedOnceWithoutLooping) {
  fs::create_directory_symlink(root_ + "/2024", root_ + "/2025/again");
  fs::create_directory_symlink(root_, root_ + "/2024/jan/loop");
  Result<std::vector<ObjectInfo>> objects =
      ListMatchingObjects(Url(root_ + "/**/*.json"), Confined());
  ASSERT_TRUE(objects.ok()) << objects.status().ToString();
  EXPECT_EQ(objects->size(), 1u);  // b.json, reached once although three paths lead to it.
}

TEST_F(ObjectListerLocalTest, OpensAndStreamsListedFilesWithinTheRoots) {
  ObjectUrl url = Url(root_ + "/2024/a.csv");
  Result<std::vector<ObjectInfo>> objects = ListMatchingObjects(url, Confined());
  ASSERT_TRUE(objects.ok());
  auto source = OpenListedObject(url, objects->at(0), Confined());
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  std::string bytes;
  ASSERT_TRUE((*source)->ReadAt(4, 3, &bytes).ok());
  EXPECT_EQ(bytes, "1,2");
  std::string streamed;
  ASSERT_TRUE(StreamListedObject(url, objects->at(0), Confined(), [&](std::string_view piece) {
                streamed.append(piece);
                return Status::OK();
              }).ok());
  EXPECT_EQ(streamed, "a,b\n1,2\n");
  // Swapped for a link leading out after the listing: refused at open.
  fs::remove(root_ + "/2024/a.csv");
  fs::create_symlink(outside_ + "/secret.csv", root_ + "/2024/a.csv");
  EXPECT_EQ(OpenListedObject(url, objects->at(0), Confined()).status().code(),
            StatusCode::kPermissionDenied);
}

TEST(ObjectListerBucketTest, ListsTheLongestLiteralPrefixAndFiltersByTheGlob) {
  TestHttpServer server([](const TestHttpServer::Request&, int) {
    return TestHttpServer::Answer(
        200,
        "<ListBucketResult><IsTruncated>false</IsTruncated>"
        "<Contents><Key>logs/2024-01/</Key><Size>0</Size></Contents>"
        "<Contents><Key>logs/2024-01/a.csv</Key><Size>3</Size><ETag>\"x\"</ETag></Contents>"
        "<Contents><Key>logs/2024-01/b.json</Key><Size>3</Size></Contents>"
        "<Contents><Key>logs/2024-02/deep/c.csv</Key><Size>3</Size></Contents>"
        "</ListBucketResult>");
  });
  Result<ObjectUrl> url = ParseObjectUrl(server.endpoint() + "/bucket/logs/2024-*/*.csv");
  ASSERT_TRUE(url.ok());
  ObjectAccess access{.max_keys_per_page = 7};
  Result<std::vector<ObjectInfo>> objects = ListMatchingObjects(*url, access);
  ASSERT_TRUE(objects.ok()) << objects.status().ToString();
  ASSERT_EQ(objects->size(), 1u);
  EXPECT_EQ(objects->at(0).key, "logs/2024-01/a.csv");
  EXPECT_EQ(objects->at(0).etag, "x");
  EXPECT_EQ(server.requests().at(0).target,
            "/bucket?encoding-type=url&list-type=2&max-keys=7&prefix=logs%2F2024-");
}

}  // namespace
}  // namespace larder::sources
