// HttpServer: an HTTP/1.1 server for Larder's routes. One poller thread accepts connections and
// watches the ones waiting for bytes (epoll); a fixed set of workers parses, handles and answers
// requests as their bytes arrive, so neither an idle connection nor a slow client holds a
// worker. Request size limits, request / write / idle timeouts, JSON errors, an access log, and
// a graceful stop.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "server/http_message.h"

namespace larder::server {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8000;  // 0 picks a free port (see HttpServer::port()).
  size_t workers = 32;
  size_t max_header_bytes = 16 << 10;  // Request line and headers; over it: 431.
  size_t max_body_bytes = 20 << 20;    // Over it: 413, before the body is read.
  // From a request's first byte to its last; a client slower than this gets 408.
  std::chrono::milliseconds request_timeout{30000};
  std::chrono::milliseconds write_timeout{30000};
  std::chrono::milliseconds idle_timeout{15000};  // A keep-alive connection with no request.
  FILE* access_log = nullptr;                     // One line per request; null: none.
};

// Called on a worker thread for each request; fills the response. Must be thread-safe.
using HttpHandler = std::function<void(const HttpRequest& request, HttpResponse* response)>;

class HttpServer {
 public:
  // Binds, listens and starts the threads. kUnavailable when the address cannot be bound.
  static Result<std::unique_ptr<HttpServer>> Start(const HttpServerOptions& options,
                                                   HttpHandler handler);
  // Stops if still running.
  ~HttpServer();

  // The bound port (the chosen one when options.port was 0).
  int port() const { return port_; }
  // Stops accepting, lets every request in progress finish and be answered, closes every
  // connection and joins the threads. Idempotent; safe from any thread but a worker.
  void Stop();

 private:
  struct Connection;
  HttpServer(const HttpServerOptions& options, HttpHandler handler);
  Status Listen();
  void PollLoop();
  void AcceptAll();
  void CloseIdle(std::chrono::steady_clock::time_point now);
  void WorkerLoop();
  // Serves requests on `connection` while they keep coming; then parks or closes it.
  void Serve(std::unique_ptr<Connection> connection);
  void Park(std::unique_ptr<Connection> connection);
  void Dispatch(Connection* connection);
  void WriteAccessLog(const HttpRequest& request, const HttpResponse& response,
                      std::chrono::steady_clock::duration elapsed);

  const HttpServerOptions options_;
  const HttpHandler handler_;
  int listen_fd_ = -1;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;  // eventfd that interrupts the poller at Stop().
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex stop_mutex_;
  bool stopped_ = false;

  std::mutex idle_mutex_;  // Guards idle_: parked connections, owned here while parked.
  std::unordered_set<Connection*> idle_;

  std::mutex queue_mutex_;  // Guards ready_ and closed_.
  std::condition_variable queue_cv_;
  std::deque<std::unique_ptr<Connection>> ready_;  // Connections with bytes to read.
  bool closed_ = false;                            // Workers exit once ready_ is empty.

  std::mutex log_mutex_;
  std::thread poller_;
  std::vector<std::thread> workers_;
};

}  // namespace larder::server
