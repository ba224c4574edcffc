#include "server/http_parser.h"

#include <gtest/gtest.h>

namespace larder::server {
namespace {

TEST(HttpParserTest, ParsesRequestLineHeadersAndKeepAlive) {
  HttpRequest request;
  auto error = ParseRequestHead(
      "POST /batch/?compression=gzip-js&ver=1 HTTP/1.1\r\nHost: x\r\nContent-Type:  "
      "application/json \r\nX-Two: a\r\nx-two: b",
      &request);
  ASSERT_FALSE(error) << error->detail;
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/batch/");
  EXPECT_EQ(request.query_string, "compression=gzip-js&ver=1");
  EXPECT_EQ(request.Header("content-type"), "application/json");
  EXPECT_EQ(request.Header("x-two"), "a");
  EXPECT_TRUE(request.keep_alive);
}

TEST(HttpParserTest, ConnectionHeaderDecidesKeepAlive) {
  struct Case {
    std::string head;
    bool keep_alive;
  };
  for (const Case& c : std::vector<Case>{
           {"GET / HTTP/1.1\r\nConnection: close", false},
           {"GET / HTTP/1.1\r\nConnection: Keep-Alive, Upgrade", true},
           {"GET / HTTP/1.0", false},
           {"GET / HTTP/1.0\r\nConnection: keep-alive", true},
       }) {
    HttpRequest request;
    ASSERT_FALSE(ParseRequestHead(c.head, &request)) << c.head;
    EXPECT_EQ(request.keep_alive, c.keep_alive) << c.head;
  }
}

TEST(HttpParserTest, MalformedHeadsAreRefusedWithTheRightStatus) {
  struct Case {
    std::string head;
    int status;
    std::string code;
  };
  for (const Case& c : std::vector<Case>{
           {"GET", 400, "bad_request_line"},
           {"GET /", 400, "bad_request_line"},
           {"GET / HTTP/2.0", 505, "http_version_not_supported"},
           {"G(T / HTTP/1.1", 400, "bad_request_line"},
           {"GET / HTTP/1.1\r\nno colon here", 400, "bad_header"},
           {"GET / HTTP/1.1\r\nBad Name: x", 400, "bad_header"},
       }) {
    HttpRequest request;
    auto error = ParseRequestHead(c.head, &request);
    ASSERT_TRUE(error) << c.head;
    EXPECT_EQ(error->status, c.status) << c.head;
    EXPECT_EQ(error->code, c.code) << c.head;
  }
}

TEST(HttpParserTest, BodyFramingChecksLengthAndEncoding) {
  auto framing_of = [](std::string head, BodyFraming* framing) {
    HttpRequest request;
    EXPECT_FALSE(ParseRequestHead(head, &request));
    return GetBodyFraming(request, 1000, framing);
  };
  BodyFraming framing;
  EXPECT_FALSE(framing_of("POST / HTTP/1.1\r\nContent-Length: 12", &framing));
  EXPECT_EQ(framing.content_length, 12u);
  EXPECT_FALSE(framing_of("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue",
                          &framing));
  EXPECT_TRUE(framing.chunked);
  EXPECT_TRUE(framing.expect_continue);
  auto too_large = framing_of("POST / HTTP/1.1\r\nContent-Length: 1001", &framing);
  ASSERT_TRUE(too_large);
  EXPECT_EQ(too_large->status, 413);
  EXPECT_NE(too_large->detail.find("limit is 1000 bytes"), std::string::npos);
  auto bad_length = framing_of("POST / HTTP/1.1\r\nContent-Length: 12x", &framing);
  ASSERT_TRUE(bad_length);
  EXPECT_EQ(bad_length->status, 400);
  auto gzip_transfer = framing_of("POST / HTTP/1.1\r\nTransfer-Encoding: gzip", &framing);
  ASSERT_TRUE(gzip_transfer);
  EXPECT_EQ(gzip_transfer->status, 501);
}

TEST(HttpParserTest, ChunkedBodiesDecodeAcrossArbitrarySplits) {
  const std::string wire = "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\nNEXT";
  for (size_t split = 0; split <= wire.size(); ++split) {
    ChunkedDecoder decoder(100);
    std::string body, buffer;
    size_t consumed = 0;
    buffer = wire.substr(0, split);
    auto state = decoder.Feed(buffer, &body, &consumed);
    buffer.erase(0, consumed);
    if (state == ChunkedDecoder::State::kDone) {
      buffer += wire.substr(split);
    } else {
      ASSERT_EQ(state, ChunkedDecoder::State::kNeedMore) << split;
      buffer += wire.substr(split);
      state = decoder.Feed(buffer, &body, &consumed);
      buffer.erase(0, consumed);
    }
    ASSERT_EQ(state, ChunkedDecoder::State::kDone) << split;
    EXPECT_EQ(body, "hello, world") << split;
    EXPECT_EQ(buffer, "NEXT") << split;
  }
}

TEST(HttpParserTest, ChunkedErrors) {
  struct Case {
    std::string wire;
    int status;
  };
  for (const Case& c : std::vector<Case>{{"zz\r\n", 400},
                                         {"5\r\nhelloXX\r\n", 400},
                                         {"FFFFFFFF\r\n", 413},
                                         {"60\r\n" + std::string(96, 'a') + "\r\n10\r\n", 413}}) {
    ChunkedDecoder decoder(100);
    std::string body;
    size_t consumed = 0;
    ASSERT_EQ(decoder.Feed(c.wire, &body, &consumed), ChunkedDecoder::State::kError) << c.wire;
    EXPECT_EQ(decoder.error().status, c.status) << c.wire;
  }
}

}  // namespace
}  // namespace larder::server
