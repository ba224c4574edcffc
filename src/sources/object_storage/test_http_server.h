// TestHttpServer: a scripted HTTP/1.1 server on a loopback port for tests of HTTP clients. Each
// connection carries one request; a handler decides the raw bytes of the answer, so tests can
// send any status, header or XML body, cut a body short, or close without answering.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace larder::sources {

class TestHttpServer {
 public:
  struct Request {
    std::string method;
    std::string target;  // Path and query as sent: "/bucket/key?list-type=2".
    std::vector<std::pair<std::string, std::string>> headers;  // Names in lower case.
    std::string body;

    std::string Header(const std::string& name) const {
      for (const auto& [header, value] : headers) {
        if (header == name) return value;
      }
      return "";
    }
  };
  // Returns the raw answer ("HTTP/1.1 200 OK\r\n…"); "" closes the connection unanswered.
  using Handler = std::function<std::string(const Request& request, int request_idx)>;

  explicit TestHttpServer(Handler handler) : handler_(std::move(handler)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    int reuse = 1;
    setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    listen(listener_, 16);
    socklen_t length = sizeof(address);
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }

  ~TestHttpServer() {
    stopping_ = true;
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    thread_.join();
  }

  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

  std::vector<Request> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

  // A whole answer with a body and the headers given ("Name: value\r\n" each).
  static std::string Answer(int status, const std::string& body, const std::string& headers = "") {
    return "HTTP/1.1 " + std::to_string(status) +
           " Status\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n" + headers + "\r\n" + body;
  }

 private:
  void Serve() {
    while (!stopping_) {
      const int connection = accept(listener_, nullptr, nullptr);
      if (connection < 0) return;
      Request request;
      if (ReadRequest(connection, &request)) {
        int request_idx = 0;
        {
          std::lock_guard<std::mutex> lock(mutex_);
          request_idx = static_cast<int>(requests_.size());
          requests_.push_back(request);
        }
        const std::string answer = handler_(request, request_idx);
        size_t sent = 0;
        while (sent < answer.size()) {
          const ssize_t wrote =
              send(connection, answer.data() + sent, answer.size() - sent, MSG_NOSIGNAL);
          if (wrote <= 0) break;
          sent += static_cast<size_t>(wrote);
        }
      }
      close(connection);
    }
  }

  static bool ReadRequest(int connection, Request* request) {
    std::string data;
    char buffer[4096];
    size_t head_end = std::string::npos;
    while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
      const ssize_t got = recv(connection, buffer, sizeof(buffer), 0);
      if (got <= 0) return false;
      data.append(buffer, static_cast<size_t>(got));
    }
    const std::string head = data.substr(0, head_end);
    size_t line_end = head.find("\r\n");
    const std::string request_line = head.substr(0, line_end);
    request->method = request_line.substr(0, request_line.find(' '));
    const size_t target_start = request_line.find(' ') + 1;
    request->target = request_line.substr(target_start, request_line.rfind(' ') - target_start);
    while (line_end != std::string::npos && line_end < head.size()) {
      const size_t next = head.find("\r\n", line_end + 2);
      const std::string line = head.substr(line_end + 2, next - line_end - 2);
      const size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        size_t value_start = colon + 1;
        while (value_start < line.size() && line[value_start] == ' ') ++value_start;
        request->headers.emplace_back(name, line.substr(value_start));
      }
      line_end = next;
    }
    request->body = data.substr(head_end + 4);
    const size_t length = std::stoul("0" + request->Header("content-length"));
    while (request->body.size() < length) {
      const ssize_t got = recv(connection, buffer, sizeof(buffer), 0);
      if (got <= 0) return false;
      request->body.append(buffer, static_cast<size_t>(got));
    }
    return true;
  }

  Handler handler_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<Request> requests_;
  std::thread thread_;
};

}  // namespace larder::sources
