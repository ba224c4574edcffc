#include "server/static_route.h"

#include <gtest/gtest.h>

#include "common/memory_file_system.h"

namespace larder::server {
namespace {

class StaticRouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs_.CreateDirs("/ui/assets").ok());
    ASSERT_TRUE(fs_.CreateDirs("/secret").ok());
    Write("/ui/index.html", "<!doctype html><title>Larder</title>");
    Write("/ui/assets/index-1a2b3c.js", "console.log(1)");
    Write("/ui/assets/index-1a2b3c.css", "body{}");
    Write("/ui/favicon.svg", "<svg/>");
    Write("/ui/.env", "hidden");
    Write("/secret/key", "do-not-serve");
  }
  void Write(const std::string& path, std::string_view data) {
    ASSERT_TRUE(fs_.WriteFileAtomically(path, data).ok()) << path;
  }
  // The response to `method path`, and whether the UI answered it.
  std::pair<bool, HttpResponse> Get(const std::string& path, const std::string& method = "GET",
                                    const std::string& ui_dir = "/ui") {
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.target = path;
    HttpResponse response;
    bool answered = ServeUiFile(fs_, ui_dir, request, &response);
    return {answered, response};
  }
  static std::string Header(const HttpResponse& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
      if (key == name) return value;
    }
    return "";
  }

  MemoryFileSystem fs_;
};

TEST_F(StaticRouteTest, ServesFilesWithTheirContentTypeAndCaching) {
  struct Case {
    std::string path;
    std::string body;
    std::string content_type;
    std::string cache_control;
  };
  const Case cases[] = {
      {"/", "<!doctype html><title>Larder</title>", "text/html; charset=utf-8", "no-cache"},
      {"/index.html", "<!doctype html><title>Larder</title>", "text/html; charset=utf-8",
       "no-cache"},
      {"/assets/index-1a2b3c.js", "console.log(1)", "text/javascript; charset=utf-8",
       "public, max-age=31536000, immutable"},
      {"/assets/index-1a2b3c.css", "body{}", "text/css; charset=utf-8",
       "public, max-age=31536000, immutable"},
      {"/favicon.svg", "<svg/>", "image/svg+xml", "no-cache"},
      {"/assets//index-1a2b3c.js", "console.log(1)", "text/javascript; charset=utf-8",
       "public, max-age=31536000, immutable"},
      {"/assets/index%2D1a2b3c.js", "console.log(1)", "text/javascript; charset=utf-8",
       "public, max-age=31536000, immutable"},
  };
  for (const Case& c : cases) {
    auto [answered, response] = Get(c.path);
    ASSERT_TRUE(answered) << c.path;
    EXPECT_EQ(response.status, 200) << c.path;
    EXPECT_EQ(response.body, c.body) << c.path;
    EXPECT_EQ(response.content_type, c.content_type) << c.path;
    EXPECT_EQ(Header(response, "Cache-Control"), c.cache_control) << c.path;
    EXPECT_EQ(Header(response, "X-Content-Type-Options"), "nosniff") << c.path;
  }
}

TEST_F(StaticRouteTest, GzipCopiesGoToClientsThatAcceptGzip) {
  Write("/ui/assets/index-1a2b3c.js.gz", "gzip bytes");
  struct Case {
    std::string accept_encoding;
    bool gzip;
  };
  const Case cases[] = {{"gzip, deflate, br", true},
                        {"br;q=1.0, gzip;q=0.8", true},
                        {"", false},
                        {"br", false},
                        {"gzip;q=0", false},
                        {"gzip;q=0.5", true}};
  for (const Case& c : cases) {
    HttpRequest request;
    request.method = "GET";
    request.path = "/assets/index-1a2b3c.js";
    if (!c.accept_encoding.empty())
      request.headers.push_back({"accept-encoding", c.accept_encoding});
    HttpResponse response;
    ASSERT_TRUE(ServeUiFile(fs_, "/ui", request, &response));
    EXPECT_EQ(response.body, c.gzip ? "gzip bytes" : "console.log(1)") << c.accept_encoding;
    EXPECT_EQ(Header(response, "Content-Encoding"), c.gzip ? "gzip" : "") << c.accept_encoding;
    EXPECT_EQ(Header(response, "Vary"), "Accept-Encoding");
    EXPECT_EQ(response.content_type, "text/javascript; charset=utf-8");
  }
  // A file without a gzip copy is sent as it is, with no Vary.
  auto [answered, response] = Get("/favicon.svg");
  EXPECT_EQ(Header(response, "Vary"), "");
}

TEST_F(StaticRouteTest, PagesOfTheUiGetIndexHtmlWithASecurityPolicy) {
  for (std::string path : {"/sql", "/warehouse/new", "/tables/", "/sign-in?next=/sql"}) {
    path = path.substr(0, path.find('?'));
    auto [answered, response] = Get(path);
    ASSERT_TRUE(answered) << path;
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.body, "<!doctype html><title>Larder</title>") << path;
    EXPECT_NE(Header(response, "Content-Security-Policy").find("default-src 'self'"),
              std::string::npos);
  }
}

TEST_F(StaticRouteTest, MissingFilesAndPathsOutsideTheFolderAre404) {
  for (const std::string path :
       {"/assets/gone-123.js", "/robots.txt", "/../secret/key", "/assets/../../secret/key",
        "/%2e%2e/secret/key", "/%2E%2E%2Fsecret%2Fkey", "/.env", "/assets/%00.js",
        "/assets\\..\\..\\secret\\key", "/bad%zzescape", "/%"}) {
    auto [answered, response] = Get(path);
    ASSERT_TRUE(answered) << path;
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(response.body.find("do-not-serve"), std::string::npos) << path;
    EXPECT_EQ(response.body.find("hidden"), std::string::npos) << path;
  }
}

TEST_F(StaticRouteTest, LeavesApiPathsAndOtherMethodsToTheCaller) {
  EXPECT_FALSE(Get("/api/projects/1/query/").first);
  EXPECT_FALSE(Get("/api").first);
  EXPECT_FALSE(Get("/", "POST").first);
  EXPECT_FALSE(Get("/sql", "DELETE").first);
  auto [answered, response] = Get("/assets/index-1a2b3c.js", "HEAD");
  EXPECT_TRUE(answered);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/javascript; charset=utf-8");
}

TEST_F(StaticRouteTest, AMissingUiSaysHowToBuildIt) {
  for (const std::string ui_dir : {"/nowhere", "/secret"}) {
    auto [answered, response] = Get("/", "GET", ui_dir);
    ASSERT_TRUE(answered);
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
    EXPECT_NE(response.body.find("web UI is not built"), std::string::npos);
    EXPECT_NE(response.body.find(ui_dir), std::string::npos);
    EXPECT_NE(response.body.find("--ui-dir"), std::string::npos);
  }
}

TEST(UiRelativePathTest, NormalisesAndRefuses) {
  struct Case {
    std::string path;
    std::string relative;  // "!" when refused.
  };
  const Case cases[] = {
      {"/", ""},
      {"", ""},
      {"/a/b.js", "a/b.js"},
      {"//a///b.js", "a/b.js"},
      {"/a%20b.txt", "a b.txt"},
      {"/a/../b", "!"},
      {"/./a", "!"},
      {"/a/.hidden", "!"},
      {"/%2e%2e%2f", "!"},
      {"/a%5c..", "!"},
      {"/a%00", "!"},
      {"/a%4", "!"},
  };
  for (const Case& c : cases) {
    Result<std::string> relative = UiRelativePath(c.path);
    if (c.relative == "!") {
      EXPECT_FALSE(relative.ok()) << c.path;
    } else {
      ASSERT_TRUE(relative.ok()) << c.path;
      EXPECT_EQ(*relative, c.relative) << c.path;
    }
  }
}

TEST(UiContentTypeTest, KnownAndUnknownExtensions) {
  EXPECT_EQ(UiContentType("a/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(UiContentType("x.woff2"), "font/woff2");
  EXPECT_EQ(UiContentType("x.map"), "application/json");
  EXPECT_EQ(UiContentType("x.bin"), "application/octet-stream");
  EXPECT_EQ(UiContentType("Makefile"), "application/octet-stream");
}

}  // namespace
}  // namespace larder::server
