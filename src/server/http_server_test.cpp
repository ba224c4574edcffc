#include "server/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

namespace larder::server {
namespace {

// A blocking loopback client speaking raw bytes.
class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }
  void Send(std::string_view bytes) {
    ASSERT_EQ(::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
  }
  // Reads one response (head and a Content-Length body); "" on EOF or timeout.
  std::string ReadResponse() {
    for (;;) {
      size_t head_end = buffer_.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        size_t length_at = buffer_.find("Content-Length: ");
        size_t length = length_at < head_end ? std::stoul(buffer_.substr(length_at + 16)) : 0;
        if (buffer_.size() >= head_end + 4 + length) {
          std::string response = buffer_.substr(0, head_end + 4 + length);
          buffer_.erase(0, response.size());
          return response;
        }
      }
      char chunk[4096];
      ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
      if (n <= 0) return "";
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }
  // True when the server closed the connection.
  bool Closed() {
    char byte;
    return ::recv(fd_, &byte, 1, 0) == 0;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

class HttpServerTest : public ::testing::Test {
 protected:
  void StartServer(HttpServerOptions options = {}) {
    options.port = 0;
    options.workers = 4;
    auto server =
        HttpServer::Start(options, [this](const HttpRequest& request, HttpResponse* response) {
          ++requests_;
          if (request.path == "/slow") std::this_thread::sleep_for(std::chrono::milliseconds(300));
          response->body = request.method + " " + request.target + " " + request.body;
          response->content_type = "text/plain";
        });
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
  }
  std::unique_ptr<HttpServer> server_;
  std::atomic<int> requests_{0};
};

TEST_F(HttpServerTest, KeepAliveAndPipelinedRequestsShareAConnection) {
  StartServer();
  RawClient client(server_->port());
  ASSERT_TRUE(client.connected());
  client.Send("POST /a?x=1 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
  std::string first = client.ReadResponse();
  EXPECT_NE(first.find("HTTP/1.1 200 OK"), std::string::npos) << first;
  EXPECT_NE(first.find("Connection: keep-alive"), std::string::npos);
  EXPECT_TRUE(first.ends_with("POST /a?x=1 abc")) << first;
  client.Send(
      "GET /b HTTP/1.1\r\n\r\nPOST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "2\r\nhi\r\n0\r\n\r\n");
  EXPECT_TRUE(client.ReadResponse().ends_with("GET /b ")) << "second";
  EXPECT_TRUE(client.ReadResponse().ends_with("POST /c hi")) << "third";
  client.Send("GET /d HTTP/1.1\r\nConnection: close\r\n\r\n");
  std::string last = client.ReadResponse();
  EXPECT_NE(last.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(client.Closed());
  EXPECT_EQ(requests_.load(), 4);
}

TEST_F(HttpServerTest, LimitsAnswerWithJsonErrorsAndClose) {
  HttpServerOptions options;
  options.max_body_bytes = 100;
  options.max_header_bytes = 200;
  StartServer(options);
  {
    RawClient client(server_->port());
    client.Send("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n");
    std::string response = client.ReadResponse();
    EXPECT_NE(response.find("HTTP/1.1 413"), std::string::npos) << response;
    EXPECT_NE(response.find(R"("code":"body_too_large")"), std::string::npos) << response;
    EXPECT_TRUE(client.Closed());
  }
  {
    RawClient client(server_->port());
    client.Send("GET / HTTP/1.1\r\nX-Big: " + std::string(300, 'a') + "\r\n\r\n");
    std::string response = client.ReadResponse();
    EXPECT_NE(response.find("HTTP/1.1 431"), std::string::npos) << response;
  }
  {
    RawClient client(server_->port());
    client.Send("NOT HTTP\r\n\r\n");
    EXPECT_NE(client.ReadResponse().find("HTTP/1.1 400"), std::string::npos);
  }
  EXPECT_EQ(requests_.load(), 0);
}

TEST_F(HttpServerTest, ExpectContinueGetsAnInterimResponse) {
  StartServer();
  RawClient client(server_->port());
  client.Send("POST /e HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_NE(client.ReadResponse().find("HTTP/1.1 100 Continue"), std::string::npos);
  client.Send("ok");
  EXPECT_TRUE(client.ReadResponse().ends_with("POST /e ok"));
}

TEST_F(HttpServerTest, ASlowClientTimesOutWithoutBlockingOthers) {
  HttpServerOptions options;
  options.request_timeout = std::chrono::milliseconds(300);
  StartServer(options);
  RawClient slow(server_->port());
  slow.Send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
  RawClient other(server_->port());
  other.Send("GET /fine HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(other.ReadResponse().ends_with("GET /fine "));
  std::string timed_out = slow.ReadResponse();
  EXPECT_NE(timed_out.find("HTTP/1.1 408"), std::string::npos) << timed_out;
}

TEST_F(HttpServerTest, MoreSlowClientsThanWorkersDoNotStallTheServer) {
  StartServer();  // 4 workers.
  std::vector<std::unique_ptr<RawClient>> stalled;
  for (int i = 0; i < 12; ++i) {
    stalled.push_back(std::make_unique<RawClient>(server_->port()));
    stalled.back()->Send(i % 2 ? "POST /s HTTP/1.1\r\nContent-Length: 50\r\n\r\nab"
                               : "GET /half-a-head HTTP/1.1\r\nX-A: ");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto started = std::chrono::steady_clock::now();
  RawClient other(server_->port());
  other.Send("GET /fine HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(other.ReadResponse().ends_with("GET /fine "));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
  // A body that arrives in pieces, with pauses, is still put together.
  RawClient pieces(server_->port());
  pieces.Send("POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  pieces.Send("2\r\nde\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  pieces.Send("0\r\n\r\n");
  EXPECT_TRUE(pieces.ReadResponse().ends_with("POST /p abcde"));
}

TEST_F(HttpServerTest, StopAnswersTheRequestInProgress) {
  StartServer();
  RawClient client(server_->port());
  client.Send("GET /slow HTTP/1.1\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::thread stopper([&] { server_->Stop(); });
  std::string response = client.ReadResponse();
  stopper.join();
  EXPECT_NE(response.find("200 OK"), std::string::npos) << response;
  EXPECT_NE(response.find("Connection: close"), std::string::npos) << response;
  RawClient late(server_->port());
  EXPECT_FALSE(late.connected());
}

}  // namespace
}  // namespace larder::server
