#include "common/http_client.h"

#include <gtest/gtest.h>

namespace larder {
namespace {

TEST(HttpClientTest, RefusesUrlsThatAreNotHttp) {
  for (std::string url : {"ftp://127.0.0.1/x", "file:///etc/passwd", "127.0.0.1:80/x", ""}) {
    Status status = SendHttpRequest({.url = url}).status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << url;
  }
}

TEST(HttpClientTest, AnUnreachablePortIsUnavailableAndNamesTheUrl) {
  Status status = SendHttpRequest({.method = "POST", .url = "http://127.0.0.1:1/hook"}).status();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_NE(status.message().find("POST http://127.0.0.1:1/hook"), std::string::npos)
      << status.message();
}

}  // namespace
}  // namespace larder
