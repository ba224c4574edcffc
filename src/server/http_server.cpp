#include "server/http_server.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "common/logging.h"
#include "server/http_parser.h"

namespace larder::server {

using Clock = std::chrono::steady_clock;

struct HttpServer::Connection {
  int fd = -1;
  std::string peer;
  std::string buffer;  // Bytes read but not yet consumed by a request.
  Clock::time_point last_active;
  // When the first byte of the request in `buffer` arrived (meaningful while buffer has bytes):
  // the request must be complete within request_timeout of it.
  Clock::time_point request_started;
  bool continue_sent = false;  // "100 Continue" was sent for the request in `buffer`.
  ~Connection() {
    if (fd >= 0) ::close(fd);
  }
};

namespace {

enum class ReadResult { kData, kWouldBlock, kEof, kError };

int MillisUntil(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(std::min<int64_t>(left.count(), 1 << 30));
}

// Appends what the socket has now to `buffer`, without waiting.
ReadResult ReadAvailable(int fd, std::string* buffer) {
  char chunk[65536];
  for (;;) {
    ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
    if (n > 0) {
      buffer->append(chunk, static_cast<size_t>(n));
      return ReadResult::kData;
    }
    if (n == 0) return ReadResult::kEof;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return ReadResult::kWouldBlock;
    return ReadResult::kError;
  }
}

bool WriteAll(int fd, std::string_view data, Clock::time_point deadline) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
    pollfd waiting{fd, POLLOUT, 0};
    int ready = ::poll(&waiting, 1, MillisUntil(deadline));
    if (ready == 0) return false;
    if (ready < 0 && errno != EINTR) return false;
  }
  return true;
}

std::string FormatResponseHead(const HttpResponse& response, bool keep_alive) {
  std::string head =
      fmt::format("HTTP/1.1 {} {}\r\n", response.status, ReasonPhrase(response.status));
  if (!response.content_type.empty()) {
    head += fmt::format("Content-Type: {}\r\n", response.content_type);
  }
  for (const auto& [name, value] : response.headers) head += fmt::format("{}: {}\r\n", name, value);
  head += fmt::format("Content-Length: {}\r\nConnection: {}\r\n\r\n", response.body.size(),
                      keep_alive ? "keep-alive" : "close");
  return head;
}

// Sends an error the server itself detected and asks the client to close.
void SendError(int fd, const HttpError& error, Clock::time_point deadline) {
  HttpResponse response;
  SetError(&response, error.status, error.code, error.detail);
  WriteAll(fd, FormatResponseHead(response, false) + response.body, deadline);
}

std::string PeerName(const sockaddr_storage& address) {
  char host[INET6_ADDRSTRLEN] = "?";
  int port = 0;
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
    ::inet_ntop(AF_INET, &v4->sin_addr, host, sizeof(host));
    port = ntohs(v4->sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof(host));
    port = ntohs(v6->sin6_port);
  }
  return fmt::format("{}:{}", host, port);
}

// Where the poller's epoll events point for the listening socket and the wake-up eventfd.
char kListenTag;
char kWakeTag;

}  // namespace

HttpServer::HttpServer(const HttpServerOptions& options, HttpHandler handler)
    : options_(options), handler_(std::move(handler)) {}

HttpServer::~HttpServer() {
  Stop();
  if (epoll_fd_ >= 0) ::close(epoll_fd_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const HttpServerOptions& options,
                                                      HttpHandler handler) {
  std::unique_ptr<HttpServer> server(new HttpServer(options, std::move(handler)));
  LARDER_RETURN_IF_ERROR(server->Listen());
  server->poller_ = std::thread([raw = server.get()] { raw->PollLoop(); });
  for (size_t i = 0; i < std::max<size_t>(options.workers, 1); ++i) {
    server->workers_.emplace_back([raw = server.get()] { raw->WorkerLoop(); });
  }
  return server;
}

Status HttpServer::Listen() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
  addrinfo* found = nullptr;
  std::string port_text = std::to_string(options_.port);
  if (int rc = ::getaddrinfo(options_.host.c_str(), port_text.c_str(), &hints, &found); rc != 0) {
    return InvalidArgument("--host '{}' is not an IP address: {}", options_.host,
                           ::gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, ::freeaddrinfo);
  listen_fd_ = ::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) return IOError("socket: {}", std::strerror(errno));
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (::bind(listen_fd_, found->ai_addr, found->ai_addrlen) != 0 ||
      ::listen(listen_fd_, 1024) != 0) {
    return Status(StatusCode::kUnavailable, fmt::format("cannot listen on {}:{}: {}", options_.host,
                                                        options_.port, std::strerror(errno)));
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof(bound);
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &length);
  port_ = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                      : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_fd_ < 0 || wake_fd_ < 0) return IOError("cannot create the server's event loop");
  epoll_event listen_event{EPOLLIN, {.ptr = &kListenTag}};
  epoll_event wake_event{EPOLLIN, {.ptr = &kWakeTag}};
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &listen_event);
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake_event);
  return Status::OK();
}

void HttpServer::PollLoop() {
  epoll_event events[128];
  auto last_sweep = Clock::now();
  while (!stopping_.load()) {
    int count = ::epoll_wait(epoll_fd_, events, 128, 1000);
    for (int i = 0; i < count; ++i) {
      void* tag = events[i].data.ptr;
      if (tag == &kListenTag) {
        AcceptAll();
      } else if (tag != &kWakeTag) {
        Dispatch(static_cast<Connection*>(tag));
      }
    }
    auto now = Clock::now();
    if (now - last_sweep >= std::chrono::seconds(1)) {
      CloseIdle(now);
      last_sweep = now;
    }
  }
}

void HttpServer::AcceptAll() {
  for (;;) {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length,
                       SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE) {
        LARDER_LOG(kWarning, "cannot accept a connection: {}", std::strerror(errno));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      return;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    auto connection = std::make_unique<Connection>();
    connection->fd = fd;
    connection->peer = PeerName(address);
    connection->last_active = Clock::now();
    Park(std::move(connection));
  }
}

void HttpServer::Park(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(idle_mutex_);
  if (stopping_.load()) return;  // Closed by the unique_ptr.
  Connection* raw = connection.release();
  idle_.insert(raw);
  epoll_event event{EPOLLIN | EPOLLRDHUP | EPOLLONESHOT, {.ptr = raw}};
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, raw->fd, &event);
}

void HttpServer::Dispatch(Connection* connection) {
  {
    std::lock_guard lock(idle_mutex_);
    if (idle_.erase(connection) == 0) return;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, connection->fd, nullptr);
  }
  std::lock_guard lock(queue_mutex_);
  ready_.emplace_back(connection);
  queue_cv_.notify_one();
}

void HttpServer::CloseIdle(Clock::time_point now) {
  std::lock_guard lock(idle_mutex_);
  for (auto it = idle_.begin(); it != idle_.end();) {
    Connection* connection = *it;
    // A request begun but not finished has request_timeout; an idle connection idle_timeout.
    const bool partial = !connection->buffer.empty();
    if (partial ? now - connection->request_started < options_.request_timeout
                : now - connection->last_active < options_.idle_timeout) {
      ++it;
      continue;
    }
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, connection->fd, nullptr);
    if (partial) {
      SendError(connection->fd, {408, "request_timeout", "the request did not arrive in time"},
                now + std::chrono::milliseconds(100));
    }
    delete connection;
    it = idle_.erase(it);
  }
}

void HttpServer::WorkerLoop() {
  for (;;) {
    std::unique_ptr<Connection> connection;
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [&] { return !ready_.empty() || closed_; });
      if (ready_.empty()) return;
      connection = std::move(ready_.front());
      ready_.pop_front();
    }
    Serve(std::move(connection));
  }
}

void HttpServer::Stop() {
  {
    std::lock_guard lock(stop_mutex_);
    if (stopped_) return;
    stopped_ = true;
  }
  stopping_.store(true);
  if (wake_fd_ >= 0) {
    uint64_t one = 1;
    [[maybe_unused]] ssize_t ignored = ::write(wake_fd_, &one, sizeof(one));
  }
  if (poller_.joinable()) poller_.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  listen_fd_ = -1;
  {
    std::lock_guard lock(queue_mutex_);
    closed_ = true;
    queue_cv_.notify_all();
  }
  for (auto& worker : workers_) worker.join();
  workers_.clear();
  std::lock_guard lock(idle_mutex_);
  for (Connection* connection : idle_) delete connection;
  idle_.clear();
}

namespace {

enum class Extract { kIncomplete, kComplete, kFailed };

// Cuts one whole request from the front of `buffer` into `request`, or says what is missing.
// Nothing is consumed unless the request is complete. `*wants_continue` is set when the head
// asks for "100 Continue" and the body has not all arrived.
Extract ExtractRequest(std::string* buffer, const HttpServerOptions& options, HttpRequest* request,
                       HttpError* error, bool* wants_continue) {
  size_t head_end = buffer->find("\r\n\r\n");
  if (head_end == std::string::npos || head_end > options.max_header_bytes) {
    if (buffer->size() <= options.max_header_bytes) return Extract::kIncomplete;
    *error = {431, "headers_too_large",
              fmt::format("the request line and headers are over the limit of {} bytes",
                          options.max_header_bytes)};
    return Extract::kFailed;
  }
  BodyFraming framing;
  std::optional<HttpError> failed =
      ParseRequestHead(std::string_view(*buffer).substr(0, head_end), request);
  if (!failed) failed = GetBodyFraming(*request, options.max_body_bytes, &framing);
  if (failed) {
    *error = *failed;
    return Extract::kFailed;
  }
  const size_t body_start = head_end + 4;
  if (!framing.chunked) {
    if (buffer->size() - body_start < framing.content_length) {
      *wants_continue = framing.expect_continue;
      return Extract::kIncomplete;
    }
    request->body = buffer->substr(body_start, framing.content_length);
    buffer->erase(0, body_start + framing.content_length);
    return Extract::kComplete;
  }
  // A chunked body ends with a zero-size chunk: decode only once one may have arrived.
  bool may_be_complete = (*buffer)[std::min(body_start, buffer->size() - 1)] == '0' ||
                         buffer->find("\r\n0", body_start) != std::string::npos;
  if (may_be_complete) {
    ChunkedDecoder decoder(options.max_body_bytes);
    size_t consumed = 0;
    switch (decoder.Feed(std::string_view(*buffer).substr(body_start), &request->body, &consumed)) {
      case ChunkedDecoder::State::kDone:
        buffer->erase(0, body_start + consumed);
        return Extract::kComplete;
      case ChunkedDecoder::State::kError:
        *error = decoder.error();
        return Extract::kFailed;
      case ChunkedDecoder::State::kNeedMore:
        break;
    }
    request->body.clear();
  }
  *wants_continue = framing.expect_continue;
  return Extract::kIncomplete;
}

}  // namespace

void HttpServer::Serve(std::unique_ptr<Connection> connection) {
  const int fd = connection->fd;
  std::string& buffer = connection->buffer;
  for (;;) {
    // Between requests a client may send stray line breaks; they are not part of a request.
    while (buffer.starts_with("\r\n")) buffer.erase(0, 2);
    HttpRequest request;
    HttpError error;
    bool wants_continue = false;
    Extract extracted = ExtractRequest(&buffer, options_, &request, &error, &wants_continue);
    if (extracted == Extract::kFailed) {
      SendError(fd, error, Clock::now() + options_.write_timeout);
      return;
    }
    if (extracted == Extract::kIncomplete) {
      if (wants_continue && !connection->continue_sent) {
        connection->continue_sent = true;
        if (!WriteAll(fd, "HTTP/1.1 100 Continue\r\n\r\n", Clock::now() + options_.write_timeout)) {
          return;
        }
      }
      const bool was_empty = buffer.empty();
      ReadResult result = ReadAvailable(fd, &buffer);
      if (result == ReadResult::kData) {
        if (was_empty) connection->request_started = Clock::now();
        continue;
      }
      if (result != ReadResult::kWouldBlock) return;  // Closed or broken: drop it.
      break;  // Wait for more bytes without holding this worker.
    }
    connection->continue_sent = false;
    request.peer = connection->peer;
    const auto start = Clock::now();
    HttpResponse response;
    try {
      handler_(request, &response);
    } catch (const std::exception& e) {
      SetError(&response, 500, "internal_error", e.what());
    }
    const bool keep_alive = request.keep_alive && !stopping_.load();
    std::string head = FormatResponseHead(response, keep_alive);
    const bool written = WriteAll(fd, head + (request.method == "HEAD" ? "" : response.body),
                                  Clock::now() + options_.write_timeout);
    WriteAccessLog(request, response, Clock::now() - start);
    if (!written || !keep_alive) return;
    connection->last_active = Clock::now();
    connection->request_started = connection->last_active;  // For bytes already pipelined.
  }
  if (stopping_.load()) return;
  Park(std::move(connection));
}

void HttpServer::WriteAccessLog(const HttpRequest& request, const HttpResponse& response,
                                Clock::duration elapsed) {
  if (options_.access_log == nullptr) return;
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char when[32];
  std::strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &utc);
  double millis = std::chrono::duration<double, std::milli>(elapsed).count();
  std::string line =
      fmt::format("{} {} \"{} {}\" {} {} {:.1f}ms\n", when, request.peer, request.method,
                  request.path, response.status, response.body.size(), millis);
  std::lock_guard lock(log_mutex_);
  std::fwrite(line.data(), 1, line.size(), options_.access_log);
  std::fflush(options_.access_log);
}

}  // namespace larder::server
