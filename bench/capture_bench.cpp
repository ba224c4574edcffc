// Capture benchmark, the load generator: keeps --connections keep-alive HTTP/1.1 connections
// busy sending POST /batch/ requests of --batch posthog-js-like events each to a running
// `larder serve`, while one more connection sends single-event POST /capture/ requests at a
// steady --capture-rate, and reports what the server sustained. Run by hand
// (bench/run-capture), never in CI.
//
// Each connection builds its request once (headers and JSON body) and, per request, overwrites
// fixed-width fields in place: every event's uuid (unique across the run), its timestamp, and
// its distinct id (one of --users users, uniform), so the generator costs little of the CPU it
// shares with the server. Only 200 answers count as accepted events; other statuses and
// connection errors are counted and printed. Latencies are measured from the request's first
// byte sent to its answer's last byte read, over the measured window only (after --warmup).
//
// Output: a human summary, then one JSON line (the last line of stdout) with
// {"events_per_second", "requests_per_second", "batch_latency_ms": {"p50","p99","max"},
//  "capture_latency_ms": {…}, "events_acked" (every event answered 200, warm-up included),
//  "events_unknown" (events whose request died without an answer: stored or not),
//  "non_200" ({status: count}), "errors", "per_second" (events acked in each second), …}.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/allocator.h"
#include "common/json.h"
#include "common/status.h"

namespace larder::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr std::string_view kUsage =
    "usage: larder_bench_capture --url http://HOST:PORT --token phc_... [--connections N]\n"
    "         [--seconds N] [--batch N] [--warmup N] [--rate N] [--capture-rate N] [--users N]\n"
    "  --url           the server (as `larder serve` prints it)\n"
    "  --token         the project token (`larder init` prints it)\n"
    "  --connections   connections sending POST /batch/ (default 16)\n"
    "  --seconds       length of the measured window (default 20)\n"
    "  --batch         events per batch request (default 100)\n"
    "  --warmup        seconds of load before the window, not measured (default 3)\n"
    "  --rate          events a second offered by all batch connections together, on a fixed\n"
    "                  schedule; 0 = as fast as the server answers (default 0)\n"
    "  --capture-rate  single-event POST /capture/ requests a second on one more connection,\n"
    "                  0 = none (default 50)\n"
    "  --users         distinct users the events come from (default 100000)\n";

struct BenchOptions {
  std::string host;
  std::string port;
  std::string token;
  uint64_t connections = 16;
  uint64_t seconds = 20;
  uint64_t batch = 100;
  uint64_t warmup = 3;
  uint64_t capture_rate = 50;
  uint64_t users = 100000;
  uint64_t rate = 0;  // Events a second over all batch connections; 0 = closed loop.
};

Result<uint64_t> ParseCount(std::string_view flag, const char* text) {
  char* end = nullptr;
  unsigned long long value = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0') {
    return InvalidArgument("{} wants a non-negative integer, got '{}'", flag, text);
  }
  return static_cast<uint64_t>(value);
}

// Splits "http://HOST:PORT[/]" into host and port.
Status ParseUrl(std::string_view url, BenchOptions* options) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    return InvalidArgument("--url must start with http://, got '{}'", url);
  }
  url.remove_prefix(kScheme.size());
  if (!url.empty() && url.back() == '/') url.remove_suffix(1);
  size_t colon = url.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == url.size()) {
    return InvalidArgument("--url must be http://HOST:PORT, got 'http://{}'", url);
  }
  options->host = std::string(url.substr(0, colon));
  options->port = std::string(url.substr(colon + 1));
  return Status::OK();
}

Result<BenchOptions> ParseArgs(int argc, char** argv) {
  BenchOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (i + 1 >= argc) return InvalidArgument("{} needs a value\n{}", flag, kUsage);
    const char* value = argv[++i];
    if (flag == "--url") {
      LARDER_RETURN_IF_ERROR(ParseUrl(value, &options));
    } else if (flag == "--token") {
      options.token = value;
    } else if (flag == "--connections") {
      LARDER_ASSIGN_OR_RETURN(options.connections, ParseCount(flag, value));
    } else if (flag == "--seconds") {
      LARDER_ASSIGN_OR_RETURN(options.seconds, ParseCount(flag, value));
    } else if (flag == "--batch") {
      LARDER_ASSIGN_OR_RETURN(options.batch, ParseCount(flag, value));
    } else if (flag == "--warmup") {
      LARDER_ASSIGN_OR_RETURN(options.warmup, ParseCount(flag, value));
    } else if (flag == "--rate") {
      LARDER_ASSIGN_OR_RETURN(options.rate, ParseCount(flag, value));
    } else if (flag == "--capture-rate") {
      LARDER_ASSIGN_OR_RETURN(options.capture_rate, ParseCount(flag, value));
    } else if (flag == "--users") {
      LARDER_ASSIGN_OR_RETURN(options.users, ParseCount(flag, value));
    } else {
      return InvalidArgument("unknown flag {}\n{}", flag, kUsage);
    }
  }
  if (options.host.empty() || options.token.empty()) {
    return InvalidArgument("--url and --token are required\n{}", kUsage);
  }
  // The connection number takes 12 bits of each uuid (see StampUuid).
  if (options.connections == 0 || options.connections > 4000) {
    return InvalidArgument("--connections must be 1 to 4000\n{}", kUsage);
  }
  if (options.seconds == 0 || options.batch == 0 || options.users == 0) {
    return InvalidArgument("--seconds, --batch and --users must be positive\n{}", kUsage);
  }
  return options;
}

// A small fast PRNG (splitmix64): per thread, seeded, no locks.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t bound) { return Next() % bound; }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

 private:
  uint64_t state_;
};

constexpr char kHexDigits[] = "0123456789abcdef";

// Writes `value`'s low `digits` hex digits at `out`, most significant first.
void WriteHex(uint64_t value, int digits, char* out) {
  for (int digit_idx = digits - 1; digit_idx >= 0; --digit_idx) {
    out[digit_idx] = kHexDigits[value & 0xf];
    value >>= 4;
  }
}

// A UUIDv7-shaped text (36 characters) unique per (connection, event number):
// 48 bits of Unix ms, version 7, 12 bits of connection, variant 8, 60 bits of event number.
void StampUuid(uint64_t unix_ms, uint64_t connection, uint64_t event_number, char* out) {
  WriteHex(unix_ms >> 16, 8, out);
  out[8] = '-';
  WriteHex(unix_ms, 4, out + 9);
  out[13] = '-';
  out[14] = '7';
  WriteHex(connection, 3, out + 15);
  out[18] = '-';
  out[19] = '8';
  WriteHex(event_number >> 48, 3, out + 20);
  out[23] = '-';
  WriteHex(event_number, 12, out + 24);
}

// A user's distinct id, as posthog-js makes anonymous ones: a UUIDv7-shaped text (36
// characters) derived from the user's number.
void StampDistinctId(uint64_t user, char* out) {
  Random random(user * 0x2545f4914f6cdd1dULL + 1);
  StampUuid(random.Next() >> 16, random.Below(4096), random.Next(), out);
}

// "2024-06-01T12:34:56.789Z" (24 characters) for `unix_ms`.
void StampTimestamp(int64_t unix_ms, char* out) {
  time_t seconds = static_cast<time_t>(unix_ms / 1000);
  struct tm utc;
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(unix_ms % 1000));
  std::memcpy(out, text, 24);
}

int64_t UnixMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr size_t kUuidChars = 36;
constexpr size_t kTimestampChars = 24;

// Where one event's overwritable fields sit in the request's body.
struct EventSlots {
  size_t uuid;
  size_t timestamp;
  std::vector<size_t> distinct_ids;  // distinct_id, properties.distinct_id, $device_id.
};

// One request's bytes (headers, then the body from body_offset) and its events' slots.
struct RequestTemplate {
  std::string bytes;
  size_t body_offset = 0;
  std::vector<EventSlots> events;  // Offsets into the body.
};

// Appends `"key":`.
void AppendKey(std::string_view key, std::string* out) {
  AppendJsonString(key, out);
  out->push_back(':');
}

// Appends a placeholder of `width` characters as a JSON string and returns where it starts.
size_t AppendSlot(std::string_view key, size_t width, std::string* out) {
  AppendKey(key, out);
  out->push_back('"');
  size_t at = out->size();
  out->append(width, '0');
  out->push_back('"');
  return at;
}

void AppendStringMember(std::string_view key, std::string_view value, std::string* out) {
  AppendKey(key, out);
  AppendJsonString(value, out);
  out->push_back(',');
}

void AppendNumberMember(std::string_view key, int64_t value, std::string* out) {
  AppendKey(key, out);
  *out += fmt::format("{},", value);
}

struct Platform {
  const char* os;
  const char* browser;
  int browser_version;
  const char* device_type;
  int screen_width;
  int screen_height;
  const char* user_agent;
};

constexpr Platform kPlatforms[] = {
    {"Mac OS X", "Chrome", 124, "Desktop", 1728, 1117,
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36"},
    {"Windows", "Chrome", 125, "Desktop", 1920, 1080,
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/125.0.0.0 Safari/537.36"},
    {"Windows", "Microsoft Edge", 124, "Desktop", 1536, 864,
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80"},
    {"iOS", "Mobile Safari", 17, "Mobile", 390, 844,
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1"},
    {"Android", "Chrome", 124, "Mobile", 412, 915,
     "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Mobile Safari/537.36"},
    {"Linux", "Firefox", 126, "Desktop", 2560, 1440,
     "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0"},
};

constexpr const char* kPaths[] = {"/",
                                  "/pricing",
                                  "/docs/getting-started",
                                  "/docs/api/capture",
                                  "/blog/how-we-built-our-warehouse",
                                  "/signup",
                                  "/app/dashboard/42",
                                  "/app/insights/trends"};

constexpr const char* kEvents[] = {"$pageview",    "$pageview",    "$pageview",  "$pageview",
                                   "$autocapture", "$autocapture", "$pageleave", "signed_up",
                                   "$pageview",    "invite_sent"};
constexpr const char* kUtmSources[] = {"google", "newsletter", "twitter", "linkedin", "bing"};
constexpr const char* kUtmMediums[] = {"cpc", "email", "social", "organic"};
constexpr const char* kUtmCampaigns[] = {"spring_sale", "launch_week", "brand", "retargeting"};
constexpr const char* kReferrers[] = {"https://www.google.com/", "$direct",
                                      "https://news.ycombinator.com/", "https://t.co/"};

std::string RandomUuidText(Random& random) {
  std::string text(kUuidChars, '0');
  StampUuid(static_cast<uint64_t>(UnixMillis()), random.Below(4096), random.Next(), text.data());
  return text;
}

// Appends one event as posthog-js sends it (about 900 bytes of properties) and records its slots.
EventSlots AppendEvent(Random& random, const std::string& token, std::string* out) {
  EventSlots slots;
  const Platform& platform = random.Pick(kPlatforms);
  const char* path = random.Pick(kPaths);
  const char* source = random.Pick(kUtmSources);
  const char* medium = random.Pick(kUtmMediums);
  const char* campaign = random.Pick(kUtmCampaigns);
  const char* referrer = random.Pick(kReferrers);
  std::string referring_domain = referrer[0] == '$' ? "$direct" : std::string(referrer + 8);
  if (referring_domain.back() == '/') referring_domain.pop_back();

  out->push_back('{');
  AppendStringMember("event", random.Pick(kEvents), out);
  slots.distinct_ids.push_back(AppendSlot("distinct_id", kUuidChars, out));
  *out += ",\"properties\":{";
  AppendStringMember("$os", platform.os, out);
  AppendStringMember("$browser", platform.browser, out);
  AppendStringMember("$device_type", platform.device_type, out);
  AppendStringMember(
      "$current_url",
      fmt::format("https://example.com{}?utm_source={}&utm_medium={}&utm_campaign={}", path, source,
                  medium, campaign),
      out);
  AppendStringMember("$host", "example.com", out);
  AppendStringMember("$pathname", path, out);
  AppendStringMember("$raw_user_agent", platform.user_agent, out);
  AppendNumberMember("$browser_version", platform.browser_version, out);
  AppendNumberMember("$screen_height", platform.screen_height, out);
  AppendNumberMember("$screen_width", platform.screen_width, out);
  AppendStringMember("$lib", "web", out);
  AppendStringMember("$lib_version", "1.160.3", out);
  AppendStringMember("$insert_id", fmt::format("{:016x}", random.Next()), out);
  *out += fmt::format("\"$time\":{:.3f},", static_cast<double>(UnixMillis()) / 1000);
  slots.distinct_ids.push_back(AppendSlot("distinct_id", kUuidChars, out));
  out->push_back(',');
  slots.distinct_ids.push_back(AppendSlot("$device_id", kUuidChars, out));
  out->push_back(',');
  AppendStringMember("$referrer", referrer, out);
  AppendStringMember("$referring_domain", referring_domain, out);
  AppendStringMember("$session_id", RandomUuidText(random), out);
  AppendStringMember("$window_id", RandomUuidText(random), out);
  AppendStringMember("utm_source", source, out);
  AppendStringMember("utm_medium", medium, out);
  AppendStringMember("utm_campaign", campaign, out);
  *out += "\"$is_identified\":false,";
  AppendStringMember("token", token, out);
  out->back() = '}';  // Replaces the last member's comma.
  out->push_back(',');
  slots.timestamp = AppendSlot("timestamp", kTimestampChars, out);
  out->push_back(',');
  slots.uuid = AppendSlot("uuid", kUuidChars, out);
  out->push_back('}');
  return slots;
}

// POST `path` with `events` events: {"api_key","batch":[…]} for /batch/, one event with its
// api_key for /capture/.
RequestTemplate BuildRequest(const BenchOptions& options, std::string_view path, uint64_t events,
                             Random& random) {
  std::string token_json;
  AppendJsonString(options.token, &token_json);
  bool batch = path == "/batch/";
  std::string body = batch ? "{\"api_key\":" + token_json + ",\"batch\":[" : "";
  RequestTemplate request;
  for (uint64_t event_idx = 0; event_idx < events; ++event_idx) {
    if (event_idx > 0) body += ',';
    request.events.push_back(AppendEvent(random, options.token, &body));
  }
  if (batch) {
    body += "]}";
  } else {
    body.pop_back();  // The event's closing brace: its api_key goes last.
    body += ",\"api_key\":" + token_json + "}";
  }
  request.bytes = fmt::format(
      "POST {} HTTP/1.1\r\nHost: {}:{}\r\nUser-Agent: larder_bench_capture\r\n"
      "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
      path, options.host, options.port, body.size());
  request.body_offset = request.bytes.size();
  request.bytes += body;
  return request;
}

// Gives every event of `request` a fresh uuid, the current time and a random user.
// `next_event_number` counts this connection's events.
void StampRequest(RequestTemplate* request, uint64_t connection, uint64_t users, Random& random,
                  uint64_t* next_event_number) {
  int64_t now_ms = UnixMillis();
  char timestamp[kTimestampChars];
  StampTimestamp(now_ms, timestamp);
  char distinct_id[kUuidChars];
  char* bytes = request->bytes.data() + request->body_offset;
  for (const EventSlots& event : request->events) {
    StampUuid(static_cast<uint64_t>(now_ms), connection, (*next_event_number)++,
              bytes + event.uuid);
    std::memcpy(bytes + event.timestamp, timestamp, kTimestampChars);
    StampDistinctId(random.Below(users), distinct_id);
    for (size_t at : event.distinct_ids) std::memcpy(bytes + at, distinct_id, kUuidChars);
  }
}

// One keep-alive HTTP/1.1 client connection over a blocking socket. Not thread-safe.
class HttpConnection {
 public:
  explicit HttpConnection(const BenchOptions& options) : options_(options) {}
  ~HttpConnection() { Close(); }
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connected() const { return fd_ >= 0; }

  Status Connect() {
    Close();
    struct addrinfo hints = {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    struct addrinfo* addresses = nullptr;
    int rc = getaddrinfo(options_.host.c_str(), options_.port.c_str(), &hints, &addresses);
    if (rc != 0) return IOError("cannot resolve {}: {}", options_.host, gai_strerror(rc));
    int error = 0;
    for (struct addrinfo* address = addresses; address != nullptr; address = address->ai_next) {
      fd_ = socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
      if (fd_ >= 0 && connect(fd_, address->ai_addr, address->ai_addrlen) == 0) break;
      error = errno;
      Close();
    }
    freeaddrinfo(addresses);
    if (fd_ < 0) {
      return IOError("cannot connect to {}:{}: {}", options_.host, options_.port,
                     std::strerror(error));
    }
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    struct timeval timeout = {30, 0};  // A server stuck this long counts as an error.
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
    return Status::OK();
  }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  // Sends `request` and reads the answer; its HTTP status code. On an error the connection is
  // closed (the request may or may not have been handled); also closed after the server's
  // `Connection: close`. REQUIRES: connected().
  Result<int> RoundTrip(std::string_view request) {
    Status sent = SendAll(request);
    Result<int> code = sent.ok() ? ReadResponse() : Result<int>(sent);
    if (!code.ok()) Close();
    return code;
  }

 private:
  Status SendAll(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t written = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) return IOError("send failed: {}", std::strerror(errno));
      bytes.remove_prefix(static_cast<size_t>(written));
    }
    return Status::OK();
  }

  // Appends what the socket has to buffer_.
  Status Receive() {
    size_t old_size = buffer_.size();
    buffer_.resize(old_size + 16384);
    ssize_t received;
    do {
      received = ::recv(fd_, buffer_.data() + old_size, 16384, 0);
    } while (received < 0 && errno == EINTR);
    buffer_.resize(old_size + static_cast<size_t>(std::max<ssize_t>(received, 0)));
    if (received == 0) return IOError("the server closed the connection");
    if (received < 0) return IOError("recv failed: {}", std::strerror(errno));
    return Status::OK();
  }

  // Reads one response with a Content-Length body; its status code.
  Result<int> ReadResponse() {
    buffer_.clear();
    size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (buffer_.size() > 65536) return IOError("response headers over 64 KiB");
      LARDER_RETURN_IF_ERROR(Receive());
    }
    std::string headers = buffer_.substr(0, header_end);
    for (char& c : headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (headers.compare(0, 9, "http/1.1 ") != 0 || headers.size() < 12) {
      return IOError("not an HTTP/1.1 response: '{}'", buffer_.substr(0, 40));
    }
    int code = std::atoi(headers.c_str() + 9);
    size_t length_at = headers.find("\r\ncontent-length:");
    if (length_at == std::string::npos) return IOError("response without Content-Length");
    size_t body_bytes = std::strtoull(headers.c_str() + length_at + 17, nullptr, 10);
    while (buffer_.size() < header_end + 4 + body_bytes) LARDER_RETURN_IF_ERROR(Receive());
    if (headers.find("\r\nconnection: close") != std::string::npos) Close();
    return code;
  }

  const BenchOptions& options_;
  int fd_ = -1;
  std::string buffer_;
};

// The run's phases: load starts at `start`, is measured from `measured` to `end`, and stops.
struct Window {
  SteadyClock::time_point start;
  SteadyClock::time_point measured;
  SteadyClock::time_point end;
};

// What one connection saw, or the sum over several.
struct LoadCounts {
  uint64_t events_acked = 0;     // Events answered 200, warm-up included.
  uint64_t events_measured = 0;  // Of those, answered inside the measured window.
  uint64_t requests_measured = 0;
  uint64_t events_unknown = 0;  // Events of requests that died without an answer.
  uint64_t errors = 0;          // Connection errors: refused, reset, timed out, malformed.
  std::map<int, uint64_t> non_200;
  std::vector<int64_t> latencies_ns;  // Of the 200s inside the measured window.
  std::string first_error;
};

// One connection's counts, written by its thread and read after it finished, and the events
// acknowledged so far, which the progress loop reads while it runs.
struct ConnectionStats {
  LoadCounts counts;
  std::atomic<uint64_t> events_acked{0};
};

// Sends `request` once on `http` (connecting first if needed) and records the outcome.
void Exchange(HttpConnection& http, const RequestTemplate& request, const Window& window,
              ConnectionStats* connection_stats) {
  LoadCounts* stats = &connection_stats->counts;
  if (!http.connected()) {
    Status connected = http.Connect();
    if (!connected.ok()) {
      ++stats->errors;
      if (stats->first_error.empty()) stats->first_error = connected.message();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      return;
    }
  }
  SteadyClock::time_point sent = SteadyClock::now();
  Result<int> code = http.RoundTrip(request.bytes);
  SteadyClock::time_point answered = SteadyClock::now();
  uint64_t events = request.events.size();
  if (!code.ok()) {
    ++stats->errors;
    stats->events_unknown += events;
    if (stats->first_error.empty()) stats->first_error = code.status().message();
    return;
  }
  if (*code != 200) {
    ++stats->non_200[*code];
    return;
  }
  stats->events_acked += events;
  connection_stats->events_acked.fetch_add(events, std::memory_order_relaxed);
  if (answered >= window.measured && answered < window.end) {
    stats->events_measured += events;
    ++stats->requests_measured;
    stats->latencies_ns.push_back(
        std::chrono::duration_cast<std::chrono::nanoseconds>(answered - sent).count());
  }
}

// One batch connection: sends requests back to back until the window ends.
void SendBatches(const BenchOptions& options, uint64_t connection, const Window& window,
                 ConnectionStats* stats) {
  Random random(connection * 7919 + 17);
  RequestTemplate request = BuildRequest(options, "/batch/", options.batch, random);
  HttpConnection http(options);
  uint64_t next_event_number = 0;
  // With --rate, each connection sends its share on a fixed schedule (open loop); a late answer
  // moves the schedule on from now rather than sending a burst.
  const auto interval = options.rate == 0
                            ? std::chrono::nanoseconds(0)
                            : std::chrono::nanoseconds(1000000000ULL * options.connections *
                                                       options.batch / options.rate);
  SteadyClock::time_point next = SteadyClock::now() + interval * connection / options.connections;
  while (SteadyClock::now() < window.end) {
    if (interval.count() > 0) {
      std::this_thread::sleep_until(next);
      next = std::max(next + interval, SteadyClock::now());
    }
    StampRequest(&request, connection, options.users, random, &next_event_number);
    Exchange(http, request, window, stats);
  }
}

// The single-event connection: one request every 1/capture_rate s on a fixed schedule; when an
// answer comes late the schedule moves on from now instead of sending a burst.
void SendCaptures(const BenchOptions& options, uint64_t connection, const Window& window,
                  ConnectionStats* stats) {
  Random random(connection * 7919 + 17);
  RequestTemplate request = BuildRequest(options, "/capture/", 1, random);
  HttpConnection http(options);
  uint64_t next_event_number = 0;
  auto interval = std::chrono::nanoseconds(1000000000 / options.capture_rate);
  for (SteadyClock::time_point next = window.start; next < window.end;) {
    std::this_thread::sleep_until(next);
    StampRequest(&request, connection, options.users, random, &next_event_number);
    Exchange(http, request, window, stats);
    next = std::max(next + interval, SteadyClock::now());
  }
}

struct Latency {
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

Latency Summarize(std::vector<int64_t> latencies_ns) {
  if (latencies_ns.empty()) return {};
  std::sort(latencies_ns.begin(), latencies_ns.end());
  auto at = [&](double quantile) {
    size_t rank = static_cast<size_t>(std::ceil(quantile * latencies_ns.size()));
    return static_cast<double>(latencies_ns[std::max<size_t>(rank, 1) - 1]) / 1e6;
  };
  return {at(0.50), at(0.99), static_cast<double>(latencies_ns.back()) / 1e6};
}

std::string LatencyJson(const Latency& latency) {
  return fmt::format(R"({{"p50":{:.3f},"p99":{:.3f},"max":{:.3f}}})", latency.p50_ms,
                     latency.p99_ms, latency.max_ms);
}

// The counts of connections [begin, end) added up.
LoadCounts Merge(const std::vector<std::unique_ptr<ConnectionStats>>& stats, size_t begin,
                 size_t end) {
  LoadCounts total;
  for (size_t connection = begin; connection < end; ++connection) {
    const LoadCounts& part = stats[connection]->counts;
    total.events_acked += part.events_acked;
    total.events_measured += part.events_measured;
    total.requests_measured += part.requests_measured;
    total.events_unknown += part.events_unknown;
    total.errors += part.errors;
    for (const auto& [code, count] : part.non_200) total.non_200[code] += count;
    total.latencies_ns.insert(total.latencies_ns.end(), part.latencies_ns.begin(),
                              part.latencies_ns.end());
    if (total.first_error.empty()) total.first_error = part.first_error;
  }
  return total;
}

double CpuSeconds() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// The run's results, from the connections' counts.
struct Figures {
  LoadCounts batches;
  LoadCounts captures;
  LoadCounts all;
  std::vector<uint64_t> per_second;  // Events acknowledged in each second, warm-up included.
  double events_per_second = 0;      // Batches and single captures, in the measured window.
  double requests_per_second = 0;    // Batch requests, in the measured window.
  Latency batch_latency;
  Latency capture_latency;
  size_t request_bytes = 0;  // Of one batch request, headers included.
  size_t event_bytes = 0;    // JSON of one event in a batch.
  double cpu_seconds = 0;    // The generator's, user and system.
};

void PrintSummary(const BenchOptions& options, const Figures& figures) {
  const LoadCounts& all = figures.all;
  std::string non_200;
  for (const auto& [code, count] : all.non_200) non_200 += fmt::format(" {} × {}", count, code);
  fmt::print(
      "capture load: {} connections × {} events a request, {} s measured after {} s of "
      "warm-up\n",
      options.connections, options.batch, options.seconds, options.warmup);
  fmt::print("  events/s         {:.0f} ({} events answered 200 in the window)\n",
             figures.events_per_second, all.events_measured);
  const Latency& batch = figures.batch_latency;
  fmt::print("  batch requests   {:.1f}/s, latency p50 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms\n",
             figures.requests_per_second, batch.p50_ms, batch.p99_ms, batch.max_ms);
  const Latency& capture = figures.capture_latency;
  fmt::print(
      "  single captures  {} in the window ({}/s asked), latency p50 {:.2f} ms, "
      "p99 {:.2f} ms, max {:.2f} ms\n",
      figures.captures.requests_measured, options.capture_rate, capture.p50_ms, capture.p99_ms,
      capture.max_ms);
  fmt::print("  acknowledged     {} events in all (warm-up included), {} of unknown outcome\n",
             all.events_acked, all.events_unknown);
  fmt::print("  errors           {} connection errors{}{}; non-200 answers:{}\n", all.errors,
             all.errors ? ", the first: " : "", all.first_error,
             non_200.empty() ? " none" : non_200);
  fmt::print("  batch request    {} bytes ({} bytes of JSON an event); generator CPU {:.1f} s\n",
             figures.request_bytes, figures.event_bytes, figures.cpu_seconds);
}

// The figures as one JSON line (the keys are listed at the top of the file).
void PrintJson(const BenchOptions& options, const Figures& figures) {
  std::string json = "{";
  auto member = [&json](std::string_view key, std::string_view value) {
    if (json.size() > 1) json += ',';
    AppendJsonString(key, &json);
    json += ':';
    json += value;
  };
  const LoadCounts& all = figures.all;
  member("events_per_second", fmt::format("{:.0f}", figures.events_per_second));
  member("requests_per_second", fmt::format("{:.1f}", figures.requests_per_second));
  member("batch_latency_ms", LatencyJson(figures.batch_latency));
  member("capture_latency_ms", LatencyJson(figures.capture_latency));
  member("captures_measured", std::to_string(figures.captures.requests_measured));
  member("events_measured", std::to_string(all.events_measured));
  member("events_acked", std::to_string(all.events_acked));
  member("events_unknown", std::to_string(all.events_unknown));
  member("errors", std::to_string(all.errors));
  std::string text;
  AppendJsonString(all.first_error, &text);
  member("first_error", text);
  text = "{";
  for (const auto& [code, count] : all.non_200) {
    text += fmt::format("{}\"{}\":{}", text.size() > 1 ? "," : "", code, count);
  }
  member("non_200", text + "}");
  member("per_second", fmt::format("[{}]", fmt::join(figures.per_second, ",")));
  member("connections", std::to_string(options.connections));
  member("batch", std::to_string(options.batch));
  member("seconds", std::to_string(options.seconds));
  member("warmup_seconds", std::to_string(options.warmup));
  member("capture_rate", std::to_string(options.capture_rate));
  member("rate", std::to_string(options.rate));
  member("users", std::to_string(options.users));
  member("batch_request_bytes", std::to_string(figures.request_bytes));
  member("event_json_bytes", std::to_string(figures.event_bytes));
  member("generator_cpu_seconds", fmt::format("{:.2f}", figures.cpu_seconds));
  fmt::print("{}}}\n", json);
  std::fflush(stdout);
}

// Prints the events acknowledged in each second of the run as they come, until the load ends;
// returns them.
std::vector<uint64_t> WatchProgress(const BenchOptions& options, const Window& window,
                                    const std::vector<std::unique_ptr<ConnectionStats>>& stats) {
  std::vector<uint64_t> per_second;
  uint64_t acked_before = 0;
  for (uint64_t second = 1; SteadyClock::now() < window.end; ++second) {
    std::this_thread::sleep_until(window.start + std::chrono::seconds(second));
    uint64_t acked = 0;
    for (const auto& part : stats) acked += part->events_acked.load(std::memory_order_relaxed);
    per_second.push_back(acked - acked_before);
    acked_before = acked;
    fmt::print(stderr, "{:4} s {:>9} events acknowledged{}\n", second, per_second.back(),
               second <= options.warmup ? " (warm-up)" : "");
  }
  return per_second;
}

Status Run(const BenchOptions& options) {
  HttpConnection probe(options);
  LARDER_RETURN_IF_ERROR(probe.Connect());
  probe.Close();

  Window window;
  window.start = SteadyClock::now();
  window.measured = window.start + std::chrono::seconds(options.warmup);
  window.end = window.measured + std::chrono::seconds(options.seconds);
  // Connections 0 .. connections-1 send batches; the one after them single events.
  size_t capture_connections = options.capture_rate > 0 ? 1 : 0;
  std::vector<std::unique_ptr<ConnectionStats>> stats;
  std::vector<std::thread> threads;
  for (uint64_t connection = 0; connection < options.connections + capture_connections;
       ++connection) {
    stats.push_back(std::make_unique<ConnectionStats>());
    threads.emplace_back(connection < options.connections ? SendBatches : SendCaptures,
                         std::cref(options), connection, std::cref(window), stats.back().get());
  }
  std::vector<uint64_t> per_second = WatchProgress(options, window, stats);
  for (std::thread& thread : threads) thread.join();

  Figures figures;
  figures.batches = Merge(stats, 0, options.connections);
  figures.captures = Merge(stats, options.connections, stats.size());
  figures.all = Merge(stats, 0, stats.size());
  figures.per_second = std::move(per_second);
  double seconds = static_cast<double>(options.seconds);
  figures.events_per_second = static_cast<double>(figures.all.events_measured) / seconds;
  figures.requests_per_second = static_cast<double>(figures.batches.requests_measured) / seconds;
  figures.batch_latency = Summarize(figures.batches.latencies_ns);
  figures.capture_latency = Summarize(figures.captures.latencies_ns);
  Random random(1);
  RequestTemplate sample = BuildRequest(options, "/batch/", options.batch, random);
  figures.request_bytes = sample.bytes.size();
  figures.event_bytes = (sample.bytes.size() - sample.body_offset) / options.batch;
  figures.cpu_seconds = CpuSeconds();
  PrintSummary(options, figures);
  PrintJson(options, figures);
  return Status::OK();
}

}  // namespace
}  // namespace larder::bench

int main(int argc, char** argv) {
  larder::ConfigureAllocator(argv);  // As the larder binary does.
  auto options = larder::bench::ParseArgs(argc, argv);
  larder::Status status = options.ok() ? larder::bench::Run(*options) : options.status();
  if (status.ok()) return 0;
  std::fprintf(stderr, "larder_bench_capture: %s\n", status.ToString().c_str());
  return larder::ExitCodeFor(status);
}
